package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.TextFormatException;
import dev.streamingadaptive.lazy.CsvOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** CSV as {@link CsvOptions} describe it. */
final class CsvFormat implements TextFormat {
    /** The longest record accepted (DuckDB's default max_line_size is 2 MB; wide rows exceed it). */
    static final int MAX_RECORD_BYTES = 256 << 20;

    private final CsvOptions options;
    private final RecordEnds ends;

    CsvFormat(CsvOptions options) {
        this.options = options;
        this.ends = RecordEnds.csv((byte) options.quote(), (byte) options.escape());
    }

    @Override public String name() { return "CSV"; }

    @Override
    public ChunkReader open(Path file, int chunkBytes) throws IOException {
        ChunkReader r = new ChunkReader(file, ends, chunkBytes, MAX_RECORD_BYTES);
        try {
            r.skipLines(options.skipRows());
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** The header's names, and the rest of the chunk in {@code rest[0]}; null names when the chunk has no record. */
    List<String> header(Chunk first, Chunk[] rest) {
        CsvTokenizer t = new CsvTokenizer(options);
        int next = t.record(first.data(), first.offset(), first.end());
        if (next == CsvTokenizer.END) {
            rest[0] = first.narrowed(first.end(), 0, first.firstLine() + t.newlines());
            return null;
        }
        if (t.problem() != null) throw new TextFormatException("header: " + t.problem(), first.file(), first.firstLine() + t.commentLines());
        List<String> names = CsvSchemaInference.names(t, first.data());
        rest[0] = first.narrowed(next, first.end() - next, first.firstLine() + t.newlines());
        return names;
    }

    @Override
    public Chunk withoutHeader(Chunk first, Schema schema) {
        if (!options.header()) return first;
        Chunk[] rest = new Chunk[1];
        List<String> names = header(first, rest);
        if (options.schema() == null && names != null && !names.equals(schema.names())) {
            throw new TextFormatException("the header " + names + " differs from the first file's " + schema.names(), first.file(), first.firstLine());
        }
        return rest[0];
    }

    @Override
    public ChunkParser parser(Schema schema, List<String> columns) {
        return new CsvChunkParser(schema, columns, options);
    }
}
