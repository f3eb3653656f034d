"""pyspark.ml.tuning: ParamGridBuilder, CrossValidator and TrainValidationSplit.

Rows go to folds (or to the training side) by rand(seed) as one engine column, written once to a
temporary Parquet directory so that every split sees the same draw; each candidate param map is
fitted and evaluated with the estimator and evaluator given, `parallelism` of them at a time.
"""

import itertools
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Estimator, Model
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasSeed
from pyspark.sql import functions as F

__all__ = ["ParamGridBuilder", "CrossValidator", "CrossValidatorModel", "TrainValidationSplit",
           "TrainValidationSplitModel"]

_SPLIT = "__ember_split"


class ParamGridBuilder:
    """Builds the cartesian product of param values as a list of param maps."""

    def __init__(self):
        self._param_grid = {}

    def addGrid(self, param, values):
        if not isinstance(param, Param):
            raise TypeError("param must be an instance of Param")
        self._param_grid[param] = list(values)
        return self

    def baseOn(self, *args):
        if isinstance(args[0], dict):
            self.baseOn(*args[0].items())
        else:
            for param, value in args:
                self.addGrid(param, [value])
        return self

    def build(self):
        keys = list(self._param_grid)
        grid = [self._param_grid[k] for k in keys]
        return [dict(zip(keys, values)) for values in itertools.product(*grid)]


class _ValidatorParams(HasSeed):
    estimator = Param(Params._dummy(), "estimator", "estimator to be cross-validated")
    estimatorParamMaps = Param(Params._dummy(), "estimatorParamMaps", "estimator param maps")
    evaluator = Param(Params._dummy(), "evaluator",
                      "evaluator used to select hyper-parameters that maximize the validator "
                      "metric")
    parallelism = Param(Params._dummy(), "parallelism",
                        "the number of threads to use when running parallel algorithms (>= 1).",
                        typeConverter=TypeConverters.toInt)
    collectSubModels = Param(Params._dummy(), "collectSubModels",
                             "Param for whether to collect a list of sub-models trained during "
                             "tuning. If set to false, then only the single best sub-model will "
                             "be available after fitting. If set to true, then all sub-models "
                             "will be available. Warning: For large models, collecting all "
                             "sub-models can cause OOMs on the Spark driver.",
                             typeConverter=TypeConverters.toBoolean)

    def __init__(self):
        super().__init__()
        self._setDefault(parallelism=1, collectSubModels=False)

    def getEstimator(self):
        return self.getOrDefault(self.estimator)

    def setEstimator(self, value):
        return self._set(estimator=value)

    def getEstimatorParamMaps(self):
        return self.getOrDefault(self.estimatorParamMaps)

    def setEstimatorParamMaps(self, value):
        return self._set(estimatorParamMaps=value)

    def getEvaluator(self):
        return self.getOrDefault(self.evaluator)

    def setEvaluator(self, value):
        return self._set(evaluator=value)

    def getParallelism(self):
        return self.getOrDefault(self.parallelism)

    def setParallelism(self, value):
        return self._set(parallelism=value)

    def getCollectSubModels(self):
        return self.getOrDefault(self.collectSubModels)

    def setCollectSubModels(self, value):
        return self._set(collectSubModels=value)

    def _fit_and_evaluate(self, train, validation):
        """(metric, model) of every param map: fitted on train, evaluated on validation."""
        estimator, evaluator = self.getEstimator(), self.getEvaluator()
        maps = self.getEstimatorParamMaps()

        def run(param_map):
            model = estimator.fit(train, param_map)
            return evaluator.evaluate(model.transform(validation, param_map)), model

        with ThreadPoolExecutor(max_workers=self.getParallelism()) as pool:
            return list(pool.map(run, maps))

    def _best(self, metrics):
        larger = self.getEvaluator().isLargerBetter()
        return int(np.argmax(metrics) if larger else np.argmin(metrics))


class CrossValidator(_ValidatorParams, Estimator):
    """k-fold cross validation: the param map with the best average metric over the folds is
    fitted again on the whole dataset."""

    numFolds = Param(Params._dummy(), "numFolds", "number of folds for cross validation",
                     typeConverter=TypeConverters.toInt)
    foldCol = Param(Params._dummy(), "foldCol",
                    "Param for the column name of user specified fold number. Once this is "
                    "specified, :py:class:`CrossValidator` won't do random k-fold split. Note "
                    "that this column should be integer type with range [0, numFolds) and Spark "
                    "will throw exception on out-of-range fold numbers.",
                    typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, estimator=None, estimatorParamMaps=None, evaluator=None, numFolds=3,
                 seed=None, parallelism=1, collectSubModels=False, foldCol=""):
        super().__init__()
        self._setDefault(numFolds=3, foldCol="")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, estimator=None, estimatorParamMaps=None, evaluator=None, numFolds=3,
                  seed=None, parallelism=1, collectSubModels=False, foldCol=""):
        return self._set(**self._input_kwargs)

    def getNumFolds(self):
        return self.getOrDefault(self.numFolds)

    def setNumFolds(self, value):
        return self._set(numFolds=value)

    def getFoldCol(self):
        return self.getOrDefault(self.foldCol)

    def setFoldCol(self, value):
        return self._set(foldCol=value)

    def _fit(self, dataset):
        k = self.getNumFolds()
        fu.require(k >= 2, "numFolds must be >= 2")
        fold = (F.col(self.getFoldCol()).cast("int") if self.getFoldCol()
                else F.floor(F.rand(self.getSeed()) * k).cast("int"))
        maps = self.getEstimatorParamMaps()
        metrics = np.zeros(len(maps))
        sub_models = [[None] * len(maps) for _ in range(k)]
        with tr.Materialized(dataset.withColumn(_SPLIT, fold)) as data:
            for i in range(k):
                train = data.filter(F.col(_SPLIT) != i).drop(_SPLIT)
                validation = data.filter(F.col(_SPLIT) == i).drop(_SPLIT)
                for j, (metric, model) in enumerate(self._fit_and_evaluate(train, validation)):
                    metrics[j] += metric / k
                    sub_models[i][j] = model
        best = self._best(metrics)
        best_model = self.getEstimator().fit(dataset, maps[best])
        model = CrossValidatorModel(best_model, list(metrics),
                                    sub_models if self.getCollectSubModels() else None)
        return self._copyValues(model)


class CrossValidatorModel(_ValidatorParams, Model):
    """The best model of a CrossValidator and the average metric of each param map."""

    def __init__(self, bestModel, avgMetrics=None, subModels=None, stdMetrics=None):
        super().__init__()
        self.bestModel = bestModel
        self.avgMetrics = avgMetrics or []
        self.subModels = subModels
        self.stdMetrics = stdMetrics or []

    def _transform(self, dataset):
        return self.bestModel.transform(dataset)


class TrainValidationSplit(_ValidatorParams, Estimator):
    """One random split into training (trainRatio of the rows) and validation data."""

    trainRatio = Param(Params._dummy(), "trainRatio",
                       "Param for ratio between train and validation data. Must be between 0 "
                       "and 1.", typeConverter=TypeConverters.toFloat)

    @keyword_only
    def __init__(self, *, estimator=None, estimatorParamMaps=None, evaluator=None,
                 trainRatio=0.75, parallelism=1, collectSubModels=False, seed=None):
        super().__init__()
        self._setDefault(trainRatio=0.75)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, estimator=None, estimatorParamMaps=None, evaluator=None,
                  trainRatio=0.75, parallelism=1, collectSubModels=False, seed=None):
        return self._set(**self._input_kwargs)

    def getTrainRatio(self):
        return self.getOrDefault(self.trainRatio)

    def setTrainRatio(self, value):
        return self._set(trainRatio=value)

    def _fit(self, dataset):
        ratio = self.getTrainRatio()
        with tr.Materialized(dataset.withColumn(_SPLIT, F.rand(self.getSeed()))) as data:
            train = data.filter(F.col(_SPLIT) < ratio).drop(_SPLIT)
            validation = data.filter(F.col(_SPLIT) >= ratio).drop(_SPLIT)
            results = self._fit_and_evaluate(train, validation)
        metrics = [m for m, _ in results]
        best = self._best(metrics)
        best_model = self.getEstimator().fit(dataset, self.getEstimatorParamMaps()[best])
        sub_models = [m for _, m in results] if self.getCollectSubModels() else None
        return self._copyValues(TrainValidationSplitModel(best_model, metrics, sub_models))


class TrainValidationSplitModel(_ValidatorParams, Model):
    """The best model of a TrainValidationSplit and the validation metric of each param map."""

    def __init__(self, bestModel, validationMetrics=None, subModels=None):
        super().__init__()
        self.bestModel = bestModel
        self.validationMetrics = validationMetrics or []
        self.subModels = subModels

    def _transform(self, dataset):
        return self.bestModel.transform(dataset)
