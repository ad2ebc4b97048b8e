package dev.streamingadaptive.text;

import dev.streamingadaptive.lazy.CsvOptions;

import java.util.Arrays;

/**
 * Splits CSV records into fields: after {@link #record} the record's fields are
 * {@code [start(i), end(i))} of the input, quotes removed; {@link #escaped(i)} says a field still
 * holds escape sequences ({@link #unescape} removes them). RFC 4180 plus DuckDB's dialect: any
 * delimiter, quote and escape, comment lines, LF or CRLF (a lone CR also ends a record). One
 * instance per thread.
 */
final class CsvTokenizer {
    /** {@link #record} result: the chunk is exhausted. */
    static final int END = -1;

    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte comment;
    private final long delimiters;
    private static final long LFS = Swar.broadcast((byte) '\n'), CRS = Swar.broadcast((byte) '\r');
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] escapes = new boolean[16];
    private boolean[] quoted = new boolean[16];
    private int count;
    private int newlines;
    private int commentLines;
    /** The last record was read by {@link #recordWithout}, which sets {@link #blankLine}. */
    private boolean skipping;
    private boolean blankLine;
    private String problem;

    CsvTokenizer(CsvOptions o) {
        this.delimiter = (byte) o.delimiter();
        this.quote = (byte) o.quote();
        this.escape = (byte) o.escape();
        this.comment = (byte) o.comment();
        this.delimiters = Swar.broadcast(delimiter);
    }

    int fields() { return count; }
    int start(int i) { return starts[i]; }
    int end(int i) { return ends[i]; }
    boolean escaped(int i) { return escapes[i]; }
    boolean quoted(int i) { return quoted[i]; }

    /** Line terminators consumed by the last {@link #record} call (the record's own and those inside quotes or skipped lines). */
    int newlines() { return newlines; }

    /** Comment lines skipped before the last record (its first line is that many after where the call began). */
    int commentLines() { return commentLines; }

    /** Why the last record is malformed (an unterminated quote, text after a closing quote), or null. */
    String problem() { return problem; }

    /** Whether the last record is a blank line. */
    boolean blank() {
        return count == 1 && (skipping ? blankLine : ends[0] == starts[0] && !quoted[0]);
    }

    /**
     * Reads the record at {@code pos} (skipping comment lines before it): its fields, and the
     * position after it, or {@link #END} when only comment lines or nothing remained before
     * {@code limit}.
     */
    int record(byte[] b, int pos, int limit) {
        pos = begin(b, pos, limit, false);
        if (pos >= limit) return END;
        while (true) {
            int i = pos;
            if (count == starts.length) grow();
            if (quote != 0 && i < limit && b[i] == quote) {
                int s = ++i;
                boolean esc = false;
                while (true) {
                    if (i >= limit) {
                        problem = "a quoted field is not closed";
                        add(s, limit, true, esc);
                        return limit;
                    }
                    byte c = b[i];
                    if (c == quote) {
                        if (escape == quote && i + 1 < limit && b[i + 1] == quote) {
                            esc = true;
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == escape && escape != 0 && i + 1 < limit) {
                        esc = true;
                        if (b[i + 1] == '\n') newlines++;
                        i += 2;
                        continue;
                    }
                    if (c == '\n') newlines++;
                    i++;
                }
                add(s, i, true, esc);
                i++; // the closing quote
                if (i < limit && b[i] != delimiter && b[i] != '\n' && b[i] != '\r') {
                    problem = "text after a closing quote";
                    while (i < limit && b[i] != '\n') i++;
                    if (i < limit) {
                        newlines++;
                        i++;
                    }
                    return i;
                }
            } else {
                int s = i;
                i = unquotedEnd(b, i, limit);
                add(s, i, false, false);
            }
            if (i >= limit) return limit;
            byte c = b[i];
            if (c == delimiter) {
                pos = i + 1;
                continue;
            }
            newlines++;
            if (c == '\r' && i + 1 < limit && b[i + 1] == '\n') return i + 2;
            return i + 1;
        }
    }

    private void add(int s, int e, boolean q, boolean esc) {
        starts[count] = s;
        ends[count] = e;
        quoted[count] = q;
        escapes[count] = esc;
        count++;
    }

    private void grow() {
        int n = starts.length * 2;
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        escapes = Arrays.copyOf(escapes, n);
        quoted = Arrays.copyOf(quoted, n);
    }

    /**
     * {@link #record} for text known to hold no quote character, storing only the first
     * {@code keep} fields: the rest of the record is passed over by looking for its LF alone,
     * its delimiters counted so that {@link #fields()} is still the record's field count.
     * {@link #blank()} is valid; starts and ends only below {@code keep}.
     */
    int recordWithout(byte[] b, int pos, int limit, int keep) {
        pos = begin(b, pos, limit, true);
        if (pos >= limit) return END;
        blankLine = b[pos] == '\n' || (b[pos] == '\r' && (pos + 1 == limit || b[pos + 1] == '\n'));
        int i = pos;
        while (count < keep) {
            if (count == starts.length) grow();
            int s = i;
            i = unquotedEnd(b, i, limit);
            add(s, i, false, false);
            if (i >= limit) return limit;
            byte c = b[i];
            if (c != delimiter) {
                newlines++;
                return c == '\r' && i + 1 < limit && b[i + 1] == '\n' ? i + 2 : i + 1;
            }
            i++;
        }
        // The fields nobody reads: count their delimiters up to the LF.
        int fields = count + 1;
        while (i + 8 <= limit) {
            long w = Swar.word(b, i);
            long lf = Swar.matches(w, LFS);
            long dm = Swar.matches(w, delimiters);
            if (lf != 0) {
                long below = (lf & -lf) - 1; // the bytes before the first LF
                fields += Long.bitCount(dm & below);
                count = fields;
                newlines++;
                return i + (Long.numberOfTrailingZeros(lf) >>> 3) + 1;
            }
            fields += Long.bitCount(dm);
            i += 8;
        }
        for (; i < limit; i++) {
            byte c = b[i];
            if (c == '\n') {
                count = fields;
                newlines++;
                return i + 1;
            }
            if (c == delimiter) fields++;
        }
        count = fields;
        return limit;
    }

    /** Starts a record: clears the last one's state and passes over comment lines; returns where the record begins. */
    private int begin(byte[] b, int pos, int limit, boolean skip) {
        skipping = skip;
        count = 0;
        newlines = 0;
        problem = null;
        while (comment != 0 && pos < limit && b[pos] == comment) {
            while (pos < limit && b[pos] != '\n') pos++;
            if (pos < limit) {
                pos++;
                newlines++;
            }
        }
        commentLines = newlines;
        return pos;
    }

    /** The end of an unquoted field starting at {@code i}: the first delimiter, CR or LF (eight bytes at a time), or {@code limit}. */
    private int unquotedEnd(byte[] b, int i, int limit) {
        while (i + 8 <= limit) {
            long w = Swar.word(b, i);
            long m = Swar.matches(w, delimiters) | Swar.matches(w, LFS) | Swar.matches(w, CRS);
            if (m != 0) return i + (Long.numberOfTrailingZeros(m) >>> 3);
            i += 8;
        }
        byte d = delimiter;
        while (i < limit) {
            byte c = b[i];
            if (c == d || c == '\n' || c == '\r') break;
            i++;
        }
        return i;
    }

    /** Field {@code i} without its escape characters, written into {@code out} from 0; returns the length. */
    int unescape(byte[] b, int i, byte[] out) {
        int n = 0;
        int e = ends[i];
        for (int k = starts[i]; k < e; k++) {
            byte c = b[k];
            if ((c == escape && escape != 0) || (c == quote && escape == quote)) {
                if (k + 1 < e) c = b[++k];
            }
            out[n++] = c;
        }
        return n;
    }
}
