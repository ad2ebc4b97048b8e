// Write-speed peer for the streaming-adaptive benchmarks (bench/write): copy a Parquet file into a new
// Parquet file with nodejs-polars' streaming sink.
//
//   node bench/polars/write.mjs <in.parquet> <out.parquet> <codec: snappy|zstd> [threads]
//
// Prints one JSON line {"seconds","coldSeconds","rows","peakRssBytes","result"} (result: bytes written) and exits 0;
// on failure a message on stderr and exit 1. REPS (default 3): the first is the cold one, unmeasured warm-ups
// follow until 1 s has gone by in them (at most 30), then REPS - 1 measured ones, best reported.
import fs from "node:fs";
import { measure } from "./measure.mjs";

const [input, output, codec, threads] = process.argv.slice(2);
if (threads) process.env.POLARS_MAX_THREADS = threads;
const { default: pl } = await import("nodejs-polars");

function fail(msg) {
  process.stderr.write(`write.mjs: ${msg}\n`);
  process.exit(1);
}

try {
  const reps = Number(process.env.REPS || 3);
  const { best, cold } = await measure(reps, async () => {
    fs.rmSync(output, { force: true });
    await pl.scanParquet(input).sinkParquet(output, { compression: codec }).collect();
  });
  const rows = pl.scanParquet(output).select(pl.len()).collectSync().getColumn("len").toArray()[0];
  process.stdout.write(JSON.stringify({ seconds: best, coldSeconds: cold, rows: Number(rows),
    peakRssBytes: process.resourceUsage().maxRSS * 1024, result: fs.statSync(output).size }) + "\n");
} catch (e) {
  fail(`${input} -> ${output} failed: ${e && e.stack ? e.stack : e}`);
}
