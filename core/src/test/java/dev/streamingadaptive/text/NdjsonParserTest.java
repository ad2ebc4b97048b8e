package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.frame.format.JsonLinesWriter;
import dev.streamingadaptive.frame.format.TextFormatException;
import org.duckdb.DuckDBStruct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NDJSON inference and parsing against DuckDB's {@code read_json} on a corpus of edge cases.
 *
 * <p>Values are checked by reading the same file in DuckDB with our inferred schema spelled out as
 * {@code columns={...}}: then both readers must produce the same value in every cell, nested ones
 * included. Inferred types are checked against DuckDB's own inference where the two agree by
 * design, and asserted directly where they differ (see {@link NdjsonSchemaInference}).
 */
class NdjsonParserTest {
    @TempDir
    static Path dir;
    static Connection duck;

    @BeforeAll
    static void open() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone='UTC'");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static Chunk chunk(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        return new Chunk(p.toString(), b, 0, b.length, 1, 0);
    }

    private static Chunk chunk(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Chunk("mem.ndjson", b, 0, b.length, 1, 0);
    }

    private static DataFrame parseAll(Schema schema, Chunk c, boolean ignoreErrors) {
        return new NdjsonChunkParser(schema, schema.names(), ignoreErrors).parse(c);
    }

    /** DuckDB's spelling of one of our types. */
    static String duckType(DataType t) {
        return switch (t) {
            case DataType.ListType l -> duckType(l.element().type()) + "[]";
            case DataType.StructType s -> {
                StringBuilder sb = new StringBuilder("STRUCT(");
                for (int i = 0; i < s.fields().size(); i++) {
                    Field f = s.fields().get(i);
                    sb.append(i > 0 ? ", " : "").append('"').append(f.name()).append("\" ").append(duckType(f.type()));
                }
                yield sb.append(')').toString();
            }
            case DataType.Timestamp ts -> ts.utcAdjusted() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
            case DataType.Time tm -> "TIME";
            default -> switch (t.kind()) {
                case INT64 -> "BIGINT";
                case INT32 -> "INTEGER";
                case FLOAT64 -> "DOUBLE";
                case BOOLEAN -> "BOOLEAN";
                case STRING -> "VARCHAR";
                case DATE -> "DATE";
                default -> throw new IllegalArgumentException(t.toString());
            };
        };
    }

    /** A DuckDB value as the Java value {@link Column#get} gives for the same cell. */
    static Object norm(Object o) throws Exception {
        if (o == null) return null;
        if (o instanceof DuckDBStruct s) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : s.getMap().entrySet()) m.put(e.getKey(), norm(e.getValue()));
            return m;
        }
        if (o instanceof java.sql.Array a) {
            List<Object> l = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) l.add(norm(e));
            return l;
        }
        if (o instanceof java.sql.Timestamp ts) return ts.toLocalDateTime();
        if (o instanceof OffsetDateTime odt) return odt.toInstant();
        if (o instanceof java.sql.Date d) return d.toLocalDate();
        if (o instanceof org.duckdb.JsonNode j) return j.toString();
        return o;
    }

    /** The rows of a DuckDB query, normalized. */
    static List<List<Object>> duckRows(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int c = 1; c <= n; c++) row.add(norm(rs.getObject(c)));
                rows.add(row);
            }
        }
        return rows;
    }

    static List<List<Object>> ourRows(DataFrame df) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < df.height(); r++) {
            List<Object> row = new ArrayList<>(df.width());
            for (Column c : df.columns()) row.add(c.get(r));
            rows.add(row);
        }
        return rows;
    }

    /** DuckDB's auto-detected column types of a file, as DuckDB names them. */
    static Map<String, String> duckInferred(Path file) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_json('" + file + "')")) {
            while (rs.next()) types.put(rs.getString(1), rs.getString(2));
        }
        return types;
    }

    /**
     * Infers, parses (as one chunk and as one chunk per line) and compares every cell with DuckDB
     * reading the file with our schema; returns our frame.
     */
    static DataFrame assertValuesLikeDuckDb(Path file, Schema schema) throws Exception {
        DataFrame df = parseAll(schema, chunk(file), false);
        StringBuilder cols = new StringBuilder();
        StringBuilder select = new StringBuilder();
        for (Field f : schema.fields()) {
            cols.append(cols.isEmpty() ? "" : ", ").append('\'').append(f.name().replace("'", "''")).append("': '")
                    .append(duckType(f.type()).replace("'", "''")).append('\'');
            select.append(select.isEmpty() ? "" : ", ").append('"').append(f.name()).append('"');
        }
        byte[] bytes = Files.readAllBytes(file);
        Path forDuck = file;
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            // DuckDB's read_json rejects a byte order mark; it reads the same file without one.
            forDuck = file.resolveSibling("nobom-" + file.getFileName());
            Files.write(forDuck, Arrays.copyOfRange(bytes, 3, bytes.length));
        }
        List<List<Object>> expected = duckRows("SELECT " + select + " FROM read_json('" + forDuck
                + "', format='newline_delimited', columns={" + cols + "})");
        List<List<Object>> actual = ourRows(df);
        assertEquals(expected.size(), actual.size(), "row count");
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < schema.size(); c++) {
                assertEquals(expected.get(r).get(c), actual.get(r).get(c),
                        "row " + r + " column " + schema.fields().get(c).name());
            }
        }
        assertEquals(df, parsePerLine(file, schema), "one chunk per line gives the same frame");
        return df;
    }

    /** The file parsed as one chunk per line (with the right firstLine), concatenated. */
    static DataFrame parsePerLine(Path file, Schema schema) throws Exception {
        byte[] b = Files.readAllBytes(file);
        NdjsonChunkParser parser = new NdjsonChunkParser(schema, schema.names(), false);
        List<List<Object>> rows = new ArrayList<>();
        int start = 0;
        long line = 1;
        long index = 0;
        while (start < b.length) {
            int end = start;
            while (end < b.length && b[end] != '\n') end++;
            if (end < b.length) end++;
            rows.addAll(ourRows(parser.parse(new Chunk(file.toString(), b, start, end - start, line++, index++))));
            start = end;
        }
        DataFrame whole = parseAll(schema, chunk(file), false);
        assertEquals(ourRows(whole), rows);
        return whole;
    }

    static DataType list(DataType e) { return new DataType.ListType(Field.of("element", e)); }

    static DataType struct(Object... nameType) {
        List<Field> fs = new ArrayList<>();
        for (int i = 0; i < nameType.length; i += 2) fs.add(Field.of((String) nameType[i], (DataType) nameType[i + 1]));
        return new DataType.StructType(fs);
    }

    static Schema schema(Object... nameType) {
        return new Schema(((DataType.StructType) struct(nameType)).fields());
    }

    // ------------------------------------------------------------------------------------------ corpus

    @Test
    void nestedObjectsArraysNullsAndMissingKeys() throws Exception {
        Path f = write("nested.ndjson", """
                {"id":1,"user":{"name":"ann","address":{"city":"Oslo","zip":"0150"},"tags":["a","b"]},"events":[{"t":1,"k":"x"},{"t":2}],"empty_o":{},"empty_a":[],"deep":{"a":{"b":{"c":{"d":{"e":[[1,2],[3]]}}}}},"n":null}
                {"id":2,"user":{"name":"bob","address":null,"tags":[]},"events":[],"empty_o":{},"empty_a":[],"deep":{"a":{"b":null}},"n":null}
                {"id":3,"user":null,"events":null,"deep":{"a":{"b":{"c":{"d":{"e":[[],null,[4]]}}}}},"extra":{"k":[{"z":true}]}}
                {"id":4}
                {"id":5,"user":{"address":{"zip":"x"},"name":null},"events":[{"k":"y","t":null},null,{"t":3,"k":"z","u":1.5}],"extra":{"k":[]}}
                { "id" : 6 , "user" : { "tags" : [ "c" , null ] } , "deep" : { } }
                """);
        Schema s = NdjsonSchemaInference.infer(chunk(f), 1000);
        DataType address = struct("city", DataType.STRING, "zip", DataType.STRING);
        DataType deep = struct("a", struct("b", struct("c", struct("d", struct("e", list(list(DataType.INT64)))))));
        assertEquals(schema(
                "id", DataType.INT64,
                "user", struct("name", DataType.STRING, "address", address, "tags", list(DataType.STRING)),
                "events", list(struct("t", DataType.INT64, "k", DataType.STRING, "u", DataType.FLOAT64)),
                "empty_o", DataType.STRING,       // DuckDB: MAP(VARCHAR, JSON)
                "empty_a", list(DataType.STRING), // DuckDB: JSON[]
                "deep", deep,
                "n", DataType.STRING,             // DuckDB: JSON
                "extra", struct("k", list(struct("z", DataType.BOOLEAN)))), s);
        Map<String, String> duckTypes = duckInferred(f);
        for (String agreed : List.of("id", "user", "events", "deep", "extra")) {
            assertEquals(duckTypes.get(agreed).replace("\"", ""), duckType(s.field(agreed).type()).replace("\"", ""), agreed);
        }
        assertEquals("MAP(VARCHAR, JSON)", duckTypes.get("empty_o"));
        assertEquals("JSON[]", duckTypes.get("empty_a"));
        assertEquals("JSON", duckTypes.get("n"));

        DataFrame df = assertValuesLikeDuckDb(f, s);
        assertEquals(6, df.height());
        assertEquals(Map.of("name", "ann", "address", Map.of("city", "Oslo", "zip", "0150"), "tags", List.of("a", "b")),
                df.column("user").get(0));
        assertNull(df.column("user").get(2));
        assertEquals(Arrays.asList("c", null), ((Map<?, ?>) df.column("user").get(5)).get("tags"));
        assertEquals("{}", df.column("empty_o").get(0));
        assertNull(df.column("empty_o").get(2));
        assertEquals(List.of(), df.column("empty_a").get(1));
        assertEquals(Arrays.asList(List.of(), null, List.of(4L)),
                ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) df.column("deep").get(2)).get("a")).get("b")).get("c")).get("d")).get("e"));
        List<?> events = (List<?>) df.column("events").get(4);
        assertEquals(3, events.size());
        assertNull(events.get(1));
        assertEquals(1.5, ((Map<?, ?>) events.get(2)).get("u"));
    }

    @Test
    void stringsEscapesUnicodeBomCrlfAndBlankLines() throws Exception {
        String text = "\uFEFF{\"s\":\"plain\",\"e\":\"caf\\u00e9\",\"sp\":\"\\ud83d\\ude00!\",\"raw\":\"café 😀 日本\","
                + "\"esc\":\"a\\nb\\t\\\"q\\\"\\\\ \\/\",\"k\\u00e9y\":1}\r\n"
                + "\r\n"
                + "   \t \n"
                + "{\"s\":\"\",\"e\":\"\\u00E9\\u0041\",\"sp\":\"\\uD834\\uDD1E\\ud83d\\ude3f\",\"raw\":\"ß\",\"esc\":\"\\r\\f\\b\",\"kéy\":2}\r\n"
                + "\n"
                + "{\"s\":null,\"raw\":\"end without newline\"}";
        Path f = write("strings.ndjson", text);
        Schema s = NdjsonSchemaInference.infer(chunk(f), 1000);
        assertEquals(schema("s", DataType.STRING, "e", DataType.STRING, "sp", DataType.STRING, "raw", DataType.STRING,
                "esc", DataType.STRING, "kéy", DataType.INT64), s);
        DataFrame df = assertValuesLikeDuckDb(f, s);
        assertEquals(Map.of("s", "VARCHAR", "e", "VARCHAR", "sp", "VARCHAR", "raw", "VARCHAR", "esc", "VARCHAR",
                "kéy", "BIGINT"), duckInferred(f.resolveSibling("nobom-" + f.getFileName())));
        assertEquals(3, df.height());
        assertEquals("café", df.column("e").get(0));
        assertEquals("😀!", df.column("sp").get(0));
        assertEquals("café 😀 日本", df.column("raw").get(0));
        assertEquals("a\nb\t\"q\"\\ /", df.column("esc").get(0));
        assertEquals("éA", df.column("e").get(1));
        assertEquals("\uD834\uDD1E\uD83D\uDE3F", df.column("sp").get(1));
        assertEquals("", df.column("s").get(1));
        assertNull(df.column("s").get(2));
        assertEquals(2L, df.column("kéy").get(1));
    }

    @Test
    void numbers() throws Exception {
        Path f = write("numbers.ndjson", """
                {"i":1,"f":1.5,"mix":1,"big":1,"e":1e3,"neg":-5,"max":9223372036854775807,"min":-9223372036854775808,"z":-0,"nan":NaN}
                {"i":-2,"f":-2.25e-3,"mix":2.5,"big":99999999999999999999,"e":-1.5E+2,"neg":0,"max":0,"min":0,"z":0,"nan":Infinity}
                {"i":null,"f":1E308,"mix":3,"big":3,"e":2.5e-310,"neg":null,"max":null,"min":null,"z":null,"nan":-Infinity}
                {"i":123456789012,"f":0.1,"mix":-7,"big":-18446744073709551616,"e":0.30000000000000004,"nan":1}
                """);
        Schema s = NdjsonSchemaInference.infer(chunk(f), 1000);
        assertEquals(schema("i", DataType.INT64, "f", DataType.FLOAT64, "mix", DataType.FLOAT64,
                "big", DataType.FLOAT64, // DuckDB: BIGINT, then fails to read the big value
                "e", DataType.FLOAT64, "neg", DataType.INT64, "max", DataType.INT64, "min", DataType.INT64,
                "z", DataType.INT64, "nan", DataType.FLOAT64), s);
        Map<String, String> duckTypes = duckInferred(f);
        for (String agreed : List.of("i", "f", "mix", "e", "neg", "max", "min", "z", "nan")) {
            assertEquals(duckTypes.get(agreed), duckType(s.field(agreed).type()), agreed);
        }
        DataFrame df = assertValuesLikeDuckDb(f, s);
        assertEquals(Long.MAX_VALUE, df.column("max").get(0));
        assertEquals(Long.MIN_VALUE, df.column("min").get(0));
        assertEquals(1e20, df.column("big").get(1));
        assertEquals(-0x1p64, df.column("big").get(3));
        assertEquals(-2.25e-3, df.column("f").get(1));
        assertEquals(2.5e-310, df.column("e").get(2));
        assertEquals(0.30000000000000004, df.column("e").get(3));
        assertTrue(Double.isNaN((Double) df.column("nan").get(0)));
        assertEquals(Double.NEGATIVE_INFINITY, df.column("nan").get(2));
        assertEquals(0L, df.column("z").get(0));
    }

    @Test
    void datesTimesAndTimestampsInStrings() throws Exception {
        Path f = write("temporal.ndjson", """
                {"d":"2024-01-02","ts":"2024-01-02 10:00:00","tsf":"2024-01-02T10:00:00.123456","tz":"2024-01-02T10:00:00Z","tzo":"2024-01-02T10:00:00+02:00","t":"10:00:00","mixd":"2024-01-02","notd":"2024-13-01","pre":"1969-07-20 20:17:40"}
                {"d":"1969-12-31","ts":"1900-03-04 23:59:59","tsf":"2024-01-02T10:00:00","tz":"2024-06-30 23:00:00","tzo":null,"t":"23:59:59.999","mixd":"2024-01-02 10:00:00","notd":"2024-01-01","pre":"0999-01-01 00:00:00"}
                {"d":null,"ts":null,"tsf":"2024-02-29T00:00:00.5","tz":"2000-01-01T00:00:00.000001Z","tzo":"2024-01-02T10:00:00-0530","t":null,"mixd":null,"notd":"x"}
                """);
        Schema s = NdjsonSchemaInference.infer(chunk(f), 1000);
        DataType naive = new DataType.Timestamp(TimeUnit.MICROS, false);
        DataType utc = new DataType.Timestamp(TimeUnit.MICROS, true);
        assertEquals(schema("d", DataType.DATE, "ts", naive,
                "tsf", naive, // DuckDB: VARCHAR (its formats have no 'T' without 'Z')
                "tz", utc,    // DuckDB: VARCHAR (two formats in one column)
                "tzo", utc,   // DuckDB: VARCHAR (no format with an offset)
                "t", new DataType.Time(TimeUnit.MICROS),
                "mixd", DataType.STRING, // dates mixed with timestamps: DuckDB agrees
                "notd", DataType.STRING, "pre", naive), s);
        Map<String, String> duckTypes = duckInferred(f);
        for (String agreed : List.of("d", "ts", "t", "mixd", "notd", "pre")) {
            assertEquals(duckTypes.get(agreed), duckType(s.field(agreed).type()), agreed);
        }
        DataFrame df = assertValuesLikeDuckDb(f, s);
        assertEquals(LocalDate.of(1969, 12, 31), df.column("d").get(1));
        assertEquals(LocalDateTime.of(2024, 1, 2, 10, 0, 0, 123_456_000), df.column("tsf").get(0));
        assertEquals(Instant.parse("2024-01-02T08:00:00Z"), df.column("tzo").get(0));
        assertEquals(Instant.parse("2024-01-02T15:30:00Z"), df.column("tzo").get(2));
        assertEquals(Instant.parse("2024-06-30T23:00:00Z"), df.column("tz").get(1));
        assertEquals(LocalTime.of(23, 59, 59, 999_000_000), df.column("t").get(1));
        assertEquals(LocalDateTime.of(999, 1, 1, 0, 0), df.column("pre").get(1));
    }

    @Test
    void conflictingTypesBecomeStringsOfTheirJsonText() throws Exception {
        // DuckDB infers its JSON type for these keys (strings kept quoted); read as VARCHAR it gives
        // what we give: strings unquoted, other values as minified JSON text.
        Path f = write("mixed.ndjson", """
                {"a":1,"b":true,"c":"s","d":[1,"x",true,null],"e":{"k":1},"f":1}
                {"a":"x","b":1,"c":{"k":[1, 2]},"d":[{"a" : 1}],"e":[1],"f":"2024-01-01"}
                {"a":{"z":null},"b":null,"c":[ 1 , 2 ],"d":null,"e":"s","f":2.5}
                {"a":-1.25,"b":false,"c":"{not json}","d":[[]],"e":null,"f":{"g":"a\\"b"}}
                """);
        Schema s = NdjsonSchemaInference.infer(chunk(f), 1000);
        assertEquals(schema("a", DataType.STRING, "b", DataType.STRING, "c", DataType.STRING,
                "d", list(DataType.STRING), "e", DataType.STRING, "f", DataType.STRING), s);
        Map<String, String> duckTypes = duckInferred(f);
        assertEquals(Map.of("a", "JSON", "b", "JSON", "c", "JSON", "d", "JSON[]", "e", "JSON", "f", "JSON"), duckTypes);
        DataFrame df = assertValuesLikeDuckDb(f, s);
        assertEquals(List.of("1", "x", "{\"z\":null}", "-1.25"), strings(df.column("a")));
        assertEquals(Arrays.asList("true", "1", null, "false"), strings(df.column("b")));
        assertEquals(List.of("s", "{\"k\":[1,2]}", "[1,2]", "{not json}"), strings(df.column("c")));
        assertEquals(Arrays.asList("1", "x", "true", null), df.column("d").get(0));
        assertEquals(List.of("{\"a\":1}"), df.column("d").get(1));
        assertEquals(List.of("[]"), df.column("d").get(3));
        assertEquals("{\"g\":\"a\\\"b\"}", df.column("f").get(3));
        // Where we differ from DuckDB's VARCHAR: numbers keep their source text (DuckDB prints 1e3 as 1000.0).
        DataFrame exp = parseAll(schema("x", DataType.STRING), chunk("{\"x\":1e3}\n{\"x\":\"1e3\"}\n"), false);
        assertEquals(List.of("1e3", "1e3"), strings(exp.column("x")));
    }

    private static List<Object> strings(Column c) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) out.add(c.get(i));
        return out;
    }

    @Test
    void lenientCastsIntoAGivenSchema() throws Exception {
        // DuckDB reads these into the given types too.
        Path f = write("casts.ndjson", """
                {"i":"12","d":"1.5","b":"true","f":2.0,"g":1e3,"s":7}
                {"i":" 7 ","d":3,"b":false,"f":-4,"g":null,"s":[1,{"a":null}]}
                """);
        Schema s = schema("i", DataType.INT64, "d", DataType.FLOAT64, "b", DataType.BOOLEAN, "f", DataType.INT64,
                "g", DataType.INT64, "s", DataType.STRING);
        DataFrame df = assertValuesLikeDuckDb(f, s);
        assertEquals(List.of(12L, 7L), strings(df.column("i")));
        assertEquals(List.of(2L, -4L), strings(df.column("f")));
        assertEquals(1000L, df.column("g").get(0));
        assertEquals("[1,{\"a\":null}]", df.column("s").get(1));

        // Narrow and other-unit types a caller may ask for.
        Schema narrow = schema("a", DataType.INT32, "b", DataType.INT8, "c", DataType.FLOAT32,
                "t", new DataType.Timestamp(TimeUnit.MILLIS, false), "n", new DataType.Timestamp(TimeUnit.NANOS, true),
                "tm", new DataType.Time(TimeUnit.MILLIS), "j", DataType.JSON);
        DataFrame nd = parseAll(narrow, chunk("{\"a\":70000,\"b\":-128,\"c\":0.1,\"t\":\"2024-01-02 10:00:00.1239\","
                + "\"n\":\"2024-01-02T10:00:00.123456+01:00\",\"tm\":\"01:02:03.004\",\"j\":\"q\\\"\"}\n"
                + "{\"j\":{\"x\" : [1, 2]}}\n"), false);
        assertEquals(70000, nd.column("a").get(0));
        assertEquals((byte) -128, nd.column("b").get(0));
        assertEquals(0.1f, nd.column("c").get(0));
        assertEquals(LocalDateTime.of(2024, 1, 2, 10, 0, 0, 123_000_000), nd.column("t").get(0));
        assertEquals(Instant.parse("2024-01-02T09:00:00.123456Z"), nd.column("n").get(0));
        assertEquals(LocalTime.of(1, 2, 3, 4_000_000), nd.column("tm").get(0));
        assertEquals("\"q\\\"\"", nd.column("j").get(0));
        assertEquals("{\"x\":[1,2]}", nd.column("j").get(1));
        assertNull(nd.column("a").get(1));

        TextFormatException e = assertThrows(TextFormatException.class,
                () -> parseAll(schema("b", DataType.INT8), chunk("{\"b\":1}\n{\"b\":128}\n"), false));
        assertEquals(2, e.line());
        assertTrue(e.detail().contains("'b'"), e.detail());
        assertThrows(IllegalArgumentException.class,
                () -> new NdjsonChunkParser(schema("m", new DataType.Decimal(10, 2)), List.of("m"), false));
        assertThrows(IllegalArgumentException.class,
                () -> new NdjsonChunkParser(schema("a", DataType.INT64), List.of("nope"), false));
    }

    // ------------------------------------------------------------------------------------------ projection

    @Test
    void projectionReadsOnlyAskedColumnsInAskedOrder() {
        Schema s = schema("a", DataType.INT64, "b", struct("x", DataType.STRING), "c", list(DataType.INT64));
        Chunk c = chunk("{\"a\":1,\"b\":{\"x\":\"p\"},\"c\":[1,2],\"zz\":{\"deep\":[1,[2,{\"q\":3}]]}}\n"
                + "{\"c\":[3],\"b\":\"not an object, but not projected\",\"a\":2}\n");
        DataFrame df = new NdjsonChunkParser(s, List.of("c", "a"), false).parse(c);
        assertEquals(List.of("c", "a"), df.schema().names());
        assertEquals(List.of(List.of(1L, 2L), List.of(3L)), strings(df.column("c")));
        assertEquals(List.of(1L, 2L), strings(df.column("a")));
        DataFrame none = new NdjsonChunkParser(s, List.of(), false).parse(c);
        assertEquals(0, none.width());
        assertEquals(2, none.height());
        // A projected value of the wrong kind fails.
        assertThrows(TextFormatException.class, () -> new NdjsonChunkParser(s, List.of("b"), false).parse(c));
    }

    // ------------------------------------------------------------------------------------------ errors

    @Test
    void malformedLineFailsWithItsLineOrIsSkipped() throws Exception {
        String text = "{\"a\":1,\"l\":[1]}\n\n{\"a\":2,\"l\":[2,3]}\n{\"a\":3,\"l\":[4,5\n{\"a\":4,\"l\":[]}\n";
        Schema s = schema("a", DataType.INT64, "l", list(DataType.INT64));
        TextFormatException e = assertThrows(TextFormatException.class, () -> parseAll(s, chunk(text), false));
        assertEquals(4, e.line());
        assertEquals("mem.ndjson", e.file());
        assertTrue(e.getMessage().startsWith("mem.ndjson:4: malformed JSON"), e.getMessage());

        DataFrame df = parseAll(s, chunk(text), true);
        assertEquals(List.of(1L, 2L, 4L), strings(df.column("a")));
        assertEquals(List.of(List.of(1L), List.of(2L, 3L), List.of()), strings(df.column("l")));

        // The same text in a chunk that starts at line 101 of its file.
        byte[] b = ("xx" + text).getBytes(StandardCharsets.UTF_8);
        TextFormatException later = assertThrows(TextFormatException.class,
                () -> parseAll(s, new Chunk("f.ndjson", b, 2, b.length - 2, 101, 3), false));
        assertEquals(104, later.line());

        // Inference fails the same way, or skips the line.
        assertEquals(4, assertThrows(TextFormatException.class, () -> NdjsonSchemaInference.infer(chunk(text), 100)).line());
        assertEquals(s, NdjsonSchemaInference.infer(chunk(text), 100, true));
    }

    @Test
    void badRecordsOfEveryKind() {
        Schema s = schema("a", DataType.INT64, "o", struct("l", list(DataType.INT64)));
        String[] bad = {
                "[1,2]",                                 // not an object
                "42",                                    // not an object
                "{\"a\":1} trailing",                    // garbage after the object
                "{\"a\":\"x\"}",                         // string that is not an integer
                "{\"a\":1.5}",                           // fraction into an integer
                "{\"a\":true}",                          // boolean into an integer
                "{\"a\":99999999999999999999}",          // out of int64
                "{\"o\":{\"l\":[1,2,\"z\"]}}",           // bad element deep in a list
                "{\"o\":[1]}",                           // array for a struct
                "{\"a\":1,\"a\":2}",                     // duplicate key
                "{\"a\":1,",                             // cut short
                "{'a':1}",                               // not JSON
        };
        for (String line : bad) {
            String text = "{\"a\":10,\"o\":{\"l\":[7]}}\n" + line + "\n{\"a\":30,\"o\":{\"l\":[8,9]}}\n";
            TextFormatException e = assertThrows(TextFormatException.class, () -> parseAll(s, chunk(text), false), line);
            assertEquals(2, e.line(), line + ": " + e.getMessage());
            DataFrame df = parseAll(s, chunk(text), true);
            assertEquals(List.of(10L, 30L), strings(df.column("a")), line);
            assertEquals(List.of(Map.of("l", List.of(7L)), Map.of("l", List.of(8L, 9L))), strings(df.column("o")), line);
        }
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> parseAll(s, chunk("{\"a\":1}\n{\"o\":{\"l\":[1,\"z\"]}}\n"), false));
        assertTrue(e.detail().contains("o.l[]"), e.detail());
        assertTrue(e.detail().contains("\"z\""), e.detail());
    }

    @Test
    void objectSpreadOverLinesIsAnError() {
        Schema s = schema("a", DataType.INT64, "b", DataType.INT64);
        String text = "{\"a\":1}\n{\"a\":2,\n\"b\":3}\n{\"a\":4}\n";
        TextFormatException e = assertThrows(TextFormatException.class, () -> parseAll(s, chunk(text), false));
        assertEquals(2, e.line());
        assertEquals(List.of(1L, 4L), strings(parseAll(s, chunk(text), true).column("a")));
        // One object per line, as DuckDB's format='newline_delimited' (its default format would read both).
        TextFormatException two = assertThrows(TextFormatException.class,
                () -> parseAll(s, chunk("{\"a\":0}\n{\"a\":1} {\"a\":2}\n{\"a\":3}"), false));
        assertEquals(2, two.line());
        assertEquals(List.of(0L, 3L), strings(parseAll(s, chunk("{\"a\":0}\n{\"a\":1} {\"a\":2}\n{\"a\":3}"), true).column("a")));
    }

    @Test
    void inferenceRejectsNonObjectsWithFileAndLine() {
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> NdjsonSchemaInference.infer(chunk("{\"a\":1}\n\n[1,2]\n"), 10));
        assertEquals(3, e.line());
        assertEquals("mem.ndjson", e.file());
        assertTrue(e.detail().contains("an array"), e.detail());
        // maxRecords stops before the bad line.
        assertEquals(schema("a", DataType.INT64), NdjsonSchemaInference.infer(chunk("{\"a\":1}\n\n[1,2]\n"), 1));
        // Records ignored in the sample add nothing to the schema.
        assertEquals(schema("a", DataType.INT64),
                NdjsonSchemaInference.infer(chunk("{\"a\":1}\n{\"b\":{\"c\":1}, oops}\n{\"a\":\n{\"a\":3}\n"), 10, true));
        assertEquals(new Schema(List.of()), NdjsonSchemaInference.infer(chunk("\n  \n"), 10));
    }

    @Test
    void deepNestingIsReadAndTooDeepNestingFailsCleanly() {
        int depth = 200;
        String deep = "{\"x\":" + "[".repeat(depth) + "1" + "]".repeat(depth) + ",\"o\":" + "{\"k\":".repeat(depth) + "true" + "}".repeat(depth) + "}\n";
        Chunk c = chunk(deep + "{\"x\":null}\n");
        Schema s = NdjsonSchemaInference.infer(c, 10);
        DataType x = DataType.INT64, o = DataType.BOOLEAN;
        for (int i = 0; i < depth; i++) {
            x = list(x);
            o = struct("k", o);
        }
        assertEquals(schema("x", x, "o", o), s);
        DataFrame df = parseAll(s, c, false);
        Object v = df.column("x").get(0);
        for (int i = 0; i < depth; i++) v = ((List<?>) v).get(0);
        assertEquals(1L, v);
        Object w = df.column("o").get(0);
        for (int i = 0; i < depth; i++) w = ((Map<?, ?>) w).get("k");
        assertEquals(true, w);
        assertNull(df.column("x").get(1));

        // Past the parser's nesting limit (500): a clean error with the line, never a StackOverflowError.
        String tooDeep = "{\"a\":1}\n{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n";
        assertEquals(2, assertThrows(TextFormatException.class, () -> NdjsonSchemaInference.infer(chunk(tooDeep), 10)).line());
        assertEquals(2, assertThrows(TextFormatException.class,
                () -> parseAll(schema("x", DataType.STRING), chunk(tooDeep), false)).line());
        assertEquals(List.of(1L), strings(parseAll(schema("a", DataType.INT64), chunk(tooDeep), true).column("a")));
    }

    // ------------------------------------------------------------------------------------------ round trip

    @Test
    void roundTripThroughJsonLinesWriter() {
        int n = 500;
        long[] ids = new long[n];
        double[] xs = new double[n];
        long[] ts = new long[n];
        boolean[] tsNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (long) i * 1_000_003L - 250_000_000L;
            xs[i] = i * 0.37 - 11.5;
            ts[i] = 1_700_000_000_000_000L + i * 1_234_567L;
            tsNull[i] = i % 7 == 3;
        }
        DataFrame in = new DataFrame(List.of(
                new LongColumn("id", ids, n, null),
                new dev.streamingadaptive.frame.DoubleColumn("x", xs, n, null),
                new LongColumn("ts", new DataType.Timestamp(TimeUnit.MICROS, true), ts, n, tsNull)));
        StringBuilder sb = new StringBuilder();
        JsonLinesWriter.write(in, sb);
        Chunk c = chunk(sb.toString());
        Schema s = NdjsonSchemaInference.infer(c, 1000);
        assertEquals(in.schema(), s);
        assertEquals(in, parseAll(s, c, false));
    }
}
