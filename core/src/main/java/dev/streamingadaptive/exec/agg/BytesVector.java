package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;

/**
 * A batch column of the {@link TypeSupport.Family#BYTES} family as (data, offsets, indices):
 * value of row i is {@code data[offsets[j], offsets[j + 1])} with {@code j = indices == null ? i :
 * indices[i]}, so dictionary-encoded strings are read through their codes without being expanded.
 * Wide decimals are rewritten to the 16-byte ordered form of {@link Int128}.
 * Valid until the next {@link #load}.
 */
final class BytesVector {
    byte[] data;
    int[] offsets;
    /** Dictionary codes, or null for a plain column. */
    int[] indices;
    /** The dictionary column when {@link #indices} is set (its identity lets callers cache per-entry work). */
    Column dictionary;
    boolean[] nulls;

    private final NullFlags nullFlags = new NullFlags();
    private byte[] dataBuffer = new byte[0];
    private int[] offsetBuffer = new int[0];
    private Column cachedDictionary;
    private byte[] cachedData;
    private int[] cachedOffsets;

    void load(Column c, int rows) {
        nulls = nullFlags.of(c, rows);
        indices = null;
        dictionary = null;
        boolean wide = TypeSupport.isWideDecimal(c.type());
        switch (c) {
            case BinaryColumn b when !wide -> {
                data = b.rawData();
                offsets = b.rawOffsets();
            }
            case DictionaryColumn d -> {
                Column dict = d.dictionary();
                indices = d.rawIndices();
                dictionary = dict;
                if (dict instanceof BinaryColumn b && !wide) {
                    data = b.rawData();
                    offsets = b.rawOffsets();
                } else {
                    if (!wide) {
                        throw new IllegalArgumentException("column '" + c.name() + "' of type " + c.type()
                                + " has a dictionary stored as " + dict.getClass().getSimpleName() + ", not as bytes");
                    }
                    if (dict != cachedDictionary) { // a dictionary of wide decimals: canonical form once per dictionary
                        BytesVector v = new BytesVector();
                        v.load(dict, dict.size());
                        cachedData = java.util.Arrays.copyOf(v.data, dict.size() * 16);
                        cachedOffsets = java.util.Arrays.copyOf(v.offsets, dict.size() + 1);
                        cachedDictionary = dict;
                    }
                    data = cachedData;
                    offsets = cachedOffsets;
                }
            }
            case NullColumn n -> {
                data = dataBuffer;
                offsets = offsetBuffer(rows);
                java.util.Arrays.fill(offsets, 0, rows + 1, 0);
            }
            default -> {
                if (!wide) {
                    throw new IllegalArgumentException("column '" + c.name() + "' of type " + c.type() + " is stored as "
                            + c.getClass().getSimpleName() + ", not as bytes");
                }
                orderedDecimals(c, rows);
            }
        }
    }

    private int[] offsetBuffer(int rows) {
        if (offsetBuffer.length < rows + 1) offsetBuffer = new int[Math.max(rows + 1, offsetBuffer.length * 2)];
        return offsetBuffer;
    }

    /** Wide decimals from any storage to 16 ordered bytes each. */
    private void orderedDecimals(Column c, int rows) {
        if (dataBuffer.length < rows * 16) dataBuffer = new byte[Math.max(rows * 16, dataBuffer.length * 2)];
        int[] off = offsetBuffer(rows);
        byte[] out = dataBuffer;
        for (int i = 0; i <= rows; i++) off[i] = i * 16;
        switch (c) {
            case BinaryColumn b when b.unscaledLongs() != null -> {
                long[] v = b.unscaledLongs();
                for (int i = 0; i < rows; i++) Int128.writeOrdered(out, i * 16, v[i] >> 63, v[i]);
            }
            case BinaryColumn b -> {
                byte[] d = b.rawData();
                int[] o = b.rawOffsets();
                for (int i = 0; i < rows; i++) {
                    int len = o[i + 1] - o[i];
                    Int128.writeOrdered(out, i * 16, Int128.hiOf(d, o[i], len), Int128.loOf(d, o[i], len));
                }
            }
            case LongColumn l -> {
                long[] v = l.rawValues();
                for (int i = 0; i < rows; i++) Int128.writeOrdered(out, i * 16, v[i] >> 63, v[i]);
            }
            case IntColumn ic -> {
                int[] v = ic.rawValues();
                for (int i = 0; i < rows; i++) Int128.writeOrdered(out, i * 16, v[i] >> 31, v[i]);
            }
            default -> throw new IllegalArgumentException("column '" + c.name() + "' of type " + c.type()
                    + " is stored as " + c.getClass().getSimpleName() + ", not as a decimal");
        }
        data = out;
        offsets = off;
    }

    /** The type check shared by users: a bytes-family type. */
    static boolean accepts(DataType t) {
        return !t.isNested() && TypeSupport.family(t) == TypeSupport.Family.BYTES;
    }
}
