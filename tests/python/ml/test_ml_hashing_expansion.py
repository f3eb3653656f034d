"""FeatureHasher and PolynomialExpansion: vectors checked against scikit-learn (murmurhash3_32
with seed 42; PolynomialFeatures' terms in Spark's order), params, errors and save/load."""

import itertools
import os
from collections import defaultdict

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml.feature import FeatureHasher, PolynomialExpansion
from pyspark.ml.linalg import DenseVector, SparseVector, Vectors, VectorUDT
from pyspark.sql.types import IntegerType, StructField, StructType

ROWS = [(2.0, True, "1", "foo", 3), (3.0, False, "2", "bar", 1), (4.0, None, None, "foo", 3),
        (None, True, "1", None, 0), (0.0, False, "x y", "ünï", -7)]
SCHEMA = "real double, bool boolean, stringNum string, string string, code int"


def index(term, n):
    from sklearn.utils import murmurhash3_32
    return murmurhash3_32(term, seed=42) % n  # Python's % is non-negative like Spark's


def expected_hash(row, names, n, categorical):
    entries = defaultdict(float)
    for name, value in zip(names, row):
        if value is None:
            continue
        if isinstance(value, bool):
            entries[index("%s=%s" % (name, "true" if value else "false"), n)] += 1.0
        elif isinstance(value, str) or name in categorical:
            entries[index("%s=%s" % (name, value), n)] += 1.0
        else:
            entries[index(name, n)] += float(value)
    return SparseVector(n, dict(entries))


@pytest.mark.parametrize("n,categorical", [(1 << 18, []), (16, ["code"]), (3, [])])
def test_feature_hasher(spark, n, categorical):
    names = ["real", "bool", "stringNum", "string", "code"]
    df = spark.createDataFrame(ROWS, SCHEMA)
    hasher = FeatureHasher(inputCols=names, outputCol="features", numFeatures=n,
                           categoricalCols=categorical)
    got = [r.features for r in hasher.transform(df).collect()]
    assert got == [expected_hash(row, names, n, set(categorical)) for row in ROWS]


def test_feature_hasher_params_errors_save(spark, tmp_path):
    hasher = FeatureHasher(inputCols=["real", "code"], outputCol="f")
    assert hasher.getNumFeatures() == 262144
    with pytest.raises(IllegalArgumentException, match="FeatureHasher requires columns"):
        FeatureHasher(inputCols=["v"], outputCol="f").transform(
            spark.createDataFrame([([1.0],)], "v array<double>"))
    path = str(tmp_path / "hasher")
    hasher.setNumFeatures(8).setCategoricalCols(["code"]).save(path)
    loaded = FeatureHasher.load(path)
    assert (loaded.getNumFeatures(), loaded.getCategoricalCols()) == (8, ["code"])
    df = spark.createDataFrame(ROWS, SCHEMA)
    assert ([r.f for r in loaded.transform(df).collect()]
            == [expected_hash((row[0], row[4]), ["real", "code"], 8, {"code"}) for row in ROWS])


def spark_order_expansion(x, degree):
    """scikit-learn's PolynomialFeatures terms, reordered as Spark orders them: by the exponent of
    the last element, then of the one before, and so on."""
    from sklearn.preprocessing import PolynomialFeatures
    poly = PolynomialFeatures(degree=degree, include_bias=False).fit(np.zeros((1, len(x))))
    values = poly.transform(np.array([x]))[0]
    order = sorted(range(len(values)), key=lambda t: tuple(reversed(poly.powers_[t])))
    return values[order]


@pytest.mark.parametrize("degree", [1, 2, 3, 4])
def test_polynomial_expansion(spark, degree):
    vectors = [Vectors.dense([-2.0, 2.3]), Vectors.dense([0.6, -1.1, -3.0]),
               Vectors.sparse(3, [1], [-1.5]), Vectors.dense([]), None]
    df = spark.createDataFrame([(i, v) for i, v in enumerate(vectors)], StructType([StructField("id", IntegerType()), StructField("v", VectorUDT())]))
    out = PolynomialExpansion(degree=degree, inputCol="v", outputCol="p").transform(df)
    for row in out.orderBy("id").collect():
        v = vectors[row.id]
        if v is None:
            assert row.p is None
            continue
        expected = spark_order_expansion(v.toArray(), degree) if v.size else np.zeros(0)
        assert isinstance(row.p, type(v)) and row.p.size == len(expected)
        assert np.allclose(row.p.toArray(), expected, rtol=1e-14, atol=0)


def test_polynomial_expansion_order_and_save(spark, tmp_path):
    df = spark.createDataFrame([(Vectors.dense([2.0, 3.0]),)],
                               StructType([StructField("v", VectorUDT())]))
    expansion = PolynomialExpansion(inputCol="v", outputCol="p")
    assert expansion.getDegree() == 2
    # x, x², y, xy, y²
    assert expansion.transform(df).head().p == DenseVector([2.0, 4.0, 3.0, 6.0, 9.0])
    with pytest.raises(IllegalArgumentException):
        PolynomialExpansion(degree=0, inputCol="v", outputCol="p").transform(df)
    path = str(tmp_path / "poly")
    expansion.setDegree(3).save(path)
    loaded = PolynomialExpansion.load(path)
    assert loaded.getDegree() == 3 and loaded.transform(df).head().p.size == 9


PCA_DATA = [[2.0, 0.0, 3.0, 4.0, 5.0], [4.0, 0.0, 0.0, 6.0, 7.0], [1.0, 1.5, 0.5, -1.0, 2.0],
            [0.0, 1.0, -2.0, 3.0, 1.0], [3.5, -1.0, 2.0, 0.5, 0.0], [1.0, 2.0, 1.0, 2.0, 3.0]]


@pytest.mark.parametrize("k", [1, 3])
def test_pca_matches_scikit_learn(spark, k):
    from sklearn.decomposition import PCA as SkPCA
    from pyspark.ml.feature import PCA
    df = spark.createDataFrame([(i, Vectors.dense(x)) for i, x in enumerate(PCA_DATA)],
                               StructType([StructField("id", IntegerType()),
                                           StructField("v", VectorUDT())]))
    model = PCA(k=k, inputCol="v", outputCol="p").fit(df)
    sk = SkPCA(n_components=k, svd_solver="full").fit(np.array(PCA_DATA))
    pc = model.pc.toArray()
    assert pc.shape == (5, k)
    signs = np.sign(np.sum(pc * sk.components_.T, axis=0))  # components are unique up to sign
    assert np.allclose(pc, sk.components_.T * signs, rtol=1e-10, atol=1e-12)
    assert np.allclose(model.explainedVariance.toArray(), sk.explained_variance_ratio_,
                       rtol=1e-10, atol=0)
    # Spark projects without centering
    got = np.array([r.p.toArray() for r in model.transform(df).orderBy("id").collect()])
    assert np.allclose(got, np.array(PCA_DATA) @ pc, rtol=1e-12, atol=1e-12)


def test_pca_errors_and_save(spark, tmp_path):
    from pyspark.ml.feature import PCA, PCAModel
    df = spark.createDataFrame([(Vectors.dense(x),) for x in PCA_DATA],
                               StructType([StructField("v", VectorUDT())]))
    with pytest.raises(IllegalArgumentException, match="no less than k=6"):
        PCA(k=6, inputCol="v", outputCol="p").fit(df)
    model = PCA(k=2, inputCol="v", outputCol="p").fit(df)
    path = str(tmp_path / "pca")
    model.save(path)
    assert sorted(spark.read.parquet(os.path.join(path, "data")).columns) == [
        "explainedVariance", "pc"]
    meta = open(os.path.join(path, "metadata", "part-00000")).readline()
    assert '"class":"org.apache.spark.ml.feature.PCAModel"' in meta.replace(" ", "")
    loaded = PCAModel.load(path)
    assert loaded.getK() == 2 and loaded.pc == model.pc
    assert loaded.explainedVariance == model.explainedVariance
    assert ([r.p for r in loaded.transform(df).collect()]
            == [r.p for r in model.transform(df).collect()])
