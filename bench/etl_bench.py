#!/usr/bin/env python3
"""Benchmark: the SaaS ETL (examples/saas_etl.py) on Ember against DuckDB doing the same job.

Both read the same generated JSON Lines with the same explicit columns, group by account and day
with count(*) and count(DISTINCT user_id), and write snappy Parquet, with the same number of
threads, in the same run. Reports wall time, input MB/s and peak RSS, and checks that both
produced the same rows.

    bench/etl_bench.py [--size-gb 2] [--threads 2] [--runs 3]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DUCKDB_QUERY = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")


def ensure_data(directory, size_gb):
    manifest = os.path.join(directory, "_MANIFEST")
    wanted = json.dumps({"size_gb": size_gb, "generator": 2})
    if os.path.exists(manifest) and open(manifest).read() == wanted:
        return
    subprocess.run([sys.executable, os.path.join(ROOT, "examples", "generate_clickstream.py"),
                    "--size-gb", str(size_gb), "--files", "16", "--out", directory], check=True)
    with open(manifest, "w") as out:
        out.write(wanted)


def measure(command):
    """Runs a command; returns (wall seconds, peak RSS in MB of it and its waited children)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    return wall, usage.ru_maxrss / 1024


def result_rows(parquet_glob):
    sql = ("SELECT account_id, CAST(event_date AS VARCHAR), event_count, active_users "
           f"FROM read_parquet('{parquet_glob}') ORDER BY ALL")
    out = subprocess.run(["node", DUCKDB_QUERY, sql], check=True, capture_output=True, text=True)
    return out.stdout.splitlines()[1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-gb", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work-dir", default=os.path.join(ROOT, "build", "bench"))
    args = parser.parse_args()

    data = os.path.join(args.work_dir, "events")
    ensure_data(data, args.size_gb)
    input_bytes = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data)
                      if f.endswith(".json"))
    ember_out = os.path.join(args.work_dir, "out-ember")
    duckdb_out = os.path.join(args.work_dir, "out-duckdb.parquet")
    ember = [os.path.join(ROOT, "bin", "ember"), "submit", "--master", f"local[{args.threads}]",
             "--conf", "spark.sql.session.timeZone=UTC",
             os.path.join(ROOT, "examples", "saas_etl.py"), data, ember_out]
    duckdb = ["node", os.path.join(ROOT, "bench", "duckdb_etl.mjs"), data, duckdb_out,
              str(args.threads), "UTC"]

    results = {"Ember": [], "DuckDB": []}
    for _ in range(args.runs):
        for name, command in (("Ember", ember), ("DuckDB", duckdb)):
            results[name].append(measure(command))
    if result_rows(ember_out + "/*.parquet") != result_rows(duckdb_out):
        raise SystemExit("Ember and DuckDB produced different rows")

    mb = input_bytes / 1e6
    print(f"SaaS ETL, {mb:.0f} MB of JSON Lines, {args.threads} threads, "
          f"median of {args.runs} runs (outputs checked equal)\n")
    print("| engine | wall time (s) | input MB/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|")
    medians = {}
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        medians[name] = wall
        print(f"| {name} | {wall:.2f} | {mb / wall:.0f} | {rss:.0f} |")
    print(f"\nEmber / DuckDB wall time: {medians['Ember'] / medians['DuckDB']:.2f}x")
    shutil.rmtree(ember_out, ignore_errors=True)


if __name__ == "__main__":
    main()
