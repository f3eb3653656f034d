"""Scores rows with a saved PipelineModel in process, without a SparkSession or a query:

    from ember.ml import serving
    scorer = serving.load("churn_model")      # the folder PipelineModel.save wrote
    scorer.transform_row({"plan_tier": "pro", "event_count": 12, ...})
    # -> the row with every column the pipeline adds (vectors as pyspark.ml.linalg vectors)

The native runtime (src/runtime/serving) runs the same engine functions, with the same fitted
state, as the stages' batch transform, so a row scores bit for bit as `model.transform` scores
it. Stages it serves: the feature stages StringIndexer, IndexToString, OneHotEncoder,
VectorAssembler, StandardScaler, MinMaxScaler, MaxAbsScaler, RobustScaler, ElementwiseProduct,
Normalizer, VectorSlicer, DCT, Imputer, Binarizer, Bucketizer, QuantileDiscretizer, FeatureHasher
and Word2Vec (and the text stages), and the LogisticRegression, LinearRegression, LinearSVC,
NaiveBayes (every modelType), KMeans, BisectingKMeans, GaussianMixture, ALS, FPGrowth,
GeneralizedLinearRegression, DecisionTree, RandomForest and GBT models, the best model of a
CrossValidatorModel or TrainValidationSplitModel, in nested pipelines too (docs/ml.md,
"Serving"); loading a model with another stage raises ValueError naming it (SQLTransformer: its
statement needs the query engine). A row that a stage rejects (handleInvalid 'error', a missing
field, a value of the wrong type) raises ServingError, a ValueError whose `field` names the input
and `status` is 400 (malformed) or 422 (rejected); a row a stage with handleInvalid 'skip' drops
scores as None.
"""

import os

import ember

__all__ = ["load", "Scorer", "ServingError"]

_core = ember.load_core()
ServingError = _core.ServingError


def load(path):
    """The Scorer of the PipelineModel (or single model) saved in folder `path`."""
    return Scorer(path)


class Scorer:
    def __init__(self, path):
        from pyspark.sql.types import _udt_value
        _core.set_udt_factory(_udt_value)
        self._model = _core.ServingModel(os.fspath(path))

    @property
    def inputs(self):
        """[(field, "string" | "number" | "vector" | "strings" | "scalar")]: what a row must
        hold; a scalar is a number, string or boolean, hashed by FeatureHasher as its type."""
        return self._model.inputs()

    @property
    def outputs(self):
        """The names of the columns the pipeline adds, in order."""
        return self._model.outputs()

    def transform_row(self, row):
        """`row` (a dict) with the columns the pipeline adds, or None when a stage with
        handleInvalid='skip' drops it."""
        return self._model.transform_rows([row])[0]

    def transform_rows(self, rows):
        """transform_row of each dict of `rows`, scored as one batch."""
        return self._model.transform_rows(list(rows))
