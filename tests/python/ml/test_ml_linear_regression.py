"""LinearRegression: both solvers against numpy's least squares, ridge against its closed form,
transform, training summary metrics, params, save/load round trip and errors."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.linalg import Vectors
from pyspark.ml.regression import LinearRegression, LinearRegressionModel

X = np.array([[1.0, 2.0, 0.0], [2.0, 0.5, 1.0], [3.0, -1.0, 0.0], [4.0, 0.0, 2.0],
              [0.5, 2.5, 1.0], [2.5, 1.5, 0.0], [1.5, -0.5, 3.0], [3.5, 1.0, 1.0]])
Y = X.dot([2.0, -1.0, 0.5]) + 3.0 + np.array([0.1, -0.2, 0.05, 0.0, 0.3, -0.1, 0.2, -0.15])
W = np.array([1.0, 2.0, 1.0, 0.5, 1.5, 1.0, 2.0, 1.0])


@pytest.fixture
def df(spark):
    rows = [(i, Vectors.dense(x), float(y), float(w))
            for i, (x, y, w) in enumerate(zip(X, Y, W))]
    return spark.createDataFrame(rows, ["id", "features", "label", "w"])


def least_squares(weights):
    A = np.hstack([X, np.ones((len(X), 1))]) * np.sqrt(weights)[:, None]
    return np.linalg.lstsq(A, Y * np.sqrt(weights), rcond=None)[0]


@pytest.mark.parametrize("solver", ["normal", "l-bfgs"])
def test_unregularized_matches_least_squares(df, solver):
    model = LinearRegression(solver=solver, weightCol="w", tol=1e-14, maxIter=500).fit(df)
    expected = least_squares(W)
    assert np.allclose(model.coefficients.toArray(), expected[:3], rtol=1e-7)
    assert model.intercept == pytest.approx(expected[3], rel=1e-7)
    predictions = np.array([r.prediction for r in model.transform(df).orderBy("id").collect()])
    assert np.allclose(predictions, X.dot(expected[:3]) + expected[3], rtol=1e-7)


def test_ridge_normal_equations_closed_form(df):
    reg = 0.5
    model = LinearRegression(regParam=reg, standardization=False, solver="normal").fit(df)
    # objective: mean squared error / 2 + reg / sy * ||b||^2 / 2 (sy: population std of y)
    n = len(Y)
    sy = Y.std()
    Xc, yc = X - X.mean(axis=0), Y - Y.mean()
    beta = np.linalg.solve(Xc.T.dot(Xc) / n + reg / sy * np.eye(3), Xc.T.dot(yc) / n)
    assert np.allclose(model.coefficients.toArray(), beta, rtol=1e-9)
    assert model.intercept == pytest.approx(Y.mean() - X.mean(axis=0).dot(beta), rel=1e-9)


def test_training_summary(df):
    model = LinearRegression(solver="normal").fit(df)
    s = model.summary
    predicted = X.dot(model.coefficients.toArray()) + model.intercept
    residuals = Y - predicted
    assert s.meanSquaredError == pytest.approx(np.mean(residuals ** 2), rel=1e-9)
    assert s.rootMeanSquaredError == pytest.approx(np.sqrt(np.mean(residuals ** 2)), rel=1e-9)
    assert s.meanAbsoluteError == pytest.approx(np.mean(np.abs(residuals)), rel=1e-9)
    r2 = 1 - np.sum(residuals ** 2) / np.sum((Y - Y.mean()) ** 2)
    assert s.r2 == pytest.approx(r2, rel=1e-9)
    assert s.numInstances == 8 and s.degreesOfFreedom == 4
    assert s.r2adj == pytest.approx(1 - (1 - r2) * 7 / 4, rel=1e-9)
    # ordinary least squares standard errors: sqrt(diag((A'A)^-1) * rss / dof)
    A = np.hstack([X, np.ones((8, 1))])
    errors = np.sqrt(np.diag(np.linalg.inv(A.T.dot(A))) * np.sum(residuals ** 2) / 4)
    assert np.allclose(s.coefficientStandardErrors, errors, rtol=1e-6)
    values = list(model.coefficients.toArray()) + [model.intercept]
    assert np.allclose(s.tValues, np.array(values) / errors, rtol=1e-6)
    # Student's t with 4 degrees of freedom: F(t) = 1/2 + 3/8 u (1 - u^2 / 12), u = t / sqrt(1 + t^2/4)
    u = np.abs(s.tValues) / np.sqrt(1 + np.array(s.tValues) ** 2 / 4)
    assert np.allclose(s.pValues, 2 * (0.5 - 3 / 8 * u * (1 - u ** 2 / 12)), rtol=1e-9, atol=1e-15)
    assert sorted(r.residuals for r in s.residuals.collect()) == pytest.approx(sorted(residuals))
    lbfgs = LinearRegression(solver="l-bfgs").fit(df).summary
    assert lbfgs.objectiveHistory[0] > lbfgs.objectiveHistory[-1]


def test_elastic_net_uses_lbfgs_and_zeroes(df):
    model = LinearRegression(regParam=1.0, elasticNetParam=1.0).fit(df)
    assert 0.0 in list(model.coefficients.toArray())
    assert len(model.summary.objectiveHistory) > 1


def test_constant_label(spark):
    rows = [(Vectors.dense([float(i), 1.0]), 4.0) for i in range(5)]
    model = LinearRegression().fit(spark.createDataFrame(rows, ["features", "label"]))
    assert list(model.coefficients.toArray()) == [0.0, 0.0] and model.intercept == 4.0


def test_save_load_round_trip(df, tmp_path):
    model = LinearRegression(regParam=0.1, predictionCol="p").fit(df)
    path = str(tmp_path / "linear")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        assert json.loads(f.readline())["class"] == \
            "org.apache.spark.ml.regression.LinearRegressionModel"
    loaded = LinearRegressionModel.load(path)
    assert loaded.coefficients == model.coefficients and loaded.intercept == model.intercept
    assert loaded.scale == 1.0 and loaded.getPredictionCol() == "p"
    assert loaded.transform(df).select("p").collect() == model.transform(df).select("p").collect()
    with pytest.raises(IOError, match="already exists"):
        model.save(path)


def test_params_and_errors(spark, df):
    lr = LinearRegression()
    assert lr.getSolver() == "auto" and lr.getLoss() == "squaredError"
    assert lr.getEpsilon() == 1.35 and lr.getFitIntercept()
    with pytest.raises(IllegalArgumentException, match="solver"):
        LinearRegression(solver="sgd").fit(df)
    nan_label = spark.createDataFrame([(Vectors.dense([1.0]), float("nan"))],
                                      ["features", "label"])
    with pytest.raises(SparkRuntimeException, match="Labels MUST NOT be Null or NaN"):
        LinearRegression().fit(nan_label)
