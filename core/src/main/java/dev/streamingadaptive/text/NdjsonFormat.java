package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.lazy.NdjsonOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** JSON lines: one object per line, no header. */
final class NdjsonFormat implements TextFormat {
    private final NdjsonOptions options;

    NdjsonFormat(NdjsonOptions options) {
        this.options = options;
    }

    @Override public String name() { return "NDJSON"; }

    @Override
    public ChunkReader open(Path file, int chunkBytes) throws IOException {
        return new ChunkReader(file, RecordEnds.LINES, chunkBytes, CsvFormat.MAX_RECORD_BYTES);
    }

    @Override public Chunk withoutHeader(Chunk first, Schema schema) { return first; }

    @Override
    public ChunkParser parser(Schema schema, List<String> columns) {
        return new NdjsonChunkParser(schema, columns, options.ignoreErrors());
    }
}
