package dev.streamingadaptive.frame.format;

import static dev.streamingadaptive.frame.format.Cols.nulls;
import static dev.streamingadaptive.frame.format.Cols.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.StructColumn;
import dev.streamingadaptive.frame.TimeUnit;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableFormatterTest {

    private static DataFrame ids(int n) {
        long[] v = new long[n];
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
            s[i] = i == 1 ? null : "n" + (i + 1);
        }
        return new DataFrame(List.of(new LongColumn("id", v, n, null), strings("name", s)));
    }

    @Test
    void smallTable() {
        assertEquals("""
                shape: (3, 2)
                ┌─────┬──────┐
                │ id  ┆ name │
                │ --- ┆ ---  │
                │ i64 ┆ str  │
                ╞═════╪══════╡
                │ 1   ┆ n1   │
                │ 2   ┆ null │
                │ 3   ┆ n3   │
                └─────┴──────┘""", TableFormatter.format(ids(3), 10));
        assertEquals(TableFormatter.format(ids(3), 10), ids(3).toString());
    }

    @Test
    void longTableShowsHeadAndTail() {
        String t = TableFormatter.format(ids(100), 4);
        assertEquals("""
                shape: (100, 2)
                ┌─────┬──────┐
                │ id  ┆ name │
                │ --- ┆ ---  │
                │ i64 ┆ str  │
                ╞═════╪══════╡
                │ 1   ┆ n1   │
                │ 2   ┆ null │
                │ …   ┆ …    │
                │ 99  ┆ n99  │
                │ 100 ┆ n100 │
                └─────┴──────┘""", t);
        // odd maxRows: one more at the head
        String t5 = TableFormatter.format(ids(100), 5);
        assertTrue(t5.contains("│ 3   ┆ n3   │\n│ …   ┆ …    │\n│ 99  ┆ n99  │"), t5);
        // all rows when negative
        assertEquals(100 + 7, TableFormatter.format(ids(100), -1).split("\n").length);
        // zero rows shown: only the ellipsis
        assertTrue(TableFormatter.format(ids(3), 0).contains("│ …   ┆ …    │"));
    }

    @Test
    void partsFormAOneTable() {
        DataFrame a = ids(3), b = ids(2);
        String t = TableFormatter.format(a.schema(), List.of(a, b), 4);
        assertTrue(t.startsWith("shape: (5, 2)\n"), t);
        assertTrue(t.contains("│ 1   ┆ n1   │\n│ 2   ┆ null │\n│ …   ┆ …    │\n│ 1   ┆ n1   │\n│ 2   ┆ null │"), t);
        assertEquals("""
                shape: (0, 2)
                ┌─────┬──────┐
                │ id  ┆ name │
                │ --- ┆ ---  │
                │ i64 ┆ str  │
                ╞═════╪══════╡
                └─────┴──────┘""", TableFormatter.format(a.schema(), List.of(), 10));
    }

    @Test
    void longCellsAndControlCharacters() {
        String longText = "abcdefghijklmnopqrstuvwxyz0123456789";
        DataFrame df = new DataFrame(List.of(strings("s", longText, "a\nb\tc", "exactly-32-characters-long-text!")));
        String t = TableFormatter.format(df, 10);
        assertTrue(t.contains("│ abcdefghijklmnopqrstuvwxyz01234… │"), t);
        assertTrue(t.contains("│ a\\nb\\tc "), t);
        assertTrue(t.contains("│ exactly-32-characters-long-text! │"), t);
    }

    @Test
    void dtypeNamesAndNestedCells() {
        var el = new IntColumn("element", new int[] {1, 2}, 2, null);
        var list = new ListColumn("l", new DataType.ListType(Field.of("element", DataType.INT32)), new int[] {0, 2}, el, 1, null);
        var st = new StructColumn("s", List.of(strings("a", "x"), new IntColumn("b", new int[] {7}, 1, null)), 1, null);
        var m = new MapColumn("m", new DataType.MapType(Field.of("key", DataType.STRING), Field.of("value", DataType.INT32)),
                new int[] {0, 1}, strings("key", "k"), new IntColumn("value", new int[] {5}, 1, null), 1, null);
        var ts = new LongColumn("ts", new DataType.Timestamp(TimeUnit.MICROS, true), new long[] {0}, 1, null);
        var dec = new IntColumn("dec", new DataType.Decimal(9, 2), new int[] {-5}, 1, nulls(1));
        var u8 = new IntColumn("u8", DataType.UINT8, new int[] {-1}, 1, null);
        String t = TableFormatter.format(new DataFrame(List.of(list, st, m, ts, dec, u8)), 10);
        assertTrue(t.contains("list[i32]"), t);
        assertTrue(t.contains("struct[2]"), t);
        assertTrue(t.contains("map[str, i32]"), t);
        assertTrue(t.contains("datetime[μs, UTC]"), t);
        assertTrue(t.contains("decimal[9,2]"), t);
        assertTrue(t.contains("┆ u8 "), t);
        assertTrue(t.contains("[1,2]"), t);
        assertTrue(t.contains("{\"a\":\"x\",\"b\":7}"), t);
        assertTrue(t.contains("[{\"key\":\"k\",\"value\":5}]"), t);
        assertTrue(t.contains("1970-01-01T00:00:00.000000Z"), t);
        assertTrue(t.contains("-0.05"), t);
        assertTrue(t.contains("┆ 255 "), t);
        assertEquals("datetime[ns]", TableFormatter.dtypeName(new DataType.Timestamp(TimeUnit.NANOS, false)));
        assertEquals("f64", TableFormatter.dtypeName(DataType.FLOAT64));
        assertEquals("bool", TableFormatter.dtypeName(DataType.BOOLEAN));
    }

    @Test
    void binaryShowsAsByteString() {
        var b = Cols.binary("b", DataType.BINARY, Cols.bytes('a', '"', 0, 0xFF), null);
        String t = TableFormatter.format(new DataFrame(List.of(b)), 10);
        assertTrue(t.contains("│ b\"a\\x22\\x00\\xff\" │"), t);
        assertTrue(t.contains("│ null "), t);
    }

    @Test
    void emptyFrame() {
        assertEquals("shape: (0, 0)\n┌┐\n││\n││\n││\n╞╡\n└┘", TableFormatter.format(DataFrame.empty(), 10));
    }
}
