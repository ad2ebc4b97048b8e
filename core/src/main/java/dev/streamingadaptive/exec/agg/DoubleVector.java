package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.NullColumn;

/**
 * A numeric batch column as one {@code double[]}: floats widened exactly, integers converted,
 * UINT64 as unsigned, decimals divided by 10^scale (as DuckDB casts them to DOUBLE). A DoubleColumn
 * is used as is. Valid until the next {@link #load}.
 */
final class DoubleVector {
    double[] values;
    boolean[] nulls;

    private double[] buffer = new double[0];
    private final NullFlags nullFlags = new NullFlags();
    private LongVector longs;
    private BytesVector bytes;
    private Column cachedDictionary;
    private double[] cachedDictionaryValues;
    private DoubleVector dictionaryVector;

    void load(Column c, int rows) {
        nulls = nullFlags.of(c, rows);
        values = convert(c, rows);
    }

    private double[] buffer(int rows) {
        if (buffer.length < rows) buffer = new double[Math.max(rows, buffer.length + (buffer.length >> 1))];
        return buffer;
    }

    static double pow10(int scale) {
        return Math.pow(10, scale); // exact up to 10^22
    }

    private double[] convert(Column c, int rows) {
        DataType type = c.type();
        switch (c) {
            case DoubleColumn d -> {
                return d.rawValues();
            }
            case FloatColumn f -> {
                float[] v = f.rawValues();
                double[] out = buffer(rows);
                for (int i = 0; i < rows; i++) out[i] = v[i];
                return out;
            }
            case IntColumn ic when type.kind() == DataType.Kind.FLOAT16 -> {
                int[] v = ic.rawValues();
                double[] out = buffer(rows);
                for (int i = 0; i < rows; i++) out[i] = Float.float16ToFloat((short) v[i]);
                return out;
            }
            case DictionaryColumn d when TypeSupport.family(type) == TypeSupport.Family.DOUBLE -> {
                Column dict = d.dictionary();
                if (dict != cachedDictionary) {
                    if (dictionaryVector == null) dictionaryVector = new DoubleVector();
                    dictionaryVector.load(dict, dict.size());
                    cachedDictionaryValues = dictionaryVector.values.clone();
                    cachedDictionary = dict;
                }
                double[] dv = cachedDictionaryValues;
                int[] idx = d.rawIndices();
                double[] out = buffer(rows);
                boolean[] n = nulls;
                for (int i = 0; i < rows; i++) out[i] = n != null && n[i] ? 0 : dv[idx[i]];
                return out;
            }
            case NullColumn n -> {
                return buffer(rows);
            }
            default -> {
                if (TypeSupport.isWideDecimal(type)) {
                    if (bytes == null) bytes = new BytesVector();
                    bytes.load(c, rows);
                    double div = pow10(TypeSupport.scale(type));
                    double[] out = buffer(rows);
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) continue;
                        int o = bytes.offsets[bytes.indices == null ? i : bytes.indices[i]];
                        out[i] = Int128.toDouble(Int128.orderedHi(bytes.data, o), Int128.orderedLo(bytes.data, o)) / div;
                    }
                    return out;
                }
                if (TypeSupport.family(type) != TypeSupport.Family.LONG) {
                    throw new IllegalArgumentException("column '" + c.name() + "' of type " + type + " is not numeric");
                }
                if (longs == null) longs = new LongVector();
                longs.load(c, rows);
                long[] v = longs.values;
                double[] out = buffer(rows);
                if (type.kind() == DataType.Kind.DECIMAL) {
                    double div = pow10(TypeSupport.scale(type));
                    for (int i = 0; i < rows; i++) out[i] = v[i] / div;
                } else if (type.kind() == DataType.Kind.UINT64) {
                    for (int i = 0; i < rows; i++) out[i] = unsignedToDouble(v[i]);
                } else {
                    for (int i = 0; i < rows; i++) out[i] = v[i];
                }
                return out;
            }
        }
    }

    static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }
}
