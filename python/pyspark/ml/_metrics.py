"""Metrics the evaluators and the models' summaries share, as Spark's mllib.evaluation defines
them. The engine aggregates the rows (weighted counts per score, per (label, prediction) pair,
sums of errors); only those small results reach Python."""

import math

import numpy as np

from pyspark.sql import functions as F


def _weight(weight_col):
    return F.col(weight_col).cast("double") if weight_col else F.lit(1.0)


class BinaryMetrics:
    """Spark's BinaryClassificationMetrics: thresholds are the distinct scores in descending
    order (grouped into about num_bins bins when there are at least twice as many), a label
    above 0.5 is positive."""

    def __init__(self, dataset, score, label_col, weight_col=None, num_bins=0):
        label = F.col(label_col).cast("double")
        w = _weight(weight_col)
        rows = (dataset.select(score.alias("score"), label.alias("label"), w.alias("w"))
                .groupBy("score")
                .agg(F.sum(F.when(F.col("label") > 0.5, F.col("w")).otherwise(0.0)),
                     F.sum(F.when(F.col("label") > 0.5, 0.0).otherwise(F.col("w"))))
                .collect())
        counts = sorted(((r[0], r[1], r[2]) for r in rows), key=lambda r: -r[0])
        if num_bins > 0 and len(counts) // num_bins >= 2:
            grouping = len(counts) // num_bins
            counts = [(counts[i][0], sum(c[1] for c in counts[i:i + grouping]),
                       sum(c[2] for c in counts[i:i + grouping]))
                      for i in range(0, len(counts), grouping)]
        self.thresholds = [c[0] for c in counts]
        self.tp = np.cumsum([c[1] for c in counts])
        self.fp = np.cumsum([c[2] for c in counts])
        self.positives = self.tp[-1] if len(counts) else 0.0
        self.negatives = self.fp[-1] if len(counts) else 0.0

    def _recall(self):
        return [t / self.positives if self.positives else 0.0 for t in self.tp]

    def _precision(self):
        return [t / (t + f) if t + f else 1.0 for t, f in zip(self.tp, self.fp)]

    def roc(self):
        fpr = [f / self.negatives if self.negatives else 0.0 for f in self.fp]
        return [(0.0, 0.0)] + list(zip(fpr, self._recall())) + [(1.0, 1.0)]

    def pr(self):
        points = list(zip(self._recall(), self._precision()))
        return [(0.0, points[0][1] if points else 1.0)] + points

    @staticmethod
    def _area(points):
        return float(sum((x2 - x1) * (y2 + y1) / 2.0
                         for (x1, y1), (x2, y2) in zip(points, points[1:])))

    def area_under_roc(self):
        return self._area(self.roc())

    def area_under_pr(self):
        return self._area(self.pr())

    def precision_by_threshold(self):
        return list(zip(self.thresholds, self._precision()))

    def recall_by_threshold(self):
        return list(zip(self.thresholds, self._recall()))

    def f_measure_by_threshold(self, beta=1.0):
        b2 = beta * beta
        return [(t, (1 + b2) * p * r / (b2 * p + r) if b2 * p + r else 0.0)
                for t, p, r in zip(self.thresholds, self._precision(), self._recall())]


class MulticlassMetrics:
    """Spark's MulticlassMetrics over weighted (label, prediction) pairs; labels are the distinct
    true labels, sorted."""

    def __init__(self, dataset, prediction_col, label_col, weight_col=None):
        rows = (dataset.select(F.col(label_col).cast("double").alias("label"),
                               F.col(prediction_col).cast("double").alias("prediction"),
                               _weight(weight_col).alias("w"))
                .groupBy("label", "prediction").agg(F.sum("w")).collect())
        self.confusion = {(r[0], r[1]): r[2] for r in rows}
        self.total = sum(self.confusion.values())
        self.labels = sorted({label for label, _ in self.confusion})
        self._count = {l: sum(w for (a, _), w in self.confusion.items() if a == l)
                       for l in self.labels}

    def _tp(self, label):
        return self.confusion.get((label, label), 0.0)

    def _fp(self, label):
        return sum(w for (a, p), w in self.confusion.items() if p == label and a != label)

    def true_positive_rate(self, label):
        return self._tp(label) / self._count[label]

    recall = true_positive_rate

    def false_positive_rate(self, label):
        others = self.total - self._count[label]
        return self._fp(label) / others if others else 0.0

    def precision(self, label):
        predicted = self._tp(label) + self._fp(label)
        return self._tp(label) / predicted if predicted else 0.0

    def f_measure(self, label, beta=1.0):
        p, r = self.precision(label), self.recall(label)
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0

    def accuracy(self):
        return sum(self._tp(l) for l in self.labels) / self.total

    def hamming_loss(self):
        return sum(w for (a, p), w in self.confusion.items() if a != p) / self.total

    def _weighted(self, metric):
        return sum(metric(l) * self._count[l] / self.total for l in self.labels)

    def weighted_true_positive_rate(self):
        return self._weighted(self.true_positive_rate)

    weighted_recall = weighted_true_positive_rate

    def weighted_false_positive_rate(self):
        return self._weighted(self.false_positive_rate)

    def weighted_precision(self):
        return self._weighted(self.precision)

    def weighted_f_measure(self, beta=1.0):
        return self._weighted(lambda l: self.f_measure(l, beta))


def log_loss(dataset, probability_col, label_col, weight_col=None, eps=1e-15):
    """Weighted mean of -log(p of the true label), p clipped to [eps, 1 - eps]."""
    from pyspark.ml._feature_util import engine_call
    p = engine_call("ml_vector_element", F.col(probability_col), F.col(label_col).cast("int"))
    clipped = F.least(F.greatest(p, F.lit(eps)), F.lit(1.0 - eps))
    w = _weight(weight_col)
    row = dataset.agg(F.sum(-F.log(clipped) * w), F.sum(w)).head()
    return row[0] / row[1]


class RegressionMetrics:
    """Spark's RegressionMetrics over weighted (prediction, label) pairs."""

    def __init__(self, dataset, prediction_col, label_col, weight_col=None, through_origin=False):
        y = F.col(label_col).cast("double")
        p = F.col(prediction_col).cast("double")
        w = _weight(weight_col)
        row = dataset.agg(F.sum(w), F.sum(w * y), F.sum(w * y * y), F.sum(w * (y - p) * (y - p)),
                          F.sum(w * F.abs(y - p)), F.sum(w * p), F.sum(w * p * p),
                          F.count(F.lit(1))).head()
        (weight_sum, wy, wyy, self.ss_err, abs_err, wp, wpp, self.count) = row
        mean = wy / weight_sum
        self.weight_sum = weight_sum
        self.ss_tot = wyy if through_origin else wyy - weight_sum * mean * mean
        # sum of w * (p - mean)^2
        self.ss_reg = wpp - 2 * mean * wp + weight_sum * mean * mean
        self.mean_squared_error = self.ss_err / weight_sum
        self.root_mean_squared_error = math.sqrt(self.mean_squared_error)
        self.mean_absolute_error = abs_err / weight_sum
        self.explained_variance = self.ss_reg / weight_sum
        if self.ss_tot:
            self.r2 = 1 - self.ss_err / self.ss_tot
        else:  # as Java's double division gives it
            self.r2 = float("nan") if self.ss_err == 0 else float("-inf")
