"""pyspark.sql.types: names, repr, JSON, DDL parsing and printSchema text."""

import pytest

from pyspark.errors import ParseException
from pyspark.sql.types import (
    ArrayType, BinaryType, BooleanType, ByteType, DataType, DateType, DecimalType, DoubleType,
    FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField,
    StructType, TimestampNTZType, TimestampType,
)


@pytest.mark.parametrize("data_type, simple, type_name", [
    (NullType(), "void", "void"),
    (BooleanType(), "boolean", "boolean"),
    (ByteType(), "tinyint", "byte"),
    (ShortType(), "smallint", "short"),
    (IntegerType(), "int", "integer"),
    (LongType(), "bigint", "long"),
    (FloatType(), "float", "float"),
    (DoubleType(), "double", "double"),
    (StringType(), "string", "string"),
    (BinaryType(), "binary", "binary"),
    (DateType(), "date", "date"),
    (TimestampType(), "timestamp", "timestamp"),
    (TimestampNTZType(), "timestamp_ntz", "timestamp_ntz"),
])
def test_simple_type_names(data_type, simple, type_name):
    assert data_type.simpleString() == simple
    assert data_type.typeName() == type_name
    assert DataType.fromJson(data_type.jsonValue()) == data_type


def test_nested_simple_strings():
    t = StructType([StructField("a", ArrayType(IntegerType())),
                    StructField("m", MapType(StringType(), DecimalType(10, 2))),
                    StructField("s", StructType([StructField("x", LongType())]))])
    assert t.simpleString() == "struct<a:array<int>,m:map<string,decimal(10,2)>,s:struct<x:bigint>>"


def test_repr_as_pyspark4():
    t = StructType([StructField("id", IntegerType(), True),
                    StructField("tags", ArrayType(StringType(), False), True),
                    StructField("m", MapType(StringType(), LongType()), False),
                    StructField("d", DecimalType(10, 2))])
    assert repr(t) == (
        "StructType([StructField('id', IntegerType(), True), "
        "StructField('tags', ArrayType(StringType(), False), True), "
        "StructField('m', MapType(StringType(), LongType(), True), False), "
        "StructField('d', DecimalType(10,2), True)])")


def test_equality_and_singletons():
    assert IntegerType() is IntegerType()
    assert DecimalType(10, 2) == DecimalType(10, 2)
    assert DecimalType(10, 2) != DecimalType(10, 3)
    assert ArrayType(IntegerType(), True) != ArrayType(IntegerType(), False)
    assert StructType([StructField("a", IntegerType())]) == StructType().add("a", IntegerType())
    assert StructType().add("a", "int").add("b", StringType(), False) == StructType(
        [StructField("a", IntegerType(), True), StructField("b", StringType(), False)])


def test_struct_field_access():
    t = StructType([StructField("a", IntegerType()), StructField("b", StringType())])
    assert t["b"].dataType == StringType()
    assert t[0].name == "a"
    assert t.fieldNames() == ["a", "b"]
    assert t.names == ["a", "b"]
    assert [f.name for f in t] == ["a", "b"]
    assert len(t) == 2
    with pytest.raises(KeyError):
        t["c"]


def test_json_round_trip():
    t = StructType([StructField("a", ArrayType(MapType(StringType(), DoubleType(), False))),
                    StructField("b", DecimalType(38, 18), False)])
    assert t.json() == (
        '{"fields":[{"metadata":{},"name":"a","nullable":true,"type":{"containsNull":true,'
        '"elementType":{"keyType":"string","type":"map","valueContainsNull":false,'
        '"valueType":"double"},"type":"array"}},{"metadata":{},"name":"b","nullable":false,'
        '"type":"decimal(38,18)"}],"type":"struct"}')
    assert StructType.fromJson(t.jsonValue()) == t


def test_ddl_schema_parsing():
    t = StructType.fromDDL("id INT, s STRING NOT NULL, d DECIMAL(10, 2), ts timestamp, "
                           "a ARRAY<STRUCT<x: BIGINT, `y z`: string>>, m map<string,int>")
    assert t == StructType([
        StructField("id", IntegerType()),
        StructField("s", StringType(), False),
        StructField("d", DecimalType(10, 2)),
        StructField("ts", TimestampType()),
        StructField("a", ArrayType(StructType([StructField("x", LongType()),
                                               StructField("y z", StringType())]))),
        StructField("m", MapType(StringType(), IntegerType())),
    ])
    assert DataType.fromDDL("a: int, b: string") == StructType(
        [StructField("a", IntegerType()), StructField("b", StringType())])
    assert DataType.fromDDL("struct<a:int>") == StructType([StructField("a", IntegerType())])


def test_ddl_syntax_error():
    with pytest.raises(ParseException) as info:
        StructType.fromDDL("id INT,, x")
    assert info.value.getErrorClass() == "PARSE_SYNTAX_ERROR"


def test_tree_string():
    t = StructType([
        StructField("id", LongType(), False),
        StructField("tags", ArrayType(StringType(), True)),
        StructField("attrs", MapType(StringType(), IntegerType(), False)),
        StructField("point", StructType([StructField("x", DoubleType()),
                                         StructField("y", DecimalType(5, 1))])),
    ])
    assert t.treeString() == (
        "root\n"
        " |-- id: long (nullable = false)\n"
        " |-- tags: array (nullable = true)\n"
        " |    |-- element: string (containsNull = true)\n"
        " |-- attrs: map (nullable = true)\n"
        " |    |-- key: string\n"
        " |    |-- value: integer (valueContainsNull = false)\n"
        " |-- point: struct (nullable = true)\n"
        " |    |-- x: double (nullable = true)\n"
        " |    |-- y: decimal(5,1) (nullable = true)\n")
    assert t.treeString(1) == (
        "root\n"
        " |-- id: long (nullable = false)\n"
        " |-- tags: array (nullable = true)\n"
        " |-- attrs: map (nullable = true)\n"
        " |-- point: struct (nullable = true)\n")
