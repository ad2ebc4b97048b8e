package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DictionaryColumn;

/**
 * The effective null flags of a batch column as a plain array (a dictionary entry that is itself
 * null makes its rows null). Column keeps its flags protected, so they are copied once per batch
 * into a reused buffer; the hot loops then read an array.
 */
final class NullFlags {
    private boolean[] buffer = new boolean[0];

    /** Null flags of rows [0, rows) of {@code c}, or null when no row is null. Valid until the next call. */
    boolean[] of(Column c, int rows) {
        boolean dictNulls = c instanceof DictionaryColumn d && d.dictionary().nullCount() > 0;
        if (!dictNulls && c.nullCount() == 0) return null;
        if (buffer.length < rows) buffer = new boolean[Math.max(rows, buffer.length * 2)];
        boolean[] b = buffer;
        if (dictNulls) {
            DictionaryColumn d = (DictionaryColumn) c;
            Column dict = d.dictionary();
            int[] idx = d.rawIndices();
            for (int i = 0; i < rows; i++) b[i] = c.isNull(i) || dict.isNull(idx[i]);
        } else {
            for (int i = 0; i < rows; i++) b[i] = c.isNull(i);
        }
        return b;
    }
}
