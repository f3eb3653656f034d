"""LogisticRegression and LinearRegression coefficients against scikit-learn on the same data, with
the regularization mapped to Spark's objective (coefficients within 1e-4 relative).

Spark's logistic objective is mean log loss + regParam * ((1 - a) / 2 ||b||^2 + a ||b||_1), the
penalty on b_j * std_j with standardization (std unbiased, weighted); scikit-learn minimises
C * sum loss + (1 - a) / 2 ||b||^2 + a ||b||_1, so C = 1 / (regParam * sum of weights), fitted on
X / std for standardization. Spark's linear objective divided through by the label's std sy is,
in original units, mean squared error / 2 + regParam / sy * (1 - a) / 2 ||b||^2 +
regParam * a ||b||_1 (again on b_j * std_j with standardization); the normal solver uses
population standard deviations, L-BFGS unbiased ones."""

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn.linear_model")

from pyspark.ml.classification import LogisticRegression  # noqa: E402
from pyspark.ml.linalg import Vectors  # noqa: E402
from pyspark.ml.regression import LinearRegression  # noqa: E402

TIGHT = dict(maxIter=1000, tol=1e-12)


def weighted_std(X, w, ddof):
    """Spark's Summarizer std (ddof=1: unbiased with reliability weights) or the population
    std of WeightedLeastSquares (ddof=0)."""
    mean = np.average(X, axis=0, weights=w)
    m2 = (w[:, None] * (X - mean) ** 2).sum(axis=0)
    denominator = w.sum() - (w ** 2).sum() / w.sum() if ddof else w.sum()
    return np.sqrt(m2 / denominator)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(42)
    n = 240
    X = rng.normal(size=(n, 4)) * np.array([1.0, 3.0, 0.5, 10.0]) + np.array([0, 1, -2, 5])
    margin = X.dot([0.8, -0.4, 1.5, 0.05]) - 0.3
    binary = (rng.random(n) < 1 / (1 + np.exp(-margin))).astype(float)
    classes = np.digitize(margin + rng.normal(size=n), [-1.0, 1.0]).astype(float)
    y = X.dot([1.5, -2.0, 0.7, 0.3]) + 4.0 + rng.normal(scale=0.5, size=n)
    w = rng.uniform(0.5, 2.0, size=n)
    return X, binary, classes, y, w


def frame(spark, X, label, w):
    rows = [(Vectors.dense(x), float(l), float(wt)) for x, l, wt in zip(X, label, w)]
    return spark.createDataFrame(rows, ["features", "label", "weight"])


def close(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("standardization", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_binomial_l2(spark, data, standardization, weighted):
    X, binary, _, _, w = data
    w = w if weighted else np.ones(len(X))
    reg = 0.05
    model = LogisticRegression(regParam=reg, standardization=standardization,
                               weightCol="weight", **TIGHT).fit(frame(spark, X, binary, w))
    scale = weighted_std(X, w, ddof=1) if standardization else np.ones(X.shape[1])
    reference = sklearn.LogisticRegression(C=1 / (reg * w.sum()), tol=1e-12, max_iter=10000)
    reference.fit(X / scale, binary, sample_weight=w)
    close(model.coefficients.toArray(), reference.coef_[0] / scale)
    close(model.intercept, reference.intercept_[0])


@pytest.mark.parametrize("standardization", [False, True])
def test_binomial_elastic_net(spark, data, standardization):
    X, binary, _, _, w = data
    reg, alpha = 0.04, 0.5
    ones = np.ones(len(X))
    model = LogisticRegression(regParam=reg, elasticNetParam=alpha,
                               standardization=standardization, **TIGHT)
    model = model.fit(frame(spark, X, binary, ones))
    scale = weighted_std(X, ones, ddof=1) if standardization else np.ones(X.shape[1])
    reference = sklearn.LogisticRegression(penalty="elasticnet", solver="saga", l1_ratio=alpha,
                                           C=1 / (reg * len(X)), tol=1e-12, max_iter=200000)
    reference.fit(X / scale, binary)
    close(model.coefficients.toArray(), reference.coef_[0] / scale)
    close(model.intercept, reference.intercept_[0])


def test_multinomial_l2(spark, data):
    X, _, classes, _, w = data
    reg = 0.02
    model = LogisticRegression(regParam=reg, standardization=False, weightCol="weight",
                               **TIGHT).fit(frame(spark, X, classes, w))
    reference = sklearn.LogisticRegression(multi_class="multinomial", solver="newton-cg",
                                           C=1 / (reg * w.sum()), tol=1e-12, max_iter=10000)
    reference.fit(X, classes, sample_weight=w)
    assert model.numClasses == 3
    close(model.coefficientMatrix.toArray(), reference.coef_)
    close(model.interceptVector.toArray(), reference.intercept_ - reference.intercept_.mean())


@pytest.mark.parametrize("solver,ddof", [("normal", 0), ("l-bfgs", 1)])
@pytest.mark.parametrize("standardization", [False, True])
def test_linear_ridge(spark, data, solver, ddof, standardization):
    X, _, _, y, w = data
    reg = 0.3
    model = LinearRegression(regParam=reg, solver=solver, standardization=standardization,
                             weightCol="weight", **TIGHT).fit(frame(spark, X, y, w))
    label_std = weighted_std(y[:, None], w, ddof)[0]
    scale = weighted_std(X, w, ddof) if standardization else np.ones(X.shape[1])
    reference = sklearn.Ridge(alpha=reg * w.sum() / label_std, tol=1e-12)
    reference.fit(X / scale, y, sample_weight=w)
    close(model.coefficients.toArray(), reference.coef_ / scale)
    close(model.intercept, reference.intercept_)


@pytest.mark.parametrize("standardization", [False, True])
def test_linear_elastic_net(spark, data, standardization):
    X, _, _, y, _ = data
    reg, alpha = 0.2, 0.6
    ones = np.ones(len(X))
    model = LinearRegression(regParam=reg, elasticNetParam=alpha,
                             standardization=standardization, **TIGHT)
    model = model.fit(frame(spark, X, y, ones))
    label_std = weighted_std(y[:, None], ones, 1)[0]
    scale = weighted_std(X, ones, 1) if standardization else np.ones(X.shape[1])
    strength = reg * alpha + reg * (1 - alpha) / label_std
    reference = sklearn.ElasticNet(alpha=strength, l1_ratio=reg * alpha / strength, tol=1e-14,
                                   max_iter=100000)
    reference.fit(X / scale, y)
    close(model.coefficients.toArray(), reference.coef_ / scale)
    close(model.intercept, reference.intercept_)


def test_linear_unregularized_matches_least_squares(spark, data):
    X, _, _, y, w = data
    for solver in ("normal", "l-bfgs"):
        model = LinearRegression(solver=solver, weightCol="weight", **TIGHT)
        model = model.fit(frame(spark, X, y, w))
        reference = sklearn.LinearRegression().fit(X, y, sample_weight=w)
        close(model.coefficients.toArray(), reference.coef_)
        close(model.intercept, reference.intercept_)
