// Runs TPC-H queries in Polars (nodejs-polars, its SQL over lazy Parquet scans) and prints JSON
// lines (the protocol of bench/tpch/harness.py). Polars' SQL lacks comma joins, EXISTS and
// scalar-subquery comparisons, so a query is read from the rewrites in POLARS_DIR when there is
// one there, else from QUERY_DIR. The timed span is planning the SQL and collecting the lazy
// result; registering the scans is not timed.
// Threads: set POLARS_MAX_THREADS in the environment (Polars reads it once, at load).
// Usage: node tpch_polars.mjs DATA_DIR POLARS_DIR,QUERY_DIR 1,2,3 RUNS
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { runQueries, tables } from './tpch_runner.mjs';

const [dataDir, queryDirs, queryList, runs = '1'] = process.argv.slice(2);

// The money columns, decimal(15,2) in the files, are read as Float64: Polars' decimal arithmetic
// keeps the operands' scale (a product of two scale-2 decimals is cut to scale 2), which would give
// wrong sums. Results are checked against DuckDB to a relative 1e-9.
const money = ['s_acctbal', 'c_acctbal', 'p_retailprice', 'ps_supplycost', 'o_totalprice',
  'l_quantity', 'l_extendedprice', 'l_discount', 'l_tax'];

const ctx = pl.SQLContext();
for (const t of tables) {
  let scan = pl.scanParquet(join(dataDir, t, '*.parquet'));
  const prefix = t === 'partsupp' ? 'ps_' : `${t[0]}_`;
  const cols = money.filter((c) => c.startsWith(prefix));
  if (cols.length) scan = scan.withColumns(...cols.map((c) => pl.col(c).cast(pl.Float64)));
  ctx.register(t, scan);
}

function jsonValue(v) {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return v.toString();
  return v;
}

await runQueries(queryDirs.split(','), queryList, Number(runs),
  async (sql) => ctx.execute(sql).collectSync(),
  (df) => ({
    names: df.columns,
    types: df.columns.map((n) => String(df.schema[n]).replace(/^DataType\((.*)\)$/, '$1')),
    rows: df.rows().map((r) => r.map(jsonValue)),
  }));
