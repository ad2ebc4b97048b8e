package dev.streamingadaptive.parquet.meta;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_BINARY;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_BOOL_FALSE;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_BOOL_TRUE;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_BYTE;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_I16;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_I32;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_I64;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_LIST;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_SET;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_STRUCT;

/**
 * Decodes Parquet Thrift structures (footer, page headers, page index) from a {@link MemorySegment}
 * with {@link ThriftCompactReader}. All offsets are absolute offsets into the segment.
 *
 * <p>Decoding follows Thrift's own compatibility rules and is tolerant where the format evolves:
 * unknown fields are skipped; a field whose wire type differs from the IDL is skipped like an
 * unknown field (a Dremio build of parquet-mr, for example, writes a list as ColumnMetaData field
 * 15); integer fields accept any integer wire width when the value fits; unknown enum ids become
 * null (unknown encodings are dropped from encoding lists); unknown logical types become
 * {@link LogicalType.UnknownLogicalType}. It is strict where data would otherwise be misread: a
 * missing required field, an integer that does not fit its field, or an unknown physical type id
 * throws {@link dev.streamingadaptive.parquet.ParquetFormatException} located at the byte offset of
 * the struct or value; malformed Thrift throws it from {@link ThriftCompactReader}. Semantic checks
 * across structures (schema tree, chunk ranges) are done by {@link ParquetFooter}.
 */
public final class MetadataParser {
    private MetadataParser() {}

    private static final LogicalType STRING = new LogicalType.StringType();
    private static final LogicalType MAP = new LogicalType.MapType();
    private static final LogicalType LIST = new LogicalType.ListType();
    private static final LogicalType ENUM = new LogicalType.EnumType();
    private static final LogicalType DATE = new LogicalType.DateType();
    private static final LogicalType NULL = new LogicalType.NullType();
    private static final LogicalType JSON = new LogicalType.JsonType();
    private static final LogicalType BSON = new LogicalType.BsonType();
    private static final LogicalType UUID = new LogicalType.UuidType();
    private static final LogicalType FLOAT16 = new LogicalType.Float16Type();
    private static final LogicalType VARIANT = new LogicalType.VariantType();
    private static final LogicalType GEOMETRY = new LogicalType.GeometryType();
    private static final LogicalType GEOGRAPHY = new LogicalType.GeographyType();

    // ================================================================== entry points

    /**
     * Parses a {@code FileMetaData} stored in {@code [offset, offset + length)}. Bytes after the
     * struct (for example a footer signature) are ignored.
     */
    public static FileMetaData parseFileMetaData(MemorySegment seg, long offset, long length) {
        return fileMetaData(reader(seg, offset, length, "footer"));
    }

    /**
     * Parses the page header starting at {@code offset}; the header must end before {@code limit}
     * (absolute, exclusive — typically the end of the column chunk). Use
     * {@link #parsePageHeaderWithEnd} to learn where the page body starts.
     */
    public static PageHeader parsePageHeader(MemorySegment seg, long offset, long limit) {
        return parsePageHeaderWithEnd(seg, offset, limit).value();
    }

    /**
     * Parses the page header starting at {@code offset} (header must end before the absolute
     * {@code limit}) and returns it with the offset just past the header, where the page body
     * ({@link PageHeader#compressedPageSize()} bytes) starts.
     */
    public static Parsed<PageHeader> parsePageHeaderWithEnd(MemorySegment seg, long offset, long limit) {
        if (limit < offset) throw ThriftCompactReader.error("page header limit " + limit + " before its offset", offset);
        ThriftCompactReader r = reader(seg, offset, limit - offset, "page header");
        PageHeader h = pageHeader(r);
        return new Parsed<>(h, r.position());
    }

    /** Parses a {@code ColumnIndex} stored in {@code [offset, offset + length)}. */
    public static ColumnIndex parseColumnIndex(MemorySegment seg, long offset, long length) {
        return columnIndex(reader(seg, offset, length, "column index"));
    }

    /** Parses an {@code OffsetIndex} stored in {@code [offset, offset + length)}. */
    public static OffsetIndex parseOffsetIndex(MemorySegment seg, long offset, long length) {
        return offsetIndex(reader(seg, offset, length, "offset index"));
    }

    private static ThriftCompactReader reader(MemorySegment seg, long offset, long length, String what) {
        long size = seg.byteSize();
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw ThriftCompactReader.error(what + " range [" + offset + ", +" + length
                    + ") lies outside the " + size + " available bytes", Math.max(0, Math.min(offset, size)));
        }
        return new ThriftCompactReader(seg, offset, offset + length);
    }

    // ================================================================== footer

    static FileMetaData fileMetaData(ThriftCompactReader r) {
        final String s = "FileMetaData";
        long at = r.position();
        Integer version = null;
        List<SchemaElement> schema = null;
        Long numRows = null;
        List<RowGroup> rowGroups = null;
        List<KeyValue> kv = null;
        String createdBy = null;
        List<ColumnOrder> orders = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> version = i32(r, s);
                case 2 -> schema = structList(r, s, MetadataParser::schemaElement);
                case 3 -> numRows = i64(r, s);
                case 4 -> rowGroups = structList(r, s, MetadataParser::rowGroup);
                case 5 -> kv = structList(r, s, MetadataParser::keyValue);
                case 6 -> createdBy = string(r, s);
                case 7 -> orders = structList(r, s, MetadataParser::columnOrder);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(version, s, "version", at);
        req(schema, s, "schema", at);
        req(numRows, s, "num_rows", at);
        req(rowGroups, s, "row_groups", at);
        return new FileMetaData(version, schema, numRows, rowGroups, kv, createdBy, orders);
    }

    private static SchemaElement schemaElement(ThriftCompactReader r) {
        final String s = "SchemaElement";
        long at = r.position();
        Integer typeId = null;
        Integer typeLength = null;
        Integer repetitionId = null;
        String name = null;
        Integer numChildren = null;
        Integer convertedId = null;
        Integer scale = null;
        Integer precision = null;
        Integer fieldId = null;
        LogicalType logical = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> typeId = i32(r, s);
                case 2 -> typeLength = i32(r, s);
                case 3 -> repetitionId = i32(r, s);
                case 4 -> name = string(r, s);
                case 5 -> numChildren = i32(r, s);
                case 6 -> convertedId = i32(r, s);
                case 7 -> scale = i32(r, s);
                case 8 -> precision = i32(r, s);
                case 9 -> fieldId = i32(r, s);
                case 10 -> logical = struct(r, MetadataParser::logicalType);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(name, s, "name", at);
        PhysicalType type = null;
        if (typeId != null) {
            type = PhysicalType.fromId(typeId);
            if (type == null) {
                throw ThriftCompactReader.error("schema element '" + name + "' has unknown physical type id " + typeId, at);
            }
        }
        return new SchemaElement(type, typeLength, repetitionId == null ? null : Repetition.fromId(repetitionId), name,
                numChildren == null ? 0 : numChildren, convertedId == null ? null : ConvertedType.fromId(convertedId),
                scale, precision, fieldId, logical);
    }

    private static LogicalType logicalType(ThriftCompactReader r) {
        final String s = "LogicalType";
        LogicalType result = null;
        r.structBegin();
        while (r.nextField()) {
            if (result != null) { // a union has one member; ignore extras
                r.skip(r.fieldType());
                continue;
            }
            int id = r.fieldId();
            if (r.fieldType() != T_STRUCT) {
                r.skip(r.fieldType());
                result = new LogicalType.UnknownLogicalType(id);
                continue;
            }
            result = switch (id) {
                case 1 -> emptyStruct(r, s, STRING);
                case 2 -> emptyStruct(r, s, MAP);
                case 3 -> emptyStruct(r, s, LIST);
                case 4 -> emptyStruct(r, s, ENUM);
                case 5 -> decimalType(r);
                case 6 -> emptyStruct(r, s, DATE);
                case 7, 8 -> timeType(r, id);
                case 10 -> intType(r);
                case 11 -> emptyStruct(r, s, NULL);
                case 12 -> emptyStruct(r, s, JSON);
                case 13 -> emptyStruct(r, s, BSON);
                case 14 -> emptyStruct(r, s, UUID);
                case 15 -> emptyStruct(r, s, FLOAT16);
                case 16 -> emptyStruct(r, s, VARIANT);
                case 17 -> emptyStruct(r, s, GEOMETRY);
                case 18 -> emptyStruct(r, s, GEOGRAPHY);
                default -> {
                    r.skip(r.fieldType());
                    yield new LogicalType.UnknownLogicalType(id);
                }
            };
        }
        r.structEnd();
        return result;
    }

    /** Skips a struct-typed member whose contents are not kept and returns {@code value}. */
    private static LogicalType emptyStruct(ThriftCompactReader r, String s, LogicalType value) {
        r.skip(T_STRUCT);
        return value;
    }

    private static LogicalType decimalType(ThriftCompactReader r) {
        final String s = "DecimalType";
        long at = r.position();
        Integer scale = null;
        Integer precision = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> scale = i32(r, s);
                case 2 -> precision = i32(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(scale, s, "scale", at);
        req(precision, s, "precision", at);
        return new LogicalType.DecimalType(scale, precision);
    }

    private static LogicalType timeType(ThriftCompactReader r, int unionId) {
        final String s = unionId == 7 ? "TimeType" : "TimestampType";
        long at = r.position();
        Boolean utc = null;
        LogicalType.TimeUnit unit = null;
        boolean unitSeen = false;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> utc = bool(r, s);
                case 2 -> {
                    if (r.fieldType() == T_STRUCT) {
                        unit = timeUnit(r, s);
                        unitSeen = true;
                    } else {
                        r.skip(r.fieldType());
                    }
                }
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(utc, s, "isAdjustedToUTC", at);
        if (!unitSeen) req(null, s, "unit", at);
        if (unit == null) return new LogicalType.UnknownLogicalType(unionId);
        return unionId == 7 ? new LogicalType.TimeType(utc, unit) : new LogicalType.TimestampType(utc, unit);
    }

    private static LogicalType.TimeUnit timeUnit(ThriftCompactReader r, String s) {
        LogicalType.TimeUnit unit = null;
        boolean first = true;
        r.structBegin();
        while (r.nextField()) {
            if (first) {
                unit = switch (r.fieldId()) {
                    case 1 -> LogicalType.TimeUnit.MILLIS;
                    case 2 -> LogicalType.TimeUnit.MICROS;
                    case 3 -> LogicalType.TimeUnit.NANOS;
                    default -> null;
                };
                first = false;
            }
            r.skip(r.fieldType());
        }
        r.structEnd();
        return unit;
    }

    private static LogicalType intType(ThriftCompactReader r) {
        final String s = "IntType";
        long at = r.position();
        Integer bitWidth = null;
        Boolean signed = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> bitWidth = i32(r, s);
                case 2 -> signed = bool(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(bitWidth, s, "bitWidth", at);
        req(signed, s, "isSigned", at);
        return new LogicalType.IntType(bitWidth, signed);
    }

    private static RowGroup rowGroup(ThriftCompactReader r) {
        final String s = "RowGroup";
        long at = r.position();
        List<ColumnChunk> columns = null;
        Long totalByteSize = null;
        Long numRows = null;
        List<SortingColumn> sorting = null;
        Long fileOffset = null;
        Long totalCompressed = null;
        Integer ordinal = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> columns = structList(r, s, MetadataParser::columnChunk);
                case 2 -> totalByteSize = i64(r, s);
                case 3 -> numRows = i64(r, s);
                case 4 -> sorting = structList(r, s, MetadataParser::sortingColumn);
                case 5 -> fileOffset = i64(r, s);
                case 6 -> totalCompressed = i64(r, s);
                case 7 -> ordinal = i32(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(columns, s, "columns", at);
        req(totalByteSize, s, "total_byte_size", at);
        req(numRows, s, "num_rows", at);
        return new RowGroup(columns, totalByteSize, numRows, fileOffset, totalCompressed, ordinal, sorting);
    }

    private static SortingColumn sortingColumn(ThriftCompactReader r) {
        final String s = "SortingColumn";
        long at = r.position();
        Integer idx = null;
        Boolean desc = null;
        Boolean nullsFirst = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> idx = i32(r, s);
                case 2 -> desc = bool(r, s);
                case 3 -> nullsFirst = bool(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(idx, s, "column_idx", at);
        req(desc, s, "descending", at);
        req(nullsFirst, s, "nulls_first", at);
        return new SortingColumn(idx, desc, nullsFirst);
    }

    private static ColumnChunk columnChunk(ThriftCompactReader r) {
        final String s = "ColumnChunk";
        String filePath = null;
        Long fileOffset = null;
        ColumnMetaData md = null;
        Long oiOffset = null;
        Integer oiLength = null;
        Long ciOffset = null;
        Integer ciLength = null;
        boolean encrypted = false;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> filePath = string(r, s);
                case 2 -> fileOffset = i64(r, s);
                case 3 -> md = struct(r, MetadataParser::columnMetaData);
                case 4 -> oiOffset = i64(r, s);
                case 5 -> oiLength = i32(r, s);
                case 6 -> ciOffset = i64(r, s);
                case 7 -> ciLength = i32(r, s);
                case 8, 9 -> { encrypted = true; r.skip(r.fieldType()); }
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        return new ColumnChunk(filePath, fileOffset == null ? 0 : fileOffset, md, oiOffset, oiLength, ciOffset, ciLength, encrypted);
    }

    private static ColumnMetaData columnMetaData(ThriftCompactReader r) {
        final String s = "ColumnMetaData";
        long at = r.position();
        Integer typeId = null;
        List<Encoding> encodings = null;
        List<String> path = null;
        Integer codecId = null;
        Long numValues = null;
        Long uncompressed = null;
        Long compressed = null;
        List<KeyValue> kv = null;
        Long dataPageOffset = null;
        Long indexPageOffset = null;
        Long dictPageOffset = null;
        Statistics stats = null;
        List<PageEncodingStats> encStats = null;
        Long bloomOffset = null;
        Integer bloomLength = null;
        SizeStatistics sizeStats = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> typeId = i32(r, s);
                case 2 -> encodings = encodingList(r, s);
                case 3 -> path = stringList(r, s);
                case 4 -> codecId = i32(r, s);
                case 5 -> numValues = i64(r, s);
                case 6 -> uncompressed = i64(r, s);
                case 7 -> compressed = i64(r, s);
                case 8 -> kv = structList(r, s, MetadataParser::keyValue);
                case 9 -> dataPageOffset = i64(r, s);
                case 10 -> indexPageOffset = i64(r, s);
                case 11 -> dictPageOffset = i64(r, s);
                case 12 -> stats = struct(r, MetadataParser::statistics);
                case 13 -> encStats = structList(r, s, MetadataParser::pageEncodingStats);
                case 14 -> bloomOffset = i64(r, s);
                case 15 -> bloomLength = i32(r, s);
                case 16 -> sizeStats = struct(r, MetadataParser::sizeStatistics);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(typeId, s, "type", at);
        req(path, s, "path_in_schema", at);
        req(codecId, s, "codec", at);
        req(numValues, s, "num_values", at);
        req(uncompressed, s, "total_uncompressed_size", at);
        req(compressed, s, "total_compressed_size", at);
        req(dataPageOffset, s, "data_page_offset", at);
        PhysicalType type = PhysicalType.fromId(typeId);
        if (type == null) {
            throw ThriftCompactReader.error("column " + String.join(".", path) + " has unknown physical type id " + typeId, at);
        }
        return new ColumnMetaData(type, encodings, path, CompressionCodec.fromId(codecId), numValues, uncompressed,
                compressed, kv, dataPageOffset, indexPageOffset, dictPageOffset, stats, encStats, bloomOffset,
                bloomLength, sizeStats);
    }

    private static Statistics statistics(ThriftCompactReader r) {
        final String s = "Statistics";
        byte[] max = null, min = null, maxValue = null, minValue = null;
        Long nullCount = null, distinct = null;
        Boolean maxExact = null, minExact = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> max = binary(r, s);
                case 2 -> min = binary(r, s);
                case 3 -> nullCount = i64(r, s);
                case 4 -> distinct = i64(r, s);
                case 5 -> maxValue = binary(r, s);
                case 6 -> minValue = binary(r, s);
                case 7 -> maxExact = bool(r, s);
                case 8 -> minExact = bool(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        return new Statistics(max, min, nullCount, distinct, maxValue, minValue, maxExact, minExact);
    }

    private static PageEncodingStats pageEncodingStats(ThriftCompactReader r) {
        final String s = "PageEncodingStats";
        long at = r.position();
        Integer pageType = null, encoding = null, count = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> pageType = i32(r, s);
                case 2 -> encoding = i32(r, s);
                case 3 -> count = i32(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(pageType, s, "page_type", at);
        req(encoding, s, "encoding", at);
        req(count, s, "count", at);
        return new PageEncodingStats(PageType.fromId(pageType), Encoding.fromId(encoding), count);
    }

    private static SizeStatistics sizeStatistics(ThriftCompactReader r) {
        final String s = "SizeStatistics";
        Long unencoded = null;
        List<Long> rep = null, def = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> unencoded = i64(r, s);
                case 2 -> rep = longList(r, s);
                case 3 -> def = longList(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        return new SizeStatistics(unencoded, rep, def);
    }

    private static KeyValue keyValue(ThriftCompactReader r) {
        final String s = "KeyValue";
        long at = r.position();
        String key = null, value = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> key = string(r, s);
                case 2 -> value = string(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(key, s, "key", at);
        return new KeyValue(key, value);
    }

    private static ColumnOrder columnOrder(ThriftCompactReader r) {
        ColumnOrder order = ColumnOrder.UNKNOWN;
        boolean first = true;
        r.structBegin();
        while (r.nextField()) {
            if (first) {
                order = switch (r.fieldId()) {
                    case 1 -> ColumnOrder.TYPE_DEFINED;
                    case 2 -> ColumnOrder.IEEE754;
                    default -> ColumnOrder.UNKNOWN;
                };
                first = false;
            }
            r.skip(r.fieldType());
        }
        r.structEnd();
        return order;
    }

    // ================================================================== pages

    static PageHeader pageHeader(ThriftCompactReader r) {
        final String s = "PageHeader";
        long at = r.position();
        Integer type = null, uncompressed = null, compressed = null, crc = null;
        DataPageHeader v1 = null;
        DictionaryPageHeader dict = null;
        DataPageHeaderV2 v2 = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> type = i32(r, s);
                case 2 -> uncompressed = i32(r, s);
                case 3 -> compressed = i32(r, s);
                case 4 -> crc = i32(r, s);
                case 5 -> v1 = struct(r, MetadataParser::dataPageHeader);
                case 7 -> dict = struct(r, MetadataParser::dictionaryPageHeader);
                case 8 -> v2 = struct(r, MetadataParser::dataPageHeaderV2);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(type, s, "type", at);
        req(uncompressed, s, "uncompressed_page_size", at);
        req(compressed, s, "compressed_page_size", at);
        return new PageHeader(PageType.fromId(type), uncompressed, compressed, crc, v1, dict, v2);
    }

    private static DataPageHeader dataPageHeader(ThriftCompactReader r) {
        final String s = "DataPageHeader";
        long at = r.position();
        Integer numValues = null, enc = null, defEnc = null, repEnc = null;
        Statistics stats = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> numValues = i32(r, s);
                case 2 -> enc = i32(r, s);
                case 3 -> defEnc = i32(r, s);
                case 4 -> repEnc = i32(r, s);
                case 5 -> stats = struct(r, MetadataParser::statistics);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(numValues, s, "num_values", at);
        req(enc, s, "encoding", at);
        req(defEnc, s, "definition_level_encoding", at);
        req(repEnc, s, "repetition_level_encoding", at);
        return new DataPageHeader(numValues, Encoding.fromId(enc), Encoding.fromId(defEnc), Encoding.fromId(repEnc),
                stats);
    }

    private static DictionaryPageHeader dictionaryPageHeader(ThriftCompactReader r) {
        final String s = "DictionaryPageHeader";
        long at = r.position();
        Integer numValues = null, enc = null;
        Boolean sorted = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> numValues = i32(r, s);
                case 2 -> enc = i32(r, s);
                case 3 -> sorted = bool(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(numValues, s, "num_values", at);
        req(enc, s, "encoding", at);
        return new DictionaryPageHeader(numValues, Encoding.fromId(enc), sorted);
    }

    private static DataPageHeaderV2 dataPageHeaderV2(ThriftCompactReader r) {
        final String s = "DataPageHeaderV2";
        long at = r.position();
        Integer numValues = null, numNulls = null, numRows = null, enc = null, defLen = null, repLen = null;
        Boolean compressed = null;
        Statistics stats = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> numValues = i32(r, s);
                case 2 -> numNulls = i32(r, s);
                case 3 -> numRows = i32(r, s);
                case 4 -> enc = i32(r, s);
                case 5 -> defLen = i32(r, s);
                case 6 -> repLen = i32(r, s);
                case 7 -> compressed = bool(r, s);
                case 8 -> stats = struct(r, MetadataParser::statistics);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(numValues, s, "num_values", at);
        req(numNulls, s, "num_nulls", at);
        req(numRows, s, "num_rows", at);
        req(enc, s, "encoding", at);
        req(defLen, s, "definition_levels_byte_length", at);
        req(repLen, s, "repetition_levels_byte_length", at);
        return new DataPageHeaderV2(numValues, numNulls, numRows, Encoding.fromId(enc), defLen, repLen,
                compressed == null || compressed,
                stats);
    }

    // ================================================================== page index

    static ColumnIndex columnIndex(ThriftCompactReader r) {
        final String s = "ColumnIndex";
        long at = r.position();
        List<Boolean> nullPages = null;
        List<byte[]> mins = null, maxs = null;
        Integer boundary = null;
        List<Long> nullCounts = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> nullPages = boolList(r, s);
                case 2 -> mins = binaryList(r, s);
                case 3 -> maxs = binaryList(r, s);
                case 4 -> boundary = i32(r, s);
                case 5 -> nullCounts = longList(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(nullPages, s, "null_pages", at);
        req(mins, s, "min_values", at);
        req(maxs, s, "max_values", at);
        req(boundary, s, "boundary_order", at);
        return new ColumnIndex(nullPages, mins, maxs, boundary, nullCounts);
    }

    static OffsetIndex offsetIndex(ThriftCompactReader r) {
        final String s = "OffsetIndex";
        long at = r.position();
        List<PageLocation> locations = null;
        List<Long> unencoded = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> locations = structList(r, s, MetadataParser::pageLocation);
                case 2 -> unencoded = longList(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(locations, s, "page_locations", at);
        return new OffsetIndex(locations, unencoded);
    }

    private static PageLocation pageLocation(ThriftCompactReader r) {
        final String s = "PageLocation";
        long at = r.position();
        Long offset = null, firstRow = null;
        Integer size = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> offset = i64(r, s);
                case 2 -> size = i32(r, s);
                case 3 -> firstRow = i64(r, s);
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        req(offset, s, "offset", at);
        req(size, s, "compressed_page_size", at);
        req(firstRow, s, "first_row_index", at);
        return new PageLocation(offset, size, firstRow);
    }

    // ================================================================== field helpers

    private static boolean isInteger(int type) {
        return type == T_BYTE || type == T_I16 || type == T_I32 || type == T_I64;
    }

    private static boolean isBool(int type) {
        return type == T_BOOL_TRUE || type == T_BOOL_FALSE;
    }

    /** Skips the current field and returns null (used when its wire type is not the expected one). */
    private static <T> T skipField(ThriftCompactReader r) {
        r.skip(r.fieldType());
        return null;
    }

    private static void req(Object value, String struct, String field, long structOffset) {
        if (value == null) {
            throw ThriftCompactReader.error(struct + " is missing required field '" + field + "'", structOffset);
        }
    }

    private static <T> T struct(ThriftCompactReader r, Function<ThriftCompactReader, T> parser) {
        return r.fieldType() == T_STRUCT ? parser.apply(r) : skipField(r);
    }

    private static Integer i32(ThriftCompactReader r, String s) {
        if (!isInteger(r.fieldType())) return skipField(r);
        long at = r.position();
        long v = r.readInteger(r.fieldType());
        if (v != (int) v) throw ThriftCompactReader.error(s + " field " + r.fieldId() + " value " + v + " exceeds i32", at);
        return (int) v;
    }

    private static Long i64(ThriftCompactReader r, String s) {
        return isInteger(r.fieldType()) ? r.readInteger(r.fieldType()) : skipField(r);
    }

    private static Boolean bool(ThriftCompactReader r, String s) {
        return isBool(r.fieldType()) ? r.readBool() : skipField(r);
    }

    private static String string(ThriftCompactReader r, String s) {
        return r.fieldType() == T_BINARY ? r.readString() : skipField(r);
    }

    private static byte[] binary(ThriftCompactReader r, String s) {
        return r.fieldType() == T_BINARY ? r.readBinary() : skipField(r);
    }

    /**
     * Reads a list/set header if the field is one and its elements satisfy {@code elementOk};
     * otherwise skips the whole field and returns null.
     */
    private static ThriftCompactReader.ListHeader listHeader(ThriftCompactReader r, java.util.function.IntPredicate elementOk) {
        if (r.fieldType() != T_LIST && r.fieldType() != T_SET) return skipField(r);
        ThriftCompactReader.ListHeader h = r.readListHeader();
        if (elementOk.test(h.elementType())) return h;
        for (int i = 0; i < h.size(); i++) r.skip(h.elementType());
        return null;
    }

    private static <T> List<T> structList(ThriftCompactReader r, String s, Function<ThriftCompactReader, T> element) {
        ThriftCompactReader.ListHeader h = listHeader(r, t -> t == T_STRUCT);
        if (h == null) return null;
        List<T> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) out.add(element.apply(r));
        return out;
    }

    private static List<Long> longList(ThriftCompactReader r, String s) {
        ThriftCompactReader.ListHeader h = listHeader(r, MetadataParser::isInteger);
        if (h == null) return null;
        List<Long> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) out.add(r.readInteger(h.elementType()));
        return out;
    }

    /** Encoding ids; ids this reader does not know are dropped. */
    private static List<Encoding> encodingList(ThriftCompactReader r, String s) {
        ThriftCompactReader.ListHeader h = listHeader(r, MetadataParser::isInteger);
        if (h == null) return null;
        List<Encoding> out = new ArrayList<>(Math.min(h.size(), 16));
        for (int i = 0; i < h.size(); i++) {
            long id = r.readInteger(h.elementType());
            Encoding e = id == (int) id ? Encoding.fromId((int) id) : null;
            if (e != null) out.add(e);
        }
        return out;
    }

    private static List<String> stringList(ThriftCompactReader r, String s) {
        ThriftCompactReader.ListHeader h = listHeader(r, t -> t == T_BINARY);
        if (h == null) return null;
        List<String> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) out.add(r.readString());
        return out;
    }

    private static List<byte[]> binaryList(ThriftCompactReader r, String s) {
        ThriftCompactReader.ListHeader h = listHeader(r, t -> t == T_BINARY);
        if (h == null) return null;
        List<byte[]> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) out.add(r.readBinary());
        return out;
    }

    private static List<Boolean> boolList(ThriftCompactReader r, String s) {
        ThriftCompactReader.ListHeader h = listHeader(r, MetadataParser::isBool);
        if (h == null) return null;
        List<Boolean> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) out.add(r.readBool());
        return out;
    }
}
