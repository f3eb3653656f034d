"""The window group limit (optimizer rule infer_window_group_limit): a DataFrame filter on a
row_number, rank or dense_rank column shows a WindowGroupLimit below the Window in explain and
keeps the rows that the filter alone keeps (the expected rows are worked out in Python here)."""

import itertools

import pytest

from pyspark.sql import Window
from pyspark.sql import functions as F

RULE = "spark.ember.optimizer.infer_window_group_limit.enabled"
ROWS = [("u1", 3, 1), ("u1", 1, 2), ("u1", 3, 3), ("u1", 2, 4), ("u2", None, 5), ("u2", 2, 6),
        ("u3", 5, 7), ("u4", 4, 8), ("u4", 4, 9), ("u4", 4, 10), ("u4", 1, 11)]


@pytest.fixture(scope="module")
def scores(spark):
    return spark.createDataFrame(ROWS, "user string, score int, id int")


def expected(function, k):
    """(user, id) of the rows whose ranking by score descending (nulls last) is at most k."""
    kept = []
    for _, group in itertools.groupby(sorted(ROWS, key=lambda r: r[0]), key=lambda r: r[0]):
        ordered = sorted(group, key=lambda r: (r[1] is None, -(r[1] or 0), r[2]))
        rank = dense = 0
        previous = object()
        for position, row in enumerate(ordered, 1):
            if row[1] != previous:
                rank, dense, previous = position, dense + 1, row[1]
            value = {"row_number": position, "rank": rank, "dense_rank": dense}[function]
            if value <= k:
                kept.append((row[0], row[2]))
    return sorted(kept)


def ranked(scores, function):
    w = Window.partitionBy("user").orderBy(F.col("score").desc(), "id" if function == "row_number" else "score")
    return scores.withColumn("r", getattr(F, function)().over(w))


@pytest.mark.parametrize("function", ["row_number", "rank", "dense_rank"])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_filter_keeps_the_rows_the_ranking_allows(spark, scores, function, k):
    df = ranked(scores, function).filter(F.col("r") <= k)
    assert sorted((r.user, r.id) for r in df.collect()) == expected(function, k)
    spark.conf.set(RULE, "false")
    try:
        assert sorted((r.user, r.id) for r in df.collect()) == expected(function, k)
    finally:
        spark.conf.unset(RULE)


def test_explain_shows_the_limit_below_the_window(spark, scores, capsys):
    ranked(scores, "rank").where("r < 3").explain()
    plan = capsys.readouterr().out
    assert "WindowGroupLimit [user], [score DESC NULLS LAST, score ASC NULLS FIRST], rank(), 2, Final" in plan
    assert plan.index("Window [") < plan.index("WindowGroupLimit") < plan.index("Sort [")
    spark.conf.set(RULE, "false")
    try:
        ranked(scores, "rank").where("r < 3").explain()
        assert "WindowGroupLimit" not in capsys.readouterr().out
    finally:
        spark.conf.unset(RULE)


def test_lag_in_the_window_keeps_the_filter_alone(scores, capsys):
    w = Window.partitionBy("user").orderBy("id")
    df = scores.select("user", "id", F.row_number().over(w).alias("rn"), F.lead("id").over(w).alias("next"))
    df = df.filter("rn = 1")
    df.explain()
    assert "WindowGroupLimit" not in capsys.readouterr().out
    firsts = {}
    for user, _, id_ in ROWS:
        firsts.setdefault(user, []).append(id_)
    want = sorted((u, sorted(ids)[0], sorted(ids)[1] if len(ids) > 1 else None) for u, ids in firsts.items())
    assert sorted((r.user, r.id, r.next) for r in df.collect()) == want
