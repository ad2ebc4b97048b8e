package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;

/**
 * A batch column of the {@link TypeSupport.Family#LONG} family as one {@code long[]}: unsigned
 * types zero-extended (UINT64 keeps its bits), booleans 0/1, decimals unscaled. A LongColumn is
 * used as is; other classes are converted into a reused buffer. Valid until the next {@link #load}.
 */
final class LongVector {
    /** The values of rows [0, rows); entries of null rows are unspecified. */
    long[] values;
    /** Null flags, or null when no row is null. */
    boolean[] nulls;

    private long[] buffer = new long[0];
    private final NullFlags nullFlags = new NullFlags();
    /** The last dictionary seen, converted once: consecutive batches of a row group share it. */
    private Column cachedDictionary;
    private long[] cachedDictionaryValues;
    private LongVector dictionaryVector;

    void load(Column c, int rows) {
        nulls = nullFlags.of(c, rows);
        values = convert(c, rows);
    }

    private long[] buffer(int rows) {
        if (buffer.length < rows) buffer = new long[Math.max(rows, buffer.length + (buffer.length >> 1))];
        return buffer;
    }

    private long[] convert(Column c, int rows) {
        DataType type = c.type();
        switch (c) {
            case LongColumn l -> {
                return l.rawValues();
            }
            case IntColumn ic -> {
                int[] v = ic.rawValues();
                long[] out = buffer(rows);
                switch (type.kind()) {
                    case UINT8 -> { for (int i = 0; i < rows; i++) out[i] = v[i] & 0xFFL; }
                    case UINT16 -> { for (int i = 0; i < rows; i++) out[i] = v[i] & 0xFFFFL; }
                    case UINT32, UINT64 -> { for (int i = 0; i < rows; i++) out[i] = v[i] & 0xFFFF_FFFFL; }
                    default -> { for (int i = 0; i < rows; i++) out[i] = v[i]; }
                }
                return out;
            }
            case BooleanColumn b -> {
                boolean[] v = b.rawValues();
                long[] out = buffer(rows);
                for (int i = 0; i < rows; i++) out[i] = v[i] ? 1 : 0;
                return out;
            }
            case BinaryColumn b when b.unscaledLongs() != null -> {
                return b.unscaledLongs();
            }
            case BinaryColumn b when type.kind() == DataType.Kind.DECIMAL -> {
                // A decimal of up to 18 digits written as bytes: big-endian two's complement.
                byte[] data = b.rawData();
                int[] off = b.rawOffsets();
                long[] out = buffer(rows);
                for (int i = 0; i < rows; i++) out[i] = Int128.loOf(data, off[i], off[i + 1] - off[i]);
                return out;
            }
            case DictionaryColumn d -> {
                Column dict = d.dictionary();
                if (dict != cachedDictionary) {
                    if (dictionaryVector == null) dictionaryVector = new LongVector();
                    dictionaryVector.load(dict, dict.size());
                    cachedDictionaryValues = dictionaryVector.values.clone();
                    cachedDictionary = dict;
                }
                long[] dv = cachedDictionaryValues;
                int[] idx = d.rawIndices();
                long[] out = buffer(rows);
                boolean[] n = nulls;
                for (int i = 0; i < rows; i++) out[i] = n != null && n[i] ? 0 : dv[idx[i]];
                return out;
            }
            case NullColumn n -> {
                long[] out = buffer(rows);
                java.util.Arrays.fill(out, 0, rows, 0L);
                return out;
            }
            default -> throw new IllegalArgumentException("column '" + c.name() + "' of type " + type + " is stored as "
                    + c.getClass().getSimpleName() + ", which is not an integer-like column");
        }
    }
}
