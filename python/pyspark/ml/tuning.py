"""pyspark.ml.tuning: ParamGridBuilder, CrossValidator and TrainValidationSplit.

Rows go to folds (or to the training side) by rand(seed) as one engine column, written once to a
temporary Parquet directory so that every split sees the same draw; each candidate param map is
fitted and evaluated with the estimator and evaluator given, `parallelism` of them at a time.
Validators and their models save in Spark's layout: the param maps as JSON in the metadata
(values JSON-encoded, as Spark's ValidatorParams writes them), the estimator, the evaluator and
the best model (and the sub-models with the persistSubModels option) in sub-directories.
"""

import itertools
import json
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Estimator, Model
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasSeed
from pyspark.ml.util import (
    DefaultParamsReader, DefaultParamsWriter, MLReadable, MLReader, MLWritable, MLWriter,
    _json_value, _python_class,
)
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


# ---- persistence ---------------------------------------------------------------------------

def _stages_by_uid(stage):
    """The stage and, for pipelines, every nested stage, by uid."""
    found = {stage.uid: stage}
    for inner in (stage.getStages() if hasattr(stage, "getStages") else []):
        found.update(_stages_by_uid(inner))
    return found


def _load_stage(path, spark):
    metadata = DefaultParamsReader.loadMetadata(path, spark)
    return _python_class(metadata["class"]).read().session(spark).load(path)


class _ValidatorWriter(MLWriter):
    """Saves a validator or a validator model; `extra` adds the model's metrics and files."""

    def __init__(self, instance):
        super().__init__()
        self.instance = instance

    def saveImpl(self, path):
        instance = self.instance
        uids = _stages_by_uid(instance.getEstimator())
        maps = []
        for param_map in instance.getEstimatorParamMaps():
            entries = []
            for param, value in param_map.items():
                if param.parent not in uids:
                    raise ValueError("Validator save requires all Params in estimatorParamMaps to "
                                     "apply to its Estimator, An extraneous Param was found: %r"
                                     % param)
                entries.append({"parent": param.parent, "name": param.name,
                                "value": json.dumps(_json_value(value)), "isJson": True})
            maps.append(entries)
        skip = ("estimator", "evaluator", "estimatorParamMaps")
        params = {p.name: _json_value(v) for p, v in instance._paramMap.items()
                  if p.name not in skip}
        params["estimatorParamMaps"] = maps
        defaults = {p.name: _json_value(v) for p, v in instance._defaultParamMap.items()
                    if p.name not in skip}
        extra, save_files = self._model_parts()
        DefaultParamsWriter.saveMetadata(instance, path, self.sparkSession, extra, params)
        metadata_file = os.path.join(path, "metadata", "part-00000")
        with open(metadata_file) as f:
            metadata = json.loads(f.readline())
        metadata["defaultParamMap"] = defaults
        with open(metadata_file, "w") as f:
            f.write(json.dumps(metadata, separators=(",", ":")) + "\n")
        for name, stage in (("evaluator", instance.getEvaluator()),
                            ("estimator", instance.getEstimator())):
            stage.write().session(self.sparkSession).save(os.path.join(path, name))
        save_files(path)

    def _model_parts(self):
        """(extra metadata, a function saving the model's files under the path)."""
        instance = self.instance
        if not isinstance(instance, Model):
            return {}, lambda path: None
        persist = self.optionMap.get("persistsubmodels", "false").lower() == "true"
        if persist and instance.subModels is None:
            raise ValueError("When persisting tuning models, you can only set persistSubModels "
                             "to true if the tuning was done with collectSubModels set to true. "
                             "To save the sub-models, try rerunning fitting with "
                             "collectSubModels set to true.")
        extra = dict(instance._metrics_metadata(), persistSubModels=persist)

        def save_files(path):
            spark = self.sparkSession
            instance.bestModel.write().session(spark).save(os.path.join(path, "bestModel"))
            if persist:
                for relative, model in instance._sub_model_paths():
                    model.write().session(spark).save(os.path.join(path, "subModels", relative))
        return extra, save_files


class _ValidatorReader(MLReader):
    def load(self, path):
        spark = self.sparkSession
        metadata = DefaultParamsReader.loadMetadata(path, spark)
        cls = _python_class(metadata["class"])
        estimator = _load_stage(os.path.join(path, "estimator"), spark)
        evaluator = _load_stage(os.path.join(path, "evaluator"), spark)
        uids = _stages_by_uid(estimator)
        maps = []
        for entries in metadata["paramMap"]["estimatorParamMaps"]:
            param_map = {}
            for entry in entries:
                value = entry["value"]
                if entry.get("isJson", True) and isinstance(value, str):
                    value = json.loads(value)
                param = uids[entry["parent"]].getParam(entry["name"])
                param_map[param] = param.typeConverter(value)
            maps.append(param_map)
        instance = cls._from_saved_parts(path, metadata, spark, len(maps))
        instance._resetUid(metadata["uid"])
        instance._set(estimator=estimator, evaluator=evaluator, estimatorParamMaps=maps)
        DefaultParamsReader.getAndSetParams(instance, metadata,
                                            skipParams=["estimatorParamMaps"])
        return instance


class _ValidatorPersistence(MLWritable, MLReadable):
    def write(self):
        return _ValidatorWriter(self)

    @classmethod
    def read(cls):
        return _ValidatorReader(cls)

    @classmethod
    def _from_saved_parts(cls, path, metadata, spark, count):
        return cls()



class _CrossValidatorModelPersistence(_ValidatorPersistence):
    def _metrics_metadata(self):
        extra = {"avgMetrics": list(self.avgMetrics)}
        if self.stdMetrics:
            extra["stdMetrics"] = list(self.stdMetrics)
        return extra

    def _sub_model_paths(self):
        return [(os.path.join("fold%d" % i, str(j)), model)
                for i, fold in enumerate(self.subModels) for j, model in enumerate(fold)]

    @classmethod
    def _from_saved_parts(cls, path, metadata, spark, count):
        best = _load_stage(os.path.join(path, "bestModel"), spark)
        sub_models = None
        if metadata.get("persistSubModels"):
            folds = metadata["paramMap"].get("numFolds", metadata["defaultParamMap"]["numFolds"])
            sub_models = [[_load_stage(os.path.join(path, "subModels", "fold%d" % i, str(j)),
                                       spark) for j in range(count)] for i in range(folds)]
        return cls(best, metadata["avgMetrics"], sub_models, metadata.get("stdMetrics"))


class _TrainValidationSplitModelPersistence(_ValidatorPersistence):
    def _metrics_metadata(self):
        return {"validationMetrics": list(self.validationMetrics)}

    def _sub_model_paths(self):
        return [(str(j), model) for j, model in enumerate(self.subModels)]

    @classmethod
    def _from_saved_parts(cls, path, metadata, spark, count):
        best = _load_stage(os.path.join(path, "bestModel"), spark)
        sub_models = None
        if metadata.get("persistSubModels"):
            sub_models = [_load_stage(os.path.join(path, "subModels", str(j)), spark)
                          for j in range(count)]
        return cls(best, metadata["validationMetrics"], sub_models)


class _CrossValidatorParams(_ValidatorParams):
    numFolds = Param(Params._dummy(), "numFolds", "number of folds for cross validation",
                     typeConverter=TypeConverters.toInt)
    foldCol = Param(Params._dummy(), "foldCol",
                    "Param for the column name of user specified fold number. Once this is "
                    "specified, :py:class:`CrossValidator` won't do random k-fold split. Note "
                    "that this column should be integer type with range [0, numFolds) and Spark "
                    "will throw exception on out-of-range fold numbers.",
                    typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(numFolds=3, foldCol="")

    def getNumFolds(self):
        return self.getOrDefault(self.numFolds)

    def setNumFolds(self, value):
        return self._set(numFolds=value)

    def getFoldCol(self):
        return self.getOrDefault(self.foldCol)

    def setFoldCol(self, value):
        return self._set(foldCol=value)


class _TrainValidationSplitParams(_ValidatorParams):
    trainRatio = Param(Params._dummy(), "trainRatio",
                       "Param for ratio between train and validation data. Must be between 0 "
                       "and 1.", typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(trainRatio=0.75)

    def getTrainRatio(self):
        return self.getOrDefault(self.trainRatio)

    def setTrainRatio(self, value):
        return self._set(trainRatio=value)


class CrossValidator(_CrossValidatorParams, Estimator, _ValidatorPersistence):
    """k-fold cross validation: the param map with the best average metric over the folds is
    fitted again on the whole dataset."""

    @keyword_only
    def __init__(self, *, estimator=None, estimatorParamMaps=None, evaluator=None, numFolds=3,
                 seed=None, parallelism=1, collectSubModels=False, foldCol=""):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, estimator=None, estimatorParamMaps=None, evaluator=None, numFolds=3,
                  seed=None, parallelism=1, collectSubModels=False, foldCol=""):
        return self._set(**self._input_kwargs)

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


class CrossValidatorModel(_CrossValidatorParams, Model, _CrossValidatorModelPersistence):
    """The best model of a CrossValidator and the average metric of each param map."""

    def __init__(self, bestModel, avgMetrics=None, subModels=None, stdMetrics=None):
        super().__init__()
        self.bestModel = bestModel
        self.avgMetrics = avgMetrics or []
        self.subModels = subModels
        self.stdMetrics = stdMetrics or []

    def _transform(self, dataset):
        return self.bestModel.transform(dataset)


class TrainValidationSplit(_TrainValidationSplitParams, Estimator, _ValidatorPersistence):
    """One random split into training (trainRatio of the rows) and validation data."""

    @keyword_only
    def __init__(self, *, estimator=None, estimatorParamMaps=None, evaluator=None,
                 trainRatio=0.75, parallelism=1, collectSubModels=False, seed=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, estimator=None, estimatorParamMaps=None, evaluator=None,
                  trainRatio=0.75, parallelism=1, collectSubModels=False, seed=None):
        return self._set(**self._input_kwargs)

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


class TrainValidationSplitModel(_TrainValidationSplitParams, Model,
                                _TrainValidationSplitModelPersistence):
    """The best model of a TrainValidationSplit and the validation metric of each param map."""

    def __init__(self, bestModel, validationMetrics=None, subModels=None):
        super().__init__()
        self.bestModel = bestModel
        self.validationMetrics = validationMetrics or []
        self.subModels = subModels

    def _transform(self, dataset):
        return self.bestModel.transform(dataset)
