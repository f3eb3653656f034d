"""pyspark.sql.functions higher-order functions with Python lambdas: the function is called once
with lambda-variable Columns and its body runs in the engine."""

import pytest

import pyspark.sql.functions as F
from pyspark.errors import PySparkValueError


@pytest.fixture(scope="module")
def df(spark):
    frame = spark.createDataFrame([(1, "[1, 2, 3]", '{"a": 1, "b": 2}'), (2, None, None)],
                                  "id int, js string, jm string")
    return frame.select("id", F.from_json("js", "array<int>").alias("a"),
                        F.from_json("jm", "map<string,int>").alias("m"))


def rows(frame):
    return [tuple(r) for r in frame.orderBy("id").collect()]


def test_array_functions_take_python_lambdas(df):
    got = rows(df.select("id", F.transform("a", lambda x: x * 10), F.transform(F.col("a"), lambda x, i: x + i),
                         F.filter("a", lambda x: x % 2 == 1), F.exists("a", lambda x: x > 2),
                         F.forall("a", lambda x: x > 2)))
    assert got == [(1, [10, 20, 30], [1, 3, 5], [1, 3], True, False), (2, None, None, None, None, None)]


def test_fold_zip_and_outer_columns(df):
    got = rows(df.select("id", F.aggregate("a", F.lit(0), lambda acc, x: acc + x),
                         F.aggregate("a", F.lit(0), lambda acc, x: acc + x, lambda acc: acc * 2),
                         F.reduce("a", F.lit(1), lambda acc, x: acc * x),
                         F.zip_with("a", F.transform("a", lambda x: x + F.col("id")), lambda x, y: x * y),
                         F.transform("a", lambda x: F.aggregate("a", F.lit(0), lambda acc, y: acc + x * y))))
    assert got == [(1, 6, 12, 6, [2, 6, 12], [6, 12, 18]), (2, None, None, None, None, None)]


def test_map_functions_take_python_lambdas(df):
    other = F.from_json(F.lit('{"b": 5}'), "map<string,int>")
    got = rows(df.select("id", F.map_filter("m", lambda k, v: v > 1), F.transform_values("m", lambda k, v: v + 1),
                         F.transform_keys("m", lambda k, v: F.upper(k)),
                         F.map_zip_with("m", other, lambda k, a, b: F.coalesce(a, F.lit(0)) + F.coalesce(b, F.lit(0)))))
    assert got == [(1, {"b": 2}, {"a": 2, "b": 3}, {"A": 1, "B": 2}, {"a": 1, "b": 7}), (2, None, None, None, None)]


def test_lambda_column_names_follow_spark(df):
    assert df.select(F.transform("a", lambda x: x + 1)).columns == [
        "transform(a, lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))"]


def test_lambda_errors(df):
    with pytest.raises(PySparkValueError) as too_many:
        F.transform("a", lambda x, y, z, w: x)
    assert too_many.value.getErrorClass() == "WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION"
    with pytest.raises(PySparkValueError) as not_column:
        F.transform("a", lambda x: 1)
    assert not_column.value.getErrorClass() == "HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN"
    with pytest.raises(Exception, match="INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH"):
        df.select(F.transform("a", lambda x, y, z: x)).collect()
