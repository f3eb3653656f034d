"""Estimator, Transformer and Model: the stages of a Pipeline."""

from pyspark.ml.param import Params
from pyspark.ml.param.shared import HasInputCol, HasOutputCol

__all__ = ["Estimator", "Transformer", "Model", "UnaryTransformer"]


def _with_params(stage, params):
    if params is None:
        return stage
    if isinstance(params, dict):
        return stage.copy(params) if params else stage
    raise TypeError("Params must be either a param map or a list/tuple of param maps, "
                    "but got %s." % type(params))


class Estimator(Params):
    """A stage that fits a Model to a DataFrame."""

    def _fit(self, dataset):
        raise NotImplementedError()

    def fit(self, dataset, params=None):
        """Fits a model to `dataset`; `params` (a param map, or a list of them for several
        models) overrides this stage's values for the fit."""
        if isinstance(params, (list, tuple)):
            return [self.fit(dataset, p) for p in params]
        return _with_params(self, params)._fit(dataset)

    def fitMultiple(self, dataset, paramMaps):
        """An iterator of (index, model) over the param maps."""
        estimator = self.copy()
        return iter([(i, estimator.fit(dataset, p)) for i, p in enumerate(paramMaps)])


class Transformer(Params):
    """A stage that turns one DataFrame into another."""

    def _transform(self, dataset):
        raise NotImplementedError()

    def transform(self, dataset, params=None):
        return _with_params(self, params)._transform(dataset)


class Model(Transformer):
    """A Transformer produced by an Estimator."""


class UnaryTransformer(HasInputCol, HasOutputCol, Transformer):
    """A transformer of one input column into one output column through a Python function of
    each value (createTransformFunc), run as the engine runs Python UDFs."""

    def createTransformFunc(self):
        raise NotImplementedError()

    def outputDataType(self):
        raise NotImplementedError()

    def validateInputType(self, inputType):
        raise NotImplementedError()

    def _transform(self, dataset):
        from pyspark.errors import PySparkNotImplementedError
        raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                         messageParameters={"feature": "UnaryTransformer"})
