package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A read of a mapped file that faulted because the file shrank (or its storage failed) after it was
 * mapped. The JVM reports such a fault in a segment access as an {@link InternalError}; we report
 * it as a {@link ParquetFormatException} that says what happened to the file.
 */
public final class MappingFault {
    private MappingFault() {}

    /** Whether {@code e} is the JVM's report of a faulting access to mapped memory (not some other internal error). */
    public static boolean is(InternalError e) {
        String m = e.getMessage();
        return m != null && m.contains("unsafe memory access");
    }

    /**
     * When the file is now shorter than what was mapped, the error saying so (with {@code cause}, the
     * error the cut produced: a truncation inside a memory page reads as zeros, not as a fault, so it
     * surfaces as a CRC mismatch or a malformed page); null when the file is whole.
     */
    public static ParquetFormatException ifTruncated(RuntimeException cause, String file, long mappedSize, int rowGroup, String column,
                                                     long offset) {
        String now = fileNow(file, mappedSize);
        if (!now.startsWith("truncated")) return null;
        return new ParquetFormatException("file " + now + " while being read ("
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")", file, rowGroup, column,
                offset, cause);
    }

    /** What became of {@code file} since {@code mappedSize} bytes of it were mapped. */
    private static String fileNow(String file, long mappedSize) {
        try {
            long size = Files.size(Path.of(file));
            return size < mappedSize ? "truncated to " + size + " of " + mappedSize + " bytes" : "changed";
        } catch (IOException | RuntimeException gone) {
            return "removed or unreadable";
        }
    }

    /**
     * The format error for the fault {@code e} (rethrown as it is when it is not such a fault), naming
     * the file, what became of it, and where the read was.
     */
    public static ParquetFormatException report(InternalError e, String file, long mappedSize, int rowGroup, String column,
                                                long offset) {
        if (!is(e)) throw e;
        return new ParquetFormatException("file " + fileNow(file, mappedSize) + " while being read (a read of the mapped file failed)", file, rowGroup,
                column, offset, e);
    }
}
