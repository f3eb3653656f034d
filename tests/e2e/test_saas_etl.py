"""End to end: examples/saas_etl.py runs unchanged on Ember over generated clickstream JSON, and
every output row equals an independent pure-Python computation over the same JSON. The Parquet
output is read back by DuckDB, an independent reader."""
import collections
import datetime
import json
import os
import subprocess
import sys
import zoneinfo

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUCKDB_QUERY = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")


def generate(directory, rows, bad_fraction):
    subprocess.run([sys.executable, os.path.join(ROOT, "examples", "generate_clickstream.py"),
                    "--rows", str(rows), "--out", str(directory), "--files", "3",
                    "--accounts", "50", "--users", "3000",
                    "--bad-line-fraction", str(bad_fraction)], check=True, capture_output=True)


def expected_daily_usage(directory, time_zone):
    """Spark's semantics for the ETL, computed line by line with the json module.

    PERMISSIVE mode: a malformed line becomes a row of nulls (dropped by the user_id filter); a
    field of the wrong type becomes null while the other fields are kept."""
    zone = zoneinfo.ZoneInfo(time_zone)
    counts = collections.Counter()
    users = collections.defaultdict(set)
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name)) as lines:
            for line in lines:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(record, dict) or not isinstance(record.get("user_id"), str):
                    continue
                account = record.get("account_id")
                account = account if isinstance(account, str) else None
                ts = record.get("timestamp")
                if isinstance(ts, int) and not isinstance(ts, bool):
                    day = datetime.datetime.fromtimestamp(ts, zone).date().isoformat()
                else:
                    day = None
                counts[(account, day)] += 1
                users[(account, day)].add(record["user_id"])
    return {key: (counts[key], len(users[key])) for key in counts}


def duckdb_rows(sql):
    out = subprocess.run(["node", DUCKDB_QUERY, sql], check=True, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    header = json.loads(lines[0])
    return header, [json.loads(line) for line in lines[1:]]


def run_etl(input_dir, output_dir, time_zone):
    command = [os.path.join(ROOT, "bin", "ember"), "submit", "--master", "local[2]"]
    if time_zone:
        command += ["--conf", "spark.sql.session.timeZone=" + time_zone]
    command += [os.path.join(ROOT, "examples", "saas_etl.py"), str(input_dir), str(output_dir)]
    subprocess.run(command, check=True)


@pytest.mark.parametrize("time_zone", ["UTC", "America/Los_Angeles"])
def test_saas_etl_matches_independent_computation(tmp_path, time_zone):
    events = tmp_path / "events"
    output = tmp_path / "daily_usage"
    generate(events, rows=60_000, bad_fraction=0.002)
    run_etl(events, output, time_zone)

    assert (output / "_SUCCESS").exists()
    parts = [p for p in os.listdir(output) if p.endswith(".parquet")]
    assert parts, "no part files written"
    header, rows = duckdb_rows(
        "SELECT account_id, CAST(event_date AS VARCHAR), event_count, active_users "
        f"FROM read_parquet('{output}/*.parquet')")
    assert header["types"] == ["VARCHAR", "VARCHAR", "BIGINT", "BIGINT"]
    actual = {(r[0], r[1]): (int(r[2]), int(r[3])) for r in rows}
    assert len(actual) == len(rows), "duplicate groups in the output"
    expected = expected_daily_usage(events, time_zone)
    assert len(expected) > 1000
    assert actual == expected


def test_output_column_types_as_spark_writes_them(tmp_path):
    events = tmp_path / "events"
    output = tmp_path / "daily_usage"
    generate(events, rows=2_000, bad_fraction=0)
    run_etl(events, output, "UTC")
    _, described = duckdb_rows(f"DESCRIBE SELECT * FROM read_parquet('{output}/*.parquet')")
    columns = [(row[0], row[1]) for row in described]
    assert columns == [("account_id", "VARCHAR"), ("event_date", "DATE"),
                       ("event_count", "BIGINT"), ("active_users", "BIGINT")]
