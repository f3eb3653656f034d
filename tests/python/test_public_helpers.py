"""Helpers scripts and their tests import: pyspark.testing, pyspark.StorageLevel, the legacy
SQLContext and every exception class of pyspark.errors."""

import pytest

import pyspark.errors as errors
from pyspark import StorageLevel
from pyspark.errors import PySparkAssertionError, PySparkTypeError
from pyspark.sql import Row, SQLContext
from pyspark.sql.types import (
    ArrayType, DoubleType, IntegerType, LongType, StringType, StructField, StructType,
)
from pyspark.testing import assertDataFrameEqual, assertSchemaEqual


def test_assert_dataframe_equal_passes(spark):
    a = spark.createDataFrame([("1", 0.1), ("2", 3.23)], ["id", "amount"])
    b = spark.createDataFrame([("2", 3.23), ("1", 0.1000001)], ["id", "amount"])
    assertDataFrameEqual(a, b)  # any row order, floats within rtol
    assertDataFrameEqual(a, [Row(id="1", amount=0.1), Row(id="2", amount=3.23)])
    assertDataFrameEqual(a, spark.createDataFrame([("1", 0.109), ("2", 3.23)], ["id", "amount"]),
                         rtol=1e-1)
    assertDataFrameEqual(None, None)
    swapped = spark.createDataFrame([(0.1, "1"), (3.23, "2")], ["amount", "id"])
    assertDataFrameEqual(a, swapped, ignoreColumnOrder=True)
    nan = spark.createDataFrame([(float("nan"),)], "x DOUBLE")
    assertDataFrameEqual(nan, nan)


def test_assert_dataframe_equal_rows_differ(spark):
    a = spark.createDataFrame([("1", 1000.0), ("2", 3000.0), ("3", 2000.0)], ["id", "amount"])
    b = spark.createDataFrame([("1", 1001.0), ("2", 3000.0), ("3", 2003.0)], ["id", "amount"])
    with pytest.raises(PySparkAssertionError) as e:
        assertDataFrameEqual(a, b, includeDiffRows=True)
    assert e.value.getErrorClass() == "DIFFERENT_ROWS"
    text = str(e.value)
    assert text.startswith("[DIFFERENT_ROWS] Results do not match: ( 66.66667 % )")
    assert "! Row(id='1', amount=1000.0)" in text and "  Row(id='2', amount=3000.0)" in text
    assert "! Row(id='3', amount=2003.0)" in text
    assert len(e.value.data) == 2
    with pytest.raises(PySparkAssertionError) as e:
        assertDataFrameEqual(a, b.limit(2), checkRowOrder=True)
    assert e.value.getErrorClass() == "DIFFERENT_ROWS"


def test_assert_dataframe_equal_schema_and_arguments(spark):
    a = spark.createDataFrame([(1, 1000)], ["id", "number"])
    b = spark.createDataFrame([("1", 1000)], ["id", "number"])
    with pytest.raises(PySparkAssertionError) as e:
        assertDataFrameEqual(a, b)
    assert e.value.getErrorClass() == "DIFFERENT_SCHEMA"
    with pytest.raises(PySparkAssertionError) as e:
        assertDataFrameEqual(a, None)
    assert e.value.getErrorClass() == "INVALID_TYPE_DF_EQUALITY_ARG"
    assert e.value.getMessageParameters()["arg_name"] == "expected"


def test_assert_schema_equal():
    s1 = StructType([StructField("names", ArrayType(DoubleType(), True), True)])
    s2 = StructType([StructField("names", ArrayType(DoubleType(), True), False)])
    assertSchemaEqual(s1, s2)  # nullability ignored by default
    with pytest.raises(PySparkAssertionError) as e:
        assertSchemaEqual(s1, s2, ignoreNullable=False)
    assert e.value.getErrorClass() == "DIFFERENT_SCHEMA"
    assert str(e.value).startswith("[DIFFERENT_SCHEMA] Schemas do not match.\n- StructType(")
    ab = StructType([StructField("a", IntegerType()), StructField("b", DoubleType())])
    ba = StructType([StructField("b", DoubleType()), StructField("a", IntegerType())])
    assertSchemaEqual(ab, ba, ignoreColumnOrder=True)
    cd = StructType([StructField("c", IntegerType()), StructField("d", DoubleType())])
    assertSchemaEqual(ab, cd, ignoreColumnName=True)
    with pytest.raises(PySparkAssertionError):
        assertSchemaEqual(ab, StructType([StructField("a", LongType()),
                                          StructField("b", DoubleType())]))
    with pytest.raises(PySparkTypeError) as e:
        assertSchemaEqual(ab, "a int")
    assert e.value.getErrorClass() == "NOT_STRUCT"


def test_storage_level():
    assert StorageLevel.MEMORY_AND_DISK == StorageLevel(True, True, False, False, 1)
    assert str(StorageLevel.MEMORY_AND_DISK_DESER) == "Disk Memory Deserialized 1x Replicated"
    assert str(StorageLevel.DISK_ONLY_2) == "Disk Serialized 2x Replicated"
    assert repr(StorageLevel.OFF_HEAP) == "StorageLevel(True, True, True, False, 1)"
    assert StorageLevel.NONE != StorageLevel.MEMORY_ONLY
    assert len({StorageLevel.MEMORY_ONLY, StorageLevel(False, True, False, False)}) == 1


def test_sql_context(spark):
    sc = spark.sparkContext
    ctx = SQLContext(sc)
    assert ctx.sparkSession is spark
    df = ctx.createDataFrame([(1, "a")], "id INT, s STRING")
    ctx.registerDataFrameAsTable(df, "legacy_t")
    assert ctx.sql("SELECT s FROM legacy_t").collect() == [Row(s="a")]
    assert ctx.table("legacy_t").count() == 1
    assert "legacy_t" in ctx.tableNames()
    ctx.dropTempTable("legacy_t")
    assert "legacy_t" not in ctx.tableNames()
    assert ctx.range(3).count() == 3
    ctx.setConf("spark.ember.test.legacy", "7")
    assert ctx.getConf("spark.ember.test.legacy") == "7"
    spark.conf.unset("spark.ember.test.legacy")
    with pytest.warns(FutureWarning):
        assert isinstance(SQLContext.getOrCreate(sc), SQLContext)
    with pytest.raises(PySparkTypeError):
        SQLContext("not a context")


def test_every_error_class_exists():
    names = ["AnalysisException", "ArithmeticException", "ArrayIndexOutOfBoundsException",
             "DateTimeException", "IllegalArgumentException", "NumberFormatException",
             "ParseException", "PySparkAssertionError", "PySparkAttributeError",
             "PySparkException", "PySparkKeyError", "PySparkNotImplementedError",
             "PySparkPicklingError", "PySparkRuntimeError", "PySparkTypeError",
             "PySparkValueError", "PySparkImportError", "PySparkIndexError", "PythonException",
             "QueryContext", "QueryContextType", "QueryExecutionException", "RetriesExceeded",
             "SessionNotSameException", "SparkRuntimeException", "SparkUpgradeException",
             "SparkNoSuchElementException", "StreamingQueryException",
             "TempTableAlreadyExistsException", "UnknownException",
             "UnsupportedOperationException"]
    for name in names:
        assert hasattr(errors, name), name
    assert issubclass(errors.ParseException, errors.AnalysisException)
    assert issubclass(errors.PySparkAssertionError, AssertionError)
    assert issubclass(errors.PySparkImportError, ImportError)
    e = errors.ArrayIndexOutOfBoundsException(
        message="[INVALID_ARRAY_INDEX] x", errorClass="INVALID_ARRAY_INDEX",
        messageParameters={"indexValue": "5"}, sqlState="22003")
    assert e.getErrorClass() == "INVALID_ARRAY_INDEX"
    assert e.getMessageParameters() == {"indexValue": "5"}
    assert e.getSqlState() == "22003" and e.getQueryContext() == []
    assert errors.QueryContextType.SQL.value == 0


def test_engine_errors_have_query_context_list(spark):
    with pytest.raises(errors.AnalysisException) as e:
        spark.range(1).select("nope").collect()
    assert e.value.getErrorClass() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    assert isinstance(e.value.getMessageParameters(), dict)
    assert isinstance(e.value.getQueryContext(), list)


def test_schema_of_string_casts(spark):
    df = spark.createDataFrame([("1",)], StructType([StructField("s", StringType())]))
    assertDataFrameEqual(df.select(df.s.cast("int").alias("s")), [Row(s=1)])
