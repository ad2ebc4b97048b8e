// Write-speed peer for the streaming-adaptive benchmarks (bench/write): copy a Parquet file into a new
// Parquet file with nodejs-polars' streaming sink.
//
//   node bench/polars/write.mjs <in.parquet> <out.parquet> <codec: snappy|zstd> [threads]
//
// Prints one JSON line {"seconds","coldSeconds","rows","peakRssBytes","result"} (result: bytes written) and exits 0;
// on failure a message on stderr and exit 1. REPS (default 3): the first is the cold one, unmeasured warm-ups
// follow until 1 s has gone by in them (at most 30), then REPS - 1 measured ones, best reported.
import fs from "node:fs";

const [input, output, codec, threads] = process.argv.slice(2);
if (threads) process.env.POLARS_MAX_THREADS = threads;
const { default: pl } = await import("nodejs-polars");

function fail(msg) {
  process.stderr.write(`write.mjs: ${msg}\n`);
  process.exit(1);
}

try {
  const reps = Number(process.env.REPS || 3);
  let best = Infinity, cold = NaN, warmups = 1, warmedUp = 0;
  for (let i = 0; i < warmups + reps - 1; i++) {
    fs.rmSync(output, { force: true });
    const t0 = process.hrtime.bigint();
    await pl.scanParquet(input).sinkParquet(output, { compression: codec }).collect();
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
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
  const rows = pl.scanParquet(output).select(pl.len()).collectSync().getColumn("len").toArray()[0];
  process.stdout.write(JSON.stringify({ seconds: best, coldSeconds: cold, rows: Number(rows),
    peakRssBytes: process.resourceUsage().maxRSS * 1024, result: fs.statSync(output).size }) + "\n");
} catch (e) {
  fail(`${input} -> ${output} failed: ${e && e.stack ? e.stack : e}`);
}
