// The file-source benchmark's DuckDB peer: runs one statement RUNS times with THREADS threads and
// prints {"times": [wall seconds per run], "cpu": [CPU seconds of the process per run],
// "rows": [...]} (rows of the last run, as JSON). CLEAR_DIR,
// when not empty, is removed before each run (the output of a COPY). TIME_ZONE (UTC when left out)
// is the TimeZone setting (ICU), which timestamp-with-time-zone functions such as strftime use.
// Usage: node bench/duckdb_timed.mjs THREADS RUNS CLEAR_DIR SQL [TIME_ZONE]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tools', 'node', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [threads, runs, clearDir, sql, timeZone = 'UTC'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
await connection.run(`SET TimeZone = '${timeZone}'`);
const times = [];
const cpu = [];
let rows = [];
for (let run = 0; run < Number(runs); run++) {
  if (clearDir) fs.rmSync(clearDir, { recursive: true, force: true });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const reader = await connection.runAndReadAll(sql);
  times.push((performance.now() - start) / 1000);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1e6);
  rows = reader.getRowsJson();
}
process.stdout.write(JSON.stringify({ times, cpu, rows }) + '\n');
