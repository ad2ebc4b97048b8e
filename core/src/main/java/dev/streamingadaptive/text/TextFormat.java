package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.Schema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What differs between CSV and JSON lines for a scan: where records end, the preamble, the parser. */
interface TextFormat {
    /** "CSV" or "NDJSON", for plans and messages. */
    String name();

    /** A reader over {@code file} positioned after any lines to skip. */
    ChunkReader open(Path file, int chunkBytes) throws IOException;

    /**
     * The first chunk of a file without its header record, if the format has one; the header is
     * checked against the dataset's columns.
     */
    Chunk withoutHeader(Chunk first, Schema schema);

    /** A parser producing {@code columns} of {@code schema}. */
    ChunkParser parser(Schema schema, List<String> columns);
}
