package dev.streamingadaptive.oracle;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Proves the oracle on hand-built files with hand-written expected lines before it judges the reader. */
class DuckDbOracleTest {
    static DuckDbOracle oracle;
    @TempDir static Path dir;

    @BeforeAll static void start() { oracle = new DuckDbOracle(); }
    @AfterAll static void stop() { oracle.close(); }

    private List<String> roundTrip(String name, String select) throws Exception {
        Path f = dir.resolve(name + ".parquet");
        oracle.execute("COPY (" + select + ") TO " + DuckDbOracle.lit(f.toString()) + " (FORMAT parquet)");
        return oracle.expected(f).lines();
    }

    @Test void scalars() throws Exception {
        List<String> got = roundTrip("scalars", """
                SELECT * FROM (VALUES
                 (1, true, -5::TINYINT, 300::SMALLINT, 9223372036854775807::BIGINT, 255::UTINYINT, 65535::USMALLINT,
                  4294967295::UINTEGER, 18446744073709551615::UBIGINT, 1.5::FLOAT, 1e10::DOUBLE, -0.0::DOUBLE,
                  'a"b\\c' || chr(10) || chr(1) || chr(9) || 'é😀', ''::VARCHAR, '\\x00\\xFF'::BLOB),
                 (2, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'nan'::FLOAT, '-inf'::DOUBLE, 'inf'::DOUBLE, NULL, NULL, NULL)
                ) t(id, b, i8, i16, i64, u8, u16, u32, u64, f, d, nz, s, e, bl) ORDER BY id""");
        assertEquals(List.of(
                "{\"id\":1,\"b\":true,\"i8\":-5,\"i16\":300,\"i64\":9223372036854775807,\"u8\":255,\"u16\":65535,\"u32\":4294967295,"
                        + "\"u64\":18446744073709551615,\"f\":1.5,\"d\":1.0E10,\"nz\":-0.0,\"s\":\"a\\\"b\\\\c\\n\\u0001\\té😀\",\"e\":\"\",\"bl\":\"AP8=\"}",
                "{\"id\":2,\"b\":false,\"i8\":null,\"i16\":null,\"i64\":null,\"u8\":null,\"u16\":null,\"u32\":null,\"u64\":null,"
                        + "\"f\":\"NaN\",\"d\":\"-Infinity\",\"nz\":\"Infinity\",\"s\":null,\"e\":null,\"bl\":null}"), got);
    }

    @Test void decimalsAndUuid() throws Exception {
        List<String> got = roundTrip("dec", """
                SELECT 12.3::DECIMAL(4,2) a, -0.05::DECIMAL(18,3) b, 12345678901234567890.0123456789::DECIMAL(38,10) c,
                       '00112233-4455-6677-8899-AABBCCDDEEFF'::UUID u""");
        assertEquals(List.of("{\"a\":\"12.30\",\"b\":\"-0.050\",\"c\":\"12345678901234567890.0123456789\",\"u\":\"00112233-4455-6677-8899-aabbccddeeff\"}"), got);
    }

    @Test void temporal() throws Exception {
        List<String> got = roundTrip("temporal", """
                SELECT DATE '2024-01-31' d, DATE '0001-01-01' d0, TIME '09:30:00' t, TIMESTAMP '2024-01-31 09:30:00.123456' ts,
                       TIMESTAMP_MS '2024-01-31 09:30:00' tms, TIMESTAMP_NS '1969-12-31 23:59:59.999999999' tns,
                       TIMESTAMPTZ '2024-01-31 09:30:00.5+00' tz, TIMESTAMP_S '2024-01-31 09:30:07' tsec,
                       INTERVAL '14 months 3 days 4.005 seconds' iv""");
        assertEquals(List.of("{\"d\":\"2024-01-31\",\"d0\":\"0001-01-01\",\"t\":\"09:30:00.000000\",\"ts\":\"2024-01-31T09:30:00.123456\","
                + "\"tms\":\"2024-01-31T09:30:00.000\",\"tns\":\"1969-12-31T23:59:59.999999999\",\"tz\":\"2024-01-31T09:30:00.500000Z\","
                + "\"tsec\":\"2024-01-31T09:30:07.000000\",\"iv\":{\"months\":14,\"days\":3,\"millis\":4005}}"), got);
    }

    @Test void nested() throws Exception {
        List<String> got = roundTrip("nested", """
                SELECT * FROM (VALUES
                 (1, [1, NULL, 3], ['a', NULL, ''], {'x': 1, 'y': 'q'}, [{'k': TIMESTAMP '2020-01-01 00:00:00', 'v': [1.5::DOUBLE]}],
                  MAP {'b': 2, 'a': 1}, {'m': MAP {1: [TIME '01:02:03']}}),
                 (2, [], [], NULL, [], MAP {}, {'m': NULL}),
                 (3, NULL, NULL, {'x': NULL, 'y': NULL}, NULL, NULL, NULL)
                ) t(id, li, ls, st, los, m, deep) ORDER BY id""");
        assertEquals(List.of(
                "{\"id\":1,\"li\":[1,null,3],\"ls\":[\"a\",null,\"\"],\"st\":{\"x\":1,\"y\":\"q\"},"
                        + "\"los\":[{\"k\":\"2020-01-01T00:00:00.000000\",\"v\":[1.5]}],\"m\":[{\"key\":\"b\",\"value\":2},{\"key\":\"a\",\"value\":1}],"
                        + "\"deep\":{\"m\":[{\"key\":1,\"value\":[\"01:02:03.000000\"]}]}}",
                "{\"id\":2,\"li\":[],\"ls\":[],\"st\":null,\"los\":[],\"m\":[],\"deep\":{\"m\":null}}",
                "{\"id\":3,\"li\":null,\"ls\":null,\"st\":{\"x\":null,\"y\":null},\"los\":null,\"m\":null,\"deep\":null}"), got);
    }

    @Test void oddNames() throws Exception {
        List<String> got = roundTrip("names", "SELECT 1 AS \"a b\", {'c\"d': 2, 'select': 3} AS \"x\"\"y\"");
        assertEquals(List.of("{\"a b\":1,\"x\\\"y\":{\"c\\\"d\":2,\"select\":3}}"), got);
    }

    @Test void int96OutOfNanosecondRangeIsExplicit() {
        // DuckDB converts INT96 through int64 nanoseconds and wraps for year 290000 (see CorpusConformanceTest).
        assertEquals("+290000-12-30T23:00:00.000000",
                DuckDbOracle.timestampText(Math.floorDiv(9089380393200000000L, 1_000_000L), 0, 6, false));
    }

    @Test void unreadableFileIsReported() throws Exception {
        Path f = dir.resolve("garbage.parquet");
        java.nio.file.Files.writeString(f, "not parquet at all");
        assertThrows(DuckDbOracle.OracleException.class, () -> oracle.expected(f));
    }
}
