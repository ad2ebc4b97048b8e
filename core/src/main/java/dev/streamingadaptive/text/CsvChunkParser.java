package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.TextFormatException;
import dev.streamingadaptive.lazy.CsvOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the records of a CSV chunk into the projected columns: fields of columns nobody reads
 * are only tokenized, never converted. A record with the wrong number of fields, a value that
 * does not parse as its column's type or a malformed quote fails with the file and line, or, with
 * {@code ignoreErrors}, drops the record.
 */
public final class CsvChunkParser implements ChunkParser {
    private final CsvOptions options;
    private final Schema fileSchema;
    private final List<String> columns;
    /** For each file column, its position in the output, or -1 when not read. */
    private final int[] outputOf;
    private final byte[][] nullTexts;
    /** Fields a record must be tokenized through: one past the last column read. */
    private final int fieldsRead;
    private final boolean emptyIsNull;

    /**
     * @param fileSchema every column of the file, in file order
     * @param columns    the columns to produce, in output order
     */
    public CsvChunkParser(Schema fileSchema, List<String> columns, CsvOptions options) {
        this.options = options;
        this.fileSchema = fileSchema;
        this.columns = List.copyOf(columns);
        this.outputOf = new int[fileSchema.size()];
        java.util.Arrays.fill(outputOf, -1);
        for (int i = 0; i < this.columns.size(); i++) {
            int f = fileSchema.indexOf(this.columns.get(i));
            if (f < 0) throw new IllegalArgumentException("no column named '" + this.columns.get(i) + "'; columns are " + fileSchema.names());
            outputOf[f] = i;
        }
        int last = -1;
        for (int f = 0; f < outputOf.length; f++) if (outputOf[f] >= 0) last = f;
        this.fieldsRead = last + 1;
        List<byte[]> texts = new ArrayList<>();
        boolean empty = false;
        for (String s : options.nullValues()) {
            if (s.isEmpty()) empty = true;
            else texts.add(s.getBytes(StandardCharsets.UTF_8));
        }
        this.nullTexts = texts.toArray(byte[][]::new);
        this.emptyIsNull = empty;
    }

    @Override
    public DataFrame parse(Chunk chunk) {
        byte[] b = chunk.data();
        int expected = fileSchema.size();
        int estimate = Math.max(16, chunk.length() / Math.max(8, expected * 6));
        ValueColumnBuilder[] builders = new ValueColumnBuilder[columns.size()];
        for (int i = 0; i < builders.length; i++) builders[i] = ValueColumnBuilder.of(fileSchema.field(columns.get(i)).type(), estimate);
        CsvTokenizer t = new CsvTokenizer(options);
        byte[] scratch = new byte[256];
        long line = chunk.firstLine();
        int rows = 0;
        int pos = chunk.offset();
        int limit = chunk.end();
        // Without quotes in the chunk, the fields after the last one read are only counted.
        boolean skipTail = chunk.quoteFree() && fieldsRead < expected;
        while (pos < limit) {
            int next = skipTail ? t.recordWithout(b, pos, limit, fieldsRead) : t.record(b, pos, limit);
            if (next == CsvTokenizer.END) break;
            long recordLine = line + t.commentLines();
            line += t.newlines();
            pos = next;
            if (t.blank() && expected > 1) continue;
            String problem = t.problem();
            int n = t.fields();
            if (problem == null && n != expected && !(options.nullPadding() && n < expected)) {
                problem = "expected " + expected + " fields, found " + n;
            }
            if (problem != null) {
                if (options.ignoreErrors()) continue;
                throw new TextFormatException(problem, chunk.file(), recordLine);
            }
            for (int f = 0; f < expected; f++) {
                int o = outputOf[f];
                if (o < 0) continue;
                ValueColumnBuilder builder = builders[o];
                if (f >= n) {
                    builder.addNull();
                    continue;
                }
                int s = t.start(f), e = t.end(f);
                if (isNull(b, s, e)) {
                    builder.addNull();
                    continue;
                }
                boolean ok;
                if (t.escaped(f)) {
                    if (scratch.length < e - s) scratch = new byte[Math.max(e - s, scratch.length * 2)];
                    int len = t.unescape(b, f, scratch);
                    ok = builder.add(scratch, 0, len);
                } else {
                    ok = builder.add(b, s, e);
                }
                if (!ok) {
                    if (options.ignoreErrors()) {
                        for (ValueColumnBuilder r : builders) r.truncate(rows);
                        break;
                    }
                    String text = new String(b, s, Math.min(e - s, 100), StandardCharsets.UTF_8);
                    throw new TextFormatException("column '" + fileSchema.fields().get(f).name() + "': '" + text
                            + "' is not a " + fileSchema.fields().get(f).type(), chunk.file(), recordLine);
                }
            }
            if (builders.length == 0 || builders[0].size() > rows) rows++;
        }
        List<Column> out = new ArrayList<>(builders.length);
        for (int i = 0; i < builders.length; i++) out.add(builders[i].build(columns.get(i)));
        return new DataFrame(out, rows);
    }

    private boolean isNull(byte[] b, int s, int e) {
        if (s == e) return emptyIsNull;
        for (byte[] n : nullTexts) {
            if (n.length == e - s && java.util.Arrays.equals(b, s, e, n, 0, n.length)) return true;
        }
        return false;
    }
}
