"""A few writers killed with SIGKILL at random moments (kill_writes.py; `make killtest` runs 40):
readers see exactly the old or exactly the new data."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import kill_writes  # noqa: E402


def test_killed_writers_leave_the_old_or_the_new_data(spark, tmp_path):
    done = kill_writes.run(spark, runs=8, seed=12, workdir=str(tmp_path))
    assert done == {"overwrite": 2, "append": 2, "table": 2, "folders": 2}


def test_killed_writers_on_s3_leave_the_old_or_the_new_data(spark, tmp_path, monkeypatch):
    from s3_server import S3Server
    s3 = S3Server()
    try:
        for name, value in s3.environment().items():
            monkeypatch.setenv(name, value)
        done = kill_writes.run(spark, runs=6, seed=34, workdir=str(tmp_path), s3=s3)
    finally:
        s3.stop()
    assert done == {"overwrite": 2, "append": 2, "table": 2}
