"""DataFrame.join and crossJoin: USING columns, conditions, every `how` Spark accepts, null
semantics of outer, semi and anti joins, null-safe keys, and join errors."""

import pytest

from pyspark.errors import AnalysisException
from pyspark.sql import Row
from pyspark.sql import functions as F


@pytest.fixture
def people(spark):
    return spark.createDataFrame([(1, "ann"), (2, "bob"), (3, "cy"), (None, "nil")], "id INT, name STRING")


@pytest.fixture
def scores(spark):
    return spark.createDataFrame([(1, 10.0), (1, 11.0), (3, 30.0), (4, 40.0), (None, 0.0)],
                                 "id INT, score DOUBLE")


def rows(df):
    return sorted((tuple(r) for r in df.collect()), key=repr)


def test_inner_join_on_a_column_name(people, scores):
    joined = people.join(scores, "id")
    assert joined.columns == ["id", "name", "score"]
    assert rows(joined) == [(1, "ann", 10.0), (1, "ann", 11.0), (3, "cy", 30.0)]


def test_using_list_and_outer_joins_merge_the_key(people, scores):
    assert rows(people.join(scores, ["id"], "left")) == sorted(
        [(1, "ann", 10.0), (1, "ann", 11.0), (2, "bob", None), (3, "cy", 30.0), (None, "nil", None)],
        key=repr)
    assert rows(people.join(scores, "id", "right")) == sorted(
        [(1, "ann", 10.0), (1, "ann", 11.0), (3, "cy", 30.0), (4, None, 40.0), (None, None, 0.0)],
        key=repr)
    full = people.join(scores, "id", "full_outer")
    assert full.columns == ["id", "name", "score"]
    assert rows(full) == sorted(
        [(1, "ann", 10.0), (1, "ann", 11.0), (2, "bob", None), (3, "cy", 30.0), (4, None, 40.0),
         (None, "nil", None), (None, None, 0.0)], key=repr)


def test_every_how_synonym(people, scores):
    groups = {
        "inner": ["inner"],
        "full": ["outer", "full", "fullouter", "full_outer", "FULL_OUTER"],
        "left": ["left", "leftouter", "left_outer"],
        "right": ["right", "rightouter", "right_outer"],
        "semi": ["semi", "leftsemi", "left_semi"],
        "anti": ["anti", "leftanti", "left_anti"],
    }
    for names in groups.values():
        expected = rows(people.join(scores, "id", names[0]))
        for how in names[1:]:
            assert rows(people.join(scores, "id", how)) == expected, how


def test_semi_and_anti_keep_left_columns(people, scores):
    renamed = scores.withColumnRenamed("id", "sid")
    semi = people.join(renamed, (F.col("id") == F.col("sid")) & (F.col("score") > 10.5), "left_semi")
    assert semi.columns == ["id", "name"]
    assert rows(semi) == [(1, "ann"), (3, "cy")]
    anti = people.join(renamed, F.col("id") == F.col("sid"), "anti")
    assert rows(anti) == sorted([(2, "bob"), (None, "nil")], key=repr)


def test_condition_join_keeps_both_key_columns(people, scores):
    renamed = scores.withColumnRenamed("id", "sid")
    joined = people.join(renamed, (F.col("id") == F.col("sid")) & (F.col("score") > 10.5))
    assert joined.columns == ["id", "name", "sid", "score"]
    assert rows(joined) == [(1, "ann", 1, 11.0), (3, "cy", 3, 30.0)]


def test_null_safe_equality_matches_nulls(people, scores):
    renamed = scores.withColumnRenamed("id", "sid")
    joined = people.join(renamed, F.col("id").eqNullSafe(F.col("sid")))
    assert (None, "nil", None, 0.0) in rows(joined)
    assert len(joined.collect()) == 4


def test_cross_join_and_join_without_condition(people, scores):
    assert people.crossJoin(scores).count() == 20
    assert people.join(scores.withColumnRenamed("id", "sid")).count() == 20
    assert people.crossJoin(scores).columns == ["id", "name", "id", "score"]


def test_ambiguous_and_unsupported(people, scores):
    with pytest.raises(AnalysisException) as info:
        people.join(scores, F.col("id") == F.col("id")).collect()
    assert info.value.getErrorClass() == "AMBIGUOUS_REFERENCE"
    with pytest.raises(Exception) as info:
        people.join(scores, "id", "sideways").collect()
    assert "UNSUPPORTED_JOIN_TYPE" in str(info.value)


def test_dataframe_columns_name_their_side(people, scores):
    # df.col and df["col"] name the column of that DataFrame, even where both sides have it.
    joined = people.join(scores, people.id == scores["id"], "left")
    assert joined.columns == ["id", "name", "id", "score"]
    picked = joined.select(people.id, scores.id.alias("sid"), "score")
    assert rows(picked) == sorted([(1, 1, 10.0), (1, 1, 11.0), (2, None, None), (3, 3, 30.0),
                                   (None, None, None)], key=repr)
    assert rows(joined.filter(scores.id.isNull()).select(people.name)) == [("bob",), ("nil",)]
    # A column of a DataFrame derived from a side still resolves through the join.
    high = scores.filter(scores.score > 10.5)
    assert rows(people.join(high, people.id == high.id).select(people.name, high.score)) == [
        ("ann", 11.0), ("cy", 30.0)]


def test_broadcast_and_shuffled_joins_agree(spark, people, scores):
    expected = rows(people.join(scores, "id", "full"))
    spark.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")
    try:
        joined = people.join(scores, "id", "full")
        assert rows(joined) == expected
        assert rows(people.join(scores, "id", "left_anti")) == rows(
            people.join(scores, "id", "anti"))
    finally:
        spark.conf.set("spark.sql.autoBroadcastJoinThreshold", "10485760")


def test_explain_names_the_join(people, scores, capsys):
    people.join(scores, "id").explain()
    assert "BroadcastHashJoin" in capsys.readouterr().out
