"""GBTClassifier and GBTRegressor against Spark's boosting algorithm written out here in numpy
with scikit-learn's regression trees as the base learner: the first tree fits the labels (-1/+1
for a classification) with weight 1, each next one the loss's negative gradient at the current
margin with weight stepSize. Features lie on a grid of quarter steps, so that maxBins = 32
holds every threshold scikit-learn can choose and both grow the same trees."""
import json
import os

import numpy as np
import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.tree import DecisionTreeRegressor as SkTreeRegressor

from pyspark.errors import IllegalArgumentException
from pyspark.ml.classification import GBTClassificationModel, GBTClassifier
from pyspark.ml.linalg import Vectors
from pyspark.ml.regression import DecisionTreeRegressionModel, GBTRegressionModel, GBTRegressor


def frame(spark, x, y, extra=None):
    rows = [(Vectors.dense(row), float(label)) + ((bool(e),) if extra is not None else ())
            for row, label, e in zip(x, y, extra if extra is not None else [None] * len(y))]
    return spark.createDataFrame(rows, ["features", "label"] + (["valid"] if extra is not None
                                                                 else []))


def column(model, data, name):
    return np.array([r[name].toArray() if hasattr(r[name], "toArray") else r[name]
                     for r in model.transform(data).collect()])


def residual(loss, y, margin):
    if loss == "squared":
        return 2.0 * (y - margin)
    if loss == "absolute":
        return np.where(y - margin < 0, -1.0, 1.0)
    return 4.0 * y / (1.0 + np.exp(2.0 * y * margin))


def error(loss, y, margin):
    if loss == "squared":
        return (y - margin) ** 2
    if loss == "absolute":
        return np.abs(y - margin)
    return 2.0 * np.logaddexp(0.0, -2.0 * y * margin)


def boost(x, y, loss, iterations, depth, step, x_eval=None):
    """Spark's boosting with scikit-learn trees: the margins on x_eval after each iteration."""
    margin = np.zeros(len(y))
    margins, evaluated = [], np.zeros(len(x_eval))
    for m in range(iterations):
        target = y if m == 0 else residual(loss, y, margin)
        tree = SkTreeRegressor(max_depth=depth, random_state=0).fit(x, target)
        weight = 1.0 if m == 0 else step
        margin = margin + weight * tree.predict(x)
        evaluated = evaluated + weight * tree.predict(x_eval)
        margins.append(evaluated)
    return margins


@pytest.fixture(scope="module")
def regression(spark):
    x, y = make_regression(n_samples=1500, n_features=4, noise=3.0, random_state=7)
    x = np.round(x * 4) / 4
    return x[:1000], y[:1000], x[1000:], y[1000:], frame(spark, x[:1000], y[:1000]), \
        frame(spark, x[1000:], y[1000:])


@pytest.fixture(scope="module")
def classification(spark):
    x, y = make_classification(n_samples=1500, n_features=5, n_informative=3, random_state=3)
    x = np.round(x * 4) / 4
    return x[:1000], y[:1000], x[1000:], y[1000:], frame(spark, x[:1000], y[:1000]), \
        frame(spark, x[1000:], y[1000:])


@pytest.mark.parametrize("loss", ["squared", "absolute"])
def test_regressor_boosts_as_spark(regression, loss):
    x, y, x_test, y_test, train, test = regression
    model = GBTRegressor(maxIter=6, maxDepth=3, stepSize=0.3, lossType=loss).fit(train)
    assert model.treeWeights == [1.0] + [0.3] * 5 and model.getNumTrees == 6
    assert all(type(t) is DecisionTreeRegressionModel for t in model.trees)
    expected = boost(x, y, loss, 6, 3, 0.3, x_test)
    ours = column(model, test, "prediction")
    assert np.mean(np.isclose(ours, expected[-1], rtol=1e-9, atol=1e-9)) >= 0.99
    assert model.predict(Vectors.dense(x_test[0])) == pytest.approx(ours[0], abs=1e-12)
    # the loss after each iteration, over the test rows
    np.testing.assert_allclose(model.evaluateEachIteration(test, loss),
                               [error(loss, y_test, m).mean() for m in expected], rtol=1e-3)


def test_classifier_boosts_as_spark(classification):
    x, y, x_test, y_test, train, test = classification
    model = GBTClassifier(maxIter=8, maxDepth=2, seed=1).fit(train)
    assert model.numClasses == 2 and model.treeWeights == [1.0] + [0.1] * 7
    margin = boost(x, 2.0 * y - 1.0, "logistic", 8, 2, 0.1, x_test)[-1]
    raw = column(model, test, "rawPrediction")
    assert np.mean(np.isclose(raw[:, 1], margin, rtol=1e-9, atol=1e-9)) >= 0.99
    np.testing.assert_array_equal(raw[:, 0], -raw[:, 1])
    probability = column(model, test, "probability")
    np.testing.assert_allclose(probability[:, 0], 1.0 / (1.0 + np.exp(2.0 * raw[:, 1])))
    np.testing.assert_allclose(probability.sum(axis=1), 1.0)
    prediction = column(model, test, "prediction")
    np.testing.assert_array_equal(prediction, (raw[:, 1] > 0).astype(float))
    assert (prediction == (margin > 0)).mean() >= 0.99
    first = Vectors.dense(x_test[0])
    assert model.predict(first) == prediction[0]
    np.testing.assert_allclose(model.predictProbability(first).toArray(), probability[0])
    losses = model.evaluateEachIteration(test)
    assert len(losses) == 8 and losses[-1] < losses[0]


def test_validation_stops_as_spark_does(spark, regression):
    x, y, _, _, _, _ = regression
    valid = np.arange(len(y)) % 4 == 0
    data = frame(spark, x, y, valid)
    model = GBTRegressor(maxIter=30, maxDepth=2, stepSize=0.5, validationIndicatorCol="valid",
                         validationTol=0.05).fit(data)
    margins = boost(x[~valid], y[~valid], "squared", 30, 2, 0.5, x[valid])
    errors = [error("squared", y[valid], m).mean() for m in margins]
    best, count = errors[0], 1
    for m in range(1, 30):
        if best - errors[m] < 0.05 * max(errors[m], 0.01):
            break
        if errors[m] < best:
            best, count = errors[m], m + 1
    assert count < 30 and model.getNumTrees == count


def test_save_and_load(spark, tmp_path, classification):
    test = classification[5]
    model = GBTClassifier(maxIter=3, maxDepth=2, stepSize=0.2).fit(classification[4])
    path = str(tmp_path / "gbt")
    model.write().overwrite().save(path)
    loaded = GBTClassificationModel.load(path)
    assert loaded.treeWeights == [1.0, 0.2, 0.2]
    columns = ["rawPrediction", "probability", "prediction"]
    assert model.transform(test).select(*columns).collect() == \
        loaded.transform(test).select(*columns).collect()
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        metadata = json.loads(f.readline())
    assert (metadata["class"], metadata["numFeatures"], metadata["numTrees"]) == \
        ("org.apache.spark.ml.classification.GBTClassificationModel", 5, 3)
    weights = spark.read.parquet(os.path.join(path, "treesMetadata")).orderBy("treeID")
    assert [r.weights for r in weights.collect()] == [1.0, 0.2, 0.2]
    regressor = GBTRegressor(maxIter=2, maxDepth=1).fit(classification[4])
    regressor.save(str(tmp_path / "gbtr"))
    assert GBTRegressionModel.load(str(tmp_path / "gbtr")).featureImportances == \
        regressor.featureImportances


def test_params_and_errors(spark, classification):
    gbt = GBTClassifier()
    assert (gbt.getMaxIter(), gbt.getStepSize(), gbt.getLossType(), gbt.getImpurity(),
            gbt.getFeatureSubsetStrategy(), gbt.getValidationTol(),
            gbt.getSubsamplingRate()) == (20, 0.1, "logistic", "variance", "all", 0.01, 1.0)
    assert GBTRegressor().getLossType() == "squared"
    assert not gbt.hasParam("numTrees") and gbt.hasParam("validationIndicatorCol")
    three_classes = frame(spark, [[0.0], [1.0], [2.0]], [0, 1, 2])
    with pytest.raises(Exception, match="invalid label 2.0.  Labels must be in \\{0,1\\}"):
        GBTClassifier(maxIter=2).fit(three_classes)
    with pytest.raises(IllegalArgumentException, match="lossType given invalid value squared"):
        GBTClassifier(lossType="squared").fit(classification[4])
    with pytest.raises(IllegalArgumentException, match="stepSize given invalid value"):
        GBTRegressor(stepSize=0.0).fit(classification[4])
