"""The Polars rewrites of the 22 TPC-H queries (bench/tpch/polars, used by the benchmark) give
DuckDB's answers to the original texts (bench/tpch/queries), at SF0.1. Polars computes money in
floating point, so its values are compared to DuckDB's decimals to a relative 1e-9; names, row
counts and order are compared exactly."""
import os

import pytest

import harness

SCALE = 0.1


@pytest.fixture(scope="module")
def results():
    folder = os.path.join(harness.ROOT, "build", "bench", f"tpch-sf{SCALE:g}")
    data = harness.ensure_data(folder, SCALE)
    return (harness.run_engine("polars", data, harness.QUERIES, timeout=600),
            harness.run_engine("duckdb", data, harness.QUERIES, timeout=600))


@pytest.mark.parametrize("q", harness.QUERIES)
def test_polars_matches_duckdb(results, q):
    polars, duckdb = results[0][q], results[1][q]
    assert "error" not in polars, polars["error"]
    assert "error" not in duckdb, duckdb["error"]
    assert duckdb["rows"], f"q{q:02d} returned no rows at SF{SCALE}"
    assert polars["names"] == duckdb["names"]
    ordered = harness.fully_ordered(q, duckdb)
    assert harness.compare(polars, duckdb, ordered, float_rel=1e-9) is None
