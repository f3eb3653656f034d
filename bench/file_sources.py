#!/usr/bin/env python3
"""Benchmark: Ember's file sources against DuckDB in the same run, with the same threads, on TPC-H
lineitem (ember-tpch-gen, '|'-separated CSV with a header line, and Parquet):

  csv-schema     CSV read with the given schema (every column converted: count(c) of each)
  csv-infer      the same with inferSchema (Ember's full inference pass; DuckDB's sniffer)
  write-ym       the Parquet table written partitioned by l_shipdate's year-month (84 folders)
  read-ym        a filtered read of that partitioned table (Ember's output, read by both):
                 a year of partitions and a data-column predicate, then count and sum

Each engine runs each case RUNS times in one child process that times the operation itself (no
start-up): wall time and the CPU time of the whole process (all threads), which says more than
wall time on a loaded machine. Medians are reported; both engines' results must agree.

    bench/file_sources.py [--scale 1] [--threads 2] [--runs 3] [--work-dir build/bench]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench", "tpch"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

import harness  # noqa: E402
from engine_timing import print_table, time_case  # noqa: E402

COLUMNS = [
    ("l_orderkey", "BIGINT"), ("l_partkey", "BIGINT"), ("l_suppkey", "BIGINT"), ("l_linenumber", "INT"),
    ("l_quantity", "DECIMAL(15,2)"), ("l_extendedprice", "DECIMAL(15,2)"), ("l_discount", "DECIMAL(15,2)"),
    ("l_tax", "DECIMAL(15,2)"), ("l_returnflag", "STRING"), ("l_linestatus", "STRING"), ("l_shipdate", "DATE"),
    ("l_commitdate", "DATE"), ("l_receiptdate", "DATE"), ("l_shipinstruct", "STRING"), ("l_shipmode", "STRING"),
    ("l_comment", "STRING"),
]
DUCKDB_TYPES = {"BIGINT": "BIGINT", "INT": "INTEGER", "DECIMAL(15,2)": "DECIMAL(15,2)", "STRING": "VARCHAR",
                "DATE": "DATE"}
READ_FILTER = "ym >= '1995-01' AND ym <= '1995-12' AND l_quantity < 25"

def ensure_lineitem(work_dir, scale, fmt):
    folder = os.path.join(work_dir, f"lineitem-sf{scale:g}-{fmt}")
    manifest = os.path.join(folder, "_MANIFEST")
    wanted = json.dumps({"scale": f"{scale:g}", "generator": harness.generator_version()})
    if os.path.exists(manifest) and open(manifest).read() == wanted:
        return os.path.join(folder, "lineitem")
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([harness.generator_path(), "--scale", str(scale), "--format", fmt, "--out", folder,
                    "--tables", "lineitem", "--threads", "2"], check=True)
    with open(manifest, "w") as f:
        f.write(wanted)
    return os.path.join(folder, "lineitem")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work-dir", default=os.path.join(ROOT, "build", "bench"))
    args = parser.parse_args()
    csv_dir = ensure_lineitem(args.work_dir, args.scale, "csv")
    parquet_dir = ensure_lineitem(args.work_dir, args.scale, "parquet")
    out = os.path.join(args.work_dir, "file-sources")
    ember_out, duckdb_out = os.path.join(out, "ember-ym"), os.path.join(out, "duckdb-ym")
    os.makedirs(out, exist_ok=True)

    counts = ", ".join(f"F.count({name!r})" for name, _ in COLUMNS)
    count_sql = ", ".join(f"count({name})" for name, _ in COLUMNS)
    ddl = ", ".join(f"{name} {type_}" for name, type_ in COLUMNS)
    duck_columns = "{%s}" % ", ".join(f"'{name}': '{DUCKDB_TYPES[t]}'" for name, t in COLUMNS)
    csv_glob = os.path.join(csv_dir, "*.csv")
    ym_sum = "count(*), sum(l_extendedprice * (1 - l_discount))"
    cases = [
        ("CSV read, schema given",
         f"rows = spark.read.schema({ddl!r}).option('header', True).option('sep', '|').csv({csv_dir!r})"
         f".agg({counts}).collect()",
         f"SELECT {count_sql} FROM read_csv('{csv_glob}', header=true, delim='|', columns={duck_columns})", ""),
        ("CSV read, inferSchema",
         f"rows = spark.read.option('header', True).option('inferSchema', True).option('sep', '|')"
         f".csv({csv_dir!r}).agg({counts}).collect()",
         f"SELECT {count_sql} FROM read_csv('{csv_glob}', header=true, delim='|')", ""),
        ("Parquet write partitioned by l_shipdate year-month",
         f"spark.read.parquet({parquet_dir!r}).withColumn('ym', F.date_format('l_shipdate', 'yyyy-MM'))"
         f".write.mode('overwrite').partitionBy('ym').parquet({ember_out!r})",
         f"COPY (SELECT *, strftime(l_shipdate, '%Y-%m') AS ym FROM read_parquet('{parquet_dir}/*.parquet')) "
         f"TO '{duckdb_out}' (FORMAT parquet, PARTITION_BY (ym))", duckdb_out),
        ("Filtered read of the partitioned table",
         f"rows = spark.read.parquet({ember_out!r}).where({READ_FILTER!r})"
         f".selectExpr({ym_sum!r}.split(', ')[0], {ym_sum!r}.split(', ')[1]).collect()",
         f"SELECT {ym_sum} FROM read_parquet('{ember_out}/*/*.parquet', hive_partitioning=true) "
         f"WHERE {READ_FILTER}", ""),
    ]
    results = [time_case(args.threads, args.runs, name, ember_body, duckdb_sql, clear)
               for name, ember_body, duckdb_sql, clear in cases]
    print_table(f"TPC-H SF{args.scale:g} lineitem, {args.threads} threads, median of {args.runs} runs", results)


if __name__ == "__main__":
    main()
