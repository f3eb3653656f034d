"""unwrap_udt: an ML vector column as the struct PySpark's VectorUDT serializes it to (type 1 with
the values for dense vectors; type 0 with size, indices and values for sparse ones)."""

import pytest

import pyspark.sql.functions as F
from pyspark.errors import AnalysisException
from pyspark.ml.linalg import Vectors


def test_vectors_unwrap_to_their_struct(spark):
    df = spark.createDataFrame([(Vectors.dense([1.0, 2.0]),), (Vectors.sparse(3, [1], [4.0]),), (None,)], ["v"])
    rows = df.select(F.unwrap_udt("v").alias("u")).collect()
    assert [None if r.u is None else tuple(r.u) for r in rows] == [(1, None, None, [1.0, 2.0]), (0, 3, [1], [4.0]), None]
    assert df.select(F.unwrap_udt(F.col("v"))).schema[0].dataType.simpleString() == \
        "struct<type:tinyint,size:int,indices:array<int>,values:array<double>>"


def test_other_types_are_refused(spark):
    with pytest.raises(AnalysisException) as info:
        spark.range(1).select(F.unwrap_udt("id")).collect()
    assert info.value.getErrorClass() == "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"
