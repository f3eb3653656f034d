"""LinearSVC: Spark's objective (weighted mean hinge loss plus regParam / 2 times the squared norm
of the standardized coefficients, or of the original ones without standardization) minimised
by the engine-aggregated L-BFGS, checked against the exact optimum of the same objective written
as a quadratic program and solved by scipy; outputs against numpy; params, summary, save/load in
Spark's layout and errors."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.classification import LinearSVC, LinearSVCModel
from pyspark.ml.linalg import Vectors


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    n = 120
    X = rng.normal(size=(n, 3)) * [1.0, 5.0, 0.2] + [0.0, 2.0, 1.0]
    y = (X[:, 0] + 0.3 * X[:, 1] - 2 * X[:, 2] + rng.normal(size=n) * 0.5 > 0).astype(float)
    w = rng.uniform(0.5, 2.0, n)
    return X, y, w


def frame(spark, X, y, w):
    rows = [(i, Vectors.dense(x) if i % 3 else Vectors.sparse(len(x), {j: v for j, v in
                                                                      enumerate(x) if v}),
             float(label), float(weight)) for i, (x, label, weight) in enumerate(zip(X, y, w))]
    return spark.createDataFrame(rows, ["id", "features", "label", "w"])


def weighted_std(X, w):
    total = w.sum()
    mean = w.dot(X) / total
    return np.sqrt(w.dot((X - mean) ** 2) / (total - (w * w).sum() / total))


def objective(X, y, w, beta, b, reg, penalty_scale):
    hinge = np.maximum(0.0, 1.0 - (2 * y - 1) * (X.dot(beta) + b))
    return w.dot(hinge) / w.sum() + 0.5 * reg * np.sum(penalty_scale * beta ** 2)


def exact_optimum(X, y, w, reg, penalty_scale, fit_intercept):
    """min over (beta, b, xi) of sum(w xi) / sum(w) + reg / 2 sum(scale beta^2) subject to
    xi >= 1 - (2y - 1)(x.beta + b) and xi >= 0, by scipy's SLSQP."""
    optimize = pytest.importorskip("scipy.optimize")
    n, d = X.shape
    s = 2 * y - 1
    W = w.sum()

    def f(v):
        return w.dot(v[d + 1:]) / W + 0.5 * reg * np.sum(penalty_scale * v[:d] ** 2)

    def grad(v):
        g = np.zeros_like(v)
        g[:d] = reg * penalty_scale * v[:d]
        g[d + 1:] = w / W
        return g

    margin = np.hstack([s[:, None] * X, s[:, None] if fit_intercept else np.zeros((n, 1)),
                        np.eye(n)])
    positive = np.hstack([np.zeros((n, d + 1)), np.eye(n)])
    constraints = [{"type": "ineq", "fun": lambda v: margin.dot(v) - 1, "jac": lambda v: margin},
                   {"type": "ineq", "fun": lambda v: positive.dot(v), "jac": lambda v: positive}]
    start = np.concatenate([np.zeros(d + 1), np.full(n, 2.0)])
    result = optimize.minimize(f, start, jac=grad, constraints=constraints, method="SLSQP",
                               options={"maxiter": 2000, "ftol": 1e-14})
    assert result.success
    return result.x[:d], result.x[d]


@pytest.mark.parametrize("standardization,fit_intercept",
                         [(True, True), (False, True), (True, False)])
def test_reaches_sparks_objective_optimum(spark, data, standardization, fit_intercept):
    X, y, w = data
    reg = 0.05
    # a tight tol: L-BFGS creeps along the hinge's kinks before it stops
    model = LinearSVC(regParam=reg, weightCol="w", standardization=standardization,
                      fitIntercept=fit_intercept, tol=1e-10, maxIter=300).fit(
                          frame(spark, X, y, w))
    std = weighted_std(X, w)
    scale = std ** 2 if standardization else np.ones(3)
    beta_ref, b_ref = exact_optimum(X, y, w, reg, scale, fit_intercept)
    beta = model.coefficients.toArray()
    b = model.intercept
    best = objective(X, y, w, beta_ref, b_ref, reg, scale)
    reached = objective(X, y, w, beta, b, reg, scale)
    assert reached == pytest.approx(best, rel=1e-4)
    assert np.allclose(beta * std, beta_ref * std, atol=5e-3)
    if fit_intercept:
        assert b == pytest.approx(b_ref, abs=1e-2)
    else:
        assert b == 0.0
    history = model.summary.objectiveHistory
    assert history[0] == pytest.approx(1.0)  # every hinge is 1 at zero coefficients
    assert history[-1] == pytest.approx(reached, rel=1e-9)
    assert model.summary.totalIterations == len(history) - 1


def test_transform_and_summary_against_numpy(spark, data):
    X, y, w = data
    df = frame(spark, X, y, w)
    model = LinearSVC(regParam=0.01, maxIter=50).fit(df)
    margins = X.dot(model.coefficients.toArray()) + model.intercept
    out = model.transform(df).orderBy("id").collect()
    assert np.allclose([r.rawPrediction.toArray() for r in out],
                       np.column_stack([-margins, margins]), rtol=1e-12, atol=1e-12)
    assert [r.prediction for r in out] == list((margins > 0).astype(float))
    assert "probability" not in model.transform(df).columns
    model.setThreshold(0.5)
    assert [r.prediction for r in model.transform(df).orderBy("id").collect()] == list(
        (margins > 0.5).astype(float))
    assert model.predict(Vectors.dense(X[0])) == float(margins[0] > 0.5)
    assert np.allclose(model.predictRaw(Vectors.dense(X[0])).toArray(),
                       [-margins[0], margins[0]])
    summary = model.summary
    assert summary.scoreCol == "rawPrediction" and summary.labelCol == "label"
    assert summary.accuracy == pytest.approx(np.mean((margins > 0) == (y == 1)))
    assert 0.5 < summary.areaUnderROC <= 1.0
    evaluated = model.evaluate(df)
    assert evaluated.accuracy == pytest.approx(np.mean((margins > 0.5) == (y == 1)))
    model.setPredictionCol("").setRawPredictionCol("")
    assert model.transform(df).columns == df.columns
    assert model.numClasses == 2 and model.numFeatures == 3


def test_params_and_defaults():
    svc = LinearSVC()
    assert (svc.getThreshold(), svc.getMaxIter(), svc.getRegParam(), svc.getTol()) == (
        0.0, 100, 0.0, 1e-6)
    assert svc.getFitIntercept() and svc.getStandardization()
    assert svc.getAggregationDepth() == 2 and svc.getMaxBlockSizeInMB() == 0.0
    assert not svc.isSet("weightCol")
    svc.setThreshold(-1.5).setRegParam(0.3)
    copied = svc.copy({svc.maxIter: 7})
    assert copied.getMaxIter() == 7 and copied.getThreshold() == -1.5 and svc.getMaxIter() == 100
    assert "threshold" in svc.explainParams()


def test_save_load_in_sparks_layout(spark, data, tmp_path):
    X, y, w = data
    df = frame(spark, X, y, w)
    model = LinearSVC(regParam=0.02, threshold=0.25, weightCol="w").fit(df)
    path = str(tmp_path / "svc")
    model.write().overwrite().save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        metadata = json.loads(f.readline())
    assert metadata["class"] == "org.apache.spark.ml.classification.LinearSVCModel"
    assert metadata["paramMap"]["threshold"] == 0.25
    data_row = spark.read.parquet(os.path.join(path, "data")).collect()
    assert len(data_row) == 1 and set(data_row[0].asDict()) == {"coefficients", "intercept"}
    loaded = LinearSVCModel.load(path)
    assert loaded.uid == model.uid and loaded.getThreshold() == 0.25
    assert list(loaded.coefficients) == list(model.coefficients)
    assert loaded.intercept == model.intercept
    assert not loaded.hasSummary
    assert loaded.transform(df).collect() == model.transform(df).collect()
    estimator_path = str(tmp_path / "estimator")
    LinearSVC(regParam=0.4, fitIntercept=False).save(estimator_path)
    estimator = LinearSVC.load(estimator_path)
    assert estimator.getRegParam() == 0.4 and not estimator.getFitIntercept()


def test_errors(spark, data):
    X, y, w = data
    with pytest.raises(SparkRuntimeException, match=r"Labels MUST be in \{0, 1\}, but got 2.0"):
        LinearSVC().fit(frame(spark, X, np.where(y == 1, 2.0, 0.0), w))
    with pytest.raises(IllegalArgumentException,
                       match="LinearSVC only supports binary classification. 1 classes detected"):
        LinearSVC().fit(frame(spark, X, np.zeros(len(y)), w))
    with pytest.raises(SparkRuntimeException, match="Weights MUST NOT be Negative"):
        LinearSVC(weightCol="w").fit(frame(spark, X, y, -w))
    with pytest.raises(IllegalArgumentException, match="regParam must be >= 0"):
        LinearSVC(regParam=-1.0).fit(frame(spark, X, y, w))
    model = LinearSVC(maxIter=5).fit(frame(spark, X, y, w))
    with pytest.raises(IllegalArgumentException, match="does not match"):
        model.predict(Vectors.dense([1.0, 2.0]))
    wrong = spark.createDataFrame([(Vectors.dense([1.0, 2.0]),)], ["features"])
    with pytest.raises(SparkRuntimeException, match="does not match"):
        model.transform(wrong).collect()
