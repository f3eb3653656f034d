"""Shared pieces of the benchmarks that time Ember and DuckDB in the same run: each engine runs a case
RUNS times in one child process that times the operation itself (no start-up) and reports the wall
time and the CPU time of the whole process (all threads) per run, with the rows of the last run."""
import decimal
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

EMBER_CHILD = """
import json, sys, time
sys.path.insert(0, {python!r})
import ember
ember.activate()
from pyspark.sql import SparkSession, functions as F
spark = (SparkSession.builder.master("local[{threads}]").config("spark.sql.session.timeZone", {time_zone!r})
         .getOrCreate())
times, cpu, rows = [], [], []
for run in range({runs}):
    start, cpu_start = time.monotonic(), time.process_time()
{body}
    times.append(time.monotonic() - start)
    cpu.append(time.process_time() - cpu_start)
print(json.dumps({{"times": times, "cpu": cpu, "rows": [[str(v) for v in row] for row in rows]}}))
"""


def run_ember(threads, runs, body, time_zone="UTC"):
    """Runs the Python statements in body (a PySpark `spark` and `F` in scope; set `rows` to the
    collected result) RUNS times in a child process whose session zone is time_zone."""
    indented = "\n".join("    " + line for line in body.strip().splitlines())
    code = EMBER_CHILD.format(python=os.path.join(ROOT, "python"), threads=threads, runs=runs, body=indented,
                              time_zone=time_zone)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.splitlines()[-1])


def run_duckdb(threads, runs, sql, clear_dir="", time_zone="UTC"):
    out = subprocess.run(["node", os.path.join(ROOT, "bench", "duckdb_timed.mjs"), str(threads), str(runs),
                          clear_dir, sql, time_zone], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.splitlines()[-1])


def canonical(rows):
    """Rows as comparable values: numbers (decimal sums included) as Decimal, others as text."""
    def value(v):
        try:
            return decimal.Decimal(str(v))
        except decimal.InvalidOperation:
            return str(v)
    return [[value(v) for v in row] for row in rows]


def time_case(threads, runs, name, ember_body, duckdb_sql, clear_dir="", compared_columns=None, time_zone="UTC"):
    """Runs one case on both engines (session zone, DuckDB's TimeZone: time_zone), checks that their
    rows agree (only the first compared_columns columns when given; nothing when Ember returns no
    rows) and returns (name, wall medians, CPU medians) for print_table."""
    ember = run_ember(threads, runs, ember_body, time_zone)
    duck = run_duckdb(threads, runs, duckdb_sql, clear_dir, time_zone)
    def compared(rows):
        return canonical([row[:compared_columns] for row in rows])
    if ember["rows"] and compared(ember["rows"]) != compared(duck["rows"]):
        raise SystemExit(f"{name}: Ember {ember['rows']} != DuckDB {duck['rows']}")
    print(f"{name}: Ember {ember['times']} {ember['cpu']} {ember['rows']} DuckDB {duck['times']} {duck['cpu']} "
          f"{duck['rows']}", file=sys.stderr)
    return (name, statistics.median(ember["times"]), statistics.median(duck["times"]),
            statistics.median(ember["cpu"]), statistics.median(duck["cpu"]))


def print_table(title, results):
    """Prints the title with the current load average, then a Markdown table of time_case results."""
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    print(f"{title}, load average {load}\n")
    print("| case | Ember (s) | DuckDB (s) | Ember / DuckDB | Ember CPU (s) | DuckDB CPU (s) | CPU ratio |\n"
          "|---|---:|---:|---:|---:|---:|---:|")
    for name, ember_s, duck_s, ember_cpu, duck_cpu in results:
        print(f"| {name} | {ember_s:.2f} | {duck_s:.2f} | {ember_s / duck_s:.2f}x | {ember_cpu:.2f} | "
              f"{duck_cpu:.2f} | {ember_cpu / duck_cpu:.2f}x |")
