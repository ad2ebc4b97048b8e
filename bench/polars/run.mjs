// Polars peer for the streaming-adaptive side-by-side benchmarks (issue 3), via nodejs-polars.
//
//   node bench/polars/run.mjs <workload> <file-or-glob> [threads]
//
// Prints exactly one JSON line on stdout and exits 0:
//   {"seconds":<best of REPS>,"coldSeconds":<the first rep>,"rows":<int>,"peakRssBytes":<int>,"result":<value>}
// On failure: a message on stderr, nothing on stdout, exit code 1.
//
// Workloads (trades schema): load_all, load_two, sum_two, group_by, filter_eq, filter_range, head_ten, stream_all, filter_stream.
// Env: REPS (default 3) measured repetitions in this process after the warm-ups, best reported; 0: the first
//        (cold) run only, no warm-ups (the scale bench: cold page cache, fresh process);
//      ENGINE (default "streaming") the engine for scanParquet(...).collect: "streaming", "auto" or
//        "in-memory" ("auto" is nodejs-polars' default and currently runs the in-memory engine, which
//        was about 10x slower and far heavier in CPU than "streaming" on the 40M-row trades file).
//        readParquet (load_* on a single .parquet file) has no engine choice.
//      VERBOSE=1 prints each repetition's time on stderr;
//      SYMBOL (default "S1999") for filter_eq; LO, HI (inclusive, default 1000000 and 1099999) for filter_range.
// threads: exported as POLARS_MAX_THREADS before nodejs-polars is loaded (its thread pool size is
//          fixed on first use), hence the dynamic import below.
// "rows" is the number of rows loaded for load_*, and the number of input rows of the file(s) for the
// query workloads (counted once from the Parquet footers, outside the timed region), so that a
// harness can derive rows/s the same way for every workload.
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";

const WORKLOADS = ["load_all", "load_two", "sum_two", "group_by", "filter_eq", "filter_range", "head_ten", "stream_all", "filter_stream"];

function fail(msg) {
  process.stderr.write(`run.mjs: ${msg}\n`);
  process.exit(1);
}

function intEnv(name, dflt) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return dflt;
  if (!/^-?\d+$/.test(raw.trim())) fail(`${name} must be an integer, got "${raw}"`);
  const v = Number(raw);
  if (!Number.isSafeInteger(v)) fail(`${name} out of range: ${raw}`);
  return v;
}

const [workload, source, threadsArg] = process.argv.slice(2);
if (!workload || !source || process.argv.length > 5) {
  fail(`usage: node run.mjs <${WORKLOADS.join("|")}> <file-or-glob> [threads]`);
}
if (!WORKLOADS.includes(workload)) fail(`unknown workload "${workload}" (one of ${WORKLOADS.join(", ")})`);
if (threadsArg !== undefined) {
  if (!/^[1-9]\d*$/.test(threadsArg)) fail(`threads must be a positive integer, got "${threadsArg}"`);
  process.env.POLARS_MAX_THREADS = threadsArg;
}
const reps = intEnv("REPS", 3);
if (reps < 0) fail("REPS must be >= 0");
const symbolValue = process.env.SYMBOL || "S1999";
const streamBound = process.env.STREAM_BOUND || "S0020";
const lo = intEnv("LO", 1_000_000);
const hi = intEnv("HI", 1_099_999);
const engine = process.env.ENGINE || "streaming";
if (!["streaming", "auto", "in-memory"].includes(engine)) fail(`ENGINE must be streaming, auto or in-memory, got "${engine}"`);
const collect = (lf) => lf.collectSync({ engine });

// Resolve the source: a glob (contains * ? [ ) goes to scanParquet as is; a directory becomes
// "<dir>/*.parquet"; otherwise it must be an existing file.
const isGlob = /[*?[]/.test(source);
let scanSource = source;
if (!isGlob) {
  let st;
  try {
    st = fs.statSync(source);
  } catch (e) {
    fail(`cannot open ${source}: ${e.message}`);
  }
  if (st.isDirectory()) scanSource = path.join(source, "*.parquet");
}
const singleFile = !isGlob && scanSource === source;

// Explicit GC between repetitions, so one repetition's DataFrame is not alive while the next is
// built (that would double the reported peak RSS). Native memory is released by the napi finalizers.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const settle = async () => {
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  await new Promise((r) => setImmediate(r));
};

let pl;
try {
  pl = (await import("nodejs-polars")).default;
} catch (e) {
  fail(`cannot load nodejs-polars (run "npm ci" in bench/polars): ${e.message}`);
}

const col = pl.col;
const toNum = (v) => (typeof v === "bigint" ? Number(v) : v);
const round2 = (x) => Math.round(Number(x) * 100) / 100;
const scan = () => pl.scanParquet(scanSource);
// Not Series.get(i): in nodejs-polars 0.26.1 it truncates Int64 values to 32 bits
// (a sum of 19993181476 comes back as -1481655004); toArray() converts correctly.
const first = (df, name) => toNum(df.getColumn(name).toArray()[0]);

// Every column (stream_all reduces each; filter_eq checks it got each), from the footer once, outside the timed region.
const streamColumns = workload === "stream_all" || workload === "filter_eq" ? scan().columns : null;

// The timed body of each workload; returns {rows, result}. Query workloads report input rows
// separately (see above), so they return rows: null here.
const RUNS = {
  load_all() {
    // readParquet treats a string without a ".parquet" extension as inline data, so anything
    // else (globs, directories, other file names) goes through scanParquet(...).collect().
    const df = singleFile && path.extname(source) === ".parquet"
      ? pl.readParquet(source)
      : collect(scan());
    return { rows: df.height, result: df.height };
  },
  load_two() {
    const cols = ["symbol", "price"];
    const df = singleFile && path.extname(source) === ".parquet"
      ? pl.readParquet(source, { columns: cols })
      : collect(scan().select(...cols));
    if (df.width !== 2) throw new Error(`expected 2 columns, got ${df.width}`);
    return { rows: df.height, result: df.height };
  },
  sum_two() {
    // size is int32; Polars keeps Int32 for sum(Int32), which overflows on large files -> Int64.
    const df = collect(scan()
      .select(col("price").sum().alias("sp"), col("size").cast(pl.Int64).sum().alias("ss")));
    return { rows: null, result: [round2(first(df, "sp")), first(df, "ss")] };
  },
  group_by() {
    // nodejs-polars defaults to maintainOrder = true (Python Polars: false); ask for the usual unordered one.
    const df = collect(scan()
      .groupBy("symbol", { maintainOrder: false })
      .agg(col("price").mean().alias("avg_price"), col("size").cast(pl.Int64).sum().alias("sum_size"), pl.len().alias("n")));
    return { rows: null, result: df.height };
  },
  filter_eq() {
    // Every column of the matching rows materialised as a DataFrame; count and sum(price) from that frame.
    const df = collect(scan().filter(col("symbol").eq(pl.lit(symbolValue))));
    if (df.width !== streamColumns.length) throw new Error(`expected every column, got ${df.width}`);
    const sp = df.height === 0 ? 0 : toNum(df.getColumn("price").sum());
    return { rows: null, result: [df.height, round2(sp ?? 0)] };
  },
  head_ten() {
    // The first 10 rows in file order of 3 columns, materialised; the sum of their prices checks they are the same rows.
    const df = collect(scan().select("ts", "symbol", "price").head(10));
    const sp = df.height === 0 ? 0 : toNum(df.getColumn("price").sum());
    return { rows: null, result: [df.height, round2(sp)] };
  },
  stream_all() {
    // The streaming engine over every column: nodejs-polars 0.26.1 has no batch iterator (its sink* methods
    // write files), so every column is reduced in the query itself: len, the checksum sum(size) the other
    // systems compute, and max of every column (as DuckDB's scan does), so no column is projected away.
    const names = streamColumns;
    const df = collect(scan()
      .select(pl.len().alias("__n"), col("size").cast(pl.Int64).sum().alias("__ss"), ...names.map((c) => col(c).max())));
    if (df.width !== names.length + 2) throw new Error(`expected ${names.length + 2} columns, got ${df.width}`);
    const n = first(df, "__n");
    return { rows: n, result: [n, first(df, "__ss")] };
  },
  filter_stream() {
    // symbol < STREAM_BOUND (1% of the rows), every column, through the streaming engine into a sink that discards
    // (an uncompressed IPC stream to /dev/null): nodejs-polars 0.26.1 has no batch iterator, and at 50 GB the
    // matches outgrow memory. The sink hands nothing back, so the result is not checked (null).
    scan().filter(col("symbol").lt(pl.lit(streamBound))).sinkIpc("/dev/null").collectSync({ engine: "streaming" });
    return { rows: null, result: null };
  },
  filter_range() {
    const id = col("trade_id");
    const df = collect(scan()
      .filter(id.gtEq(pl.lit(lo).cast(pl.Int64)).and(id.ltEq(pl.lit(hi).cast(pl.Int64))))
      .select(pl.len().alias("n")));
    return { rows: null, result: first(df, "n") };
  },
};

try {
  let best = Infinity;
  let cold = null;
  let out;
  // As bench Worker does: after the first (cold) rep, unmeasured warm-ups until 1 s has gone by in warm-ups (at most
  // 30 more), then REPS measured reps.
  let warmups = 1;
  let warmedUp = 0;
  for (let i = 0; i < warmups + reps; i++) {
    const t0 = process.hrtime.bigint();
    out = RUNS[workload]();
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (i === 0) cold = secs;
    if (i < warmups) {
      warmedUp += secs;
      if (reps > 0 && warmedUp < 1.0 && warmups <= 30) warmups++;
    } else if (secs < best) {
      best = secs;
    }
    if (process.env.VERBOSE) process.stderr.write(`${i < warmups ? "warm-up" : "rep"} ${i + 1}: ${secs.toFixed(4)} s\n`);
    await settle();
  }
  let rows = out.rows;
  if (rows === null) {
    rows = first(scan().select(pl.len().alias("n")).collectSync(), "n");
  }
  const line = JSON.stringify({
    seconds: reps === 0 ? cold : best,
    coldSeconds: cold,
    rows: toNum(rows),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    result: out.result,
  });
  process.stdout.write(line + "\n");
  process.exitCode = 0;
} catch (e) {
  fail(`${workload} on ${source} failed: ${e && e.stack ? e.stack : e}`);
}
