package dev.streamingadaptive.arrow.internal;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.Field;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills one Arrow {@link VectorSchemaRoot} from batch after batch of one schema. Columns chosen as
 * dictionary-encoded (dictionary id = column position) keep a batch's dictionary as the Arrow dictionary;
 * a batch whose column arrives plain is sent as its own dictionary with identity indices, so every batch
 * of the stream has the schema announced first.
 */
public final class RootWriter {
    private final dev.streamingadaptive.frame.Schema schema;
    private final boolean[] encoded;
    private final Schema arrowSchema;

    /**
     * @param encoded which columns to send dictionary-encoded (null: none); nested columns never are
     */
    public RootWriter(dev.streamingadaptive.frame.Schema schema, boolean[] encoded) {
        this.schema = schema;
        this.encoded = new boolean[schema.size()];
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.fields().get(i);
            this.encoded[i] = encoded != null && encoded[i] && !f.type().isNested();
            DictionaryEncoding dictionary = this.encoded[i] ? new DictionaryEncoding(i, false, new ArrowType.Int(32, true)) : null;
            // Top-level columns are declared nullable, as our sinks do: a computed column's nullability is not always known.
            fields.add(ArrowFields.field(new Field(f.name(), f.type(), true), dictionary));
        }
        this.arrowSchema = new Schema(fields);
    }

    /** Which of the batch's columns are dictionary columns: the encoding a stream announces from its first batch. */
    public static boolean[] dictionaryColumns(DataFrame first) {
        boolean[] out = new boolean[first.width()];
        for (int i = 0; i < out.length; i++) out[i] = first.column(i) instanceof DictionaryColumn;
        return out;
    }

    /** The Arrow schema (message form: a dictionary-encoded field has its value type and an encoding). */
    public Schema arrowSchema() {
        return arrowSchema;
    }

    /**
     * Writes {@code batch} into {@code root} (created from {@link #arrowSchema()} in memory form, as
     * {@code ArrowReader} and {@code DictionaryUtility.toMemoryFormat} make it) and the dictionaries.
     *
     * @throws IllegalArgumentException when the batch's columns differ from the schema's
     */
    public void fill(DataFrame batch, VectorSchemaRoot root, Map<Long, Dictionary> dictionaries) {
        if (batch.width() != schema.size()) {
            throw new IllegalArgumentException("batch of " + batch.width() + " columns for a schema of " + schema.size());
        }
        for (int i = 0; i < schema.size(); i++) {
            Column c = batch.column(i);
            Field f = schema.fields().get(i);
            if (!c.type().equals(f.type())) {
                throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type() + ", the schema says " + f.type());
            }
            FieldVector vector = root.getVector(i);
            if (!encoded[i]) {
                VectorWriter.write(c, vector);
                continue;
            }
            FieldVector values = dictionaries.get((long) i).getVector();
            DictionaryColumn d = c instanceof DictionaryColumn dc ? dc : identity(c);
            VectorWriter.writeIndices(d, (IntVector) vector);
            VectorWriter.write(d.dictionary(), values);
        }
        root.setRowCount(batch.height());
    }

    /** A plain column as its own dictionary: index i refers to value i. */
    private static DictionaryColumn identity(Column c) {
        int n = c.size();
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) indices[i] = i;
        return new DictionaryColumn(c.name(), c, indices, n, null);
    }
}
