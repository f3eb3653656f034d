"""Bucketizer, Binarizer, OneHotEncoder, IndexToString and SQLTransformer against plain Python."""

import bisect
import math

import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.feature import (
    Binarizer, Bucketizer, IndexToString, OneHotEncoder, OneHotEncoderModel, SQLTransformer,
    StringIndexer,
)
from pyspark.ml.linalg import Vectors

VALUES = [-5.0, 0.0, 0.5, 2.0, 9.0, None, float("nan")]
SPLITS = [-float("inf"), 0.0, 2.0, float("inf")]


@pytest.fixture
def numbers(spark):
    return spark.createDataFrame(list(enumerate(VALUES)), "id int, x double")


def bucket(x, splits):
    if x is None:
        return None
    if math.isnan(x):
        return float(len(splits) - 1)
    return float(min(bisect.bisect_right(splits, x) - 1, len(splits) - 2))


def test_bucketizer_modes(numbers):
    keep = Bucketizer(splits=SPLITS, inputCol="x", outputCol="b", handleInvalid="keep")
    rows = keep.transform(numbers).orderBy("id").collect()
    assert [r.b for r in rows] == [bucket(x, SPLITS) for x in VALUES]
    skip = keep.setHandleInvalid("skip").transform(numbers).orderBy("id").collect()
    assert [r.id for r in skip] == [0, 1, 2, 3, 4, 5]
    with pytest.raises(SparkRuntimeException, match="Bucketizer encountered NaN value"):
        keep.setHandleInvalid("error").transform(numbers).collect()
    bounded = Bucketizer(splits=[0.0, 1.0, 5.0], inputCol="x", outputCol="b")
    with pytest.raises(SparkRuntimeException,
                       match=r"Feature value -5.0 out of Bucketizer bounds \[0.0, 5.0\]"):
        bounded.transform(numbers.filter("id = 0")).collect()
    assert bounded.transform(numbers.filter("id = 4 - 1")).head().b == 1.0
    with pytest.raises(IllegalArgumentException, match="strictly increasing"):
        Bucketizer(splits=[0.0, 0.0, 1.0], inputCol="x", outputCol="b").transform(numbers)


def test_bucketizer_several_columns(spark):
    df = spark.createDataFrame([(0.5, 7.0), (3.0, 1.0)], ["a", "c"])
    out = Bucketizer(splitsArray=[[0.0, 1.0, 4.0], [0.0, 5.0, 10.0]], inputCols=["a", "c"],
                     outputCols=["ab", "cb"]).transform(df).collect()
    assert [(r.ab, r.cb) for r in out] == [(0.0, 1.0), (1.0, 0.0)]


def test_binarizer(numbers):
    rows = Binarizer(threshold=0.5, inputCol="x", outputCol="y").transform(numbers) \
        .orderBy("id").collect()
    expected = [None if x is None else (1.0 if x > 0.5 else 0.0) for x in VALUES]
    assert [r.y for r in rows] == expected


def one_hot(index, categories, drop_last, keep):
    size = categories + (1 if keep else 0) - (1 if drop_last else 0)
    valid = index is not None and 0 <= index < categories and index == int(index)
    position = int(index) if valid else categories
    return Vectors.sparse(size, {position: 1.0} if position < size else {})


@pytest.mark.parametrize("drop_last", [True, False])
def test_one_hot_encoder(spark, drop_last, tmp_path):
    train = spark.createDataFrame([(0.0,), (2.0,), (1.0,), (2.0,)], ["c"])
    model = OneHotEncoder(inputCol="c", outputCol="v", dropLast=drop_last).fit(train)
    assert model.categorySizes == [3]
    rows = model.transform(train).collect()
    assert [r.v for r in rows] == [one_hot(c, 3, drop_last, False) for c in [0.0, 2.0, 1.0, 2.0]]
    test = spark.createDataFrame([(1.0,), (5.0,)], ["c"])
    with pytest.raises(SparkRuntimeException, match="Unseen value: 5.0"):
        model.transform(test).collect()
    kept = model.setHandleInvalid("keep").transform(test).collect()
    assert [r.v for r in kept] == [one_hot(c, 3, drop_last, True) for c in [1.0, 5.0]]
    path = str(tmp_path / "ohe")
    model.save(path)
    loaded = OneHotEncoderModel.load(path)
    assert loaded.categorySizes == [3] and loaded.getDropLast() == drop_last


def test_one_hot_encoder_rejects_negative_indices(spark):
    with pytest.raises(IllegalArgumentException, match="Negative value"):
        OneHotEncoder(inputCol="c", outputCol="v").fit(spark.createDataFrame([(-1.0,)], ["c"]))


def test_index_to_string_inverts_string_indexer(spark):
    df = spark.createDataFrame([("b",), ("a",), ("b",), ("c",)], ["s"])
    indexer = StringIndexer(inputCol="s", outputCol="i").fit(df)
    back = IndexToString(inputCol="i", outputCol="t", labels=indexer.labels) \
        .transform(indexer.transform(df)).collect()
    assert [r.t for r in back] == [r.s for r in back]
    with pytest.raises(SparkRuntimeException, match="Unseen index: 3.0"):
        IndexToString(inputCol="i", outputCol="t", labels=["x", "y", "z"]).transform(
            spark.createDataFrame([(3.0,)], ["i"])).collect()


def test_sql_transformer(numbers, tmp_path):
    sql = SQLTransformer(statement="SELECT id, x * 2 AS y FROM __THIS__ WHERE x > 0")
    rows = sql.transform(numbers.filter("NOT isnan(x)")).orderBy("id").collect()
    assert [(r.id, r.y) for r in rows] == [(i, x * 2) for i, x in enumerate(VALUES)
                                           if x is not None and x > 0]
    path = str(tmp_path / "sql")
    sql.save(path)
    assert SQLTransformer.load(path).getStatement() == sql.getStatement()


def test_quantile_discretizer(spark):
    import math
    from pyspark.ml.feature import Bucketizer, QuantileDiscretizer
    xs = [float((i * 7) % 23) for i in range(23)] + [5.0, 5.0, 5.0]
    ys = [float(i % 5) for i in range(len(xs))]
    df = spark.createDataFrame(list(zip(xs, ys)), ["x", "y"])

    def exact_splits(values, buckets):
        # the value of rank ceil(p * n) for p = 1/buckets, ..., (buckets-1)/buckets
        ordered = sorted(values)
        inner = sorted({ordered[max(math.ceil(i / buckets * len(ordered)), 1) - 1]
                        for i in range(1, buckets)})
        return [float("-inf")] + inner + [float("inf")]

    model = QuantileDiscretizer(numBuckets=4, inputCol="x", outputCol="b",
                                relativeError=0.0).fit(df)
    assert isinstance(model, Bucketizer)
    splits = exact_splits(xs, 4)
    assert model.getSplits() == splits
    rows = model.transform(df).collect()
    assert [r.b for r in rows] == [float(sum(x >= s for s in splits[1:-1])) for x in xs]
    several = QuantileDiscretizer(numBucketsArray=[3, 2], inputCols=["x", "y"],
                                  outputCols=["bx", "by"], relativeError=0.0).fit(df)
    assert several.getSplitsArray() == [exact_splits(xs, 3), exact_splits(ys, 2)]
