package dev.streamingadaptive.bench;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.parquet.write.ParquetWriter;
import dev.streamingadaptive.parquet.write.WriterOptions;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Do other readers read the files we write as their source? DuckDB writes a type matrix (every flat
 * type with nulls and extremes, and nested lists, structs and maps); we read it and write it back
 * under several writer options; then DuckDB ({@code EXCEPT ALL} both ways), parquet-java (records
 * rendered value by value, decimals as numbers) and Polars ({@code bench/polars/readback.mjs},
 * frame equality) read each copy and the source, and must agree. Prints one line per reader and
 * copy; exit 1 when any disagrees.
 *
 * <pre>  bench/readback [--rows 20000]</pre>
 */
public final class ReadBack {
    private ReadBack() {}

    static final String MATRIX = """
            SELECT i AS id,
              CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
              CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN -128 WHEN 2 THEN 127 ELSE (i % 200 - 100) END::TINYINT AS i8,
              CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN -32768 WHEN 2 THEN 32767 ELSE i % 30000 END::SMALLINT AS i16,
              CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN -2147483648 WHEN 2 THEN 2147483647 ELSE i * 7919 END::INTEGER AS i32,
              CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN -9223372036854775808 WHEN 2 THEN 9223372036854775807 ELSE (hash(i) % 9223372036854775807)::BIGINT - 4611686018427387904 END AS i64,
              CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 255 ELSE i % 256 END::UTINYINT AS u8,
              CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 65535 ELSE i % 65536 END::USMALLINT AS u16,
              CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 4294967295 ELSE hash(i) % 4294967296 END::UINTEGER AS u32,
              CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 18446744073709551615 ELSE hash(i) END::UBIGINT AS u64,
              CASE i % 9 WHEN 0 THEN NULL WHEN 1 THEN 'NaN'::FLOAT WHEN 2 THEN 'inf'::FLOAT WHEN 3 THEN '-inf'::FLOAT WHEN 4 THEN -0.0::FLOAT
                ELSE (i / 7.0)::FLOAT END AS f32,
              CASE i % 9 WHEN 0 THEN NULL WHEN 1 THEN 'NaN'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN -1.7976931348623157e308 WHEN 4 THEN -0.0
                ELSE i / 3.0 END AS f64,
              CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'héllo wörld 日本語 🎉' ELSE 'v' || (i % 300) END AS s,
              CASE WHEN i % 6 = 0 THEN NULL ELSE ('\\x' || lpad(to_hex(i % 65536), 4, '0'))::BLOB END AS bin,
              CASE WHEN i % 8 = 0 THEN NULL ELSE DATE '1970-01-01' + (hash(i) % 100000)::INTEGER - 50000 END AS d,
              CASE WHEN i % 8 = 0 THEN NULL ELSE TIME '00:00:00' + INTERVAL (i % 86400) SECOND END AS t,
              CASE WHEN i % 8 = 0 THEN NULL ELSE TIMESTAMP '2000-01-01' + INTERVAL (hash(i) % 1000000000) SECOND END AS ts,
              CASE WHEN i % 8 = 0 THEN NULL ELSE TIMESTAMPTZ '2020-01-01 00:00:00+00' + INTERVAL (i) MINUTE END AS tstz,
              CASE WHEN i % 8 = 0 THEN NULL ELSE (TIMESTAMP '2024-01-01' + INTERVAL (i) MICROSECOND)::TIMESTAMP_NS END AS tsns,
              CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN -99.99 WHEN 2 THEN 99.99 ELSE (i % 9999) / 100.0 END::DECIMAL(4,2) AS dec4,
              CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '-999999999999999.999'::DECIMAL(18,3) ELSE ((hash(i) % 1000000000) / 1000.0)::DECIMAL(18,3) END AS dec18,
              CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '-9999999999999999999999999999.9999999999'::DECIMAL(38,10) WHEN 2 THEN '9999999999999999999999999999.9999999999'::DECIMAL(38,10)
                ELSE ((hash(i) % 1000000000)::DECIMAL(38,10) / 7)::DECIMAL(38,10) END AS dec38,
              CASE WHEN i % 10 = 0 THEN NULL ELSE md5(i::VARCHAR)::UUID END AS u,
              CASE WHEN i % 11 = 0 THEN NULL ELSE [CASE WHEN j = 2 THEN NULL ELSE i + j END FOR j IN range(i % 5)] END AS li,
              CASE WHEN i % 13 = 0 THEN NULL ELSE {'x': i, 'y': CASE WHEN i % 3 = 0 THEN NULL ELSE 'y' || i END,
                  'z': [['a' || (i % 4)] FOR j IN range(i % 3)]} END AS st,
              CASE WHEN i % 17 = 0 THEN NULL ELSE MAP(['k' || (i % 3)], [CASE WHEN i % 2 = 0 THEN NULL ELSE i / 4.0 END]) END AS m
            FROM range({ROWS}) t(i)""";

    public static void main(String[] args) throws Exception {
        int rows = 20_000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rows")) rows = Integer.parseInt(args[++i]);
            else throw new IllegalArgumentException("unknown option " + args[i]);
        }
        Path root = Path.of("").toAbsolutePath();
        Path dir = Files.createDirectories(root.resolve("bench-data/readback"));
        Path source = dir.resolve("matrix.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("COPY (" + MATRIX.replace("{ROWS}", Integer.toString(rows)) + ") TO '" + source + "' (FORMAT parquet, ROW_GROUP_SIZE 7000)");
        }
        DataFrame frame;
        try (MmapParquetReader r = MmapParquetReader.open(source)) {
            frame = r.readAll();
        }
        Map<String, WriterOptions> configs = new LinkedHashMap<>();
        configs.put("defaults", WriterOptions.defaults());
        configs.put("zstd-v2-small-pages", WriterOptions.defaults().withCodec("zstd").withDataPageV2(true).withPageSizeBytes(1024).withRowGroupRows(3000));
        configs.put("gzip-plain", WriterOptions.defaults().withCodec("gzip").withDictionary(false));
        configs.put("lz4-uncompressed-dict", WriterOptions.defaults().withCodec("lz4").withRowGroupRows(5000));
        Polars polars = Polars.find(root);
        List<String> failures = new ArrayList<>();
        List<String> sourceRecords = parquetJava(source);
        for (Map.Entry<String, WriterOptions> c : configs.entrySet()) {
            Path copy = dir.resolve("copy-" + c.getKey() + ".parquet");
            try (ParquetWriter w = ParquetWriter.open(copy, frame.schema(), c.getValue())) {
                for (int off = 0; off < frame.height(); off += 4_321) w.write(frame.slice(off, Math.min(4_321, frame.height() - off)));
            }
            report(failures, "DuckDB", c.getKey(), duckDb(source, copy));
            List<String> copied = parquetJava(copy);
            report(failures, "parquet-java", c.getKey(), same(sourceRecords, copied));
            report(failures, "Polars", c.getKey(), polars.version().equals("n/a") ? "n/a (nodejs-polars missing)" : polars(root, source, copy));
        }
        System.out.println(failures.isEmpty() ? "every reader reads every copy as the source (" + rows + " rows, "
                + frame.width() + " columns)" : failures.size() + " disagreements");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void report(List<String> failures, String reader, String config, String verdict) {
        System.out.printf("%-13s %-22s %s%n", reader, config, verdict);
        if (!verdict.startsWith("equal")) failures.add(reader + " " + config + ": " + verdict);
    }

    private static String duckDb(Path source, Path copy) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            long[] counts = new long[3];
            String[] q = {"SELECT count(*) FROM '" + copy + "'",
                    "SELECT count(*) FROM (SELECT * FROM '" + source + "' EXCEPT ALL SELECT * FROM '" + copy + "')",
                    "SELECT count(*) FROM (SELECT * FROM '" + copy + "' EXCEPT ALL SELECT * FROM '" + source + "')"};
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = s.executeQuery(q[i])) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
            String types = typesOf(s, source).equals(typesOf(s, copy)) ? "" : ", types differ: " + typesOf(s, source) + " vs " + typesOf(s, copy);
            return counts[1] == 0 && counts[2] == 0 && types.isEmpty() ? "equal (" + counts[0] + " rows)"
                    : "differs: " + counts[1] + " source rows missing, " + counts[2] + " extra" + types;
        }
    }

    private static String typesOf(Statement s, Path f) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM '" + f + "'")) {
            while (rs.next()) sb.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(", ");
        }
        return sb.toString();
    }

    /** Every record of {@code file} read by parquet-java's example Group reader, rendered value by value. */
    static List<String> parquetJava(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new LocalInputFile(file), new PlainParquetConfiguration()) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                StringBuilder sb = new StringBuilder();
                render(g, g.getType(), sb);
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static void render(Group g, GroupType type, StringBuilder sb) {
        sb.append('{');
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type f = type.getType(i);
            sb.append(f.getName()).append('=');
            int n = g.getFieldRepetitionCount(i);
            if (f.isRepetition(Type.Repetition.REPEATED)) sb.append('[');
            for (int r = 0; r < n; r++) {
                if (r > 0) sb.append(',');
                if (f.isPrimitive()) sb.append(value(g, i, r, f.asPrimitiveType()));
                else render(g.getGroup(i, r), f.asGroupType(), sb);
            }
            if (n == 0 && !f.isRepetition(Type.Repetition.REPEATED)) sb.append("null");
            if (f.isRepetition(Type.Repetition.REPEATED)) sb.append(']');
            sb.append(';');
        }
        sb.append('}');
    }

    /** A primitive as a value, whatever physical form the writer chose (wide decimals: FIXED in DuckDB, BYTE_ARRAY in ours). */
    private static String value(Group g, int i, int r, PrimitiveType p) {
        if (p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            BigInteger unscaled = switch (p.getPrimitiveTypeName()) {
                case INT32 -> BigInteger.valueOf(g.getInteger(i, r));
                case INT64 -> BigInteger.valueOf(g.getLong(i, r));
                default -> new BigInteger(g.getBinary(i, r).getBytes());
            };
            return new BigDecimal(unscaled, d.getScale()).toPlainString();
        }
        if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY || p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            return java.util.HexFormat.of().formatHex(g.getBinary(i, r).getBytes());
        }
        return g.getValueToString(i, r);
    }

    private static String same(List<String> a, List<String> b) {
        if (a.size() != b.size()) return "differs: " + a.size() + " vs " + b.size() + " records";
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) return "differs at record " + i + ": " + a.get(i) + " vs " + b.get(i);
        }
        return "equal (" + b.size() + " records)";
    }

    private static String polars(Path root, Path source, Path copy) throws Exception {
        Process p = new ProcessBuilder("node", root.resolve("bench/polars/readback.mjs").toString(), source.toString(), copy.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        if (out.contains("\"equal\":true")) return "equal (" + out + ")";
        return "differs: " + out;
    }
}
