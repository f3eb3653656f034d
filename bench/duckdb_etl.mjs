// The SaaS ETL done by DuckDB, as the benchmark peer: the same explicit columns, the same
// group-by with count distinct, Parquet (snappy) out.
// Usage: node bench/duckdb_etl.mjs INPUT_DIR OUTPUT_FILE THREADS TIME_ZONE
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tools', 'node', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [input, output, threads, timeZone] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: threads ?? '2' });
const connection = await instance.connect();
await connection.run(`SET TimeZone='${timeZone ?? 'UTC'}'`);
await connection.run(`
  COPY (
    SELECT account_id,
           CAST(to_timestamp("timestamp") AS DATE) AS event_date,
           count(*) AS event_count,
           count(DISTINCT user_id) AS active_users
    FROM read_json('${input}/*.json', format = 'newline_delimited', ignore_errors = true,
                   columns = {user_id: 'VARCHAR', account_id: 'VARCHAR',
                              event_name: 'VARCHAR', timestamp: 'BIGINT'})
    WHERE user_id IS NOT NULL
    GROUP BY account_id, event_date
  ) TO '${output}' (FORMAT parquet, COMPRESSION snappy)`);
