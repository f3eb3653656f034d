#!/usr/bin/env python3
"""DuckDB interop checks of Ember's Parquet reader and writer.

(a) Ember writes files (every flat type, NULLs, each codec, dictionary on and off, several row
    groups); DuckDB must read back the same column types and values.
(b) DuckDB writes files (signed and unsigned integers, floats, dictionary-encoded strings, blobs,
    dates, timestamps with and without time zone, decimals of each physical width, NULLs; snappy,
    zstd, gzip and uncompressed; several row groups; format v1 and v2, whose data pages v2 use the
    DELTA_* and BYTE_STREAM_SPLIT encodings); Ember must read the same values with the types Spark
    gives them.

Values are compared in normalized text forms both sides can produce: integers and decimals as
DuckDB's VARCHAR casts print them, dates as days and timestamps as microseconds since the epoch,
binary as upper-case hex; floating point values compare as numbers.
"""
import argparse
import json
import os
import struct
import subprocess
import sys

DUCKDB_TYPE_OF_SPARK = {
    "boolean": "BOOLEAN", "tinyint": "TINYINT", "smallint": "SMALLINT", "int": "INTEGER",
    "bigint": "BIGINT", "float": "FLOAT", "double": "DOUBLE", "string": "VARCHAR",
    "binary": "BLOB", "date": "DATE", "timestamp": "TIMESTAMP WITH TIME ZONE",
    "timestamp_ntz": "TIMESTAMP",
}


def normalize_sql(name, spark_type):
    """DuckDB expression giving column `name` in the form parquet_tool prints for `spark_type`."""
    col = '"%s"' % name
    if spark_type in ("float", "double"):
        return "CAST(%s AS DOUBLE)" % col
    if spark_type == "binary":
        return "hex(%s)" % col
    if spark_type == "date":
        return "CAST(%s - DATE '1970-01-01' AS VARCHAR)" % col
    if spark_type in ("timestamp", "timestamp_ntz"):
        return "CAST(epoch_us(%s) AS VARCHAR)" % col
    return "CAST(%s AS VARCHAR)" % col


class Runner:
    def __init__(self, args):
        self.tool = os.path.abspath(args.tool)
        self.node_dir = os.path.abspath(args.node_dir)
        self.work_dir = os.path.abspath(args.work_dir)
        self.failures = []
        self.checks = 0

    def duckdb(self, sql):
        script = os.path.join(self.node_dir, "duckdb_query.mjs")
        result = subprocess.run(["node", script, sql, "1"], capture_output=True, text=True, cwd=self.node_dir)
        if result.returncode != 0:
            raise RuntimeError("DuckDB failed on %s:\n%s" % (sql, result.stderr))
        lines = result.stdout.splitlines()
        return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]

    def ember(self, *args):
        result = subprocess.run([self.tool, *args], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError("parquet_tool %s failed:\n%s" % (" ".join(args), result.stderr))
        lines = result.stdout.splitlines()
        return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]

    def fail(self, case, message):
        self.failures.append("%s: %s" % (case, message))

    def compare_rows(self, case, names, types, expected, actual):
        self.checks += 1
        if len(expected) != len(actual):
            self.fail(case, "row count %d, expected %d" % (len(actual), len(expected)))
            return
        for row, (want, got) in enumerate(zip(expected, actual)):
            if len(want) != len(got):
                self.fail(case, "row %d has %d columns, expected %d" % (row, len(got), len(want)))
                return
            for c, (w, g) in enumerate(zip(want, got)):
                if not values_equal(types[c], w, g):
                    self.fail(case, "row %d column %s: got %r, expected %r" % (row, names[c], g, w))
                    return

    def ember_writes(self):
        cases = [("snappy", "on", "1000000000"), ("zstd", "on", "20000"), ("gzip", "off", "60000"),
                 ("none", "on", "1000000000"), ("snappy", "off", "1000000000")]
        for codec, dictionary, group_bytes in cases:
            case = "ember-writes[%s,dictionary=%s,row_group_bytes=%s]" % (codec, dictionary, group_bytes)
            path = os.path.join(self.work_dir, "ember_%s_%s_%s.parquet" % (codec, dictionary, group_bytes))
            header, expected = self.ember("write", path, "5000", codec, dictionary, group_bytes)
            names, types = header["names"], header["types"]
            _, described = self.duckdb("DESCRIBE SELECT * FROM read_parquet('%s')" % path)
            self.checks += 1
            for (name, spark_type), row in zip(zip(names, types), described):
                want = DUCKDB_TYPE_OF_SPARK.get(spark_type, spark_type.upper())
                if row[0] != name or row[1] != want:
                    self.fail(case, "DuckDB sees %s %s, expected %s %s" % (row[0], row[1], name, want))
            select = ", ".join(normalize_sql(n, t) for n, t in zip(names, types))
            _, actual = self.duckdb("SELECT %s FROM read_parquet('%s')" % (select, path))
            self.compare_rows(case, names, types, expected, actual)
            if group_bytes != "1000000000":
                _, groups = self.duckdb("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('%s')" % path)
                self.checks += 1
                if int(groups[0][0]) < 2:
                    self.fail(case, "expected several row groups, DuckDB sees %s" % groups[0][0])

    def duckdb_writes(self):
        def nullable(expr, k):
            return "CASE WHEN (i + %d) %% 7 = 3 THEN NULL ELSE %s END" % (k, expr)

        columns = [
            ("b", "i % 3 = 0", "boolean"),
            ("t", "CAST(i % 200 - 100 AS TINYINT)", "tinyint"),
            ("s", "CAST(i * 37 % 60000 - 30000 AS SMALLINT)", "smallint"),
            ("n", "CAST(i * 7919 - 1000000 AS INTEGER)", "int"),
            ("l", "CAST(i * 1234567891234 - 99 AS BIGINT)", "bigint"),
            ("ut", "CAST(i % 250 AS UTINYINT)", "smallint"),
            ("us", "CAST(i * 13 % 65000 AS USMALLINT)", "int"),
            ("ui", "CAST(i * 1400000 AS UINTEGER)", "bigint"),
            ("ub", "CAST(i AS UBIGINT) * 6148914691236517", "decimal(20,0)"),
            ("f", "CAST(i / 4.0 - 100 AS FLOAT)", "float"),
            ("d", "CAST(i / 3.0 AS DOUBLE)", "double"),
            ("word", "'w' || (i % 10)", "string"),
            ("uniq", "'u' || i || repeat('z', CAST(i % 4 AS INTEGER))", "string"),
            ("blob", "encode('b' || i)", "binary"),
            ("day", "DATE '2000-01-01' + CAST(i * 11 - 10000 AS INTEGER)", "date"),
            ("ts", "TIMESTAMP '2020-01-01 00:00:00' + to_seconds(i * 37) + to_microseconds(i)", "timestamp_ntz"),
            ("tstz", "CAST(TIMESTAMP '1969-06-01 12:00:00' + to_seconds(i * 3601) AS TIMESTAMPTZ)", "timestamp"),
            ("d1", "CAST(i / 10 - 150 AS DECIMAL(4,1))", "decimal(4,1)"),
            ("d2", "CAST(i * 1234.567 AS DECIMAL(18,3))", "decimal(18,3)"),
            ("d3", "CAST((CASE WHEN i % 2 = 0 THEN '-' ELSE '' END) || CAST(i AS VARCHAR) || "
                   "'12345678901234567.0123456789' AS DECIMAL(38,10))", "decimal(38,10)"),
        ]
        select = ", ".join("%s AS %s" % (nullable(expr, k), name) for k, (name, expr, _) in enumerate(columns))
        # Format version V2 makes DuckDB write data page v2 with DELTA_BINARY_PACKED integers,
        # DELTA_LENGTH_BYTE_ARRAY strings and BYTE_STREAM_SPLIT floats.
        for codec, version in (("snappy", "V1"), ("zstd", "V1"), ("gzip", "V1"), ("uncompressed", "V1"),
                               ("zstd", "V2"), ("snappy", "V2")):
            case = "duckdb-writes[%s,%s]" % (codec, version)
            path = os.path.join(self.work_dir, "duckdb_%s_%s.parquet" % (codec, version))
            self.duckdb("COPY (SELECT %s FROM range(0, 3000) r(i)) TO '%s' (FORMAT parquet, COMPRESSION %s, "
                        "ROW_GROUP_SIZE 1024, PARQUET_VERSION %s)" % (select, path, codec, version))
            header, actual = self.ember("read", path)
            self.checks += 1
            want_types = [t for _, _, t in columns]
            if header["names"] != [n for n, _, _ in columns] or header["types"] != want_types:
                self.fail(case, "Ember reads schema %s %s, expected %s" % (header["names"], header["types"], want_types))
                continue
            names, types = header["names"], header["types"]
            query = ", ".join(normalize_sql(n, t) for n, t in zip(names, types))
            _, expected = self.duckdb("SELECT %s FROM read_parquet('%s')" % (query, path))
            self.compare_rows(case, names, types, expected, actual)
            _, encodings = self.duckdb("SELECT count(*) FROM parquet_metadata('%s') WHERE path_in_schema = 'word' "
                                       "AND encodings LIKE '%%DICTIONARY%%'" % path)
            self.checks += 1
            if int(encodings[0][0]) == 0:
                self.fail(case, "DuckDB did not dictionary-encode the string column")


def values_equal(spark_type, want, got):
    if want is None or got is None:
        return want is None and got is None
    if spark_type == "float":
        return struct.pack("<f", float(want)) == struct.pack("<f", float(got))
    if spark_type == "double":
        return float(want) == float(got)
    return str(want) == str(got)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--node-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.node_dir, "node_modules", "@duckdb", "node-api")):
        print("DuckDB node package missing: run scripts/setup.sh", file=sys.stderr)
        return 1
    os.makedirs(args.work_dir, exist_ok=True)
    runner = Runner(args)
    runner.ember_writes()
    runner.duckdb_writes()
    for failure in runner.failures:
        print("FAIL", failure)
    print("%d checks, %d failures" % (runner.checks, len(runner.failures)))
    return 1 if runner.failures else 0


if __name__ == "__main__":
    sys.exit(main())
