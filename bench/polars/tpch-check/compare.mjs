// Compares tpch.mjs results (CSV_OUT files) with DuckDB's (Expected.java), query by query.
//
//   node compare.mjs <expected-dir> <got-dir> [queries...]
//
// Both dirs hold qNN.csv (header + rows). Cells that parse as numbers on both sides are compared with a
// relative tolerance of 1e-6 (absolute 1e-9 near zero; DuckDB's DECIMAL "3774200.00" equals Polars'
// Float64 "3774200.0"); other cells must be equal strings. Rows are compared in order: the ORDER BY
// key columns (SORT_KEYS below, from the qNN.sql texts) must match row by row, and within each run of
// rows with equal keys in the expected result, the rows must match as a multiset (ties may come in any
// order). Headers are compared by name. Exit code 0 when every query matches, 1 otherwise.
import fs from "node:fs";
import path from "node:path";

// The ORDER BY columns of each query (every TPC-H query orders its result; Q6/14/17/19 have one row).
const SORT_KEYS = {
  1: ["l_returnflag", "l_linestatus"],
  2: ["s_acctbal", "n_name", "s_name", "p_partkey"],
  3: ["revenue", "o_orderdate"],
  4: ["o_orderpriority"],
  5: ["revenue"],
  6: [],
  7: ["supp_nation", "cust_nation", "l_year"],
  8: ["o_year"],
  9: ["nation", "o_year"],
  10: ["revenue"],
  11: ["value"],
  12: ["l_shipmode"],
  13: ["custdist", "c_count"],
  14: [],
  15: ["s_suppkey"],
  16: ["supplier_cnt", "p_brand", "p_type", "p_size"],
  17: [],
  18: ["o_totalprice", "o_orderdate"],
  19: [],
  20: ["s_name"],
  21: ["numwait", "s_name"],
  22: ["cntrycode"],
};

const REL = 1e-6;
const ABS = 1e-9;

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const isNum = (s) => s.trim() !== "" && Number.isFinite(Number(s));
function cellEq(a, b) {
  if (isNum(a) && isNum(b)) {
    const x = Number(a), y = Number(b);
    const d = Math.abs(x - y);
    return d <= ABS || d <= REL * Math.max(Math.abs(x), Math.abs(y));
  }
  return a === b;
}
const rowEq = (r1, r2) => r1.length === r2.length && r1.every((c, i) => cellEq(c, r2[i]));
// Canonical form for sorting rows of a tie run: numbers rounded to 6 significant digits.
const canon = (r) => r.map((c) => (isNum(c) ? Number(Number(c).toPrecision(6)).toString() : c)).join("\u0001");

function compare(q, expected, got) {
  const [eh, ...er] = expected;
  const [gh, ...gr] = got;
  const problems = [];
  if (eh.join(",") !== gh.join(",")) problems.push(`header: expected [${eh}] got [${gh}]`);
  if (eh.length !== gh.length) return problems.concat(`column count ${eh.length} vs ${gh.length}`);
  if (er.length !== gr.length) return problems.concat(`row count: expected ${er.length} got ${gr.length}`);
  const keyIdx = SORT_KEYS[q].map((k) => {
    const i = eh.indexOf(k);
    if (i < 0) throw new Error(`q${q}: sort key ${k} not in expected header`);
    return i;
  });
  // Sort keys row by row.
  for (let i = 0; i < er.length; i++) {
    for (const k of keyIdx) {
      if (!cellEq(er[i][k], gr[i][k])) {
        problems.push(`row ${i + 1}: order key ${eh[k]} expected ${er[i][k]} got ${gr[i][k]}`);
        return problems;
      }
    }
  }
  // Runs of equal sort keys in the expected result: compare as multisets.
  let start = 0;
  while (start < er.length) {
    let end = start + 1;
    const key = (r) => keyIdx.map((k) => r[k]).join("\u0001");
    while (end < er.length && key(er[end]) === key(er[start])) end++;
    const e = er.slice(start, end).sort((a, b) => (canon(a) < canon(b) ? -1 : canon(a) > canon(b) ? 1 : 0));
    const g = gr.slice(start, end).sort((a, b) => (canon(a) < canon(b) ? -1 : canon(a) > canon(b) ? 1 : 0));
    for (let i = 0; i < e.length; i++) {
      if (!rowEq(e[i], g[i])) {
        problems.push(`rows ${start + 1}..${end}: expected [${e[i]}] got [${g[i]}]`);
        return problems;
      }
    }
    start = end;
  }
  return problems;
}

const [expDir, gotDir, ...qargs] = process.argv.slice(2);
if (!expDir || !gotDir) {
  process.stderr.write("usage: node compare.mjs <expected-dir> <got-dir> [queries...]\n");
  process.exit(2);
}
const qs = qargs.length ? qargs.map(Number) : Array.from({ length: 22 }, (_, i) => i + 1);
let bad = 0;
for (const q of qs) {
  const name = `q${String(q).padStart(2, "0")}.csv`;
  let problems;
  try {
    const e = parseCsv(fs.readFileSync(path.join(expDir, name), "utf8"));
    const g = parseCsv(fs.readFileSync(path.join(gotDir, name), "utf8"));
    problems = compare(q, e, g);
    if (problems.length === 0) console.log(`q${q}: OK (${e.length - 1} rows)`);
  } catch (err) {
    problems = [err.message];
  }
  if (problems.length) {
    bad++;
    console.log(`q${q}: MISMATCH\n  ${problems.join("\n  ")}`);
  }
}
console.log(bad === 0 ? `all ${qs.length} queries match` : `${bad} of ${qs.length} queries differ`);
process.exit(bad === 0 ? 0 : 1);
