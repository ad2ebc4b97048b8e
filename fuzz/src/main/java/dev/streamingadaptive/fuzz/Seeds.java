package dev.streamingadaptive.fuzz;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.write.ParquetWriter;
import dev.streamingadaptive.parquet.write.WriterOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** The files mutants are made from: the corpus' small files and generated ones for every codec we write. */
final class Seeds {
    /** Larger seeds make slow mutants and add little: their structure is the small files' structure. */
    static final long MAX_SEED_BYTES = 256 * 1024;

    private Seeds() {}

    /** The seed files of {@code dirs} (every {@code *.parquet} up to {@link #MAX_SEED_BYTES}), sorted by name. */
    static List<Path> list(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().endsWith(".parquet")).filter(p -> size(p) <= MAX_SEED_BYTES).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.sort(null);
        return out;
    }

    static List<byte[]> load(List<Path> files) {
        List<byte[]> out = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                out.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Writes small files into {@code dir} (made once, kept): every codec our writer has, pages v1 and
     * v2, dictionary and plain strings with nulls, several row groups, page checksums.
     */
    static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        int rows = 3000;
        Random rnd = new Random(1);
        long[] id = new long[rows];
        double[] price = new double[rows];
        int[] size = new int[rows];
        boolean[] sizeNull = new boolean[rows];
        int[] offsets = new int[rows + 1];
        ByteArrayBuilder text = new ByteArrayBuilder();
        boolean[] textNull = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            id[i] = i * 7L;
            price[i] = Math.round(rnd.nextGaussian() * 10000) / 100.0;
            size[i] = rnd.nextInt(1000);
            sizeNull[i] = i % 7 == 0;
            textNull[i] = i % 5 == 0;
            if (!textNull[i]) text.add(("sym-" + (i % 37) + (i % 3 == 0 ? "-" + rnd.nextInt(100000) : "")).getBytes(StandardCharsets.UTF_8));
            offsets[i + 1] = text.size();
        }
        DataFrame df = new DataFrame(List.of(new LongColumn("id", id, rows, null), new DoubleColumn("price", price, rows, null),
                new IntColumn("size", size, rows, sizeNull),
                new BinaryColumn("sym", DataType.STRING, offsets, text.toArray(), rows, textNull)));
        Schema schema = new Schema(List.of(new Field("id", DataType.INT64, false), Field.of("price", DataType.FLOAT64),
                Field.of("size", DataType.INT32), Field.of("sym", DataType.STRING)));
        for (CompressionCodec codec : List.of(CompressionCodec.UNCOMPRESSED, CompressionCodec.SNAPPY, CompressionCodec.GZIP,
                CompressionCodec.ZSTD, CompressionCodec.LZ4_RAW)) {
            for (boolean v2 : new boolean[] {false, true}) {
                Path f = dir.resolve("gen-" + codec.name().toLowerCase(java.util.Locale.ROOT) + (v2 ? "-v2" : "-v1") + ".parquet");
                if (Files.exists(f)) continue;
                WriterOptions o = WriterOptions.defaults().withCodec(codec).withDataPageV2(v2).withRowGroupRows(1000)
                        .withPageSizeBytes(4096).withDictionary(!v2);
                try (ParquetWriter w = ParquetWriter.open(f, schema, o)) {
                    w.write(df);
                }
            }
        }
    }

    /** A growable byte array. */
    private static final class ByteArrayBuilder {
        private byte[] data = new byte[1024];
        private int size;

        void add(byte[] b) {
            if (size + b.length > data.length) data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + b.length));
            System.arraycopy(b, 0, data, size, b.length);
            size += b.length;
        }

        int size() { return size; }

        byte[] toArray() { return java.util.Arrays.copyOf(data, size); }
    }
}
