"""What training the linear models shares: the validated instances (label, weight, features),
their summary statistics and the loss and gradient at given coefficients, each one engine
aggregate over the partitions (ml_summary, ml_glm_gradient) returning a short list of doubles.

Coefficients are optimised in the standardized space Spark uses: feature j divided by its
standard deviation (and centred by its mean when an intercept is fitted, which moves only the
intercept); `Standardized` maps between that space and the original one, where the engine
computes the loss.
"""

import numpy as np

from pyspark.ml import _feature_util as fu
from pyspark.sql import functions as F
from pyspark.storagelevel import StorageLevel

FEATURES, LABEL, WEIGHT = "features", "label", "weight"


def _checked(value, checks):
    """`value` with a raise_error for the first failing (condition, message column) pair."""
    result = None
    for condition, message in checks:
        result = (F.when(condition, F.raise_error(message)) if result is None
                  else result.when(condition, F.raise_error(message)))
    return result.otherwise(value)


def instances(dataset, features_col, label_col, weight_col, classification, binary=False):
    """The training rows as (features, label, weight), raising Spark's messages for null or NaN
    labels, labels that are not class indices (not 0 or 1 when `binary`), and null, NaN,
    negative or infinite weights."""
    fu.check_vector_column(dataset, features_col)
    fu.require(fu.is_numeric(fu.column_type(dataset, label_col)),
               "Column %s must be of type numeric but was actually of type %s."
               % (label_col, fu.column_type(dataset, label_col).simpleString()))
    label = F.col(label_col).cast("double")
    checks = [(label.isNull() | F.isnan(label), F.lit("Labels MUST NOT be Null or NaN"))]
    if binary:
        checks.append(((label != 0) & (label != 1),
                       F.concat(F.lit("Labels MUST be in {0, 1}, but got "),
                                label.cast("string"))))
    elif classification:
        checks.append(((label < 0) | (label != F.floor(label)) | (label > 2147483647),
                       F.concat(F.lit("Labels MUST be Integers in [0, 2147483647), but got "),
                                label.cast("string"))))
    columns = [F.col(features_col).alias(FEATURES), _checked(label, checks).alias(LABEL)]
    if weight_col:
        weight = F.col(weight_col).cast("double")
        columns.append(_checked(weight, [
            (weight.isNull() | F.isnan(weight), F.lit("Weights MUST NOT be Null or NaN")),
            ((weight < 0) | (weight == float("inf")),
             F.concat(F.lit("Weights MUST NOT be Negative or Infinity, but got "),
                      weight.cast("string")))]).alias(WEIGHT))
    else:
        columns.append(F.lit(1.0).alias(WEIGHT))
    return dataset.select(*columns)


class Materialized:
    """The instances computed once and kept by the session (in its storage memory, spilled to
    local disk when memory is short), so that the optimizer's many passes read them instead of
    recomputing the input's plan; released on exit."""

    def __init__(self, frame):
        self._frame = frame

    def __enter__(self):
        self._frame.persist(StorageLevel.MEMORY_AND_DISK_DESER)
        try:
            # computing them runs the input's checks: a failing one keeps nothing
            self._frame.count()
        except BaseException:
            self._frame.unpersist()
            raise
        return self._frame

    def __exit__(self, *exc):
        self._frame.unpersist()
        return False


class Summary:
    """Spark's Summarizer metrics of a vector column over rows of non-zero weight."""

    def __init__(self, values):
        self.count = int(values[0])
        self.weight_sum = values[1]
        n = int(values[2])
        parts = [np.array(values[3 + i * n: 3 + (i + 1) * n]) for i in range(7)]
        (self.mean, self.variance, self.min, self.max, self.num_nonzeros, self.norm_l1,
         self.norm_l2) = parts
        self.std = np.sqrt(self.variance)
        self.size = n


def summarize(frame, column=FEATURES, weight=WEIGHT, check=True):
    """The Summary of a vector (or number) column; with `check`, NaN or infinite values raise
    as training's input checks do."""
    row = frame.agg(fu.engine_call("ml_summary", F.col(column), F.col(weight))).head()
    fu.require(row is not None and row[0] is not None, "Nothing has been added to this summarizer.")
    summary = Summary(row[0])
    if check and not all(np.all(np.isfinite(v)) for v in (summary.mean, summary.variance, summary.min,
                                                 summary.max)):
        from pyspark.errors import SparkRuntimeException
        raise SparkRuntimeException(message="Vector values MUST NOT be NaN or Infinity")
    return summary


def label_histogram(frame):
    """Weight per class index, from 0 to the largest label."""
    rows = frame.groupBy(LABEL).agg(F.sum(WEIGHT)).collect()
    histogram = np.zeros(int(max(r[0] for r in rows)) + 1 if rows else 0)
    for label, weight in rows:
        histogram[int(label)] += weight
    return histogram


def loss_and_gradient(frame, family, coefficients):
    """(weight sum, loss sum, gradient) of the instances at `coefficients`, a (sets, n + 1)
    array whose last column holds the intercepts."""
    sets = coefficients.shape[0]
    row = frame.agg(fu.engine_call("ml_glm_gradient", family, str(sets),
                                   fu.doubles_text(coefficients.ravel()),
                                   F.col(FEATURES), F.col(LABEL), F.col(WEIGHT))).head()
    values = np.asarray(row[0], dtype=float)
    return values[0], values[1], values[2:].reshape(coefficients.shape)


class Standardized:
    """Coefficients z of the standardized problem, a (sets, n + 1) array (intercepts last):
    original coefficient j is z_j / std_j (0 for a constant feature), and with `centered` the
    original intercept is z_n - sum_j z_j mean_j / std_j."""

    def __init__(self, mean, std, centered):
        self.inverse_std = np.where(std != 0, 1.0 / np.where(std != 0, std, 1.0), 0.0)
        self.scaled_mean = (mean * self.inverse_std) if centered else np.zeros_like(mean)

    def to_original(self, z):
        coefficients = z[:, :-1] * self.inverse_std
        intercepts = z[:, -1] - z[:, :-1].dot(self.scaled_mean)
        return np.hstack([coefficients, intercepts[:, None]])

    def gradient_to_standardized(self, g):
        """The gradient with respect to z of a function whose gradient in the original space
        (same layout) is g."""
        coefficients = g[:, :-1] * self.inverse_std - np.outer(g[:, -1], self.scaled_mean)
        return np.hstack([coefficients, g[:, -1:]])

    def to_standardized(self, original):
        z_coefficients = np.where(self.inverse_std != 0,
                                  original[:, :-1] / np.where(self.inverse_std != 0,
                                                              self.inverse_std, 1.0), 0.0)
        intercepts = original[:, -1] + z_coefficients.dot(self.scaled_mean)
        return np.hstack([z_coefficients, intercepts[:, None]])


def penalties(reg_param, elastic_net, std, standardization, sets, fit_intercept):
    """(l2 weights, l1 weights) over the standardized coefficients' layout: the penalty
    0.5 * sum(l2 * z^2) + sum(l1 * |z|) is Spark's regParam * ((1 - alpha) / 2 * ||beta||^2 +
    alpha * ||beta||_1) on the standardized coefficients, or on the original ones without
    standardization; intercepts are not penalised."""
    n = len(std)
    l2 = np.full(n, reg_param * (1.0 - elastic_net))
    l1 = np.full(n, reg_param * elastic_net)
    if not standardization:
        safe = np.where(std != 0, std, 1.0)
        l2 = np.where(std != 0, l2 / (safe * safe), 0.0)
        l1 = np.where(std != 0, l1 / safe, 0.0)
    pad = np.zeros(1)
    return (np.tile(np.concatenate([l2, pad]), sets).reshape(sets, n + 1),
            np.tile(np.concatenate([l1, pad]), sets).reshape(sets, n + 1))


class Gram:
    """The weighted sums of the normal equations (ml_gram), unpacked."""

    def __init__(self, frame):
        row = frame.agg(fu.engine_call("ml_gram", F.col(FEATURES), F.col(LABEL),
                                       F.col(WEIGHT))).head()
        fu.require(row is not None and row[0] is not None, "Training dataset is empty.")
        values = np.asarray(row[0], dtype=float)
        self.count, self.weight_sum, self.sum_y, self.sum_yy = values[:4]
        fu.require(self.weight_sum > 0, "Sum of weights cannot be zero.")
        n = self.n = int(values[4])
        self.sum_x = values[5:5 + n]
        self.sum_xy = values[5 + n:5 + 2 * n]
        packed = values[5 + 2 * n:]
        self.sum_xx = np.zeros((n, n))
        rows, cols = np.triu_indices(n)
        order = np.lexsort((rows, cols))  # packed by columns: (0,0), (0,1), (1,1), (0,2)...
        self.sum_xx[rows[order], cols[order]] = packed
        self.sum_xx = np.triu(self.sum_xx) + np.triu(self.sum_xx, 1).T
