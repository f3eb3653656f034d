"""LinearSVC of pyspark.ml.classification: Spark's linear support vector machine.

Training minimises the weighted mean hinge loss max(0, 1 - (2y - 1)(x.beta + b)) plus
regParam / 2 * ||beta||^2 over the standardized coefficients (the original ones without
standardization) by L-BFGS, as Spark runs its OWL-QN without an L1 part. Each evaluation of the
loss and its subgradient is one engine aggregate (ml_glm_gradient 'hinge'); the model's
rawPrediction is [-m, m] for the margin m and its prediction m > threshold (ml_glm_predict).
"""

import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml._optimize import minimize
from pyspark.ml.base import Estimator, Model
from pyspark.ml.classification import (BinaryLogisticRegressionSummary,
                                       BinaryLogisticRegressionTrainingSummary)
from pyspark.ml.linalg import DenseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasAggregationDepth, HasFeaturesCol, HasFitIntercept, HasLabelCol, HasMaxBlockSizeInMB,
    HasMaxIter, HasPredictionCol, HasRawPredictionCol, HasRegParam, HasStandardization, HasTol,
    HasWeightCol,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable, HasTrainingSummary
from pyspark.sql import functions as F


class _LinearSVCParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasRawPredictionCol,
                       HasMaxIter, HasRegParam, HasTol, HasFitIntercept, HasStandardization,
                       HasWeightCol, HasAggregationDepth, HasMaxBlockSizeInMB):
    threshold = Param(
        Params._dummy(), "threshold",
        "The threshold in binary classification applied to the linear model prediction.  "
        "This threshold can be any real number, where Inf will make all predictions 0.0 and "
        "-Inf will make all predictions 1.0.", typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(maxIter=100, regParam=0.0, tol=1e-6, fitIntercept=True,
                         standardization=True, threshold=0.0, aggregationDepth=2,
                         maxBlockSizeInMB=0.0)

    def getThreshold(self):
        return self.getOrDefault(self.threshold)


class LinearSVC(_LinearSVCParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """A linear SVM for binary labels 0 and 1 (hinge loss, L2 regularization)."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 maxIter=100, regParam=0.0, tol=1e-6, rawPredictionCol="rawPrediction",
                 fitIntercept=True, standardization=True, threshold=0.0, weightCol=None,
                 aggregationDepth=2, maxBlockSizeInMB=0.0):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  maxIter=100, regParam=0.0, tol=1e-6, rawPredictionCol="rawPrediction",
                  fitIntercept=True, standardization=True, threshold=0.0, weightCol=None,
                  aggregationDepth=2, maxBlockSizeInMB=0.0):
        return self._set(**self._input_kwargs)

    def setThreshold(self, value):
        return self._set(threshold=value)

    def _fit(self, dataset):
        fu.require(self.getRegParam() >= 0, "regParam must be >= 0")
        fu.require(self.getMaxIter() >= 0, "maxIter must be >= 0")
        fu.require(self.getTol() >= 0, "tol must be >= 0")
        fu.require(self.getAggregationDepth() >= 2, "aggregationDepth must be >= 2")
        fu.require(self.getMaxBlockSizeInMB() >= 0, "maxBlockSizeInMB must be >= 0")
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        frame = tr.instances(dataset, self.getFeaturesCol(), self.getLabelCol(), weight_col,
                             classification=True, binary=True)
        with tr.Materialized(frame) as data:
            summary = tr.summarize(data)
            num_classes = len(tr.label_histogram(data))
            fu.require(num_classes == 2, "LinearSVC only supports binary classification. "
                       "%d classes detected in %s" % (num_classes, self.getLabelCol()))
            coefficients, history = self._train(data, summary)
        model = LinearSVCModel(DenseVector(coefficients[:-1]),
                               float(coefficients[-1]) if self.getFitIntercept() else 0.0)
        model._resetUid(self.uid)
        model = self._copyValues(model)
        model._summary = model._make_summary(dataset, history)
        return model

    def _train(self, data, summary):
        """The original-space coefficients (n values, then the intercept) and the objective
        history."""
        n = summary.size
        space = tr.Standardized(summary.mean, summary.std, centered=self.getFitIntercept())
        l2, _ = tr.penalties(self.getRegParam(), 0.0, summary.std, self.getStandardization(),
                             1, self.getFitIntercept())
        mask = np.ones((1, n + 1))
        if not self.getFitIntercept():
            mask[0, n] = 0.0

        def objective(z_flat):
            z = z_flat.reshape(1, n + 1) * mask
            weight_sum, loss, gradient = tr.loss_and_gradient(data, "hinge", space.to_original(z))
            g = space.gradient_to_standardized(gradient) / weight_sum + l2 * z
            return loss / weight_sum + 0.5 * float(np.sum(l2 * z * z)), (g * mask).ravel()

        z, history = minimize(objective, np.zeros(n + 1), self.getMaxIter(), self.getTol())
        return space.to_original(z.reshape(1, n + 1) * mask)[0], history


class LinearSVCModel(_LinearSVCParams, Model, HasTrainingSummary, DefaultParamsWritable,
                     DefaultParamsReadable):
    """A fitted linear SVM: rawPrediction [-m, m] for the margin m = x.coefficients + intercept,
    prediction 1.0 when m > threshold."""

    def __init__(self, coefficients=None, intercept=0.0):
        super().__init__()
        self._coefficients = coefficients
        self._intercept = intercept

    def setThreshold(self, value):
        return self._set(threshold=value)

    @property
    def coefficients(self):
        return self._coefficients

    @property
    def intercept(self):
        return self._intercept

    @property
    def numClasses(self):
        return 2

    @property
    def numFeatures(self):
        return self._coefficients.size

    def _table(self):
        return np.append(self._coefficients.toArray(), self._intercept)

    def _engine(self, kind, features, thresholds=""):
        return fu.engine_call("ml_glm_predict", kind, "1", fu.doubles_text(self._table()),
                              thresholds, features)

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        features = F.col(self.getFeaturesCol())
        columns = {}
        if self.getRawPredictionCol():
            columns[self.getRawPredictionCol()] = self._engine("raw", features)
        if self.getPredictionCol():
            columns[self.getPredictionCol()] = self._engine(
                "margin_prediction", features, repr(float(self.getThreshold())))
        return dataset.withColumns(columns) if columns else dataset

    def _margin(self, value):
        vector = _convert_to_vector(value)
        fu.require(vector.size == self.numFeatures,
                   "The size of features %d does not match the model's number of features %d."
                   % (vector.size, self.numFeatures))
        return float(vector.dot(self._coefficients)) + self._intercept

    def predictRaw(self, value):
        m = self._margin(value)
        return DenseVector([-m, m])

    def predict(self, value):
        return 1.0 if self._margin(value) > self.getThreshold() else 0.0

    def evaluate(self, dataset):
        return self._make_summary(dataset, None)

    def _make_summary(self, dataset, history):
        model = self.copy()
        for name in ("rawPredictionCol", "predictionCol"):
            if not model.getOrDefault(name):
                model._set(**{name: "%s_%s" % (name.replace("Col", ""), self.uid)})
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        cls = LinearSVCSummary if history is None else LinearSVCTrainingSummary
        # the binary metrics score rows by element 1 of the column given as the probability's
        summary = cls(model.transform(dataset), model.getRawPredictionCol(),
                      model.getPredictionCol(), self.getLabelCol(), self.getFeaturesCol(),
                      weight_col)
        if history is not None:
            summary._objective_history = list(history)
        return summary

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import VectorUDT
        from pyspark.sql.types import DoubleType, StructField, StructType
        schema = StructType([StructField("coefficients", VectorUDT(), True),
                             StructField("intercept", DoubleType(), False)])
        spark.createDataFrame([(self._coefficients, float(self._intercept))], schema).write.parquet(
            os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select(
            "coefficients", "intercept").head()
        return cls(DenseVector(row[0].toArray()), float(row[1]))

    def __repr__(self):
        return "LinearSVCModel: uid=%s, numClasses=2, numFeatures=%d" % (self.uid,
                                                                         self.numFeatures)


class LinearSVCSummary(BinaryLogisticRegressionSummary):
    """Binary and multiclass metrics of a LinearSVCModel on a dataset: the logistic regression's
    binary summary scoring rows by rawPrediction (Spark's scoreCol) instead of a probability."""

    @property
    def scoreCol(self):
        return self._probability_col


class LinearSVCTrainingSummary(LinearSVCSummary, BinaryLogisticRegressionTrainingSummary):
    """The summary of a LinearSVCModel on its training data, with the objective history."""


for _cls in (LinearSVC, LinearSVCModel, LinearSVCSummary, LinearSVCTrainingSummary):
    _cls.__module__ = "pyspark.ml.classification"
