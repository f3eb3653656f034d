"""The DataFrame-API versions of TPC-H queries (bench/tpch/dataframe) return the same rows, in the
same order, and the same schema as the SQL texts (bench/tpch/queries) on Ember, at SF0.1."""
import importlib
import os

import pytest

import ember_runner
import harness

SCALE = 0.1
QUERIES = [1, 3, 5, 6, 10]


@pytest.fixture(scope="module")
def views(spark):
    folder = os.path.join(harness.ROOT, "build", "bench", f"tpch-sf{SCALE:g}")
    ember_runner.register(spark, harness.ensure_data(folder, SCALE))
    return spark


@pytest.mark.parametrize("q", QUERIES)
def test_dataframe_matches_sql(views, q):
    module = importlib.import_module(f"tpch.dataframe.q{q:02d}")
    df = module.query(views)
    sql = views.sql(harness.query_text(q))
    assert df.schema.simpleString() == sql.schema.simpleString()
    rows = df.collect()
    assert rows, f"q{q:02d} returned no rows"
    assert rows == sql.collect()
