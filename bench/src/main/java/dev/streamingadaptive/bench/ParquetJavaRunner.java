package dev.streamingadaptive.bench;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * parquet-java's column API (the fast way to use it, as vectorised readers built on it do):
 * {@link ParquetFileReader} over a {@link LocalInputFile}, row group by row group, one
 * {@link ColumnReader} per projected column, values copied into primitive arrays (strings as
 * {@link Binary}). Filters go through {@code readNextFilteredRowGroup} (statistics, dictionary and
 * column-index pruning). parquet-java has no thread setting: several files are read by a pool of
 * {@code threads} workers, as for ours.
 */
final class ParquetJavaRunner implements Worker.Runner {

    @Override
    public Worker.Outcome run(Workload w, List<Path> files, Worker.Params p) throws Exception {
        if (files.size() == 1) return one(w, files.get(0), p);
        if (w != Workload.load_all && w != Workload.load_two) throw new UnsupportedOperationException("multi-file " + w);
        ExecutorService pool = Executors.newFixedThreadPool(p.threads());
        try {
            List<Future<Worker.Outcome>> parts = new ArrayList<>();
            for (Path f : files) parts.add(pool.submit(() -> one(w, f, p)));
            long rows = 0;
            for (Future<Worker.Outcome> f : parts) rows += f.get().rows();
            return new Worker.Outcome(rows, Long.toString(rows), -1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Worker.Outcome one(Workload w, Path file, Worker.Params p) throws Exception {
        if (w == Workload.head_ten) return headTen(file);
        ParquetReadOptions.Builder opts = ParquetReadOptions.builder();
        FilterPredicate filter = switch (w) {
            case filter_eq -> FilterApi.eq(FilterApi.binaryColumn("symbol"), Binary.fromString(p.symbol()));
            case filter_range -> FilterApi.and(FilterApi.gtEq(FilterApi.longColumn("trade_id"), p.lo()),
                    FilterApi.ltEq(FilterApi.longColumn("trade_id"), p.hi()));
            default -> null;
        };
        if (filter != null) opts.withRecordFilter(FilterCompat.get(filter));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), opts.build())) {
            MessageType schema = reader.getFileMetaData().getSchema();
            MessageType projected = schema;
            if (!w.columns.isEmpty()) {
                List<Type> fields = new ArrayList<>();
                for (String c : w.columns) fields.add(schema.getType(c));
                projected = new MessageType(schema.getName(), fields);
            }
            reader.setRequestedSchema(projected);
            String createdBy = reader.getFileMetaData().getCreatedBy();
            List<ColumnDescriptor> cols = projected.getColumns();
            Acc acc = new Acc();
            PageReadStore pages;
            while ((pages = filter != null ? reader.readNextFilteredRowGroup() : reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, NoopConverter.INSTANCE, projected, createdBy);
                int n = Math.toIntExact(pages.getRowCount());
                acc.rows += n;
                Map<String, Object> arrays = new HashMap<>();
                for (ColumnDescriptor d : cols) arrays.put(d.getPath()[0], read(store.getColumnReader(d), d, n));
                acc.consume(w, arrays, n, p);
            }
            return acc.outcome(w);
        }
    }

    /** The first 10 values of ts, symbol and price from the first row group (a {@code ColumnReader} reads only what it is asked). */
    private static Worker.Outcome headTen(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build())) {
            MessageType schema = reader.getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String c : Workload.head_ten.columns) fields.add(schema.getType(c));
            MessageType projected = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projected);
            PageReadStore pages = reader.readNextRowGroup();
            int n = pages == null ? 0 : (int) Math.min(10, pages.getRowCount());
            double sum = 0;
            if (n > 0) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, NoopConverter.INSTANCE, projected,
                        reader.getFileMetaData().getCreatedBy());
                Map<String, Object> arrays = new HashMap<>();
                for (ColumnDescriptor d : projected.getColumns()) arrays.put(d.getPath()[0], read(store.getColumnReader(d), d, n));
                double[] pv = (double[]) Acc.vals(arrays, "price");
                boolean[] pn = Acc.nulls(arrays, "price");
                for (int i = 0; i < n; i++) if (!pn[i]) sum += pv[i];
            }
            return new Worker.Outcome(-1, Worker.json(n, Workload.round2(sum)), -1);
        }
    }

    /** Reads n values of a flat column into a primitive array; nulls become 0/null, flagged in a boolean[]. */
    private static Object read(ColumnReader r, ColumnDescriptor d, int n) {
        int maxDef = d.getMaxDefinitionLevel();
        boolean[] nulls = new boolean[n];
        Object values = switch (d.getPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++, r.consume()) { if (r.getCurrentDefinitionLevel() == maxDef) v[i] = r.getInteger(); else nulls[i] = true; }
                yield v;
            }
            case INT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++, r.consume()) { if (r.getCurrentDefinitionLevel() == maxDef) v[i] = r.getLong(); else nulls[i] = true; }
                yield v;
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++, r.consume()) { if (r.getCurrentDefinitionLevel() == maxDef) v[i] = r.getDouble(); else nulls[i] = true; }
                yield v;
            }
            case FLOAT -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++, r.consume()) { if (r.getCurrentDefinitionLevel() == maxDef) v[i] = r.getFloat(); else nulls[i] = true; }
                yield v;
            }
            case BOOLEAN -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++, r.consume()) { if (r.getCurrentDefinitionLevel() == maxDef) v[i] = r.getBoolean(); else nulls[i] = true; }
                yield v;
            }
            default -> {
                Binary[] v = new Binary[n];
                for (int i = 0; i < n; i++, r.consume()) { if (r.getCurrentDefinitionLevel() == maxDef) v[i] = r.getBinary(); else nulls[i] = true; }
                yield v;
            }
        };
        return new Object[] {values, nulls};
    }

    /** Per-workload accumulation over row groups. */
    private static final class Acc {
        long rows;
        double sum;
        long lsum;
        long count;
        final Map<Binary, long[]> groups = new HashMap<>();
        /** filter_eq: the matching rows of each row group, every column. */
        final List<Map<String, Object>> kept = new ArrayList<>();

        void consume(Workload w, Map<String, Object> a, int n, Worker.Params p) {
            switch (w) {
                case load_all, load_two, head_ten -> { }
                case stream_all -> {
                    int[] sv = (int[]) vals(a, "size");
                    boolean[] sn = nulls(a, "size");
                    for (int i = 0; i < n; i++) if (!sn[i]) lsum += sv[i];
                }
                case sum_two -> {
                    double[] pv = (double[]) vals(a, "price");
                    int[] sv = (int[]) vals(a, "size");
                    boolean[] pn = nulls(a, "price");
                    boolean[] sn = nulls(a, "size");
                    for (int i = 0; i < n; i++) if (!pn[i]) sum += pv[i];
                    for (int i = 0; i < n; i++) if (!sn[i]) lsum += sv[i];
                }
                case group_by -> {
                    Binary[] sym = (Binary[]) vals(a, "symbol");
                    double[] pv = (double[]) vals(a, "price");
                    int[] sv = (int[]) vals(a, "size");
                    for (int i = 0; i < n; i++) {
                        if (sym[i] == null) continue;
                        long[] g = groups.computeIfAbsent(sym[i], k -> new long[3]);
                        g[0] = Double.doubleToRawLongBits(Double.longBitsToDouble(g[0]) + pv[i]);
                        g[1] += sv[i];
                        g[2]++;
                    }
                }
                case filter_eq -> {
                    // Every column of the matching rows kept: each column's values at the matching positions.
                    Binary want = Binary.fromString(p.symbol());
                    Binary[] sym = (Binary[]) vals(a, "symbol");
                    int[] sel = new int[n];
                    int m = 0;
                    for (int i = 0; i < n; i++) if (want.equals(sym[i])) sel[m++] = i;
                    if (m == 0) return;
                    Map<String, Object> rows = new HashMap<>();
                    for (Map.Entry<String, Object> e : a.entrySet()) rows.put(e.getKey(), new Object[] {pick(vals(a, e.getKey()), sel, m),
                            pick(nulls(a, e.getKey()), sel, m)});
                    kept.add(rows);
                    count += m;
                }
                case filter_range -> {
                    long[] v = (long[]) vals(a, "trade_id");
                    boolean[] nn = nulls(a, "trade_id");
                    for (int i = 0; i < n; i++) if (!nn[i] && v[i] >= p.lo() && v[i] <= p.hi()) count++;
                }
            }
        }

        Worker.Outcome outcome(Workload w) {
            return switch (w) {
                case load_all, load_two -> new Worker.Outcome(rows, Long.toString(rows), -1);
                case stream_all -> new Worker.Outcome(rows, Worker.json(rows, lsum), -1);
                case filter_stream -> throw new UnsupportedOperationException("filter_stream (scale bench only)");
                case sum_two -> new Worker.Outcome(rows, Worker.json(Workload.round2(sum), lsum), -1);
                case group_by -> new Worker.Outcome(rows, Integer.toString(groups.size()), -1);
                case filter_eq -> {
                    for (Map<String, Object> rows : kept) {
                        double[] pv = (double[]) vals(rows, "price");
                        boolean[] pn = nulls(rows, "price");
                        for (int i = 0; i < pv.length; i++) if (!pn[i]) sum += pv[i];
                    }
                    yield new Worker.Outcome(-1, Worker.json(count, Workload.round2(sum)), -1);
                }
                case head_ten -> throw new IllegalStateException("head_ten is read by headTen");
                case filter_range -> new Worker.Outcome(-1, Long.toString(count), -1);
            };
        }

        /** The elements of an array at the first m positions of sel, as an array of the same type. */
        private static Object pick(Object array, int[] sel, int m) {
            Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), m);
            for (int j = 0; j < m; j++) java.lang.reflect.Array.set(out, j, java.lang.reflect.Array.get(array, sel[j]));
            return out;
        }

        static Object vals(Map<String, Object> a, String c) { return ((Object[]) a.get(c))[0]; }

        static boolean[] nulls(Map<String, Object> a, String c) { return (boolean[]) ((Object[]) a.get(c))[1]; }
    }

    /** The column API needs a converter tree; values are pulled from the ColumnReaders instead. */
    private static final class NoopConverter extends GroupConverter {
        static final NoopConverter INSTANCE = new NoopConverter();
        private static final PrimitiveConverter PRIMITIVE = new PrimitiveConverter() {};

        @Override public Converter getConverter(int fieldIndex) { return PRIMITIVE; }
        @Override public void start() {}
        @Override public void end() {}
    }
}
