"""pyspark.ml.stat: Summarizer (vector column statistics as one engine aggregate, ml_summarizer),
Correlation (Pearson, from the weighted normal-equation sums ml_gram aggregates) and ChiSquareTest
(Pearson's independence test of each feature with the label, from counts the engine groups)."""

import functools
import math

import numpy as np

from pyspark.ml import _feature_util as fu
from pyspark.ml.linalg import DenseMatrix
from pyspark.sql import functions as F

__all__ = ["Summarizer", "SummaryBuilder", "Correlation", "ChiSquareTest", "MultivariateGaussian"]

_METRICS = ("mean", "sum", "variance", "std", "count", "numNonZeros", "max", "min", "normL2",
            "normL1", "weightSum")


def _column(col):
    return F.col(col) if isinstance(col, str) else col


def _name(col):
    """The column's SQL text, as Spark names the summary after it."""
    from pyspark.sql.column import _sql
    return col if isinstance(col, str) else _sql(col._expr)


class SummaryBuilder:
    """Builds the aggregate of the requested metrics: summary(featuresCol, weightCol) is a struct
    column with one field per metric."""

    def __init__(self, metrics):
        self._metrics = metrics

    def summary(self, featuresCol, weightCol=None):
        return _aggregate("ml_summarizer", ",".join(self._metrics), featuresCol, weightCol).alias(
            "aggregate_metrics(%s, %s)" % (_name(featuresCol),
                                          "1.0" if weightCol is None else _name(weightCol)))


def _aggregate(function, metrics, featuresCol, weightCol):
    weight = F.lit(1.0) if weightCol is None else _column(weightCol).cast("double")
    return fu.engine_call(function, metrics, _column(featuresCol), weight)


class Summarizer:
    """Vector statistics: Summarizer.metrics("mean", "count").summary(df.features), or one
    metric as Summarizer.mean(df.features)."""

    @staticmethod
    def metrics(*metrics):
        for metric in metrics:
            fu.require(metric in _METRICS, "Unknown metric %s. Available metrics: %s"
                       % (metric, ", ".join(_METRICS)))
        unique = list(dict.fromkeys(metrics))
        return SummaryBuilder(unique)

    @staticmethod
    def _single(metric, col, weightCol):
        return _aggregate("ml_summarizer_metric", metric, col, weightCol).alias(
            "%s(%s)" % (metric, _name(col)))


def _single_metric(metric):
    def compute(col, weightCol=None):
        return Summarizer._single(metric, col, weightCol)
    compute.__name__ = metric
    compute.__doc__ = "The %s of a vector column, optionally weighted." % metric
    return staticmethod(compute)


for _metric in _METRICS:
    setattr(Summarizer, _metric, _single_metric(_metric))


class Correlation:
    """The correlation matrix of a vector column."""

    @staticmethod
    def corr(dataset, column, method="pearson"):
        """Pearson's correlation of the vector column's components, or Spearman's (Pearson's of
        their ranks, ties given their average rank)."""
        if method not in ("pearson", "spearman"):
            raise fu.IllegalArgumentException(
                message="Cannot find a correlation implementation for: %s" % method)
        fu.check_vector_column(dataset, column)
        features = F.col(column)
        if method == "spearman":
            dataset, features = _ranks(dataset, column), F.col("__ranks")
        from pyspark.ml._training import Gram
        frame = dataset.select(features.alias("features"), F.lit(0.0).alias("label"),
                               F.lit(1.0).alias("weight"))
        gram = Gram(frame)
        mean = gram.sum_x / gram.weight_sum
        covariance = gram.sum_xx / gram.weight_sum - np.outer(mean, mean)
        std = np.sqrt(np.maximum(np.diag(covariance), 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            matrix = covariance / np.outer(std, std)
        np.fill_diagonal(matrix, 1.0)
        matrix[np.outer(std, std) == 0] = np.nan  # a constant column correlates with nothing
        n = gram.n
        result = DenseMatrix(n, n, matrix.ravel(order="F"))
        from pyspark.ml.linalg import MatrixUDT
        from pyspark.sql.types import StructField, StructType
        schema = StructType([StructField("%s(%s)" % (method, column), MatrixUDT(), True)])
        return dataset.sparkSession.createDataFrame([(result,)], schema)


def _ranks(dataset, column):
    """A DataFrame of one vector column, __ranks: each component's rank among the rows (1-based,
    ties averaged), ranked by the engine's window functions."""
    from pyspark.sql.window import Window
    first = dataset.select(column).filter(F.col(column).isNotNull()).head()
    fu.require(first is not None, "The dataset must not be empty.")
    n = len(first[0])
    ranked = dataset.select(column)
    names = []
    for j in range(n):
        value, name = "__v%d" % j, "__r%d" % j
        ranked = ranked.withColumn(value, fu.engine_call("ml_vector_element", F.col(column),
                                                         F.lit(j)))
        ties = F.count(F.lit(1)).over(Window.partitionBy(value))
        ranked = ranked.withColumn(name, F.rank().over(Window.orderBy(value)) + (ties - 1) / 2.0)
        names.append(name)
    return ranked.select(fu.engine_call("ml_assemble_vector", "error", ",".join("1" * n),
                                        *[F.col(name) for name in names]).alias("__ranks"))


_MAX_CATEGORIES = 10000


class ChiSquareTest:
    """Pearson's chi-squared independence test of every feature (categorical values) against
    the label: one row of pValues, degreesOfFreedom and statistics, or one row per feature with
    flatten=True."""

    @staticmethod
    def test(dataset, featuresCol, labelCol, flatten=False):
        fu.check_vector_column(dataset, featuresCol)
        first = dataset.select(featuresCol).filter(F.col(featuresCol).isNotNull()).head()
        fu.require(first is not None, "The dataset must not be empty.")
        n = len(first[0])
        label = F.col(labelCol).cast("double").alias("label")
        parts = [dataset.select(F.lit(j).alias("feature"),
                                fu.engine_call("ml_vector_element", F.col(featuresCol), F.lit(j))
                                .alias("value"), label) for j in range(n)]
        counts = (functools.reduce(lambda a, b: a.union(b), parts)
                  .groupBy("feature", "value", "label").count().collect())
        tables = [{} for _ in range(n)]
        for feature, value, label_value, count in counts:
            tables[feature][(value, label_value)] = count
        results = [_independence_test(table, j) for j, table in enumerate(tables)]
        spark = dataset.sparkSession
        from pyspark.ml.linalg import DenseVector
        if flatten:
            return spark.createDataFrame(
                [(j, p, dof, stat) for j, (p, dof, stat) in enumerate(results)],
                "featureIndex int, pValue double, degreesOfFreedom bigint, statistic double")
        from pyspark.ml.linalg import VectorUDT
        from pyspark.sql.types import ArrayType, IntegerType, StructField, StructType
        schema = StructType([StructField("pValues", VectorUDT(), True),
                             StructField("degreesOfFreedom", ArrayType(IntegerType(), False), True),
                             StructField("statistics", VectorUDT(), True)])
        row = (DenseVector([r[0] for r in results]), [r[1] for r in results],
               DenseVector([r[2] for r in results]))
        return spark.createDataFrame([row], schema)


def _independence_test(table, feature):
    """(p-value, degrees of freedom, statistic) of a contingency table {(value, label): count}."""
    values = sorted({v for v, _ in table})
    labels = sorted({l for _, l in table})
    fu.require(len(values) <= _MAX_CATEGORIES,
               "Chi-squared test expects factors (categorical values) but found more than %d "
               "distinct values in column %d." % (_MAX_CATEGORIES, feature))
    observed = np.array([[table.get((v, l), 0) for l in labels] for v in values], dtype=float)
    total = observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / total
    statistic = float(np.sum((observed - expected) ** 2 / expected))
    dof = (len(values) - 1) * (len(labels) - 1)
    return (_chi_squared_survival(statistic, dof) if dof > 0 else 1.0), dof, statistic


def _chi_squared_survival(x, dof):
    """P(X > x) for X chi-squared with dof degrees of freedom: the regularized upper incomplete
    gamma Q(dof / 2, x / 2), by its series below a + 1 and its continued fraction above."""
    a, z = dof / 2.0, x / 2.0
    if z <= 0:
        return 1.0
    log_front = a * math.log(z) - z - math.lgamma(a)
    if z < a + 1:
        term = total = 1.0 / a
        k = a
        while abs(term) > abs(total) * 1e-16:
            k += 1
            term *= z / k
            total += term
        return 1.0 - total * math.exp(log_front)
    tiny = 1e-300
    b = z + 1 - a
    c, d = 1.0 / tiny, 1.0 / b
    h = d
    for i in range(1, 400):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return math.exp(log_front) * h


class MultivariateGaussian:
    """A multivariate Gaussian distribution: its mean (a DenseVector) and covariance matrix (a
    DenseMatrix), as GaussianMixtureModel.gaussians returns them."""

    def __init__(self, mean, cov):
        self.mean = mean
        self.cov = cov
