package dev.streamingadaptive.bench;

import dev.hardwood.Hardwood;
import dev.hardwood.HardwoodContext;
import dev.hardwood.InputFile;
import dev.hardwood.reader.ColumnReader;
import dev.hardwood.reader.ColumnReaders;
import dev.hardwood.reader.FilterPredicate;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.RowReader;
import dev.hardwood.reader.Validity;
import dev.hardwood.schema.ColumnProjection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hardwood: a {@link HardwoodContext} of {@code threads} threads, {@code ColumnReaders} over the
 * projected columns (several files through {@code openAll}), filters pushed down as
 * {@link FilterPredicate}s. Loads iterate every decoded batch and touch every column's arrays
 * (Hardwood hands out batches; it has no materialised table to build). Strings are read as
 * bytes + offsets, never as java.lang.String.
 */
final class HardwoodRunner implements Worker.Runner {
    private final HardwoodContext context;
    private final Hardwood hardwood;

    HardwoodRunner(int threads) {
        this.context = HardwoodContext.create(threads);
        this.hardwood = Hardwood.create(context);
    }

    @Override
    public Worker.Outcome run(Workload w, List<Path> files, Worker.Params p) throws Exception {
        if (w == Workload.head_ten) return headTen(files);
        try (ParquetFileReader reader = files.size() == 1 ? hardwood.open(InputFile.of(files.get(0)))
                : hardwood.openAll(InputFile.ofPaths(files))) {
            ColumnProjection projection = w.columns.isEmpty() ? ColumnProjection.all()
                    : ColumnProjection.columns(w.columns.toArray(String[]::new));
            var builder = reader.buildColumnReaders(projection);
            if (w == Workload.filter_eq) builder.filter(FilterPredicate.eq("symbol", p.symbol()));
            if (w == Workload.filter_range) builder.filter(FilterPredicate.and(FilterPredicate.gtEq("trade_id", p.lo()),
                    FilterPredicate.ltEq("trade_id", p.hi())));
            try (ColumnReaders readers = builder.build()) {
                return switch (w) {
                    case load_all, load_two -> load(readers);
                    case stream_all -> streamAll(readers);
                    case filter_stream -> filterStream(readers);
                    case sum_two -> sumTwo(readers);
                    case group_by -> groupBy(readers);
                    case filter_eq -> filterEq(readers, p.symbol());
                    case filter_range -> filterRange(readers, p.lo(), p.hi());
                    case head_ten -> throw new IllegalStateException("head_ten is read by headTen");
                };
            }
        }
    }

    private static Worker.Outcome load(ColumnReaders readers) {
        long rows = 0;
        long touched = 0;
        int cols = readers.getColumnCount();
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            rows += n;
            for (int c = 0; c < cols; c++) touched += touch(readers.getColumnReader(c));
        }
        if (touched < 0) throw new AssertionError();
        return new Worker.Outcome(rows, Long.toString(rows), -1);
    }

    /** Fetches a column's arrays of the current batch; returns their length (so the fetch is not dead code). */
    private static long touch(ColumnReader r) {
        return switch (r.getColumnSchema().type().name()) {
            case "INT32" -> r.getInts().length;
            case "INT64" -> r.getLongs().length;
            case "DOUBLE" -> r.getDoubles().length;
            case "FLOAT" -> r.getFloats().length;
            case "BOOLEAN" -> r.getBooleans().length;
            default -> r.getBinaryValues().length + r.getBinaryOffsets().length;
        };
    }

    /** The load's batch loop (every column's arrays touched) plus sum(size). */
    private static Worker.Outcome streamAll(ColumnReaders readers) {
        long rows = 0;
        long sum = 0;
        long touched = 0;
        int cols = readers.getColumnCount();
        ColumnReader size = readers.getColumnReader("size");
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            rows += n;
            for (int c = 0; c < cols; c++) touched += touch(readers.getColumnReader(c));
            int[] v = size.getInts();
            Validity valid = size.getLeafValidity();
            boolean nulls = valid.hasNulls();
            for (int i = 0; i < n; i++) if (!nulls || valid.isNotNull(i)) sum += v[i];
        }
        if (touched < 0) throw new AssertionError();
        return new Worker.Outcome(rows, Worker.json(rows, sum), -1);
    }

    /**
     * Every column of each batch fetched (as the load does), the rows with {@code symbol < STREAM_BOUND} counted and their
     * sizes summed, nothing kept: Hardwood prunes by statistics only, and every row group holds every symbol.
     */
    private static Worker.Outcome filterStream(ColumnReaders readers) {
        byte[] bound = Workload.STREAM_BOUND.getBytes(StandardCharsets.UTF_8);
        ColumnReader sym = readers.getColumnReader("symbol");
        ColumnReader size = readers.getColumnReader("size");
        int cols = readers.getColumnCount();
        long rows = 0;
        long sum = 0;
        long touched = 0;
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            for (int c = 0; c < cols; c++) touched += touch(readers.getColumnReader(c));
            byte[] data = sym.getBinaryValues();
            int[] off = sym.getBinaryOffsets();
            Validity v = sym.getLeafValidity();
            int[] sv = size.getInts();
            Validity sn = size.getLeafValidity();
            for (int i = 0; i < n; i++) {
                if (v.isNotNull(i) && Arrays.compare(data, off[i], off[i + 1], bound, 0, bound.length) < 0) {
                    rows++;
                    if (sn.isNotNull(i)) sum += sv[i];
                }
            }
        }
        if (touched < 0) throw new AssertionError();
        return new Worker.Outcome(-1, Worker.json(rows, sum), -1);
    }

    private static Worker.Outcome sumTwo(ColumnReaders readers) {
        ColumnReader price = readers.getColumnReader("price");
        ColumnReader size = readers.getColumnReader("size");
        double sp = 0;
        long ss = 0;
        long rows = 0;
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            rows += n;
            double[] pv = price.getDoubles();
            int[] sv = size.getInts();
            Validity pn = price.getLeafValidity();
            Validity sn = size.getLeafValidity();
            boolean pNulls = pn.hasNulls();
            boolean sNulls = sn.hasNulls();
            for (int i = 0; i < n; i++) if (!pNulls || pn.isNotNull(i)) sp += pv[i];
            for (int i = 0; i < n; i++) if (!sNulls || sn.isNotNull(i)) ss += sv[i];
        }
        return new Worker.Outcome(rows, Worker.json(Workload.round2(sp), ss), -1);
    }

    /**
     * Hardwood has no aggregation: the group-by is what a user writes over its batches, a {@link HashMap} keyed by
     * the symbol's bytes (looked up through a {@link ByteBuffer} over the batch's buffer, copied when new).
     */
    private static Worker.Outcome groupBy(ColumnReaders readers) {
        ColumnReader sym = readers.getColumnReader("symbol");
        ColumnReader price = readers.getColumnReader("price");
        ColumnReader size = readers.getColumnReader("size");
        Map<ByteBuffer, double[]> groups = new HashMap<>();
        long rows = 0;
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            rows += n;
            byte[] data = sym.getBinaryValues();
            int[] off = sym.getBinaryOffsets();
            double[] pv = price.getDoubles();
            int[] sv = size.getInts();
            Validity v = sym.getLeafValidity();
            boolean nulls = v.hasNulls() || price.getLeafValidity().hasNulls() || size.getLeafValidity().hasNulls();
            for (int i = 0; i < n; i++) {
                if (nulls && (v.isNull(i) || price.getLeafValidity().isNull(i) || size.getLeafValidity().isNull(i))) continue;
                ByteBuffer key = ByteBuffer.wrap(data, off[i], off[i + 1] - off[i]);
                double[] g = groups.get(key);
                if (g == null) {
                    g = new double[3];
                    groups.put(ByteBuffer.wrap(Arrays.copyOfRange(data, off[i], off[i + 1])), g);
                }
                g[0] += pv[i];
                g[1] += sv[i];
                g[2]++;
            }
        }
        return new Worker.Outcome(rows, Integer.toString(groups.size()), -1);
    }

    /**
     * Every column of the matching rows copied out of Hardwood's reused batches into arrays of their own (the
     * pushed-down filter hands out matching rows; they are checked anyway), then count and sum(price) of them.
     */
    private static Worker.Outcome filterEq(ColumnReaders readers, String symbol) {
        byte[] want = symbol.getBytes(StandardCharsets.UTF_8);
        ColumnReader sym = readers.getColumnReader("symbol");
        int cols = readers.getColumnCount();
        List<Kept> kept = new ArrayList<>();
        for (int c = 0; c < cols; c++) kept.add(new Kept(readers.getColumnReader(c)));
        int[] sel = new int[0];
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            byte[] data = sym.getBinaryValues();
            int[] off = sym.getBinaryOffsets();
            Validity v = sym.getLeafValidity();
            if (sel.length < n) sel = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (v.isNotNull(i) && Arrays.equals(data, off[i], off[i + 1], want, 0, want.length)) sel[m++] = i;
            }
            for (Kept k : kept) k.append(sel, m);
        }
        Kept price = kept.stream().filter(k -> k.name.equals("price")).findFirst().orElseThrow();
        double sum = 0;
        for (int i = 0; i < price.size; i++) if (!price.nulls[i]) sum += price.doubles[i];
        return new Worker.Outcome(-1, Worker.json(price.size, Workload.round2(sum)), -1);
    }

    /** One column's selected rows, copied out of the reader's batches: values (bytes + offsets for binary) and null flags. */
    private static final class Kept {
        final ColumnReader reader;
        final String name;
        final String type;
        int size;
        boolean[] nulls = new boolean[16];
        long[] longs;
        int[] ints;
        double[] doubles;
        float[] floats;
        boolean[] booleans;
        byte[] bytes;
        int[] offsets;
        int byteSize;

        Kept(ColumnReader reader) {
            this.reader = reader;
            this.name = reader.getColumnSchema().name();
            this.type = reader.getColumnSchema().type().name();
            switch (type) {
                case "INT32" -> ints = new int[16];
                case "INT64" -> longs = new long[16];
                case "DOUBLE" -> doubles = new double[16];
                case "FLOAT" -> floats = new float[16];
                case "BOOLEAN" -> booleans = new boolean[16];
                default -> {
                    bytes = new byte[64];
                    offsets = new int[17];
                }
            }
        }

        void append(int[] sel, int m) {
            if (m == 0) return;
            int need = size + m;
            if (need > nulls.length) {
                int cap = Math.max(need, nulls.length * 2);
                nulls = Arrays.copyOf(nulls, cap);
                if (ints != null) ints = Arrays.copyOf(ints, cap);
                if (longs != null) longs = Arrays.copyOf(longs, cap);
                if (doubles != null) doubles = Arrays.copyOf(doubles, cap);
                if (floats != null) floats = Arrays.copyOf(floats, cap);
                if (booleans != null) booleans = Arrays.copyOf(booleans, cap);
                if (offsets != null) offsets = Arrays.copyOf(offsets, cap + 1);
            }
            Validity v = reader.getLeafValidity();
            boolean anyNull = v.hasNulls();
            for (int j = 0; j < m; j++) nulls[size + j] = anyNull && v.isNull(sel[j]);
            switch (type) {
                case "INT32" -> { int[] a = reader.getInts(); for (int j = 0; j < m; j++) ints[size + j] = a[sel[j]]; }
                case "INT64" -> { long[] a = reader.getLongs(); for (int j = 0; j < m; j++) longs[size + j] = a[sel[j]]; }
                case "DOUBLE" -> { double[] a = reader.getDoubles(); for (int j = 0; j < m; j++) doubles[size + j] = a[sel[j]]; }
                case "FLOAT" -> { float[] a = reader.getFloats(); for (int j = 0; j < m; j++) floats[size + j] = a[sel[j]]; }
                case "BOOLEAN" -> { boolean[] a = reader.getBooleans(); for (int j = 0; j < m; j++) booleans[size + j] = a[sel[j]]; }
                default -> {
                    byte[] d = reader.getBinaryValues();
                    int[] o = reader.getBinaryOffsets();
                    for (int j = 0; j < m; j++) {
                        int from = o[sel[j]];
                        int len = o[sel[j] + 1] - from;
                        if (byteSize + len > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(byteSize + len, bytes.length * 2));
                        System.arraycopy(d, from, bytes, byteSize, len);
                        byteSize += len;
                        offsets[size + j + 1] = byteSize;
                    }
                }
            }
            size += m;
        }
    }

    /** The first 10 rows of ts, symbol, price through Hardwood's row reader with {@code head(10)}. */
    private Worker.Outcome headTen(List<Path> files) throws Exception {
        if (files.size() != 1) throw new UnsupportedOperationException("multi-file head_ten");
        try (ParquetFileReader reader = hardwood.open(InputFile.of(files.get(0)));
             RowReader rows = reader.buildRowReader().projection(ColumnProjection.columns("ts", "symbol", "price")).head(10).build()) {
            long n = 0;
            double sum = 0;
            while (rows.hasNext()) {
                rows.next();
                rows.getValue(0);
                rows.getString(1);
                if (!rows.isNull(2)) sum += rows.getDouble(2);
                n++;
            }
            return new Worker.Outcome(-1, Worker.json(n, Workload.round2(sum)), -1);
        }
    }

    private static Worker.Outcome filterRange(ColumnReaders readers, long lo, long hi) {
        ColumnReader id = readers.getColumnReader("trade_id");
        long count = 0;
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            long[] v = id.getLongs();
            Validity valid = id.getLeafValidity();
            for (int i = 0; i < n; i++) if (v[i] >= lo && v[i] <= hi && valid.isNotNull(i)) count++;
        }
        return new Worker.Outcome(-1, Long.toString(count), -1);
    }

    @Override
    public void close() {
        hardwood.close();
        context.close();
    }
}
