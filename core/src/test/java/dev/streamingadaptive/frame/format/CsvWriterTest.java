package dev.streamingadaptive.frame.format;

import static dev.streamingadaptive.frame.format.Cols.binary;
import static dev.streamingadaptive.frame.format.Cols.bytes;
import static dev.streamingadaptive.frame.format.Cols.nulls;
import static dev.streamingadaptive.frame.format.Cols.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.StructColumn;
import dev.streamingadaptive.frame.TimeUnit;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void scalarsAndQuoting() {
        var id = new LongColumn("id", new long[] {1, 2, 3, 4}, 4, nulls(4, 3));
        var s = strings("name, full", "plain", "with,comma", "with \"quote\"", null);
        var s2 = strings("s2", "", "line\nbreak", " padded", "x");
        var f = new DoubleColumn("f", new double[] {1.5, Double.NaN, Double.NEGATIVE_INFINITY, 0}, 4, null);
        var b = new BooleanColumn("b", new boolean[] {true, false, true, false}, 4, nulls(4, 2));
        var d = new IntColumn("d", DataType.DATE, new int[] {19753, -1, 0, 0}, 4, null);
        var ts = new LongColumn("ts", new DataType.Timestamp(TimeUnit.MILLIS, true), new long[] {-1, 0, 1, 2}, 4, null);
        var dec = new IntColumn("dec", new DataType.Decimal(5, 2), new int[] {-5, 1230, 0, 1}, 4, null);
        var bin = binary("bin", DataType.BINARY, bytes(0, 1, 2, 3), bytes(), null, bytes(0xFF));
        var u64 = new LongColumn("u", DataType.UINT64, new long[] {-1, 0, 1, 2}, 4, null);
        DataFrame df = new DataFrame(List.of(id, s, s2, f, b, d, ts, dec, bin, u64));
        StringBuilder out = new StringBuilder();
        CsvWriter.write(df, out);
        assertEquals("""
                id,"name, full",s2,f,b,d,ts,dec,bin,u
                1,plain,"",1.5,true,2024-01-31,1969-12-31T23:59:59.999Z,-0.05,AAECAw==,18446744073709551615
                2,"with,comma","line
                break",NaN,false,1969-12-31,1970-01-01T00:00:00.000Z,12.30,"",0
                3,"with ""quote""\",\" padded",-Infinity,,1970-01-01,1970-01-01T00:00:00.001Z,0.00,,1
                ,,x,0.0,false,1970-01-01,1970-01-01T00:00:00.002Z,0.01,/w==,2
                """, out.toString());
    }

    @Test
    void nestedAsQuotedJson() {
        var el = new IntColumn("element", new int[] {1, 2}, 2, null);
        var list = new ListColumn("l", new DataType.ListType(Field.of("element", DataType.INT32)), new int[] {0, 2, 2}, el, 2, nulls(2, 1));
        var st = new StructColumn("s", List.of(strings("a", "x", "y")), 2, null);
        DataFrame df = new DataFrame(List.of(list, st));
        StringBuilder out = new StringBuilder();
        CsvWriter.write(df, out);
        assertEquals("l,s\n\"[1,2]\",\"{\"\"a\"\":\"\"x\"\"}\"\n,\"{\"\"a\"\":\"\"y\"\"}\"\n", out.toString());
    }

    @Test
    void headerAndRowsSeparately() {
        DataFrame df = new DataFrame(List.of(new IntColumn("a", new int[] {1}, 1, null)));
        StringBuilder out = new StringBuilder();
        CsvWriter.writeHeader(df.schema(), out);
        CsvWriter.writeRows(df, out);
        CsvWriter.writeRows(df, out);
        assertEquals("a\n1\n1\n", out.toString());
    }
}
