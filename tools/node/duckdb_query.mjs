// Runs one SQL statement in DuckDB and prints the result rows as JSON Lines (one array per row),
// preceded by a line with the column names and types. Used by tests as an independent oracle.
// Usage: node duckdb_query.mjs "SQL" [threads]
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv[2];
const threads = process.argv[3] ?? '2';
const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const names = reader.columnNames();
const types = reader.columnTypes().map((t) => t.toString());
process.stdout.write(JSON.stringify({ names, types }) + '\n');
for (const row of reader.getRowsJson()) process.stdout.write(JSON.stringify(row) + '\n');
