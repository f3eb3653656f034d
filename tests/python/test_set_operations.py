"""DataFrame intersect, intersectAll, subtract and exceptAll: distinct forms drop duplicates, the
ALL forms keep min(left, right) and left - right copies of each row; NULLs compare equal."""

import pytest

from pyspark.errors import PySparkTypeError


@pytest.fixture(scope="module")
def sides(spark):
    left = spark.createDataFrame([(1, "a"), (1, "a"), (1, "a"), (2, "b"), (None, None), (None, None)], "k int, v string")
    right = spark.createDataFrame([(1, "a"), (1, "a"), (3, "c"), (None, None)], "k int, v string")
    return left, right


def rows(df):
    return sorted((tuple(r) for r in df.collect()), key=repr)


def test_intersect_and_subtract_are_distinct(sides):
    left, right = sides
    assert rows(left.intersect(right)) == sorted([(1, "a"), (None, None)], key=repr)
    assert rows(left.subtract(right)) == [(2, "b")]


def test_intersect_all_keeps_the_smaller_count(sides):
    left, right = sides
    assert rows(left.intersectAll(right)) == sorted([(1, "a"), (1, "a"), (None, None)], key=repr)


def test_except_all_keeps_the_difference_of_counts(sides):
    left, right = sides
    assert rows(left.exceptAll(right)) == sorted([(1, "a"), (2, "b"), (None, None)], key=repr)
    assert rows(right.exceptAll(left)) == [(3, "c")]


def test_set_operation_needs_a_dataframe(sides):
    left, _ = sides
    with pytest.raises(PySparkTypeError) as info:
        left.exceptAll([1, 2])
    assert info.value.getErrorClass() == "NOT_DATAFRAME"
