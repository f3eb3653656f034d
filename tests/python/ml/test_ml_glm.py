"""GeneralizedLinearRegression (IRLS): coefficients against scikit-learn's unpenalized GLMs,
deviances and standard errors against numpy, transform, save/load and errors."""

import json
import math
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.linalg import Vectors
from pyspark.ml.regression import GeneralizedLinearRegression, GeneralizedLinearRegressionModel

sklearn = pytest.importorskip("sklearn.linear_model")


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(200, 3))
    margin = X.dot([0.3, -0.2, 0.5]) + 0.4
    w = rng.uniform(0.5, 2.0, 200)
    counts = rng.poisson(np.exp(margin)).astype(float)
    positive = rng.gamma(2.0, np.exp(margin) / 2.0)
    binary = (rng.random(200) < 1 / (1 + np.exp(-margin))).astype(float)
    return X, w, counts, positive, binary


def frame(spark, X, y, w):
    rows = [(i, Vectors.dense(x), float(v), float(wt))
            for i, (x, v, wt) in enumerate(zip(X, y, w))]
    return spark.createDataFrame(rows, ["id", "features", "label", "w"])


def close(actual, expected, rel=1e-5):
    np.testing.assert_allclose(actual, expected, rtol=rel, atol=1e-8)


def test_poisson_matches_sklearn_with_deviance_and_errors(spark, data):
    X, w, counts, _, _ = data
    model = GeneralizedLinearRegression(family="poisson", weightCol="w", tol=1e-10)
    model = model.fit(frame(spark, X, counts, w))
    reference = sklearn.PoissonRegressor(alpha=0, tol=1e-12, max_iter=1000)
    reference.fit(X, counts, sample_weight=w)
    close(model.coefficients.toArray(), reference.coef_)
    close(model.intercept, reference.intercept_)
    mu = np.exp(X.dot(model.coefficients.toArray()) + model.intercept)
    logs = np.where(counts > 0, counts * np.log(np.where(counts > 0, counts, 1) / mu), 0)
    s = model.summary
    close(s.deviance, np.sum(w * 2 * (logs - (counts - mu))), rel=1e-9)
    mean = np.average(counts, weights=w)
    null_logs = np.where(counts > 0, counts * np.log(np.where(counts > 0, counts, 1) / mean), 0)
    close(s.nullDeviance, np.sum(w * 2 * (null_logs - (counts - mean))), rel=1e-9)
    A = np.hstack([X, np.ones((200, 1))])
    errors = np.sqrt(np.diag(np.linalg.inv(A.T.dot(A * (w * mu)[:, None]))))
    close(s.coefficientStandardErrors, errors, rel=1e-6)
    close(s.pValues, [math.erfc(abs(t) / math.sqrt(2)) for t in s.tValues], rel=1e-12)
    assert s.dispersion == 1.0 and s.residualDegreeOfFreedom == 196 and s.numIterations > 2


def test_gamma_log_link_and_binomial_match_sklearn(spark, data):
    X, w, _, positive, binary = data
    gamma = GeneralizedLinearRegression(family="gamma", link="log", tol=1e-10).fit(
        frame(spark, X, positive, w))
    reference = sklearn.GammaRegressor(alpha=0, tol=1e-12, max_iter=1000).fit(X, positive)
    close(gamma.coefficients.toArray(), reference.coef_)
    close(gamma.intercept, reference.intercept_)
    binomial = GeneralizedLinearRegression(family="binomial", weightCol="w", tol=1e-10).fit(
        frame(spark, X, binary, w))
    logistic = sklearn.LogisticRegression(penalty=None, tol=1e-12, max_iter=10000)
    logistic.fit(X, binary, sample_weight=w)
    close(binomial.coefficients.toArray(), logistic.coef_[0])
    close(binomial.intercept, logistic.intercept_[0])


def test_gaussian_is_least_squares_and_transform(spark, data):
    X, w, _, positive, _ = data
    df = frame(spark, X, positive, w)
    model = GeneralizedLinearRegression(linkPredictionCol="eta").fit(df)
    A = np.hstack([X, np.ones((200, 1))])
    expected = np.linalg.lstsq(A, positive, rcond=None)[0]
    close(model.coefficients.toArray(), expected[:3], rel=1e-9)
    rows = model.transform(df).orderBy("id").collect()
    close([r.prediction for r in rows], A.dot(expected), rel=1e-9)
    assert [r.eta for r in rows] == [r.prediction for r in rows]
    residuals = positive - A.dot(expected)
    close(model.summary.dispersion, np.sum(residuals ** 2) / 196, rel=1e-9)
    log_model = GeneralizedLinearRegression(family="poisson", link="log").fit(
        frame(spark, X, np.round(positive), w))
    row = log_model.transform(df).first()
    assert row.prediction == pytest.approx(log_model.predict(row.features), rel=1e-12)


def test_save_load_and_errors(spark, data, tmp_path):
    X, w, counts, _, _ = data
    df = frame(spark, X, counts, w)
    model = GeneralizedLinearRegression(family="poisson").fit(df)
    path = str(tmp_path / "glm")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        assert json.loads(f.readline())["class"] == \
            "org.apache.spark.ml.regression.GeneralizedLinearRegressionModel"
    loaded = GeneralizedLinearRegressionModel.load(path)
    assert loaded.coefficients == model.coefficients and loaded.getFamily() == "poisson"
    assert (loaded.transform(df).select("prediction").collect()
            == model.transform(df).select("prediction").collect())
    with pytest.raises(IllegalArgumentException, match="does not support logit link"):
        GeneralizedLinearRegression(family="poisson", link="logit").fit(df)
    negative = frame(spark, X[:3], [-1.0, 2.0, 3.0], w[:3])
    with pytest.raises(SparkRuntimeException, match="should be non-negative"):
        GeneralizedLinearRegression(family="poisson").fit(negative)
