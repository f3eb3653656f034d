"""Pipeline and PipelineModel: stages run one after another."""

import os

from pyspark import keyword_only
from pyspark.ml.base import Estimator, Model, Transformer
from pyspark.ml.param import Param, Params
from pyspark.ml.util import (
    DefaultParamsReadable, DefaultParamsReader, DefaultParamsWritable, DefaultParamsWriter,
    MLReader, MLWriter, _python_class,
)

__all__ = ["Pipeline", "PipelineModel"]


def _stage_directory(path, index, count, uid):
    digits = len(str(count))
    return os.path.join(path, "stages", "%0*d_%s" % (digits, index, uid))


class _StagesWriter(MLWriter):
    def __init__(self, instance):
        super().__init__()
        self.instance = instance

    def saveImpl(self, path):
        stages = self.instance.getStages()
        for stage in stages:
            if not hasattr(stage, "write"):
                raise ValueError("Pipeline write will fail on this pipeline because stage %s of "
                                 "type %s is not MLWritable" % (stage.uid, type(stage)))
        DefaultParamsWriter.saveMetadata(
            self.instance, path, self.sparkSession,
            paramMap={"stageUids": [stage.uid for stage in stages]})
        for index, stage in enumerate(stages):
            stage.write().session(self.sparkSession).save(
                _stage_directory(path, index, len(stages), stage.uid))


class _StagesReader(MLReader):
    def load(self, path):
        metadata = DefaultParamsReader.loadMetadata(path, self.sparkSession)
        uids = metadata["paramMap"]["stageUids"]
        stages = []
        for index, uid in enumerate(uids):
            directory = _stage_directory(path, index, len(uids), uid)
            stage_meta = DefaultParamsReader.loadMetadata(directory, self.sparkSession)
            stage_class = _python_class(stage_meta["class"])
            stages.append(stage_class.read().session(self.sparkSession).load(directory))
        instance = self._cls._with_stages(stages)
        instance._resetUid(metadata["uid"])
        return instance


class Pipeline(Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """An estimator of a sequence of stages: fit() fits each Estimator on the output of the
    stages before it and returns a PipelineModel of the fitted models and transformers."""

    _spark_class_name = "org.apache.spark.ml.Pipeline"
    stages = Param(Params._dummy(), "stages", "a list of pipeline stages")

    @keyword_only
    def __init__(self, *, stages=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, stages=None):
        return self._set(**self._input_kwargs)

    def setStages(self, value):
        return self._set(stages=value)

    def getStages(self):
        return self.getOrDefault(self.stages) if self.isDefined(self.stages) else []

    def _fit(self, dataset):
        stages = self.getStages()
        for stage in stages:
            if not isinstance(stage, (Estimator, Transformer)):
                raise TypeError("Cannot recognize a pipeline stage of type %s." % type(stage))
        last_estimator = max((i for i, s in enumerate(stages) if isinstance(s, Estimator)),
                             default=-1)
        fitted = []
        for i, stage in enumerate(stages):
            if i > last_estimator:
                fitted.append(stage)
                continue
            model = stage.fit(dataset) if isinstance(stage, Estimator) else stage
            fitted.append(model)
            if i < last_estimator:
                dataset = model.transform(dataset)
        return PipelineModel(fitted)

    def copy(self, extra=None):
        that = Params.copy(self, extra)
        that.setStages([stage.copy(extra) for stage in self.getStages()])
        return that

    def write(self):
        return _StagesWriter(self)

    @classmethod
    def read(cls):
        return _StagesReader(cls)

    @classmethod
    def _with_stages(cls, stages):
        return cls(stages=stages)


class PipelineModel(Model, DefaultParamsWritable, DefaultParamsReadable):
    """The fitted pipeline: transform() runs every stage in order."""

    _spark_class_name = "org.apache.spark.ml.PipelineModel"

    def __init__(self, stages):
        super().__init__()
        self.stages = stages

    def _transform(self, dataset):
        for stage in self.stages:
            dataset = stage.transform(dataset)
        return dataset

    def copy(self, extra=None):
        return PipelineModel([stage.copy(extra) for stage in self.stages])

    def write(self):
        return _StagesWriter(self)

    def getStages(self):
        return self.stages

    @classmethod
    def read(cls):
        return _StagesReader(cls)

    @classmethod
    def _with_stages(cls, stages):
        return cls(stages)
