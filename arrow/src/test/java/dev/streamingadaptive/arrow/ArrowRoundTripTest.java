package dev.streamingadaptive.arrow;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every corpus file and every generated type, through Arrow and back: as one set of vectors, as a
 * dictionary-keeping stream across the C Data Interface, and as Arrow IPC files read by Arrow's own readers.
 * The values must equal the frame we read from Parquet (whose values CorpusConformanceTest holds to DuckDB's).
 */
class ArrowRoundTripTest {
    @TempDir Path dir;

    static Stream<Path> corpus() throws IOException {
        return TestData.corpusFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusFileSurvivesVectorsAndTheCStream(Path file) throws Exception {
        DataFrame ours = readOrSkip(file);
        try (BufferAllocator allocator = new RootAllocator()) {
            try (VectorSchemaRoot root = ArrowFrames.toVectors(ours, allocator)) {
                assertEquals(ours.height(), root.getRowCount());
                assertEquals(ours.schema(), ArrowFrames.schema(root.getSchema()), "types survive");
                assertEquals(ours, ArrowFrames.toFrame(root), file + ": values survive");
            }
            LazyFrame scan = LazyFrame.scanParquet(file.toString(), dev.streamingadaptive.lazy.ScanOptions.defaults().withChecksumVerification(false));
            assertEquals(ours, throughCStream(scan, ours, allocator), file + ": through ArrowArrayStream");
        }
    }

    @Test
    void everyGeneratedTypeSurvivesAndDictionariesStayEncoded() throws Exception {
        Path file = TestData.generatedTypes(dir);
        DataFrame ours;
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            ours = r.readAll();
        }
        assertTrue(ours.column("s_dict") instanceof DictionaryColumn, "the file has a dictionary column to keep");
        try (BufferAllocator allocator = new RootAllocator()) {
            try (VectorSchemaRoot root = ArrowFrames.toVectors(ours, allocator)) {
                assertEquals(ours, ArrowFrames.toFrame(root));
                assertEquals("arrow.uuid", root.getSchema().findField("u").getMetadata().get("ARROW:extension:name"));
            }
            try (FrameArrowReader reader = FrameArrowReader.of(LazyFrame.scanParquet(file.toString()), allocator)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertTrue(root.getSchema().findField("s_dict").getDictionary() != null, "s_dict is dictionary-encoded");
                List<DataFrame> batches = new ArrayList<>();
                while (reader.loadNextBatch()) {
                    DataFrame batch = ArrowFrames.toFrame(root, reader);
                    assertTrue(batch.column("s_dict") instanceof DictionaryColumn, "imported as a dictionary column");
                    batches.add(batch);
                }
                assertEquals(ours, concat(batches));
            }
            assertEquals(ours, throughCStream(LazyFrame.scanParquet(file.toString()), ours, allocator));
        }
    }

    @Test
    void ipcFilesAreReadBackByArrow() throws Exception {
        Path file = TestData.generatedTypes(dir);
        DataFrame ours;
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            ours = r.readAll();
        }
        for (String name : List.of("out.arrow", "out.arrows", "out.feather")) {
            Path out = dir.resolve(name);
            // Row groups of 4,096 rows: several record batches in the file.
            long rows = ArrowIpcWriter.sink(LazyFrame.scanParquet(file.toString()), out);
            assertEquals(ours.height(), rows);
            try (BufferAllocator allocator = new RootAllocator();
                 FileChannel ch = FileChannel.open(out);
                 ArrowReader reader = name.endsWith(".arrows") ? new ArrowStreamReader(ch, allocator) : new ArrowFileReader(ch, allocator)) {
                List<DataFrame> batches = new ArrayList<>();
                while (reader.loadNextBatch()) batches.add(ArrowFrames.toFrame(reader.getVectorSchemaRoot(), reader));
                assertEquals(ours, concat(batches), name);
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temp files left");
        }
    }

    @Test
    void anAbortedIpcWriteLeavesNothing() throws Exception {
        Path out = dir.resolve("aborted.arrow");
        DataFrame frame = DataFrame.empty();
        try (MmapParquetReader r = MmapParquetReader.open(TestData.corpusFiles().getFirst())) {
            frame = r.readAll();
        }
        ArrowIpcWriter w = ArrowIpcWriter.open(out, frame.schema());
        w.write(frame);
        w.abort();
        w.close();
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "neither the target nor a temp file");
        }
        DataFrame wrong = frame.select(frame.schema().names().get(0));
        ArrowIpcWriter w2 = ArrowIpcWriter.open(out, frame.schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w2.write(wrong));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    /**
     * Our scan exported through an ArrowArrayStream (C Data Interface) and imported back, as one frame
     * ({@code empty}, the expected frame, when no batch came: an empty result has no batch to carry its types).
     */
    static DataFrame throughCStream(LazyFrame query, DataFrame empty, BufferAllocator allocator) {
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            ArrowStreams.export(query, allocator, stream);
            try (Stream<DataFrame> frames = ArrowStreams.frames(stream, allocator)) {
                List<DataFrame> batches = frames.toList();
                if (batches.isEmpty()) {
                    assertEquals(0, empty.height(), "no batches for a result with rows");
                    return empty;
                }
                return concat(batches);
            }
        }
    }

    @Test
    void anArrowTypeWithoutAnEquivalentIsRefusedNamingTheColumn() {
        try (BufferAllocator allocator = new RootAllocator();
             org.apache.arrow.vector.DurationVector v = new org.apache.arrow.vector.DurationVector("elapsed",
                     org.apache.arrow.vector.types.pojo.FieldType.nullable(
                             new org.apache.arrow.vector.types.pojo.ArrowType.Duration(org.apache.arrow.vector.types.TimeUnit.SECOND)), allocator)) {
            v.allocateNew(1);
            v.set(0, 5);
            v.setValueCount(1);
            VectorSchemaRoot root = VectorSchemaRoot.of(v);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> ArrowFrames.toFrame(root));
            assertTrue(e.getMessage().contains("'elapsed'") && e.getMessage().contains("Duration"), e.getMessage());
        }
    }

    static DataFrame concat(List<DataFrame> batches) {
        if (batches.isEmpty()) return DataFrame.empty();
        int width = batches.getFirst().width();
        List<Column> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            List<Column> parts = new ArrayList<>();
            for (DataFrame b : batches) parts.add(b.column(c));
            columns.add(ColumnConcat.concat(parts));
        }
        return new DataFrame(columns, batches.stream().mapToInt(DataFrame::height).sum());
    }

    /**
     * Our reading of a corpus file (page checksums not verified: two files have wrong CRCs on purpose); files we
     * refuse as bad data are not this test's business.
     */
    static DataFrame readOrSkip(Path file) {
        try (MmapParquetReader r = MmapParquetReader.open(file).withChecksumVerification(false)) {
            return r.readAll();
        } catch (ParquetFormatException e) {
            Assumptions.abort("not a readable file: " + e.getMessage());
            throw e;
        }
    }
}
