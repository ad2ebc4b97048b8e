package dev.streamingadaptive.bench;

import dev.hardwood.Hardwood;
import dev.hardwood.HardwoodContext;
import dev.hardwood.InputFile;
import dev.hardwood.reader.ColumnReader;
import dev.hardwood.reader.ColumnReaders;
import dev.hardwood.reader.FilterPredicate;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.Validity;
import dev.hardwood.schema.ColumnProjection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
                    case sum_two -> sumTwo(readers);
                    case group_by -> groupBy(readers);
                    case filter_eq -> filterEq(readers, p.symbol());
                    case filter_range -> filterRange(readers, p.lo(), p.hi());
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

    private static Worker.Outcome groupBy(ColumnReaders readers) {
        ColumnReader sym = readers.getColumnReader("symbol");
        ColumnReader price = readers.getColumnReader("price");
        ColumnReader size = readers.getColumnReader("size");
        BytesKeyMap.Aggs aggs = new BytesKeyMap.Aggs();
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
                aggs.add(data, off[i], off[i + 1] - off[i], pv[i], sv[i]);
            }
        }
        return new Worker.Outcome(rows, Integer.toString(aggs.groups()), -1);
    }

    private static Worker.Outcome filterEq(ColumnReaders readers, String symbol) {
        byte[] want = symbol.getBytes(StandardCharsets.UTF_8);
        ColumnReader sym = readers.getColumnReader("symbol");
        ColumnReader price = readers.getColumnReader("price");
        long count = 0;
        double sum = 0;
        while (readers.nextBatch()) {
            int n = readers.getRecordCount();
            byte[] data = sym.getBinaryValues();
            int[] off = sym.getBinaryOffsets();
            double[] pv = price.getDoubles();
            Validity v = sym.getLeafValidity();
            for (int i = 0; i < n; i++) {
                // The pushed-down filter should leave only matches; check anyway.
                if (v.isNotNull(i) && Arrays.equals(data, off[i], off[i + 1], want, 0, want.length)) {
                    count++;
                    if (price.getLeafValidity().isNotNull(i)) sum += pv[i];
                }
            }
        }
        return new Worker.Outcome(-1, Worker.json(count, Workload.round2(sum)), -1);
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
