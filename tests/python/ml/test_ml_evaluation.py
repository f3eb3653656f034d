"""Evaluators: binary areas (ROC by pairwise ranking, PR by the trapezoids over Spark's points),
multiclass metrics from the confusion counts, regression metrics with numpy, params and
save/load."""

import math

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml.evaluation import (
    BinaryClassificationEvaluator, MulticlassClassificationEvaluator, RegressionEvaluator,
)
from pyspark.ml.linalg import Vectors

SCORES = [0.9, 0.8, 0.8, 0.7, 0.6, 0.55, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1]
LABELS = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0]
WEIGHTS = [1.0, 2.0, 1.0, 0.5, 1.0, 1.0, 3.0, 1.0, 1.0, 2.0, 1.0, 1.0]


@pytest.fixture
def scored(spark):
    rows = [(Vectors.dense([-s, s]), s, float(l), w) for s, l, w in zip(SCORES, LABELS, WEIGHTS)]
    return spark.createDataFrame(rows, ["rawPrediction", "score", "label", "w"])


def pairwise_auc(weighted):
    w = WEIGHTS if weighted else [1.0] * len(SCORES)
    total = num = 0.0
    for s1, l1, w1 in zip(SCORES, LABELS, w):
        for s2, l2, w2 in zip(SCORES, LABELS, w):
            if l1 == 1 and l2 == 0:
                num += w1 * w2 * ((s1 > s2) + 0.5 * (s1 == s2))
                total += w1 * w2
    return num / total


def pr_area(weighted):
    w = WEIGHTS if weighted else [1.0] * len(SCORES)
    positives = sum(wi for wi, l in zip(w, LABELS) if l == 1)
    points = []
    for t in sorted(set(SCORES), reverse=True):
        tp = sum(wi for s, l, wi in zip(SCORES, LABELS, w) if s >= t and l == 1)
        fp = sum(wi for s, l, wi in zip(SCORES, LABELS, w) if s >= t and l == 0)
        points.append((tp / positives, tp / (tp + fp)))
    points.insert(0, (0.0, points[0][1]))
    return sum((x2 - x1) * (y1 + y2) / 2 for (x1, y1), (x2, y2) in zip(points, points[1:]))


@pytest.mark.parametrize("weighted", [False, True])
def test_binary_areas(scored, weighted):
    weight = {"weightCol": "w"} if weighted else {}
    roc = BinaryClassificationEvaluator(**weight).evaluate(scored)
    assert roc == pytest.approx(pairwise_auc(weighted), rel=1e-12)
    pr = BinaryClassificationEvaluator(metricName="areaUnderPR", **weight)
    assert pr.evaluate(scored) == pytest.approx(pr_area(weighted), rel=1e-12)
    on_double = BinaryClassificationEvaluator(rawPredictionCol="score", **weight)
    assert on_double.evaluate(scored) == pytest.approx(roc, rel=1e-15)


def test_binary_binning_groups_consecutive_scores(spark):
    rows = [(float(i) / 100, float((i * i + i // 2) % 7 < 3)) for i in range(100)]
    frame = spark.createDataFrame(rows, ["score", "label"])
    evaluator = BinaryClassificationEvaluator(rawPredictionCol="score", numBins=10)
    binned = evaluator.evaluate(frame)
    # 100 distinct scores in 10 bins of 10, each bin scored by its highest score
    scores = np.array([r[0] for r in rows])
    labels = np.array([r[1] for r in rows])
    bin_score = np.floor(scores * 10) / 10 + 0.09
    pos, neg = bin_score[labels == 1], bin_score[labels == 0]
    auc = np.mean([(a > b) + 0.5 * (np.isclose(a, b)) for a in pos for b in neg])
    assert binned == pytest.approx(auc, rel=1e-12)
    assert evaluator.setNumBins(0).evaluate(frame) != pytest.approx(binned)


@pytest.fixture
def predicted(spark):
    labels = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2]
    preds = [0, 1, 1, 1, 0, 2, 1, 0, 1, 2]
    weights = [1.0, 2.0, 1.0, 1.0, 0.5, 1.0, 1.0, 3.0, 1.0, 1.0]
    probs = [[0.7, 0.2, 0.1], [0.3, 0.6, 0.1], [0.1, 0.8, 0.1], [0.2, 0.5, 0.3],
             [0.5, 0.4, 0.1], [0.1, 0.1, 0.8], [0.2, 0.5, 0.3], [0.9, 0.05, 0.05],
             [0.3, 0.4, 0.3], [0.0, 0.0, 1.0]]
    rows = [(float(l), float(p), w, Vectors.dense(pr))
            for l, p, w, pr in zip(labels, preds, weights, probs)]
    return (spark.createDataFrame(rows, ["label", "prediction", "w", "probability"]),
            np.array(labels), np.array(preds), np.array(weights), np.array(probs))


def test_multiclass_metrics(predicted):
    frame, labels, preds, w, probs = predicted
    evaluate = lambda **kw: MulticlassClassificationEvaluator(weightCol="w", **kw).evaluate(frame)
    total = w.sum()
    assert evaluate(metricName="accuracy") == pytest.approx(w[labels == preds].sum() / total)
    assert evaluate(metricName="hammingLoss") == pytest.approx(w[labels != preds].sum() / total)
    precision, recall, f1, share = {}, {}, {}, {}
    for c in (0, 1, 2):
        tp = w[(labels == c) & (preds == c)].sum()
        precision[c] = tp / w[preds == c].sum()
        recall[c] = tp / w[labels == c].sum()
        f1[c] = 2 * precision[c] * recall[c] / (precision[c] + recall[c])
        share[c] = w[labels == c].sum() / total
    assert evaluate(metricName="weightedPrecision") == pytest.approx(
        sum(precision[c] * share[c] for c in share))
    assert evaluate(metricName="weightedRecall") == pytest.approx(
        sum(recall[c] * share[c] for c in share))
    assert evaluate() == pytest.approx(sum(f1[c] * share[c] for c in share))
    assert evaluate(metricName="precisionByLabel", metricLabel=2.0) == pytest.approx(precision[2])
    fpr1 = w[(labels != 1) & (preds == 1)].sum() / w[labels != 1].sum()
    assert evaluate(metricName="falsePositiveRateByLabel", metricLabel=1.0) == \
        pytest.approx(fpr1)
    clipped = np.clip(probs[np.arange(len(labels)), labels], 1e-15, 1 - 1e-15)
    assert evaluate(metricName="logLoss") == pytest.approx(
        -(w * np.log(clipped)).sum() / total)
    assert not MulticlassClassificationEvaluator(metricName="logLoss").isLargerBetter()


def test_regression_metrics(spark):
    y = np.array([3.0, -0.5, 2.0, 7.0, 4.2])
    p = np.array([2.5, 0.0, 2.0, 8.0, 4.0])
    frame = spark.createDataFrame([(float(a), float(b)) for a, b in zip(y, p)],
                                  ["label", "prediction"])
    evaluate = lambda name, **kw: RegressionEvaluator(metricName=name, **kw).evaluate(frame)
    assert evaluate("mse") == pytest.approx(np.mean((y - p) ** 2))
    assert evaluate("rmse") == pytest.approx(math.sqrt(np.mean((y - p) ** 2)))
    assert evaluate("mae") == pytest.approx(np.mean(np.abs(y - p)))
    assert evaluate("r2") == pytest.approx(1 - np.sum((y - p) ** 2) / np.sum((y - y.mean()) ** 2))
    assert evaluate("r2", throughOrigin=True) == pytest.approx(
        1 - np.sum((y - p) ** 2) / np.sum(y ** 2))
    assert evaluate("var") == pytest.approx(np.mean((p - y.mean()) ** 2))
    assert not RegressionEvaluator().isLargerBetter()
    assert RegressionEvaluator(metricName="r2").isLargerBetter()


def test_params_save_load_and_errors(scored, tmp_path):
    evaluator = BinaryClassificationEvaluator(metricName="areaUnderPR", numBins=50)
    path = str(tmp_path / "evaluator")
    evaluator.save(path)
    loaded = BinaryClassificationEvaluator.load(path)
    assert loaded.getMetricName() == "areaUnderPR" and loaded.getNumBins() == 50
    assert evaluator.evaluate(scored, {evaluator.metricName: "areaUnderROC"}) == \
        pytest.approx(pairwise_auc(False))
    with pytest.raises(IllegalArgumentException, match="metricName"):
        RegressionEvaluator(metricName="median").evaluate(scored)
    with pytest.raises(IllegalArgumentException, match="must be of type"):
        BinaryClassificationEvaluator(rawPredictionCol="label").setRawPredictionCol(
            "rawPrediction").evaluate(scored.withColumn("rawPrediction",
                                                        scored.label.cast("string")))


@pytest.fixture
def clustered(spark):
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(c, 1.0, size=(15, 2)) for c in ([0, 0], [3, 3], [0, 4])])
    labels = np.repeat([0, 1, 2], 15)
    labels[4], labels[20] = 1, 2  # a few rows in the wrong cluster
    w = rng.uniform(0.5, 2.0, size=len(X))
    frame = spark.createDataFrame([(Vectors.dense(x), int(l), float(wt))
                                   for x, l, wt in zip(X, labels, w)],
                                  ["features", "prediction", "w"])
    return frame, X, labels, w


def weighted_silhouette(X, labels, w):
    """Mean silhouette by definition: squared distances, a over the rest of the own cluster, b
    the nearest other cluster's weighted mean, each row weighted."""
    d = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    scores = []
    for i in range(len(X)):
        own = labels == labels[i]
        others = own.copy()
        others[i] = False
        a = np.sum(w[others] * d[i, others]) / np.sum(w[others])
        b = min(np.sum(w[labels == c] * d[i, labels == c]) / np.sum(w[labels == c])
                for c in set(labels) if c != labels[i])
        scores.append((b - a) / max(a, b))
    return float(np.sum(w * np.array(scores)) / np.sum(w))


def test_clustering_silhouette(clustered):
    from pyspark.ml.evaluation import ClusteringEvaluator
    frame, X, labels, w = clustered
    unweighted = ClusteringEvaluator().evaluate(frame)
    assert unweighted == pytest.approx(weighted_silhouette(X, labels, np.ones(len(X))), rel=1e-10)
    metrics = pytest.importorskip("sklearn.metrics")
    assert unweighted == pytest.approx(metrics.silhouette_score(X, labels, metric="sqeuclidean"),
                                       rel=1e-10)
    weighted = ClusteringEvaluator(weightCol="w").evaluate(frame)
    assert weighted == pytest.approx(weighted_silhouette(X, labels, w), rel=1e-10)
    with pytest.raises(IllegalArgumentException, match="greater than one"):
        ClusteringEvaluator().evaluate(frame.filter("prediction = 0"))
