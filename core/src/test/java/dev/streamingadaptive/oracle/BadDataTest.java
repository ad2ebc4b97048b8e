package dev.streamingadaptive.oracle;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input ends in a ParquetFormatException, never a hang, an OutOfMemoryError or another
 * exception (DESIGN.md principle 6). Runs with the surefire heap (-Xmx2g).
 */
class BadDataTest {

    @TempDir static Path tmp;

    /**
     * DuckDB's answers for the corrupt files it reads, recorded by {@link BadDataExpectations#main}.
     * DuckDB is not run on corrupt input inside the test JVM: its native reader is not hardened
     * against such files, and a crash there would take the whole test fork down.
     */
    static final Path EXPECTED = Path.of("src/test/resources/bad_data_expected");

    static Stream<String> badFiles() throws IOException {
        try (Stream<Path> s = Files.list(OracleSupport.testingDir().resolve("bad_data"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList().stream();
        }
    }

    /** What reading a file ended in. */
    sealed interface Outcome permits Read, Rejected {}
    record Read(List<String> lines) implements Outcome {}
    record Rejected(ParquetFormatException e) implements Outcome {}

    /** Opens, reads all, then reads every row group; any exception other than ParquetFormatException propagates. */
    static Outcome attempt(Path file) {
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            r.totalRows();
            List<String> lines = OracleSupport.lines(r.readAll());
            for (int g = 0; g < r.numRowGroups(); g++) OracleSupport.lines(r.readRowGroup(g));
            return new Read(lines);
        } catch (ParquetFormatException e) {
            return new Rejected(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {   // close() may declare a checked exception
            throw new AssertionError("checked exception instead of ParquetFormatException", e);
        }
    }

    /**
     * bad_data/README.md: PARQUET-1481 (corrupt schema Thrift), ARROW-RS-GH-6229-DICTHEADER (negative
     * dictionary count), ARROW-RS-GH-6229-LEVELS (too few repetition levels), ARROW-GH-41321 (fewer
     * levels than num_values), ARROW-GH-41317 (columns of different sizes), ARROW-GH-43605 (RLE
     * dictionary indices with bit width 0), ARROW-GH-45185 (repetition levels starting with 1),
     * ARROW-GH-47662 (required column containing nulls). DuckDB 1.4.4 reads 43605, 45185 and
     * 6229-LEVELS and rejects the others.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void cleanErrorOrSameAsDuckDb(String name) {
        Path file = OracleSupport.testingDir().resolve("bad_data").resolve(name);
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> attempt(file));
        if (o instanceof Rejected(ParquetFormatException e)) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(name), "the message must name the file: " + e.getMessage());
            return;
        }
        List<String> ours = ((Read) o).lines();
        Path recorded = EXPECTED.resolve(name.replace(".parquet", ".jsonl"));
        if (!Files.exists(recorded)) {
            fail(name + ": we read it (" + ours.size() + " rows) but DuckDB rejects it (no recorded DuckDB result in "
                    + EXPECTED + "); a corrupt file must end in ParquetFormatException");
            return;
        }
        List<String> duck = readLines(recorded);
        String d = OracleSupport.diff(name + " (read successfully, so must equal DuckDB)", duck, ours);
        if (d != null) fail(d);
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Bounded fuzz of corrupted valid files (fixed seed).

    static final List<String> FUZZ_FILES = List.of(
            "alltypes_plain.parquet", "alltypes_plain.snappy.parquet", "datapage_v2.snappy.parquet",
            "nested_maps.snappy.parquet", "nullable.impala.parquet", "delta_length_byte_array.parquet",
            "byte_stream_split.zstd.parquet");

    @Test
    void corruptedVariants() throws Exception {
        Random rnd = new Random(20240131L);
        List<String> failures = new ArrayList<>();
        int iterations = 0;
        for (String name : FUZZ_FILES) {
            byte[] orig = Files.readAllBytes(OracleSupport.testingDir().resolve("data").resolve(name));
            int len = orig.length;
            int footerLen = ByteBuffer.wrap(orig, len - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int footerStart = Math.max(4, len - 8 - footerLen);
            List<byte[]> variants = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            // truncations
            for (int cut : new int[] {0, 1, 3, 4, 7, 8, 12, len / 4, len / 2, footerStart, footerStart + 1, len - 9, len - 8, len - 5, len - 4, len - 1}) {
                if (cut >= 0 && cut < len) {
                    variants.add(java.util.Arrays.copyOf(orig, cut));
                    labels.add("truncated to " + cut);
                }
            }
            for (int k = 0; k < 6; k++) {
                int cut = 4 + rnd.nextInt(len - 4);
                variants.add(java.util.Arrays.copyOf(orig, cut));
                labels.add("truncated to " + cut);
            }
            // huge / wrong footer lengths
            for (int fl : new int[] {-1, Integer.MAX_VALUE, len, len - 7, 0, 1, footerLen + 1, footerLen - 1}) {
                byte[] b = orig.clone();
                ByteBuffer.wrap(b, len - 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(fl);
                variants.add(b);
                labels.add("footer length " + fl);
            }
            // byte flips in the footer
            for (int k = 0; k < 16; k++) {
                byte[] b = orig.clone();
                int flips = 1 + rnd.nextInt(3);
                StringBuilder where = new StringBuilder("footer flips at");
                for (int j = 0; j < flips; j++) {
                    int at = footerStart + rnd.nextInt(len - 8 - footerStart);
                    b[at] ^= (byte) (1 + rnd.nextInt(255));
                    where.append(' ').append(at);
                }
                variants.add(b);
                labels.add(where.toString());
            }
            // varint bytes forced huge in the footer (declared lengths / counts)
            for (int k = 0; k < 6; k++) {
                byte[] b = orig.clone();
                int at = footerStart + rnd.nextInt(Math.max(1, len - 8 - footerStart - 5));
                for (int j = 0; j < 4; j++) b[at + j] = (byte) 0xFF;
                b[at + 4] = 0x07;
                variants.add(b);
                labels.add("huge varint in footer at " + at);
            }
            // flips in the first page header and anywhere in the data region
            for (int k = 0; k < 12; k++) {
                byte[] b = orig.clone();
                int at = k < 6 ? 4 + rnd.nextInt(Math.min(40, footerStart - 4)) : 4 + rnd.nextInt(footerStart - 4);
                b[at] ^= (byte) (1 + rnd.nextInt(255));
                variants.add(b);
                labels.add((k < 6 ? "page header flip at " : "data flip at ") + at);
            }
            for (int k = 0; k < 4; k++) {   // huge varints in the first page header (sizes, counts)
                byte[] b = orig.clone();
                int at = 5 + rnd.nextInt(Math.min(20, footerStart - 10));
                for (int j = 0; j < 4; j++) b[at + j] = (byte) 0xFF;
                b[at + 4] = 0x07;
                variants.add(b);
                labels.add("huge varint in page header at " + at);
            }
            for (int v = 0; v < variants.size(); v++) {
                iterations++;
                Path f = tmp.resolve("fuzz_" + iterations + "_" + name);
                Files.write(f, variants.get(v));
                String label = name + " " + labels.get(v);
                try {
                    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> attempt(f), label + ": hang");
                } catch (Throwable t) {
                    failures.add(label + ": " + t);
                    if (t instanceof OutOfMemoryError) break;
                }
                Files.deleteIfExists(f);
            }
        }
        assertTrue(iterations >= 300, "fuzz ran only " + iterations + " variants");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + iterations + " corrupted variants did not end in ParquetFormatException or a read:\n"
                    + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        }
    }
}
