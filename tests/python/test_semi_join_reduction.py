"""reduce_semi_join_right_sides over Parquet scans: EXISTS, NOT EXISTS and IN give the same rows
with the right side reduced by the left (an extra semi join in the plan) as without it. NOT IN,
whose null-aware condition has no equality to hash on, is left alone."""
import contextlib
import io

import pytest

# (query, rows, semi joins of the query itself, whether the rule reduces its right side)
QUERIES = [
    ("SELECT pri FROM o WHERE ok < 3 AND EXISTS (SELECT 1 FROM l WHERE lk = ok AND n > 60)", ["a", "b"], 1, True),
    ("SELECT pri FROM o WHERE NOT EXISTS (SELECT 1 FROM l WHERE lk = ok AND n > 62)", ["n"], 0, True),
    ("SELECT pri FROM o WHERE ok IN (SELECT lk FROM l WHERE n >= 65)", ["b", "c"], 1, True),
    ("SELECT pri FROM o WHERE ok NOT IN (SELECT lk FROM l WHERE n > 66)", [], 0, False),
    ("SELECT pri FROM o WHERE ok NOT IN (SELECT lk FROM l WHERE n > 66 AND n < 100)", ["a", "b", "c"], 0, False),
]
RULE = "spark.ember.optimizer.reduce_semi_join_right_sides.enabled"


@pytest.fixture(scope="module")
def tables(spark, tmp_path_factory):
    root = tmp_path_factory.mktemp("semi")
    spark.createDataFrame([(1, "a"), (2, "b"), (3, "c"), (None, "n")], "ok int, pri string") \
        .write.parquet(str(root / "o"))
    rows = [(n % 7, n) for n in range(70)] + [(None, 100)]
    spark.createDataFrame(rows, "lk int, n int").write.parquet(str(root / "l"))
    spark.read.parquet(str(root / "o")).createOrReplaceTempView("o")
    spark.read.parquet(str(root / "l")).createOrReplaceTempView("l")
    yield
    spark.conf.unset(RULE)


def physical_plan(spark, query):
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        spark.sql(query).explain()
    return text.getvalue()


@pytest.mark.parametrize("query,expected,semi_joins,reduced", QUERIES)
def test_reduced_right_side_keeps_rows(spark, tables, query, expected, semi_joins, reduced):
    for enabled in (True, False):
        spark.conf.set(RULE, str(enabled).lower())
        added = 1 if enabled and reduced else 0
        assert physical_plan(spark, query).count("LeftSemi") == semi_joins + added
        assert sorted(r.pri for r in spark.sql(query).collect()) == expected
