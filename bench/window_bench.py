#!/usr/bin/env python3
"""Benchmark: window functions on TPC-H tables, Ember against DuckDB in the same run.

The queries are bench/window/qNN.sql (row_number per customer over orders, a running sum per part
over lineitem, lag per customer, a 7-row sliding average per part, rank() <= 3 per supplier), each
wrapped in aggregates so that the result is one row and collecting it costs nothing. Each engine
runs each query in its own process with the same number of threads, once to warm up and then
--runs times, timed inside the process as bench/tpch/run.py times TPC-H; the median counts. Both
engines' rows must agree (sums of decimals exactly; DuckDB averages decimals in DOUBLE, so a sum
of averages to a relative 1e-9).

    bench/window_bench.py [--scale 1] [--runs 3] [--threads 2] [--queries 1,2,3,4,5]
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "tpch"))

import harness  # noqa: E402
import run as tpch_run  # noqa: E402

QUERIES_DIR = os.path.join(HERE, "window")
GOAL = 1.5


def title(q):
    """The query's first line, its comment."""
    with open(os.path.join(QUERIES_DIR, f"q{q:02d}.sql")) as f:
        return f.readline().lstrip("- ").strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run of a query")
    parser.add_argument("--memory-gb", type=float, default=16)
    parser.add_argument("--queries", default="1,2,3,4,5")
    parser.add_argument("--work-dir", default=os.path.join(harness.ROOT, "build", "bench"))
    args = parser.parse_args()

    data = harness.ensure_data(os.path.join(args.work_dir, f"tpch-sf{args.scale:g}"), args.scale)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    rows, failed = [], False
    for q in (int(x) for x in args.queries.split(",")):
        records = {}
        for engine in ("duckdb", "ember"):
            records[engine] = tpch_run.timed_run(engine, data, q, args.runs, args.threads, args.timeout,
                                                 args.memory_gb, QUERIES_DIR)
            print(f"Q{q} {engine}: {tpch_run.cell(records[engine])} {records[engine].get('error', '')}",
                  file=sys.stderr, flush=True)
        ember, duckdb = records["ember"], records["duckdb"]
        if ember["status"] != "ok" or duckdb["status"] != "ok":
            rows.append(f"| {title(q)} | {tpch_run.cell(ember)} | {tpch_run.cell(duckdb)} | | |")
            failed = True
            continue
        diff = harness.compare(ember["result"], duckdb["result"], ordered=False, float_rel=1e-9)
        if diff is not None:
            print(f"Q{q}: results differ: {diff}", file=sys.stderr)
            failed = True
        ratio = ember["seconds"] / duckdb["seconds"]
        verdict = "wrong result" if diff else ("ok" if ratio <= GOAL else f"above {GOAL}x")
        rows.append(f"| {title(q)} | {ember['seconds']:.2f} | {duckdb['seconds']:.2f} | {ratio:.2f}x | {verdict} |")
    print(f"TPC-H SF{args.scale:g}, {args.threads} threads, median of {args.runs} runs after a warm-up "
          f"(seconds); load before the run: {load}\n")
    print("| query | Ember (s) | DuckDB (s) | Ember/DuckDB | goal <= 1.5x |")
    print("|---|---:|---:|---:|---|")
    print("\n".join(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
