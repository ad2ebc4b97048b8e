package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.parquet.meta.ConvertedType;
import dev.streamingadaptive.parquet.meta.PhysicalType;

/**
 * How one flat field is stored: physical type, fixed length, annotations and sort order.
 *
 * @param typeLength  byte length for FIXED_LEN_BYTE_ARRAY, else 0
 * @param unsigned    min/max compare as unsigned integers
 * @param minMax      whether min/max statistics are meaningful for this type
 */
record LeafSpec(Field field, PhysicalType physical, int typeLength, boolean unsigned, boolean minMax) {

    static LeafSpec of(Field f) {
        DataType t = f.type();
        if (t.isNested()) {
            throw new UnsupportedOperationException("ParquetWriter writes flat schemas only; column '" + f.name()
                    + "' has nested type " + t + " (LIST, STRUCT and MAP are not supported yet)");
        }
        return switch (t.kind()) {
            case BOOLEAN -> new LeafSpec(f, PhysicalType.BOOLEAN, 0, false, true);
            case INT8, INT16, INT32, UINT8, UINT16, DATE -> new LeafSpec(f, PhysicalType.INT32, 0, false, true);
            case UINT32 -> new LeafSpec(f, PhysicalType.INT32, 0, true, true);
            case INT64, TIMESTAMP -> new LeafSpec(f, PhysicalType.INT64, 0, false, true);
            case UINT64 -> new LeafSpec(f, PhysicalType.INT64, 0, true, true);
            case TIME -> ((DataType.Time) t).unit() == TimeUnit.MILLIS
                    ? new LeafSpec(f, PhysicalType.INT32, 0, false, true)
                    : new LeafSpec(f, PhysicalType.INT64, 0, false, true);
            case FLOAT32 -> new LeafSpec(f, PhysicalType.FLOAT, 0, false, true);
            case FLOAT64 -> new LeafSpec(f, PhysicalType.DOUBLE, 0, false, true);
            case STRING, BINARY, ENUM, JSON, BSON -> new LeafSpec(f, PhysicalType.BYTE_ARRAY, 0, false, true);
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) t;
                if (d.precision() < 1 || d.scale() < 0 || d.scale() > d.precision()) {
                    throw new IllegalArgumentException("column '" + f.name() + "': invalid " + t);
                }
                if (d.precision() <= 9) yield new LeafSpec(f, PhysicalType.INT32, 0, false, true);
                if (d.precision() <= 18) yield new LeafSpec(f, PhysicalType.INT64, 0, false, true);
                // big-endian two's complement of varying length: no unsigned byte order, so no min/max
                yield new LeafSpec(f, PhysicalType.BYTE_ARRAY, 0, false, false);
            }
            case FIXED_BINARY -> new LeafSpec(f, PhysicalType.FIXED_LEN_BYTE_ARRAY, ((DataType.FixedBinary) t).length(), false, true);
            case UUID -> new LeafSpec(f, PhysicalType.FIXED_LEN_BYTE_ARRAY, 16, false, true);
            case INTERVAL -> new LeafSpec(f, PhysicalType.FIXED_LEN_BYTE_ARRAY, 12, false, false);
            case FLOAT16 -> new LeafSpec(f, PhysicalType.FIXED_LEN_BYTE_ARRAY, 2, false, false);
            default -> throw new UnsupportedOperationException("column '" + f.name() + "': type " + t + " cannot be written");
        };
    }

    String name() { return field.name(); }

    DataType type() { return field.type(); }

    boolean optional() { return field.nullable(); }

    /** Writes this leaf's SchemaElement struct (already begun by the caller's list). */
    void writeSchemaElement(ThriftCompactWriter w) {
        w.beginStruct();
        w.i32Field(1, physical.id);
        if (physical == PhysicalType.FIXED_LEN_BYTE_ARRAY) w.i32Field(2, typeLength);
        w.i32Field(3, optional() ? 1 : 0);
        w.stringField(4, field.name());
        DataType t = field.type();
        ConvertedType ct = convertedType(t);
        if (ct != null) w.i32Field(6, ct.id);
        if (t instanceof DataType.Decimal d) {
            w.i32Field(7, d.scale());
            w.i32Field(8, d.precision());
        }
        writeLogicalType(w, t);
        w.endStruct();
    }

    private static ConvertedType convertedType(DataType t) {
        return switch (t.kind()) {
            case STRING -> ConvertedType.UTF8;
            case ENUM -> ConvertedType.ENUM;
            case JSON -> ConvertedType.JSON;
            case BSON -> ConvertedType.BSON;
            case INT8 -> ConvertedType.INT_8;
            case INT16 -> ConvertedType.INT_16;
            case UINT8 -> ConvertedType.UINT_8;
            case UINT16 -> ConvertedType.UINT_16;
            case UINT32 -> ConvertedType.UINT_32;
            case UINT64 -> ConvertedType.UINT_64;
            case DATE -> ConvertedType.DATE;
            case DECIMAL -> ConvertedType.DECIMAL;
            case INTERVAL -> ConvertedType.INTERVAL;
            case TIME -> switch (((DataType.Time) t).unit()) {
                case MILLIS -> ConvertedType.TIME_MILLIS;
                case MICROS -> ConvertedType.TIME_MICROS;
                case NANOS -> null;
            };
            // the legacy TIMESTAMP_* converted types mean UTC-adjusted instants only
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) t;
                if (!ts.utcAdjusted()) yield null;
                yield switch (ts.unit()) {
                    case MILLIS -> ConvertedType.TIMESTAMP_MILLIS;
                    case MICROS -> ConvertedType.TIMESTAMP_MICROS;
                    case NANOS -> null;
                };
            }
            default -> null;
        };
    }

    /** LogicalType union field ids from parquet.thrift. */
    private static void writeLogicalType(ThriftCompactWriter w, DataType t) {
        switch (t.kind()) {
            case STRING -> { w.structField(10).beginStruct(); w.emptyStructField(1); w.endStruct(); }
            case ENUM -> { w.structField(10).beginStruct(); w.emptyStructField(4); w.endStruct(); }
            case JSON -> { w.structField(10).beginStruct(); w.emptyStructField(12); w.endStruct(); }
            case BSON -> { w.structField(10).beginStruct(); w.emptyStructField(13); w.endStruct(); }
            case UUID -> { w.structField(10).beginStruct(); w.emptyStructField(14); w.endStruct(); }
            case FLOAT16 -> { w.structField(10).beginStruct(); w.emptyStructField(15); w.endStruct(); }
            case DATE -> { w.structField(10).beginStruct(); w.emptyStructField(6); w.endStruct(); }
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) t;
                w.structField(10).beginStruct();
                w.structField(5).beginStruct().i32Field(1, d.scale()).i32Field(2, d.precision()).endStruct();
                w.endStruct();
            }
            case TIME -> {
                w.structField(10).beginStruct();
                w.structField(7).beginStruct().boolField(1, false);
                timeUnit(w, ((DataType.Time) t).unit());
                w.endStruct();
                w.endStruct();
            }
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) t;
                w.structField(10).beginStruct();
                w.structField(8).beginStruct().boolField(1, ts.utcAdjusted());
                timeUnit(w, ts.unit());
                w.endStruct();
                w.endStruct();
            }
            case INT8 -> intType(w, 8, true);
            case INT16 -> intType(w, 16, true);
            case UINT8 -> intType(w, 8, false);
            case UINT16 -> intType(w, 16, false);
            case UINT32 -> intType(w, 32, false);
            case UINT64 -> intType(w, 64, false);
            default -> { }
        }
    }

    private static void timeUnit(ThriftCompactWriter w, TimeUnit u) {
        int id = switch (u) {
            case MILLIS -> 1;
            case MICROS -> 2;
            case NANOS -> 3;
        };
        w.structField(2).beginStruct().emptyStructField(id).endStruct();
    }

    private static void intType(ThriftCompactWriter w, int bits, boolean signed) {
        w.structField(10).beginStruct();
        w.structField(10).beginStruct().byteField(1, bits).boolField(2, signed).endStruct();
        w.endStruct();
    }
}
