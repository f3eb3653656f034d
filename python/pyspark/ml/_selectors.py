"""The feature selectors of pyspark.ml.feature: ChiSqSelector, UnivariateFeatureSelector and
VarianceThresholdSelector. Each fits the indices of the features to keep from statistics the
engine aggregates, and their models keep those features with ml_vector_slice (sparse vectors
stay sparse), saving Spark's `selectedFeatures` row.

Univariate tests (unweighted, as Spark's): Pearson's chi-squared of categorical features against
a categorical label (stat.ChiSquareTest's contingency counts), the ANOVA F-test of continuous
features against a categorical label (one ml_summary aggregate grouped by label: per class count,
mean and variance) and the F-test of the correlation of continuous features with a continuous
label (ml_gram's sums). Spark's selection modes over the p-values: numTopFeatures and percentile
(the smallest p-values, ties by feature index), fpr (p < threshold), fdr (Benjamini-Hochberg) and
fwe (p < threshold / number of features).
"""

import math
import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml.base import Estimator, Model
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasFeaturesCol, HasLabelCol, HasOutputCol
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F

_MODES = ("numTopFeatures", "percentile", "fpr", "fdr", "fwe")


# ---- statistics ------------------------------------------------------------------------------

def _incomplete_beta(a, b, x):
    """The regularized incomplete beta I_x(a, b), by its continued fraction (modified Lentz),
    on the side of x where it converges fast."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - _incomplete_beta(b, a, 1.0 - x)
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x)
                 + b * math.log1p(-x))
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    fraction = d
    for m in range(1, 10000):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return math.exp(log_front) * fraction / a


def _f_survival(f, d1, d2):
    """P(X > f) for X F-distributed with (d1, d2) degrees of freedom."""
    if math.isnan(f):
        return float("nan")
    if f <= 0:
        return 1.0
    if math.isinf(f):
        return 0.0
    return _incomplete_beta(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * f))


def _engine_instances(dataset, features_col, label_col):
    fu.check_vector_column(dataset, features_col)
    label_type = fu.column_type(dataset, label_col)
    fu.require(fu.is_numeric(label_type), "Column %s must be of type numeric but was actually "
               "of type %s." % (label_col, label_type.simpleString()))
    return dataset.select(F.col(features_col).alias("features"),
                          F.col(label_col).cast("double").alias("label"),
                          F.lit(1.0).alias("weight"))


def anova_p_values(dataset, features_col, label_col):
    """The ANOVA F-test's p-value of each feature against the classes of the label."""
    from pyspark.ml._training import Summary
    frame = _engine_instances(dataset, features_col, label_col)
    rows = (frame.groupBy("label")
            .agg(fu.engine_call("ml_summary", F.col("features"), F.col("weight"))).collect())
    classes = [Summary(values) for _, values in rows if values]
    fu.require(classes, "The dataset must not be empty.")
    counts = np.array([c.weight_sum for c in classes])
    means = np.array([c.mean for c in classes])
    total = counts.sum()
    grand = counts.dot(means) / total
    between = counts.dot((means - grand) ** 2)
    within = np.zeros(len(grand))
    for c in classes:
        if c.weight_sum > 1:  # a class of one row has no spread (and no unbiased variance)
            within += (c.weight_sum - 1) * c.variance
    df_between, df_within = len(classes) - 1, total - len(classes)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = (between / df_between) / (within / df_within)
    return [_f_survival(float(v), df_between, df_within) for v in f]


def f_regression_p_values(dataset, features_col, label_col):
    """The p-value of the F-test of each feature's correlation with the label."""
    from pyspark.ml._training import Gram
    gram = Gram(_engine_instances(dataset, features_col, label_col))
    n = gram.count
    mean_x, mean_y = gram.sum_x / n, gram.sum_y / n
    sxx = np.diag(gram.sum_xx) - n * mean_x ** 2
    sxy = gram.sum_xy - n * mean_x * mean_y
    syy = gram.sum_yy - n * mean_y ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = sxy ** 2 / (sxx * syy)
        f = r2 / (1.0 - r2) * (n - 2)
    return [_f_survival(float(v), 1, n - 2) for v in f]


def chi_squared_p_values(dataset, features_col, label_col):
    from pyspark.ml.stat import ChiSquareTest
    rows = ChiSquareTest.test(dataset, features_col, label_col, flatten=True).collect()
    return [p for _, p in sorted((r.featureIndex, r.pValue) for r in rows)]


def select(p_values, mode, threshold):
    """Spark's selection of feature indices by p-value, in the order it selects them."""
    n = len(p_values)
    ranked = sorted(range(n), key=lambda j: (math.isnan(p_values[j]), p_values[j], j))
    if mode == "numTopFeatures":
        return ranked[:int(threshold)]
    if mode == "percentile":
        return ranked[:int(n * threshold)]
    if mode == "fpr":
        return [j for j in range(n) if p_values[j] < threshold]
    if mode == "fwe":
        return [j for j in range(n) if p_values[j] < threshold / n]
    # fdr: Benjamini-Hochberg, the largest rank whose p-value is within its share
    last = -1
    for rank, j in enumerate(ranked):
        if p_values[j] <= threshold / n * (rank + 1):
            last = rank
    return ranked[:last + 1]


# ---- models --------------------------------------------------------------------------------

class _SelectorModel(Model, DefaultParamsWritable, DefaultParamsReadable):
    """A fitted selector: keeps selectedFeatures (in increasing index order) of featuresCol."""

    def __init__(self):
        super().__init__()
        self._selected = []

    @classmethod
    def _of(cls, selected):
        model = cls()
        model._selected = [int(j) for j in selected]
        return model

    @property
    def selectedFeatures(self):
        return list(self._selected)

    def setFeaturesCol(self, value):
        return self._set(featuresCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        fu.check_new_column(dataset, self.getOutputCol())
        indices = ",".join(str(j) for j in sorted(self._selected))
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_vector_slice", F.col(self.getFeaturesCol()), indices))

    def _save_data(self, path, spark):
        from pyspark.sql.types import ArrayType, IntegerType, StructField, StructType
        schema = StructType([StructField("selectedFeatures", ArrayType(IntegerType(), False),
                                         True)])
        spark.createDataFrame([(self._selected,)], schema).write.parquet(
            os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select("selectedFeatures").head()
        return cls._of(row[0])

    def __repr__(self):
        return "%s: uid=%s, numSelectedFeatures=%d" % (type(self).__name__, self.uid,
                                                       len(self._selected))


def _fitted(estimator, model_class, selected):
    model = model_class._of(selected)
    model._resetUid(estimator.uid)
    return estimator._copyValues(model)


def _check_mode(stage, name, mode, threshold):
    fu.check_choice(stage, name, mode, _MODES)
    if mode == "numTopFeatures":
        fu.require(threshold >= 1 and int(threshold) == threshold,
                   "selectionThreshold needs to be a positive Integer for selection mode "
                   "numTopFeatures, but got %s" % threshold)
    else:
        fu.require(0 <= threshold <= 1, "selectionThreshold needs to be in the range [0, 1] for "
                   "selection mode %s, but got %s" % (mode, threshold))


# ---- ChiSqSelector -------------------------------------------------------------------------

class _ChiSqSelectorParams(HasFeaturesCol, HasOutputCol, HasLabelCol):
    numTopFeatures = Param(Params._dummy(), "numTopFeatures",
                           "Number of features that selector will select, ordered by ascending "
                           "p-value. If the number of features is < numTopFeatures, then this "
                           "will select all features.", typeConverter=TypeConverters.toInt)
    selectorType = Param(Params._dummy(), "selectorType",
                         "The selector type. Supported options: numTopFeatures (default), "
                         "percentile, fpr, fdr, fwe.", typeConverter=TypeConverters.toString)
    percentile = Param(Params._dummy(), "percentile", "Percentile of features that selector "
                       "will select, ordered by ascending p-value.",
                       typeConverter=TypeConverters.toFloat)
    fpr = Param(Params._dummy(), "fpr", "The highest p-value for features to be kept.",
                typeConverter=TypeConverters.toFloat)
    fdr = Param(Params._dummy(), "fdr", "The upper bound of the expected false discovery rate.",
                typeConverter=TypeConverters.toFloat)
    fwe = Param(Params._dummy(), "fwe", "The upper bound of the expected family-wise error "
                "rate.", typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(numTopFeatures=50, selectorType="numTopFeatures", percentile=0.1,
                         fpr=0.05, fdr=0.05, fwe=0.05)

    def getNumTopFeatures(self):
        return self.getOrDefault(self.numTopFeatures)

    def getSelectorType(self):
        return self.getOrDefault(self.selectorType)

    def getPercentile(self):
        return self.getOrDefault(self.percentile)

    def getFpr(self):
        return self.getOrDefault(self.fpr)

    def getFdr(self):
        return self.getOrDefault(self.fdr)

    def getFwe(self):
        return self.getOrDefault(self.fwe)


class ChiSqSelector(_ChiSqSelectorParams, Estimator, DefaultParamsWritable,
                    DefaultParamsReadable):
    """Selects categorical features by Pearson's chi-squared test against the label."""

    @keyword_only
    def __init__(self, *, numTopFeatures=50, featuresCol="features", outputCol=None,
                 labelCol="label", selectorType="numTopFeatures", percentile=0.1, fpr=0.05,
                 fdr=0.05, fwe=0.05):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, numTopFeatures=50, featuresCol="features", outputCol=None,
                  labelCol="label", selectorType="numTopFeatures", percentile=0.1, fpr=0.05,
                  fdr=0.05, fwe=0.05):
        return self._set(**self._input_kwargs)

    def setNumTopFeatures(self, value):
        return self._set(numTopFeatures=value)

    def setSelectorType(self, value):
        return self._set(selectorType=value)

    def setPercentile(self, value):
        return self._set(percentile=value)

    def setFpr(self, value):
        return self._set(fpr=value)

    def setFdr(self, value):
        return self._set(fdr=value)

    def setFwe(self, value):
        return self._set(fwe=value)

    def _fit(self, dataset):
        mode = self.getSelectorType()
        fu.check_choice(self, "selectorType", mode, _MODES)
        threshold = {"numTopFeatures": self.getNumTopFeatures(),
                     "percentile": self.getPercentile(), "fpr": self.getFpr(),
                     "fdr": self.getFdr(), "fwe": self.getFwe()}[mode]
        fu.check_new_column(dataset, self.getOutputCol())
        p_values = chi_squared_p_values(dataset, self.getFeaturesCol(), self.getLabelCol())
        return _fitted(self, ChiSqSelectorModel, select(p_values, mode, threshold))


class ChiSqSelectorModel(_ChiSqSelectorParams, _SelectorModel):
    """The features a ChiSqSelector kept."""


# ---- UnivariateFeatureSelector -------------------------------------------------------------

class _UnivariateFeatureSelectorParams(HasFeaturesCol, HasOutputCol, HasLabelCol):
    featureType = Param(Params._dummy(), "featureType", "The feature type. Supported options: "
                        "categorical, continuous.", typeConverter=TypeConverters.toString)
    labelType = Param(Params._dummy(), "labelType", "The label type. Supported options: "
                      "categorical, continuous.", typeConverter=TypeConverters.toString)
    selectionMode = Param(Params._dummy(), "selectionMode", "The selection mode. Supported "
                          "options: numTopFeatures (default), percentile, fpr, fdr, fwe.",
                          typeConverter=TypeConverters.toString)
    selectionThreshold = Param(Params._dummy(), "selectionThreshold", "The upper bound of the "
                               "features that selector will select.",
                               typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(selectionMode="numTopFeatures")

    def getFeatureType(self):
        return self.getOrDefault(self.featureType)

    def getLabelType(self):
        return self.getOrDefault(self.labelType)

    def getSelectionMode(self):
        return self.getOrDefault(self.selectionMode)

    def getSelectionThreshold(self):
        return self.getOrDefault(self.selectionThreshold)


class UnivariateFeatureSelector(_UnivariateFeatureSelectorParams, Estimator,
                                DefaultParamsWritable, DefaultParamsReadable):
    """Selects features by a univariate test against the label chosen by featureType and
    labelType: chi-squared (categorical, categorical), ANOVA F (continuous, categorical) or the
    correlation's F (continuous, continuous)."""

    _DEFAULT_THRESHOLDS = {"numTopFeatures": 50, "percentile": 0.1, "fpr": 0.05, "fdr": 0.05,
                           "fwe": 0.05}
    _TESTS = {("categorical", "categorical"): chi_squared_p_values,
              ("continuous", "categorical"): anova_p_values,
              ("continuous", "continuous"): f_regression_p_values}

    @keyword_only
    def __init__(self, *, featuresCol="features", outputCol=None, labelCol="label",
                 selectionMode="numTopFeatures"):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", outputCol=None, labelCol="label",
                  selectionMode="numTopFeatures"):
        return self._set(**self._input_kwargs)

    def setFeatureType(self, value):
        return self._set(featureType=value)

    def setLabelType(self, value):
        return self._set(labelType=value)

    def setSelectionMode(self, value):
        return self._set(selectionMode=value)

    def setSelectionThreshold(self, value):
        return self._set(selectionThreshold=value)

    def _fit(self, dataset):
        mode = self.getSelectionMode()
        fu.check_choice(self, "selectionMode", mode, _MODES)
        if self.isSet(self.selectionThreshold):
            threshold = self.getSelectionThreshold()
            _check_mode(self, "selectionMode", mode, threshold)
        else:
            threshold = self._DEFAULT_THRESHOLDS[mode]
        fu.require(self.isSet(self.featureType) and self.isSet(self.labelType),
                   "featureType and labelType need to be set")
        kinds = (self.getFeatureType(), self.getLabelType())
        fu.check_choice(self, "featureType", kinds[0], ("categorical", "continuous"))
        fu.check_choice(self, "labelType", kinds[1], ("categorical", "continuous"))
        if kinds not in self._TESTS:
            raise fu.IllegalArgumentException(
                message="Unsupported combination: featureType=%s, labelType=%s" % kinds)
        fu.check_new_column(dataset, self.getOutputCol())
        p_values = self._TESTS[kinds](dataset, self.getFeaturesCol(), self.getLabelCol())
        return _fitted(self, UnivariateFeatureSelectorModel, select(p_values, mode, threshold))


class UnivariateFeatureSelectorModel(_UnivariateFeatureSelectorParams, _SelectorModel):
    """The features a UnivariateFeatureSelector kept."""


# ---- VarianceThresholdSelector -------------------------------------------------------------

class _VarianceThresholdSelectorParams(HasFeaturesCol, HasOutputCol):
    varianceThreshold = Param(Params._dummy(), "varianceThreshold", "Param for variance "
                              "threshold. Features with a variance not greater than this "
                              "threshold will be removed. The default value is 0.0.",
                              typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(varianceThreshold=0.0)

    def getVarianceThreshold(self):
        return self.getOrDefault(self.varianceThreshold)


class VarianceThresholdSelector(_VarianceThresholdSelectorParams, Estimator,
                                DefaultParamsWritable, DefaultParamsReadable):
    """Removes the features whose sample variance is not above varianceThreshold (constant
    features, by their equal minimum and maximum, always)."""

    @keyword_only
    def __init__(self, *, featuresCol="features", outputCol=None, varianceThreshold=0.0):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", outputCol=None, varianceThreshold=0.0):
        return self._set(**self._input_kwargs)

    def setVarianceThreshold(self, value):
        return self._set(varianceThreshold=value)

    def setFeaturesCol(self, value):
        return self._set(featuresCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def _fit(self, dataset):
        from pyspark.ml._training import summarize
        fu.check_vector_column(dataset, self.getFeaturesCol())
        fu.check_new_column(dataset, self.getOutputCol())
        summary = summarize(dataset.select(F.col(self.getFeaturesCol()).alias("features"),
                                           F.lit(1.0).alias("weight")), check=False)
        variance = np.where(summary.max == summary.min, 0.0, summary.variance)
        selected = [j for j in range(summary.size) if variance[j] > self.getVarianceThreshold()]
        return _fitted(self, VarianceThresholdSelectorModel, selected)


class VarianceThresholdSelectorModel(_VarianceThresholdSelectorParams, _SelectorModel):
    """The features a VarianceThresholdSelector kept."""


for _cls in (ChiSqSelector, ChiSqSelectorModel, UnivariateFeatureSelector,
             UnivariateFeatureSelectorModel, VarianceThresholdSelector,
             VarianceThresholdSelectorModel):
    _cls.__module__ = "pyspark.ml.feature"
