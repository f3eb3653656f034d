// The loop shared by the TPC-H runners (tpch_duckdb.mjs, tpch_polars.mjs): for each query, read its
// text, run it `runs` times timing each run, print a progress line after each run and then the
// result line (the protocol of bench/tpch/harness.py).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const tables = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders',
  'lineitem'];

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// The text of query q from the first folder that has it.
function queryText(folders, q) {
  const name = `q${String(q).padStart(2, '0')}.sql`;
  const folder = folders.find((f) => existsSync(join(f, name)));
  if (!folder) throw new Error(`no ${name} in ${folders.join(', ')}`);
  return readFileSync(join(folder, name), 'utf8');
}

// run(sql) executes a query and returns what describe(result) turns into {names, types, rows}.
export async function runQueries(folders, queryList, runs, run, describe) {
  for (const q of queryList.split(',').map(Number)) {
    try {
      const sql = queryText(folders, q);
      const times = [];
      let result;
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        result = await run(sql);
        times.push(Number(process.hrtime.bigint() - start) / 1e9);
        emit({ query: q, run: times.length, time: times.at(-1) });
      }
      emit({ query: q, ...describe(result), times });
    } catch (e) {
      emit({ query: q, error: String(e.message ?? e).split('\n')[0] });
    }
  }
}
