"""DecisionTree and RandomForest classifiers and regressors: trees grown from engine histograms,
checked by hand on small data and against scikit-learn on the same data (features on a grid of
quarter steps, so that maxBins = 32 holds every threshold scikit-learn can choose)."""
import json
import os

import numpy as np
import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import RandomForestClassifier as SkForest
from sklearn.ensemble import RandomForestRegressor as SkForestRegressor
from sklearn.tree import DecisionTreeClassifier as SkTree
from sklearn.tree import DecisionTreeRegressor as SkTreeRegressor

from pyspark.errors import IllegalArgumentException, PySparkNotImplementedError
from pyspark.ml.classification import (
    DecisionTreeClassificationModel, DecisionTreeClassifier, RandomForestClassificationModel,
    RandomForestClassifier,
)
from pyspark.ml.linalg import DenseVector, Vectors
from pyspark.ml.regression import (
    DecisionTreeRegressionModel, DecisionTreeRegressor, RandomForestRegressionModel,
    RandomForestRegressor,
)


def frame(spark, x, y):
    return spark.createDataFrame([(Vectors.dense(row), float(label)) for row, label in zip(x, y)],
                                 ["features", "label"])


def predictions(model, data, column="prediction"):
    return np.array([r[column] for r in model.transform(data).collect()])


@pytest.fixture(scope="module")
def classification(spark):
    x, y = make_classification(n_samples=3000, n_features=6, n_informative=4, random_state=0)
    x = np.round(x * 4) / 4
    return (x[:2000], y[:2000], x[2000:], y[2000:], frame(spark, x[:2000], y[:2000]),
            frame(spark, x[2000:], y[2000:]))


@pytest.fixture(scope="module")
def regression(spark):
    x, y = make_regression(n_samples=3000, n_features=5, noise=5.0, random_state=1)
    x = np.round(x * 4) / 4
    return (x[:2000], y[:2000], x[2000:], y[2000:], frame(spark, x[:2000], y[:2000]),
            frame(spark, x[2000:], y[2000:]))


def r2(predicted, actual):
    return 1 - ((predicted - actual) ** 2).sum() / ((actual - actual.mean()) ** 2).sum()


def test_a_split_worked_out_by_hand(spark):
    # x0 separates the labels at 1.5 (midpoint of 1 and 2); x1 is noise
    data = frame(spark, [[0, 5], [1, 3], [1, 5], [2, 3], [3, 5], [3, 3]], [0, 0, 0, 1, 1, 1])
    model = DecisionTreeClassifier(maxDepth=3).fit(data)
    assert (model.depth, model.numNodes, model.numClasses, model.numFeatures) == (1, 3, 2, 2)
    rows = model.transform(frame(spark, [[1.5, 0], [1.6, 0]], [0, 1])).collect()
    assert [r.rawPrediction for r in rows] == [DenseVector([3.0, 0.0]), DenseVector([0.0, 3.0])]
    assert [r.probability for r in rows] == [DenseVector([1.0, 0.0]), DenseVector([0.0, 1.0])]
    assert [r.prediction for r in rows] == [0.0, 1.0]
    assert model.featureImportances == Vectors.sparse(2, [0], [1.0])
    # the regression tree predicts each side's mean label
    data = frame(spark, [[0], [1], [2], [3]], [1.0, 2.0, 10.0, 14.0])
    model = DecisionTreeRegressor(maxDepth=1).fit(data)
    assert list(predictions(model, data)) == [1.5, 1.5, 12.0, 12.0]
    assert DecisionTreeRegressor(maxDepth=0).fit(data).numNodes == 1
    # each child must hold 30% of the weight: the best split (x <= 1.5) holds 50% each, but below
    # it a split of two rows into one and one would leave 25%
    assert DecisionTreeRegressor(maxDepth=3, minWeightFractionPerNode=0.3).fit(data).numNodes == 3
    assert DecisionTreeRegressor(maxDepth=3).fit(data).numNodes == 7


def test_decision_tree_classifier_against_scikit_learn(classification):
    x, y, x_test, y_test, train, test = classification
    for impurity, criterion in (("gini", "gini"), ("entropy", "entropy")):
        model = DecisionTreeClassifier(maxDepth=5, impurity=impurity).fit(train)
        ours = predictions(model, test)
        theirs = SkTree(max_depth=5, criterion=criterion, random_state=0).fit(x, y)
        assert abs((ours == y_test).mean() - theirs.score(x_test, y_test)) <= 0.01
        assert (ours == theirs.predict(x_test)).mean() >= 0.98
        if impurity == "gini":
            np.testing.assert_allclose(model.featureImportances.toArray(),
                                       theirs.feature_importances_, atol=0.02)


def test_random_forest_classifier_against_scikit_learn(classification):
    x, y, x_test, y_test, train, test = classification
    model = RandomForestClassifier(numTrees=20, maxDepth=5, seed=3).fit(train)
    assert model.getNumTrees == 20 and len(model.trees) == 20
    ours = (predictions(model, test) == y_test).mean()
    theirs = SkForest(n_estimators=20, max_depth=5, random_state=0).fit(x, y).score(x_test, y_test)
    assert abs(ours - theirs) <= 0.01
    probability = np.array([r.probability.toArray() for r in model.transform(test).collect()])
    np.testing.assert_allclose(probability.sum(axis=1), 1.0)
    # another seed draws other bootstrap samples and feature subsets
    other = RandomForestClassifier(numTrees=20, maxDepth=5, seed=4).fit(train)
    assert model.totalNumNodes != other.totalNumNodes or \
        list(predictions(model, test, "probability")[0]) != \
        list(predictions(other, test, "probability")[0])


def test_regressors_against_scikit_learn(regression):
    x, y, x_test, y_test, train, test = regression
    ours = predictions(DecisionTreeRegressor(maxDepth=5).fit(train), test)
    theirs = SkTreeRegressor(max_depth=5, random_state=0).fit(x, y).predict(x_test)
    assert abs(r2(ours, y_test) - r2(theirs, y_test)) <= 0.01
    forest = RandomForestRegressor(numTrees=20, maxDepth=5, seed=2,
                                   featureSubsetStrategy="2").fit(train)
    theirs = SkForestRegressor(n_estimators=20, max_depth=5, max_features=2,
                               random_state=0).fit(x, y).predict(x_test)
    assert abs(r2(predictions(forest, test), y_test) - r2(theirs, y_test)) <= 0.02


@pytest.mark.parametrize("estimator,model_class", [
    (DecisionTreeClassifier(maxDepth=3), DecisionTreeClassificationModel),
    (RandomForestClassifier(numTrees=3, maxDepth=3, seed=1), RandomForestClassificationModel),
    (DecisionTreeRegressor(maxDepth=3), DecisionTreeRegressionModel),
    (RandomForestRegressor(numTrees=3, maxDepth=3, seed=1), RandomForestRegressionModel)])
def test_save_and_load(spark, tmp_path, classification, estimator, model_class):
    test = classification[5]
    model = estimator.fit(classification[4])
    path = str(tmp_path / "model")
    model.write().overwrite().save(path)
    loaded = model_class.load(path)
    assert type(loaded) is model_class and loaded.uid == model.uid
    columns = ["prediction"] + (["rawPrediction", "probability"]
                                if "Classification" in model_class.__name__ else [])
    assert model.transform(test).select(*columns).collect() == \
        loaded.transform(test).select(*columns).collect()
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        metadata = json.loads(f.readline())
    assert metadata["numFeatures"] == 6
    assert loaded.featureImportances == model.featureImportances


def test_params_and_errors(spark, classification):
    tree = DecisionTreeClassifier()
    assert (tree.getMaxDepth(), tree.getMaxBins(), tree.getImpurity(),
            tree.getMinInstancesPerNode()) == (5, 32, "gini", 1)
    forest = RandomForestRegressor()
    assert (forest.getNumTrees(), forest.getFeatureSubsetStrategy(), forest.getImpurity(),
            forest.getBootstrap(), forest.getSubsamplingRate()) == (20, "auto", "variance", True,
                                                                    1.0)
    with pytest.raises(IllegalArgumentException, match="impurity given invalid value variance"):
        DecisionTreeClassifier(impurity="variance").fit(classification[4])
    with pytest.raises(IllegalArgumentException, match="maxBins given invalid value 1"):
        DecisionTreeRegressor(maxBins=1).fit(classification[4])
    model = DecisionTreeClassifier(maxDepth=1).fit(classification[4])
    with pytest.raises(PySparkNotImplementedError):
        model.setThresholds([0.5, 0.5]).transform(classification[5])
