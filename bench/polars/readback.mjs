// Reads two Parquet files with nodejs-polars and says whether they hold the same frame (schema and values,
// nulls equal): the Polars leg of bench/readback, which checks that files we write read back as their source.
//
//   node bench/polars/readback.mjs <source.parquet> <copy.parquet>
//
// Prints one JSON line {"equal":true|false,"rows":N,"schema":"..."} (and the first differing column when not
// equal); exit 0 either way, 1 when a file cannot be read.
const [a, b] = process.argv.slice(2);
const { default: pl } = await import("nodejs-polars");
try {
  const x = pl.readParquet(a), y = pl.readParquet(b);
  // dtypes as Polars prints them (the schema getter cannot hand Binary to JavaScript in nodejs-polars 0.26)
  const dtypes = (df) => df.columns.map((c) => { try { return `${c}: ${df.getColumn(c).dtype}`; } catch { return `${c}: binary`; } }).join(", ");
  const sx = dtypes(x), sy = dtypes(y);
  let equal = sx === sy && x.height === y.height;
  let differs = null;
  if (equal) {
    for (const c of x.columns) {
      // values compared in Rust: a row hash of each column (nulls hash alike), then the hashes in order
      const hx = x.select(pl.col(c).hash(1, 2, 3, 4)).getColumn(c), hy = y.select(pl.col(c).hash(1, 2, 3, 4)).getColumn(c);
      if (!hx.seriesEqual(hy, true, false)) {
        equal = false;
        differs = c;
        break;
      }
    }
  }
  process.stdout.write(JSON.stringify({ equal, rows: y.height, columns: x.width, schema: sx === sy ? "same" : `${sx} vs ${sy}`, differs }) + "\n");
} catch (e) {
  process.stderr.write(`readback.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
