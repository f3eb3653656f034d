"""Gradient-boosted trees (GBTClassifier, GBTRegressor) trained as Spark trains them: the first
regression tree fits the labels (mapped to -1/+1 for a classification) with weight 1, each next
one the loss's pseudo-residuals at the current margin with weight stepSize, every tree grown by
_trees.grow. The rows' margins live in a cached copy advanced after each tree, and
early stopping on a validation set follows Spark's rule. Models predict with ml_tree_predict's
margin kinds, each tree's weight folded into its leaf values. classification.py and
regression.py export the estimators and models."""

import numpy as np

from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml import _trees
from pyspark.ml.linalg import DenseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasMaxIter, HasProbabilityCol, HasRawPredictionCol, HasStepSize, HasThresholds,
    HasValidationIndicatorCol,
)
from pyspark.sql import functions as F

MARGIN = "margin"


class _GBTParams(_trees._TreeEnsembleParams, HasMaxIter, HasStepSize, HasValidationIndicatorCol):
    validationTol = Param(Params._dummy(), "validationTol", "Threshold for stopping early when "
                          "fit with validation is used. If the error rate on the validation "
                          "input changes by less than the validationTol, then learning will "
                          "stop early (before `maxIter`). This parameter is ignored when fit "
                          "without validation is used.", typeConverter=TypeConverters.toFloat)
    stepSize = Param(Params._dummy(), "stepSize", "Step size (a.k.a. learning rate) in interval "
                     "(0, 1] for shrinking the contribution of each estimator.",
                     typeConverter=TypeConverters.toFloat)
    lossType = Param(Params._dummy(), "lossType", "Loss function which GBT tries to minimize "
                     "(case-insensitive).", typeConverter=TypeConverters.toString)

    _LOSSES = ()

    def __init__(self):
        super().__init__()
        self._setDefault(maxIter=20, stepSize=0.1, validationTol=0.01, impurity="variance",
                         featureSubsetStrategy="all")

    def getValidationTol(self):
        return self.getOrDefault(self.validationTol)

    def getLossType(self):
        return self.getOrDefault(self.lossType)

    def setValidationTol(self, value):
        return self._set(validationTol=value)

    def setLossType(self, value):
        return self._set(lossType=value)


class _GBTClassifierParams(_GBTParams, HasProbabilityCol, HasRawPredictionCol, HasThresholds):
    _IMPURITIES = ("variance",)
    _LOSSES = ("logistic",)

    def __init__(self):
        super().__init__()
        self._setDefault(lossType="logistic")


class _GBTRegressorParams(_GBTParams):
    _IMPURITIES = ("variance",)
    _LOSSES = ("squared", "absolute")

    def __init__(self):
        super().__init__()
        self._setDefault(lossType="squared")


def _log1p_exp(x):
    """log(1 + e^x) without overflow."""
    return F.when(x > 0, x + F.log1p(F.exp(-x))).otherwise(F.log1p(F.exp(x)))


def residual(loss, label, margin):
    """The negative gradient of `loss` at `margin` (Spark's pseudo-residual)."""
    if loss == "squared":
        return 2.0 * (label - margin)
    if loss == "absolute":
        return F.when(label - margin < 0, F.lit(-1.0)).otherwise(F.lit(1.0))
    return 4.0 * label / (1.0 + F.exp(2.0 * label * margin))


def error(loss, label, margin):
    """`loss` of one row at `margin`, as Spark's computeError."""
    if loss == "squared":
        return (label - margin) * (label - margin)
    if loss == "absolute":
        return F.abs(label - margin)
    return 2.0 * _log1p_exp(-2.0 * label * margin)


def margin_column(trees, weights, features, kind="margin"):
    """ml_tree_predict over `trees`, each leaf's value times its tree's weight."""
    weight_of = {id(node): w for nodes, w in zip(trees, weights) for node in nodes}

    def values(node):
        mean = node.stats[1] / node.stats[0] if node.stats[0] > 0 else 0.0
        return [weight_of[id(node)] * mean]
    return fu.engine_call("ml_tree_predict", kind, _trees.forest_text(1, trees, values), features)


class _Margins:
    """The rows (features, label, weight, row id) with their current margin, written to a
    materialized copy; advance() adds a tree's weighted predictions."""

    def __init__(self, frame):
        self._copy = None
        self.data = None
        self._write(frame.withColumn(MARGIN, F.lit(0.0)))

    def _write(self, frame):
        copy = tr.Materialized(frame)
        data = copy.__enter__()
        self.close()
        self._copy, self.data = copy, data

    def advance(self, tree, weight):
        step = margin_column([tree], [weight], F.col(tr.FEATURES))
        self._write(self.data.withColumn(MARGIN, F.col(MARGIN) + step))

    def mean_error(self, loss):
        row = self.data.agg(F.sum(F.col(tr.WEIGHT) * error(loss, F.col(tr.LABEL), F.col(MARGIN))),
                            F.sum(tr.WEIGHT)).head()
        return row[0] / row[1] if row[1] else 0.0

    def close(self):
        if self._copy is not None:
            self._copy.__exit__(None, None, None)
            self._copy = None


def _instances(estimator, dataset, classification):
    weight_col = estimator.getWeightCol() if estimator.isDefined(estimator.weightCol) else None
    frame = tr.instances(dataset, estimator.getFeaturesCol(), estimator.getLabelCol(),
                         weight_col, classification)
    if classification:
        label = F.col(tr.LABEL)
        message = F.concat(F.lit("GBTClassifier was given dataset with invalid label "),
                           label.cast("string"),
                           F.lit(".  Labels must be in {0,1}; note that GBTClassifier currently "
                                 "only supports binary classification."))
        frame = frame.withColumn(tr.LABEL, tr._checked(2.0 * label - 1.0, [
            ((label != 0.0) & (label != 1.0), message)]))
    return frame.withColumn(_trees.ROW_ID, F.monotonically_increasing_id())


def fit(estimator, dataset, classification):
    """The trees (lists of _trees.Node), their weights and the number of features."""
    estimator._check_tree_params()
    loss = estimator.getLossType().lower()
    fu.check_choice(estimator, "lossType", loss, estimator._LOSSES)
    step = estimator.getStepSize()
    fu.require(0.0 < step <= 1.0, "stepSize given invalid value %s." % step)
    fu.require(estimator.getMaxIter() >= 1, "maxIter given invalid value %d."
               % estimator.getMaxIter())
    fu.require(estimator.getSubsamplingRate() > 0, "subsamplingRate given invalid value.")
    indicator = (estimator.getValidationIndicatorCol()
                 if estimator.isDefined(estimator.validationIndicatorCol) else None)
    training, validation = dataset, None
    if indicator:
        training = dataset.filter(~F.col(indicator))
        validation = dataset.filter(F.col(indicator))
    params = {
        "impurity": "variance", "maxDepth": estimator.getMaxDepth(),
        "maxBins": estimator.getMaxBins(),
        "minInstancesPerNode": estimator.getMinInstancesPerNode(),
        "minInfoGain": estimator.getMinInfoGain(), "numTrees": 1,
        "minWeightFractionPerNode": estimator.getMinWeightFractionPerNode(),
        "subsamplingRate": estimator.getSubsamplingRate(), "bootstrap": False,
        "featureSubsetStrategy": estimator.getFeatureSubsetStrategy(),
    }
    margins = _Margins(_instances(estimator, training, classification))
    checks = _Margins(_instances(estimator, validation, classification)) if indicator else None
    try:
        first = margins.data.select(tr.FEATURES).head()
        fu.require(first is not None, "Nothing has been added to this summarizer.")
        num_features = len(first[0])
        trees, weights = [], []
        best_error, best_count = None, 1
        for m in range(estimator.getMaxIter()):
            data = margins.data
            if m > 0:
                data = data.withColumn(tr.LABEL, residual(loss, F.col(tr.LABEL), F.col(MARGIN)))
            tree_params = dict(params, seed=estimator.getSeed() + m)
            tree = _trees.grow(data.drop(MARGIN), num_features, 0, tree_params)[0]
            weight = 1.0 if m == 0 else step
            trees.append(tree)
            weights.append(weight)
            if m + 1 < estimator.getMaxIter():
                margins.advance(tree, weight)
            if checks is None:
                continue
            checks.advance(tree, weight)
            current = checks.mean_error(loss)
            if m == 0:
                best_error = current
            elif best_error - current < estimator.getValidationTol() * max(current, 0.01):
                break
            elif current < best_error:
                best_error, best_count = current, m + 1
        if checks is not None:
            trees, weights = trees[:best_count], weights[:best_count]
    finally:
        margins.close()
        if checks is not None:
            checks.close()
    return trees, weights, num_features


def fitted_model(estimator, dataset, model_class):
    """The model of `model_class` that `estimator` fits on `dataset`, with its params."""
    trees, weights, num_features = fit(estimator, dataset, model_class._classification)
    model = model_class(trees, num_features, 2 if model_class._classification else 0, weights)
    model._resetUid(estimator.uid)
    return estimator._copyValues(model)


class _GBTModel(_trees._TreeModel, _trees._Forest):
    """A fitted boosted ensemble: the margin is the weighted sum of its regression trees."""

    _ensemble = True
    _importances_per_tree = False

    @staticmethod
    def _single_class():
        from pyspark.ml.regression import DecisionTreeRegressionModel
        return DecisionTreeRegressionModel

    def _engine(self, kind, features):
        kind = "margin" if kind == "regression" else "margin_" + kind
        return margin_column(self._trees, self._tree_weights, features, kind)

    def _margin(self, value):
        x = _convert_to_vector(value).toArray()
        total = 0.0
        for nodes, weight in zip(self._trees, self._tree_weights):
            node = nodes[0]
            while node.feature >= 0:
                node = nodes[node.left if x[node.feature] <= node.threshold else node.right]
            total += weight * (node.stats[1] / node.stats[0] if node.stats[0] > 0 else 0.0)
        return total

    def _extra_metadata(self):
        return {"numFeatures": self._num_features, "numTrees": len(self._trees)}

    def _labels(self, dataset):
        return F.col(self.getLabelCol()).cast("double")

    def _evaluate(self, dataset, loss):
        """The weighted mean `loss` of the first 1, 2, ... trees over `dataset`."""
        features = F.col(self.getFeaturesCol())
        label = self._labels(dataset)
        weight = (F.col(self.getWeightCol()).cast("double")
                  if self.isDefined(self.weightCol) and self.getWeightCol() else F.lit(1.0))
        sums = [F.sum(weight * error(loss, label, margin_column(
            self._trees[:i + 1], self._tree_weights[:i + 1], features)))
            for i in range(len(self._trees))]
        row = dataset.agg(F.sum(weight), *sums).head()
        return [float(v) / row[0] if row[0] else 0.0 for v in row[1:]]


class _GBTClassificationModel(_GBTModel, _GBTClassifierParams):
    _classification = True

    @property
    def numClasses(self):
        return 2

    def _labels(self, dataset):
        return 2.0 * F.col(self.getLabelCol()).cast("double") - 1.0

    def evaluateEachIteration(self, dataset):
        return self._evaluate(dataset, self.getLossType().lower())

    def predictRaw(self, value):
        margin = self._margin(value)
        return DenseVector([-margin, margin])

    def predictProbability(self, value):
        p = 1.0 / (1.0 + np.exp(2.0 * self._margin(value)))
        return DenseVector([p, 1.0 - p])

    def predict(self, value):
        return 1.0 if self._margin(value) > 0.0 else 0.0


class _GBTRegressionModel(_GBTModel, _GBTRegressorParams):
    def evaluateEachIteration(self, dataset, loss):
        fu.check_choice(self, "lossType", loss.lower(), ("squared", "absolute"))
        return self._evaluate(dataset, loss.lower())

    def predict(self, value):
        return self._margin(value)
