"""KMeans: Lloyd iterations against scikit-learn from the same initial centers (weighted), the
k-means|| and random initialisations on separated clusters, transform, params, save/load in
Spark's layout and errors."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml import _training as tr
from pyspark.ml.clustering import KMeans, KMeansModel, _lloyd
from pyspark.ml.linalg import Vectors

CENTERS = np.array([[0.0, 0.0, 1.0], [4.0, 4.0, 0.0], [0.0, 5.0, -2.0]])


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(5)
    X = np.vstack([rng.normal(c, 0.6, size=(40, 3)) for c in CENTERS])
    w = rng.uniform(0.5, 3.0, size=len(X))
    return X, w


@pytest.fixture
def df(spark, points):
    X, w = points
    rows = [(i, Vectors.dense(x) if i % 3 else Vectors.sparse(3, {j: v for j, v in enumerate(x)}),
             float(wt)) for i, (x, wt) in enumerate(zip(X, w))]
    return spark.createDataFrame(rows, ["id", "features", "w"])


def cost(X, w, centers):
    return float(np.sum(w * np.min(((X[:, None, :] - centers[None]) ** 2).sum(axis=2), axis=1)))


def test_lloyd_matches_sklearn_from_same_initial_centers(df, points):
    cluster = pytest.importorskip("sklearn.cluster")
    X, w = points
    start = X[[0, 1, 2]]  # three points of the first blob: Lloyd has to move them apart
    frame = df.select(df.features.alias(tr.FEATURES), df.w.alias(tr.WEIGHT))
    centers, _, iterations = _lloyd(frame, start, 100, 0.0)
    reference = cluster.KMeans(n_clusters=3, init=start, n_init=1, algorithm="lloyd", tol=0.0,
                               max_iter=100).fit(X, sample_weight=w)
    assert iterations > 2
    assert cost(X, w, centers) == pytest.approx(reference.inertia_, rel=1e-2)
    order = [int(np.argmin(((reference.cluster_centers_ - c) ** 2).sum(axis=1))) for c in centers]
    assert np.allclose(centers, reference.cluster_centers_[order], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("init", ["k-means||", "random"])
def test_fit_finds_separated_clusters(df, points, init):
    X, w = points
    model = KMeans(k=3, seed=11, initMode=init, weightCol="w", maxIter=50).fit(df)
    found = np.array(sorted(map(tuple, model.clusterCenters())))
    # each center is its blob's weighted mean
    blobs = [np.average(X[40 * i:40 * (i + 1)], axis=0, weights=w[40 * i:40 * (i + 1)])
             for i in range(3)]
    assert np.allclose(found, np.array(sorted(map(tuple, blobs))), rtol=1e-9)
    summary = model.summary
    assert summary.k == 3 and sorted(summary.clusterSizes) == [40, 40, 40]
    assert summary.trainingCost == pytest.approx(cost(X, w, found), rel=1e-9)
    rows = model.transform(df).orderBy("id").collect()
    assert [r.prediction for r in rows] == [model.predict(r.features) for r in rows]
    assert len({r.prediction for r in rows[:40]}) == 1


def test_params_save_load_and_errors(df, tmp_path):
    km = KMeans()
    assert (km.getK(), km.getMaxIter(), km.getTol(), km.getInitMode(), km.getInitSteps()) == (
        2, 20, 1e-4, "k-means||", 2)
    model = KMeans(k=3, seed=3, predictionCol="cluster").fit(df)
    path = str(tmp_path / "kmeans")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        assert json.loads(f.readline())["class"] == "org.apache.spark.ml.clustering.KMeansModel"
    data = df.sparkSession.read.parquet(os.path.join(path, "data"))
    assert data.columns == ["clusterIdx", "clusterCenter"] and data.count() == 3
    loaded = KMeansModel.load(path)
    assert all(np.array_equal(a, b) for a, b in zip(loaded.clusterCenters(),
                                                    model.clusterCenters()))
    assert loaded.getPredictionCol() == "cluster" and not loaded.hasSummary
    assert (loaded.transform(df).select("cluster").collect()
            == model.transform(df).select("cluster").collect())
    with pytest.raises(IllegalArgumentException, match="k must be > 1"):
        KMeans(k=1).fit(df)
    with pytest.raises(IllegalArgumentException, match="initMode"):
        KMeans(initMode="k-means++").fit(df)
