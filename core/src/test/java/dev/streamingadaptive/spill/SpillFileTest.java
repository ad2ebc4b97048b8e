package dev.streamingadaptive.spill;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spill files give back exactly the batches written, in order, for every flat type; a run folder
 * disappears on close, a dead process's folder on the next start; a failed write is a clear
 * SpillException and leaves no file.
 */
class SpillFileTest {
    @TempDir Path dir;

    @Test
    void batchesOfEveryFlatTypeComeBackInOrder() throws Exception {
        Path source = dir.resolve("types.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 3 END::INTEGER AS i32, (i % 256 - 128)::TINYINT AS i8, i::UBIGINT AS u64, "
                    + "CASE WHEN i % 7 = 0 THEN 'NaN'::DOUBLE ELSE i / 3.0 END AS d, (i / 7.0)::FLOAT AS f, "
                    + "CASE WHEN i % 3 = 0 THEN NULL ELSE ['ä', 'Zürich', '東京', ''][1 + i % 4] || i END AS s, "
                    + "(i * 1.25)::DECIMAL(9,2) AS d9, (i * 1000000007)::DECIMAL(38,4) AS d38, DATE '2024-02-29' + i::INTEGER AS day, "
                    + "TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND AS ts, TIMESTAMP_NS '2024-01-01' + INTERVAL (i) MICROSECOND AS tsn, "
                    + "i % 2 = 0 AS b, uuid() IS NOT NULL AS u, encode('x' || i) AS blob "
                    + "FROM range(200000) t(i)) TO '" + source + "' (FORMAT parquet)");
        }
        DataFrame all;
        try (MmapParquetReader r = MmapParquetReader.open(source)) {
            all = r.readAll();
        }
        try (SpillDirectory spill = SpillDirectory.create(dir.resolve("spill"))) {
            SpillFile file;
            try (SpillFile.Writer w = SpillFile.writer(spill, "test batches", all.schema())) {
                for (int at = 0; at < all.height(); at += 30_000) w.write(all.slice(at, Math.min(30_000, all.height() - at)));
                file = w.finish();
            }
            assertEquals(all.height(), file.rows());
            assertTrue(Files.exists(file.path()) && file.bytes() > 0);
            List<DataFrame> back = new ArrayList<>();
            try (Stream<DataFrame> batches = file.read()) {
                batches.forEach(back::add);
            }
            long rows = back.stream().mapToLong(DataFrame::height).sum();
            assertEquals(all.height(), rows);
            int at = 0;
            for (DataFrame b : back) {
                assertEquals(all.slice(at, b.height()), b, "rows from " + at);
                at += b.height();
            }
            file.delete();
            assertFalse(Files.exists(file.path()));
        }
    }

    @Test
    void closingDeletesTheRunFolderAndADeadRunIsDeletedOnTheNextStart() throws Exception {
        Path base = dir.resolve("base");
        SpillDirectory first = SpillDirectory.create(base);
        Path run = first.folder();
        Files.writeString(first.newFile("x"), "data");
        first.close();
        assertFalse(Files.exists(run));

        // A folder left by a process that no longer exists (pid 2^22 + 1 is above Linux's default pid_max).
        Path dead = Files.createDirectories(base.resolve("run-4194305-1"));
        Files.writeString(dead.resolve("left-behind.parquet"), "data");
        try (SpillDirectory live = SpillDirectory.create(base)) {
            assertFalse(Files.exists(dead), "a dead run's folder is deleted");
            // A live run's folder (this process) is left alone by another start.
            try (SpillDirectory second = SpillDirectory.create(base)) {
                assertTrue(Files.exists(live.folder()));
                assertTrue(Files.exists(second.folder()));
            }
        }
    }

    @Test
    void aFailedWriteIsAClearErrorAndLeavesNoFile() throws Exception {
        DataFrame batch;
        try (MmapParquetReader r = MmapParquetReader.open(testing("alltypes_plain.parquet"))) {
            batch = r.readAll();
        }
        try (SpillDirectory spill = SpillDirectory.create(dir.resolve("spill"))) {
            // The folder replaced by a plain file: creating files in it fails (also for root, unlike permissions).
            Files.delete(spill.folder());
            Files.writeString(spill.folder(), "not a folder");
            SpillException e = assertThrows(SpillException.class, () -> SpillFile.writer(spill, "group-by [k] partition 3", batch.schema()));
            assertTrue(e.getMessage().contains("group-by [k] partition 3") && e.getMessage().contains(spill.folder().toString())
                    && e.getMessage().contains(SpillDirectory.BASE_PROPERTY), e.getMessage());
            Files.delete(spill.folder());
            try (Stream<Path> left = Files.list(dir.resolve("spill"))) {
                assertEquals(0, left.count(), "nothing left beside the run folder");
            }
            Files.createDirectory(spill.folder());

            // A write failing midway (the folder removed under an open writer) also leaves nothing.
            SpillFile.Writer w = SpillFile.writer(spill, "sort run 1", batch.schema());
            try (Stream<Path> tmp = Files.list(spill.folder())) {
                assertEquals(1, tmp.count(), "the writer's temporary file");
            }
            w.close();
            try (Stream<Path> left = Files.list(spill.folder())) {
                assertEquals(0, left.count(), "an unfinished spill file is deleted");
            }
        }
    }

    static Path testing(String name) {
        for (String root : List.of("../../shared/parquet-testing", "../shared/parquet-testing", "/work/shared/parquet-testing")) {
            Path p = Path.of(root, "data", name);
            if (Files.exists(p)) return p.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("parquet-testing not found for " + name);
    }
}
