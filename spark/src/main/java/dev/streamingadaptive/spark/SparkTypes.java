package dev.streamingadaptive.spark;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.StructColumn;
import dev.streamingadaptive.frame.TimeUnit;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Our types as Spark's, and our columns reshaped where Spark's column vectors ({@link FrameColumnVector}) want
 * another physical type — chosen as Spark's own Parquet reader types the same file: unsigned 8/16/32-bit
 * integers widen to short/int/long and unsigned 64-bit to DECIMAL(20,0), FLOAT16 to float, fixed-size binary
 * and UUID to binary, timestamps of any unit to microseconds (UTC-adjusted: {@code TimestampType}; local:
 * {@code TimestampNTZType}), TIME to microseconds in a long (Spark's reader has no TIME type to match), Parquet's
 * interval to {@code CalendarIntervalType}. Decimals wider than 38 digits have no Spark type.
 */
final class SparkTypes {
    private SparkTypes() {}

    /** Spark's schema for ours (as read, after {@link #adapt}). */
    static StructType struct(Schema schema) {
        List<StructField> fields = new ArrayList<>();
        for (Field f : schema.fields()) fields.add(new StructField(f.name(), type(f.name(), f.type()), true, Metadata.empty()));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /**
     * @throws UnsupportedOperationException naming the column when Spark has no type for it
     */
    static org.apache.spark.sql.types.DataType type(String column, DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> DataTypes.BooleanType;
            case INT8 -> DataTypes.ByteType;
            case INT16, UINT8 -> DataTypes.ShortType;
            case INT32, UINT16 -> DataTypes.IntegerType;
            case INT64, UINT32 -> DataTypes.LongType;
            case UINT64 -> DataTypes.createDecimalType(20, 0);
            case FLOAT16, FLOAT32 -> DataTypes.FloatType;
            case FLOAT64 -> DataTypes.DoubleType;
            case STRING, ENUM, JSON -> DataTypes.StringType;
            case BINARY, BSON, FIXED_BINARY, UUID -> DataTypes.BinaryType;
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) t;
                if (d.precision() > 38) {
                    throw new UnsupportedOperationException("column '" + column + "': " + t + " has more digits than Spark's DECIMAL(38)");
                }
                yield DataTypes.createDecimalType(d.precision(), d.scale());
            }
            case DATE -> DataTypes.DateType;
            case TIME -> DataTypes.LongType;
            case TIMESTAMP -> ((DataType.Timestamp) t).utcAdjusted() ? DataTypes.TimestampType : DataTypes.TimestampNTZType;
            case INTERVAL -> DataTypes.CalendarIntervalType;
            case LIST -> {
                Field e = ((DataType.ListType) t).element();
                yield DataTypes.createArrayType(type(column, e.type()), e.nullable());
            }
            case STRUCT -> {
                List<StructField> fields = new ArrayList<>();
                for (Field f : ((DataType.StructType) t).fields()) {
                    fields.add(new StructField(f.name(), type(column, f.type()), f.nullable(), Metadata.empty()));
                }
                yield new StructType(fields.toArray(StructField[]::new));
            }
            case MAP -> {
                DataType.MapType m = (DataType.MapType) t;
                yield DataTypes.createMapType(type(column, m.key().type()), type(column, m.value().type()), m.value().nullable());
            }
        };
    }

    /** Whether {@code t} reaches Spark as it is (no column of it is reshaped by {@link #adapt}). */
    static boolean unchanged(DataType t) {
        return switch (t.kind()) {
            case UINT8, UINT16, UINT32, UINT64, FLOAT16, FIXED_BINARY, UUID, TIME -> false;
            case TIMESTAMP -> ((DataType.Timestamp) t).unit() == TimeUnit.MICROS;
            case LIST -> unchanged(((DataType.ListType) t).element().type());
            case STRUCT -> ((DataType.StructType) t).fields().stream().allMatch(f -> unchanged(f.type()));
            case MAP -> unchanged(((DataType.MapType) t).key().type()) && unchanged(((DataType.MapType) t).value().type());
            default -> true;
        };
    }

    /** {@code schema} with the named (local) timestamp columns UTC-adjusted: INT96 as Spark reads it. */
    static Schema instants(Schema schema, List<String> columns) {
        if (columns.isEmpty()) return schema;
        List<Field> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            boolean relabel = columns.contains(f.name()) && f.type() instanceof DataType.Timestamp;
            fields.add(relabel ? new Field(f.name(), new DataType.Timestamp(((DataType.Timestamp) f.type()).unit(), true), f.nullable()) : f);
        }
        return new Schema(fields);
    }

    /**
     * The frame with every column in the physical type {@link #type} promises; the {@code instants} columns
     * (INT96 timestamps, read as local date-times in UTC) relabelled as UTC instants, their values unchanged.
     */
    static DataFrame adapt(DataFrame frame, List<String> instants) {
        boolean any = !instants.isEmpty();
        for (Column c : frame.columns()) any |= !unchanged(c.type());
        if (!any) return frame;
        List<Column> out = new ArrayList<>(frame.width());
        for (Column c : frame.columns()) {
            Column a = adapt(c);
            if (instants.contains(a.name()) && a instanceof LongColumn l && a.type() instanceof DataType.Timestamp ts && !ts.utcAdjusted()) {
                a = new LongColumn(l.name(), new DataType.Timestamp(ts.unit(), true), l.rawValues(), l.size(), nulls(l));
            }
            out.add(a);
        }
        return new DataFrame(out, frame.height());
    }

    static Column adapt(Column c) {
        if (unchanged(c.type())) return c;
        if (c instanceof DictionaryColumn d) return new DictionaryColumn(d.name(), adapt(d.dictionary()), d.rawIndices(), d.size(), nulls(d));
        String name = c.name();
        int n = c.size();
        boolean[] nulls = nulls(c);
        DataType t = c.type();
        return switch (c) {
            case NullColumn nc -> new NullColumn(name, adaptedType(t), n);
            case ListColumn l -> new ListColumn(name, (DataType.ListType) adaptedType(t), offsets(l::offset, n), adapt(l.elements()), n, nulls);
            case MapColumn m -> new MapColumn(name, (DataType.MapType) adaptedType(t), offsets(m::offset, n), adapt(m.keys()), adapt(m.values()), n, nulls);
            case StructColumn s -> {
                List<Column> children = new ArrayList<>();
                for (Column child : s.children()) children.add(adapt(child));
                yield new StructColumn(name, (DataType.StructType) adaptedType(t), children, n, nulls);
            }
            default -> leaf(c, n, nulls);
        };
    }

    private static Column leaf(Column c, int n, boolean[] nulls) {
        String name = c.name();
        DataType t = c.type();
        switch (t.kind()) {
            case UINT8, UINT16 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) if (!c.isNull(i)) v[i] = ((Number) c.get(i)).intValue();
                return new IntColumn(name, t.kind() == DataType.Kind.UINT8 ? DataType.INT16 : DataType.INT32, v, n, nulls);
            }
            case UINT32 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) if (!c.isNull(i)) v[i] = ((Number) c.get(i)).longValue();
                return new LongColumn(name, DataType.INT64, v, n, nulls);
            }
            case UINT64 -> {
                List<byte[]> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) values.add(c.isNull(i) ? null : ((BigInteger) c.get(i)).toByteArray());
                return BinaryColumn.ofBytes(name, new DataType.Decimal(20, 0), values);
            }
            case FLOAT16 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) if (!c.isNull(i)) v[i] = ((Number) c.get(i)).floatValue();
                return new FloatColumn(name, DataType.FLOAT32, v, n, nulls);
            }
            case FIXED_BINARY, UUID -> {
                BinaryColumn b = (BinaryColumn) c;
                return new BinaryColumn(name, DataType.BINARY, b.rawOffsets(), b.rawData(), n, nulls);
            }
            case TIME -> {
                long[] v = new long[n];
                TimeUnit unit = ((DataType.Time) t).unit();
                for (int i = 0; i < n; i++) if (!c.isNull(i)) v[i] = micros(unit, raw(c, i));
                return new LongColumn(name, DataType.INT64, v, n, nulls);
            }
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) t;
                long[] v = new long[n];
                for (int i = 0; i < n; i++) if (!c.isNull(i)) v[i] = micros(ts.unit(), raw(c, i));
                return new LongColumn(name, new DataType.Timestamp(TimeUnit.MICROS, ts.utcAdjusted()), v, n, nulls);
            }
            default -> throw new IllegalStateException("no adaptation of " + t);
        }
    }

    /** The type {@link #adapt} gives a column of type {@code t}. */
    static DataType adaptedType(DataType t) {
        return switch (t.kind()) {
            case UINT8 -> DataType.INT16;
            case UINT16 -> DataType.INT32;
            case UINT32, TIME -> DataType.INT64;
            case UINT64 -> new DataType.Decimal(20, 0);
            case FLOAT16 -> DataType.FLOAT32;
            case FIXED_BINARY, UUID -> DataType.BINARY;
            case TIMESTAMP -> new DataType.Timestamp(TimeUnit.MICROS, ((DataType.Timestamp) t).utcAdjusted());
            case LIST -> {
                Field e = ((DataType.ListType) t).element();
                yield new DataType.ListType(new Field(e.name(), adaptedType(e.type()), e.nullable()));
            }
            case STRUCT -> {
                List<Field> fields = new ArrayList<>();
                for (Field f : ((DataType.StructType) t).fields()) fields.add(new Field(f.name(), adaptedType(f.type()), f.nullable()));
                yield new DataType.StructType(fields);
            }
            case MAP -> {
                DataType.MapType m = (DataType.MapType) t;
                yield new DataType.MapType(new Field(m.key().name(), adaptedType(m.key().type()), m.key().nullable()),
                        new Field(m.value().name(), adaptedType(m.value().type()), m.value().nullable()));
            }
            default -> t;
        };
    }

    /** A TIME or TIMESTAMP value as stored (int or long storage). */
    private static long raw(Column c, int i) {
        return switch (c) {
            case IntColumn ic -> ic.getInt(i);
            case LongColumn lc -> lc.getLong(i);
            default -> throw new IllegalStateException("no temporal storage in " + c.getClass().getSimpleName());
        };
    }

    private static long micros(TimeUnit unit, long v) {
        return switch (unit) {
            case MILLIS -> Math.multiplyExact(v, 1000L);
            case MICROS -> v;
            case NANOS -> Math.floorDiv(v, 1000L);
        };
    }

    private static int[] offsets(java.util.function.IntUnaryOperator offset, int n) {
        int[] out = new int[n + 1];
        for (int i = 0; i <= n; i++) out[i] = offset.applyAsInt(i);
        return out;
    }

    private static boolean[] nulls(Column c) {
        if (c.nullCount() == 0) return null;
        boolean[] out = new boolean[c.size()];
        for (int i = 0; i < out.length; i++) out[i] = c.isNull(i);
        return out;
    }
}
