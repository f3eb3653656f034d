"""What the memory benchmarks (memory_sort.py, memory_agg.py, memory_join.py) share: their options,
the Ember job under a budget, the DuckDB peer, how a child process is measured, the check of both
outputs, and the table printed."""
import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tpch"))

import harness  # noqa: E402

EMBER_JOB = """
import sys
sys.path.insert(0, {python!r})
import ember
ember.activate()
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[{threads}]").config("spark.driver.memory", {memory!r})
         .config("spark.local.dir", {spill!r}).getOrCreate())
"""


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--memory", default="2g")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work-dir", default=os.path.join(harness.ROOT, "build", "bench"))
    parser.add_argument("--data", help="the TPC-H tables' folder (default: WORK_DIR/tpch-sf<SCALE>)")
    return parser.parse_args()


def prepare(args, name):
    """The TPC-H tables' folder and a fresh output folder `name` with its spill folder."""
    data = harness.ensure_data(args.data or os.path.join(args.work_dir, f"tpch-sf{args.scale:g}"), args.scale)
    out = os.path.join(args.work_dir, name)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "spill"))
    return data, out


def run(command, env=None):
    """Runs a child; returns (seconds, peak RSS in bytes)."""
    start = time.monotonic()
    child = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} failed with status {status}")
    return seconds, usage.ru_maxrss * 1024


def run_ember(args, out, body):
    """Runs `body` (Python over `spark`, a session under the budget) in its own process."""
    job = EMBER_JOB.format(python=os.path.join(harness.ROOT, "python"), threads=args.threads,
                           memory=args.memory, spill=os.path.join(out, "spill")) + body
    return run([sys.executable, "-c", job])


def run_duckdb(args, out, query, preserve_order):
    """Writes `query`'s result to out/duckdb.parquet under memory_limit, in its own process."""
    limit = args.memory.upper().rstrip("B") + "B"
    return run(["node", os.path.join(harness.ROOT, "bench", "duckdb_copy.mjs"), os.path.join(out, "duckdb.parquet"),
                limit, str(args.threads), os.path.join(out, "spill"), str(preserve_order).lower(), query])


def run_check(args, out, body):
    """Runs `body` (Python over `spark`, a session with a 4 GB budget) and returns what it printed,
    split into words."""
    job = EMBER_JOB.format(python=os.path.join(harness.ROOT, "python"), threads=args.threads, memory="4g",
                           spill=os.path.join(out, "spill")) + body
    return subprocess.run([sys.executable, "-c", job], check=True, capture_output=True, text=True).stdout.split()


def parquet_files(folder):
    return os.path.join(folder, "*.parquet").replace("'", "''")


def report(title, results):
    print(title + "\n")
    print("| engine | wall time (s) | peak RSS (GiB) |\n|---|---:|---:|")
    for engine, (seconds, rss) in results.items():
        print(f"| {engine} | {seconds:.1f} | {rss / 2**30:.2f} |")
