"""End to end on S3: examples/saas_etl.py runs unchanged with the seed's literal paths,
s3://company-raw/events/ in and s3://company-curated/daily_usage/ out, against a local s3rver
reached through the AWS environment variables. boto3 uploads the generated events and fetches the
committed output; DuckDB reads it and the rows must equal the independent computation."""
import os
import subprocess
import sys

from test_saas_etl import ROOT, duckdb_rows, expected_daily_usage, generate

sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
from s3_server import S3Server  # noqa: E402


def test_saas_etl_reads_and_writes_s3(tmp_path):
    events = tmp_path / "events"
    generate(events, rows=30_000, bad_fraction=0.002)
    server = S3Server()
    try:
        server.make_bucket("company-raw")
        server.make_bucket("company-curated")
        for name in sorted(os.listdir(events)):
            server.put("company-raw", "events/" + name, (events / name).read_bytes())
        # An earlier night's output, which the overwrite must replace.
        server.put("company-curated", "daily_usage/part-00000-old.parquet", b"stale")

        env = dict(os.environ, **server.environment())
        subprocess.run([os.path.join(ROOT, "bin", "ember"), "submit", "--master", "local[2]",
                        "--conf", "spark.sql.session.timeZone=UTC",
                        os.path.join(ROOT, "examples", "saas_etl.py"),
                        "s3://company-raw/events/", "s3://company-curated/daily_usage/"],
                       check=True, env=env)

        keys = server.keys("company-curated", "daily_usage/")
        assert "daily_usage/_SUCCESS" in keys and "daily_usage/part-00000-old.parquet" not in keys
        parts = server.committed_keys("company-curated", "daily_usage/")
        assert parts and all(key.endswith(".parquet") for key in parts)
        local = tmp_path / "daily_usage"
        local.mkdir()
        for key in parts:
            (local / os.path.basename(key)).write_bytes(server.get("company-curated", key))
    finally:
        server.stop()

    header, rows = duckdb_rows(
        "SELECT account_id, CAST(event_date AS VARCHAR), event_count, active_users "
        f"FROM read_parquet('{local}/*.parquet')")
    assert header["types"] == ["VARCHAR", "VARCHAR", "BIGINT", "BIGINT"]
    actual = {(r[0], r[1]): (int(r[2]), int(r[3])) for r in rows}
    assert len(actual) == len(rows), "duplicate groups in the output"
    expected = expected_daily_usage(events, "UTC")
    assert len(expected) > 1000
    assert actual == expected
