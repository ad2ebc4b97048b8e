package dev.streamingadaptive.frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An immutable table: equally long named columns. */
public final class DataFrame {
    private final List<Column> columns;
    private final Schema schema;
    private final int height;

    /** A frame of these columns, which must all have the same size. */
    public DataFrame(List<Column> columns) {
        this(columns, columns.isEmpty() ? 0 : columns.get(0).size());
    }

    /** A frame of these columns with an explicit height (needed when there are no columns). */
    public DataFrame(List<Column> columns, int height) {
        this.columns = List.copyOf(columns);
        for (Column c : this.columns) {
            if (c.size() != height) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size() + " values, expected " + height);
            }
        }
        List<Field> fields = new ArrayList<>(this.columns.size());
        for (Column c : this.columns) fields.add(c.field());
        this.schema = new Schema(fields);
        this.height = height;
    }

    /** An empty frame with no columns. */
    public static DataFrame empty() { return new DataFrame(List.of(), 0); }

    /** Number of rows. */
    public int height() { return height; }

    /** Number of columns. */
    public int width() { return columns.size(); }

    /** Names and types of the columns. */
    public Schema schema() { return schema; }

    /** All columns in order. */
    public List<Column> columns() { return columns; }

    /** The column at position {@code i}. */
    public Column column(int i) { return columns.get(i); }

    /** The column with this name; IllegalArgumentException listing the names when absent. */
    public Column column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no column named '" + name + "'; columns are " + schema.names());
        return columns.get(i);
    }

    /** A frame of the named columns, in the order given. */
    public DataFrame select(String... names) {
        List<Column> out = new ArrayList<>(names.length);
        for (String n : names) out.add(column(n));
        return new DataFrame(out, height);
    }

    /** The rows where {@code predicate} is true (null counts as false): {@code lazy().filter(predicate).collect()}. */
    public DataFrame filter(dev.streamingadaptive.expr.Expr predicate) {
        return lazy().filter(predicate).collect();
    }

    /** Exactly these computed columns, in this order. */
    public DataFrame select(dev.streamingadaptive.expr.Expr... exprs) {
        return lazy().select(exprs).collect();
    }

    /** All columns plus the computed ones; one named like an existing column replaces it in place. */
    public DataFrame withColumns(dev.streamingadaptive.expr.Expr... exprs) {
        return lazy().withColumns(exprs).collect();
    }

    /** Groups by these columns; finish with {@link GroupedFrame#agg}. */
    public GroupedFrame groupBy(String... keys) {
        return new GroupedFrame(lazy().groupBy(keys));
    }

    /** Joined with {@code other} on equal values of column {@code on}: {@code lazy().join(other.lazy(), on, how).collect()}. */
    public DataFrame join(DataFrame other, String on, dev.streamingadaptive.lazy.JoinType how) {
        return lazy().join(other.lazy(), on, how).collect();
    }

    /** Joined with {@code other} on equal values of all these columns. */
    public DataFrame join(DataFrame other, java.util.List<String> on, dev.streamingadaptive.lazy.JoinType how) {
        return lazy().join(other.lazy(), on, how).collect();
    }

    /** Sorted ascending by these columns, nulls first; stable. */
    public DataFrame sort(String... columns) {
        return lazy().sort(columns).collect();
    }

    /** Sorted by these keys; stable. */
    public DataFrame sort(dev.streamingadaptive.expr.SortKey... keys) {
        return lazy().sort(keys).collect();
    }

    /** Distinct rows (in no particular order). */
    public DataFrame unique() {
        return lazy().unique().collect();
    }

    /** This frame as the source of a lazy query. */
    public dev.streamingadaptive.lazy.LazyFrame lazy() {
        return dev.streamingadaptive.lazy.LazyFrame.of(this);
    }

    /**
     * Writes this frame to a Parquet file with {@link dev.streamingadaptive.parquet.write.WriterOptions#defaults()}
     * (snappy, statistics, page index). The file appears complete or not at all: it is written
     * under a temporary name and renamed when done.
     */
    public void writeParquet(java.nio.file.Path path) {
        writeParquet(path, dev.streamingadaptive.parquet.write.WriterOptions.defaults());
    }

    /** Writes this frame to a Parquet file with {@code options} (codec, row group and page sizes, metadata…). */
    public void writeParquet(java.nio.file.Path path, dev.streamingadaptive.parquet.write.WriterOptions options) {
        writeTo(dev.streamingadaptive.frame.format.FileFormat.PARQUET, path, options);
    }

    /**
     * Writes this frame as CSV: a header row, RFC 4180 quoting, UTF-8, gzip when the name ends in
     * {@code .gz}; a null is an empty field, an empty string {@code ""}.
     */
    public void writeCsv(java.nio.file.Path path) {
        writeTo(dev.streamingadaptive.frame.format.FileFormat.CSV, path, dev.streamingadaptive.parquet.write.WriterOptions.defaults());
    }

    /** Writes this frame as newline-delimited JSON (the CLI's {@code --format jsonl} objects), gzip when the name ends in {@code .gz}. */
    public void writeNdjson(java.nio.file.Path path) {
        writeTo(dev.streamingadaptive.frame.format.FileFormat.NDJSON, path, dev.streamingadaptive.parquet.write.WriterOptions.defaults());
    }

    private void writeTo(dev.streamingadaptive.frame.format.FileFormat format, java.nio.file.Path path,
                         dev.streamingadaptive.parquet.write.WriterOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        try (dev.streamingadaptive.frame.format.FrameWriter w = format.open(path, schema, options, null)) {
            w.write(this);
        }
    }

    /** The first {@code n} rows (all when fewer). */
    public DataFrame head(int n) {
        if (n < 0) throw new IllegalArgumentException("negative row count " + n);
        return slice(0, Math.min(n, height));
    }

    /** Rows [offset, offset + length), copied. */
    public DataFrame slice(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, height);
        if (offset == 0 && length == height) return this;
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) out.add(c.slice(offset, length));
        return new DataFrame(out, length);
    }

    /** Approximate heap bytes held by the columns. */
    public long estimatedBytes() {
        long b = 0;
        for (Column c : columns) b += c.estimatedBytes();
        return b;
    }

    /** Value equality: same schema and the same values row by row. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DataFrame d && d.height == height && d.columns.equals(columns);
    }

    @Override public int hashCode() { return columns.hashCode() * 31 + height; }

    /** A Polars-style table of at most 10 rows (first and last 5 when longer). */
    @Override
    public String toString() {
        return dev.streamingadaptive.frame.format.TableFormatter.format(this, 10);
    }
}
