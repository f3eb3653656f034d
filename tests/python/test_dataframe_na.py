"""df.na / fillna / dropna / replace: which columns each value applies to, NaN as missing, and
PySpark's errors for bad arguments. Expected rows are computed here in plain Python."""

import math

import pytest

from pyspark.errors import AnalysisException, PySparkTypeError, PySparkValueError
from pyspark.sql import Row

ROWS = [
    (1, "a", 1.5, True),
    (None, None, None, None),
    (3, None, float("nan"), False),
    (None, "d", 4.0, None),
]


@pytest.fixture
def df(spark):
    return spark.createDataFrame(ROWS, "i INT, s STRING, d DOUBLE, b BOOLEAN")


def missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def fill_expected(value, kinds, subset=None):
    """Rows with missing values of the columns of `kinds` (and in subset) set to value."""
    names = ["i", "s", "d", "b"]
    types = {"i": "num", "s": "str", "d": "num", "b": "bool"}
    out = []
    for row in ROWS:
        new = []
        for name, v in zip(names, row):
            take = types[name] in kinds and (subset is None or name in subset)
            if take and missing(v) and (v is None or types[name] == "num"):
                v = int(value) if name == "i" else value
            new.append(v)
        out.append(tuple(new))
    return out


def same(rows, expected):
    def key(v):
        return "nan" if isinstance(v, float) and math.isnan(v) else v
    assert [tuple(key(v) for v in r) for r in rows] == [tuple(key(v) for v in e)
                                                       for e in expected]


def test_fill_number_fills_numeric_columns_and_nan(df):
    same(df.na.fill(0).collect(), fill_expected(0.0, {"num"}))
    same(df.fillna(7.9).collect(), fill_expected(7.9, {"num"}))
    assert df.fillna(7.9).collect()[1].i == 7  # the double is cast to the int column


def test_fill_string_bool_and_subset(df):
    same(df.fillna("x").collect(), fill_expected("x", {"str"}))
    same(df.na.fill(True).collect(), fill_expected(True, {"bool"}))
    same(df.fillna(5, subset=["d"]).collect(), fill_expected(5.0, {"num"}, {"d"}))
    same(df.fillna(5, "i").collect(), fill_expected(5.0, {"num"}, {"i"}))
    # a subset column of another type is left as it is
    same(df.fillna("x", subset=["i", "s"]).collect(), fill_expected("x", {"str"}))


def test_fill_dict(df):
    rows = df.fillna({"i": 0, "s": "none", "b": False}).collect()
    assert [r.i for r in rows] == [1, 0, 3, 0]
    assert [r.s for r in rows] == ["a", "none", "none", "d"]
    assert [r.b for r in rows] == [True, False, False, False]
    assert rows[1].d is None  # not in the dict
    assert df.columns == df.fillna({"S": "z"}).columns  # names match case-insensitively


def test_fill_errors(df):
    with pytest.raises(PySparkTypeError) as e:
        df.fillna([1])
    assert e.value.getErrorClass() == "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR"
    assert e.value.getMessageParameters() == {"arg_name": "value", "arg_type": "list"}
    with pytest.raises(PySparkTypeError) as e:
        df.fillna(1, subset=5)
    assert e.value.getErrorClass() == "NOT_LIST_OR_TUPLE"
    with pytest.raises(AnalysisException) as e:
        df.fillna(1, subset=["nope"])
    assert e.value.getErrorClass() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    with pytest.raises(AnalysisException) as e:
        df.fillna({"nope": 1})
    assert e.value.getErrorClass() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"


def test_dropna(df):
    def expected(how="any", thresh=None, subset=None):
        names = ["i", "s", "d", "b"]
        cols = subset or names
        out = []
        for row in ROWS:
            present = sum(1 for n, v in zip(names, row) if n in cols and not missing(v))
            need = thresh if thresh is not None else (len(cols) if how == "any" else 1)
            if present >= need:
                out.append(row)
        return out
    same(df.dropna().collect(), expected())
    same(df.na.drop(how="all").collect(), expected("all"))
    same(df.dropna(thresh=2).collect(), expected(thresh=2))
    same(df.dropna(subset="s").collect(), expected(subset=["s"]))
    same(df.dropna(how="any", subset=["i", "d"]).collect(), expected(subset=["i", "d"]))
    assert df.dropna(thresh=0).count() == 4


def test_dropna_errors(df):
    with pytest.raises(PySparkValueError) as e:
        df.dropna(how="some")
    assert e.value.getErrorClass() == "VALUE_NOT_ANY_OR_ALL"
    with pytest.raises(PySparkTypeError) as e:
        df.dropna(subset=3)
    assert e.value.getErrorClass() == "NOT_LIST_OR_STR_OR_TUPLE"


def test_replace(spark):
    df = spark.createDataFrame([(10, 80.5, "Alice"), (5, None, "Bob"), (None, 10.0, "Tom")],
                               "age INT, height DOUBLE, name STRING")
    assert df.replace(10, 20).collect() == [Row(age=20, height=80.5, name="Alice"),
                                            Row(age=5, height=None, name="Bob"),
                                            Row(age=None, height=20.0, name="Tom")]
    assert [r.name for r in df.na.replace(["Alice", "Bob"], ["A", "B"]).collect()] == \
        ["A", "B", "Tom"]
    assert [r.name for r in df.replace({"Alice": None}).collect()] == [None, "Bob", "Tom"]
    assert [r.name for r in df.replace("Bob", "b", subset=["name"]).collect()] == \
        ["Alice", "b", "Tom"]
    assert [r.age for r in df.replace(10, 1, subset="height").collect()] == [10, 5, None]
    # ints are compared as doubles and the target cast to the column type
    assert [r.age for r in df.replace(5, 6.7).collect()] == [10, 6, None]


def test_replace_nan_and_bool(spark):
    df = spark.createDataFrame([(float("nan"), True), (1.0, False)], "x DOUBLE, f BOOLEAN")
    assert [r.x for r in df.replace(float("nan"), 0.0).collect()] == [0.0, 1.0]
    assert [r.f for r in df.replace(True, False).collect()] == [False, False]


def test_replace_errors(df):
    with pytest.raises(PySparkTypeError) as e:
        df.replace(1)
    assert e.value.getErrorClass() == "ARGUMENT_REQUIRED"
    with pytest.raises(PySparkValueError) as e:
        df.replace([1, 2], [3])
    assert e.value.getErrorClass() == "LENGTH_SHOULD_BE_THE_SAME"
    with pytest.raises(PySparkValueError) as e:
        df.replace(["a", 1], ["b", 2])
    assert e.value.getErrorClass() == "MIXED_TYPE_REPLACEMENT"
    with pytest.raises(PySparkTypeError) as e:
        df.replace(None, 1)
    assert e.value.getErrorClass() == "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_LIST_OR_STR_OR_TUPLE"
    with pytest.raises(PySparkTypeError) as e:
        df.replace(1, {})
    assert e.value.getErrorClass() == "NOT_BOOL_OR_FLOAT_OR_INT_OR_LIST_OR_NONE_OR_STR_OR_TUPLE"


def test_empty_frame(spark):
    empty = spark.createDataFrame([], "i INT, s STRING")
    assert empty.fillna(0).collect() == []
    assert empty.dropna().collect() == []
    assert empty.replace("a", "b").collect() == []
