"""ember-engine, the command-line program: show, schema and count of a data file."""

import os
import subprocess

import pytest

import ember


def engine():
    for sub in ("src/cli", ""):
        path = os.path.join(ember.build_dir(), sub, "ember-engine")
        if os.path.isfile(path):
            return path
    pytest.fail("ember-engine is not built in %s" % ember.build_dir())


@pytest.fixture
def events(tmp_path):
    path = tmp_path / "events.json"
    path.write_text('{"user": "u1", "n": 1}\n{"user": "u2", "n": 22}\n{"user": null, "n": 3}\n')
    return str(path)


def run(*args):
    return subprocess.run([engine()] + list(args), capture_output=True, text=True)


def test_show(events):
    out = run("show", "--format", "json", events, "-n", "2", "--schema", "user STRING, n BIGINT")
    assert out.returncode == 0, out.stderr
    assert out.stdout == ("+----+---+\n"
                          "|user|  n|\n"
                          "+----+---+\n"
                          "|  u1|  1|\n"
                          "|  u2| 22|\n"
                          "+----+---+\n"
                          "only showing top 2 rows\n")


def test_schema_and_count(events):
    out = run("schema", "--format", "json", events)
    assert out.stdout == ("root\n"
                          " |-- n: long (nullable = true)\n"
                          " |-- user: string (nullable = true)\n")
    assert run("count", "--format", "json", events).stdout == "3\n"


def test_errors(tmp_path):
    missing = run("count", "--format", "json", str(tmp_path / "missing"))
    assert missing.returncode == 1
    assert missing.stderr.startswith("[PATH_NOT_FOUND]")
    usage = run("frobnicate")
    assert usage.returncode == 2
    assert "Usage:" in usage.stderr
