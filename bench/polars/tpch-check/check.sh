#!/usr/bin/env bash
# Checks bench/polars/tpch.mjs against DuckDB: writes DuckDB's result of every qNN.sql as CSV
# (Expected.java, DuckDB JDBC), runs tpch.mjs on each query with CSV_OUT, and compares (compare.mjs).
#
#   bench/polars/tpch-check/check.sh <data-dir> [out-dir] [queries...]
#
# Env: JAVA (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), DUCKDB_JAR (default: the newest
# duckdb_jdbc jar under ~/.m2), SQL_DIR (default core/src/test/resources/tpch of this checkout),
# THREADS (default 2), ENGINE (passed to tpch.mjs). Exit code 0 when every query matches.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
data="${1:?usage: check.sh <data-dir> [out-dir] [queries...]}"
out="${2:-/tmp/polars-tpch-check}"
shift $(( $# >= 2 ? 2 : 1 ))
queries=("$@")
[ ${#queries[@]} -eq 0 ] && queries=($(seq 1 22))
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
jar="${DUCKDB_JAR:-$(ls -1 "$HOME"/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar | sort -V | tail -1)}"
sql="${SQL_DIR:-$root/core/src/test/resources/tpch}"
mkdir -p "$out/expected" "$out/polars"
"$java" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/Expected.java" "$data" "$sql" "$out/expected" "${queries[@]}"
for q in "${queries[@]}"; do
  f="$out/polars/q$(printf %02d "$q").csv"
  rm -f "$f"
  if ! REPS=1 CSV_OUT="$f" node "$here/../tpch.mjs" "$q" "$data" "${THREADS:-2}" 2>"$out/polars/q$q.stderr" >"$out/polars/q$q.json"; then
    echo "q$q: tpch.mjs failed, see $out/polars/q$q.stderr"
  fi
done
node "$here/compare.mjs" "$out/expected" "$out/polars" "${queries[@]}"
