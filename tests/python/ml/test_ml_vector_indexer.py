"""VectorIndexer: category maps against a plain-Python count of distinct values (0.0 first, then
increasing), transform of dense and sparse vectors against the same maps, handleInvalid modes,
params, save/load in Spark's layout and errors."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.feature import VectorIndexer, VectorIndexerModel
from pyspark.ml.linalg import DenseVector, SparseVector, Vectors

# feature 0: {-1, 0, 3}; feature 1: continuous (6 values); feature 2: {2.5, 7} (no zero);
# feature 3: always 0
ROWS = [[-1.0, 0.5, 2.5, 0.0], [0.0, 1.5, 7.0, 0.0], [3.0, 2.5, 2.5, 0.0],
        [0.0, 3.5, 7.0, 0.0], [-1.0, 4.5, 2.5, 0.0], [3.0, 5.5, 7.0, 0.0]]


def vectors(rows, sparse_every=2):
    return [Vectors.sparse(len(r), {j: v for j, v in enumerate(r) if v}) if i % sparse_every == 0
            else Vectors.dense(r) for i, r in enumerate(rows)]


def frame(spark, rows):
    return spark.createDataFrame([(i, v) for i, v in enumerate(vectors(rows))], ["id", "v"])


def expected_maps(rows, max_categories):
    maps = {}
    for j, column in enumerate(zip(*rows)):
        distinct = set(column)
        if len(distinct) <= max_categories:
            ordered = ([0.0] if 0.0 in distinct else []) + sorted(distinct - {0.0})
            maps[j] = {v: i for i, v in enumerate(ordered)}
    return maps


def indexed(row, maps, keep=False):
    out = []
    for j, value in enumerate(row):
        if j in maps:
            value = maps[j].get(value, len(maps[j]) if keep else None)
        out.append(value)
    return out


@pytest.mark.parametrize("max_categories", [2, 3, 5])
def test_category_maps_and_transform(spark, max_categories):
    model = VectorIndexer(inputCol="v", outputCol="o", maxCategories=max_categories).fit(
        frame(spark, ROWS))
    maps = expected_maps(ROWS, max_categories)
    assert model.categoryMaps == maps and model.numFeatures == 4
    out = model.transform(frame(spark, ROWS)).orderBy("id").collect()
    for row, result, original in zip(ROWS, out, vectors(ROWS)):
        assert type(result.o) is type(original)
        assert list(result.o.toArray()) == indexed(row, maps)
        if isinstance(original, SparseVector):  # zeros stay implicit
            assert list(result.o.indices) == list(original.indices)


def test_handle_invalid(spark):
    model = VectorIndexer(inputCol="v", outputCol="o", maxCategories=3).fit(frame(spark, ROWS))
    unseen = [[5.0, 1.0, 2.5, 0.0], [0.0, 9.0, 2.5, 0.0], [3.0, 1.0, 0.0, 0.0]]
    df = spark.createDataFrame([(i, DenseVector(r)) for i, r in enumerate(unseen)], ["id", "v"])
    with pytest.raises(SparkRuntimeException,
                       match="VectorIndexer encountered invalid value 5.0 on feature index 0"):
        model.transform(df).collect()
    maps = model.categoryMaps
    kept = model.setHandleInvalid("keep").transform(df).orderBy("id").collect()
    assert [list(r.o) for r in kept] == [indexed(r, maps, keep=True) for r in unseen]
    skipped = model.setHandleInvalid("skip").transform(df).orderBy("id").collect()
    assert [r.id for r in skipped] == [1]
    # a sparse vector's implicit zero on feature 2 (no 0.0 category) is not looked up, as in Spark
    sparse = spark.createDataFrame([(0, Vectors.sparse(4, {0: 3.0}))], ["id", "v"])
    assert list(model.setHandleInvalid("error").transform(sparse).head().o.toArray()) == [
        2.0, 0.0, 0.0, 0.0]


def test_params_save_load(spark, tmp_path):
    indexer = VectorIndexer()
    assert indexer.getMaxCategories() == 20 and indexer.getHandleInvalid() == "error"
    indexer.setInputCol("v").setOutputCol("o").setMaxCategories(3)
    model = indexer.fit(frame(spark, ROWS))
    path = str(tmp_path / "vi")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        assert json.loads(f.readline())["class"] == "org.apache.spark.ml.feature.VectorIndexerModel"
    data = spark.read.parquet(os.path.join(path, "data"))
    assert [f.name for f in data.schema.fields] == ["numFeatures", "categoryMaps"]
    assert data.schema["categoryMaps"].dataType.simpleString() == "map<int,map<double,int>>"
    loaded = VectorIndexerModel.load(path)
    assert loaded.categoryMaps == model.categoryMaps and loaded.numFeatures == 4
    assert loaded.getMaxCategories() == 3
    df = frame(spark, ROWS)
    assert loaded.transform(df).collect() == model.transform(df).collect()
    indexer.save(str(tmp_path / "estimator"))
    assert VectorIndexer.load(str(tmp_path / "estimator")).getMaxCategories() == 3


def test_errors(spark):
    df = frame(spark, ROWS)
    with pytest.raises(IllegalArgumentException, match="maxCategories given invalid value 1"):
        VectorIndexer(inputCol="v", outputCol="o", maxCategories=1).fit(df)
    mixed = spark.createDataFrame([(Vectors.dense([1.0, 2.0]),), (Vectors.dense([1.0]),)], ["v"])
    with pytest.raises(IllegalArgumentException,
                       match="VectorIndexer expected 2 features but found vector of size 1"):
        VectorIndexer(inputCol="v", outputCol="o").fit(mixed)
    with pytest.raises(IllegalArgumentException, match="must be of type"):
        VectorIndexer(inputCol="id", outputCol="o").fit(df)
    model = VectorIndexer(inputCol="v", outputCol="o").fit(df)
    with pytest.raises(SparkRuntimeException, match="expected vector of length 4"):
        model.transform(mixed).collect()
    with pytest.raises(IllegalArgumentException, match="Output column o already exists"):
        model.transform(model.transform(df))


def test_large_random_data_against_numpy(spark):
    rng = np.random.default_rng(3)
    X = np.column_stack([rng.integers(0, 4, 300), rng.normal(size=300),
                         rng.choice([-2.0, 0.0, 5.5], 300)]).astype(float)
    rows = X.tolist()
    df = spark.createDataFrame([(i, v) for i, v in enumerate(vectors(rows, 3))], ["id", "v"])
    model = VectorIndexer(inputCol="v", outputCol="o", maxCategories=4).fit(df.repartition(4))
    maps = expected_maps(rows, 4)
    assert model.categoryMaps == maps
    out = model.transform(df).orderBy("id").collect()
    assert [list(r.o.toArray()) for r in out] == [indexed(r, maps) for r in rows]
