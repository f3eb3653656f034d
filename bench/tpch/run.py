#!/usr/bin/env python3
"""Benchmark: the 22 TPC-H queries on Ember, DuckDB and Polars over the same generated Parquet.

Each engine runs each query in its own process with the same number of threads (Ember local[N],
DuckDB SET threads=N, Polars POLARS_MAX_THREADS=N). Inside that process the query runs once to warm
up (not counted) and then --runs times; the time of a run is measured in the process around the
query's execution and the collection of its rows, so start-up, imports and registering the tables
are never counted. A run that does not finish within --timeout seconds is recorded as a timeout and
the process is killed; each process may use --memory-gb of address space. Every answer is checked against DuckDB's (Polars, which computes money in
floating point, to a relative 1e-9); the geometric means cover the queries all engines finished
with a checked answer. --ember-memory gives Ember's process a memory budget (spark.driver.memory);
the table then also shows each Ember process's peak RSS, measured from outside it (wait4).

    bench/tpch/run.py [--scale 1 10] [--runs 3] [--threads 2] [--timeout 600]
                      [--engines ember,duckdb,polars] [--queries 1,3,5] [--skip ember:9,ember:19]
                      [--memory-gb 16] [--ember-memory 4g] [--data DIR]
"""
import argparse
import json
import math
import os
import resource
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

ENGINES = {"ember": "Ember", "duckdb": "DuckDB", "polars": "Polars"}


def timed_run(engine, data, q, runs, threads, timeout, memory_gb, queries_dir=harness.QUERIES_DIR,
              ember_memory=None):
    """Runs query q warm-up + `runs` times in a child; returns a record with status "ok" (and the
    result object), "error" or "timeout", and the child's peak RSS in bytes. The child's address
    space is limited to `memory_gb`, so that a runaway plan fails on its own instead of exhausting
    the shared machine; `ember_memory`: Ember's spark.driver.memory."""
    command = harness.runner_command(engine, data, [q], runs + 1, threads, queries_dir)
    limit = int(memory_gb * 2**30)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True,
                                 env=harness.runner_env(engine, threads, ember_memory), preexec_fn=limit_memory)
        try:
            result = _read_result(child, timeout)
        finally:
            os.kill(child.pid, signal.SIGKILL)  # not reaped yet (poll would), so the pid is still the child's
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        peak = {"peak_rss": usage.ru_maxrss * 1024}
        if result is None:
            stderr.seek(0)
            tail = stderr.read().decode(errors="replace").strip().splitlines()[-1:]
            return {"status": "error", "error": f"exit {child.returncode}: {' '.join(tail)}", **peak}
    if result == "timeout":
        return {"status": "timeout", **peak}
    if "error" in result:
        return {"status": "error", "error": result["error"], **peak}
    times = result["times"][1:]
    return {"status": "ok", "seconds": statistics.median(times), "times": times,
            "warmup": result["times"][0], "rows": len(result["rows"]), "result": result, **peak}


def _read_result(child, timeout):
    """The result line of the child, "timeout" when a run takes longer than `timeout` seconds, or
    None when the child ends without one."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return "timeout"
        ready, _, _ = select.select([child.stdout], [], [], remaining)
        if not ready:
            return "timeout"
        line = child.stdout.readline()
        if not line:
            return None
        if not line.startswith("{"):
            continue
        obj = json.loads(line)
        if "run" in obj:
            deadline = time.monotonic() + timeout
        else:
            return obj


def check(engine, q, record, reference):
    """Compares an engine's answer with DuckDB's; sets record["check"]."""
    if record["status"] != "ok" or engine == "duckdb":
        return
    if reference is None or reference["status"] != "ok":
        record["check"] = "unchecked"
        return
    expected = reference["result"]
    float_rel = 1e-9 if engine == "polars" else 0.0
    diff = harness.compare(record["result"], expected, harness.fully_ordered(q, expected), float_rel)
    record["check"] = "ok" if diff is None else f"differs: {diff}"


def usable(record):
    return record and record["status"] == "ok" and record.get("check", "ok") == "ok"


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def cell(record):
    if record is None:
        return "-"
    if record["status"] == "ok":
        text = f"{record['seconds']:.2f}"
        status = record.get("check", "ok")
        return text if status == "ok" else text + (" (unchecked)" if status == "unchecked" else
                                                   " (wrong)")
    return record["status"]


def report(scale, engines, queries, results, runs, threads, ember_memory=None):
    names = [ENGINES[e] for e in engines]
    budget = f", Ember with spark.driver.memory={ember_memory}" if ember_memory else ""
    lines = [f"TPC-H SF{scale:g}, {threads} threads{budget}, wall time per query in seconds (median of "
             f"{runs} runs after 1 warm-up run, timed inside each engine's process)", ""]
    ratios = [e for e in engines if e != "ember"] if "ember" in engines else []
    rss = ember_memory is not None and "ember" in engines
    head = ["query"] + names + [f"Ember/{ENGINES[e]}" for e in ratios] + (["Ember peak RSS (GiB)"] if rss else [])
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|---|" + "---:|" * (len(head) - 1))
    for q in queries:
        row = [f"Q{q}"] + [cell(results[e].get(q)) for e in engines]
        for e in ratios:
            a, b = results["ember"].get(q), results[e].get(q)
            row.append(f"{a['seconds'] / b['seconds']:.2f}" if usable(a) and usable(b) else "")
        if rss:
            peak = (results["ember"].get(q) or {}).get("peak_rss")
            row.append(f"{peak / 2**30:.2f}" if peak else "")
        lines.append("| " + " | ".join(row) + " |")
    common = [q for q in queries if all(usable(results[e].get(q)) for e in engines)]
    summary = {"queries_all_finished": common}
    lines.append("")
    for e in ratios:
        g = geomean([results["ember"][q]["seconds"] / results[e][q]["seconds"] for q in common])
        summary[f"ember_over_{e}"] = g
        if g is not None:
            lines.append(f"Geometric mean Ember/{ENGINES[e]} over the {len(common)} queries all "
                         f"engines finished ({', '.join(f'Q{q}' for q in common)}): **{g:.2f}x**")
    return "\n".join(lines), summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, nargs="+", default=[1.0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run of a query")
    parser.add_argument("--engines", default="ember,duckdb,polars")
    parser.add_argument("--queries", default=",".join(str(q) for q in harness.QUERIES))
    parser.add_argument("--memory-gb", type=float, default=16,
                        help="address-space limit of each engine's process")
    parser.add_argument("--skip", default="", help="engine:query pairs not to run, e.g. ember:19")
    parser.add_argument("--work-dir", default=os.path.join(harness.ROOT, "build", "bench"))
    parser.add_argument("--data", help="the tables' folder (one scale; default: WORK_DIR/tpch-sf<SCALE>)")
    parser.add_argument("--ember-memory", help="Ember's spark.driver.memory, e.g. 4g (default: unset)")
    args = parser.parse_args()

    engines = args.engines.split(",")
    queries = [int(q) for q in args.queries.split(",")]
    skip = {tuple(s.split(":")) for s in args.skip.split(",") if s}
    order = ["duckdb"] + [e for e in engines if e != "duckdb"]  # the reference first
    for scale in args.scale:
        data = harness.ensure_data(args.data or os.path.join(args.work_dir, f"tpch-sf{scale:g}"), scale)
        results = {e: {} for e in engines}
        for q in queries:
            for engine in order:
                if engine not in engines and engine != "duckdb":
                    continue
                if (engine, str(q)) in skip:
                    record = {"status": "skipped"}
                else:
                    record = timed_run(engine, data, q, args.runs, args.threads, args.timeout,
                                       args.memory_gb, ember_memory=args.ember_memory)
                check(engine, q, record, results.get("duckdb", {}).get(q))
                results.setdefault(engine, {})[q] = record
                print(f"SF{scale:g} Q{q} {ENGINES[engine]}: {cell(record)}"
                      f"{' ' + record.get('error', '') if record['status'] == 'error' else ''}"
                      f"{' ' + record['check'] if record.get('check', 'ok') != 'ok' else ''}",
                      file=sys.stderr, flush=True)
        table, summary = report(scale, engines, queries, results, args.runs, args.threads, args.ember_memory)
        print(table + "\n")
        for per_engine in results.values():
            for record in per_engine.values():
                record.pop("result", None)
        out = os.path.join(args.work_dir, f"tpch-results-sf{scale:g}.json")
        with open(out, "w") as f:
            json.dump({"scale": scale, "threads": args.threads, "runs": args.runs,
                       "timeout": args.timeout, "memory_gb": args.memory_gb, "ember_memory": args.ember_memory, "engines": engines, "queries": queries,
                       "results": {e: {str(q): r for q, r in results[e].items()} for e in results},
                       "summary": summary}, f, indent=1)
        print(f"(results saved to {os.path.relpath(out, harness.ROOT)})\n")


if __name__ == "__main__":
    main()
