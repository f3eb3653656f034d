"""Column methods of PySpark 4.0 run by the engine, their repr, and PySpark's errors for bad
arguments. Expected values are computed here with Python's own operators."""

import datetime

import pytest

from pyspark.errors import PySparkTypeError, PySparkValueError
from pyspark.sql import Column, Row
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, LongType

A = [170, 3, None, -8]
B = [75, 5, 1, None]
S = ["Alice", "bob", None, "al%ce"]


@pytest.fixture
def df(spark):
    return spark.createDataFrame(list(zip(A, B, S)), "a INT, b INT, s STRING")


def column(df, expr):
    return [r[0] for r in df.select(expr).collect()]


def strict(f):
    """Python's f over two values, null when either is null."""
    return lambda x, y: None if x is None or y is None else f(x, y)


def test_bitwise(df):
    assert column(df, df.a.bitwiseAND(df.b)) == list(map(strict(lambda x, y: x & y), A, B))
    assert column(df, df.a.bitwiseOR(df.b)) == list(map(strict(lambda x, y: x | y), A, B))
    assert column(df, df.a.bitwiseXOR(df.b)) == list(map(strict(lambda x, y: x ^ y), A, B))
    assert column(df, df.a.bitwiseAND(6)) == [None if x is None else x & 6 for x in A]
    assert df.select(df.a.bitwiseAND(df.b)).columns == ["(a & b)"]


def test_null_safe_equality_and_comparisons(df):
    assert column(df, df.a.eqNullSafe(df.b)) == [x == y for x, y in zip(A, B)]
    assert column(df, df.a.eqNullSafe(None)) == [x is None for x in A]
    assert column(df, df.a != 3) == [None if x is None else x != 3 for x in A]
    assert column(df, 3 < df.a) == [None if x is None else 3 < x for x in A]


def test_reflected_arithmetic(df):
    assert column(df, 10 - df.a) == [None if x is None else 10 - x for x in A]
    assert column(df, 2 * df.a) == [None if x is None else 2 * x for x in A]
    assert column(df, 1 / df.b) == [None if y is None else 1 / y for y in B]
    assert column(df, 7 % df.b) == [None if y is None else 7 % y for y in B]
    assert column(df, 2 ** df.b) == [None if y is None else float(2 ** y) for y in B]
    assert column(df, -df.a) == [None if x is None else -x for x in A]
    assert column(df, (df.a > 0) & True) == [None if x is None else x > 0 for x in A]
    assert column(df, False | (df.a > 0)) == [None if x is None else x > 0 for x in A]


def test_isin_and_between(df):
    def isin(x, values):
        if x is None:
            return None
        if x in values:
            return True
        return None if None in values else False
    assert column(df, df.a.isin(3, -8)) == [isin(x, [3, -8]) for x in A]
    assert column(df, df.a.isin([3, None])) == [isin(x, [3, None]) for x in A]
    assert column(df, df.a.isin(df.b, 170)) == [
        None if x is None else (x == 170 or x == y if y is not None else (True if x == 170
                                                                           else None))
        for x, y in zip(A, B)]
    assert column(df, df.a.between(0, 170)) == [None if x is None else 0 <= x <= 170
                                                for x in A]
    assert column(df, df.a.between(df.b, 200)) == [
        None if x is None or y is None else y <= x <= 200 for x, y in zip(A, B)]


def test_string_predicates(df):
    assert column(df, df.s.like("A%")) == [None if v is None else v.startswith("A") for v in S]
    assert column(df, df.s.ilike("a%")) == [None if v is None else v.lower().startswith("a")
                                            for v in S]
    assert column(df, df.s.rlike("^[ab]")) == [None if v is None else v[0] in "ab" for v in S]
    assert column(df, df.s.contains("li")) == [None if v is None else "li" in v for v in S]
    assert column(df, df.s.startswith("al")) == [None if v is None else v.startswith("al")
                                                 for v in S]
    assert column(df, df.s.endswith("e")) == [None if v is None else v.endswith("e") for v in S]
    assert column(df, df.s.substr(2, 3)) == [None if v is None else v[1:4] for v in S]
    assert column(df, df.s.substr(F.lit(1), df.b)) == [
        None if v is None or n is None else v[:n] for v, n in zip(S, B)]
    assert column(df, df.s[1:2]) == [None if v is None else v[0:2] for v in S]


def test_casts_and_names(df):
    assert column(df, df.a.astype("string")) == [None if x is None else str(x) for x in A]
    assert column(df, df.s.try_cast("int")) == [None] * 4
    assert df.select(df.a.name("x")).columns == ["x"]
    assert df.select(df.a.alias("y")).columns == ["y"]


def test_sort_orders(df):
    def ordered(expr):
        return [r.a for r in df.orderBy(expr).collect()]
    present = sorted(x for x in A if x is not None)
    assert ordered(df.a.asc_nulls_first()) == [None] + present
    assert ordered(df.a.asc_nulls_last()) == present + [None]
    assert ordered(df.a.desc_nulls_first()) == [None] + present[::-1]
    assert ordered(df.a.desc_nulls_last()) == present[::-1] + [None]
    assert ordered(df.a.asc()) == [None] + present
    assert ordered(df.a.desc()) == present[::-1] + [None]


def test_when_otherwise(df):
    expr = F.when(df.a > 100, "big").when(df.a > 0, "small").otherwise("other")
    expected = [None if x is None else ("big" if x > 100 else "small" if x > 0 else "other")
                for x in A]
    expected[2] = "other"  # a NULL condition is not true
    assert column(df, expr) == expected
    assert column(df, F.when(df.a < 0, 1)) == [None if x is None or x >= 0 else 1 for x in A]
    with pytest.raises(PySparkValueError) as e:
        df.a.otherwise(1)
    assert e.value.getErrorClass() == "INVALID_WHEN_USAGE"
    with pytest.raises(PySparkValueError):
        F.when(df.a > 0, 1).otherwise(2).when(df.a > 1, 3)


def test_repr():
    a, b = F.col("a"), F.col("b")
    assert repr(a + 1) == "Column<'(a + 1)'>"
    assert str(1 - a) == "Column<'(1 - a)'>"
    assert repr(a.bitwiseAND(b)) == "Column<'(a & b)'>"
    assert repr(a.bitwiseOR(b)) == "Column<'(a | b)'>"
    assert repr(a.bitwiseXOR(b)) == "Column<'(a ^ b)'>"
    assert repr(a.eqNullSafe(None)) == "Column<'(a <=> NULL)'>"
    assert repr(a != 1) == "Column<'(NOT (a = 1))'>"
    assert repr(a.isin(1, 2)) == "Column<'(a IN (1, 2))'>"
    assert repr(a.between(1, 2)) == "Column<'((a >= 1) AND (a <= 2))'>"
    assert repr(a.isNull()) == "Column<'(a IS NULL)'>"
    assert repr(~a) == "Column<'(NOT a)'>"
    assert repr(-a) == "Column<'(- a)'>"
    assert repr(a.cast("int")) == "Column<'CAST(a AS INT)'>"
    assert repr(a.cast(LongType())) == "Column<'CAST(a AS BIGINT)'>"
    assert repr(a.try_cast(IntegerType())) == "Column<'TRY_CAST(a AS INT)'>"
    assert repr(a.desc_nulls_first()) == "Column<'a DESC NULLS FIRST'>"
    assert repr(a.alias("x")) == "Column<'a AS x'>"
    assert repr(F.when(F.expr("foo"), F.lit(None))) == "Column<'CASE WHEN foo THEN NULL END'>"
    assert repr(F.lit(datetime.date(2021, 3, 4))) == "Column<'2021-03-04'>"
    assert repr(a ** 2) == "Column<'POWER(a, 2)'>"


def test_argument_errors(df):
    with pytest.raises(PySparkTypeError) as e:
        df.s.substr(1, F.lit(2))
    assert e.value.getErrorClass() == "NOT_SAME_TYPE"
    with pytest.raises(PySparkTypeError) as e:
        df.s.substr(1.0, 2.0)
    assert e.value.getErrorClass() == "NOT_COLUMN_OR_INT"
    with pytest.raises(PySparkTypeError) as e:
        df.a.cast(123)
    assert e.value.getErrorClass() == "NOT_DATATYPE_OR_STR"
    with pytest.raises(PySparkValueError) as e:
        1 in df.a
    assert e.value.getErrorClass() == "CANNOT_APPLY_IN_FOR_COLUMN"
    with pytest.raises(PySparkValueError) as e:
        bool(df.a)
    assert e.value.getErrorClass() == "CANNOT_CONVERT_COLUMN_INTO_BOOL"
    with pytest.raises(PySparkTypeError) as e:
        iter(df.a)
    assert e.value.getErrorClass() == "NOT_ITERABLE"
    assert isinstance(Column.eqNullSafe(df.a, df.a), Column)


def test_empty_frame_methods(spark):
    empty = spark.createDataFrame([], "a INT")
    assert empty.select(empty.a.isin(1, 2), empty.a.bitwiseAND(1)).collect() == []
    assert spark.createDataFrame([Row(a=None)], "a INT").select(
        F.col("a").isin(1)).collect() == [Row(**{"(a IN (1))": None})]
