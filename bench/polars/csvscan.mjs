// CSV-scan peer for the streaming-adaptive benchmarks (bench/csvscan): one query over a CSV file with
// nodejs-polars' lazy CSV scan.
//
//   node bench/polars/csvscan.mjs <file.csv> <sum_two|all_columns|filter_eq> [threads]
//
// Prints one JSON line {"seconds","coldSeconds","rows","peakRssBytes","result"} and exits 0; on failure a message on
// stderr and exit 1. REPS (default 3): the first is the cold one, unmeasured warm-ups follow until 1 s has gone by in
// them (at most 30), then REPS - 1 measured ones, best reported.
import { measure } from "./measure.mjs";

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
  const { best, cold, result: row } = await measure(reps, async () => (await query().collect()).row(0));
  const rows = Number(row[0]);
  const result = row.map(v => (v instanceof Date ? "ts" : String(v))).join(" ")
    .replace(/\d{4}-\d\d-\d\d[ T][0-9:.]+Z?/g, "ts").replace(/SYM\d+/g, "sym");
  process.stdout.write(JSON.stringify({ seconds: best, coldSeconds: cold, rows, peakRssBytes: process.resourceUsage().maxRSS * 1024,
    result }) + "\n");
} catch (e) {
  process.stderr.write(`csvscan.mjs: ${input} ${workload} failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
