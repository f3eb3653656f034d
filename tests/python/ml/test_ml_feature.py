"""StringIndexer and VectorAssembler: fit, transform, params and errors, checked against
indices and vectors computed in plain Python."""

import json
import math
import os
import subprocess
import sys
from collections import Counter

import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml import Pipeline
from pyspark.ml.feature import StringIndexer, StringIndexerModel, VectorAssembler
from pyspark.ml.linalg import DenseVector, SparseVector, Vectors, VectorUDT
from pyspark.sql.types import DoubleType, StructField, StructType

TIERS = ["pro", "free", "free", "team", "free", "pro", "enterprise", "team", "pro", "free"]


@pytest.fixture
def tiers(spark):
    return spark.createDataFrame([(i, t, i * 1.5) for i, t in enumerate(TIERS)],
                                 ["id", "tier", "score"])


def expected_labels(values, order):
    counts = Counter(values)
    if order == "frequencyDesc":
        return sorted(counts, key=lambda v: (-counts[v], v))
    if order == "frequencyAsc":
        return sorted(counts, key=lambda v: (counts[v], v))
    return sorted(counts, reverse=order == "alphabetDesc")


@pytest.mark.parametrize("order", ["frequencyDesc", "frequencyAsc", "alphabetAsc",
                                   "alphabetDesc"])
def test_string_indexer_orders(tiers, order):
    model = StringIndexer(inputCol="tier", outputCol="idx", stringOrderType=order).fit(tiers)
    labels = expected_labels(TIERS, order)
    assert model.labels == labels
    rows = model.transform(tiers).orderBy("id").collect()
    assert [r.idx for r in rows] == [float(labels.index(t)) for t in TIERS]
    assert model.transform(tiers).schema["idx"].dataType == DoubleType()


def test_string_indexer_several_columns_and_numeric_input(spark):
    df = spark.createDataFrame([("a", 1.0), ("b", 2.0), ("b", 2.0), ("c", 1.0), ("b", 3.0)],
                               ["s", "n"])
    model = StringIndexer(inputCols=["s", "n"], outputCols=["si", "ni"]).fit(df)
    assert model.labelsArray == [["b", "a", "c"], ["1.0", "2.0", "3.0"]]
    rows = model.transform(df).collect()
    assert [(r.si, r.ni) for r in rows] == [(1.0, 0.0), (0.0, 1.0), (0.0, 1.0), (2.0, 0.0),
                                            (0.0, 2.0)]


def test_string_indexer_handle_invalid(spark, tiers):
    model = StringIndexer(inputCol="tier", outputCol="idx").fit(tiers)
    labels = model.labels
    new = spark.createDataFrame([(1, "free"), (2, "gold"), (3, None)], ["id", "tier"])
    with pytest.raises(SparkRuntimeException) as error:
        model.transform(new).collect()
    assert "Unseen label: gold. To handle unseen labels, set Param handleInvalid to keep." \
        in str(error.value)
    with pytest.raises(SparkRuntimeException, match="StringIndexer encountered NULL value"):
        model.transform(new.filter("id = 3")).collect()
    kept = model.setHandleInvalid("keep").transform(new).orderBy("id").collect()
    assert [r.idx for r in kept] == [float(labels.index("free")), float(len(labels)),
                                     float(len(labels))]
    skipped = model.setHandleInvalid("skip").transform(new).collect()
    assert [(r.id, r.idx) for r in skipped] == [(1, float(labels.index("free")))]


def test_string_indexer_fit_ignores_nulls(spark):
    df = spark.createDataFrame([("x",), (None,), ("y",), ("x",)], "s string")
    assert StringIndexer(inputCol="s", outputCol="i").fit(df).labels == ["x", "y"]


def test_string_indexer_errors(spark, tiers):
    with pytest.raises(IllegalArgumentException, match="Output column id already exists"):
        StringIndexer(inputCol="tier", outputCol="id").fit(tiers).transform(tiers)
    with pytest.raises(IllegalArgumentException, match="exactly one of inputCol, inputCols"):
        StringIndexer(inputCol="tier", inputCols=["tier"], outputCol="i").fit(tiers)
    with pytest.raises(IllegalArgumentException, match="given invalid value bogus"):
        StringIndexer(inputCol="tier", outputCol="i", handleInvalid="bogus").fit(tiers)
    with pytest.raises(IllegalArgumentException, match="string type or numeric type"):
        df = spark.createDataFrame([(True,)], ["b"])
        StringIndexer(inputCol="b", outputCol="i").fit(df)


def test_string_indexer_model_from_labels(spark):
    model = StringIndexerModel.from_labels(["a", "b"], inputCol="s", outputCol="i",
                                           handleInvalid="keep")
    df = spark.createDataFrame([("b",), ("z",)], ["s"])
    assert [r.i for r in model.transform(df).collect()] == [1.0, 2.0]
    multi = StringIndexerModel.from_arrays_of_labels([["a"], ["b"]], inputCols=["s", "t"],
                                                     outputCols=["i", "j"])
    assert multi.labelsArray == [["a"], ["b"]]


def assemble(values):
    """VectorAssembler's vector of one row in plain Python: sparse when 1.5 * (nnz + 1) < size."""
    flat = []
    for v in values:
        flat.extend(v.toArray().tolist() if hasattr(v, "toArray") else [float(v)])
    nonzero = {i: x for i, x in enumerate(flat) if x != 0.0}
    if 1.5 * (len(nonzero) + 1.0) < len(flat):
        return SparseVector(len(flat), nonzero)
    return DenseVector(flat)


def test_vector_assembler_matches_python(spark):
    rows = [(1, 2.0, True, Vectors.dense([0.5, 0.0])),
            (0, 0.0, False, Vectors.sparse(6, {5: 7.0})),
            (3, -1.5, False, Vectors.sparse(2, {}))]
    df = spark.createDataFrame(rows, ["a", "b", "c", "v"])
    out = VectorAssembler(inputCols=["a", "b", "c", "v"], outputCol="features").transform(df)
    assert out.schema["features"].dataType == VectorUDT()
    got = [r.features for r in out.collect()]
    expected = [assemble([float(a), b, float(c), v]) for a, b, c, v in rows]
    assert got == expected
    assert [type(g) for g in got] == [type(e) for e in expected]
    assert [type(g) for g in got] == [DenseVector, SparseVector, SparseVector]


def test_vector_assembler_handle_invalid(spark):
    df = spark.createDataFrame([(1.0, Vectors.dense([1.0, 2.0])), (None, Vectors.dense([3.0, 0.0])),
                                (float("nan"), None), (4.0, Vectors.dense([5.0, 6.0]))],
                               StructType([StructField("x", DoubleType()),
                                           StructField("v", VectorUDT())]))
    assembler = VectorAssembler(inputCols=["x", "v"], outputCol="f")
    with pytest.raises(SparkRuntimeException, match="Encountered null while assembling a row"):
        assembler.transform(df).collect()
    skipped = assembler.setHandleInvalid("skip").transform(df).collect()
    assert [r.f for r in skipped] == [Vectors.dense([1.0, 1.0, 2.0]), Vectors.dense([4.0, 5.0, 6.0])]
    kept = [r.f.toArray().tolist() for r in assembler.setHandleInvalid("keep").transform(df).collect()]
    assert kept[0] == [1.0, 1.0, 2.0] and kept[3] == [4.0, 5.0, 6.0]
    assert math.isnan(kept[1][0]) and kept[1][1:] == [3.0, 0.0]
    assert all(math.isnan(x) for x in kept[2])
    nan_only = spark.createDataFrame([(float("nan"),)], ["x"])
    with pytest.raises(SparkRuntimeException, match="Encountered NaN"):
        VectorAssembler(inputCols=["x"], outputCol="f").transform(nan_only).collect()


def test_vector_assembler_errors(spark):
    df = spark.createDataFrame([(1, "s")], ["a", "s"])
    with pytest.raises(IllegalArgumentException, match="Data type string of column s is not"):
        VectorAssembler(inputCols=["a", "s"], outputCol="f").transform(df)
    with pytest.raises(IllegalArgumentException, match="Output column a already exists"):
        VectorAssembler(inputCols=["a"], outputCol="a").transform(df)


def test_churn_pipeline(spark):
    rows = [(1, 12, 3, 5, "pro"), (2, 4, 1, 40, "free"), (3, 0, 0, 90, "free"),
            (4, 30, 6, 1, "team")]
    df = spark.createDataFrame(rows, ["user_id", "event_count", "product_area_count",
                                      "days_since_last_event", "plan_tier"])
    indexer = StringIndexer(inputCol="plan_tier", outputCol="plan_tier_index")
    assembler = VectorAssembler(inputCols=["event_count", "product_area_count",
                                           "days_since_last_event", "plan_tier_index"],
                                outputCol="features")
    model = Pipeline(stages=[indexer, assembler]).fit(df)
    got = {r.user_id: r.features
           for r in model.transform(df).select("user_id", "features").collect()}
    labels = expected_labels([r[4] for r in rows], "frequencyDesc")
    for user, events, areas, days, tier in rows:
        assert got[user] == assemble([events, areas, days, labels.index(tier)])


def test_string_indexer_model_save_load_spark_layout(spark, tiers, tmp_path):
    model = StringIndexer(inputCols=["tier", "score"], outputCols=["ti", "si"],
                          handleInvalid="keep").fit(tiers)
    path = str(tmp_path / "indexer")
    model.save(path)
    data = spark.read.parquet(os.path.join(path, "data"))
    assert data.schema.simpleString() == "struct<labelsArray:array<array<string>>>"
    assert data.head().labelsArray == model.labelsArray
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        meta = json.loads(f.readline())
    assert meta["class"] == "org.apache.spark.ml.feature.StringIndexerModel"
    assert meta["paramMap"]["handleInvalid"] == "keep"
    loaded = StringIndexerModel.load(path)
    assert loaded.uid == model.uid and loaded.labelsArray == model.labelsArray
    assert loaded.getOutputCols() == ["ti", "si"]
    expected = model.transform(tiers).orderBy("id").collect()
    assert loaded.transform(tiers).orderBy("id").collect() == expected


def test_fitted_churn_pipeline_reloads_in_another_process(spark, tmp_path):
    df = spark.createDataFrame([(1, 3, "pro"), (2, 0, "free"), (3, 5, "free")],
                               ["user_id", "events", "tier"])
    model = Pipeline(stages=[StringIndexer(inputCol="tier", outputCol="tier_index"),
                             VectorAssembler(inputCols=["events", "tier_index"],
                                             outputCol="features")]).fit(df)
    path = str(tmp_path / "model")
    model.write().overwrite().save(path)
    script = (
        "import sys; sys.path.insert(0, %r)\n"
        "import ember; ember.activate()\n"
        "from pyspark.sql import SparkSession\n"
        "from pyspark.ml import PipelineModel\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "df = spark.createDataFrame([(1, 3, 'pro'), (2, 0, 'free'), (3, 5, 'free')],"
        " ['user_id', 'events', 'tier'])\n"
        "model = PipelineModel.load(%r)\n"
        "print([str(r.features) for r in model.transform(df).orderBy('user_id').collect()])\n"
        % (os.path.join(os.path.dirname(__file__), "..", "..", "..", "python"), path))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['[3.0,1.0]', '(2,[],[])', '[5.0,0.0]']"  # all zeros: sparse
