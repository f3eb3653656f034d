"""Shared pieces of the TPC-H benchmark (bench/tpch/run.py) and its tests (tests/tpch): the cached
generated data, the query texts, the per-engine runner commands, and the comparison of results.

Every engine runs in a child process that prints, per query, a JSON line after each run,
{"query": N, "run": i, "time": seconds}, then the result line
{"query": N, "names": [...], "types": [...], "rows": [[...], ...], "times": [seconds per run]}
or {"query": N, "error": "..."}. Values are JSON: strings for decimals, dates and 64-bit integers
where the engine gives them so, numbers otherwise; `canonical` turns them into comparable Python
values. Times are measured inside the child around the query's execution and result collection,
so process start-up and data registration are never counted.
"""
import decimal
import hashlib
import json
import math
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TPCH_DIR = os.path.join(ROOT, "bench", "tpch")
QUERIES_DIR = os.path.join(TPCH_DIR, "queries")
POLARS_DIR = os.path.join(TPCH_DIR, "polars")
NODE_DIR = os.path.join(ROOT, "tools", "node")
TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
QUERIES = list(range(1, 23))


def generator_path(build_dir=None):
    folder = build_dir or os.environ.get("EMBER_BUILD_DIR") or os.path.join(ROOT, "build", "release")
    return os.path.join(os.path.abspath(folder), "tools", "tpch", "ember-tpch-gen")


def generator_version():
    """A fingerprint of the generator's source: data cached by another version is regenerated."""
    h = hashlib.sha256()
    for name in sorted(os.listdir(os.path.join(ROOT, "tools", "tpch"))):
        with open(os.path.join(ROOT, "tools", "tpch", name), "rb") as f:
            h.update(name.encode() + b"\0" + f.read())
    return h.hexdigest()[:16]


def ensure_data(folder, scale, generator=None, threads=2):
    """Generates the 8 tables as Parquet into `folder` unless its manifest says it already holds
    this scale from this generator version. Returns the folder."""
    manifest = os.path.join(folder, "_MANIFEST")
    wanted = json.dumps({"scale": f"{scale:g}", "format": "parquet",
                         "generator": generator_version()})
    if os.path.exists(manifest):
        with open(manifest) as f:
            if f.read() == wanted:
                return folder
    generator = generator or generator_path()
    if not os.path.exists(generator):
        raise FileNotFoundError(f"{generator} is not built")
    tmp = folder + ".tmp"
    subprocess.run(["rm", "-rf", tmp, folder], check=True)
    subprocess.run([generator, "--scale", str(scale), "--format", "parquet", "--out", tmp,
                    "--threads", str(threads)], check=True)
    os.rename(tmp, folder)
    with open(manifest, "w") as f:
        f.write(wanted)
    return folder


def query_text(q, folder=QUERIES_DIR):
    with open(os.path.join(folder, f"q{q:02d}.sql")) as f:
        return f.read()


def runner_command(engine, data, queries, runs=1, threads=2, queries_dir=QUERIES_DIR):
    """The child-process command that runs `queries` (qNN.sql files of `queries_dir`) on `engine`
    ("ember", "duckdb" or "polars") over the Parquet tables in `data`, each `runs` times."""
    qs = ",".join(str(q) for q in queries)
    if engine == "ember":
        return [sys.executable, os.path.join(TPCH_DIR, "ember_runner.py"), data, qs, str(runs),
                str(threads), queries_dir]
    if engine == "duckdb":
        return ["node", os.path.join(NODE_DIR, "tpch_duckdb.mjs"), data, queries_dir, qs, str(runs),
                str(threads)]
    # Polars' threads come from POLARS_MAX_THREADS (runner_env); its rewrites come first.
    return ["node", os.path.join(NODE_DIR, "tpch_polars.mjs"), data, f"{POLARS_DIR},{QUERIES_DIR}",
            qs, str(runs)]


def runner_env(engine, threads=2, ember_memory=None):
    """The runner's environment; `ember_memory`: Ember's spark.driver.memory (ember_runner.py)."""
    env = dict(os.environ)
    if engine == "polars":
        env["POLARS_MAX_THREADS"] = str(threads)
    if engine == "ember" and ember_memory:
        env["EMBER_TPCH_DRIVER_MEMORY"] = ember_memory
    return env


def run_engine(engine, data, queries, runs=1, threads=2, timeout=None):
    """Runs the queries in one child process; returns {query: result object}."""
    out = subprocess.run(runner_command(engine, data, queries, runs, threads), check=True,
                         capture_output=True, text=True, timeout=timeout,
                         env=runner_env(engine, threads))
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            obj = json.loads(line)
            if "run" not in obj:
                results[obj["query"]] = obj
    return results


# ---- comparing results ---------------------------------------------------------------------------

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def canonical(value, type_name):
    """A runner's JSON value as a Python value: Decimal for decimals and integers (so 64-bit
    integers sent as strings compare equal to numbers), float for floating types, str otherwise."""
    if value is None:
        return None
    t = type_name.upper()
    if t.startswith("DECIMAL") or "INT" in t or t == "LONG":
        return decimal.Decimal(str(value))
    if t.startswith(("DOUBLE", "FLOAT", "REAL")):
        return float(value)
    return value


def _matches(actual, expected, float_rel):
    """Exact for integers, decimals, strings and dates; floats to a relative 1e-9. A float on one
    side only (an engine that divides or averages decimals in DOUBLE, as DuckDB does, where Spark
    rounds to a decimal of scale s) matches when within half a unit of the decimal's last place,
    or within a relative `float_rel` (for an engine that computes money in floating point)."""
    if actual is None or expected is None:
        return actual is None and expected is None
    if isinstance(actual, decimal.Decimal) and isinstance(expected, decimal.Decimal):
        return actual == expected
    if isinstance(actual, float) and isinstance(expected, float):
        return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(actual, decimal.Decimal) and isinstance(expected, float):
        actual, expected = expected, actual
    if isinstance(actual, float) and isinstance(expected, decimal.Decimal):
        exponent = expected.as_tuple().exponent
        half_ulp = 0.5 * 10.0 ** exponent if exponent < 0 else 0.5
        tolerance = max(half_ulp * (1 + 1e-9) + abs(actual) * 1e-12, abs(actual) * float_rel)
        return abs(actual - float(expected)) <= tolerance
    return actual == expected


def _sort_key(row):
    return [(v is None, str(type(v)), v if v is not None else 0) for v in row]


def compare(actual, expected, ordered, float_rel=0.0):
    """Compares two result objects. Returns None when they agree, else a description of the first
    difference. `ordered` compares row by row; otherwise both sides are sorted first."""
    a_rows = [[canonical(v, t) for v, t in zip(r, actual["types"])] for r in actual["rows"]]
    e_rows = [[canonical(v, t) for v, t in zip(r, expected["types"])] for r in expected["rows"]]
    if len(a_rows) != len(e_rows):
        return f"{len(a_rows)} rows, expected {len(e_rows)}"
    if not ordered:
        a_rows = sorted(a_rows, key=_sort_key)
        e_rows = sorted(e_rows, key=_sort_key)
    for i, (a, e) in enumerate(zip(a_rows, e_rows)):
        if len(a) != len(e):
            return f"row {i}: {len(a)} columns, expected {len(e)}"
        for j, (x, y) in enumerate(zip(a, e)):
            if not _matches(x, y, float_rel):
                name = expected["names"][j] if j < len(expected["names"]) else j
                return f"row {i} column {name}: {x!r}, expected {y!r}"
    return None


def fully_ordered(q, result):
    """True when the query's ORDER BY fixes the order of every row of this result: its sort keys
    are distinct across rows (ties may legally come in any order, so those are compared sorted)."""
    keys = ORDER_KEYS.get(q)
    if not keys:
        return False
    if len(result["rows"]) <= 1:
        return True
    index = [result["names"].index(k) for k in keys]
    seen = {tuple(json.dumps(r[i]) for i in index) for r in result["rows"]}
    return len(seen) == len(result["rows"])


# The output columns each query's ORDER BY sorts on (none: no ORDER BY).
ORDER_KEYS = {
    1: ["l_returnflag", "l_linestatus"],
    2: ["s_acctbal", "n_name", "s_name", "p_partkey"],
    3: ["revenue", "o_orderdate"],
    4: ["o_orderpriority"],
    5: ["revenue"],
    7: ["supp_nation", "cust_nation", "l_year"],
    8: ["o_year"],
    9: ["nation", "o_year"],
    10: ["revenue"],
    11: ["value"],
    12: ["l_shipmode"],
    13: ["custdist", "c_count"],
    15: ["s_suppkey"],
    16: ["supplier_cnt", "p_brand", "p_type", "p_size"],
    18: ["o_totalprice", "o_orderdate"],
    20: ["s_name"],
    21: ["numwait", "s_name"],
    22: ["cntrycode"],
}
