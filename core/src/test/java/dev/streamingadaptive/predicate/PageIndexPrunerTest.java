package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.meta.LogicalType;
import dev.streamingadaptive.parquet.meta.OffsetIndex;
import dev.streamingadaptive.parquet.meta.ParquetFooter;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.Repetition;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Page-index pruning: {@link RowRanges} algebra; on corpus files with page indexes, every row
 * DuckDB says matches lies in the returned ranges (soundness) and selective predicates on
 * clustered columns keep few rows (effectiveness); hand-built indexes cover null pages, NaN,
 * FLOAT literal rounding, booleans, unsupported types and malformed indexes.
 */
class PageIndexPrunerTest {

    // ================================================================== RowRanges

    @Test
    void rowRangesBasics() {
        assertTrue(RowRanges.empty().isEmpty());
        assertEquals(0, RowRanges.all(0).rowCount());
        assertTrue(RowRanges.all(-3).isEmpty());
        assertTrue(RowRanges.of(5, 5).isEmpty());
        assertTrue(RowRanges.of(7, 5).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RowRanges.of(-1, 5));

        RowRanges all = RowRanges.all(100);
        assertEquals(1, all.rangeCount());
        assertEquals(0, all.from(0));
        assertEquals(100, all.to(0));
        assertEquals(100, all.rowCount());
        assertTrue(all.contains(0));
        assertTrue(all.contains(99));
        assertFalse(all.contains(100));
        assertFalse(all.contains(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> all.from(1));
        assertThrows(IndexOutOfBoundsException.class, () -> RowRanges.empty().to(0));

        RowRanges r = RowRanges.of(10, 20).union(RowRanges.of(30, 40));
        assertEquals("[10, 20), [30, 40)", r.toString());
        assertEquals("[]", RowRanges.empty().toString());
        assertFalse(r.contains(9));
        assertTrue(r.contains(10));
        assertFalse(r.contains(20));
        assertFalse(r.contains(25));
        assertTrue(r.contains(39));
        assertFalse(r.contains(40));
        assertTrue(r.overlaps(0, 11));
        assertFalse(r.overlaps(0, 10));
        assertFalse(r.overlaps(20, 30));
        assertTrue(r.overlaps(19, 31));
        assertTrue(r.overlaps(35, 36));
        assertTrue(r.overlaps(0, 1000));
        assertFalse(r.overlaps(40, 1000));
        assertFalse(r.overlaps(15, 15));
        assertEquals(20, r.rowCount());
    }

    @Test
    void rowRangesUnionAndIntersect() {
        RowRanges a = RowRanges.of(0, 10).union(RowRanges.of(20, 30));
        RowRanges b = RowRanges.of(5, 25);
        assertEquals("[0, 30)", a.union(b).toString());
        assertEquals("[5, 10), [20, 25)", a.intersect(b).toString());
        assertEquals(a, a.union(RowRanges.empty()));
        assertEquals(a, RowRanges.empty().union(a));
        assertTrue(a.intersect(RowRanges.empty()).isEmpty());
        assertEquals(a, a.intersect(RowRanges.all(1000)));
        // Adjacent ranges merge, so equal row sets are equal objects.
        assertEquals(RowRanges.of(0, 20), RowRanges.of(0, 10).union(RowRanges.of(10, 20)));
        assertEquals(RowRanges.of(0, 20).hashCode(), RowRanges.of(10, 20).union(RowRanges.of(0, 10)).hashCode());
        assertTrue(RowRanges.of(0, 10).intersect(RowRanges.of(10, 20)).isEmpty());
        RowRanges many = new RowRanges.Builder().add(50, 60).add(0, 5).add(3, 8).add(8, 9).add(100, 100).add(55, 70).build();
        assertEquals("[0, 9), [50, 70)", many.toString());
        assertEquals(2, many.rangeCount());
    }

    /** Random sets against a BitSet model: union, intersect, contains, overlaps, rowCount. */
    @Test
    void rowRangesMatchBitSetModel() {
        Random rnd = new Random(42);
        int universe = 200;
        for (int round = 0; round < 500; round++) {
            BitSet sa = new BitSet();
            BitSet sb = new BitSet();
            RowRanges a = randomRanges(rnd, universe, sa);
            RowRanges b = randomRanges(rnd, universe, sb);
            checkAgainst(a, sa, universe);
            BitSet or = (BitSet) sa.clone();
            or.or(sb);
            checkAgainst(a.union(b), or, universe);
            checkAgainst(b.union(a), or, universe);
            BitSet and = (BitSet) sa.clone();
            and.and(sb);
            checkAgainst(a.intersect(b), and, universe);
            checkAgainst(b.intersect(a), and, universe);
            for (int k = 0; k < 20; k++) {
                int from = rnd.nextInt(universe + 10) - 5;
                int to = from + rnd.nextInt(30);
                int lo = Math.max(0, from);
                boolean expected = to > lo && sa.nextSetBit(lo) >= 0 && sa.nextSetBit(lo) < to;
                assertEquals(expected, a.overlaps(from, to), a + " overlaps [" + from + ", " + to + ")");
            }
        }
    }

    private static RowRanges randomRanges(Random rnd, int universe, BitSet model) {
        RowRanges.Builder b = new RowRanges.Builder();
        RowRanges viaUnion = RowRanges.empty();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            int from = rnd.nextInt(universe);
            int to = from + rnd.nextInt(40);
            b.add(from, to);
            viaUnion = viaUnion.union(RowRanges.of(from, to));
            if (to > from) model.set(from, to);
        }
        RowRanges built = b.build();
        assertEquals(viaUnion, built, "builder and union agree");
        return built;
    }

    private static void checkAgainst(RowRanges r, BitSet model, int universe) {
        assertEquals(model.cardinality(), r.rowCount(), r.toString());
        for (int row = -2; row < universe + 50; row++) assertEquals(row >= 0 && model.get(row), r.contains(row), r + " contains " + row);
        // Normalized: sorted, non-empty, non-adjacent.
        for (int i = 0; i < r.rangeCount(); i++) {
            assertTrue(r.from(i) < r.to(i), r.toString());
            if (i > 0) assertTrue(r.to(i - 1) < r.from(i), r.toString());
        }
    }

    // ================================================================== corpus vs DuckDB

    private static Connection duck;
    private static final Map<String, Loaded> FILES = new HashMap<>();

    @BeforeAll
    static void openDuckDb() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        duck.close();
    }

    private static Path dataDir() {
        String prop = System.getProperty("parquet.testing.dir");
        for (String candidate : new String[] {prop, "../../shared/parquet-testing", "../shared/parquet-testing", "/work/shared/parquet-testing"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate, "data"))) return Path.of(candidate, "data").toAbsolutePath().normalize();
        }
        throw new IllegalStateException("parquet-testing corpus not found (set -Dparquet.testing.dir)");
    }

    /** A corpus file read into memory with its footer. */
    private record Loaded(Path path, MemorySegment file, FileMetaData footer, ParquetSchema schema) {
        RowGroupMetadata rg(int i) {
            return new RowGroupMetadata(i, footer.rowGroups().get(i), schema, file, path.getFileName().toString());
        }

        int rowGroups() { return footer.rowGroups().size(); }
    }

    private static Loaded load(String name) {
        return FILES.computeIfAbsent(name, n -> {
            Path p = dataDir().resolve(n);
            try {
                MemorySegment seg = MemorySegment.ofArray(Files.readAllBytes(p));
                FileMetaData fm = ParquetFooter.read(seg, n);
                return new Loaded(p, seg, fm, ParquetSchema.of(fm.schema()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** What one predicate kept: rows covered by the ranges, rows in the file, rows DuckDB matched; the ranges per row group. */
    private record Coverage(long covered, long total, long matched, List<RowRanges> ranges) {}

    private static Coverage sound(String file, String where) {
        return sound(file, where, WhereParser.parse(where));
    }

    /**
     * Soundness: every row that DuckDB's {@code WHERE sql} returns (by file row number) lies in the
     * ranges of its row group.
     */
    private static Coverage sound(String file, String sql, RowPredicate p) {
        Loaded f = load(file);
        List<RowRanges> ranges = new ArrayList<>();
        long[] start = new long[f.rowGroups() + 1];
        for (int i = 0; i < f.rowGroups(); i++) {
            RowGroupMetadata rg = f.rg(i);
            RowRanges r = PageIndexPruner.matchingRows(p, rg);
            assertTrue(r.isEmpty() || (r.from(0) >= 0 && r.to(r.rangeCount() - 1) <= rg.numRows()), file + " " + sql + ": " + r + " outside the row group");
            ranges.add(r);
            start[i + 1] = start[i] + rg.numRows();
        }
        long matched = 0;
        String q = "SELECT file_row_number FROM read_parquet('" + f.path().toString().replace("'", "''")
                + "', file_row_number=true) WHERE " + sql + " ORDER BY 1";
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(q)) {
            int group = 0;
            while (rs.next()) {
                long row = rs.getLong(1);
                while (row >= start[group + 1]) group++;
                matched++;
                if (!ranges.get(group).contains(row - start[group])) {
                    fail(file + ": WHERE " + sql + ": DuckDB matches file row " + row + " (row group " + group + ", row "
                            + (row - start[group]) + ") but the page index kept only " + ranges.get(group));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(q, e);
        }
        long covered = 0;
        for (RowRanges r : ranges) covered += r.rowCount();
        return new Coverage(covered, start[f.rowGroups()], matched, ranges);
    }

    private static final List<String> ALLTYPES_PREDICATES = List.of(
            "id = 1234",
            "id BETWEEN 1000 AND 1100",
            "id < 50",
            "id >= 7250",
            "id != 5",
            "id IN (1, 500, 7000)",
            "id NOT IN (1, 500, 7000)",
            "id NOT BETWEEN 100 AND 7000",
            "NOT (id >= 100)",
            "NOT (id >= 100 AND id < 7000)",
            "NOT (id < 100 OR id >= 200)",
            "id < 100 OR id > 7200",
            "id > 3000.5 AND id < 3010",
            "id = 1e3",
            "int_col = 3",
            "int_col > 8",
            "tinyint_col = 2 AND month = 7",
            "smallint_col <= 0",
            "bigint_col <= 10",
            "bigint_col = 90",
            "float_col = 1.1",
            "float_col > 8.5",
            "float_col < 0.5",
            "float_col != 0",
            "NOT (float_col < 9)",
            "double_col >= 90.5",
            "double_col = 20.2",
            "double_col < 1e1",
            "string_col = '5'",
            "string_col > '7'",
            "string_col IN ('0', '9')",
            "string_col < ''",
            "date_string_col = '03/01/09'",
            "date_string_col BETWEEN '01/01/09' AND '01/31/09'",
            "bool_col = true",
            "bool_col = false AND id < 1000",
            "bool_col != true",
            "int_col IS NULL",
            "int_col IS NOT NULL",
            "NOT (int_col IS NULL)",
            "year = 2010 AND month = 12",
            "month NOT IN (1, 2, 3)",
            "month = 2 OR id = 3650",
            "year > 2010 OR id < 0");

    @Test
    void alltypesTinyPagesIsSound() {
        for (String file : List.of("alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet")) {
            for (String where : ALLTYPES_PREDICATES) {
                sound(file, where);
            }
        }
    }

    @Test
    void selectivePredicatesKeepFewRows() {
        String f = "alltypes_tiny_pages.parquet";
        // ids are clustered (the file is ordered by date), pages hold ~21 rows.
        Coverage between = sound(f, "id BETWEEN 1000 AND 1100");
        assertTrue(between.matched() == 101, "DuckDB count " + between.matched());
        assertTrue(between.covered() <= 400, "id BETWEEN 1000 AND 1100 kept " + between.covered() + " of " + between.total());
        Coverage point = sound(f, "id = 1234");
        assertTrue(point.covered() <= 200, "id = 1234 kept " + point.covered() + " rows: " + point.ranges());
        Coverage in = sound(f, "id IN (1, 500, 7000)");
        assertTrue(in.covered() <= 300, "id IN kept " + in.covered());
        Coverage tail = sound(f, "id >= 7250");
        assertTrue(tail.covered() <= 200, "id >= 7250 kept " + tail.covered());
        Coverage notBetween = sound(f, "id NOT BETWEEN 100 AND 7000");
        assertTrue(notBetween.covered() <= 600, "id NOT BETWEEN kept " + notBetween.covered());
        Coverage not = sound(f, "NOT (id >= 100)");
        assertTrue(not.covered() <= 200, "NOT (id >= 100) kept " + not.covered());
        Coverage or = sound(f, "id < 100 OR id > 7200");
        assertTrue(or.covered() <= 600 && or.ranges().getFirst().rangeCount() >= 2, "OR kept " + or.ranges());
        // month/year are clustered too; AND intersects.
        Coverage dec = sound(f, "year = 2010 AND month = 12");
        assertTrue(dec.covered() <= 2 * dec.matched(), "December 2010 kept " + dec.covered() + " for " + dec.matched());
        Coverage date = sound(f, "date_string_col = '03/01/09'");
        assertTrue(date.covered() <= 100, "one date kept " + date.covered());
        // Nothing can match: bounds exclude every page.
        assertEquals(0, sound(f, "id < 0").covered());
        assertEquals(0, sound(f, "int_col IS NULL").covered());
        assertEquals(0, sound(f, "string_col < ''").covered());
        assertEquals(0, sound(f, "bigint_col > 90").covered());
        assertEquals(0, sound(f, "year > 2010 OR id < 0").covered());
        // Non-selective predicates keep everything (no false pruning of int_col pages that hold 0..9).
        assertEquals(7300, sound(f, "id != 5").covered());
        assertEquals(7300, sound(f, "int_col IS NOT NULL").covered());
        // Floating columns: pruning happens on the min side only.
        assertEquals(7300, sound(f, "float_col > 8.5").covered());
        assertTrue(sound(f, "double_col < 1e1").covered() < 7300);
    }

    @Test
    void int32WithNullPages() {
        String f = "int32_with_null_pages.parquet";
        // Page 2 (rows 200..299) is a null page; every page has some nulls.
        Coverage isNull = sound(f, "int32_field IS NULL");
        assertEquals(1000, isNull.covered());
        Coverage notNull = sound(f, "int32_field IS NOT NULL");
        assertEquals(900, notNull.covered());
        assertFalse(notNull.ranges().getFirst().overlaps(200, 300), notNull.ranges().toString());
        assertEquals(notNull.ranges(), sound(f, "NOT (int32_field IS NULL)").ranges());
        for (String where : List.of("int32_field > 0", "int32_field < -2000000000", "int32_field = 1", "int32_field != 0",
                "int32_field >= 2145722375", "int32_field <= -2136906554", "NOT (int32_field > 0)",
                "int32_field IS NULL OR int32_field > 2000000000", "int32_field IN (1, 2, 3)")) {
            Coverage c = sound(f, where);
            if (!where.contains("IS NULL")) assertFalse(c.ranges().getFirst().overlaps(200, 300), where + " kept the null page: " + c.ranges());
        }
        // The column maximum lives in one page only.
        assertEquals(100, sound(f, "int32_field >= 2145722375").covered());
        assertEquals(100, sound(f, "int32_field <= -2136906554").covered());
        assertTrue(sound(f, "int32_field IS NULL OR int32_field > 2000000000").ranges().getFirst().overlaps(200, 300));
    }

    @Test
    void nanAndSignedZeroOrders() {
        String f = "floating_orders_nan_count.parquet";
        for (String col : List.of("float_ieee754", "float_typedef", "double_ieee754", "double_typedef")) {
            for (String where : List.of("> 4", ">= 5", "< -1.5", "<= -2", "= 0", "= -0.0", "= 0.5", "!= 0", "> 100", "< -100")) {
                sound(f, col + " " + where);
            }
            sound(f, "NOT (" + col + " < 1)");
            sound(f, col + " IS NULL");
            String nan = col.startsWith("float") ? "'nan'::FLOAT" : "'nan'::DOUBLE";
            sound(f, col + " = " + nan, new ComparisonPredicate(col, ComparisonPredicate.Op.EQ, Double.NaN));
            sound(f, col + " < " + nan, new ComparisonPredicate(col, ComparisonPredicate.Op.LT, Double.NaN));
            // NaN rows exceed the max bound: x > 100 must keep every page that may hold NaN.
            Coverage above = sound(f, col + " > 100");
            assertTrue(above.matched() > 0);
            Coverage below = sound(f, col + " < -100");
            assertEquals(0, below.matched());
        }
        // The ieee754 columns have a column index in every row group: x < -100 prunes the pages with finite bounds.
        assertTrue(sound(f, "double_ieee754 < -100").covered() < 50);
    }

    @Test
    void stringsTruncationAndUnsupportedColumns() {
        String bloom = "data_index_bloom_encoding_stats.parquet";
        assertEquals(0, sound(bloom, "\"String\" > 'zzz'").covered());
        assertEquals(0, sound(bloom, "\"String\" < 'A'").covered());
        assertEquals(14, sound(bloom, "\"String\" = 'Hello'").covered());
        sound(bloom, "\"String\" IN ('Hello', 'nope')");
        String trunc = "binary_truncated_min_max.parquet";
        for (String col : List.of("utf8_full_truncation", "utf8_partial_truncation", "utf8_no_truncation")) {
            for (String where : List.of("= 'Kevin Bacon'", "> 'Kevin Bacon'", ">= 'Ke'", "< 'Al'", "<= 'Al'", "= 'Al'",
                    "> 'Kf'", "< 'Alice'", "= '\uD83D\uDE80Kevin Bacon'", "> '\uD83D\uDE80'")) {
                sound(trunc, col + " " + where);
            }
        }
        assertEquals(0, sound(trunc, "utf8_no_truncation > 'Kevin Bacon'").covered());
        // Truncated max 'Kf' still covers 'Kevin Bacon'.
        assertEquals(12, sound(trunc, "utf8_full_truncation >= 'Kevin Bacon'").covered());
        // BINARY columns: a string literal has no order we model, so nothing is pruned.
        assertEquals(12, sound(trunc, "binary_no_truncation > 'zzz'", new ComparisonPredicate("binary_no_truncation", ComparisonPredicate.Op.GT, "zzz")).covered());
        // INT96 column without a column index; a nested column; an unknown column: all rows.
        assertEquals(7300, PageIndexPruner.matchingRows(new NullPredicate("timestamp_col", true), load("alltypes_tiny_pages.parquet").rg(0)).rowCount());
        Loaded nested = load("repeated_primitive_no_list.parquet");
        assertEquals(RowRanges.all(nested.rg(0).numRows()), PageIndexPruner.matchingRows(new NullPredicate("Int32_list", true), nested.rg(0)));
        assertEquals(7300, PageIndexPruner.matchingRows(new NullPredicate("no_such_column", true), load("alltypes_tiny_pages.parquet").rg(0)).rowCount());
        // Without the file bytes there is no page index to read.
        Loaded at = load("alltypes_tiny_pages.parquet");
        RowGroupMetadata footerOnly = new RowGroupMetadata(0, at.footer().rowGroups().getFirst(), at.schema());
        assertEquals(7300, PageIndexPruner.matchingRows(WhereParser.parse("id = 1234"), footerOnly).rowCount());
        assertNull(PageIndexPruner.offsetIndex(footerOnly, "id"));
    }

    /**
     * Every corpus file with a page index, every flat column: IS [NOT] NULL, and =, &lt;, &gt;=, !=
     * against values sampled from the column (for the types whose order is modelled).
     */
    @Test
    void sweepOfCorpusPageIndexes() throws SQLException {
        int checked = 0;
        int pruning = 0;
        for (String file : List.of("alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet", "int32_with_null_pages.parquet",
                "data_index_bloom_encoding_stats.parquet", "data_index_bloom_encoding_with_length.parquet",
                "datapage_v1-uncompressed-checksum.parquet", "datapage_v1-snappy-compressed-checksum.parquet",
                "rle-dict-snappy-checksum.parquet", "plain-dict-uncompressed-checksum.parquet",
                "delta_encoding_required_column.parquet", "dict-page-offset-zero.parquet", "datapage_v1-corrupt-checksum.parquet",
                "fixed_length_byte_array.parquet", "floating_orders_nan_count.parquet", "datapage_v2_empty_datapage.snappy.parquet",
                "binary_truncated_min_max.parquet")) {
            Loaded f = load(file);
            for (SchemaNode leaf : f.schema().leaves()) {
                if (leaf.path().size() != 1 || leaf.repLevel() > 0) continue;
                if (f.footer().rowGroups().getFirst().columns().get(leaf.leafIndex()).columnIndexOffset() == null) continue;
                String col = "\"" + leaf.name() + "\"";
                sound(file, col + " IS NULL");
                sound(file, col + " IS NOT NULL");
                checked += 2;
                DataType.Kind kind = TypeMapper.map(leaf.element()).kind();
                boolean modelled = switch (kind) {
                    case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, STRING, BOOLEAN -> true;
                    default -> false;
                };
                if (!modelled) continue;
                long total = f.footer().numRows();
                List<String> literals = new ArrayList<>();
                String q = "SELECT " + col + " FROM read_parquet('" + f.path() + "', file_row_number=true) WHERE file_row_number IN ("
                        + 0 + ", " + total / 3 + ", " + (2 * total / 3) + ", " + (total - 1) + ") AND " + col + " IS NOT NULL";
                try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        String lit = literal(rs.getObject(1));
                        if (lit != null) literals.add(lit);
                    }
                }
                for (String lit : literals) {
                    for (String op : List.of("=", "<", ">=", "!=")) {
                        Coverage c = sound(file, col + " " + op + " " + lit);
                        if (c.covered() < c.total()) pruning++;
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 200, "checked " + checked);
        assertTrue(pruning > 20, "pruned in " + pruning + " of " + checked + " checks");
    }

    /** A literal both DuckDB and WhereParser read as the same value, or null. */
    private static String literal(Object v) {
        return switch (v) {
            case Boolean b -> b.toString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case Float x -> Float.isFinite(x) ? new BigDecimal(Float.toString(x)).toPlainString() : null;
            case Double x -> Double.isFinite(x) ? Double.toString(x).contains("E") ? Double.toString(x) : new BigDecimal(Double.toString(x)).toPlainString() : null;
            case String s -> "'" + s.replace("'", "''") + "'";
            default -> null;
        };
    }

    @Test
    void offsetIndexOfCorpusColumns() {
        Loaded f = load("alltypes_tiny_pages.parquet");
        OffsetIndex oi = PageIndexPruner.offsetIndex(f.rg(0), "id");
        assertNotNull(oi);
        assertEquals(325, oi.pageLocations().size());
        assertEquals(0, oi.pageLocations().getFirst().firstRowIndex());
        // timestamp_col has an offset index but no column index.
        assertNotNull(PageIndexPruner.offsetIndex(f.rg(0), "timestamp_col"));
        assertNull(PageIndexPruner.offsetIndex(f.rg(0), "nope"));
        Loaded plain = load("datapage_v1-uncompressed-checksum.parquet");
        assertEquals(2, PageIndexPruner.offsetIndex(plain.rg(0), "a").pageLocations().size());
        Loaded noIndex = load("alltypes_plain.parquet");
        assertNull(PageIndexPruner.offsetIndex(noIndex.rg(0), "id"));
        assertEquals(RowRanges.all(noIndex.rg(0).numRows()), PageIndexPruner.matchingRows(WhereParser.parse("id = 1"), noIndex.rg(0)));
    }

    // ================================================================== hand-built page indexes

    /** Four pages of 10 rows: [0..9], a null page, [20..29] with 3 nulls, [5..5] (no nulls). */
    @Test
    void syntheticIntPagesWithNullPage() {
        byte[][] mins = {i32(0), new byte[0], i32(20), i32(5)};
        byte[][] maxs = {i32(9), new byte[0], i32(29), i32(5)};
        RowGroupMetadata rg = synthetic(40, leaf("x", PhysicalType.INT32, null),
                columnIndex(new boolean[] {false, true, false, false}, mins, maxs, new long[] {0, 10, 3, 0}), offsetIndex(0, 10, 20, 30));
        assertRows("[0, 10), [30, 40)", "x = 5", rg);
        assertRows("[0, 10), [20, 30)", "x != 5", rg);
        assertRows("[0, 10), [30, 40)", "x < 6", rg);
        assertRows("[0, 10)", "x < 5", rg);
        assertRows("[20, 30)", "x > 9", rg);
        assertRows("[0, 10), [20, 30)", "x >= 9", rg);
        assertRows("[10, 30)", "x IS NULL", rg);
        assertRows("[0, 10), [20, 40)", "x IS NOT NULL", rg);
        assertRows("[0, 10), [20, 40)", "NOT (x IS NULL)", rg);
        assertRows("[0, 30)", "x IS NULL OR x = 5 AND x > 6", rg);
        assertRows("[0, 10), [20, 30)", "NOT (x = 5)", rg);
        assertRows("[0, 10), [20, 30)", "x NOT IN (5, 100)", rg);
        assertRows("[0, 10), [30, 40)", "x IN (5, 100)", rg);
        assertRows("[0, 10), [30, 40)", "x = 5.0", rg);
        assertRows("[0, 10)", "x = 5.5", rg);
        assertRows("", "x = 9.5", rg);
        assertRows("[0, 10)", "x BETWEEN 0.5 AND 4.5", rg);
        // Integers and decimal literals compare exactly (DuckDB's DECIMAL cast): 29 is below the literal.
        assertRows("", "x > 29.000000000000000001", rg);
        assertRows("", "x > 29.5", rg);
        assertRows("[20, 30)", "x = 2.9e1", rg);
        // A literal of another kind: no order, nothing pruned except the null page.
        assertRows("[0, 10), [20, 40)", "x = 'a'", rg);
        assertRows("[0, 10), [20, 40)", "x = true", rg);
        assertEquals(4, PageIndexPruner.offsetIndex(rg, "x").pageLocations().size());
    }

    @Test
    void syntheticNullCountsAbsentOrUnknownType() {
        byte[][] mins = {i32(0), new byte[0], i32(20)};
        byte[][] maxs = {i32(9), new byte[0], i32(29)};
        RowGroupMetadata noCounts = synthetic(30, leaf("x", PhysicalType.INT32, null),
                columnIndex(new boolean[] {false, true, false}, mins, maxs, null), offsetIndex(0, 10, 20));
        // Absent null counts are not zero: every page may hold a null.
        assertRows("[0, 30)", "x IS NULL", noCounts);
        assertRows("[0, 10), [20, 30)", "x IS NOT NULL", noCounts);
        // DECIMAL(5,2) on INT32: order not modelled, but null pages still prune comparisons.
        RowGroupMetadata decimal = synthetic(30, leaf("d", PhysicalType.INT32, new LogicalType.DecimalType(2, 5)),
                columnIndex(new boolean[] {false, true, false}, mins, maxs, new long[] {0, 10, 0}), offsetIndex(0, 10, 20));
        assertRows("[0, 10), [20, 30)", "d = 100", decimal);
        assertRows("[10, 20)", "d IS NULL", decimal);
        // A repeated leaf: rows are not values, nothing is pruned.
        SchemaElement repeated = new SchemaElement(PhysicalType.INT32, null, Repetition.REPEATED, "r", 0, null, null, null, null, null);
        RowGroupMetadata rep = synthetic(30, repeated, columnIndex(new boolean[] {false, true, false}, mins, maxs, new long[] {0, 10, 0}), offsetIndex(0, 10, 20));
        assertRows("[0, 30)", "r IS NULL", rep);
        assertRows("[0, 30)", "r = 100", rep);
    }

    /** FLOAT pages: DuckDB rounds a decimal literal to FLOAT, our filter compares doubles; prune only where both agree. */
    @Test
    void syntheticFloatPages() {
        byte[][] mins = {f32(1.1f), f32(-5f), f32(Float.NaN), f32(-0.0f)};
        byte[][] maxs = {f32(1.1f), f32(5f), f32(Float.NaN), f32(0.0f)};
        RowGroupMetadata rg = synthetic(40, leaf("f", PhysicalType.FLOAT, null),
                columnIndex(new boolean[] {false, false, false, false}, mins, maxs, new long[] {0, 0, 0, 0}), offsetIndex(0, 10, 20, 30));
        // 1.1 as FLOAT equals the page (DuckDB), as double it does not (row filter): keep.
        assertRows("[0, 30)", "f = 1.1", rg);
        assertRows("[10, 30)", "f = 1.2", rg);
        assertRows("[10, 40)", "f = 0", rg);
        assertRows("[10, 40)", "f = -0.0", rg);
        assertRows("[10, 30)", "f < -1", rg);
        assertRows("[10, 30)", "f <= -5", rg);
        assertRows("[20, 30)", "f < -6", rg);
        // NaN rows exceed every max bound: >, >=, != and NaN literals never prune floating pages.
        assertRows("[0, 40)", "f > 100", rg);
        assertRows("[0, 40)", "f >= 100", rg);
        assertRows("[0, 40)", "f != 1.1", rg);
        assertRows("[0, 40)", "NOT (f < 100)", rg);
        RowRanges nan = PageIndexPruner.matchingRows(new ComparisonPredicate("f", ComparisonPredicate.Op.EQ, Double.NaN), rg);
        assertEquals(RowRanges.all(40), nan);
        // DOUBLE pages: no FLOAT rounding, 1.1 is pruned against a 1.2 page.
        RowGroupMetadata dbl = synthetic(20, leaf("d", PhysicalType.DOUBLE, null),
                columnIndex(new boolean[] {false, false}, new byte[][] {f64(1.2), f64(3)}, new byte[][] {f64(1.2), f64(4)}, new long[] {0, 0}),
                offsetIndex(0, 10));
        assertRows("[10, 20)", "d = 3.5", dbl);
        assertRows("", "d = 1.1", dbl);
        assertRows("[0, 10)", "d = 1.2", dbl);
        assertRows("[0, 10)", "d < 2", dbl);
    }

    @Test
    void syntheticBooleanAndStringPages() {
        RowGroupMetadata bools = synthetic(30, leaf("b", PhysicalType.BOOLEAN, null),
                columnIndex(new boolean[] {false, false, false}, new byte[][] {{0}, {1}, {0}}, new byte[][] {{0}, {1}, {1}}, new long[] {0, 0, 0}),
                offsetIndex(0, 10, 20));
        assertRows("[10, 30)", "b = true", bools);
        assertRows("[0, 10), [20, 30)", "b = false", bools);
        assertRows("[0, 10), [20, 30)", "b != true", bools);
        assertRows("[0, 10), [20, 30)", "NOT (b = true)", bools);
        assertRows("[0, 30)", "b = 1", bools);  // a number is not a boolean: no order
        RowGroupMetadata strings = synthetic(30, leaf("s", PhysicalType.BYTE_ARRAY, new LogicalType.StringType()),
                columnIndex(new boolean[] {false, false, false}, new byte[][] {utf8("apple"), utf8("m"), utf8("\u00e9")},
                        new byte[][] {utf8("banana"), utf8("n"), utf8("\uD83D\uDE80")}, new long[] {0, 0, 0}),
                offsetIndex(0, 10, 20));
        assertRows("[0, 10)", "s = 'b'", strings);
        assertRows("[10, 20)", "s > 'c' AND s < 'z'", strings);
        // Unsigned byte order: 'é' (C3 A9) and the rocket (F0 9F..) sort after ASCII.
        assertRows("[20, 30)", "s > 'z'", strings);
        assertRows("[20, 30)", "s = '\u00ff'", strings);
        assertRows("[0, 20)", "s < 'z'", strings);
        assertRows("[0, 30)", "s != 'm'", strings);
    }

    @Test
    void malformedIndexesMeanAllRows() {
        byte[][] mins = {i32(0), i32(20)};
        byte[][] maxs = {i32(9), i32(29)};
        byte[] ci = columnIndex(new boolean[] {false, false}, mins, maxs, new long[] {0, 0});
        SchemaElement x = leaf("x", PhysicalType.INT32, null);
        // Sanity: the well-formed index prunes.
        assertRows("[0, 10)", "x = 5", synthetic(20, x, ci, offsetIndex(0, 10)));
        // Offset index: first page not at row 0, decreasing rows, rows past the row group, no pages.
        for (byte[] oi : List.of(offsetIndex(1, 10), offsetIndex(0, 10, 5), offsetIndex(0, 25), new byte[] {0x19, 0x0C, 0x00})) {
            RowGroupMetadata rg = synthetic(20, x, ci, oi);
            assertRows("[0, 20)", "x = 5", rg);
            assertNull(PageIndexPruner.offsetIndex(rg, "x"));
        }
        // Column index with fewer entries than pages; garbage bytes; a truncated index.
        byte[] shortCi = columnIndex(new boolean[] {false}, new byte[][] {i32(0)}, new byte[][] {i32(9)}, new long[] {0});
        assertRows("[0, 20)", "x = 5", synthetic(20, x, shortCi, offsetIndex(0, 10)));
        assertRows("[0, 20)", "x = 5", synthetic(20, x, new byte[] {(byte) 0xFF, 0x7F, 0x13, 0x42}, offsetIndex(0, 10)));
        assertRows("[0, 20)", "x = 5", synthetic(20, x, java.util.Arrays.copyOf(ci, ci.length - 3), offsetIndex(0, 10)));
        // Bounds of the wrong width: that page is kept, the other still prunes.
        byte[] wide = columnIndex(new boolean[] {false, false}, new byte[][] {i32(0), new byte[3]}, new byte[][] {i32(9), new byte[3]}, new long[] {0, 0});
        assertRows("[10, 20)", "x = 50", synthetic(20, x, wide, offsetIndex(0, 10)));
        // Index offsets outside the file.
        RowGroupMetadata good = synthetic(20, x, ci, offsetIndex(0, 10));
        ColumnChunk c = good.rowGroup().columns().getFirst();
        ColumnChunk outside = new ColumnChunk(null, 0, c.metaData(), c.offsetIndexOffset(), c.offsetIndexLength(), good.file().byteSize() - 2, 100, false);
        RowGroupMetadata bad = new RowGroupMetadata(0, new RowGroup(List.of(outside), 0, 20, null, null, null, null), good.schema(), good.file(), "synthetic");
        assertRows("[0, 20)", "x = 5", bad);
        // Encrypted chunk: never read.
        ColumnChunk encrypted = new ColumnChunk(null, 0, c.metaData(), c.offsetIndexOffset(), c.offsetIndexLength(), c.columnIndexOffset(), c.columnIndexLength(), true);
        RowGroupMetadata enc = new RowGroupMetadata(0, new RowGroup(List.of(encrypted), 0, 20, null, null, null, null), good.schema(), good.file(), "synthetic");
        assertRows("[0, 20)", "x = 5", enc);
        assertNull(PageIndexPruner.offsetIndex(enc, "x"));
    }

    /** Indexes that contradict themselves or the schema: parquet-mr's stats-less index, null pages in required columns. */
    @Test
    void contradictoryIndexesMeanAllRows() {
        // datapage_v1-*-checksum.parquet: required INT32 columns whose index says every page is a null page, null counts -1.
        for (String file : List.of("datapage_v1-uncompressed-checksum.parquet", "datapage_v1-snappy-compressed-checksum.parquet")) {
            Loaded f = load(file);
            for (String where : List.of("a IS NOT NULL", "a = 5", "b > 0", "a IS NULL")) {
                assertEquals(RowRanges.all(5120), PageIndexPruner.matchingRows(WhereParser.parse(where), f.rg(0)), file + " " + where);
                sound(file, where);
            }
            assertNotNull(PageIndexPruner.offsetIndex(f.rg(0), "a"));  // the page locations themselves are fine
        }
        byte[][] mins = {i32(0), new byte[0]};
        byte[][] maxs = {i32(9), new byte[0]};
        byte[] nullPage = columnIndex(new boolean[] {false, true}, mins, maxs, new long[] {0, 10});
        SchemaElement optional = leaf("x", PhysicalType.INT32, null);
        assertRows("[0, 10)", "x = 5", synthetic(20, optional, nullPage, offsetIndex(0, 10)));
        SchemaElement required = new SchemaElement(PhysicalType.INT32, null, Repetition.REQUIRED, "x", 0, null, null, null, null, null);
        assertRows("[0, 20)", "x = 5", synthetic(20, required, nullPage, offsetIndex(0, 10)));
        assertRows("[0, 20)", "x IS NOT NULL", synthetic(20, required, nullPage, offsetIndex(0, 10)));
        assertRows("[0, 20)", "x = 5", synthetic(20, optional, columnIndex(new boolean[] {false, true}, mins, maxs, new long[] {0, -1}), offsetIndex(0, 10)));
        assertRows("[0, 20)", "x = 5", synthetic(20, optional, columnIndex(new boolean[] {false, true}, mins, maxs, new long[] {0, 4}), offsetIndex(0, 10)));
        assertRows("[0, 20)", "x = 5", synthetic(20, optional, columnIndex(new boolean[] {false, false}, mins, new byte[][] {i32(9), i32(9)}, new long[] {11, 0}), offsetIndex(0, 10)));
    }

    private static void assertRows(String expected, String where, RowGroupMetadata rg) {
        RowRanges r = PageIndexPruner.matchingRows(WhereParser.parse(where), rg);
        assertEquals(expected.isEmpty() ? "[]" : expected, r.toString(), where);
    }

    // ------------------------------------------------------------------ synthetic files

    private static SchemaElement leaf(String name, PhysicalType type, LogicalType logical) {
        return new SchemaElement(type, null, Repetition.OPTIONAL, name, 0, null,
                logical instanceof LogicalType.DecimalType d ? d.scale() : null,
                logical instanceof LogicalType.DecimalType d ? d.precision() : null, null, logical);
    }

    /** A one-column row group whose "file" holds 64 bytes of page data, then the offset index, then the column index. */
    private static RowGroupMetadata synthetic(long rows, SchemaElement leaf, byte[] columnIndex, byte[] offsetIndex) {
        byte[] file = new byte[64 + offsetIndex.length + columnIndex.length];
        System.arraycopy(offsetIndex, 0, file, 64, offsetIndex.length);
        System.arraycopy(columnIndex, 0, file, 64 + offsetIndex.length, columnIndex.length);
        SchemaElement root = new SchemaElement(null, null, null, "schema", 1, null, null, null, null, null);
        ParquetSchema schema = ParquetSchema.of(List.of(root, leaf));
        ColumnMetaData md = new ColumnMetaData(leaf.type(), List.of(), List.of(leaf.name()), CompressionCodec.UNCOMPRESSED, rows,
                0, 0, null, 0, null, null, null, null, null, null, null);
        ColumnChunk chunk = new ColumnChunk(null, 0, md, 64L, offsetIndex.length, 64L + offsetIndex.length, columnIndex.length, false);
        return new RowGroupMetadata(0, new RowGroup(List.of(chunk), 0, rows, null, null, null, null), schema,
                MemorySegment.ofArray(file), "synthetic");
    }

    private static byte[] i32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] f32(float v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
    }

    private static byte[] f64(double v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Thrift compact {@code ColumnIndex} (boundary order UNORDERED); {@code nullCounts} may be null. */
    private static byte[] columnIndex(boolean[] nullPages, byte[][] mins, byte[][] maxs, long[] nullCounts) {
        Compact w = new Compact();
        w.list(1, 1, nullPages.length);
        for (boolean b : nullPages) w.out.write(b ? 1 : 2);
        w.list(2, 8, mins.length);
        for (byte[] m : mins) w.binary(m);
        w.list(3, 8, maxs.length);
        for (byte[] m : maxs) w.binary(m);
        w.field(4, 5);
        w.zigzag(0);
        if (nullCounts != null) {
            w.list(5, 6, nullCounts.length);
            for (long c : nullCounts) w.zigzag(c);
        }
        w.out.write(0);
        return w.out.toByteArray();
    }

    /** Thrift compact {@code OffsetIndex}: pages of 4 bytes at offsets 0, 4, 8, ... starting at the given rows. */
    private static byte[] offsetIndex(long... firstRows) {
        Compact w = new Compact();
        w.list(1, 12, firstRows.length);
        for (int i = 0; i < firstRows.length; i++) {
            int outer = w.last;
            w.last = 0;
            w.field(1, 6);
            w.zigzag(4L * i);
            w.field(2, 5);
            w.zigzag(4);
            w.field(3, 6);
            w.zigzag(firstRows[i]);
            w.out.write(0);
            w.last = outer;
        }
        w.out.write(0);
        return w.out.toByteArray();
    }

    /** Just enough of the Thrift compact protocol to write the two index structs. */
    private static final class Compact {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int last;

        void field(int id, int type) {
            int delta = id - last;
            if (delta > 0 && delta <= 15) {
                out.write(delta << 4 | type);
            } else {
                out.write(type);
                zigzag(id);
            }
            last = id;
        }

        void list(int id, int elementType, int size) {
            field(id, 9);
            if (size < 15) {
                out.write(size << 4 | elementType);
            } else {
                out.write(0xF0 | elementType);
                varint(size);
            }
        }

        void binary(byte[] b) {
            varint(b.length);
            out.write(b, 0, b.length);
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
