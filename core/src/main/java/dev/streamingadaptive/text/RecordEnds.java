package dev.streamingadaptive.text;

/**
 * Where records end in a text format: the position just after the last complete record of a
 * range that starts at a record's beginning, and the line terminators before it, so chunks can be
 * cut on record boundaries without parsing them.
 */
interface RecordEnds {
    /**
     * The end of the last complete record in {@code [from, to)} (just past its LF), or -1 when no
     * record ends there; {@code out[0]} receives the number of LFs in {@code [from, end)},
     * {@code out[1]} 1 when {@code [from, to)} may hold a quote character, else 0.
     */
    int lastEnd(byte[] b, int from, int to, long[] out);

    /** Whether {@code [from, to)} holds a quote character (a chunk ending the file is not cut by {@link #lastEnd}). */
    default boolean hasQuote(byte[] b, int from, int to) {
        return true;
    }

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
        lines[1] = 1;
        return end;
    };

    /**
     * CSV: an LF ends a record unless it is inside quotes, so quote parity is tracked from the
     * start. Eight bytes at a time: words without a quote or an LF are skipped, words with LFs
     * but no quote outside quotes are settled from their masks; only words with quotes (or a
     * separate escape character) are walked byte by byte ({@link QuoteWalk}).
     */
    static RecordEnds csv(byte quote, byte escape) {
        boolean separateEscape = escape != quote && escape != 0;
        long quotes = Swar.broadcast(quote), lfs = Swar.broadcast((byte) '\n');
        return new RecordEnds() {
            @Override
            public int lastEnd(byte[] b, int from, int to, long[] out) {
                QuoteWalk w = new QuoteWalk(quote, separateEscape ? escape : 0);
                boolean sawQuote = false;
                int i = from;
                for (; i + 8 <= to; i += 8) {
                    long word = Swar.word(b, i);
                    long q = quote == 0 ? 0 : Swar.matches(word, quotes);
                    long lf = Swar.matches(word, lfs);
                    if ((q | lf) == 0) continue;
                    if (q == 0 && !separateEscape) {
                        w.lines += Long.bitCount(lf);
                        if (!w.quoted) {
                            w.end = i + 8 - (Long.numberOfLeadingZeros(lf) >>> 3);
                            w.linesAtEnd = w.lines;
                        }
                        continue;
                    }
                    sawQuote = true;
                    i = w.walk(b, i, i + 8, to) - 8; // an escape may step past the word
                }
                w.walk(b, i, to, to);
                out[0] = w.linesAtEnd;
                out[1] = sawQuote || w.sawQuote ? 1 : 0;
                return w.end;
            }

            @Override
            public boolean hasQuote(byte[] b, int from, int to) {
                return quote != 0 && Swar.count(b, from, to, quote) > 0;
            }
        };
    }

    /** Byte-by-byte quote tracking, for the words that hold a quote or an escape. */
    final class QuoteWalk {
        private final byte quote;
        private final byte escape;
        boolean quoted;
        boolean sawQuote;
        long lines;
        long linesAtEnd;
        int end = -1;

        QuoteWalk(byte quote, byte escape) {
            this.quote = quote;
            this.escape = escape;
        }

        /** Walks {@code [from, stop)} (an escape at its end may take the byte after, up to {@code limit}); returns where it stopped. */
        int walk(byte[] b, int from, int stop, int limit) {
            int k = from;
            for (; k < stop; k++) {
                byte c = b[k];
                if (c == '\n') {
                    lines++;
                    if (!quoted) {
                        end = k + 1;
                        linesAtEnd = lines;
                    }
                } else if (c == quote && quote != 0) {
                    quoted = !quoted;
                    sawQuote = true;
                } else if (escape != 0 && quoted && c == escape && k + 1 < limit) {
                    if (b[++k] == '\n') lines++;
                }
            }
            return k;
        }
    }
}
