"""createDataFrame's type inference and value encoding, as PySpark infers and checks them."""

import datetime
import decimal

import pytest

from pyspark.errors import PySparkTypeError, PySparkValueError
from pyspark.sql import Row
from pyspark.sql import _values
from pyspark.sql.types import (
    ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType,
    MapType, StringType, StructField, StructType, TimestampType,
)


def test_inference_of_python_types():
    schema = _values.infer_schema([(1, 1.5, "s", True, decimal.Decimal("1.5"),
                                    datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1),
                                    b"x", [1], {"k": 1.0})])
    assert [f.dataType for f in schema.fields] == [
        LongType(), DoubleType(), StringType(), BooleanType(), DecimalType(38, 18), DateType(),
        TimestampType(), BinaryType(), ArrayType(LongType()), MapType(StringType(), DoubleType())]
    assert schema.names == ["_1", "_2", "_3", "_4", "_5", "_6", "_7", "_8", "_9", "_10"]


def test_inference_merges_nulls_and_names():
    schema = _values.infer_schema([Row(a=None, b="x"), Row(a=3, b=None)])
    assert schema == StructType([StructField("a", LongType()), StructField("b", StringType())])
    assert _values.infer_schema([{"b": 1, "a": "x"}]).names == ["a", "b"]
    assert _values.infer_schema([(1, 2)], names=["x"]).names == ["x", "_2"]


def test_inference_errors():
    with pytest.raises(PySparkValueError) as info:
        _values.infer_schema([(None,)])
    assert info.value.getErrorClass() == "CANNOT_DETERMINE_TYPE"
    with pytest.raises(PySparkTypeError) as info:
        _values.infer_schema([(1,), ([1],)])
    assert info.value.getErrorClass() == "CANNOT_MERGE_TYPE"
    with pytest.raises(PySparkValueError) as info:
        _values.infer_schema([])
    assert info.value.getErrorClass() == "CANNOT_INFER_EMPTY_SCHEMA"
    with pytest.raises(PySparkTypeError) as info:
        _values.infer_schema([1, 2])
    assert info.value.getErrorClass() == "CANNOT_INFER_SCHEMA_FOR_TYPE"


def test_encoding_by_type():
    utc = _values.time_zone("UTC")
    schema = StructType([
        StructField("d", DateType()), StructField("t", TimestampType()),
        StructField("x", DoubleType()), StructField("m", MapType(StringType(), IntegerType())),
        StructField("s", StructType([StructField("a", IntegerType())])),
        StructField("b", BinaryType()), StructField("n", DecimalType(5, 2))])
    row = (datetime.date(1970, 1, 2), datetime.datetime(1970, 1, 1, 0, 0, 1, 5), float("inf"),
           {"k": 1}, Row(a=7), bytearray(b"\x01\xff"), decimal.Decimal("1.25"))
    assert _values.encode_struct(row, schema, utc) == [
        1, 1000005, "Infinity", [["k", 1]], [7], "01ff", "1.25"]


def test_naive_timestamps_use_the_session_time_zone():
    value = datetime.datetime(2024, 1, 1, 12, 0)
    utc_micros = _values.timestamp_micros(value, _values.time_zone("UTC"))
    la_micros = _values.timestamp_micros(value, _values.time_zone("America/Los_Angeles"))
    assert la_micros - utc_micros == 8 * 3600 * 1000000
    assert _values.timestamp_micros(value, _values.time_zone("+01:00")) == \
        utc_micros - 3600 * 1000000


def test_verification_errors():
    utc = _values.time_zone("UTC")
    schema = StructType([StructField("id", IntegerType(), False), StructField("s", StringType())])
    with pytest.raises(PySparkTypeError) as info:
        _values.encode_struct((1.0, "x"), schema, utc)
    assert info.value.getErrorClass() == "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME"
    with pytest.raises(PySparkValueError) as info:
        _values.encode_struct((None, "x"), schema, utc)
    assert info.value.getErrorClass() == "FIELD_NOT_NULLABLE_WITH_NAME"
    with pytest.raises(PySparkValueError) as info:
        _values.encode_struct((2 ** 31, "x"), schema, utc)
    assert info.value.getErrorClass() == "VALUE_OUT_OF_BOUNDS"
    with pytest.raises(PySparkValueError):
        _values.encode_struct((1,), schema, utc)


def test_records_by_name():
    utc = _values.time_zone("UTC")
    schema = StructType([StructField("a", IntegerType()), StructField("b", StringType())])
    assert _values.encode_struct({"b": "x", "a": 1}, schema, utc) == [1, "x"]
    assert _values.encode_struct(Row(b="x", a=1), schema, utc) == [1, "x"]


def test_an_atomic_type_merges_into_string_and_strings_take_any_value(spark):
    # PySpark's _merge_type: int and str values make a string column; the JVM keeps each value's
    # Java text (a bool is true/false, a double Java's Double.toString)
    schema = _values.infer_schema([(1, "a"), ("b", 2.5)])
    assert schema == StructType([StructField("_1", StringType()), StructField("_2", StringType())])
    df = spark.createDataFrame([(7, [False]), ("z", ["y", 1e-5])], ["p", "q"])
    assert df.dtypes == [("p", "string"), ("q", "array<string>")]
    assert [tuple(r) for r in df.collect()] == [("7", ["false"]), ("z", ["y", "1.0E-5"])]
    given = spark.createDataFrame([(3, {"k": 40})], "s string, m map<string,string>")
    assert tuple(given.first()) == ("3", {"k": "40"})
