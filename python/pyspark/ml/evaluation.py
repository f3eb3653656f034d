"""pyspark.ml.evaluation: evaluators of predictions (binary, multiclass, regression), computing
Spark's metrics from engine aggregates."""

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml._metrics import BinaryMetrics, MulticlassMetrics, RegressionMetrics, log_loss
from pyspark.ml.linalg import VectorUDT
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasFeaturesCol, HasLabelCol, HasMetricName, HasPredictionCol, HasProbabilityCol, HasRawPredictionCol,
    HasWeightCol,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F

__all__ = ["Evaluator", "BinaryClassificationEvaluator", "MulticlassClassificationEvaluator",
           "RegressionEvaluator", "ClusteringEvaluator"]


class Evaluator(Params):
    """Computes a metric of a DataFrame of predictions."""

    def _evaluate(self, dataset):
        raise NotImplementedError()

    def evaluate(self, dataset, params=None):
        if params is None:
            return self._evaluate(dataset)
        if isinstance(params, dict):
            return self.copy(params)._evaluate(dataset)
        raise TypeError("Params must be a param map but got %s." % type(params))

    def isLargerBetter(self):
        return True

    def _weight_col(self):
        return self.getWeightCol() if self.isDefined(self.weightCol) and self.getWeightCol() \
            else None

    def _metric(self, choices):
        name = self.getMetricName()
        fu.check_choice(self, "metricName", name, choices)
        return name


class BinaryClassificationEvaluator(HasRawPredictionCol, HasLabelCol, HasWeightCol,
                                    HasMetricName, Evaluator, DefaultParamsWritable,
                                    DefaultParamsReadable):
    """Area under the ROC or precision-recall curve of scores (rawPrediction's element 1, or a
    double column) against 0/1 labels."""

    metricName = Param(Params._dummy(), "metricName",
                       "metric name in evaluation (areaUnderROC|areaUnderPR)",
                       typeConverter=TypeConverters.toString)
    numBins = Param(Params._dummy(), "numBins",
                    "Number of bins to down-sample the curves (ROC curve, PR curve) in area "
                    "computation. If 0, no down-sampling will occur. Must be >= 0.",
                    typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, rawPredictionCol="rawPrediction", labelCol="label",
                 metricName="areaUnderROC", weightCol=None, numBins=1000):
        super().__init__()
        self._setDefault(metricName="areaUnderROC", numBins=1000)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, rawPredictionCol="rawPrediction", labelCol="label",
                  metricName="areaUnderROC", weightCol=None, numBins=1000):
        return self._set(**self._input_kwargs)

    def getNumBins(self):
        return self.getOrDefault(self.numBins)

    def setNumBins(self, value):
        return self._set(numBins=value)

    def _evaluate(self, dataset):
        metric = self._metric(("areaUnderROC", "areaUnderPR"))
        column = self.getRawPredictionCol()
        data_type = fu.column_type(dataset, column)
        if isinstance(data_type, VectorUDT):
            score = fu.engine_call("ml_vector_element", F.col(column), F.lit(1))
        else:
            fu.require(fu.is_numeric(data_type),
                       "Column %s must be of type equal to one of the following types: "
                       "[double, class org.apache.spark.ml.linalg.VectorUDT] but was actually "
                       "of type %s." % (column, data_type.simpleString()))
            score = F.col(column).cast("double")
        metrics = BinaryMetrics(dataset, score, self.getLabelCol(), self._weight_col(),
                                num_bins=self.getNumBins())
        return metrics.area_under_roc() if metric == "areaUnderROC" else metrics.area_under_pr()


class MulticlassClassificationEvaluator(HasLabelCol, HasPredictionCol, HasWeightCol,
                                        HasMetricName, HasProbabilityCol, Evaluator,
                                        DefaultParamsWritable, DefaultParamsReadable):
    """Spark's multiclass metrics of predictions against labels."""

    _METRICS = ("f1", "accuracy", "weightedPrecision", "weightedRecall",
                "weightedTruePositiveRate", "weightedFalsePositiveRate", "weightedFMeasure",
                "truePositiveRateByLabel", "falsePositiveRateByLabel", "precisionByLabel",
                "recallByLabel", "fMeasureByLabel", "logLoss", "hammingLoss")
    metricName = Param(Params._dummy(), "metricName",
                       "metric name in evaluation (f1|accuracy|weightedPrecision|weightedRecall|"
                       "weightedTruePositiveRate| weightedFalsePositiveRate|weightedFMeasure|"
                       "truePositiveRateByLabel| falsePositiveRateByLabel|precisionByLabel|"
                       "recallByLabel|fMeasureByLabel| logLoss|hammingLoss)",
                       typeConverter=TypeConverters.toString)
    metricLabel = Param(Params._dummy(), "metricLabel",
                        "The class whose metric will be computed in truePositiveRateByLabel|"
                        "falsePositiveRateByLabel|precisionByLabel|recallByLabel|"
                        "fMeasureByLabel. Must be >= 0. The default value is 0.",
                        typeConverter=TypeConverters.toFloat)
    beta = Param(Params._dummy(), "beta",
                 "The beta value used in weightedFMeasure|fMeasureByLabel. Must be > 0. The "
                 "default value is 1.", typeConverter=TypeConverters.toFloat)
    eps = Param(Params._dummy(), "eps",
                "log-loss is undefined for p=0 or p=1, so probabilities are clipped to "
                "max(eps, min(1 - eps, p)). Must be in range (0, 0.5]. The default value is "
                "1e-15.", typeConverter=TypeConverters.toFloat)

    @keyword_only
    def __init__(self, *, predictionCol="prediction", labelCol="label", metricName="f1",
                 weightCol=None, metricLabel=0.0, beta=1.0, probabilityCol="probability",
                 eps=1e-15):
        super().__init__()
        self._setDefault(metricName="f1", metricLabel=0.0, beta=1.0, eps=1e-15)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, predictionCol="prediction", labelCol="label", metricName="f1",
                  weightCol=None, metricLabel=0.0, beta=1.0, probabilityCol="probability",
                  eps=1e-15):
        return self._set(**self._input_kwargs)

    def getMetricLabel(self):
        return self.getOrDefault(self.metricLabel)

    def setMetricLabel(self, value):
        return self._set(metricLabel=value)

    def getBeta(self):
        return self.getOrDefault(self.beta)

    def setBeta(self, value):
        return self._set(beta=value)

    def getEps(self):
        return self.getOrDefault(self.eps)

    def setEps(self, value):
        return self._set(eps=value)

    def isLargerBetter(self):
        return self.getMetricName() not in ("weightedFalsePositiveRate",
                                            "falsePositiveRateByLabel", "logLoss", "hammingLoss")

    def _evaluate(self, dataset):
        metric = self._metric(self._METRICS)
        if metric == "logLoss":
            return log_loss(dataset, self.getProbabilityCol(), self.getLabelCol(),
                            self._weight_col(), self.getEps())
        m = MulticlassMetrics(dataset, self.getPredictionCol(), self.getLabelCol(),
                              self._weight_col())
        label, beta = self.getMetricLabel(), self.getBeta()
        by_label = {"truePositiveRateByLabel": m.true_positive_rate,
                    "falsePositiveRateByLabel": m.false_positive_rate,
                    "precisionByLabel": m.precision, "recallByLabel": m.recall,
                    "fMeasureByLabel": lambda l: m.f_measure(l, beta)}
        if metric in by_label:
            return by_label[metric](label) if label in m.labels else 0.0
        return {"f1": lambda: m.weighted_f_measure(1.0),
                "accuracy": m.accuracy,
                "weightedPrecision": m.weighted_precision,
                "weightedRecall": m.weighted_recall,
                "weightedTruePositiveRate": m.weighted_true_positive_rate,
                "weightedFalsePositiveRate": m.weighted_false_positive_rate,
                "weightedFMeasure": lambda: m.weighted_f_measure(beta),
                "hammingLoss": m.hamming_loss}[metric]()


class RegressionEvaluator(HasPredictionCol, HasLabelCol, HasWeightCol, HasMetricName, Evaluator,
                          DefaultParamsWritable, DefaultParamsReadable):
    """rmse, mse, r2, mae or var (explained variance) of predictions against labels."""

    metricName = Param(Params._dummy(), "metricName",
                       "Metric name in evaluation - one of:\n"
                       "rmse - root mean squared error (default)\n"
                       "mse - mean squared error\n"
                       "r2 - r^2 metric\n"
                       "mae - mean absolute error\n"
                       "var - explained variance.", typeConverter=TypeConverters.toString)
    throughOrigin = Param(Params._dummy(), "throughOrigin",
                          "whether the regression is through the origin.",
                          typeConverter=TypeConverters.toBoolean)

    @keyword_only
    def __init__(self, *, predictionCol="prediction", labelCol="label", metricName="rmse",
                 weightCol=None, throughOrigin=False):
        super().__init__()
        self._setDefault(metricName="rmse", throughOrigin=False)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, predictionCol="prediction", labelCol="label", metricName="rmse",
                  weightCol=None, throughOrigin=False):
        return self._set(**self._input_kwargs)

    def getThroughOrigin(self):
        return self.getOrDefault(self.throughOrigin)

    def setThroughOrigin(self, value):
        return self._set(throughOrigin=value)

    def isLargerBetter(self):
        return self.getMetricName() in ("r2", "var")

    def _evaluate(self, dataset):
        metric = self._metric(("rmse", "mse", "r2", "mae", "var"))
        m = RegressionMetrics(dataset, self.getPredictionCol(), self.getLabelCol(),
                              self._weight_col(), self.getThroughOrigin())
        return {"rmse": m.root_mean_squared_error, "mse": m.mean_squared_error, "r2": m.r2,
                "mae": m.mean_absolute_error, "var": m.explained_variance}[metric]


class ClusteringEvaluator(HasPredictionCol, HasFeaturesCol, HasWeightCol, HasMetricName, Evaluator,
                          DefaultParamsWritable, DefaultParamsReadable):
    """The mean silhouette of a clustering with squared Euclidean distances: each cluster's
    weight, sum of w * ||x||^2 and sum of w * x come from one engine aggregate grouped by
    prediction, and each row's silhouette from them (ml_silhouette)."""

    metricName = Param(Params._dummy(), "metricName",
                       "metric name in evaluation (silhouette)",
                       typeConverter=TypeConverters.toString)
    distanceMeasure = Param(Params._dummy(), "distanceMeasure",
                            "The distance measure. Supported options: 'squaredEuclidean' and "
                            "'cosine'.", typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, predictionCol="prediction", featuresCol="features",
                 metricName="silhouette", distanceMeasure="squaredEuclidean", weightCol=None):
        super().__init__()
        self._setDefault(metricName="silhouette", distanceMeasure="squaredEuclidean")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, predictionCol="prediction", featuresCol="features",
                  metricName="silhouette", distanceMeasure="squaredEuclidean", weightCol=None):
        return self._set(**self._input_kwargs)

    def getDistanceMeasure(self):
        return self.getOrDefault(self.distanceMeasure)

    def setDistanceMeasure(self, value):
        return self._set(distanceMeasure=value)

    def _evaluate(self, dataset):
        import numpy as np
        from pyspark.ml._training import Summary
        self._metric(("silhouette",))
        fu.check_choice(self, "distanceMeasure", self.getDistanceMeasure(),
                        ("squaredEuclidean", "cosine"))
        if self.getDistanceMeasure() != "squaredEuclidean":
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "ClusteringEvaluator with cosine distance"})
        fu.check_vector_column(dataset, self.getFeaturesCol())
        features = F.col(self.getFeaturesCol())
        prediction = F.col(self.getPredictionCol()).cast("double")
        weight = F.col(self._weight_col()).cast("double") if self._weight_col() else F.lit(1.0)
        rows = (dataset.select(features.alias("f"), prediction.alias("p"), weight.alias("w"))
                .groupBy("p").agg(fu.engine_call("ml_summary", F.col("f"), F.col("w")))
                .collect())
        clusters = {int(p): Summary(values) for p, values in rows if values}
        fu.require(len(clusters) > 1, "Number of clusters must be greater than one.")
        n = next(iter(clusters.values())).size
        text = [float(n)]
        for c in range(max(clusters) + 1):
            s = clusters.get(c)
            if s is None:
                text += [0.0, 0.0] + [0.0] * n
            else:
                text += [s.weight_sum, float(np.sum(s.norm_l2 ** 2))] + list(s.mean * s.weight_sum)
        silhouette = fu.engine_call("ml_silhouette", fu.doubles_text(text), features, prediction,
                                    weight)
        total = dataset.agg(F.sum(silhouette * weight), F.sum(weight)).head()
        return total[0] / total[1]
