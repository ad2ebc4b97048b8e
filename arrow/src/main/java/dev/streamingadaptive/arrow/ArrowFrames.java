package dev.streamingadaptive.arrow;

import dev.streamingadaptive.arrow.internal.ArrowFields;
import dev.streamingadaptive.arrow.internal.RootWriter;
import dev.streamingadaptive.arrow.internal.VectorReader;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@link DataFrame} as Arrow vectors and back, and our schemas as Arrow's.
 *
 * <p>Types map to Arrow's natives: signed and unsigned integers, half/single/double floats, UTF-8 strings,
 * binary and fixed-size binary, 128- or 256-bit decimals, date32, time32/time64 and timestamps with their unit
 * (zone {@code "UTC"} when UTC-adjusted), Parquet's interval as month-day-nanosecond, lists, structs and maps.
 * UUID and JSON are Arrow's canonical {@code arrow.uuid} and {@code arrow.json} extensions; ENUM and BSON travel as
 * strings and binary with a field metadata entry that brings them back. Every value a frame holds survives the
 * round trip.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = new RootAllocator();
 *      VectorSchemaRoot root = ArrowFrames.toVectors(frame, allocator)) {
 *     DataFrame back = ArrowFrames.toFrame(root);
 * }
 * }</pre>
 * For a stream of batches (a scan larger than memory) use {@link FrameArrowReader}.
 */
public final class ArrowFrames {
    private ArrowFrames() {}

    /** The Arrow schema of our schema (every top-level field nullable, no dictionary encoding). */
    public static Schema arrowSchema(dev.streamingadaptive.frame.Schema schema) {
        return new RootWriter(schema, null).arrowSchema();
    }

    /**
     * Our schema of an Arrow schema (dictionary-encoded fields by their value type).
     *
     * @throws UnsupportedOperationException naming the field whose Arrow type we have no equivalent of
     */
    public static dev.streamingadaptive.frame.Schema schema(Schema arrow) {
        List<dev.streamingadaptive.frame.Field> fields = new ArrayList<>();
        for (Field f : arrow.getFields()) fields.add(ArrowFields.field(f));
        return new dev.streamingadaptive.frame.Schema(fields);
    }

    /**
     * The frame as new Arrow vectors allocated from {@code allocator}, dictionary columns decoded (the caller
     * closes the root). Fixed-width values are copied once, straight from the frame's arrays.
     */
    public static VectorSchemaRoot toVectors(DataFrame frame, BufferAllocator allocator) {
        RootWriter writer = new RootWriter(frame.schema(), null);
        VectorSchemaRoot root = VectorSchemaRoot.create(writer.arrowSchema(), allocator);
        try {
            writer.fill(frame, root, Map.of());
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
        return root;
    }

    /** The vectors as a frame of heap columns (copied: the root may be closed or reused afterwards). */
    public static DataFrame toFrame(VectorSchemaRoot root) {
        return toFrame(root, null);
    }

    /**
     * {@link #toFrame(VectorSchemaRoot)} for a root with dictionary-encoded vectors, whose dictionaries
     * {@code dictionaries} holds (an {@code ArrowReader} is one): they become dictionary columns.
     *
     * @throws UnsupportedOperationException naming the column whose Arrow type we have no equivalent of
     */
    public static DataFrame toFrame(VectorSchemaRoot root, DictionaryProvider dictionaries) {
        List<FieldVector> vectors = root.getFieldVectors();
        List<Field> fields = root.getSchema().getFields();
        List<Column> columns = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) columns.add(VectorReader.read(vectors.get(i), fields.get(i), dictionaries));
        return new DataFrame(columns, root.getRowCount());
    }
}
