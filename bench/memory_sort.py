#!/usr/bin/env python3
"""Benchmark: sorting TPC-H lineitem and writing it back as Parquet under a memory budget, Ember
(spark.driver.memory) against DuckDB (memory_limit), in the same run on the same files. Each engine
runs in its own process; wall time is measured around the whole process (start-up included, the
same for both), peak RSS from outside the process (the child's ru_maxrss from wait4).

    bench/memory_sort.py [--scale 1] [--memory 2g] [--threads 2] [--work-dir build/bench]
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tpch"))

import harness  # noqa: E402

ORDER_BY = "l_shipdate, l_orderkey, l_linenumber"

EMBER_JOB = """
import sys
sys.path.insert(0, {python!r})
import ember
ember.activate()
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[{threads}]").config("spark.driver.memory", {memory!r})
         .config("spark.local.dir", {spill!r}).getOrCreate())
spark.read.parquet({input!r}).orderBy({columns}).write.parquet({output!r})
"""


def run(command, env=None):
    """Runs a child; returns (seconds, peak RSS in bytes)."""
    start = time.monotonic()
    child = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} failed with status {status}")
    return seconds, usage.ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--memory", default="2g")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work-dir", default=os.path.join(harness.ROOT, "build", "bench"))
    args = parser.parse_args()

    data = harness.ensure_data(os.path.join(args.work_dir, f"tpch-sf{args.scale:g}"), args.scale)
    lineitem = os.path.join(data, "lineitem")
    out = os.path.join(args.work_dir, "memory-sort")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "spill"))
    columns = ", ".join(repr(c.strip()) for c in ORDER_BY.split(","))
    job = EMBER_JOB.format(python=os.path.join(harness.ROOT, "python"), threads=args.threads,
                           memory=args.memory, spill=os.path.join(out, "spill"), input=lineitem,
                           columns=columns, output=os.path.join(out, "ember"))
    results = {"Ember": run([sys.executable, "-c", job])}
    limit = args.memory.upper().rstrip("B") + "B"
    results["DuckDB"] = run(["node", os.path.join(harness.ROOT, "bench", "duckdb_sort.mjs"), lineitem,
                             os.path.join(out, "duckdb.parquet"), ORDER_BY, limit, str(args.threads),
                             os.path.join(out, "spill")])
    print(f"TPC-H SF{args.scale:g} lineitem sorted by {ORDER_BY} and written as Parquet, "
          f"{args.threads} threads, memory {args.memory}\n")
    print("| engine | wall time (s) | peak RSS (GiB) |\n|---|---:|---:|")
    for engine, (seconds, rss) in results.items():
        print(f"| {engine} | {seconds:.1f} | {rss / 2**30:.2f} |")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
