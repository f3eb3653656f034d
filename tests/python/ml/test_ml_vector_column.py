"""Vector columns through the engine: schema, collect, show, SQL, and pyspark.ml.functions."""

import pytest

from pyspark.errors import AnalysisException, IllegalArgumentException
from pyspark.ml.functions import array_to_vector, vector_to_array
from pyspark.ml.linalg import DenseVector, SparseVector, Vectors, VectorUDT
from pyspark.sql.types import (ArrayType, DoubleType, FloatType, IntegerType, MapType, StringType,
                               StructField, StructType)


@pytest.fixture
def vectors(spark):
    return spark.createDataFrame(
        [(1, Vectors.dense([1.0, 2.0])), (2, Vectors.sparse(4, {0: 1.0, 2: 3.0})), (3, None)],
        ["id", "v"])


def test_schema_is_the_vector_udt(vectors):
    assert vectors.schema["v"].dataType == VectorUDT()
    assert vectors.dtypes == [("id", "bigint"), ("v", "vector")]
    assert vectors.schema.treeString().splitlines()[2] == " |-- v: vector (nullable = true)"


def test_collect_returns_vector_objects(vectors):
    rows = vectors.orderBy("id").collect()
    assert type(rows[0].v) is DenseVector and rows[0].v == Vectors.dense([1.0, 2.0])
    assert type(rows[1].v) is SparseVector and rows[1].v == Vectors.sparse(4, {0: 1.0, 2: 3.0})
    assert rows[2].v is None


def test_explicit_schema_and_flow_through_operators(spark, vectors):
    schema = StructType([StructField("v", VectorUDT(), True)])
    df = spark.createDataFrame([(Vectors.dense([0.5]),)], schema)
    assert df.first().v == Vectors.dense([0.5])
    joined = vectors.filter("id < 3").join(vectors.select("id"), "id").orderBy("id")
    assert [r.v for r in joined.collect()] == [Vectors.dense([1.0, 2.0]),
                                               Vectors.sparse(4, {0: 1.0, 2: 3.0})]
    assert joined.schema["v"].dataType == VectorUDT()


def test_show_prints_spark_vector_text(vectors):
    assert vectors.orderBy("id")._show_string() == (
        "+---+-------------------+\n"
        "| id|                  v|\n"
        "+---+-------------------+\n"
        "|  1|          [1.0,2.0]|\n"
        "|  2|(4,[0,2],[1.0,3.0])|\n"
        "|  3|               NULL|\n"
        "+---+-------------------+\n")


def test_cast_to_string_and_sql(spark, vectors):
    vectors.createOrReplaceTempView("ml_vectors")
    rows = spark.sql("SELECT CAST(v AS STRING) AS s, vector_to_array(v) AS a FROM ml_vectors "
                     "ORDER BY id").collect()
    assert [r.s for r in rows] == ["[1.0,2.0]", "(4,[0,2],[1.0,3.0])", None]
    assert [r.a for r in rows] == [[1.0, 2.0], [1.0, 0.0, 3.0, 0.0], None]


def test_vector_to_array(vectors):
    out = vectors.orderBy("id").select(vector_to_array("v").alias("d"),
                                       vector_to_array(vectors.v, "float32").alias("f"))
    assert out.schema["d"].dataType == ArrayType(DoubleType(), False)
    assert out.schema["f"].dataType == ArrayType(FloatType(), False)
    expected = [[1.0, 2.0], [1.0, 0.0, 3.0, 0.0], None]
    assert [r.d for r in out.collect()] == expected
    assert [r.f for r in out.collect()] == expected


def test_array_to_vector_round_trip(spark):
    df = spark.createDataFrame([([1, 2],), ([],), (None,)], "a array<int>")
    out = df.select(array_to_vector("a").alias("v"))
    assert out.schema["v"].dataType == VectorUDT()
    assert [r.v for r in out.collect()] == [Vectors.dense([1.0, 2.0]), Vectors.dense([]), None]
    back = out.select(vector_to_array("v").alias("a")).collect()
    assert [r.a for r in back] == [[1.0, 2.0], [], None]


def test_vector_functions_reject_other_types(spark, vectors):
    with pytest.raises(AnalysisException) as error:
        spark.createDataFrame([(1,)], ["x"]).select(vector_to_array("x")).collect()
    assert error.value.getErrorClass() == "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"
    with pytest.raises(AnalysisException):
        spark.createDataFrame([("a",)], ["s"]).select(array_to_vector("s")).collect()
    with pytest.raises(IllegalArgumentException):
        vectors.select(vector_to_array("v", "int")).collect()


def test_vectors_and_nested_types_round_trip_through_parquet(spark, vectors, tmp_path):
    path = str(tmp_path / "vectors.parquet")
    vectors.write.parquet(path)
    back = spark.read.parquet(path)
    assert back.schema["v"].dataType == VectorUDT()
    assert back.orderBy("id").collect() == vectors.orderBy("id").collect()
    nested = spark.createDataFrame(
        [(1, [["a"], [], None], {"k": 1.5}, (2, [1, None])), (2, None, None, None)],
        "id int, a array<array<string>>, m map<string,double>, s struct<x:int,y:array<int>>")
    nested_path = str(tmp_path / "nested.parquet")
    nested.write.parquet(nested_path)
    assert spark.read.parquet(nested_path).orderBy("id").collect() == \
        nested.orderBy("id").collect()


def test_vectors_below_the_top_level_keep_their_type_through_parquet(spark, tmp_path):
    dense, sparse = Vectors.dense([1.0, -2.5]), Vectors.sparse(4, [1, 3], [0.5, 7.0])
    schema = StructType([
        StructField("id", IntegerType()),
        StructField("vs", ArrayType(VectorUDT())),
        StructField("by_name", MapType(StringType(), VectorUDT())),
        StructField("s", StructType([StructField("n", IntegerType()), StructField("v", VectorUDT())])),
        StructField("deep", ArrayType(ArrayType(VectorUDT()))),
    ])
    rows = [(1, [dense, None, sparse], {"a": sparse}, (3, dense), [[sparse], []]),
            (2, [], None, (4, None), None),
            (3, None, {"b": None}, None, [[dense, dense]])]
    path = str(tmp_path / "nested_vectors.parquet")
    spark.createDataFrame(rows, schema).write.parquet(path)
    back = spark.read.parquet(path)
    assert back.schema == schema
    got = back.orderBy("id").collect()
    assert [tuple(r) for r in got] == [
        (1, [dense, None, sparse], {"a": sparse}, (3, dense), [[sparse], []]),
        (2, [], None, (4, None), None),
        (3, None, {"b": None}, None, [[dense, dense]])]
    assert isinstance(got[0].vs[2], SparseVector) and isinstance(got[0].s.v, DenseVector)
    assert back.selectExpr("vs[0]").schema[0].dataType == VectorUDT()
