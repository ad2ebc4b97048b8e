// Writes a trades-like Parquet file with nodejs-polars (snappy), for testing run.mjs.
//   node bench/polars/make-sample.mjs [out.parquet] [rows]
// Defaults: /tmp/trades-sample-1m.parquet, 1,000,000 rows. Deterministic (fixed PRNG seed).
// Schema as in issue 3: ts timestamp[us], symbol (~2,000 values "S0000".."S1999"), price double,
// size int32, exchange (8 values), is_buy bool, trade_id int64 sorted, cond string ~80% null.
// Note: nodejs-polars' writeParquet exposes only `compression`, so row groups use Polars' default
// size, not the 1M-row groups of the DuckDB-written benchmark files.
const out = process.argv[2] ?? "/tmp/trades-sample-1m.parquet";
const n = Number(process.argv[3] ?? 1_000_000);
if (!Number.isInteger(n) || n <= 0) {
  console.error(`bad row count: ${process.argv[3]}`);
  process.exit(1);
}
const pl = (await import("nodejs-polars")).default;

let seed = 42 >>> 0; // mulberry32
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const SYMBOLS = Array.from({ length: 2000 }, (_, i) => "S" + String(i).padStart(4, "0"));
const EXCHANGES = ["NYSE", "NASDAQ", "ARCA", "BATS", "IEX", "EDGX", "EDGA", "AMEX"];
const CONDS = ["F", "@", "T", "I"];
const T0_US = Date.UTC(2024, 0, 2, 9, 30) * 1000; // 2024-01-02 09:30:00 in µs

const ts = new Float64Array(n);
const tradeId = new Float64Array(n);
const symbol = new Array(n);
const price = new Float64Array(n);
const size = new Int32Array(n);
const exchange = new Array(n);
const isBuy = new Array(n);
const cond = new Array(n);
for (let i = 0; i < n; i++) {
  ts[i] = T0_US + i * 37;
  tradeId[i] = i;
  symbol[i] = SYMBOLS[Math.floor(rand() * SYMBOLS.length)];
  price[i] = Math.round((100 + rand() * 1000) * 100) / 100;
  size[i] = 1 + Math.floor(rand() * 10000);
  exchange[i] = EXCHANGES[Math.floor(rand() * EXCHANGES.length)];
  isBuy[i] = rand() < 0.5;
  cond[i] = rand() < 0.8 ? null : CONDS[Math.floor(rand() * CONDS.length)];
}

const df = pl.DataFrame([
  pl.Series("ts", ts).cast(pl.Int64).cast(pl.Datetime("us")),
  pl.Series("symbol", symbol, pl.String),
  pl.Series("price", price, pl.Float64),
  pl.Series("size", size, pl.Int32),
  pl.Series("exchange", exchange, pl.String),
  pl.Series("is_buy", isBuy, pl.Bool),
  pl.Series("trade_id", tradeId).cast(pl.Int64),
  pl.Series("cond", cond, pl.String),
]);
df.writeParquet(out, { compression: "snappy" });
console.error(`wrote ${df.height} rows to ${out}`);
console.error(df.head(3).toString());
