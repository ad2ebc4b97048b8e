package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.reader.internal.ColumnChunkReader;
import dev.streamingadaptive.reader.internal.LeafData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every column chunk of the parquet-testing corpus (all encodings, page versions, nested columns,
 * deprecated BIT_PACKED levels) read a few rows at a time — random batch sizes, random skips,
 * the page buffer released between batches at random — gives exactly the levels and values of
 * reading the chunk whole.
 */
class IncrementalDecodingTest {

    static List<Path> corpus() throws IOException {
        List<Path> dirs = List.of(Path.of("../../shared/parquet-testing/data"), Path.of("../shared/parquet-testing/data"),
                Path.of("/work/shared/parquet-testing/data"));
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
                }
            }
        }
        throw new IllegalStateException("parquet-testing/data not found; tried " + dirs);
    }

    @Test
    void batchesOfAnySizeEqualTheWholeChunk() throws IOException {
        Random rnd = new Random(42);
        int chunks = 0;
        long rowsChecked = 0;
        List<String> unreadable = new ArrayList<>();
        for (Path file : corpus()) {
            MmapParquetReader r;
            try {
                r = MmapParquetReader.open(file);
            } catch (RuntimeException e) {
                unreadable.add(file.getFileName().toString());
                continue;
            }
            try (r) {
                for (int g = 0; g < r.numRowGroups(); g++) {
                    for (SchemaNode leaf : r.parquetSchema().leaves()) {
                        LeafData full;
                        try (ColumnChunkReader whole = r.chunkReader(g, leaf)) {
                            full = whole.read();
                        } catch (RuntimeException e) {
                            continue;   // bad or unsupported chunks are other tests' business
                        }
                        rowsChecked += check(file + " rg " + g + " " + leaf.dottedPath(), r, g, leaf, full, rnd);
                        chunks++;
                    }
                }
            }
        }
        System.out.println("incremental decoding: " + chunks + " chunks, " + rowsChecked + " rows compared; unreadable: " + unreadable);
        assertTrue(chunks > 300, "chunks checked: " + chunks);
    }

    /** Reads the chunk again in random steps and compares each step with the matching part of {@code full}. */
    private static long check(String what, MmapParquetReader r, int g, SchemaNode leaf, LeafData full, Random rnd) {
        int levels = full.levelCount();
        int[] rep = full.repLevels();
        int[] def = full.defLevels();
        // Row starts in the level arrays, and the index of each level's value among the present values.
        List<Integer> rowStarts = new ArrayList<>();
        for (int i = 0; i < levels; i++) if (rep == null || rep[i] == 0) rowStarts.add(i);
        int rows = rowStarts.size();
        rowStarts.add(levels);
        int[] valueAt = new int[levels + 1];
        int max = leaf.defLevel();
        for (int i = 0; i < levels; i++) valueAt[i + 1] = valueAt[i] + (def == null || def[i] == max ? 1 : 0);
        int row = 0;
        long compared = 0;
        try (ColumnChunkReader c = r.chunkReader(g, leaf)) {
            while (row < rows) {
                int step = 1 + rnd.nextInt(rnd.nextBoolean() ? 7 : Math.max(1, rows / 3 + 1));
                step = Math.min(step, rows - row);
                if (rnd.nextInt(4) == 0) {
                    c.skipRows(step);
                } else {
                    LeafData d = c.readRows(step);
                    int from = rowStarts.get(row);
                    int to = rowStarts.get(row + step);
                    assertEquals(to - from, d.levelCount(), what + ": levels of rows " + row + "+" + step);
                    if (rep != null) assertArrayEquals(slice(rep, from, to), slice(d.repLevels(), 0, to - from), what + " rep");
                    // A flat read leaves out the levels of a stretch without nulls (null: all at the maximum).
                    if (def != null || d.defLevels() != null) {
                        assertArrayEquals(levels(def, from, to, max), levels(d.defLevels(), 0, to - from, max), what + " def");
                    }
                    Column expected = full.values();
                    Column got = d.values();
                    assertEquals(valueAt[to] - valueAt[from], got.size(), what + ": values of rows " + row + "+" + step);
                    for (int i = 0; i < got.size(); i++) {
                        Object e = expected.get(valueAt[from] + i);
                        Object a = got.get(i);
                        if (!Objects.deepEquals(e, a)) {
                            throw new AssertionError(what + ": value " + (valueAt[from] + i) + " expected " + e + " got " + a);
                        }
                    }
                    compared += step;
                }
                row += step;
                if (rnd.nextInt(3) == 0) c.releasePage();
            }
            assertTrue(!c.hasMore(), what + ": chunk has levels left after its rows");
        }
        return compared;
    }

    /** Definition levels {@code [from, to)}; null levels are all at the maximum. */
    private static int[] levels(int[] a, int from, int to, int max) {
        if (a != null) return slice(a, from, to);
        int[] out = new int[to - from];
        java.util.Arrays.fill(out, max);
        return out;
    }

    private static int[] slice(int[] a, int from, int to) {
        int[] out = new int[to - from];
        System.arraycopy(a, from, out, 0, to - from);
        return out;
    }
}
