package dev.streamingadaptive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The datasets of the scale bench ({@link ScaleBench}, issue 16): trades rows (the {@link DataGen#tradesSql} schema,
 * snappy, 1M-row groups) in parts of {@value #PART_ROWS} rows (~0.5 GB each, as a real dataset's files would be).
 * The parts are written once under {@code <data>/scale/parts/}; a dataset of {@code n} GB is a folder
 * {@code <data>/scale/trades-<n>gb/} of hard links to its first {@code 2n} parts (no bytes twice on disk), so every
 * size holds the same rows with {@code trade_id} = row number across files. The single large file
 * ({@code trades-<n>gb-single.parquet}) holds the same rows as the {@code n} GB folder, in one file.
 * Existing files are reused; a file is written under a temporary name and renamed, and nothing is ever deleted.
 */
final class ScaleData {
    private ScaleData() {}

    /** Rows per part: ~0.5 GB of snappy Parquet for the trades schema. */
    static final long PART_ROWS = 34_000_000L;

    /** One dataset: its label, its files and the glob Polars reads, its rows and bytes on disk. */
    record Dataset(String label, List<Path> files, String glob, long rows, long bytes) {
        double gigabytes() { return bytes / 1e9; }
    }

    static Path root(Path data) {
        return data.resolve("scale");
    }

    /** Parts per dataset of {@code gb} GB (two per GB). */
    static int parts(int gb) {
        return 2 * gb;
    }

    /** The folder dataset of {@code gb} GB, generating the parts it lacks. */
    static Dataset folder(Connection c, Path data, int gb) throws Exception {
        Path dir = root(data).resolve("trades-" + gb + "gb");
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        for (int k = 0; k < parts(gb); k++) {
            Path part = part(c, data, k);
            Path link = dir.resolve(part.getFileName());
            if (!Files.exists(link)) {
                try {
                    Files.createLink(link, part);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.createSymbolicLink(link, part.toAbsolutePath());   // a file system without hard links
                }
            }
            files.add(link);
            bytes += Files.size(part);
        }
        return new Dataset(gb + " GB, " + files.size() + " files", files, dir.resolve("*.parquet").toString(),
                PART_ROWS * parts(gb), bytes);
    }

    /** The single file holding the rows of the {@code gb} GB folder. */
    static Dataset single(Connection c, Path data, int gb) throws Exception {
        Path f = root(data).resolve("trades-" + gb + "gb-single.parquet");
        long rows = PART_ROWS * parts(gb);
        if (!Files.exists(f)) DataGen.copy(c, DataGen.tradesSql(0, rows), f);
        return new Dataset(gb + " GB, 1 file", List.of(f), f.toString(), rows, Files.size(f));
    }

    private static Path part(Connection c, Path data, int k) throws Exception {
        Path f = root(data).resolve("parts").resolve(String.format(Locale.ROOT, "part-%04d.parquet", k));
        if (!Files.exists(f)) DataGen.copy(c, DataGen.tradesSql(k * PART_ROWS, (k + 1) * PART_ROWS), f);
        return f;
    }
}
