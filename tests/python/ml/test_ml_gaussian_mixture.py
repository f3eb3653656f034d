"""GaussianMixture: EM from the model's own starting point (maxIter=0) against scikit-learn's
GaussianMixture from the same weights, means and precisions (parameters and log-likelihood),
probabilities against a numpy density, params, summary, weights, save/load and errors."""

import json
import os
import warnings

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.clustering import GaussianMixture, GaussianMixtureModel
from pyspark.ml.linalg import DenseVector, Vectors


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(4)
    return np.vstack([rng.normal([0, 0, 1], [1, 0.5, 0.3], size=(90, 3)),
                      rng.normal([4, 3, -1], [0.7, 1.2, 0.5], size=(70, 3)),
                      rng.normal([-3, 4, 0], [0.5, 0.5, 1.0], size=(50, 3))])


def frame(spark, X, w=None):
    rows = [(i, Vectors.dense(x) if i % 2 else Vectors.sparse(len(x), dict(enumerate(x))),
             float(w[i]) if w is not None else 1.0) for i, x in enumerate(X)]
    return spark.createDataFrame(rows, ["id", "features", "w"])


def parameters(model):
    return (np.array(model.weights), np.array([g.mean.toArray() for g in model.gaussians]),
            np.array([g.cov.toArray() for g in model.gaussians]))


def density(x, weights, means, covariances):
    d = len(x)
    out = []
    for w, m, c in zip(weights, means, covariances):
        diff = x - m
        exponent = -0.5 * diff.dot(np.linalg.solve(c, diff))
        out.append(w * np.exp(exponent) / np.sqrt((2 * np.pi) ** d * np.linalg.det(c)))
    return np.array(out)


@pytest.mark.parametrize("iterations", [1, 4, 25])
def test_em_against_sklearn_from_the_same_start(spark, points, iterations):
    mixture = pytest.importorskip("sklearn.mixture")
    df = frame(spark, points)
    w0, m0, c0 = parameters(GaussianMixture(k=3, seed=7, maxIter=0).fit(df))
    model = GaussianMixture(k=3, seed=7, maxIter=iterations, tol=0.0).fit(df)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns that it stopped at max_iter
        reference = mixture.GaussianMixture(
            3, covariance_type="full", weights_init=w0, means_init=m0,
            precisions_init=np.linalg.inv(c0), reg_covar=0.0, max_iter=iterations,
            tol=0.0).fit(points)
    weights, means, covariances = parameters(model)
    assert np.allclose(weights, reference.weights_, rtol=1e-8, atol=1e-10)
    assert np.allclose(means, reference.means_, rtol=1e-8, atol=1e-10)
    assert np.allclose(covariances, reference.covariances_, rtol=1e-8, atol=1e-10)
    # both report the log-likelihood of the parameters before the last update
    assert model.summary.logLikelihood / len(points) == pytest.approx(reference.lower_bound_,
                                                                      rel=1e-10)
    assert 1 <= model.summary.numIter <= iterations  # tol 0 still stops on an unchanged value


def test_transform_summary_and_convergence(spark, points):
    df = frame(spark, points)
    model = GaussianMixture(k=3, seed=1).fit(df)
    assert model.summary.numIter < 100  # stopped by tol
    weights, means, covariances = parameters(model)
    assert weights.sum() == pytest.approx(1.0)
    out = model.transform(df).orderBy("id").collect()
    for row, x in zip(out, points):
        p = density(x, weights, means, covariances) + np.finfo(float).eps
        assert np.allclose(row.probability.toArray(), p / p.sum(), rtol=1e-9, atol=1e-12)
        assert row.prediction == int(np.argmax(row.probability.toArray()))
    assert model.predict(DenseVector(points[0])) == out[0].prediction
    assert np.allclose(model.predictProbability(points[0]).toArray(),
                       out[0].probability.toArray(), rtol=1e-9, atol=1e-12)
    summary = model.summary
    sizes = np.bincount([r.prediction for r in out], minlength=3)
    assert summary.clusterSizes == list(sizes) and sorted(sizes) == [50, 70, 90]
    assert summary.k == 3 and summary.probabilityCol == "probability"
    assert summary.probability.count() == len(points)
    assert model.gaussiansDF.count() == 3 and model.numFeatures == 3
    assert model.setProbabilityCol("").transform(df).columns == df.columns + ["prediction"]


def numpy_em(X, row_weights, weights, means, covariances, iterations):
    """Weighted EM in plain numpy: (weights, means, covariances, last log-likelihood)."""
    log_likelihood = None
    for _ in range(iterations):
        p = np.array([density(x, weights, means, covariances) for x in X]) + np.finfo(float).eps
        total = p.sum(axis=1)
        log_likelihood = float(row_weights.dot(np.log(total)))
        r = p / total[:, None] * row_weights[:, None]
        sums = r.sum(axis=0)
        means = r.T.dot(X) / sums[:, None]
        covariances = np.array([(r[:, c, None] * (X - means[c])).T.dot(X - means[c]) / sums[c]
                                for c in range(len(sums))])
        weights = sums / sums.sum()
    return weights, means, covariances, log_likelihood


def test_weighted_em_against_numpy(spark, points):
    row_weights = np.where(np.arange(len(points)) % 3 == 0, 2.5, 0.5)
    df = frame(spark, points, row_weights)
    start = parameters(GaussianMixture(k=3, seed=2, maxIter=0, weightCol="w").fit(df))
    model = GaussianMixture(k=3, seed=2, maxIter=6, tol=0.0, weightCol="w").fit(df)
    weights, means, covariances, log_likelihood = numpy_em(points, row_weights, *start, 6)
    assert np.allclose(model.weights, weights, rtol=1e-8)
    assert np.allclose(parameters(model)[1], means, rtol=1e-8, atol=1e-10)
    assert np.allclose(parameters(model)[2], covariances, rtol=1e-8, atol=1e-10)
    assert model.summary.logLikelihood == pytest.approx(log_likelihood, rel=1e-10)


def test_params_save_load(spark, points, tmp_path):
    gm = GaussianMixture()
    assert (gm.getK(), gm.getTol(), gm.getMaxIter(), gm.getAggregationDepth()) == (2, 0.01, 100, 2)
    assert gm.getProbabilityCol() == "probability" and not gm.isSet(gm.weightCol)
    model = GaussianMixture(k=3, seed=3).fit(frame(spark, points))
    path = str(tmp_path / "gmm")
    model.write().overwrite().save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        assert json.loads(f.readline())["class"] == (
            "org.apache.spark.ml.clustering.GaussianMixtureModel")
    data = spark.read.parquet(os.path.join(path, "data"))
    assert [f.name for f in data.schema.fields] == ["weights", "mus", "sigmas"]
    loaded = GaussianMixtureModel.load(path)
    assert loaded.weights == model.weights and loaded.getK() == 3
    for a, b in zip(loaded.gaussians, model.gaussians):
        assert list(a.mean) == list(b.mean) and np.array_equal(a.cov.toArray(), b.cov.toArray())
    df = frame(spark, points)
    assert (loaded.transform(df).select("probability", "prediction").collect()
            == model.transform(df).select("probability", "prediction").collect())
    GaussianMixture(k=4, tol=0.5).save(str(tmp_path / "estimator"))
    estimator = GaussianMixture.load(str(tmp_path / "estimator"))
    assert estimator.getK() == 4 and estimator.getTol() == 0.5


def test_errors(spark, points):
    df = frame(spark, points)
    with pytest.raises(IllegalArgumentException, match="k given invalid value 1"):
        GaussianMixture(k=1).fit(df)
    with pytest.raises(SparkRuntimeException, match="Weights MUST NOT be Negative"):
        GaussianMixture(weightCol="w").fit(frame(spark, points, -np.ones(len(points))))
    with pytest.raises(IllegalArgumentException, match="must be of type"):
        GaussianMixture(featuresCol="id").fit(df)
    model = GaussianMixture(k=2, maxIter=2).fit(df)
    short = spark.createDataFrame([(Vectors.dense([1.0]),)], ["features"])
    with pytest.raises(SparkRuntimeException, match="does not match"):
        model.transform(short).collect()
