"""pyspark.ml.classification: LogisticRegression (binomial and multinomial), NaiveBayes
(multinomial, Bernoulli, complement and gaussian), the trees and LinearSVC (ml/_svc.py).

Training minimises Spark's objective, the weighted mean log loss plus
regParam * ((1 - elasticNetParam) / 2 * ||beta||^2 + elasticNetParam * ||beta||_1) over the
standardized coefficients (the original ones without standardization), by L-BFGS, or OWL-QN when
there is an L1 part. Each evaluation of the loss and its gradient is one engine aggregate over the
partitions (ml_glm_gradient); the optimizer runs on the driver. transform adds rawPrediction,
probability and prediction as engine expressions (ml_glm_predict).
"""

import math
import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _boosting
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml import _trees
from pyspark.ml._metrics import BinaryMetrics, MulticlassMetrics
from pyspark.ml._optimize import minimize
from pyspark.ml.base import Estimator, Model
from pyspark.ml.linalg import DenseMatrix, DenseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasAggregationDepth, HasElasticNetParam, HasFeaturesCol, HasFitIntercept, HasLabelCol,
    HasMaxBlockSizeInMB, HasMaxIter, HasPredictionCol, HasProbabilityCol, HasRawPredictionCol,
    HasRegParam, HasStandardization, HasThreshold, HasThresholds, HasTol, HasWeightCol,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable, HasTrainingSummary
from pyspark.sql import functions as F

__all__ = ["GBTClassifier", "GBTClassificationModel", "DecisionTreeClassifier", "DecisionTreeClassificationModel", "RandomForestClassifier", "RandomForestClassificationModel",
           "LogisticRegression", "LogisticRegressionModel", "NaiveBayes", "NaiveBayesModel",
           "LinearSVC", "LinearSVCModel", "LinearSVCSummary", "LinearSVCTrainingSummary",
           "LogisticRegressionSummary",
           "LogisticRegressionTrainingSummary", "BinaryLogisticRegressionSummary",
           "BinaryLogisticRegressionTrainingSummary"]


class _LogisticRegressionParams(HasFeaturesCol, HasLabelCol, HasPredictionCol,
                                HasProbabilityCol, HasRawPredictionCol, HasMaxIter, HasRegParam,
                                HasTol, HasElasticNetParam, HasFitIntercept, HasStandardization,
                                HasThreshold, HasThresholds, HasWeightCol, HasAggregationDepth,
                                HasMaxBlockSizeInMB):
    threshold = Param(
        Params._dummy(), "threshold",
        "Threshold in binary classification prediction, in range [0, 1]. If threshold and "
        "thresholds are both set, they must match.e.g. if threshold is p, then thresholds must "
        "be equal to [1-p, p].", typeConverter=TypeConverters.toFloat)
    family = Param(Params._dummy(), "family",
                   "The name of family which is a description of the label distribution to be "
                   "used in the model. Supported options: auto, binomial, multinomial",
                   typeConverter=TypeConverters.toString)
    lowerBoundsOnCoefficients = Param(
        Params._dummy(), "lowerBoundsOnCoefficients",
        "The lower bounds on coefficients if fitting under bound constrained optimization. "
        "The bound matrix must be compatible with the shape (1, number of features) for "
        "binomial regression, or (number of classes, number of features) for multinomial "
        "regression.", typeConverter=TypeConverters.toMatrix)
    upperBoundsOnCoefficients = Param(
        Params._dummy(), "upperBoundsOnCoefficients",
        "The upper bounds on coefficients if fitting under bound constrained optimization. "
        "The bound matrix must be compatible with the shape (1, number of features) for "
        "binomial regression, or (number of classes, number of features) for multinomial "
        "regression.", typeConverter=TypeConverters.toMatrix)
    lowerBoundsOnIntercepts = Param(
        Params._dummy(), "lowerBoundsOnIntercepts",
        "The lower bounds on intercepts if fitting under bound constrained optimization. "
        "The bounds vector size must beequal with 1 for binomial regression, or the number of"
        "lasses for multinomial regression.", typeConverter=TypeConverters.toVector)
    upperBoundsOnIntercepts = Param(
        Params._dummy(), "upperBoundsOnIntercepts",
        "The upper bounds on intercepts if fitting under bound constrained optimization. "
        "The bound vector size must be equal with 1 for binomial regression, or the number "
        "of classes for multinomial regression.", typeConverter=TypeConverters.toVector)

    _BOUNDS = ("lowerBoundsOnCoefficients", "upperBoundsOnCoefficients",
               "lowerBoundsOnIntercepts", "upperBoundsOnIntercepts")

    def __init__(self):
        super().__init__()
        self._setDefault(maxIter=100, regParam=0.0, tol=1e-6, threshold=0.5, family="auto")

    def setThreshold(self, value):
        self._set(threshold=value)
        self.clear(self.thresholds)
        return self

    def getThreshold(self):
        self._checkThresholdConsistency()
        if self.isSet(self.thresholds):
            ts = self.getOrDefault(self.thresholds)
            if len(ts) != 2:
                raise ValueError("Logistic Regression getThreshold only applies to binary "
                                 "classification, but thresholds has length != 2.  "
                                 "thresholds: {ts}".format(ts=",".join(str(t) for t in ts)))
            return 1.0 / (1.0 + ts[0] / ts[1])
        return self.getOrDefault(self.threshold)

    def setThresholds(self, value):
        self._set(thresholds=value)
        self.clear(self.threshold)
        return self

    def getThresholds(self):
        self._checkThresholdConsistency()
        if not self.isSet(self.thresholds) and self.isSet(self.threshold):
            t = self.getOrDefault(self.threshold)
            return [1.0 - t, t]
        return self.getOrDefault(self.thresholds)

    def _checkThresholdConsistency(self):
        if self.isSet(self.threshold) and self.isSet(self.thresholds):
            ts = self.getOrDefault(self.thresholds)
            if len(ts) != 2:
                raise ValueError("Logistic Regression getThreshold only applies to binary "
                                 "classification, but thresholds has length != 2.  "
                                 "thresholds: {0}".format(str(ts)))
            t = 1.0 / (1.0 + ts[0] / ts[1])
            t2 = self.getOrDefault(self.threshold)
            if abs(t2 - t) >= 1e-5:
                raise ValueError("Logistic Regression getThreshold found inconsistent values "
                                 "for threshold (%g) and thresholds (equivalent to %g)" % (t2, t))

    def getFamily(self):
        return self.getOrDefault(self.family)

    def getLowerBoundsOnCoefficients(self):
        return self.getOrDefault(self.lowerBoundsOnCoefficients)

    def getUpperBoundsOnCoefficients(self):
        return self.getOrDefault(self.upperBoundsOnCoefficients)

    def getLowerBoundsOnIntercepts(self):
        return self.getOrDefault(self.lowerBoundsOnIntercepts)

    def getUpperBoundsOnIntercepts(self):
        return self.getOrDefault(self.upperBoundsOnIntercepts)


class LogisticRegression(_LogisticRegressionParams, Estimator, DefaultParamsWritable,
                         DefaultParamsReadable):
    """Logistic regression: binomial (one coefficient vector) or multinomial (one per class)."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 maxIter=100, regParam=0.0, elasticNetParam=0.0, tol=1e-6, fitIntercept=True,
                 threshold=0.5, thresholds=None, probabilityCol="probability",
                 rawPredictionCol="rawPrediction", standardization=True, weightCol=None,
                 aggregationDepth=2, family="auto", lowerBoundsOnCoefficients=None,
                 upperBoundsOnCoefficients=None, lowerBoundsOnIntercepts=None,
                 upperBoundsOnIntercepts=None, maxBlockSizeInMB=0.0):
        super().__init__()
        self.setParams(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  maxIter=100, regParam=0.0, elasticNetParam=0.0, tol=1e-6, fitIntercept=True,
                  threshold=0.5, thresholds=None, probabilityCol="probability",
                  rawPredictionCol="rawPrediction", standardization=True, weightCol=None,
                  aggregationDepth=2, family="auto", lowerBoundsOnCoefficients=None,
                  upperBoundsOnCoefficients=None, lowerBoundsOnIntercepts=None,
                  upperBoundsOnIntercepts=None, maxBlockSizeInMB=0.0):
        kwargs = self._input_kwargs
        self._set(**kwargs)
        self._checkThresholdConsistency()
        return self

    def setFamily(self, value):
        return self._set(family=value)

    def setLowerBoundsOnCoefficients(self, value):
        return self._set(lowerBoundsOnCoefficients=value)

    def setUpperBoundsOnCoefficients(self, value):
        return self._set(upperBoundsOnCoefficients=value)

    def setLowerBoundsOnIntercepts(self, value):
        return self._set(lowerBoundsOnIntercepts=value)

    def setUpperBoundsOnIntercepts(self, value):
        return self._set(upperBoundsOnIntercepts=value)

    def _multinomial(self, num_classes):
        family = self.getFamily().lower()
        if family == "binomial":
            fu.require(num_classes in (1, 2), "Binomial family only supports 1 or 2 outcome "
                       "classes but found %d." % num_classes)
            return False
        if family == "multinomial":
            return True
        if family == "auto":
            return num_classes > 2
        raise fu.IllegalArgumentException(message="Unsupported family: %s" % family)

    def _check_params(self):
        fu.require(self.getRegParam() >= 0, "regParam must be >= 0")
        fu.require(0 <= self.getElasticNetParam() <= 1, "elasticNetParam must be in [0, 1]")
        fu.require(self.getMaxIter() >= 0, "maxIter must be >= 0")
        fu.require(self.getTol() >= 0, "tol must be >= 0")
        for name in self._BOUNDS:
            if self.isSet(name):
                from pyspark.errors import PySparkNotImplementedError
                raise PySparkNotImplementedError(
                    errorClass="NOT_IMPLEMENTED",
                    messageParameters={"feature": "LogisticRegression with %s" % name})

    def _fit(self, dataset):
        self._check_params()
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        frame = tr.instances(dataset, self.getFeaturesCol(), self.getLabelCol(), weight_col,
                             classification=True)
        with tr.Materialized(frame) as data:
            summary = tr.summarize(data)
            histogram = tr.label_histogram(data)
            num_classes = len(histogram)
            multinomial = self._multinomial(num_classes)
            if self.isDefined(self.thresholds):
                fu.require(len(self.getThresholds()) == num_classes,
                           "LogisticRegression.train() called with non-matching numClasses "
                           "and thresholds.length. numClasses=%d, but thresholds has length %d"
                           % (num_classes, len(self.getThresholds())))
            coefficients, history = self._train(data, summary, histogram, multinomial)
        model = LogisticRegressionModel._create(coefficients, max(num_classes, 2), multinomial,
                                                self.getFitIntercept())
        model._resetUid(self.uid)
        model = self._copyValues(model)
        model._summary = model._make_summary(dataset, history, training=True)
        return model

    def _train(self, data, summary, histogram, multinomial):
        """The original-space coefficients, a (sets, n + 1) array, and the objective history."""
        n = summary.size
        sets = len(histogram) if multinomial else 1
        fit_intercept = self.getFitIntercept()
        constant_label = np.count_nonzero(histogram) == 1
        if fit_intercept and constant_label:
            coefficients = np.zeros((sets, n + 1))
            if multinomial:
                coefficients[int(np.argmax(histogram)), n] = float("inf")
            else:
                coefficients[0, n] = float("inf") if len(histogram) == 2 else float("-inf")
            return coefficients, [0.0]
        space = tr.Standardized(summary.mean, summary.std, centered=fit_intercept)
        reg, alpha = self.getRegParam(), self.getElasticNetParam()
        l2, l1 = tr.penalties(reg, alpha, summary.std, self.getStandardization(), sets,
                              fit_intercept)
        family = "multinomial" if multinomial else "binomial"
        mask = np.ones((sets, n + 1))
        if not fit_intercept:
            mask[:, n] = 0.0

        def objective(z_flat):
            z = z_flat.reshape(sets, n + 1) * mask
            weight_sum, loss, gradient = tr.loss_and_gradient(data, family, space.to_original(z))
            g = space.gradient_to_standardized(gradient) / weight_sum + l2 * z
            return loss / weight_sum + 0.5 * float(np.sum(l2 * z * z)), (g * mask).ravel()

        z0 = np.zeros((sets, n + 1))
        if fit_intercept and multinomial:
            raw = np.log1p(histogram)
            z0[:, n] = raw - raw.mean()
        elif fit_intercept:
            z0[0, n] = np.log(histogram[1] / histogram[0])
        z, history = minimize(objective, z0.ravel(), self.getMaxIter(), self.getTol(),
                              l1=l1.ravel() if alpha > 0 and reg > 0 else None)
        coefficients = space.to_original(z.reshape(sets, n + 1) * mask)
        if multinomial:
            if reg == 0.0:  # not identifiable without a penalty: centre across classes
                coefficients[:, :n] -= coefficients[:, :n].mean(axis=0)
            if fit_intercept:
                coefficients[:, n] -= coefficients[:, n].mean()
        return coefficients, history


class _LinearProbabilisticModel(Model):
    """Models whose rawPrediction is linear in the features: one margin (binomial, raw [-m, m],
    probability by the logistic) or one per class (probability by softmax). Subclasses give
    _table(), the (sets, n + 1) coefficients with intercepts last, and _one_margin()."""

    def _one_margin(self):
        return False

    def _binary_threshold(self):
        return self.getThreshold()

    def _engine(self, kind, features):
        thresholds = ""
        if kind == "prediction":
            if self._one_margin():
                thresholds = repr(float(self._binary_threshold()))
            elif self.isDefined(self.thresholds):
                thresholds = fu.doubles_text(self.getThresholds())
        table = self._table()
        return fu.engine_call("ml_glm_predict", kind, str(table.shape[0]),
                              fu.doubles_text(table.ravel()), thresholds, features)

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        features = F.col(self.getFeaturesCol())
        columns = {}
        if self.getRawPredictionCol():
            columns[self.getRawPredictionCol()] = self._engine("raw", features)
        if self.getProbabilityCol():
            columns[self.getProbabilityCol()] = self._engine("probability", features)
        if self.getPredictionCol():
            columns[self.getPredictionCol()] = self._engine("prediction", features)
        return dataset.withColumns(columns) if columns else dataset

    def predictRaw(self, value):
        table = self._table()
        margins = table[:, :-1].dot(_convert_to_vector(value).toArray()) + table[:, -1]
        return DenseVector([-margins[0], margins[0]] if self._one_margin() else margins)

    def predictProbability(self, value):
        raw = self.predictRaw(value).toArray()
        if self._one_margin():
            p = 1.0 / (1.0 + np.exp(-raw[1]))
            return DenseVector([1.0 - p, p])
        e = np.exp(raw - raw.max())
        return DenseVector(e / e.sum())

    def predict(self, value):
        probability = self.predictProbability(value).toArray()
        if self._one_margin():
            return 1.0 if probability[1] > self._binary_threshold() else 0.0
        if self.isDefined(self.thresholds):
            t = np.asarray(self.getThresholds())
            scaled = np.where(t == 0, np.inf, probability / np.where(t == 0, 1.0, t))
            return float(np.argmax(scaled))
        return float(np.argmax(self.predictRaw(value).toArray()))


class LogisticRegressionModel(_LogisticRegressionParams, _LinearProbabilisticModel,
                              HasTrainingSummary, DefaultParamsWritable, DefaultParamsReadable):
    """A fitted logistic regression: coefficients (binomial) or coefficientMatrix."""

    def __init__(self, coefficientMatrix=None, interceptVector=None, numClasses=2,
                 isMultinomial=False):
        super().__init__()
        self._coefficient_matrix = coefficientMatrix
        self._intercept_vector = interceptVector
        self._num_classes = numClasses
        self._is_multinomial = isMultinomial

    @classmethod
    def _create(cls, coefficients, num_classes, multinomial, fit_intercept):
        sets, width = coefficients.shape
        matrix = DenseMatrix(sets, width - 1, coefficients[:, :-1].ravel(), isTransposed=True)
        intercepts = coefficients[:, -1] if fit_intercept else np.zeros(sets)
        return cls(matrix, DenseVector(intercepts), num_classes, multinomial)

    # ---- fitted state ----

    @property
    def coefficientMatrix(self):
        return self._coefficient_matrix

    @property
    def interceptVector(self):
        return self._intercept_vector

    @property
    def coefficients(self):
        if self._is_multinomial:
            from pyspark.errors import SparkRuntimeException
            raise SparkRuntimeException(message="Multinomial models contain a matrix of "
                                        "coefficients, use coefficientMatrix instead.")
        return DenseVector(self._coefficient_matrix.toArray()[0])

    @property
    def intercept(self):
        if self._is_multinomial:
            from pyspark.errors import SparkRuntimeException
            raise SparkRuntimeException(message="Multinomial models contain a vector of "
                                        "intercepts, use interceptVector instead.")
        return float(self._intercept_vector[0])

    @property
    def numClasses(self):
        return self._num_classes

    @property
    def numFeatures(self):
        return self._coefficient_matrix.numCols

    def _table(self):
        return np.hstack([self._coefficient_matrix.toArray(),
                          self._intercept_vector.toArray()[:, None]])

    def _one_margin(self):
        return not self._is_multinomial

    # ---- summaries ----

    def evaluate(self, dataset):
        return self._make_summary(dataset, None, training=False)

    def _make_summary(self, dataset, history, training):
        model = self.copy()
        for name in ("probabilityCol", "predictionCol"):
            if not model.getOrDefault(name):
                model._set(**{name: "%s_%s" % (name.replace("Col", ""), self.uid)})
        predictions = model.transform(dataset)
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        args = (predictions, model.getProbabilityCol(), model.getPredictionCol(),
                self.getLabelCol(), self.getFeaturesCol(), weight_col)
        if self._num_classes <= 2:
            cls = (BinaryLogisticRegressionTrainingSummary if training
                   else BinaryLogisticRegressionSummary)
        else:
            cls = LogisticRegressionTrainingSummary if training else LogisticRegressionSummary
        summary = cls(*args)
        if training:
            summary._objective_history = list(history)
        return summary

    # ---- persistence: Spark's data columns ----

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import MatrixUDT, VectorUDT
        from pyspark.sql.types import (BooleanType, IntegerType, StructField, StructType)
        schema = StructType([StructField("numClasses", IntegerType(), False),
                             StructField("numFeatures", IntegerType(), False),
                             StructField("interceptVector", VectorUDT(), True),
                             StructField("coefficientMatrix", MatrixUDT(), True),
                             StructField("isMultinomial", BooleanType(), False)])
        row = (self._num_classes, self.numFeatures, self._intercept_vector,
               self._coefficient_matrix, self._is_multinomial)
        spark.createDataFrame([row], schema).write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = (spark.read.parquet(os.path.join(path, "data"))
               .select("numClasses", "numFeatures", "interceptVector", "coefficientMatrix",
                       "isMultinomial").head())
        matrix = row[3]
        if not isinstance(matrix, DenseMatrix):
            matrix = matrix.toDense()
        return cls(matrix, DenseVector(row[2].toArray()), row[0], row[4])

    def __repr__(self):
        return "LogisticRegressionModel: uid=%s, numClasses=%d, numFeatures=%d" % (
            self.uid, self._num_classes, self.numFeatures)


# ---- summaries -----------------------------------------------------------------------------

def _by_label(method):
    """A property: the multiclass metric `method` of each label, in the order of labels."""
    return property(lambda self: [getattr(self._metrics(), method)(l) for l in self.labels])


def _overall(method):
    """A property: the multiclass metric `method` over all labels."""
    return property(lambda self: getattr(self._metrics(), method)())


class _ClassificationSummary:
    def __init__(self, predictions, probabilityCol, predictionCol, labelCol, featuresCol,
                 weightCol):
        self._predictions = predictions
        self._probability_col = probabilityCol
        self._prediction_col = predictionCol
        self._label_col = labelCol
        self._features_col = featuresCol
        self._weight_col = weightCol
        self._multiclass = None

    @property
    def predictions(self):
        return self._predictions

    @property
    def probabilityCol(self):
        return self._probability_col

    @property
    def predictionCol(self):
        return self._prediction_col

    @property
    def labelCol(self):
        return self._label_col

    @property
    def featuresCol(self):
        return self._features_col

    @property
    def weightCol(self):
        return self._weight_col or "weightCol"

    def _metrics(self):
        if self._multiclass is None:
            self._multiclass = MulticlassMetrics(self._predictions, self._prediction_col,
                                                 self._label_col, self._weight_col)
        return self._multiclass

    @property
    def labels(self):
        return self._metrics().labels

    truePositiveRateByLabel = _by_label("true_positive_rate")
    falsePositiveRateByLabel = _by_label("false_positive_rate")
    precisionByLabel = _by_label("precision")
    recallByLabel = _by_label("recall")
    accuracy = _overall("accuracy")
    weightedTruePositiveRate = _overall("weighted_true_positive_rate")
    weightedFalsePositiveRate = _overall("weighted_false_positive_rate")
    weightedRecall = _overall("weighted_recall")
    weightedPrecision = _overall("weighted_precision")

    def fMeasureByLabel(self, beta=1.0):
        return [self._metrics().f_measure(l, beta) for l in self.labels]

    def weightedFMeasure(self, beta=1.0):
        return self._metrics().weighted_f_measure(beta)


class LogisticRegressionSummary(_ClassificationSummary):
    """Metrics of a LogisticRegressionModel on a dataset (multiclass metrics)."""

    def asBinary(self):
        if not isinstance(self, BinaryLogisticRegressionSummary):
            raise RuntimeError("Cannot cast to a binary summary.")
        return self


class _TrainingSummary:
    _objective_history = ()

    @property
    def objectiveHistory(self):
        """The objective (mean loss plus regularization) at the start and after each
        iteration."""
        return list(self._objective_history)

    @property
    def totalIterations(self):
        return len(self._objective_history) - 1


class LogisticRegressionTrainingSummary(_TrainingSummary, LogisticRegressionSummary):
    """The summary of a multinomial model on its training data."""


class BinaryLogisticRegressionSummary(LogisticRegressionSummary):
    """Binary metrics over the probability of class 1 (100 bins, as Spark's summary uses)."""

    def _binary(self):
        if getattr(self, "_binary_metrics", None) is None:
            from pyspark.ml._feature_util import engine_call
            score = engine_call("ml_vector_element", F.col(self._probability_col), F.lit(1))
            self._binary_metrics = BinaryMetrics(self._predictions, score, self._label_col,
                                                 self._weight_col, num_bins=100)
        return self._binary_metrics

    def _frame(self, rows, names):
        spark = self._predictions.sparkSession
        return spark.createDataFrame([tuple(float(v) for v in r) for r in rows],
                                     "%s double, %s double" % tuple("`%s`" % n for n in names))

    @property
    def areaUnderROC(self):
        return self._binary().area_under_roc()


def _curve(method, names, doc):
    """A property: the binary metrics' `method` points as a DataFrame with columns `names`."""
    prop = property(lambda self: self._frame(getattr(self._binary(), method)(), names))
    prop.__doc__ = doc
    return prop


BinaryLogisticRegressionSummary.roc = _curve("roc", ("FPR", "TPR"), "The ROC curve.")
BinaryLogisticRegressionSummary.pr = _curve("pr", ("recall", "precision"),
                                            "The precision-recall curve.")
BinaryLogisticRegressionSummary.fMeasureByThreshold = _curve(
    "f_measure_by_threshold", ("threshold", "F-Measure"), "F1 by threshold.")
BinaryLogisticRegressionSummary.precisionByThreshold = _curve(
    "precision_by_threshold", ("threshold", "precision"), "Precision by threshold.")
BinaryLogisticRegressionSummary.recallByThreshold = _curve(
    "recall_by_threshold", ("threshold", "recall"), "Recall by threshold.")


class BinaryLogisticRegressionTrainingSummary(BinaryLogisticRegressionSummary,
                                              LogisticRegressionTrainingSummary):
    """The summary of a binomial model on its training data."""


# ---- NaiveBayes ----------------------------------------------------------------------------

class _NaiveBayesParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasProbabilityCol,
                        HasRawPredictionCol, HasThresholds, HasWeightCol):
    smoothing = Param(Params._dummy(), "smoothing", "The smoothing parameter, should be >= 0, "
                      "default is 1.0", typeConverter=TypeConverters.toFloat)
    modelType = Param(Params._dummy(), "modelType", "The model type which is a string "
                      "(case-sensitive). Supported options: multinomial (default), bernoulli "
                      "and gaussian.", typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(smoothing=1.0, modelType="multinomial")

    def getSmoothing(self):
        return self.getOrDefault(self.smoothing)

    def getModelType(self):
        return self.getOrDefault(self.modelType)


class NaiveBayes(_NaiveBayesParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Naive Bayes from per-class weighted feature sums (one engine aggregate grouped by label):
    log priors pi and log feature probabilities theta, smoothed as Spark smooths them."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 probabilityCol="probability", rawPredictionCol="rawPrediction", smoothing=1.0,
                 modelType="multinomial", thresholds=None, weightCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  probabilityCol="probability", rawPredictionCol="rawPrediction", smoothing=1.0,
                  modelType="multinomial", thresholds=None, weightCol=None):
        return self._set(**self._input_kwargs)

    def setSmoothing(self, value):
        return self._set(smoothing=value)

    def setModelType(self, value):
        return self._set(modelType=value)

    def _fit(self, dataset):
        model_type = self.getModelType()
        fu.check_choice(self, "modelType", model_type,
                        ("multinomial", "bernoulli", "complement", "gaussian"))
        fu.require(self.getSmoothing() >= 0, "smoothing must be >= 0")
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        frame = tr.instances(dataset, self.getFeaturesCol(), self.getLabelCol(), weight_col,
                             classification=True)
        rows = (frame.groupBy(tr.LABEL)
                .agg(fu.engine_call("ml_summary", F.col(tr.FEATURES), F.col(tr.WEIGHT)))
                .collect())
        rows = sorted((label, tr.Summary(values)) for label, values in rows if values)
        fu.require(rows, "Nothing has been added to this summarizer.")
        counts = np.array([summary.weight_sum for _, summary in rows])
        sums = np.array([summary.mean * summary.weight_sum for _, summary in rows])
        sigma = None
        if model_type == "gaussian":
            pi, theta, sigma = _gaussian_naive_bayes(counts, rows)
        else:
            for _, summary in rows:
                _check_naive_bayes_values(summary, model_type)
            lam = self.getSmoothing()
            pi = np.log(counts + lam) - np.log(counts.sum() + len(rows) * lam)
            if model_type == "complement":
                # each class's counts are those of every other class
                sums = sums.sum(axis=0) - sums
            if model_type == "bernoulli":
                totals = counts + 2 * lam
            else:
                totals = sums.sum(axis=1) + sums.shape[1] * lam
            theta = np.log(sums + lam) - np.log(totals)[:, None]
            if model_type == "complement":
                theta = -theta

        def matrix(values):
            return DenseMatrix(len(rows), sums.shape[1], values.ravel(), isTransposed=True)

        model = NaiveBayesModel(DenseVector(pi), matrix(theta),
                                matrix(sigma) if sigma is not None else None)
        model._resetUid(self.uid)
        return self._copyValues(model)


def _gaussian_naive_bayes(counts, rows):
    """Spark's gaussian estimates: log priors, the classes' weighted means and their variances
    plus 1e-9 times the largest variance of a feature over all rows."""
    means = np.array([summary.mean for _, summary in rows])
    squares = np.array([summary.norm_l2 ** 2 for _, summary in rows])
    total = counts.sum()
    overall = (means * counts[:, None]).sum(axis=0)
    epsilon = np.max(squares.sum(axis=0) / total - overall * overall / total / total) * 1e-9
    pi = np.log(counts) - math.log(total)
    return pi, means, epsilon + squares / counts[:, None] - means * means


def _check_naive_bayes_values(summary, model_type):
    fu.require(bool(np.all(summary.min >= 0)),
               "Naive Bayes requires nonnegative feature values but found negative values.")
    if model_type == "bernoulli":
        # values in [0, 1] are all 0 or 1 exactly when sum w x^2 equals sum w x
        zero_one = np.all(summary.max <= 1) and np.allclose(
            summary.norm_l2 ** 2, summary.mean * summary.weight_sum, rtol=1e-12, atol=0)
        fu.require(bool(zero_one),
                   "Bernoulli naive Bayes requires 0 or 1 feature values but found other values.")


class NaiveBayesModel(_NaiveBayesParams, _LinearProbabilisticModel, DefaultParamsWritable,
                      DefaultParamsReadable):
    """Fitted naive Bayes: pi (log class priors) and theta (log feature probabilities)."""

    def __init__(self, pi=None, theta=None, sigma=None):
        super().__init__()
        self._pi = pi
        self._theta = theta
        self._sigma = sigma

    @property
    def pi(self):
        return self._pi

    @property
    def theta(self):
        return self._theta

    @property
    def sigma(self):
        """The classes' feature variances (gaussian models; empty otherwise)."""
        return self._sigma if self._sigma is not None else DenseMatrix(0, 0, [])

    @property
    def numClasses(self):
        return len(self._pi)

    @property
    def numFeatures(self):
        return self._theta.numCols

    def _table(self):
        theta, pi = self._theta.toArray(), self._pi.toArray()
        if self.getModelType() == "bernoulli":
            # x log p + (1 - x) log(1 - p) = x (log p - log(1 - p)) + log(1 - p), by the C
            # library's exp and log1p and summed in order, as the serving runtime computes it
            rows = []
            for thetas, prior in zip(theta, pi):
                absent = [math.log1p(-math.exp(t)) for t in thetas]
                total = 0.0
                for a in absent:
                    total += a
                rows.append([t - a for t, a in zip(thetas, absent)] + [prior + total])
            return np.array(rows)
        return np.hstack([theta, pi[:, None]])

    def _engine(self, kind, features):
        model_type = self.getModelType()
        if model_type not in ("gaussian", "complement"):
            return super()._engine(kind, features)
        thresholds = ""
        if kind == "prediction" and self.isDefined(self.thresholds):
            thresholds = fu.doubles_text(self.getThresholds())
        return fu.engine_call("ml_nb_predict", kind, model_type, str(self.numClasses),
                              fu.doubles_text(self._scores_table().ravel()), thresholds, features)

    def _scores_table(self):
        """ml_nb_predict's rows: gaussian means, variances and log prior; complement theta."""
        if self.getModelType() == "complement":
            return self._theta.toArray()
        return np.hstack([self._theta.toArray(), self._sigma.toArray(),
                          self._pi.toArray()[:, None]])

    def predictRaw(self, value):
        model_type = self.getModelType()
        if model_type not in ("gaussian", "complement"):
            return super().predictRaw(value)
        x = _convert_to_vector(value).toArray()
        theta = self._theta.toArray()
        if model_type == "complement":
            scores = theta.dot(x)
            top = scores.max()
            return DenseVector(scores - (math.log(np.exp(scores - top).sum()) + top))
        sigma = self._sigma.toArray()
        return DenseVector(self._pi.toArray() - (((x - theta) ** 2 / sigma).sum(axis=1)
                                                 + np.log(sigma).sum(axis=1)) / 2)

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import MatrixUDT, VectorUDT
        from pyspark.sql.types import StructField, StructType
        schema = StructType([StructField("pi", VectorUDT(), True),
                             StructField("theta", MatrixUDT(), True),
                             StructField("sigma", MatrixUDT(), True)])
        spark.createDataFrame([(self._pi, self._theta, self.sigma)], schema).write.parquet(
            os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select("pi", "theta", "sigma").head()
        theta = row[1] if isinstance(row[1], DenseMatrix) else row[1].toDense()
        sigma = row[2] if row[2] is not None and row[2].numRows else None
        if sigma is not None and not isinstance(sigma, DenseMatrix):
            sigma = sigma.toDense()
        return cls(DenseVector(row[0].toArray()), theta, sigma)

    def __repr__(self):
        return "NaiveBayesModel: uid=%s, modelType=%s, numClasses=%d, numFeatures=%d" % (
            self.uid, self.getModelType(), self.numClasses, self.numFeatures)


# ---- trees (pyspark/ml/_trees.py) -----------------------------------------------------------

class DecisionTreeClassifier(_trees._ClassifierParams, _trees._DecisionTreeParams, Estimator,
                             DefaultParamsWritable, DefaultParamsReadable):
    """A decision tree for classification, grown level by level from engine histograms."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 probabilityCol="probability", rawPredictionCol="rawPrediction", maxDepth=5,
                 maxBins=32, minInstancesPerNode=1, minInfoGain=0.0, maxMemoryInMB=256,
                 cacheNodeIds=False, checkpointInterval=10, impurity="gini", seed=None,
                 weightCol=None, leafCol="", minWeightFractionPerNode=0.0):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  probabilityCol="probability", rawPredictionCol="rawPrediction", maxDepth=5,
                  maxBins=32, minInstancesPerNode=1, minInfoGain=0.0, maxMemoryInMB=256,
                  cacheNodeIds=False, checkpointInterval=10, impurity="gini", seed=None,
                  weightCol=None, leafCol="", minWeightFractionPerNode=0.0):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        trees, num_features, num_classes = _trees.fit(self, dataset, True, 1, ensemble=False)
        model = DecisionTreeClassificationModel(trees, num_features, num_classes)
        model._resetUid(self.uid)
        return self._copyValues(model)


class DecisionTreeClassificationModel(_trees._TreeModel, _trees._SingleTree,
                                      _trees._ClassifierParams, _trees._DecisionTreeParams,
                                      DefaultParamsWritable, DefaultParamsReadable):
    """A fitted decision tree: rawPrediction is the class weights of the leaf a row reaches."""

    _classification = True

    @property
    def numClasses(self):
        return self._num_classes

    def predictProbability(self, value):
        raw = self._raw(value)
        return DenseVector(raw / raw.sum() if raw.sum() > 0 else raw)


class RandomForestClassifier(_trees._ClassifierParams, _trees._RandomForestParams, Estimator,
                             DefaultParamsWritable, DefaultParamsReadable):
    """A random forest for classification: bootstrap samples and feature subsets per node, all
    trees grown together, one engine histogram aggregate per level."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 probabilityCol="probability", rawPredictionCol="rawPrediction", maxDepth=5,
                 maxBins=32, minInstancesPerNode=1, minInfoGain=0.0, maxMemoryInMB=256,
                 cacheNodeIds=False, checkpointInterval=10, impurity="gini", numTrees=20,
                 featureSubsetStrategy="auto", seed=None, subsamplingRate=1.0, leafCol="",
                 minWeightFractionPerNode=0.0, weightCol=None, bootstrap=True):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  probabilityCol="probability", rawPredictionCol="rawPrediction", maxDepth=5,
                  maxBins=32, minInstancesPerNode=1, minInfoGain=0.0, maxMemoryInMB=256,
                  cacheNodeIds=False, checkpointInterval=10, impurity="gini", numTrees=20,
                  featureSubsetStrategy="auto", seed=None, subsamplingRate=1.0, leafCol="",
                  minWeightFractionPerNode=0.0, weightCol=None, bootstrap=True):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        fu.require(self.getNumTrees() >= 1, "numTrees given invalid value %d."
                   % self.getNumTrees())
        trees, num_features, num_classes = _trees.fit(self, dataset, True, self.getNumTrees(),
                                                      ensemble=True)
        model = RandomForestClassificationModel(trees, num_features, num_classes)
        model._resetUid(self.uid)
        return self._copyValues(model)


class RandomForestClassificationModel(_trees._TreeModel, _trees._Forest,
                                      _trees._ClassifierParams, _trees._RandomForestParams,
                                      DefaultParamsWritable, DefaultParamsReadable):
    """A fitted random forest: rawPrediction sums each tree's class probabilities."""

    _classification = True
    _ensemble = True

    @property
    def numClasses(self):
        return self._num_classes

    @staticmethod
    def _single_class():
        return DecisionTreeClassificationModel

    def predictProbability(self, value):
        raw = self._raw(value)
        return DenseVector(raw / raw.sum() if raw.sum() > 0 else raw)


class GBTClassifier(_boosting._GBTClassifierParams, Estimator, DefaultParamsWritable,
                    DefaultParamsReadable):
    """Gradient-boosted trees for binary classification (logistic loss), each tree grown from
    engine histograms."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 maxDepth=5, maxBins=32, minInstancesPerNode=1, minInfoGain=0.0,
                 maxMemoryInMB=256, cacheNodeIds=False, checkpointInterval=10,
                 lossType="logistic", maxIter=20, stepSize=0.1, seed=None, subsamplingRate=1.0,
                 impurity="variance", featureSubsetStrategy="all", validationTol=0.01,
                 validationIndicatorCol=None, leafCol="", minWeightFractionPerNode=0.0,
                 weightCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  maxDepth=5, maxBins=32, minInstancesPerNode=1, minInfoGain=0.0,
                  maxMemoryInMB=256, cacheNodeIds=False, checkpointInterval=10,
                  lossType="logistic", maxIter=20, stepSize=0.1, seed=None, subsamplingRate=1.0,
                  impurity="variance", featureSubsetStrategy="all", validationTol=0.01,
                  validationIndicatorCol=None, leafCol="", minWeightFractionPerNode=0.0,
                  weightCol=None):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        return _boosting.fitted_model(self, dataset, GBTClassificationModel)


class GBTClassificationModel(_boosting._GBTClassificationModel, DefaultParamsWritable,
                             DefaultParamsReadable):
    """A fitted boosted classifier: rawPrediction is [-margin, margin], the probability of
    class 1 is 1 / (1 + exp(-2 margin))."""


from pyspark.ml._svc import (  # noqa: E402  (it uses the summaries above)
    LinearSVC, LinearSVCModel, LinearSVCSummary, LinearSVCTrainingSummary)
