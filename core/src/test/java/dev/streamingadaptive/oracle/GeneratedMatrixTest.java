package dev.streamingadaptive.oracle;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * DuckDB writes one 5,000-row table with every DuckDB type that maps to Parquet, for each codec ×
 * Parquet version × row-group size; our reading of each file must equal DuckDB's reading of it.
 */
public class GeneratedMatrixTest {
    static final int ROWS = 5000;

    /**
     * The table: low- and high-cardinality columns so both dictionary and plain pages appear. Public for the
     * arrow module's tests (through core's test jar), which send the same types through Arrow.
     */
    public static final String TABLE = """
            CREATE TABLE m AS SELECT
              i AS id,
              CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
              (i % 256 - 128)::TINYINT AS i8,
              (i * 7 % 65536 - 32768)::SMALLINT AS i16,
              CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 104729 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END))::INTEGER END AS i32,
              i::BIGINT * 1000000007 * (CASE WHEN i % 3 = 0 THEN 1 ELSE -1 END) AS i64,
              (i % 256)::UTINYINT AS u8,
              (i * 13 % 65536)::USMALLINT AS u16,
              (i::BIGINT * 858993 % 4294967296)::UINTEGER AS u32,
              (18446744073709551615 - i)::UBIGINT AS u64,
              (i % 10)::INTEGER AS i_dict,
              (i / 7.0)::FLOAT AS f32,
              CASE i % 50 WHEN 0 THEN 'nan'::DOUBLE WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE WHEN 3 THEN -0.0::DOUBLE
                          WHEN 4 THEN NULL ELSE i * 1.1e-3 END AS f64,
              CAST((((i % 19999) - 9999) / 100.0) AS DECIMAL(4,2)) AS dec4,
              CAST(i * 12345.678 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) AS DECIMAL(18,3)) AS dec18,
              CAST((CASE WHEN i % 2 = 0 THEN '' ELSE '-' END) || i || '12345678901234567.0123456789' AS DECIMAL(38,10)) AS dec38,
              CASE WHEN i % 9 = 0 THEN NULL WHEN i % 9 = 1 THEN '' WHEN i % 9 = 2 THEN 'héllo wörld 😀 ' || i
                   WHEN i % 9 = 3 THEN 'tab' || chr(9) || 'quote"back\\' || chr(1) || chr(10) ELSE 'str_' || i END AS s_hi,
              ['alpha', 'beta', 'gamma', NULL][i % 4 + 1] AS s_dict,
              md5(i::VARCHAR) AS s_md5,
              CASE WHEN i % 5 = 0 THEN NULL ELSE '\\xFF\\x00'::BLOB || encode(i::VARCHAR) END AS bl,
              DATE '1970-01-01' + (i * 37 - 90000)::INTEGER AS d,
              TIME '00:00:00' + to_microseconds(i::BIGINT * 17123457 % 86400000000) AS t,
              TIMESTAMP '1960-01-01' + to_microseconds(i::BIGINT * 987654321123) AS ts,
              CAST(TIMESTAMP '1960-01-01' + to_milliseconds(i::BIGINT * 987654321) AS TIMESTAMP_MS) AS ts_ms,
              CAST(('2020-01-01 00:00:00.' || lpad((i::BIGINT * 7919 % 1000000000)::VARCHAR, 9, '0')) AS TIMESTAMP_NS) AS ts_ns,
              CAST(TIMESTAMP '2001-02-03 04:05:06' + to_microseconds(i::BIGINT * 3333333) AS TIMESTAMPTZ) AS ts_tz,
              CASE WHEN i % 13 = 0 THEN NULL ELSE md5(i::VARCHAR)::UUID END AS u,
              CASE WHEN i % 6 = 0 THEN NULL ELSE to_months(i % 40) + to_days(i % 31) + to_milliseconds(i * 1234) END AS iv,
              CASE WHEN i % 6 = 0 THEN NULL ELSE list_transform(range(i % 5), x -> CASE WHEN x = 2 THEN NULL ELSE (x * i)::INTEGER END) END AS l_int,
              CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN []::VARCHAR[] ELSE ['a' || i, NULL, ''] END AS l_str,
              CASE WHEN i % 10 = 0 THEN NULL
                   ELSE {'x': i, 'y': CASE WHEN i % 3 = 0 THEN NULL ELSE 's' || i END, 'z': {'w': i * 0.5}} END AS st,
              CASE WHEN i % 7 = 0 THEN NULL WHEN i % 7 = 1 THEN []
                   ELSE [{'k': i, 'v': ['x', NULL]}, NULL, {'k': NULL, 'v': []::VARCHAR[]}] END AS l_st,
              CASE WHEN i % 8 = 0 THEN NULL WHEN i % 8 = 1 THEN MAP {}::MAP(VARCHAR, INTEGER)
                   ELSE MAP {'k' || i: i, 'z': NULL} END AS mp,
              NULL::INTEGER AS n_int,
              NULL::VARCHAR AS n_str,
              NULL::INTEGER[] AS n_list,
              NULL::STRUCT(a INTEGER) AS n_struct
            FROM range(ROWS_PLACEHOLDER) r(i)
            """.replace("ROWS_PLACEHOLDER", Integer.toString(ROWS));

    static final List<String> CODECS = List.of("uncompressed", "snappy", "gzip", "zstd", "lz4_raw", "brotli");

    static final java.util.Map<String, List<String>> EXPECTED = new java.util.HashMap<>();
    static DuckDbOracle oracle;
    @TempDir static Path dir;

    @BeforeAll static void start() throws Exception {
        oracle = new DuckDbOracle();
        oracle.execute(TABLE);
    }

    @AfterAll static void stop() { oracle.close(); }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String codec : CODECS) {
            for (String version : List.of("V1", "V2")) {
                for (int rg : new int[] {1000, 0}) out.add(Arguments.of(codec, version, rg));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} rowGroup={2}")
    @MethodSource("matrix")
    void sameAsDuckDb(String codec, String version, int rowGroupSize) throws Exception {
        Path f = dir.resolve("m_" + codec + "_" + version + "_" + rowGroupSize + ".parquet");
        oracle.execute("COPY (SELECT * FROM m ORDER BY id) TO " + DuckDbOracle.lit(f.toString()) + " (FORMAT parquet, COMPRESSION '"
                + codec + "', PARQUET_VERSION '" + version + "'" + (rowGroupSize > 0 ? ", ROW_GROUP_SIZE " + rowGroupSize : "") + ")");
        // Every file holds the same table: DuckDB proves that this file reads back as table m (cheap),
        // and the oracle renders DuckDB's reading of one file per Parquet version (the expensive part).
        try (var st = oracle.connection().createStatement();
             var rs = st.executeQuery("SELECT (SELECT count(*) FROM (SELECT * FROM m EXCEPT ALL SELECT * FROM read_parquet(" + DuckDbOracle.lit(f.toString())
                     + "))), (SELECT count(*) FROM read_parquet(" + DuckDbOracle.lit(f.toString()) + "))")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "DuckDB does not read back its own table from " + f);
            assertEquals(ROWS, rs.getLong(2));
        }
        List<String> expected;
        synchronized (EXPECTED) {
            expected = EXPECTED.get(version);
            if (expected == null) {
                expected = oracle.expected(f).lines();
                EXPECTED.put(version, expected);
                if (System.getProperty("oracle.dump") != null) expected.stream().limit(12).forEach(System.out::println);
            }
        }
        assertEquals(ROWS, expected.size());
        String what = f.getFileName().toString();
        List<String> want = expected;
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CorpusConformanceTest.compareFile(what, f, want, ROWS));
    }
}
