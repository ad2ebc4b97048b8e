package dev.streamingadaptive.oracle;

import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.reader.MmapParquetReader;

import java.nio.file.Path;

/**
 * Child-JVM entry used by CorpusConformanceTest#largeStringMap so that an OutOfMemoryError cannot
 * take down the surefire fork. Exit 0 = read (2 rows), 3 = ParquetFormatException naming the file,
 * 7 = MemoryBudgetExceededException naming the file (refused up front from the footer's sizes),
 * anything else = failure (stack trace on stderr).
 */
public final class LargeStringMapProbe {
    private LargeStringMapProbe() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            long total = r.totalRows();
            int h = r.readAll().height();
            System.out.println("read totalRows=" + total + " height=" + h);
            System.exit(total == 2 && h == 2 ? 0 : 4);
        } catch (ParquetFormatException e) {
            System.out.println("ParquetFormatException: " + e.getMessage());
            System.exit(e.getMessage() != null && e.getMessage().contains(file.getFileName().toString()) ? 3 : 5);
        } catch (MemoryBudgetExceededException e) {
            System.out.println("MemoryBudgetExceededException: " + e.getMessage());
            System.exit(e.getMessage() != null && e.getMessage().contains(file.getFileName().toString()) ? 7 : 5);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(6);
        }
    }
}
