// CSV-scan peer for the streaming-adaptive benchmarks (bench/csvscan): one query over a CSV file with
// nodejs-polars' lazy CSV scan.
//
//   node bench/polars/csvscan.mjs <file.csv> <sum_two|all_columns|filter_eq> [threads]
//
// Prints one JSON line {"seconds","coldSeconds","rows","peakRssBytes","result"} and exits 0; on failure a message on
// stderr and exit 1. REPS (default 3): the first is the cold one, unmeasured warm-ups follow until 1 s has gone by in
// them (at most 30), then REPS - 1 measured ones, best reported.
const [input, workload, threads] = process.argv.slice(2);
if (threads) process.env.POLARS_MAX_THREADS = threads;
const { default: pl } = await import("nodejs-polars");

function query() {
  const lf = pl.scanCSV(input);
  switch (workload) {
    case "sum_two": return lf.select(pl.len(), pl.col("price").sum(), pl.col("size").sum());
    case "all_columns": return lf.select(pl.len(), pl.col("ts").min(), pl.col("symbol").max(), pl.col("price").sum(),
      pl.col("size").sum(), pl.col("exchange").count(), pl.col("cond").count());
    case "filter_eq": return lf.filter(pl.col("symbol").eq(pl.lit("SYM0042"))).select(pl.len(), pl.col("price").sum());
    default: throw new Error(`unknown workload ${workload}`);
  }
}

try {
  const reps = Number(process.env.REPS || 3);
  let best = Infinity, cold = NaN, warmups = 1, warmedUp = 0, result = "", rows = 0;
  for (let i = 0; i < warmups + reps - 1; i++) {
    const t0 = process.hrtime.bigint();
    const df = await query().collect();
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const row = df.row(0);
    rows = Number(row[0]);
    result = row.map(v => (v instanceof Date ? "ts" : String(v))).join(" ").replace(/\d{4}-\d\d-\d\d[ T][0-9:.]+Z?/g, "ts").replace(/SYM\d+/g, "sym");
    if (i === 0) cold = secs;
    if (i < warmups) {
      warmedUp += secs;
      if (reps > 1 && warmedUp < 1.0 && warmups <= 30) warmups++;
    } else if (secs < best) {
      best = secs;
    }
    if (process.env.VERBOSE) process.stderr.write(`${i < warmups ? "warm-up" : "rep"} ${i + 1}: ${secs.toFixed(3)} s\n`);
  }
  if (reps === 1) best = cold;
  process.stdout.write(JSON.stringify({ seconds: best, coldSeconds: cold, rows, peakRssBytes: process.resourceUsage().maxRSS * 1024,
    result }) + "\n");
} catch (e) {
  process.stderr.write(`csvscan.mjs: ${input} ${workload} failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
