"""NaiveBayes (multinomial, Bernoulli): log feature probabilities against scikit-learn, smoothed
log priors and outputs against numpy, params, save/load in Spark's layout and errors."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml.classification import NaiveBayes, NaiveBayesModel
from pyspark.ml.linalg import DenseMatrix, Vectors


@pytest.fixture(scope="module")
def counts():
    rng = np.random.default_rng(1)
    X = rng.poisson(2.0, size=(60, 4)).astype(float)
    y = rng.integers(0, 3, 60).astype(float)
    w = rng.uniform(0.5, 2.0, 60)
    return X, y, w


def frame(spark, X, y, w):
    rows = [(i, Vectors.dense(x) if i % 2 else Vectors.sparse(len(x), {j: v for j, v in
                                                                      enumerate(x) if v}),
             float(l), float(wt)) for i, (x, l, wt) in enumerate(zip(X, y, w))]
    return spark.createDataFrame(rows, ["id", "features", "label", "w"])


def softmax(raw):
    e = np.exp(raw - raw.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def smoothed_log_priors(y, w, lam):
    classes = np.unique(y)
    weights = np.array([w[y == c].sum() for c in classes])
    return np.log(weights + lam) - np.log(w.sum() + len(classes) * lam)


def test_multinomial(spark, counts):
    naive_bayes = pytest.importorskip("sklearn.naive_bayes")
    X, y, w = counts
    model = NaiveBayes(smoothing=0.5, weightCol="w").fit(frame(spark, X, y, w))
    reference = naive_bayes.MultinomialNB(alpha=0.5).fit(X, y, sample_weight=w)
    assert np.allclose(model.theta.toArray(), reference.feature_log_prob_, rtol=1e-12)
    pi = smoothed_log_priors(y, w, 0.5)
    assert np.allclose(model.pi.toArray(), pi, rtol=1e-12)
    out = model.transform(frame(spark, X, y, w)).orderBy("id").collect()
    raw = X.dot(model.theta.toArray().T) + pi
    assert np.allclose([r.rawPrediction.toArray() for r in out], raw, rtol=1e-12)
    assert np.allclose([r.probability.toArray() for r in out], softmax(raw), rtol=1e-10)
    assert [r.prediction for r in out] == list(np.argmax(raw, axis=1).astype(float))
    assert model.numClasses == 3 and model.numFeatures == 4


def test_bernoulli(spark, counts):
    naive_bayes = pytest.importorskip("sklearn.naive_bayes")
    X, y, w = counts
    B = (X > 1).astype(float)
    model = NaiveBayes(modelType="bernoulli").fit(frame(spark, B, y, w).drop("w"))
    reference = naive_bayes.BernoulliNB(alpha=1.0).fit(B, y)
    assert np.allclose(model.theta.toArray(), reference.feature_log_prob_, rtol=1e-12)
    theta = model.theta.toArray()
    raw = B.dot(theta.T) + (1 - B).dot(np.log1p(-np.exp(theta)).T) + smoothed_log_priors(
        y, np.ones(len(y)), 1.0)
    out = model.transform(frame(spark, B, y, w)).orderBy("id").collect()
    assert np.allclose([r.probability.toArray() for r in out], softmax(raw), rtol=1e-10)
    with pytest.raises(IllegalArgumentException, match="requires 0 or 1 feature values"):
        NaiveBayes(modelType="bernoulli").fit(frame(spark, X, y, w))


def test_params_save_load_and_errors(spark, counts, tmp_path):
    X, y, w = counts
    nb = NaiveBayes()
    assert nb.getSmoothing() == 1.0 and nb.getModelType() == "multinomial"
    df = frame(spark, X, y, w)
    model = NaiveBayes(thresholds=[0.2, 0.3, 0.5]).fit(df)
    path = str(tmp_path / "nb")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        assert json.loads(f.readline())["class"] == \
            "org.apache.spark.ml.classification.NaiveBayesModel"
    loaded = NaiveBayesModel.load(path)
    assert loaded.pi == model.pi and isinstance(loaded.theta, DenseMatrix)
    assert np.array_equal(loaded.theta.toArray(), model.theta.toArray())
    assert loaded.getThresholds() == [0.2, 0.3, 0.5]
    assert (loaded.transform(df).select("prediction").collect()
            == model.transform(df).select("prediction").collect())
    negative = spark.createDataFrame([(Vectors.dense([-1.0]), 0.0)], ["features", "label"])
    with pytest.raises(IllegalArgumentException, match="nonnegative"):
        NaiveBayes().fit(negative)
    with pytest.raises(IllegalArgumentException, match="modelType"):
        NaiveBayes(modelType="poisson").fit(df)


def test_gaussian(spark, counts):
    naive_bayes = pytest.importorskip("sklearn.naive_bayes")
    rng = np.random.default_rng(4)
    y = rng.integers(0, 3, 80).astype(float)
    X = rng.normal(size=(80, 3)) * [1.0, 3.0, 0.5] + y[:, None] * [1.0, -2.0, 0.5]
    w = rng.uniform(0.5, 2.0, 80)
    model = NaiveBayes(modelType="gaussian", weightCol="w").fit(frame(spark, X, y, w))
    reference = naive_bayes.GaussianNB().fit(X, y, sample_weight=w)
    assert np.allclose(model.theta.toArray(), reference.theta_, rtol=1e-10)
    # Spark's E[x^2] - mean^2 against scikit-learn's two-pass variance
    assert np.allclose(model.sigma.toArray(), reference.var_, rtol=1e-8)
    assert np.allclose(np.exp(model.pi.toArray()), reference.class_prior_, rtol=1e-12)
    out = model.transform(frame(spark, X, y, w)).orderBy("id").collect()
    assert np.allclose([r.probability.toArray() for r in out], reference.predict_proba(X),
                       rtol=1e-6, atol=1e-12)
    assert [r.prediction for r in out] == list(reference.predict(X))
    # rawPrediction: the log prior and log density without the constant 2 pi term
    jll = reference.predict_joint_log_proba(X) + 0.5 * 3 * np.log(2 * np.pi)
    assert np.allclose([r.rawPrediction.toArray() for r in out], jll, rtol=1e-6)
    assert model.predictRaw(Vectors.dense(X[0])) == out[0].rawPrediction


def test_complement(spark, counts):
    naive_bayes = pytest.importorskip("sklearn.naive_bayes")
    X, y, w = counts
    model = NaiveBayes(modelType="complement", smoothing=0.5, weightCol="w").fit(
        frame(spark, X, y, w))
    reference = naive_bayes.ComplementNB(alpha=0.5).fit(X, y, sample_weight=w)
    assert np.allclose(model.theta.toArray(), reference.feature_log_prob_, rtol=1e-12)
    out = model.transform(frame(spark, X, y, w)).orderBy("id").collect()
    probability = reference.predict_proba(X)
    assert np.allclose([r.probability.toArray() for r in out], probability, rtol=1e-10)
    # rawPrediction is the log of the probability, kept exact where it is tiny
    assert np.allclose([r.rawPrediction.toArray() for r in out], np.log(probability), rtol=1e-10)
    assert [r.prediction for r in out] == list(reference.predict(X))


@pytest.mark.parametrize("model_type", ["gaussian", "complement"])
def test_gaussian_and_complement_save_load(spark, counts, tmp_path, model_type):
    X, y, w = counts
    df = frame(spark, X, y, w)
    model = NaiveBayes(modelType=model_type, thresholds=[0.5, 0.2, 0.3]).fit(df)
    path = str(tmp_path / model_type)
    model.save(path)
    loaded = NaiveBayesModel.load(path)
    assert np.array_equal(loaded.sigma.toArray(), model.sigma.toArray())
    assert (model_type == "gaussian") == (loaded.sigma.numRows == 3)
    assert loaded.transform(df).collect() == model.transform(df).collect()
