package dev.streamingadaptive.frame.format;

import static dev.streamingadaptive.frame.format.Cols.binary;
import static dev.streamingadaptive.frame.format.Cols.bytes;
import static dev.streamingadaptive.frame.format.Cols.nulls;
import static dev.streamingadaptive.frame.format.Cols.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.StructColumn;
import dev.streamingadaptive.frame.TimeUnit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class JsonLinesWriterTest {

    /** The JSON of each value of a single column. */
    private static List<String> values(Column c) {
        DataFrame df = new DataFrame(List.of(c));
        String prefix = "{\"" + c.name() + "\":";
        List<String> out = new ArrayList<>();
        for (int r = 0; r < df.height(); r++) {
            String line = JsonLinesWriter.toJsonLine(df, r);
            assertEquals(prefix, line.substring(0, prefix.length()), line);
            assertEquals('}', line.charAt(line.length() - 1));
            out.add(line.substring(prefix.length(), line.length() - 1));
        }
        return out;
    }

    @Test
    void signedAndUnsignedIntegers() {
        assertEquals(List.of("-128", "127", "null"),
                values(new IntColumn("x", DataType.INT8, new int[] {-128, 127, 0}, 3, nulls(3, 2))));
        assertEquals(List.of("-2147483648", "2147483647"),
                values(new IntColumn("x", new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, 2, null)));
        assertEquals(List.of("-9223372036854775808", "9223372036854775807"),
                values(new LongColumn("x", new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, 2, null)));
        assertEquals(List.of("255", "0"), values(new IntColumn("x", DataType.UINT8, new int[] {-1, 0}, 2, null)));
        assertEquals(List.of("65535", "1"), values(new IntColumn("x", DataType.UINT16, new int[] {-1, 1}, 2, null)));
        assertEquals(List.of("4294967295", "2147483648"),
                values(new IntColumn("x", DataType.UINT32, new int[] {-1, Integer.MIN_VALUE}, 2, null)));
        assertEquals(List.of("4294967295"), values(new LongColumn("x", DataType.UINT32, new long[] {0xFFFF_FFFFL}, 1, null)));
        assertEquals(List.of("18446744073709551615", "9223372036854775808", "0", "null"),
                values(new LongColumn("x", DataType.UINT64, new long[] {-1, Long.MIN_VALUE, 0, 5}, 4, nulls(4, 3))));
    }

    @Test
    void floats() {
        assertEquals(List.of("1.5", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "-0.0", "1.0E10", "null"),
                values(new FloatColumn("x", new float[] {1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                        -0.0f, 1e10f, 0}, 7, nulls(7, 6))));
        assertEquals(List.of("0.1", "\"NaN\"", "\"-Infinity\"", "1.0E-300"),
                values(new DoubleColumn("x", new double[] {0.1, Double.NaN, Double.NEGATIVE_INFINITY, 1e-300}, 4, null)));
        // float16 stored as floats, as raw bits, and as 2 little-endian bytes
        assertEquals(List.of("1.5", "\"NaN\""), values(new FloatColumn("x", DataType.FLOAT16, new float[] {1.5f, Float.NaN}, 2, null)));
        assertEquals(List.of("1.0", "-2.0"),
                values(new IntColumn("x", DataType.FLOAT16, new int[] {0x3C00, 0xC000}, 2, null)));
        assertEquals(List.of("1.0", "\"Infinity\""),
                values(binary("x", DataType.FLOAT16, bytes(0x00, 0x3C), bytes(0x00, 0x7C))));
    }

    @Test
    void booleansAndNulls() {
        assertEquals(List.of("true", "false", "null"),
                values(new BooleanColumn("x", new boolean[] {true, false, true}, 3, nulls(3, 2))));
        assertEquals(List.of("null", "null"), values(new NullColumn("x", DataType.STRING, 2)));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals(List.of("\"plain\"", "\"q\\\"b\\\\s\"", "\"\\n\\r\\t\\b\\f\\u0001\\u001f\"", "\"é😀 \\\"x\\n\"", "\"\"", "null"),
                values(strings("x", "plain", "q\"b\\s", "\n\r\t\b\f\u0001\u001f", "é😀 \"x\n", "", null)));
        // invalid UTF-8 becomes U+FFFD
        assertEquals(List.of("\"a\uFFFDb\""), values(binary("x", DataType.STRING, bytes('a', 0xFF, 'b'))));
        assertEquals(List.of("\"e\""), values(binary("x", DataType.ENUM, "e".getBytes())));
        assertEquals(List.of("\"{\\\"a\\\":1}\""), values(binary("x", DataType.JSON, "{\"a\":1}".getBytes())));
        // the key is escaped too
        DataFrame df = new DataFrame(List.of(strings("we\"ird", "v")));
        assertEquals("{\"we\\\"ird\":\"v\"}", JsonLinesWriter.toJsonLine(df, 0));
    }

    @Test
    void binaryIsBase64() {
        assertEquals(List.of("\"\"", "\"AA==\"", "\"AAE=\"", "\"AAEC\"", "\"AAECAw==\"", "\"/+8=\"", "null"),
                values(binary("x", DataType.BINARY, bytes(), bytes(0), bytes(0, 1), bytes(0, 1, 2), bytes(0, 1, 2, 3),
                        bytes(0xFF, 0xEF), null)));
        assertEquals(List.of("\"AQID\""), values(binary("x", new DataType.FixedBinary(3), bytes(1, 2, 3))));
        assertEquals(List.of("\"AQID\""), values(binary("x", DataType.BSON, bytes(1, 2, 3))));
        byte[] big = new byte[1000];
        new SplittableRandom(1).nextBytes(big);
        assertEquals(List.of("\"" + java.util.Base64.getEncoder().encodeToString(big) + "\""),
                values(binary("x", DataType.BINARY, big)));
    }

    @Test
    void dates() {
        assertEquals(List.of("\"2024-01-31\"", "\"1969-12-31\"", "\"1970-01-01\"", "null"),
                values(new IntColumn("x", DataType.DATE, new int[] {19753, -1, 0, 0}, 4, nulls(4, 3))));
        SplittableRandom rnd = new SplittableRandom(42);
        long[] days = new long[20_000];
        for (int i = 0; i < days.length; i++) {
            days[i] = switch (i % 4) {
                case 0 -> rnd.nextLong(-1_000_000, 1_000_000);
                case 1 -> rnd.nextLong(-400_000_000L, 400_000_000L);
                case 2 -> rnd.nextLong(-800_000, -700_000); // around year 0
                default -> rnd.nextLong(-3_000_000, 3_000_000);
            };
        }
        days[0] = LocalDate.MIN.toEpochDay();
        days[1] = LocalDate.MAX.toEpochDay();
        days[2] = LocalDate.of(0, 1, 1).toEpochDay();
        days[3] = LocalDate.of(-1, 12, 31).toEpochDay();
        days[4] = LocalDate.of(9999, 12, 31).toEpochDay();
        days[5] = LocalDate.of(10000, 1, 1).toEpochDay();
        days[6] = LocalDate.of(-999, 1, 1).toEpochDay();
        days[7] = LocalDate.of(-1000, 1, 1).toEpochDay();
        List<String> got = values(new LongColumn("x", DataType.DATE, days, days.length, null));
        for (int i = 0; i < days.length; i++) {
            assertEquals("\"" + LocalDate.ofEpochDay(days[i]) + "\"", got.get(i), "epoch day " + days[i]);
        }
    }

    @Test
    void times() {
        DataType ms = new DataType.Time(TimeUnit.MILLIS);
        assertEquals(List.of("\"09:30:00.123\"", "\"00:00:00.000\"", "\"23:59:59.999\""),
                values(new IntColumn("x", ms, new int[] {34_200_123, 0, 86_399_999}, 3, null)));
        DataType us = new DataType.Time(TimeUnit.MICROS);
        assertEquals(List.of("\"09:30:00.123456\"", "\"00:00:00.000001\""),
                values(new LongColumn("x", us, new long[] {34_200_123_456L, 1}, 2, null)));
        DataType ns = new DataType.Time(TimeUnit.NANOS);
        assertEquals(List.of("\"09:30:00.123456789\"", "null"),
                values(new LongColumn("x", ns, new long[] {34_200_123_456_789L, 0}, 2, nulls(2, 1))));
    }

    @Test
    void timestamps() {
        DataType us = new DataType.Timestamp(TimeUnit.MICROS, false);
        DataType usUtc = new DataType.Timestamp(TimeUnit.MICROS, true);
        long t = LocalDateTime.of(2024, 1, 31, 9, 30, 0, 123_456_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 123_456;
        assertEquals(List.of("\"2024-01-31T09:30:00.123456\"", "\"1969-12-31T23:59:59.999999\"", "\"1970-01-01T00:00:00.000000\""),
                values(new LongColumn("x", us, new long[] {t, -1, 0}, 3, null)));
        assertEquals(List.of("\"2024-01-31T09:30:00.123456Z\"", "\"1969-12-31T23:59:59.999999Z\""),
                values(new LongColumn("x", usUtc, new long[] {t, -1}, 2, null)));
        DataType ms = new DataType.Timestamp(TimeUnit.MILLIS, false);
        assertEquals(List.of("\"1969-12-31T23:59:59.999\"", "\"+292278994-08-17T07:12:55.807\""),
                values(new LongColumn("x", ms, new long[] {-1, Long.MAX_VALUE}, 2, null)));
        DataType ns = new DataType.Timestamp(TimeUnit.NANOS, true);
        assertEquals(List.of("\"1677-09-21T00:12:43.145224192Z\"", "\"2262-04-11T23:47:16.854775807Z\"", "\"1900-01-01T00:00:00.000000001Z\""),
                values(new LongColumn("x", ns, new long[] {Long.MIN_VALUE, Long.MAX_VALUE,
                        LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + 1}, 3, null)));
        // random cross-check against java.time
        SplittableRandom rnd = new SplittableRandom(7);
        for (TimeUnit unit : TimeUnit.values()) {
            long[] v = new long[5000];
            for (int i = 0; i < v.length; i++) {
                v[i] = unit == TimeUnit.NANOS ? rnd.nextLong() : rnd.nextLong(-300_000_000_000_000_000L / (1_000_000_000L / unit.perSecond) / 1000,
                        300_000_000_000_000_000L / (1_000_000_000L / unit.perSecond) / 1000);
            }
            List<String> got = values(new LongColumn("x", new DataType.Timestamp(unit, false), v, v.length, null));
            for (int i = 0; i < v.length; i++) {
                long sec = Math.floorDiv(v[i], unit.perSecond);
                long frac = Math.floorMod(v[i], unit.perSecond);
                LocalDateTime ldt = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
                String base = ldt.toLocalDate() + "T" + ldt.toLocalTime().withNano(0).toString();
                if (ldt.getSecond() == 0) base += ":00";
                String expect = "\"" + base + "." + String.format("%0" + unit.fractionDigits + "d", frac) + "\"";
                assertEquals(expect, got.get(i), unit + " " + v[i]);
            }
        }
    }

    @Test
    void decimals() {
        DataType d2 = new DataType.Decimal(9, 2);
        assertEquals(List.of("\"12.30\"", "\"-0.05\"", "\"0.00\"", "\"-21474836.48\"", "null"),
                values(new IntColumn("x", d2, new int[] {1230, -5, 0, Integer.MIN_VALUE, 1}, 5, nulls(5, 4))));
        assertEquals(List.of("\"12\"", "\"-3\""), values(new LongColumn("x", new DataType.Decimal(18, 0), new long[] {12, -3}, 2, null)));
        DataType d5 = new DataType.Decimal(18, 5);
        assertEquals(List.of("\"-92233720368547.75808\"", "\"0.00001\"", "\"-0.00001\"", "\"123.45678\""),
                values(new LongColumn("x", d5, new long[] {Long.MIN_VALUE, 1, -1, 12_345_678}, 4, null)));
        DataType d38 = new DataType.Decimal(38, 10);
        BigInteger huge = new BigInteger("-123456789012345678901234567890");
        assertEquals(List.of("\"-0.05\"".replace("0.05", "0.0000000005"), "\"" + new BigDecimal(huge, 10).toPlainString() + "\"",
                        "\"0.0000000000\"", "\"0.0000000001\""),
                values(binary("x", d38, bytes(0xFB), huge.toByteArray(), bytes(), bytes(0, 0, 0, 1))));
        assertEquals(List.of("\"-0.05\""), values(binary("x", new DataType.Decimal(4, 2), bytes(0xFF, 0xFB))));
    }

    @Test
    void uuidAndInterval() {
        UUID u = UUID.fromString("0123abcd-4567-89ef-fedc-ba9876543210");
        byte[] ub = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        assertEquals(List.of("\"0123abcd-4567-89ef-fedc-ba9876543210\"", "null"), values(binary("x", DataType.UUID, ub, null)));
        byte[] iv = ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(14).putInt(-1).putInt(3000).array();
        assertEquals(List.of("{\"months\":14,\"days\":4294967295,\"millis\":3000}"), values(binary("x", DataType.INTERVAL, iv)));
    }

    @Test
    void nested() {
        // list<int>: [1,null,3], null, [], [4]
        IntColumn el = new IntColumn("element", new int[] {1, 0, 3, 4}, 4, nulls(4, 1));
        ListColumn list = new ListColumn("l", new DataType.ListType(Field.of("element", DataType.INT32)),
                new int[] {0, 3, 3, 3, 4}, el, 4, nulls(4, 1));
        assertEquals(List.of("[1,null,3]", "null", "[]", "[4]"), values(list));

        // list<list<string>>
        var inner = new ListColumn("element", new DataType.ListType(Field.of("element", DataType.STRING)),
                new int[] {0, 2, 2}, strings("element", "a", "b\""), 2, null);
        var outer = new ListColumn("ll", new DataType.ListType(Field.of("element", inner.type())), new int[] {0, 2}, inner, 1, null);
        assertEquals(List.of("[[\"a\",\"b\\\"\"],[]]"), values(outer));

        // struct<a: int, b: struct<c: string>>
        var c = strings("c", "x", null, "z");
        var b = new StructColumn("b", List.of(c), 3, nulls(3, 2));
        var a = new IntColumn("a", new int[] {1, 2, 3}, 3, null);
        var s = new StructColumn("s", List.of(a, b), 3, nulls(3, 1));
        assertEquals(List.of("{\"a\":1,\"b\":{\"c\":\"x\"}}", "null", "{\"a\":3,\"b\":null}"), values(s));

        // map<string, long>
        var keys = strings("key", "k1", "k2", "k3");
        var vals = new LongColumn("value", new long[] {1, 0, 3}, 3, nulls(3, 1));
        var m = new MapColumn("m", new DataType.MapType(Field.of("key", DataType.STRING), Field.of("value", DataType.INT64)),
                new int[] {0, 2, 2, 3, 3}, keys, vals, 4, nulls(4, 3));
        assertEquals(List.of("[{\"key\":\"k1\",\"value\":1},{\"key\":\"k2\",\"value\":null}]", "[]",
                "[{\"key\":\"k3\",\"value\":3}]", "null"), values(m));
    }

    @Test
    void dictionary() {
        var dict = strings("d", "red", "green");
        var col = new DictionaryColumn("d", dict, new int[] {1, 0, 0, 1}, 4, nulls(4, 2));
        assertEquals(List.of("\"green\"", "\"red\"", "null", "\"green\""), values(col));
        var ldict = new LongColumn("t", new DataType.Timestamp(TimeUnit.MILLIS, true), new long[] {0, -1}, 2, null);
        assertEquals(List.of("\"1969-12-31T23:59:59.999Z\"", "\"1970-01-01T00:00:00.000Z\""),
                values(new DictionaryColumn("t", ldict, new int[] {1, 0}, 2, null)));
    }

    @Test
    void writeManyRows() {
        int n = 10_000;
        long[] v = new long[n];
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
            s[i] = "s" + i;
        }
        DataFrame df = new DataFrame(List.of(new LongColumn("id", v, n, null), strings("name", s)));
        StringBuilder out = new StringBuilder();
        JsonLinesWriter.write(df, out);
        String[] lines = out.toString().split("\n", -1);
        assertEquals(n + 1, lines.length);
        assertEquals("", lines[n]);
        assertEquals("{\"id\":0,\"name\":\"s0\"}", lines[0]);
        assertEquals("{\"id\":9999,\"name\":\"s9999\"}", lines[n - 1]);
        for (int i = 0; i < n; i += 997) assertEquals(JsonLinesWriter.toJsonLine(df, i), lines[i]);
    }

    @Test
    void emptyFrames() {
        StringBuilder out = new StringBuilder();
        JsonLinesWriter.write(DataFrame.empty(), out);
        assertEquals("", out.toString());
        assertEquals("{}", JsonLinesWriter.toJsonLine(new DataFrame(List.of(), 1), 0));
    }
}
