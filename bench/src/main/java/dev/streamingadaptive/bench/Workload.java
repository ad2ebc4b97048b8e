package dev.streamingadaptive.bench;

import java.util.List;

/**
 * The benchmark workloads. Names are the ones the Polars peer script ({@code bench/polars/run.mjs})
 * accepts, so one name means the same query for every system.
 */
public enum Workload {
    /** Load (materialise) every column. Result: rows loaded. */
    load_all("load every column", List.of()),
    /** Load 2 of 8 columns (symbol, price). Result: rows loaded. */
    load_two("load 2 of 8 columns (symbol, price)", List.of("symbol", "price")),
    /** sum(price), sum(size). Result: [round2(sum price), sum size]. */
    sum_two("sum(price), sum(size)", List.of("price", "size")),
    /** group by symbol: mean(price), sum(size), count. Result: number of groups. */
    group_by("group by symbol: mean(price), sum(size), count", List.of("symbol", "price", "size")),
    /**
     * symbol = one rare value, every column of the matching rows materialised (a table every system builds); then
     * count and sum(price) computed from those rows. Result: [count, round2(sum price)].
     */
    filter_eq("symbol = rare value, every column: count, sum(price) of the rows", List.of()),
    /** lo <= trade_id <= hi on the sorted trade_id, a 1% range. Result: count. */
    filter_range("1% range on sorted trade_id: count", List.of("trade_id")),
    /**
     * select ts, symbol, price, first 10 rows in file order, materialised. Result: [rows, round2(sum price)] of
     * those 10 rows (the same rows for every system, so the sums agree).
     */
    head_ten("select ts, symbol, price + head(10)", List.of("ts", "symbol", "price")),
    /**
     * Stream every column batch by batch, touching every batch: rows and sum(size) (nothing is kept). Result:
     * [rows, sum size]. Ours also materialises the file ({@code collect()}) and streams under a fixed memory
     * budget in the same run (see {@link Harness#variants}).
     */
    stream_all("stream every column: count, sum(size)", List.of()),
    /**
     * {@code symbol < 'S0020'} (1% of the rows), every column of the matching rows streamed batch by batch to a
     * consumer that keeps nothing (at 50 GB the matches alone outgrow a 1 GB heap). Result: [count, sum(size)]. Used
     * by the scale bench ({@link ScaleBench}), not by the side-by-side harness.
     */
    filter_stream("symbol < 'S0020' (1%), every column streamed to a sink that discards: count, sum(size)", List.of());

    /** One-line description for the report. */
    public final String description;
    /** Columns the workload reads; empty means all. */
    public final List<String> columns;

    Workload(String description, List<String> columns) {
        this.description = description;
        this.columns = columns;
    }

    /** The rare symbol of {@link #filter_eq}. */
    public static final String RARE_SYMBOL = "S1999";

    /** The bound of {@link #filter_stream}: {@code symbol < STREAM_BOUND}, 20 of the 2,000 symbols. */
    public static final String STREAM_BOUND = "S0020";

    /** Rounds to 2 decimals, as every peer does before comparing sums of doubles. */
    public static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
