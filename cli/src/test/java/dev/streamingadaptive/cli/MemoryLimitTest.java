package dev.streamingadaptive.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --memory-limit} on cat: batches follow the budget, the output does not change. */
class MemoryLimitTest {
    @TempDir
    static Path dir;
    static Path file;
    static final int ROWS = 300_000;

    @BeforeAll
    static void generate() throws Exception {
        file = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, i * 0.5 AS d, 'name-' || (i % 113) AS s, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 1000 END AS n "
                    + "FROM range(" + ROWS + ") t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 65536)");
        }
    }

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void catPrintsTheSameLinesUnderASmallBudget() {
        Result unlimited = run("cat", file.toString(), "--format", "jsonl");
        Result limited = run("cat", file.toString(), "--format", "jsonl", "--memory-limit", "8m");
        assertEquals(0, unlimited.code(), unlimited.err());
        assertEquals(0, limited.code(), limited.err());
        assertEquals(ROWS, unlimited.out().split("\n").length);
        assertEquals(unlimited.out(), limited.out());
        assertEquals("", limited.err());
        Result small = run("cat", file.toString(), "--format", "jsonl", "--memory-limit", "2m");
        assertEquals(0, small.code(), small.err());
        assertEquals(unlimited.out(), small.out(), "many small batches, same lines");
    }

    @Test
    void aBudgetBelowOnePageIsRefusedNamingTheFigures() {
        // DuckDB writes one page per column chunk (here ~512 KB per column): a page is decompressed whole,
        // so 256 KB cannot hold one row's pages. Refused with the figures, not exceeded.
        Result tiny = run("cat", file.toString(), "--format", "jsonl", "--memory-limit", "256k");
        assertEquals(1, tiny.code(), tiny.err());
        assertEquals("", tiny.out());
        assertTrue(tiny.err().contains("page buffers") && tiny.err().contains("262144 bytes are available")
                && tiny.err().contains("raise the memory limit"), tiny.err());
    }

    @Test
    void csvWithColumnsAndLimitUnderABudget() {
        Result unlimited = run("cat", file.toString(), "--format", "csv", "--columns", "s,i", "--limit", "100000");
        Result limited = run("cat", file.toString(), "--format", "csv", "--columns", "s,i", "--limit", "100000", "--memory-limit", "1m");
        assertEquals(0, limited.code(), limited.err());
        assertEquals(unlimited.out(), limited.out());
        String[] lines = limited.out().split("\n");
        assertEquals(100_001, lines.length, "header and 100,000 rows");
        assertEquals("s,i", lines[0]);
        assertEquals("name-0,0", lines[1]);
    }

    @Test
    void tableUnderABudgetShowsTheFirstRows() {
        Result unlimited = run("cat", file.toString());
        Result limited = run("cat", file.toString(), "--memory-limit", "2m");
        assertEquals(0, limited.code(), limited.err());
        assertEquals(unlimited.out(), limited.out());
        assertEquals(unlimited.err(), limited.err());
        assertTrue(limited.err().contains("showing the first 20 rows of " + ROWS), limited.err());
    }

    @Test
    void aGlobOfFilesUnderABudget() {
        Result one = run("cat", file.toString(), "--format", "jsonl", "--limit", "7", "--memory-limit", "4m");
        assertEquals(0, one.code(), one.err());
        assertEquals(7, one.out().split("\n").length);
        Result glob = run("cat", dir + "/*.parquet", "--format", "jsonl", "--memory-limit", "4m", "--limit", "7");
        assertEquals(one.out(), glob.out());
    }

    @Test
    void aBudgetTooSmallForOneRowIsAClearError() {
        Result r = run("cat", file.toString(), "--format", "jsonl", "--memory-limit", "1");
        assertEquals(1, r.code(), r.out());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertTrue(err.startsWith("streaming-adaptive: " + file + ": "), err);
        assertTrue(err.contains("available") && err.contains("memory limit"), err);
        assertTrue(!err.contains("Exception"), "no class names in the message: " + err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void readingCommandsAcceptMemoryLimit() {
        Result count = run("count", "--memory-limit", "1m", file.toString());
        assertEquals(0, count.code(), count.err());
        assertEquals(ROWS + "\n", count.out());
        assertEquals(0, run("schema", "--memory-limit", "1m", file.toString()).code());
        assertEquals(0, run("inspect", "--memory-limit", "1m", file.toString()).code());
        assertEquals(2, run("cat", "--memory-limit", "0", file.toString()).code());
        assertEquals(2, run("cat", "--memory-limit", "-5m", file.toString()).code());
        assertEquals(2, run("cat", "--memory-limit", "12x", file.toString()).code());
        Result help = run("cat", "--help");
        assertTrue(help.out().contains("--memory-limit"), help.out());
    }
}
