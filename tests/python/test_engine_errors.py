"""Engine errors arrive as the pyspark.errors class of their error class, with Spark's message."""

import pytest

from pyspark.errors import AnalysisException, ArithmeticException, NumberFormatException
from pyspark.sql import functions as F


def test_unresolved_column(spark):
    df = spark.createDataFrame([(1, 2)], "a INT, b INT")
    with pytest.raises(AnalysisException) as info:
        df.select("c").collect()
    error = info.value
    assert error.getErrorClass() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    assert error.getSqlState() == "42703"
    assert error.getMessageParameters()["objectName"] == "`c`"
    assert str(error).startswith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or "
                                 "function parameter with name `c` cannot be resolved.")


def test_missing_path(spark, tmp_path):
    with pytest.raises(AnalysisException) as info:
        spark.read.json(str(tmp_path / "nope")).collect()
    assert info.value.getErrorClass() == "PATH_NOT_FOUND"


def test_ansi_divide_by_zero_and_legacy_null(spark):
    df = spark.createDataFrame([(1, 0)], "a INT, b INT")
    with pytest.raises(ArithmeticException) as info:
        df.select(F.col("a") / F.col("b")).collect()
    assert info.value.getErrorClass() == "DIVIDE_BY_ZERO"
    assert info.value.getSqlState() == "22012"
    spark.conf.set("spark.sql.ansi.enabled", "false")
    try:
        assert df.select((F.col("a") / F.col("b")).alias("q")).collect()[0].q is None
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "true")


def test_invalid_cast(spark):
    df = spark.createDataFrame([("x1",)], "s STRING")
    with pytest.raises(NumberFormatException) as info:
        df.select(F.col("s").cast("int")).collect()
    assert info.value.getErrorClass() == "CAST_INVALID_INPUT"
