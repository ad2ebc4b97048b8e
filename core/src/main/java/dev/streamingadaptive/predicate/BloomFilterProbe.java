package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.parquet.bloom.BloomFilterReader;
import dev.streamingadaptive.parquet.bloom.SplitBlockBloomFilter;
import dev.streamingadaptive.parquet.bloom.XxHash64;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Asks a column chunk's Bloom filter whether a literal may occur in it, for equality and IN pruning.
 *
 * <p>Equality here is the predicates' own: {@link Values#compare} between the value
 * {@link dev.streamingadaptive.frame.Column#get} would return and the literal. So the probe hashes
 * the PLAIN encoding of every stored value that compares equal to the literal, and answers true
 * (no pruning) whenever that set is not a small, certain one: NaN, mixed integer/floating
 * comparisons that doubles cannot settle, strings that may have come from malformed UTF-8,
 * unsupported types (BOOLEAN, INT96, FLOAT16, INTERVAL, decimals stored as binary) and nested
 * leaves. A false answer means the literal is certainly absent, provided the file follows the
 * specification (for example an INT_8 column stores its values sign-extended).
 */
final class BloomFilterProbe {
    private BloomFilterProbe() {}

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** How many stored values may equal a numeric literal: none, these (at most two), or too many to say. */
    private static final BigInteger[] NONE = {};
    private static final BigInteger[] UNSURE = null;

    /**
     * True when the top-level column {@code column} is a flat leaf with a usable Bloom filter in this
     * row group and none of {@code values} may be in it, so that an equality or IN predicate on it
     * matches no row here. False whenever that cannot be shown (no mapped file, no filter, a
     * malformed filter, an unsupported type, an empty list).
     */
    static boolean excludes(RowGroupMetadata rg, String column, List<Object> values) {
        if (rg == null || rg.file() == null || column == null || values == null || values.isEmpty()) return false;
        try {
            SchemaNode leaf = null;
            for (SchemaNode l : rg.schema().leaves()) {
                if (l.path().size() == 1 && l.name().equals(column)) leaf = l;
            }
            if (leaf == null || leaf.repLevel() > 0) return false;
            List<ColumnChunk> chunks = rg.rowGroup().columns();
            if (leaf.leafIndex() < 0 || leaf.leafIndex() >= chunks.size()) return false;
            ColumnChunk chunk = chunks.get(leaf.leafIndex());
            // An encrypted chunk's filter is ciphertext, and a chunk in another file (file_path) has
            // its filter there: neither can be probed in this file's bytes.
            if (chunk.encrypted() || chunk.filePath() != null) return false;
            ColumnMetaData md = chunk.metaData();
            if (md == null || md.type() != leaf.element().type()) return false;
            SplitBlockBloomFilter filter = BloomFilterReader.read(rg.file(), md);
            if (filter == null) return false;
            for (Object v : values) {
                if (mightContain(filter, leaf, v)) return false;
            }
            return true;
        } catch (RuntimeException e) {
            return false; // pruning is an optimisation: any surprise means "read the row group"
        }
    }

    /**
     * False only when no value of {@code leaf} that equals {@code literal} can be in {@code f}; true
     * when one may be, or when that cannot be decided.
     */
    static boolean mightContain(SplitBlockBloomFilter f, SchemaNode leaf, Object literal) {
        if (f == null || leaf == null || literal == null) return true;
        if (!leaf.isLeaf() || leaf.repLevel() > 0 || leaf.path().size() != 1) return true;
        SchemaElement e = leaf.element();
        PhysicalType p = e.type();
        if (p == null) return true;
        try {
            DataType t = TypeMapper.map(e);
            return switch (p) {
                case INT32, INT64 -> integer(f, p, t, literal);
                case FLOAT -> floating(f, literal, true);
                case DOUBLE -> floating(f, literal, false);
                case BYTE_ARRAY -> binary(f, t, -1, literal);
                case FIXED_LEN_BYTE_ARRAY -> e.typeLength() == null || e.typeLength() < 0 ? true : binary(f, t, e.typeLength(), literal);
                case BOOLEAN, INT96 -> true;
            };
        } catch (RuntimeException ex) {
            return true;
        }
    }

    // ------------------------------------------------------------------ INT32 / INT64

    private static boolean integer(SplitBlockBloomFilter f, PhysicalType p, DataType t, Object literal) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, UINT8, UINT16, UINT32, INT64, UINT64 -> numeric(f, p, t.kind(), 0, literal);
            case DECIMAL -> numeric(f, p, t.kind(), ((DataType.Decimal) t).scale(), literal);
            case DATE -> literal instanceof LocalDate d && p == PhysicalType.INT32
                    ? storedMightContain(f, p, t.kind(), new BigInteger[] {BigInteger.valueOf(d.toEpochDay())}) : true;
            case TIME -> literal instanceof LocalTime lt ? time(f, p, t, lt) : true;
            case TIMESTAMP -> timestamp(f, p, (DataType.Timestamp) t, literal);
            default -> true;
        };
    }

    /**
     * Integers (scale 0) and decimals (unscaled value × 10^-scale). Integral literals, and any
     * literal compared with a decimal column as a BigDecimal, compare exactly; other numbers compare
     * as doubles (see {@link Values#compare}).
     */
    private static boolean numeric(SplitBlockBloomFilter f, PhysicalType p, DataType.Kind kind, int scale, Object literal) {
        if (!(literal instanceof Number n)) return true;
        BigInteger[] unscaled;
        if (isIntegral(n)) {
            unscaled = exact(new BigDecimal(toBig(n)), scale);
        } else if (n instanceof BigDecimal d && kind == DataType.Kind.DECIMAL) {
            unscaled = exact(d, scale);
        } else {
            unscaled = viaDouble(n.doubleValue(), scale);
        }
        return unscaled == UNSURE || storedMightContain(f, p, kind, unscaled);
    }

    /** The unscaled value equal to {@code v} at {@code scale}, or none when v has more fraction digits. */
    private static BigInteger[] exact(BigDecimal v, int scale) {
        BigDecimal shifted = v.movePointRight(scale);
        if (shifted.signum() == 0) return new BigInteger[] {BigInteger.ZERO};
        BigDecimal stripped = shifted.stripTrailingZeros();
        if (stripped.scale() > 0) return NONE;
        // More than 20 integer digits cannot fit in 64 bits; do not build a huge BigInteger for it.
        if (stripped.precision() - stripped.scale() > 20) return NONE;
        return new BigInteger[] {stripped.toBigIntegerExact()};
    }

    /**
     * The unscaled values u whose number u × 10^-scale converts (correctly rounded, as long, BigInteger
     * and BigDecimal conversions all do) to {@code d}. Those numbers form one interval around d, so
     * only the grid points just below and above d can qualify; if a point beyond them also qualifies
     * the set is larger than we want to enumerate and the answer is {@link #UNSURE}.
     */
    private static BigInteger[] viaDouble(double d, int scale) {
        if (Double.isNaN(d)) return UNSURE; // integers and decimals never equal NaN, but stay conservative
        if (Double.isInfinite(d)) return NONE;
        BigDecimal exact = new BigDecimal(d);
        BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
        BigDecimal lo = exact.setScale(scale, RoundingMode.FLOOR);
        BigDecimal hi = exact.setScale(scale, RoundingMode.CEILING);
        boolean loHit = lo.doubleValue() == d;
        boolean hiHit = hi.doubleValue() == d;
        if (loHit && lo.subtract(step).doubleValue() == d) return UNSURE;
        if (hiHit && hi.add(step).doubleValue() == d) return UNSURE;
        if (lo.compareTo(hi) == 0) return loHit ? new BigInteger[] {lo.unscaledValue()} : NONE;
        if (loHit && hiHit) return new BigInteger[] {lo.unscaledValue(), hi.unscaledValue()};
        if (loHit) return new BigInteger[] {lo.unscaledValue()};
        if (hiHit) return new BigInteger[] {hi.unscaledValue()};
        return NONE;
    }

    /**
     * Hashes each candidate logical value as the column stores it. A candidate outside what the
     * column can hold (an INT_8 of 300, a negative unsigned value, an unscaled decimal beyond the
     * physical width) cannot be there.
     */
    private static boolean storedMightContain(SplitBlockBloomFilter f, PhysicalType p, DataType.Kind kind, BigInteger[] values) {
        for (BigInteger v : values) {
            if (p == PhysicalType.INT32) {
                long lo;
                long hi;
                switch (kind) {
                    case INT8 -> { lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; }
                    case INT16 -> { lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; }
                    case UINT8 -> { lo = 0; hi = 0xFF; }
                    case UINT16 -> { lo = 0; hi = 0xFFFF; }
                    case UINT32 -> { lo = 0; hi = 0xFFFF_FFFFL; }
                    default -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
                }
                if (v.compareTo(BigInteger.valueOf(lo)) < 0 || v.compareTo(BigInteger.valueOf(hi)) > 0) continue;
                // UINT32 values above 2^31 are stored as the same 32 bits, read as a negative int.
                if (f.mightContain(XxHash64.hashInt((int) v.longValue()))) return true;
            } else {
                boolean fits = kind == DataType.Kind.UINT64
                        ? v.signum() >= 0 && v.compareTo(TWO_64) < 0
                        : v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
                if (!fits) continue;
                if (f.mightContain(XxHash64.hashLong(v.longValue()))) return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ temporal

    private static boolean time(SplitBlockBloomFilter f, PhysicalType p, DataType t, LocalTime literal) {
        TimeUnit unit = ((DataType.Time) t).unit();
        long nanosPerUnit = 1_000_000_000L / unit.perSecond;
        long nanos = literal.toNanoOfDay();
        // A time finer than the column's unit cannot be stored, so it is certainly absent.
        if (nanos % nanosPerUnit != 0) return false;
        BigInteger v = BigInteger.valueOf(nanos / nanosPerUnit);
        return storedMightContain(f, p, p == PhysicalType.INT32 ? DataType.Kind.INT32 : DataType.Kind.INT64, new BigInteger[] {v});
    }

    private static boolean timestamp(SplitBlockBloomFilter f, PhysicalType p, DataType.Timestamp t, Object literal) {
        if (p != PhysicalType.INT64) return true;
        long seconds;
        int nanos;
        // The column yields Instant when UTC-adjusted and LocalDateTime otherwise; another class
        // never compares equal (Values.compare requires the same class), so leave those alone.
        if (t.utcAdjusted() && literal instanceof Instant i) {
            seconds = i.getEpochSecond();
            nanos = i.getNano();
        } else if (!t.utcAdjusted() && literal instanceof LocalDateTime ldt) {
            seconds = ldt.toEpochSecond(ZoneOffset.UTC);
            nanos = ldt.getNano();
        } else {
            return true;
        }
        long nanosPerUnit = 1_000_000_000L / t.unit().perSecond;
        if (nanos % nanosPerUnit != 0) return false; // finer than the unit: cannot be stored
        long v;
        try {
            v = Math.addExact(Math.multiplyExact(seconds, t.unit().perSecond), nanos / nanosPerUnit);
        } catch (ArithmeticException overflow) {
            return true;
        }
        return f.mightContain(XxHash64.hashLong(v));
    }

    // ------------------------------------------------------------------ FLOAT / DOUBLE

    /**
     * A FLOAT or DOUBLE value equals a numeric literal when its double value does (Values.compare);
     * the stored value is then unique, except that +0 and -0 are equal and stored differently.
     */
    private static boolean floating(SplitBlockBloomFilter f, Object literal, boolean isFloat) {
        if (!(literal instanceof Number n)) return true;
        double d = n.doubleValue();
        if (Double.isNaN(d)) return true; // NaN payloads vary and NaN equals NaN in our comparisons
        if (d == 0) {
            return isFloat
                    ? f.mightContain(XxHash64.hashFloat(0.0f)) || f.mightContain(XxHash64.hashFloat(-0.0f))
                    : f.mightContain(XxHash64.hashDouble(0.0)) || f.mightContain(XxHash64.hashDouble(-0.0));
        }
        if (isFloat) {
            float x = (float) d;
            if ((double) x != d) return false; // no float widens to this double
            return f.mightContain(XxHash64.hashFloat(x));
        }
        return f.mightContain(XxHash64.hashDouble(d));
    }

    // ------------------------------------------------------------------ BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY

    /** {@code fixedLength} is the FIXED_LEN_BYTE_ARRAY length, or -1 for BYTE_ARRAY. */
    private static boolean binary(SplitBlockBloomFilter f, DataType t, int fixedLength, Object literal) {
        byte[] bytes;
        switch (t.kind()) {
            case STRING, ENUM, JSON -> {
                if (!(literal instanceof String s) || !encodesUniquely(s)) return true;
                bytes = s.getBytes(StandardCharsets.UTF_8);
            }
            case BINARY, FIXED_BINARY, BSON -> {
                if (!(literal instanceof byte[] b)) return true;
                bytes = b;
            }
            case UUID -> {
                if (!(literal instanceof UUID u) || fixedLength != 16) return true;
                bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            }
            default -> { return true; } // decimals stored as bytes, INTERVAL, FLOAT16, ...
        }
        if (fixedLength >= 0 && bytes.length != fixedLength) return false; // every stored value has that length
        return f.mightContain(XxHash64.hash(bytes));
    }

    /**
     * True when the only stored bytes that decode to {@code s} are its UTF-8 encoding: not so if s
     * contains U+FFFD (malformed bytes decode to it) or an unpaired surrogate.
     */
    private static boolean encodesUniquely(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD') return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ helpers

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
    }

    private static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }
}
