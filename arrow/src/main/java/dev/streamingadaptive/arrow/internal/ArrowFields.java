package dev.streamingadaptive.arrow.internal;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our types as Arrow fields and back. Arrow has a native type for all but four of ours: UUID and JSON are
 * Arrow's canonical extensions {@code arrow.uuid} (16-byte fixed binary) and {@code arrow.json} (UTF-8);
 * ENUM and BSON travel as strings and binary with a field metadata entry ({@value #TYPE_KEY}) that brings
 * them back. Read back, the
 * canonical {@code arrow.bool8} (booleans in bytes, as DuckDB's lossless export sends them) is boolean and
 * {@code arrow.json} is JSON.
 */
public final class ArrowFields {
    private ArrowFields() {}

    /** Field metadata naming our type where Arrow's alone would lose it. */
    public static final String TYPE_KEY = "streaming-adaptive.type";
    static final String EXTENSION_NAME = "ARROW:extension:name";
    static final String EXTENSION_METADATA = "ARROW:extension:metadata";

    /** The Arrow field of one of our fields; {@code dictionary} non-null makes it dictionary-encoded (int32 indices). */
    public static Field field(dev.streamingadaptive.frame.Field f, DictionaryEncoding dictionary) {
        DataType t = f.type();
        List<Field> children = switch (t) {
            case DataType.ListType l -> List.of(field(l.element(), null));
            case DataType.StructType s -> {
                List<Field> c = new ArrayList<>(s.fields().size());
                for (dev.streamingadaptive.frame.Field child : s.fields()) c.add(field(child, null));
                yield c;
            }
            case DataType.MapType m -> {
                // Arrow's map: a list of non-null "entries" structs whose key is never null.
                Field key = field(new dev.streamingadaptive.frame.Field(m.key().name(), m.key().type(), false), null);
                Field value = field(m.value(), null);
                yield List.of(new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(key, value)));
            }
            default -> List.of();
        };
        return new Field(f.name(), new FieldType(f.nullable(), arrowType(t), dictionary, metadata(t)), children);
    }

    /** The Arrow type of one of ours (children aside). */
    public static ArrowType arrowType(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT8 -> new ArrowType.Int(8, true);
            case INT16 -> new ArrowType.Int(16, true);
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case UINT8 -> new ArrowType.Int(8, false);
            case UINT16 -> new ArrowType.Int(16, false);
            case UINT32 -> new ArrowType.Int(32, false);
            case UINT64 -> new ArrowType.Int(64, false);
            case FLOAT16 -> new ArrowType.FloatingPoint(FloatingPointPrecision.HALF);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case STRING, ENUM, JSON -> ArrowType.Utf8.INSTANCE;
            case BINARY, BSON -> ArrowType.Binary.INSTANCE;
            case FIXED_BINARY -> new ArrowType.FixedSizeBinary(((DataType.FixedBinary) t).length());
            case UUID -> new ArrowType.FixedSizeBinary(16);
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) t;
                yield new ArrowType.Decimal(d.precision(), d.scale(), d.precision() <= 38 ? 128 : 256);
            }
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> switch (((DataType.Time) t).unit()) {
                case MILLIS -> new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, 32);
                case MICROS -> new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, 64);
                case NANOS -> new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, 64);
            };
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) t;
                yield new ArrowType.Timestamp(arrowUnit(ts.unit()), ts.utcAdjusted() ? "UTC" : null);
            }
            case INTERVAL -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            case LIST -> ArrowType.List.INSTANCE;
            case STRUCT -> ArrowType.Struct.INSTANCE;
            case MAP -> new ArrowType.Map(false);
        };
    }

    private static Map<String, String> metadata(DataType t) {
        return switch (t.kind()) {
            case ENUM, BSON -> Map.of(TYPE_KEY, t.kind().name().toLowerCase(java.util.Locale.ROOT));
            case JSON -> Map.of(EXTENSION_NAME, "arrow.json", EXTENSION_METADATA, "");
            case UUID -> Map.of(EXTENSION_NAME, "arrow.uuid", EXTENSION_METADATA, "");
            default -> null;
        };
    }

    static org.apache.arrow.vector.types.TimeUnit arrowUnit(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> org.apache.arrow.vector.types.TimeUnit.MILLISECOND;
            case MICROS -> org.apache.arrow.vector.types.TimeUnit.MICROSECOND;
            case NANOS -> org.apache.arrow.vector.types.TimeUnit.NANOSECOND;
        };
    }

    /**
     * Our type of an Arrow field (its value type when dictionary-encoded).
     *
     * @throws UnsupportedOperationException naming the field for an Arrow type we have no equivalent of
     */
    public static DataType dataType(Field f) {
        ArrowType a = f.getType();
        Map<String, String> meta = f.getMetadata();
        String ours = meta == null ? null : meta.get(TYPE_KEY);
        String extension = meta == null ? null : meta.get(EXTENSION_NAME);
        if (a instanceof ArrowType.ExtensionType ext) {
            extension = ext.extensionName();
            a = ext.storageType();
        }
        if ("arrow.bool8".equals(extension) && a instanceof ArrowType.Int i && i.getBitWidth() == 8) return DataType.BOOLEAN;
        return switch (a) {
            case ArrowType.Bool b -> DataType.BOOLEAN;
            case ArrowType.Int i -> switch (i.getBitWidth()) {
                case 8 -> i.getIsSigned() ? DataType.INT8 : DataType.UINT8;
                case 16 -> i.getIsSigned() ? DataType.INT16 : DataType.UINT16;
                case 32 -> i.getIsSigned() ? DataType.INT32 : DataType.UINT32;
                default -> i.getIsSigned() ? DataType.INT64 : DataType.UINT64;
            };
            case ArrowType.FloatingPoint fp -> switch (fp.getPrecision()) {
                case HALF -> DataType.FLOAT16;
                case SINGLE -> DataType.FLOAT32;
                case DOUBLE -> DataType.FLOAT64;
            };
            case ArrowType.Utf8 u -> "enum".equals(ours) ? DataType.ENUM
                    : "json".equals(ours) || "arrow.json".equals(extension) ? DataType.JSON : DataType.STRING;
            case ArrowType.LargeUtf8 u -> DataType.STRING;
            case ArrowType.Binary b -> "bson".equals(ours) ? DataType.BSON : DataType.BINARY;
            case ArrowType.LargeBinary b -> DataType.BINARY;
            case ArrowType.FixedSizeBinary fb -> fb.getByteWidth() == 16 && "arrow.uuid".equals(extension)
                    ? DataType.UUID : new DataType.FixedBinary(fb.getByteWidth());
            case ArrowType.Decimal d -> new DataType.Decimal(d.getPrecision(), d.getScale());
            case ArrowType.Date d -> DataType.DATE;
            case ArrowType.Time tm -> new DataType.Time(switch (tm.getUnit()) {
                case SECOND, MILLISECOND -> TimeUnit.MILLIS;
                case MICROSECOND -> TimeUnit.MICROS;
                case NANOSECOND -> TimeUnit.NANOS;
            });
            case ArrowType.Timestamp ts -> new DataType.Timestamp(switch (ts.getUnit()) {
                case SECOND, MILLISECOND -> TimeUnit.MILLIS;
                case MICROSECOND -> TimeUnit.MICROS;
                case NANOSECOND -> TimeUnit.NANOS;
            }, ts.getTimezone() != null);
            case ArrowType.Interval iv when iv.getUnit() == IntervalUnit.MONTH_DAY_NANO -> DataType.INTERVAL;
            case ArrowType.List l -> new DataType.ListType(field(f.getChildren().get(0)));
            case ArrowType.LargeList l -> new DataType.ListType(field(f.getChildren().get(0)));
            case ArrowType.Struct s -> {
                List<dev.streamingadaptive.frame.Field> c = new ArrayList<>();
                for (Field child : f.getChildren()) c.add(field(child));
                yield new DataType.StructType(c);
            }
            case ArrowType.Map m -> {
                List<Field> kv = f.getChildren().get(0).getChildren();
                yield new DataType.MapType(field(kv.get(0)), field(kv.get(1)));
            }
            case ArrowType.Null n -> DataType.INT32;
            default -> throw new UnsupportedOperationException(
                    "column '" + f.getName() + "': Arrow type " + a + " has no streaming-adaptive equivalent");
        };
    }

    /** Our field of an Arrow field. */
    public static dev.streamingadaptive.frame.Field field(Field f) {
        return new dev.streamingadaptive.frame.Field(f.getName(), dataType(f), f.isNullable());
    }
}
