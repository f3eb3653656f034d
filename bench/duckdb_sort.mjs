// The memory benchmark's DuckDB peer: sorts a Parquet table and writes it back as Parquet, with a
// memory limit (DuckDB spills to its temp directory beyond it).
// Usage: node bench/duckdb_sort.mjs INPUT_DIR OUTPUT_FILE ORDER_BY MEMORY_LIMIT THREADS TEMP_DIR
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tools', 'node', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [input, output, orderBy, memoryLimit, threads, tempDir] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
await connection.run(`SET memory_limit = '${memoryLimit}'`);
await connection.run(`SET temp_directory = '${tempDir}'`);
await connection.run(`SET preserve_insertion_order = true`);
const files = path.join(input, '*.parquet').replaceAll("'", "''");
await connection.run(
  `COPY (SELECT * FROM read_parquet('${files}') ORDER BY ${orderBy}) TO '${output}' (FORMAT parquet)`);
