package dev.streamingadaptive.text;

/**
 * Where records end in a text format: the position just after the last complete record of a
 * range that starts at a record's beginning, and the line terminators before it, so chunks can be
 * cut on record boundaries without parsing them.
 */
interface RecordEnds {
    /**
     * The end of the last complete record in {@code [from, to)} (just past its LF), or -1 when no
     * record ends there; {@code lines[0]} receives the number of LFs in {@code [from, end)}.
     */
    int lastEnd(byte[] b, int from, int to, long[] lines);

    /** JSON lines: a record ends at every LF (JSON strings cannot hold a raw one). */
    RecordEnds LINES = (b, from, to, lines) -> {
        int end = -1;
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                end = i + 1;
                break;
            }
        }
        lines[0] = end < 0 ? 0 : Swar.count(b, from, end, (byte) '\n');
        return end;
    };

    /**
     * CSV: an LF ends a record unless it is inside quotes, so quote parity is tracked from the
     * start. Eight bytes at a time: words without a quote or an LF are skipped, words with LFs
     * but no quote outside quotes are settled from their masks; only words with quotes (or a
     * separate escape character) are walked byte by byte.
     */
    static RecordEnds csv(byte quote, byte escape) {
        boolean separateEscape = escape != quote && escape != 0;
        long quotes = Swar.broadcast(quote), lfs = Swar.broadcast((byte) '\n');
        return (b, from, to, lines) -> {
            int end = -1;
            long n = 0, atEnd = 0;
            boolean quoted = false;
            int i = from;
            for (; i + 8 <= to; i += 8) {
                long w = Swar.word(b, i);
                long q = quote == 0 ? 0 : Swar.matches(w, quotes);
                long lf = Swar.matches(w, lfs);
                if ((q | lf) == 0) continue;
                if (q == 0 && !separateEscape) {
                    n += Long.bitCount(lf);
                    if (!quoted) {
                        end = i + 8 - (Long.numberOfLeadingZeros(lf) >>> 3);
                        atEnd = n;
                    }
                    continue;
                }
                int k = i, stop = i + 8;
                for (; k < stop; k++) {
                    byte c = b[k];
                    if (c == '\n') {
                        n++;
                        if (!quoted) {
                            end = k + 1;
                            atEnd = n;
                        }
                    } else if (c == quote && quote != 0) {
                        quoted = !quoted;
                    } else if (separateEscape && quoted && c == escape && k + 1 < to) {
                        if (b[++k] == '\n') n++;
                    }
                }
                i = k - 8; // an escape may have stepped past the word
            }
            for (; i < to; i++) {
                byte c = b[i];
                if (c == '\n') {
                    n++;
                    if (!quoted) {
                        end = i + 1;
                        atEnd = n;
                    }
                } else if (c == quote && quote != 0) {
                    quoted = !quoted;
                } else if (separateEscape && quoted && c == escape && i + 1 < to) {
                    if (b[++i] == '\n') n++;
                }
            }
            lines[0] = atEnd;
            return end;
        };
    }
}
