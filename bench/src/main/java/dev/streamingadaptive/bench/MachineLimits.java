package dev.streamingadaptive.bench;

import dev.streamingadaptive.parquet.compress.Decompressors;
import dev.streamingadaptive.parquet.compress.PageDecompressor;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.PageHeader;
import dev.streamingadaptive.parquet.meta.Parsed;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.reader.MmapParquetReader;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's floor for a scan: how long the unavoidable work takes on this machine, without any decoding.
 * <ul>
 *   <li><b>decompress</b>: every page of the chosen columns and row groups decompressed into a reused buffer, with the
 *       codec the engine uses in this JVM ({@link Decompressors#implementation}), on 1 thread and on {@code threads}
 *       threads (pages shared out); the compressed pages are copied to the heap before the clock starts, so neither
 *       disk nor the copy out of the file is counted;</li>
 *   <li><b>write</b>: {@code decodedBytes} written once into fresh heap arrays (first touch: what a load that keeps
 *       its result pays, in the page faults of a growing heap) and once into reused ones (memory bandwidth alone).</li>
 * </ul>
 * A load cannot finish before decompress + fresh write; a query that keeps nothing, before decompress. Usage:
 * {@code MachineLimits --harness <bench-data dir> <threads>} (a Markdown table of every single-file workload of
 * {@code bench/run}) or {@code MachineLimits <file> <columns,...|*> <threads> [first-last row groups|all] [decodedBytes]}; decodedBytes
 * defaults to what {@code readAll()} of those columns holds (measured once), scaled to the rows of the chosen row
 * groups. Best of 5 runs after a warm-up; prints a {@code LIMITS {json}} line and a sentence.
 */
public final class MachineLimits {
    private MachineLimits() {}

    /** One page body to decompress: its compressed bytes (copied out of the file before any timing) and sizes. */
    private record Page(MemorySegment body, int uncompressed, CompressionCodec codec) {
        int compressed() { return (int) body.byteSize(); }
    }

    /** What one measurement found (seconds are best of 5). */
    record Limits(String what, int pages, long compressedBytes, long uncompressedBytes, long decodedBytes, String codecs,
                  double decompress1, double decompressN, int threads, double writeFresh, double writeReused, boolean keeps) {
        /** The floor on 1 thread: decompression, plus writing the result when the query keeps it. */
        double floor1() { return decompress1 + (keeps ? writeFresh : 0); }

        /** The floor on {@link #threads}: decompression shared out, plus the writes split evenly (optimistic). */
        double floorN() { return decompressN + (keeps ? writeFresh / threads : 0); }
    }

    /** A workload of the harness: its file, the columns and row groups it must decompress, whether it keeps its result. */
    private record Case(String what, String file, String columns, String groups, boolean keeps) {}

    /** The harness's single-file workloads (bench/run): what each must decompress on the DuckDB-written files. */
    private static final List<Case> HARNESS = List.of(
            new Case("load_all-trades", "trades-40000000.parquet", "*", "all", true),
            new Case("load_two", "trades-40000000.parquet", "symbol,price", "all", true),
            new Case("sum_two", "trades-40000000.parquet", "price,size", "all", false),
            new Case("group_by", "trades-40000000.parquet", "symbol,price,size", "all", false),
            // The rare symbol is in every row group, and each column chunk is one page: every page is decompressed.
            new Case("filter_eq", "trades-40000000.parquet", "*", "all", false),
            // Footer statistics keep the 2 row groups holding the trade_id range.
            new Case("filter_range", "trades-40000000.parquet", "trade_id", "19-20", false),
            new Case("head_ten", "trades-40000000.parquet", "ts,symbol,price", "0-0", false),
            new Case("stream_all", "trades-40000000.parquet", "*", "all", false),
            new Case("load_all-logs", "logs-10000000.parquet", "*", "all", true),
            new Case("load_all-features", "features-5000000.parquet", "*", "all", true));

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--harness")) {
            Path dir = Path.of(args[1]);
            int threads = Integer.parseInt(args[2]);
            System.out.println("| workload | columns, row groups | compressed MB | decompressed MB | decompress 1 thread s | decompress "
                    + threads + " threads s | decoded MB written | write new arrays s | write reused s | floor 1 thread s | floor "
                    + threads + " threads s |");
            System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (Case c : HARNESS) {
                Limits l = measure(c.what(), dir.resolve(c.file()), c.columns(), c.groups(), threads, -1, c.keeps());
                System.out.printf(Locale.ROOT, "| %s | %s, %s | %.1f | %.1f | %.3f | %.3f | %s | %.3f | %.3f | %.3f | %.3f |%n",
                        l.what(), c.columns().equals("*") ? "all" : c.columns(), c.groups(), l.compressedBytes() / 1e6,
                        l.uncompressedBytes() / 1e6, l.decompress1(), l.decompressN(),
                        l.keeps() ? String.format(Locale.ROOT, "%.1f", l.decodedBytes() / 1e6) : "(not kept)",
                        l.writeFresh(), l.writeReused(), l.floor1(), l.floorN());
            }
            System.out.println();
            System.out.println("Codecs: " + Decompressors.implementation(CompressionCodec.SNAPPY) + " snappy.");
            return;
        }
        Path file = Path.of(args[0]);
        Limits l = measure(file.getFileName().toString(), file, args[1], args.length > 3 ? args[3] : "all", Integer.parseInt(args[2]),
                args.length > 4 ? Long.parseLong(args[4]) : -1, true);
        System.out.printf(Locale.ROOT,
                "LIMITS {\"file\":\"%s\",\"columns\":\"%s\",\"rowGroups\":\"%s\",\"pages\":%d,\"compressedBytes\":%d,"
                        + "\"uncompressedBytes\":%d,\"decodedBytes\":%d,\"codecs\":\"%s\",\"decompress1\":%.4f,"
                        + "\"decompressN\":%.4f,\"threads\":%d,\"writeFresh\":%.4f,\"writeReused\":%.4f}%n",
                file.getFileName(), args[1], args.length > 3 ? args[3] : "all", l.pages(), l.compressedBytes(), l.uncompressedBytes(),
                l.decodedBytes(), l.codecs(), l.decompress1(), l.decompressN(), l.threads(), l.writeFresh(), l.writeReused());
        System.out.printf(Locale.ROOT,
                "%s [%s]: %d pages, %.1f MB compressed -> %.1f MB; decompress %.3f s on 1 thread (%.0f MB/s out), %.3f s on %d;"
                        + " write %.1f MB decoded: %.3f s into new arrays (%.1f GB/s), %.3f s reused (%.1f GB/s)%n",
                file.getFileName(), args[1], l.pages(), l.compressedBytes() / 1e6, l.uncompressedBytes() / 1e6, l.decompress1(),
                l.uncompressedBytes() / 1e6 / l.decompress1(), l.decompressN(), l.threads(), l.decodedBytes() / 1e6, l.writeFresh(),
                l.decodedBytes() / 1e9 / l.writeFresh(), l.writeReused(), l.decodedBytes() / 1e9 / l.writeReused());
    }

    private static Limits measure(String what, Path file, String columns, String groups, int threads, long decodedBytes, boolean keeps)
            throws Exception {
        int firstGroup = 0;
        int lastGroup = Integer.MAX_VALUE;
        if (!groups.equals("all")) {
            String[] r = groups.split("-");
            firstGroup = Integer.parseInt(r[0]);
            lastGroup = Integer.parseInt(r[r.length - 1]);
        }
        try (Arena arena = Arena.ofShared(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            FileMetaData meta;
            try (MmapParquetReader r = MmapParquetReader.open(file)) {
                meta = r.metadata();
                if (decodedBytes < 0) {
                    if (!columns.equals("*")) r.withColumns(columns.split(","));
                    // The whole file's decoded size, scaled to the rows of the row groups chosen.
                    long all = r.readAll().estimatedBytes();
                    long rows = 0;
                    List<RowGroup> rgs = meta.rowGroups();
                    for (int g = Math.max(0, firstGroup); g <= Math.min(lastGroup, rgs.size() - 1); g++) rows += rgs.get(g).numRows();
                    decodedBytes = meta.numRows() == 0 ? 0 : (long) ((double) all * rows / meta.numRows());
                }
            }
            List<Page> pages = pages(seg, meta, columns, firstGroup, lastGroup);
            long compressed = 0;
            long uncompressed = 0;
            for (Page p : pages) {
                compressed += p.compressed();
                uncompressed += p.uncompressed();
            }
            double one = best(() -> decompress(pages, 1));
            double many = best(() -> decompress(pages, threads));
            long bytes = decodedBytes;
            double fresh = best(() -> write(bytes, null));
            long[][] reused = new long[(int) ((bytes + CHUNK_BYTES - 1) / CHUNK_BYTES)][];
            double warm = best(() -> write(bytes, reused));
            String codecs = String.join(", ", pages.stream().map(p -> p.codec().name()).distinct()
                    .map(c -> c + " " + Decompressors.implementation(CompressionCodec.valueOf(c))).toList());
            return new Limits(what, pages.size(), compressed, uncompressed, decodedBytes, codecs, one, many, threads, fresh, warm, keeps);
        }
    }

    private static List<Page> pages(MemorySegment seg, FileMetaData meta, String columns, int first, int last) {
        Set<String> wanted = columns.equals("*") ? null : new HashSet<>(Arrays.asList(columns.split(",")));
        List<Page> out = new ArrayList<>();
        List<RowGroup> groups = meta.rowGroups();
        for (int g = Math.max(0, first); g <= Math.min(last, groups.size() - 1); g++) {
            for (ColumnChunk c : groups.get(g).columns()) {
                ColumnMetaData md = c.metaData();
                if (wanted != null && !wanted.contains(md.pathInSchema().get(0))) continue;
                long at = md.chunkStartOffset();
                long end = at + md.totalCompressedSize();
                while (at < end) {
                    Parsed<PageHeader> h = MetadataParser.parsePageHeaderWithEnd(seg, at, end);
                    long body = h.endOffset();
                    PageHeader ph = h.value();
                    // A heap copy: the decoders then read it in place, so the timing is the decompression alone
                    // (the reader's own copy out of the mapping is its cost, not the machine's).
                    byte[] copy = new byte[ph.compressedPageSize()];
                    MemorySegment.copy(seg, java.lang.foreign.ValueLayout.JAVA_BYTE, body, copy, 0, copy.length);
                    out.add(new Page(MemorySegment.ofArray(copy), ph.uncompressedPageSize(), md.codec()));
                    at = body + ph.compressedPageSize();
                }
            }
        }
        return out;
    }

    /** Decompresses every page on {@code threads} threads (page i on thread i mod threads); returns seconds. */
    private static double decompress(List<Page> pages, int threads) throws Exception {
        long t0 = System.nanoTime();
        if (threads == 1) {
            decompressShare(pages, 0, 1);
        } else {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int share = t;
                    done.add(pool.submit(() -> {
                        decompressShare(pages, share, threads);
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void decompressShare(List<Page> pages, int share, int of) {
        byte[] out = new byte[0];
        for (int i = share; i < pages.size(); i += of) {
            Page p = pages.get(i);
            if (p.codec() == CompressionCodec.UNCOMPRESSED) continue;
            if (out.length < p.uncompressed()) out = new byte[p.uncompressed()];
            PageDecompressor d = Decompressors.forCodec(p.codec());
            d.decompress(p.body(), 0, p.compressed(), out, p.uncompressed());
        }
    }

    /** Arrays of 8 MB: large enough to be allocated outside the TLABs, as decoded columns are. */
    private static final int CHUNK_BYTES = 8 << 20;

    /** Writes {@code bytes} into new arrays ({@code reused} null) or into the given ones; returns seconds. */
    private static double write(long bytes, long[][] reused) {
        long t0 = System.nanoTime();
        long left = bytes;
        long[][] keep = reused != null ? reused : new long[(int) ((bytes + CHUNK_BYTES - 1) / CHUNK_BYTES)][];
        for (int i = 0; left > 0; i++) {
            int n = (int) (Math.min(left, CHUNK_BYTES) / 8);
            if (keep[i] == null || keep[i].length != n) keep[i] = new long[n];
            Arrays.fill(keep[i], i);
            left -= CHUNK_BYTES;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (keep[0] != null && keep[0].length > 0 && keep[0][0] != 0) throw new AssertionError();
        return s;
    }

    private interface Timed {
        double run() throws Exception;
    }

    /** Best of 5 after one warm-up, with a GC before each run (the fresh writes must not pay for earlier ones). */
    private static double best(Timed t) throws Exception {
        double best = Double.MAX_VALUE;
        for (int run = 0; run <= 5; run++) {
            System.gc();
            double s = t.run();
            if (run > 0) best = Math.min(best, s);
        }
        return best;
    }
}
