"""Interaction: each output vector against the products of plain Python's itertools.product over
the inputs' values (the first column slowest), Spark's compressed layout, params, save/load and
errors."""

import itertools
import math

import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.feature import Interaction
from pyspark.ml.linalg import DenseVector, SparseVector, Vectors

ROWS = [(1, 2, True, Vectors.dense([1.0, -3.0]), Vectors.sparse(3, {1: 2.5})),
        (2, 0, False, Vectors.dense([0.5, 0.0]), Vectors.dense([1.0, 2.0, 3.0])),
        (3, -1, True, Vectors.sparse(2, {}), Vectors.sparse(3, {0: 4.0, 2: -1.0})),
        (4, 5, True, Vectors.dense([2.0, 1.0]), Vectors.dense([float("nan"), 0.0, 1.0]))]


def expected(*values):
    lists = [list(v.toArray()) if hasattr(v, "toArray") else [float(v)] for v in values]
    products = [math.prod(p) for p in itertools.product(*lists)]
    nonzero = sum(1 for p in products if p != 0)
    sparse = 1.5 * (nonzero + 1.0) < len(products)
    return products, sparse


def same(a, b):
    return len(a) == len(b) and all(x == y or (math.isnan(x) and math.isnan(y))
                                    for x, y in zip(a, b))


def test_products_against_python(spark):
    df = spark.createDataFrame(ROWS, ["id", "n", "b", "u", "v"])
    for inputs in (["n", "u"], ["u", "v"], ["n", "b", "v", "u"], ["v"]):
        out = Interaction(inputCols=inputs, outputCol="o").transform(df).orderBy("id").collect()
        for row in out:
            products, sparse = expected(*[row[c] for c in inputs])
            assert same(list(row.o.toArray()), products), (inputs, row.id)
            assert isinstance(row.o, SparseVector if sparse else DenseVector), (inputs, row.id)


def test_params_save_load_and_errors(spark, tmp_path):
    interaction = Interaction(inputCols=["n", "u"], outputCol="o")
    assert interaction.getInputCols() == ["n", "u"] and interaction.getOutputCol() == "o"
    path = str(tmp_path / "interaction")
    interaction.save(path)
    loaded = Interaction.load(path)
    assert loaded.uid == interaction.uid and loaded.getInputCols() == ["n", "u"]
    df = spark.createDataFrame(ROWS, ["id", "n", "b", "u", "v"])
    assert (loaded.transform(df).select("id", "o").collect()
            == interaction.transform(df).select("id", "o").collect())
    with pytest.raises(IllegalArgumentException, match="Input cols must be distinct"):
        Interaction(inputCols=["n", "n"], outputCol="o").transform(df)
    with pytest.raises(IllegalArgumentException, match="Input cols must be defined first"):
        Interaction(outputCol="o").transform(df)
    text = spark.createDataFrame([("a", 1.0)], ["s", "x"])
    with pytest.raises(IllegalArgumentException, match="Data type string of column s"):
        Interaction(inputCols=["s", "x"], outputCol="o").transform(text)
    nulls = spark.createDataFrame([(None, 1.0)], "a double, x double")
    with pytest.raises(SparkRuntimeException, match="Values to interact cannot be null"):
        Interaction(inputCols=["a", "x"], outputCol="o").transform(nulls).collect()
