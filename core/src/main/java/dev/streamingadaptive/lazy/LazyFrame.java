package dev.streamingadaptive.lazy;

import dev.streamingadaptive.exec.ExecutionConfig;
import dev.streamingadaptive.exec.ExecutionStatistics;
import dev.streamingadaptive.exec.Executor;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.FileFormat;
import dev.streamingadaptive.frame.format.FrameWriter;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.AggregateNode;
import dev.streamingadaptive.plan.DistinctNode;
import dev.streamingadaptive.plan.FilterNode;
import dev.streamingadaptive.plan.FrameNode;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.plan.LogicalPlan;
import dev.streamingadaptive.plan.Optimizer;
import dev.streamingadaptive.plan.ScanNode;
import dev.streamingadaptive.plan.ParquetSource;
import dev.streamingadaptive.plan.TextSource;
import dev.streamingadaptive.text.TextDataset;
import dev.streamingadaptive.text.TextFiles;
import dev.streamingadaptive.plan.SelectNode;
import dev.streamingadaptive.plan.SliceNode;
import dev.streamingadaptive.plan.SortNode;
import dev.streamingadaptive.plan.UnionNode;
import dev.streamingadaptive.plan.WithColumnsNode;
import dev.streamingadaptive.reader.ParallelStreamReader;
import dev.streamingadaptive.reader.ScanStatistics;
import dev.streamingadaptive.parquet.write.WriterOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A query, built step by step and run only by {@link #collect()}, {@link #stream()} or
 * {@link #profile()}: before it runs, the optimizer pushes filters, column selections, row limits
 * and row counts into the Parquet scans ({@link #explain()} shows the result).
 *
 * <pre>{@code
 * import static dev.streamingadaptive.expr.Expr.*;
 *
 * DataFrame avg = LazyFrame.scanParquet("data/*.parquet")
 *         .filter(col("price").gt(lit(100)))
 *         .groupBy("symbol")
 *         .agg(col("price").mean().alias("avg_price"), col("size").sum(), len())
 *         .sort(SortKey.desc("avg_price"))
 *         .collect();
 * }</pre>
 *
 * <p>Every step is typed when it is written: an unknown column or an impossible operation throws
 * {@link dev.streamingadaptive.expr.ExprTypeException} at once. LazyFrames are immutable; each
 * method returns a new one. Queries stream: filters, projections and aggregations run in constant
 * memory on {@link #withThreads threads} workers; group-by, sort and distinct keep their state in
 * the {@link #withMemoryManager memory budget} and fail with a
 * {@link dev.streamingadaptive.memory.MemoryBudgetExceededException} naming the operator when it does
 * not fit.
 */
public final class LazyFrame {
    private final LogicalPlan plan;
    private final ExecutionConfig config;

    private LazyFrame(LogicalPlan plan, ExecutionConfig config) {
        this.plan = plan;
        this.config = config;
    }

    // ---- sources -----------------------------------------------------------------------------

    /** A Parquet file, a glob ({@code data/*.parquet}, {@code **}) or a directory of Parquet files, as one dataset. */
    public static LazyFrame scanParquet(String pathOrGlob) {
        return scanParquet(pathOrGlob, ScanOptions.defaults());
    }

    /** A Parquet file or a directory of Parquet files. */
    public static LazyFrame scanParquet(Path path) {
        return scanParquet(path.toString(), ScanOptions.defaults());
    }

    /**
     * A Parquet dataset read with {@code options}. The footers are read now (for the schema);
     * the data when the query runs.
     *
     * @throws java.io.UncheckedIOException when nothing matches or a footer cannot be read
     */
    public static LazyFrame scanParquet(String pathOrGlob, ScanOptions options) {
        Objects.requireNonNull(pathOrGlob, "pathOrGlob");
        Objects.requireNonNull(options, "options");
        return scan(pathOrGlob, () -> configure(ParallelStreamReader.fromGlob(pathOrGlob), options));
    }

    /** These Parquet files, in this order, as one dataset. */
    public static LazyFrame scanParquet(List<Path> files, ScanOptions options) {
        Objects.requireNonNull(options, "options");
        List<Path> list = List.copyOf(files);
        String description = list.size() == 1 ? list.get(0).toString() : list.get(0) + " and " + (list.size() - 1) + " more";
        return scan(description, () -> configure(new ParallelStreamReader(list), options));
    }

    /**
     * Parquet, CSV or JSON-lines files by the extension of {@code pathOrGlob}
     * ({@link dev.streamingadaptive.frame.format.FileFormat#ofInput}), with each format's default
     * options ({@code .tsv}: tab-separated); directories are Parquet datasets.
     */
    public static LazyFrame scan(String pathOrGlob) {
        Objects.requireNonNull(pathOrGlob, "pathOrGlob");
        return switch (dev.streamingadaptive.frame.format.FileFormat.ofInput(pathOrGlob)) {
            case PARQUET -> scanParquet(pathOrGlob);
            case CSV -> scanCsv(pathOrGlob, tabSeparated(pathOrGlob) ? CsvOptions.defaults().withDelimiter('\t') : CsvOptions.defaults());
            case NDJSON -> scanNdjson(pathOrGlob);
        };
    }

    private static boolean tabSeparated(String path) {
        String n = path.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tsv.gz") || n.endsWith(".tsv.zst");
    }

    /** CSV files (a path, glob or directory), read with {@link CsvOptions#defaults()}. */
    public static LazyFrame scanCsv(String pathOrGlob) {
        return scanCsv(pathOrGlob, CsvOptions.defaults());
    }

    /**
     * CSV files as one table: a path, a glob or a directory (its {@code .csv}, {@code .tsv},
     * {@code .txt} files, also gzip- or zstd-compressed). The schema is {@code options}' or is
     * inferred now from the first file's header and first records; the rows are parsed when the
     * query runs, in parallel chunks, only the columns it reads. Every file must have the first
     * one's header.
     *
     * @throws java.io.UncheckedIOException when nothing matches or the first file cannot be read
     * @throws dev.streamingadaptive.frame.format.TextFormatException when its header is malformed
     */
    public static LazyFrame scanCsv(String pathOrGlob, CsvOptions options) {
        Objects.requireNonNull(pathOrGlob, "pathOrGlob");
        List<Path> files = TextFiles.expand(pathOrGlob, TextFiles.CSV);
        return textScan(pathOrGlob, TextDataset.csv(files, options));
    }

    /** JSON-lines files (a path, glob or directory), read with {@link NdjsonOptions#defaults()}. */
    public static LazyFrame scanNdjson(String pathOrGlob) {
        return scanNdjson(pathOrGlob, NdjsonOptions.defaults());
    }

    /**
     * JSON-lines files as one table: a path, a glob or a directory (its {@code .ndjson},
     * {@code .jsonl}, {@code .json} files, also compressed). The schema is {@code options}' or is
     * inferred now from the first file's first records (nested objects as structs, arrays as
     * lists).
     *
     * @throws java.io.UncheckedIOException when nothing matches or the first file cannot be read
     * @throws dev.streamingadaptive.frame.format.TextFormatException when a sampled line is not a JSON object
     */
    public static LazyFrame scanNdjson(String pathOrGlob, NdjsonOptions options) {
        Objects.requireNonNull(pathOrGlob, "pathOrGlob");
        List<Path> files = TextFiles.expand(pathOrGlob, TextFiles.NDJSON);
        return textScan(pathOrGlob, TextDataset.ndjson(files, options));
    }

    private static LazyFrame textScan(String description, TextDataset dataset) {
        return new LazyFrame(ScanNode.of(new TextSource(description, dataset)), ExecutionConfig.defaults());
    }

    private static LazyFrame scan(String description, java.util.function.Supplier<ParallelStreamReader> opener) {
        Schema schema;
        int files;
        try (ParallelStreamReader r = opener.get()) {
            schema = r.schema();
            files = r.files().size();
        }
        return new LazyFrame(ScanNode.of(new ParquetSource(description, files, schema, opener)), ExecutionConfig.defaults());
    }

    private static ParallelStreamReader configure(ParallelStreamReader reader, ScanOptions o) {
        ParallelStreamReader r = reader
                .withFullPageCounts(o.fullPageCounts())
                .withHivePartitioning(o.hivePartitioning())
                .withSchemaEvolution(o.schemaEvolution())
                .withChecksumVerification(o.verifyChecksums());
        if (!o.hivePartitionTypes().isEmpty()) r.withHivePartitionTypes(o.hivePartitionTypes());
        if (o.filePathColumn() != null) r.includeFilePath(o.filePathColumn());
        if (o.skipUnreadableFiles()) r.skipUnreadableFiles();
        if (o.split() != null) r.withSplit(o.split());
        return r;
    }

    /** An in-memory frame as a query source (what {@link DataFrame#lazy()} returns). */
    public static LazyFrame of(DataFrame frame) {
        return new LazyFrame(new FrameNode(frame), ExecutionConfig.defaults());
    }

    /** The rows of every frame, one after the other; the schemas must be equal. */
    public static LazyFrame concat(LazyFrame... frames) {
        if (frames.length == 0) throw new IllegalArgumentException("concat needs at least one frame");
        List<LogicalPlan> plans = new ArrayList<>();
        for (LazyFrame f : frames) plans.add(f.plan);
        return new LazyFrame(new UnionNode(plans), frames[0].config);
    }

    // ---- execution settings ------------------------------------------------------------------

    /** Worker threads for this query, which also decode the scans (default: all available processors). */
    public LazyFrame withThreads(int threads) {
        return new LazyFrame(plan, config.withThreads(threads));
    }

    /** The memory budget batches are sized by and operator state is reserved in (default: the system's). */
    public LazyFrame withMemoryManager(MemoryManager memory) {
        return new LazyFrame(plan, config.withMemory(memory));
    }

    /**
     * Every scan of this query also counts what it reads into {@code into} as it goes: row groups
     * planned and done, rows decoded, bytes read. Poll it from another thread to show progress
     * (the command line's progress bar does); the query's own {@link #profile()} is unaffected.
     */
    public LazyFrame withStatistics(ScanStatistics into) {
        return new LazyFrame(plan, config.withLiveStatistics(java.util.Objects.requireNonNull(into, "into")));
    }

    /**
     * Where group-by, sort, distinct and join put the state that does not fit the memory budget:
     * under {@code folder}, in a folder of this run's own, deleted when the query ends (also when it
     * fails, and at JVM exit; folders left by a killed JVM are deleted by the next run). Default: the
     * system property {@value dev.streamingadaptive.spill.SpillDirectory#BASE_PROPERTY}, else
     * {@code streaming-adaptive-spill} under {@code java.io.tmpdir}.
     */
    public LazyFrame withSpillDirectory(Path folder) {
        return new LazyFrame(plan, config.withSpillBase(java.util.Objects.requireNonNull(folder, "folder")));
    }

    /**
     * Never spill: an operator whose state outgrows the memory budget fails with a
     * {@link dev.streamingadaptive.memory.MemoryBudgetExceededException} naming it (as DuckDB with
     * {@code temp_directory = ''}).
     */
    public LazyFrame withoutSpilling() {
        return new LazyFrame(plan, config.withSpillBase(null));
    }

    // ---- operations --------------------------------------------------------------------------

    /** The rows where {@code predicate} is true (null counts as false, as SQL's WHERE). */
    public LazyFrame filter(Expr predicate) {
        return derive(new FilterNode(plan, predicate));
    }

    /**
     * The rows matching a SQL-style condition, as the CLI's {@code --where}:
     * {@code symbol = 'AAPL' and price >= 100.5 or cond is null}.
     *
     * @throws IllegalArgumentException when the text does not parse (the message points at where)
     */
    public LazyFrame filter(String where) {
        return filter(WhereExpressions.parse(where));
    }

    /** Exactly these computed columns, in this order. */
    public LazyFrame select(Expr... exprs) {
        return derive(SelectNode.of(plan, List.of(exprs)));
    }

    /** Exactly these columns, in this order. */
    public LazyFrame select(String... columns) {
        return select(Arrays.stream(columns).map(Expr::col).toArray(Expr[]::new));
    }

    /** All columns plus the computed ones; one named like an existing column replaces it in place. */
    public LazyFrame withColumns(Expr... exprs) {
        return derive(WithColumnsNode.of(plan, List.of(exprs)));
    }

    /** {@link #withColumns} of one expression. */
    public LazyFrame withColumn(Expr expr) {
        return withColumns(expr);
    }

    /** Groups by these columns; finish with {@link GroupBy#agg}. */
    public GroupBy groupBy(String... columns) {
        return new GroupBy(this, Arrays.stream(columns).map(Expr::col).toList());
    }

    /** Groups by these expressions (named by their output names). */
    public GroupBy groupBy(Expr... keys) {
        return new GroupBy(this, List.of(keys));
    }

    /** Aggregates over all rows: one row, e.g. {@code agg(col("size").sum(), len())}. */
    public LazyFrame agg(Expr... aggs) {
        return derive(AggregateNode.of(plan, List.of(), List.of(aggs)));
    }

    /** Sorted ascending by these columns, nulls first (Polars' default). */
    public LazyFrame sort(String... columns) {
        return sort(Arrays.stream(columns).map(SortKey::asc).toArray(SortKey[]::new));
    }

    /**
     * Sorted by these keys, the first deciding first; stable. A sort whose input outgrows 1/6 of the
     * memory budget writes sorted runs to the {@linkplain #withSpillDirectory spill folder} and merges
     * them, so it streams in bounded memory; {@link #withoutSpilling()} keeps it in memory, refused
     * beyond half the budget. Followed by {@link #head}/{@link #limit}, only the first rows are kept.
     */
    public LazyFrame sort(SortKey... keys) {
        return derive(new SortNode(plan, List.of(keys)));
    }

    /** The first {@code n} rows. */
    public LazyFrame limit(long n) {
        return slice(0, n);
    }

    /** The first {@code n} rows. */
    public LazyFrame head(long n) {
        return limit(n);
    }

    /** {@code length} rows from row {@code offset}. */
    public LazyFrame slice(long offset, long length) {
        return derive(new SliceNode(plan, offset, length));
    }

    /** Distinct rows (in no particular order). */
    public LazyFrame unique() {
        return derive(new DistinctNode(plan, List.of()));
    }

    /** One row per distinct combination of these columns (in no particular order). */
    public LazyFrame unique(String... subset) {
        return derive(new DistinctNode(plan, List.of(subset)));
    }

    /**
     * Joins {@code other} on equal values of the column {@code on} of both frames; see {@link JoinType}.
     * Runs as a hash join built from the smaller input (the optimizer swaps the sides where it can);
     * a build side over a quarter of the memory budget is partitioned to spill files with the other
     * side and joined partition by partition (unless spilling is off: then it is refused).
     *
     * @throws dev.streamingadaptive.expr.ExprTypeException when a key is missing or the key types do not
     *         compare (int32 with int64 does; a string with a number does not)
     */
    public LazyFrame join(LazyFrame other, String on, JoinType how) {
        return join(other, List.of(on), List.of(on), how);
    }

    /** Joins {@code other} on equal values of all these columns of both frames. */
    public LazyFrame join(LazyFrame other, List<String> on, JoinType how) {
        return join(other, on, on, how);
    }

    /** Joins {@code other} where the column {@code leftOn} of this frame equals the column {@code rightOn} of {@code other}. */
    public LazyFrame join(LazyFrame other, String leftOn, String rightOn, JoinType how) {
        return join(other, List.of(leftOn), List.of(rightOn), how);
    }

    /** Joins {@code other} where {@code leftOn[i]} of this frame equals {@code rightOn[i]} of {@code other} for every i. */
    public LazyFrame join(LazyFrame other, List<String> leftOn, List<String> rightOn, JoinType how) {
        Objects.requireNonNull(how, "how");
        if (how == JoinType.CROSS) {
            if (!leftOn.isEmpty() || !rightOn.isEmpty()) throw new IllegalArgumentException("a cross join has no keys: use crossJoin(other)");
            return crossJoin(other);
        }
        return derive(JoinNode.of(plan, other.plan, leftOn, rightOn, JoinNode.Kind.valueOf(how.name())));
    }

    /**
     * Every row of this frame with every row of {@code other} (the right side is held in memory);
     * fails with a {@link dev.streamingadaptive.memory.MemoryBudgetExceededException} when the product
     * of a batch does not fit memory.
     */
    public LazyFrame crossJoin(LazyFrame other) {
        return derive(JoinNode.of(plan, other.plan, List.of(), List.of(), JoinNode.Kind.CROSS));
    }

    /**
     * A SQL query over this frame, which the query calls {@code self} (as Polars'
     * {@code LazyFrame.sql}); quoted paths in it are read as Parquet tables. See
     * {@link dev.streamingadaptive.sql.SqlContext} for what SQL is supported and for naming more tables.
     *
     * <pre>{@code
     * LazyFrame top = LazyFrame.scanParquet("trades.parquet")
     *         .sql("SELECT symbol, sum(size) AS volume FROM self GROUP BY symbol ORDER BY volume DESC LIMIT 5");
     * }</pre>
     *
     * @throws dev.streamingadaptive.sql.SqlException for a syntax error, an unknown column or an unsupported construct
     */
    public LazyFrame sql(String query) {
        return new dev.streamingadaptive.sql.SqlContext().register("self", this).query(query);
    }

    // ---- results -----------------------------------------------------------------------------

    /** The columns and types the query produces. */
    public Schema schema() {
        return plan.schema();
    }

    /** Runs the query; the whole result in one frame. */
    public DataFrame collect() {
        return new Executor(config).collect(optimizedPlan());
    }

    /**
     * Runs the query lazily: batches in order as they are computed, with bounded memory (close
     * the stream to stop early; use try-with-resources).
     */
    public Stream<DataFrame> stream() {
        return new Executor(config).stream(optimizedPlan());
    }

    /**
     * Runs the query and streams its result into a Parquet file with
     * {@link WriterOptions#defaults()}, holding about one row group (at most a quarter of the memory
     * budget) rather than the result. The file appears complete or not at all: it is written under
     * a temporary name beside {@code path} and renamed when done; on failure nothing is left.
     *
     * @return the number of rows written
     */
    public long sinkParquet(Path path) {
        return sinkParquet(path, WriterOptions.defaults());
    }

    /**
     * {@link #sinkParquet(Path)} with {@code options} (codec, row group and page sizes, Bloom filters,
     * metadata…). With {@link WriterOptions#withPartitionBy partitions} or a file limit
     * ({@link WriterOptions#writesDirectory()}) {@code path} becomes a directory of
     * {@code part-NNNNN.parquet} files, renamed into place when complete.
     */
    public long sinkParquet(Path path, WriterOptions options) {
        return sink(FileFormat.PARQUET, path, options);
    }

    /**
     * Runs the query and streams its result into a CSV file (header row, RFC 4180 quoting, UTF-8,
     * gzip when the name ends in {@code .gz}), written under a temporary name and renamed when done.
     *
     * @return the number of rows written
     */
    public long sinkCsv(Path path) {
        return sink(FileFormat.CSV, path, WriterOptions.defaults());
    }

    /**
     * Runs the query and streams its result into a newline-delimited JSON file (one object per row,
     * as the CLI's {@code --format jsonl}; gzip when the name ends in {@code .gz}), written under a
     * temporary name and renamed when done.
     *
     * @return the number of rows written
     */
    public long sinkNdjson(Path path) {
        return sink(FileFormat.NDJSON, path, WriterOptions.defaults());
    }

    /**
     * Runs the query into {@code path} as {@code format} (for example {@link FileFormat#of}{@code (path)},
     * the format the name says: {@code .parquet}, {@code .csv}, {@code .ndjson}/{@code .jsonl}, text
     * formats with {@code .gz}), written under a temporary name and renamed when done.
     *
     * @param parquetOptions used when the format is Parquet
     * @return the number of rows written
     */
    public long sink(Path path, FileFormat format, WriterOptions parquetOptions) {
        return sink(format, path, parquetOptions);
    }

    private long sink(FileFormat format, Path path, WriterOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        LogicalPlan optimized = optimizedPlan();
        // Sinks declare every column nullable, as DuckDB and Polars write them: whether a computed
        // column can be null is not always known before it is written.
        List<Field> fields = new ArrayList<>();
        for (Field f : optimized.schema().fields()) fields.add(new Field(f.name(), f.type(), true));
        // the writer encodes on no more threads than the query may use
        if (options.threads() > config.threads()) options = options.withThreads(config.threads());
        FrameWriter writer = format.open(path, new Schema(fields), options, config.memory());
        try (Stream<DataFrame> batches = new Executor(config).stream(optimized)) {
            Iterator<DataFrame> it = batches.iterator();
            while (it.hasNext()) writer.write(it.next());
        } catch (RuntimeException | Error e) {
            writer.abort();
            throw e;
        }
        writer.close();
        return writer.rowsWritten();
    }

    /** Runs the query and returns the result with the plan that ran, the scans' figures and the time taken. */
    public QueryProfile profile() {
        LogicalPlan optimized = optimizedPlan();
        Executor executor = new Executor(config);
        long start = System.nanoTime();
        DataFrame result = executor.collect(optimized);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ExecutionStatistics stats = executor.statistics();
        return new QueryProfile(result, Optimizer.explain(optimized), stats.total(), stats.filesRead(), stats.filesTotal(), elapsed);
    }

    /** The optimized plan as an indented tree: what each scan reads (columns, pushed filter, limit) and what runs above it. */
    public String explain() {
        return Optimizer.explain(optimizedPlan());
    }

    /** The plan as written, before optimization. */
    public String explainUnoptimized() {
        return Optimizer.explain(plan);
    }

    @Override
    public String toString() {
        return "LazyFrame\n" + explainUnoptimized();
    }

    // ---- internals ---------------------------------------------------------------------------

    LogicalPlan plan() {
        return plan;
    }

    LazyFrame derive(LogicalPlan next) {
        return new LazyFrame(next, config);
    }

    private LogicalPlan optimizedPlan() {
        return new Optimizer(LazyFrame::fold).optimize(plan);
    }

    /** Evaluates an expression without columns on one row: constant folding. */
    private static Literal fold(Expr constant) {
        DataFrame oneRow = new DataFrame(List.of(), 1);
        Column c = ExpressionCompiler.compile(constant, oneRow.schema()).evaluate(oneRow);
        Object v = c.get(0);
        // Only values whose Java class says their type exactly become literals (a decimal's
        // precision or a timestamp's unit would be lost otherwise); the rest stay expressions.
        if (v != null && !c.type().equals(Literal.of(v).type())) throw new IllegalStateException("not foldable: " + constant);
        return new Literal(v, c.type());
    }
}
