"""DataFrame.transpose: the index column's values (non-null, ascending) become the columns and
the other columns the rows, their values cast to the tightest common type; checked against the
same transposition of the input rows in plain Python, and Spark's errors."""

import datetime
from decimal import Decimal

import pytest

from pyspark.errors import AnalysisException
from pyspark.sql import functions as F
from pyspark.sql.types import DecimalType, DoubleType, LongType, StringType


def transposed_in_python(rows, columns, index=0, cast=lambda v: v):
    kept = sorted((r for r in rows if r[index] is not None), key=lambda r: r[index])
    others = [i for i in range(len(columns)) if i != index]
    return [tuple([columns[i]] + [None if r[i] is None else cast(r[i]) for r in kept])
            for i in others]


def test_first_column_is_the_default_index(spark):
    rows = [("x", 1, 2.5), ("y", 3, None), (None, 5, 6.0), ("a", 7, 8.0)]
    df = spark.createDataFrame(rows, "k string, a int, b double")
    t = df.transpose()
    assert t.columns == ["key", "a", "x", "y"]
    assert [(f.dataType, f.nullable) for f in t.schema.fields] == \
        [(StringType(), False)] + [(DoubleType(), True)] * 3
    assert [tuple(r) for r in t.collect()] == transposed_in_python(rows, df.columns, cast=float)


def test_index_by_name_or_column_with_widened_types(spark):
    rows = [(3, datetime.date(2024, 1, 2), 10, 2**40), (1, datetime.date(2023, 5, 6), -1, 7)]
    df = spark.createDataFrame(rows, "a int, d date, s smallint, l bigint")
    for index in ("d", F.col("d"), df.d):
        t = df.transpose(index)
        assert t.columns == ["key", "2023-05-06", "2024-01-02"]
        assert t.schema.fields[1].dataType == LongType()
        assert [tuple(r) for r in t.collect()] == transposed_in_python(rows, df.columns, index=1)


def test_decimal_and_integer_share_the_decimal_when_it_is_wide_enough(spark):
    rows = [("p", Decimal("1.50"), 2), ("q", Decimal("3.25"), 4)]
    df = spark.createDataFrame(rows, "k string, m decimal(12,2), n int")
    t = df.transpose()
    assert t.schema.fields[1].dataType == DecimalType(12, 2)
    assert [tuple(r) for r in t.collect()] == transposed_in_python(rows, df.columns, cast=Decimal)
    narrow = spark.createDataFrame([("p", Decimal("1.50"), 2)], "k string, m decimal(5,2), n bigint")
    with pytest.raises(AnalysisException) as error:
        narrow.transpose()
    assert error.value.getErrorClass() == "TRANSPOSE_NO_LEAST_COMMON_TYPE"
    assert error.value.getMessageParameters() == {"dt1": '"DECIMAL(5,2)"', "dt2": '"BIGINT"'}


def test_duplicate_index_values_and_frames_without_rows(spark):
    df = spark.createDataFrame([(1, 1, 2), (1, 3, 4)], "i int, a int, b int")
    assert df.transpose().columns == ["key", "1", "1"]
    assert sorted(tuple(r) for r in df.transpose().collect()) == [("a", 1, 3), ("b", 2, 4)]
    empty = spark.createDataFrame([], "id int, name string")
    assert [tuple(r) for r in empty.transpose().collect()] == [("name",)]
    only_index = spark.createDataFrame([(1,)], "id int")
    assert only_index.transpose().columns == ["key", "1"] and only_index.transpose().count() == 0


def test_errors(spark):
    with pytest.raises(AnalysisException) as error:
        spark.createDataFrame([(1, 2, "s")], "i int, a int, b string").transpose()
    assert error.value.getSqlState() == "42K09"
    assert error.value.getMessageParameters() == {"dt1": '"INT"', "dt2": '"STRING"'}
    with pytest.raises(AnalysisException) as error:
        spark.createDataFrame([([1], 2)], "i array<int>, a int").transpose()
    assert error.value.getErrorClass() == "TRANSPOSE_INVALID_INDEX_COLUMN"
    assert error.value.getMessageParameters() == {
        "reason": "Index column must be of atomic type, but found: ArrayType(IntegerType,true)"}
    nested = spark.createDataFrame([((1, "v"), 2)], "s struct<key:int,value:string>, a int")
    with pytest.raises(AnalysisException, match="Index column must be an atomic attribute"):
        nested.transpose(F.col("s.key"))
    with pytest.raises(AnalysisException) as error:
        nested.transpose("missing")
    assert error.value.getErrorClass().startswith("UNRESOLVED_COLUMN")
    many = spark.range(3).withColumn("v", F.col("id") * 2)
    spark.conf.set("spark.sql.transposeMaxValues", "2")
    try:
        with pytest.raises(AnalysisException) as error:
            many.transpose()
        assert error.value.getErrorClass() == "TRANSPOSE_EXCEED_ROW_LIMIT"
        assert error.value.getMessageParameters() == {
            "maxValues": "2", "config": "spark.sql.transposeMaxValues"}
        assert many.limit(2).transpose().columns == ["key", "0", "1"]
    finally:
        spark.conf.unset("spark.sql.transposeMaxValues")
