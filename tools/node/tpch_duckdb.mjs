// Runs TPC-H queries in DuckDB over the Parquet tables of a generated data folder and prints JSON
// lines (the protocol of bench/tpch/harness.py). The timed span is running the query and reading
// all its rows; creating the instance and the views over the files is not timed.
// Usage: node tpch_duckdb.mjs DATA_DIR QUERY_DIR 1,2,3 RUNS THREADS
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runQueries, tables } from './tpch_runner.mjs';

const [dataDir, queryDir, queryList, runs = '1', threads = '2'] = process.argv.slice(2);

const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
await connection.run(`SET threads = ${Number(threads)}`);
for (const t of tables) {
  const files = join(dataDir, t, '*.parquet').replaceAll("'", "''");
  await connection.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${files}')`);
}

await runQueries([queryDir], queryList, Number(runs), (sql) => connection.runAndReadAll(sql),
  (reader) => ({
    names: reader.columnNames(),
    types: reader.columnTypes().map((t) => t.toString()),
    rows: reader.getRowsJson(),
  }));
