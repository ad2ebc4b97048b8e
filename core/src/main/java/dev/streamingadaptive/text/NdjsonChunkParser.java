package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import tools.jackson.core.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the JSON lines of a {@link Chunk} into a batch of the projected columns.
 *
 * <p>Every non-blank line is one JSON object (a UTF-8 byte order mark at the start of the file is
 * skipped; CRLF line ends are fine). Keys absent from a record are null; keys that are not
 * projected are skipped without building their values; nested objects and arrays of projected
 * columns become struct and list columns. A value that does not fit its column's type (see
 * {@link NdjsonColumnBuilder} for what each type accepts), malformed JSON, a line that is not an
 * object, an object spread over several lines or a projected key given twice in one object throws a
 * {@link dev.streamingadaptive.frame.format.TextFormatException} naming the file, the line the
 * record starts on and the column; with {@code ignoreErrors} the record is left out instead.
 *
 * <p>Thread-safe: {@link #parse} keeps its state on the stack and shares only the parser factory.
 */
public final class NdjsonChunkParser implements ChunkParser {
    private final DataType.StructType projected;
    private final boolean ignoreErrors;

    /**
     * @param fileSchema   the columns of the file and their types (given or {@link NdjsonSchemaInference inferred})
     * @param columns      the columns to read, in output order; each must be in {@code fileSchema}
     * @param ignoreErrors leave bad records out instead of failing
     * @throws IllegalArgumentException for a column not in the schema, or of a type NDJSON cannot hold
     *         (map, decimal, binary, unsigned and other types without a JSON form)
     */
    public NdjsonChunkParser(Schema fileSchema, List<String> columns, boolean ignoreErrors) {
        Objects.requireNonNull(fileSchema, "fileSchema");
        List<Field> fields = new ArrayList<>(columns.size());
        for (String c : columns) fields.add(fileSchema.field(c));
        this.projected = new DataType.StructType(fields);
        this.ignoreErrors = ignoreErrors;
        new NdjsonColumnBuilder.Structs("", "", new NdjsonColumnBuilder.Ctx(), projected); // rejects unsupported types now
    }

    @Override
    public DataFrame parse(Chunk chunk) {
        NdjsonColumnBuilder.Ctx ctx = new NdjsonColumnBuilder.Ctx();
        NdjsonColumnBuilder.Structs top = new NdjsonColumnBuilder.Structs("", "", ctx, projected);
        NdjsonRecords.forEach(chunk, Integer.MAX_VALUE, ignoreErrors, new NdjsonRecords.Sink() {
            /** Rows of whole records so far: what a failed record is rolled back to. */
            private int committed;

            @Override
            public void record(JsonParser p, NdjsonRecords.Position pos) {
                ctx.pos = pos;
                top.readObject(p);
                top.size++;
            }

            @Override
            public void commit() {
                committed = top.size;
            }

            @Override
            public void rollback() {
                top.truncate(committed);
            }
        });
        return new DataFrame(top.buildChildren(), top.size);
    }
}
