"""StandardScaler, MinMaxScaler and Imputer: fitted statistics and outputs checked against numpy
and plain Python, and their models' save/load round trips (vectors stored as Spark stores them)."""

import math

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml.feature import (
    Imputer, ImputerModel, MinMaxScaler, MinMaxScalerModel, StandardScaler, StandardScalerModel,
)
from pyspark.ml.linalg import DenseVector, SparseVector, Vectors

ROWS = [[1.0, 10.0, 0.0, -3.5], [0.0, 4.0, 0.0, 2.0], [3.0, -2.0, 0.0, 0.25],
        [7.5, 0.0, 0.0, 1.0], [2.0, 6.0, 0.0, -1.0]]


@pytest.fixture
def features(spark):
    vectors = []
    for i, row in enumerate(ROWS):
        if i % 2:
            vectors.append(Vectors.sparse(4, {j: x for j, x in enumerate(row) if x != 0}))
        else:
            vectors.append(Vectors.dense(row))
    return spark.createDataFrame([(i, v) for i, v in enumerate(vectors)], ["id", "v"])


def outputs(df, column="s"):
    return np.array([r[column].toArray() for r in df.orderBy("id").collect()])


def test_standard_scaler_statistics_and_output(features):
    data = np.array(ROWS)
    mean, std = data.mean(axis=0), data.std(axis=0, ddof=1)
    model = StandardScaler(inputCol="v", outputCol="s", withMean=True).fit(features)
    assert np.allclose(model.mean.toArray(), mean, rtol=1e-13)
    assert np.allclose(model.std.toArray(), std, rtol=1e-13)
    scale = np.where(std == 0, 0.0, 1.0 / np.where(std == 0, 1.0, std))
    assert np.allclose(outputs(model.transform(features)), (data - mean) * scale, rtol=1e-12)
    only_std = StandardScaler(inputCol="v", outputCol="s").fit(features).transform(features)
    assert np.allclose(outputs(only_std), data * scale, rtol=1e-12)
    # without centering, sparse vectors stay sparse
    kinds = [type(r.s) for r in only_std.orderBy("id").collect()]
    assert kinds == [DenseVector, SparseVector, DenseVector, SparseVector, DenseVector]


def test_standard_scaler_save_load(features, tmp_path):
    model = StandardScaler(inputCol="v", outputCol="s", withMean=True).fit(features)
    path = str(tmp_path / "scaler")
    model.save(path)
    loaded = StandardScalerModel.load(path)
    assert loaded.mean == model.mean and loaded.std == model.std and loaded.getWithMean()
    assert np.array_equal(outputs(loaded.transform(features)), outputs(model.transform(features)))


def test_standard_scaler_rejects_non_vectors(spark):
    with pytest.raises(IllegalArgumentException, match="must be of type"):
        StandardScaler(inputCol="x", outputCol="s").fit(spark.createDataFrame([(1.0,)], ["x"]))


def test_min_max_scaler(features, tmp_path):
    data = np.array(ROWS)
    low, high = data.min(axis=0), data.max(axis=0)
    model = MinMaxScaler(inputCol="v", outputCol="s", min=-1.0, max=1.0).fit(features)
    assert model.originalMin.toArray().tolist() == low.tolist()
    assert model.originalMax.toArray().tolist() == high.tolist()
    span = high - low
    expected = np.where(span != 0, (data - low) / np.where(span != 0, span, 1.0), 0.5) * 2.0 - 1.0
    assert np.allclose(outputs(model.transform(features)), expected, rtol=1e-13)
    path = str(tmp_path / "minmax")
    model.save(path)
    loaded = MinMaxScalerModel.load(path)
    assert loaded.getMin() == -1.0 and loaded.originalMax == model.originalMax
    with pytest.raises(IllegalArgumentException, match="larger or equal to max"):
        MinMaxScaler(inputCol="v", outputCol="s", min=1.0, max=1.0).fit(features)


IMPUTE = [(1.0, 2), (None, 4), (float("nan"), None), (4.0, 4), (-1.0, 7)]


def test_imputer_mean_and_mode(spark, tmp_path):
    df = spark.createDataFrame([(i,) + r for i, r in enumerate(IMPUTE)], "id int, a double, b int")
    valid_a = [a for a, _ in IMPUTE if a is not None and not math.isnan(a)]
    valid_b = [b for _, b in IMPUTE if b is not None]
    model = Imputer(inputCols=["a", "b"], outputCols=["ai", "bi"]).fit(df)
    rows = model.transform(df).orderBy("id").collect()
    mean_a, mean_b = sum(valid_a) / len(valid_a), sum(valid_b) / len(valid_b)
    assert [r.ai for r in rows] == [1.0, mean_a, mean_a, 4.0, -1.0]
    assert [r.bi for r in rows] == [2, 4, int(mean_b), 4, 7]  # cast back to the input type
    mode = Imputer(inputCols=["a", "b"], outputCols=["ai", "bi"], strategy="mode").fit(df)
    rows = mode.transform(df).orderBy("id").collect()
    assert [r.ai for r in rows] == [1.0, -1.0, -1.0, 4.0, -1.0]  # ties: the smallest value
    assert [r.bi for r in rows] == [2, 4, 4, 4, 7]
    path = str(tmp_path / "imputer")
    model.save(path)
    loaded = ImputerModel.load(path)
    def imputed(m):
        return [(r.ai, r.bi) for r in m.transform(df).orderBy("id").collect()]
    assert imputed(loaded) == imputed(model)
    assert loaded.surrogateDF.collect() == model.surrogateDF.collect()


def test_imputer_missing_value_and_errors(spark):
    df = spark.createDataFrame([(0.0,), (2.0,), (4.0,)], ["a"])
    model = Imputer(inputCol="a", outputCol="o", missingValue=0.0).fit(df)
    assert [r.o for r in model.transform(df).collect()] == [3.0, 2.0, 4.0]
    empty = spark.createDataFrame([(None,)], "a double")
    with pytest.raises(IllegalArgumentException, match="surrogate cannot be computed"):
        Imputer(inputCol="a", outputCol="o").fit(empty)
    with pytest.raises(IllegalArgumentException, match="must be of type numeric"):
        Imputer(inputCol="s", outputCol="o").fit(spark.createDataFrame([("x",)], ["s"]))


def test_max_abs_scaler(features, tmp_path):
    from pyspark.ml.feature import MaxAbsScaler, MaxAbsScalerModel
    data = np.array(ROWS)
    max_abs = np.abs(data).max(axis=0)
    model = MaxAbsScaler(inputCol="v", outputCol="s").fit(features)
    assert list(model.maxAbs) == list(max_abs)
    scale = np.where(max_abs == 0, 1.0, 1.0 / np.where(max_abs == 0, 1.0, max_abs))
    out = model.transform(features)
    assert np.allclose(outputs(out), data * scale, rtol=1e-15)
    kinds = [type(r.s) for r in out.orderBy("id").collect()]
    assert kinds == [DenseVector, SparseVector, DenseVector, SparseVector, DenseVector]
    path = str(tmp_path / "max_abs")
    model.save(path)
    loaded = MaxAbsScalerModel.load(path)
    assert loaded.maxAbs == model.maxAbs and loaded.getOutputCol() == "s"


def test_elementwise_product(features, tmp_path):
    from pyspark.ml.feature import ElementwiseProduct
    scaling = [2.0, 0.5, 3.0, -1.0]
    product = ElementwiseProduct(scalingVec=Vectors.dense(scaling), inputCol="v", outputCol="s")
    assert np.allclose(outputs(product.transform(features)), np.array(ROWS) * scaling)
    path = str(tmp_path / "product")
    product.save(path)
    assert ElementwiseProduct.load(path).getScalingVec() == Vectors.dense(scaling)


def test_robust_scaler(features, tmp_path):
    import math
    from pyspark.ml.feature import RobustScaler, RobustScalerModel
    data = np.array(ROWS)

    def quantile(column, p):  # the value at rank ceil(p * n)
        ordered = sorted(column)
        return ordered[max(math.ceil(p * len(ordered)), 1) - 1]

    median = [quantile(data[:, j], 0.5) for j in range(4)]
    spread = [quantile(data[:, j], 0.75) - quantile(data[:, j], 0.25) for j in range(4)]
    model = RobustScaler(inputCol="v", outputCol="s", withCentering=True,
                         relativeError=0.0).fit(features)
    assert list(model.median) == median and list(model.range) == spread
    scale = np.array([0.0 if r == 0 else 1.0 / r for r in spread])
    assert np.allclose(outputs(model.transform(features)), (data - median) * scale, rtol=1e-15)
    path = str(tmp_path / "robust")
    model.save(path)
    loaded = RobustScalerModel.load(path)
    assert loaded.range == model.range and loaded.median == model.median
    assert loaded.getWithCentering()


def test_normalizer(features, tmp_path):
    from pyspark.ml.feature import Normalizer
    data = np.array(ROWS)
    for p in (1.0, 2.0, 3.0, float("inf")):
        norms = np.linalg.norm(data, ord=p, axis=1)
        expected = data / np.where(norms == 0, 1.0, norms)[:, None]
        out = Normalizer(p=p, inputCol="v", outputCol="s").transform(features)
        assert np.allclose(outputs(out), expected, rtol=1e-14)
    kinds = [type(r.s) for r in out.orderBy("id").collect()]
    assert kinds == [DenseVector, SparseVector, DenseVector, SparseVector, DenseVector]
    with pytest.raises(IllegalArgumentException, match="p>=1"):
        Normalizer(p=0.5, inputCol="v", outputCol="s").transform(features)
    path = str(tmp_path / "normalizer")
    Normalizer(p=3.0, inputCol="v", outputCol="s").save(path)
    assert Normalizer.load(path).getP() == 3.0


def test_vector_slicer(features):
    from pyspark.errors import SparkRuntimeException
    from pyspark.ml.feature import VectorSlicer
    out = VectorSlicer(inputCol="v", outputCol="s", indices=[3, 0]).transform(features)
    assert np.array_equal(outputs(out), np.array(ROWS)[:, [3, 0]])
    kinds = [type(r.s) for r in out.orderBy("id").collect()]
    assert kinds == [DenseVector, SparseVector, DenseVector, SparseVector, DenseVector]
    with pytest.raises(IllegalArgumentException, match="unique"):
        VectorSlicer(inputCol="v", outputCol="s", indices=[1, 1]).transform(features)
    with pytest.raises(SparkRuntimeException, match="invalid for only 4 input features"):
        VectorSlicer(inputCol="v", outputCol="s", indices=[4]).transform(features).collect()


def test_dct_round_trip(features):
    from pyspark.ml.feature import DCT
    data = np.array(ROWS)
    n = data.shape[1]
    k, i = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    basis = np.sqrt(np.where(k == 0, 1.0, 2.0) / n) * np.cos(np.pi * (2 * i + 1) * k / (2 * n))
    forward = DCT(inputCol="v", outputCol="s").transform(features)
    assert np.allclose(outputs(forward), data.dot(basis.T), atol=1e-12)
    back = DCT(inverse=True, inputCol="s", outputCol="t").transform(forward)
    assert np.allclose(outputs(back, "t"), data, atol=1e-12)


def test_imputer_median(spark):
    values = [7.0, None, 1.0, float("nan"), 3.0, 10.0, 2.0]
    df = spark.createDataFrame([(i, v) for i, v in enumerate(values)], "id int, a double")
    valid = sorted(v for v in values if v is not None and not math.isnan(v))
    median = valid[math.ceil(0.5 * len(valid)) - 1]  # the value at rank ceil(n / 2)
    model = Imputer(inputCol="a", outputCol="o", strategy="median", relativeError=0.0).fit(df)
    rows = model.transform(df).orderBy("id").collect()
    assert [r.o for r in rows] == [7.0, median, 1.0, median, 3.0, 10.0, 2.0]
    assert Imputer().getRelativeError() == 0.001
