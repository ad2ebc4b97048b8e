package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.format.TextFormatException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * The record loop NDJSON inference and parsing share: walks the JSON objects of a {@link Chunk}
 * with one Jackson parser (records are root values separated by whitespace, so blank lines and
 * CRLF ends need nothing special), hands each object to a {@link Sink}, and turns every problem
 * into a {@link TextFormatException} naming the file and the line the bad record starts on, or,
 * when errors are ignored, drops the record and resumes at the next line with a new parser.
 *
 * <p>A record is one line, as in DuckDB's {@code format='newline_delimited'}: an object that starts
 * on one line and ends on another is malformed (the scan splits files into chunks at line ends, so
 * such an object could not be read consistently), and so is anything after the object on its line
 * but spaces (DuckDB's default format would also read two objects on one line).
 */
final class NdjsonRecords {
    private NdjsonRecords() {}

    /**
     * The one parser factory (thread-safe; parsers are per call). NaN and Infinity are accepted as
     * numbers, as DuckDB's reader does; everything else is strict JSON.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** Receives each record; must consume the object through its END_OBJECT. */
    interface Sink {
        /** Called with the parser on the record's START_OBJECT. */
        void record(JsonParser p, Position pos);

        /** Called when the record just read is whole (on its own line). */
        default void commit() {}

        /** Undoes whatever the current, failed record added. */
        void rollback();
    }

    /** Where the parser reads: {@code data} and the absolute index parser offsets count from. */
    static final class Position {
        final byte[] data;
        int base;

        Position(byte[] data) { this.data = data; }

        /** Absolute index in {@link #data} of a parser byte offset. */
        int abs(long parserOffset) { return base + (int) parserOffset; }
    }

    /**
     * A record that cannot be read: wrong top-level value, value that does not fit its column,
     * duplicate key. Cheap to throw (no stack trace), since skipping bad records may throw many.
     */
    static final class BadRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRecord(String message) { super(message, null, false, false); }
    }

    private static final int UTF8_BOM_LENGTH = 3;

    /** Index of the first byte after a UTF-8 byte order mark at the start of the file, if any. */
    static int skipBom(Chunk chunk) {
        byte[] d = chunk.data();
        int o = chunk.offset();
        if (chunk.firstLine() == 1 && chunk.length() >= UTF8_BOM_LENGTH
                && d[o] == (byte) 0xEF && d[o + 1] == (byte) 0xBB && d[o + 2] == (byte) 0xBF) {
            return o + UTF8_BOM_LENGTH;
        }
        return o;
    }

    static JsonParser parser(byte[] data, int from, int to) {
        return FACTORY.createParser(ObjectReadContext.empty(), data, from, to - from);
    }

    /**
     * Feeds up to {@code maxRecords} records of {@code chunk} to {@code sink}.
     *
     * @return the number of records delivered
     */
    static int forEach(Chunk chunk, int maxRecords, boolean ignoreErrors, Sink sink) {
        byte[] data = chunk.data();
        int end = chunk.end();
        Position pos = new Position(data);
        pos.base = skipBom(chunk);
        int count = 0;
        JsonParser p = parser(data, pos.base, end);
        try {
            while (count < maxRecords) {
                int recordStart = -1;
                try {
                    JsonToken t = p.nextToken();
                    if (t == null) break;
                    TokenStreamLocation start = p.currentTokenLocation();
                    recordStart = pos.abs(start.getByteOffset());
                    if (t != JsonToken.START_OBJECT) throw new BadRecord("expected a JSON object, found " + describe(p, t));
                    sink.record(p, pos);
                    TokenStreamLocation stop = p.currentLocation();
                    if (stop.getLineNr() != start.getLineNr()) {
                        throw new BadRecord("the JSON object does not end on the line it starts on");
                    }
                    if (!restOfLineBlank(data, pos.abs(stop.getByteOffset()), end)) {
                        throw new BadRecord("unexpected content after the JSON object");
                    }
                    sink.commit();
                    count++;
                } catch (JacksonException | BadRecord e) {
                    sink.rollback();
                    int at = recordStart >= 0 ? recordStart : errorOffset(e, p, pos, end);
                    if (!ignoreErrors) {
                        long line = chunk.firstLine() + newlines(data, chunk.offset(), at);
                        throw new TextFormatException(message(e), chunk.file(), line,
                                e instanceof BadRecord ? null : e);
                    }
                    int next = nextLine(data, at, end);
                    p.close();
                    if (next >= end) return count;
                    pos.base = next;
                    p = parser(data, next, end);
                }
            }
        } finally {
            p.close();
        }
        return count;
    }

    private static int errorOffset(RuntimeException e, JsonParser p, Position pos, int end) {
        TokenStreamLocation loc = e instanceof JacksonException je ? je.getLocation() : null;
        if (loc == null || loc.getByteOffset() < 0) loc = p.currentLocation();
        long off = loc.getByteOffset();
        return off < 0 ? pos.base : Math.min(end, pos.abs(off));
    }

    /** The problem without Jackson's location suffixes (they count from the chunk, not the file). */
    static String message(RuntimeException e) {
        if (!(e instanceof JacksonException je)) return e.getMessage();
        String m = je.getOriginalMessage();
        if (m == null) return "malformed JSON (" + e.getClass().getSimpleName() + ")";
        int cut = m.indexOf(" (start marker at [Source");
        if (cut >= 0) m = m.substring(0, cut);
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        return "malformed JSON: " + m;
    }

    private static String describe(JsonParser p, JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getString();
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    /** Whether only spaces, tabs and carriage returns come before the next newline (or the end). */
    private static boolean restOfLineBlank(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = data[i];
            if (b == '\n') return true;
            if (b != ' ' && b != '\t' && b != '\r') return false;
        }
        return true;
    }

    /** Newline bytes in {@code data[from, to)}. */
    static long newlines(byte[] data, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) if (data[i] == '\n') n++;
        return n;
    }

    /** The index after the first newline at or after {@code from}, or {@code end}. */
    static int nextLine(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) if (data[i] == '\n') return i + 1;
        return end;
    }
}
