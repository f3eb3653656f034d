// The memory benchmarks' DuckDB peer: writes a query's result as Parquet with a memory limit
// (DuckDB spills to its temp directory beyond it). PRESERVE_ORDER: "true" when the result's row
// order matters (a sort), "false" when no order is promised (a join, as in Spark).
// Usage: node bench/duckdb_copy.mjs OUTPUT_FILE MEMORY_LIMIT THREADS TEMP_DIR PRESERVE_ORDER QUERY
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tools', 'node', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [output, memoryLimit, threads, tempDir, preserveOrder, query] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
await connection.run(`SET memory_limit = '${memoryLimit}'`);
await connection.run(`SET temp_directory = '${tempDir}'`);
await connection.run(`SET preserve_insertion_order = ${preserveOrder === 'true'}`);
await connection.run(`COPY (${query}) TO '${output}' (FORMAT parquet)`);
