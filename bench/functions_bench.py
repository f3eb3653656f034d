#!/usr/bin/env python3
"""Benchmark: ten common string, date and collection functions on Ember against DuckDB in the same
run, with the same threads, over one Parquet file of N rows (written once by Ember):

  id bigint, s string ('Customer#000012345'), d date, ds string (d as 'yyyy-MM-dd'), ts timestamp,
  j string ('{"a": 345, "b": "Customer#12345"}'), c string ('alpha,beta,12345': 2 to 6 fields)

s, ts, j and c differ on every row (a repeated value would let an engine compute it once per
Parquet dictionary entry); d and ds repeat as dates do (12000 days).

Each case is one query per engine that reads the file and aggregates every computed value (a sum of
lengths, a max, a count). Both engines' results must agree, except for hash: Spark's Murmur3 and
DuckDB's hash() give different values, so only the row count is compared there. Wall time and the
CPU time of the whole process are medians of RUNS runs in one child process per engine.

    bench/functions_bench.py [--rows 10000000] [--threads 2] [--runs 3] [--data-dir /work/data/bench]
                             [--time-zone UTC] [--cases to_date,date_format]

--time-zone sets both engines' session zone (spark.sql.session.timeZone, DuckDB's TimeZone): with a
zone that has transitions (America/Los_Angeles) the date cases convert through its offsets. --cases
runs only the named cases.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))

from engine_timing import print_table, time_case  # noqa: E402

DATA_VERSION = "1"
WORDS = "alpha,beta,gamma,delta,epsilon,zeta"
COLUMNS = [
    ("id", "id"),
    ("s", "concat('Customer#', lpad(cast(id as string), 9, '0'))"),
    ("d", "date_add(date'1990-01-01', cast(id % 12000 as int))"),
    ("ds", "cast(date_add(date'1990-01-01', cast(id % 12000 as int)) as string)"),
    ("ts", "timestamp_seconds(631152000 + (id * 7919) % 1000000000)"),
    ("j", "concat('{\"a\": ', cast(id % 1000 as string), ', \"b\": \"Customer#', cast(id as string), '\"}')"),
    ("c", f"concat(substring_index('{WORDS}', ',', cast(1 + id % 5 as int)), ',', cast(id as string))"),
]


def ensure_data(data_dir, rows, threads):
    folder = os.path.join(data_dir, f"functions-{rows}")
    manifest = os.path.join(folder, "_MANIFEST")
    wanted = json.dumps({"rows": rows, "version": DATA_VERSION, "columns": COLUMNS})
    if os.path.exists(manifest) and open(manifest).read() == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    select = [f"{expr} AS {name}" for name, expr in COLUMNS]
    code = f"""
import sys
sys.path.insert(0, {os.path.join(ROOT, "python")!r})
import ember
ember.activate()
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[{threads}]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
spark.range({rows}).selectExpr(*{select!r}).coalesce(1).write.parquet({folder!r})
"""
    subprocess.run([sys.executable, "-c", code], check=True)
    with open(manifest, "w") as f:
        f.write(wanted)
    return folder


def cases(path):
    """(name, Ember PySpark statement setting rows, DuckDB SQL, how many result columns are compared:
    None for all)."""
    def ember(*aggs, select=None):
        frame = f"spark.read.parquet({path!r})" + (f".select({select})" if select else "")
        return f"rows = {frame}.selectExpr(*{list(aggs)!r}).collect()"
    def both(name, *aggs, duck_aggs=None):
        return (name, ember(*aggs), f"SELECT {', '.join(duck_aggs or aggs)} FROM {table}", None)
    table = f"read_parquet('{path}/*.parquet')"
    return [
        both("lower", "sum(length(lower(s)))", "max(lower(s))"),
        both("substring", "sum(length(substring(s, 5, 10)))", "max(substring(s, 5, 10))"),
        both("regexp_replace", "sum(length(regexp_replace(s, '[0-9]+', 'N')))",
             "max(regexp_replace(s, '[0-9]+', 'N'))"),
        both("split + size", "sum(size(split(c, ',')))", duck_aggs=["sum(len(string_split(c, ',')))"]),
        both("date_format", "sum(length(date_format(ts, 'yyyy-MM-dd HH:mm')))",
             "max(date_format(ts, 'yyyy-MM-dd HH:mm'))",
             duck_aggs=["sum(length(strftime(ts, '%Y-%m-%d %H:%M')))", "max(strftime(ts, '%Y-%m-%d %H:%M'))"]),
        both("to_date", "min(to_date(ds, 'yyyy-MM-dd'))", "max(to_date(ds, 'yyyy-MM-dd'))",
             duck_aggs=["min(strptime(ds, '%Y-%m-%d')::DATE)", "max(strptime(ds, '%Y-%m-%d')::DATE)"]),
        both("concat_ws", "sum(length(concat_ws('|', s, ds, c)))", "max(concat_ws('|', s, ds, c))"),
        ("explode", ember("count(*)", "sum(x)", select="F.explode(F.array(F.col('id') % 7, F.col('id') % 11, "
                                                       "F.col('id') % 13)).alias('x')"),
         f"SELECT count(*), sum(x) FROM (SELECT unnest([id % 7, id % 11, id % 13]) AS x FROM {table})", None),
        ("from_json", ember("sum(r.a)", "sum(length(r.b))", select="F.from_json('j', 'a INT, b STRING').alias('r')"),
         "SELECT sum(r.a), sum(length(r.b)) FROM (SELECT json_transform(j, '{\"a\": \"INTEGER\", \"b\": \"VARCHAR\"}') "
         f"AS r FROM {table})", None),
        ("hash (values differ: counts compared)", ember("count(hash(s, id))", "sum(hash(s, id))"),
         f"SELECT count(hash(s, id)), sum(hash(s, id)) FROM {table}", 1),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data-dir", default="/work/data/bench")
    parser.add_argument("--time-zone", default="UTC")
    parser.add_argument("--cases", help="comma-separated case names (all when left out)")
    args = parser.parse_args()
    path = ensure_data(args.data_dir, args.rows, args.threads)
    chosen = cases(path)
    if args.cases:
        wanted = args.cases.split(",")
        unknown = set(wanted) - {name for name, *_ in chosen}
        if unknown:
            raise SystemExit(f"unknown cases: {', '.join(sorted(unknown))}")
        chosen = [case for case in chosen if case[0] in wanted]
    results = [time_case(args.threads, args.runs, name, ember_body, duckdb_sql, compared_columns=columns,
                         time_zone=args.time_zone)
               for name, ember_body, duckdb_sql, columns in chosen]
    print_table(f"{args.rows:,} rows in one Parquet file, {args.threads} threads, median of {args.runs} runs, "
                f"session time zone {args.time_zone}", results)


if __name__ == "__main__":
    main()
