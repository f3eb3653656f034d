"""BisectingKMeans: the tree, leaf centers, costs and predictions against a plain numpy run of
Spark's bisecting algorithm (same java.util.Random noise), weights as repeated rows, params,
save/load and errors."""

import json
import math
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml.clustering import BisectingKMeans, BisectingKMeansModel
from pyspark.ml.linalg import Vectors


def java_doubles(seed):
    """java.util.Random(seed).nextDouble() values, from the generator's published definition."""
    state = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def bits(count):
        nonlocal state
        state = (state * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return state >> (48 - count)

    while True:
        yield ((bits(26) << 27) + bits(27)) / float(1 << 53)


def numpy_bisecting(X, w, k, max_iter, seed, min_size=1.0):
    """Spark's bisecting k-means in numpy: {node: center} of the leaves, in left-to-right order."""
    noise = java_doubles(seed)
    assign = np.ones(len(X), dtype=np.int64)

    def summary(mask):
        weight = w[mask].sum()
        center = w[mask].dot(X[mask]) / weight
        cost = max(float(w[mask].dot(np.sum(X[mask] ** 2, axis=1)) - weight * center.dot(center)),
                   0.0)
        return weight, center, cost

    active = {1: summary(assign == 1)}
    nodes = dict(active)
    needed, eps = k - 1, np.finfo(float).eps
    minimum = math.ceil(min_size) if min_size >= 1 else math.ceil(min_size * w.sum())
    while active and needed > 0:
        divisible = {i: s for i, s in active.items() if s[0] >= minimum and s[2] > eps * s[0]}
        if len(divisible) > needed:
            divisible = {i: divisible[i] for i in
                         sorted(divisible, key=lambda i: -divisible[i][0])[:needed]}
        if not divisible:
            break
        centers = {}
        for i in sorted(divisible):
            c = divisible[i][1]
            v = np.array([next(noise) for _ in range(X.shape[1])])
            centers[2 * i], centers[2 * i + 1] = c - 1e-4 * np.linalg.norm(c) * v, \
                c + 1e-4 * np.linalg.norm(c) * v
        for _ in range(max_iter):
            trial = assign.copy()
            for i in divisible:
                rows = assign == i
                left = np.sum((X[rows] - centers[2 * i]) ** 2, axis=1)
                right = np.sum((X[rows] - centers[2 * i + 1]) ** 2, axis=1)
                trial[rows] = np.where(right < left, 2 * i + 1, 2 * i)
            children = {c: summary(trial == c) for c in centers if np.any(trial == c)}
            centers.update({c: s[1] for c, s in children.items()})
        # rows then follow the refined centers, as Spark's last updateAssignments does
        for i in divisible:
            rows = assign == i
            left = np.sum((X[rows] - centers[2 * i]) ** 2, axis=1)
            right = np.sum((X[rows] - centers[2 * i + 1]) ** 2, axis=1)
            assign[rows] = np.where(right < left, 2 * i + 1, 2 * i)
        nodes.update(children)
        active = children
        needed -= len(divisible)
    leaves = sorted((n for n in nodes if 2 * n not in nodes),
                    key=lambda n: [int(b) for b in bin(n)[3:]])  # left-to-right tree order
    return leaves, nodes, assign


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(5)
    return np.vstack([rng.normal(c, 0.6, size=(30, 3)) for c in
                      ([0, 0, 0], [5, 5, 0], [0, 5, 5], [5, 0, 5], [9, 9, 9])])


def frame(spark, X, w):
    return spark.createDataFrame([(i, Vectors.dense(x), float(v))
                                  for i, (x, v) in enumerate(zip(X, w))], ["id", "features", "w"])


@pytest.mark.parametrize("k,max_iter,seed", [(2, 20, 1), (5, 20, 3), (7, 3, 11)])
def test_against_numpy_bisecting(spark, points, k, max_iter, seed):
    w = np.ones(len(points))
    model = BisectingKMeans(k=k, maxIter=max_iter, seed=seed).fit(frame(spark, points, w))
    leaves, nodes, assign = numpy_bisecting(points, w, k, max_iter, seed)
    centers = np.array(model.clusterCenters())
    assert centers.shape == (len(leaves), 3)
    assert np.allclose(centers, [nodes[n][1] for n in leaves], rtol=1e-9, atol=1e-12)
    predictions = [r.prediction for r in
                   model.transform(frame(spark, points, w)).orderBy("id").collect()]
    assert predictions == [leaves.index(a) for a in assign]
    # Spark's training cost: the leaves' costs from their last summaries
    assert model.summary.trainingCost == pytest.approx(sum(nodes[n][2] for n in leaves),
                                                       rel=1e-9)
    assert model.summary.clusterSizes == [int(np.sum(assign == n)) for n in leaves]
    assert model.predict(points[0]) == predictions[0]


def test_weights_and_min_divisible_size(spark, points):
    w = np.where(np.arange(len(points)) % 4 == 0, 3.0, 1.0)
    model = BisectingKMeans(k=4, seed=2, weightCol="w", minDivisibleClusterSize=0.3).fit(
        frame(spark, points, w))
    leaves, nodes, _ = numpy_bisecting(points, w, 4, 20, 2, min_size=0.3)
    assert np.allclose(model.clusterCenters(), [nodes[n][1] for n in leaves], rtol=1e-9)


def test_params_save_load(spark, points, tmp_path):
    bkm = BisectingKMeans()
    assert (bkm.getK(), bkm.getMaxIter(), bkm.getMinDivisibleClusterSize(),
            bkm.getDistanceMeasure()) == (4, 20, 1.0, "euclidean")
    df = frame(spark, points, np.ones(len(points)))
    model = BisectingKMeans(k=3, seed=4).fit(df)
    path = str(tmp_path / "bkm")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        assert json.loads(f.readline())["class"] == (
            "org.apache.spark.ml.clustering.BisectingKMeansModel")
    with open(os.path.join(path, "data", "metadata", "part-00000")) as f:
        data_metadata = json.loads(f.readline())
    assert data_metadata["k"] == 3
    assert data_metadata["trainingCost"] == pytest.approx(model.summary.trainingCost)
    loaded = BisectingKMeansModel.load(path)
    assert np.array_equal(np.array(loaded.clusterCenters()), np.array(model.clusterCenters()))
    assert loaded.transform(df).collect() == model.transform(df).collect()
    BisectingKMeans(k=6, minDivisibleClusterSize=0.2).save(str(tmp_path / "estimator"))
    assert BisectingKMeans.load(str(tmp_path / "estimator")).getK() == 6


def test_errors(spark, points):
    df = frame(spark, points, np.ones(len(points)))
    with pytest.raises(IllegalArgumentException, match="k given invalid value 1"):
        BisectingKMeans(k=1).fit(df)
    with pytest.raises(IllegalArgumentException, match="must be of type"):
        BisectingKMeans(featuresCol="id").fit(df)
