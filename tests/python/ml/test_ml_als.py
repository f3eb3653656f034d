"""ALS: the factors after each iteration against a plain numpy ALS (Spark's normal equations,
explicit and implicit, scipy's NNLS when nonnegative) from the model's own initial factors
(maxIter=0), predictions as the factors' float dot products, coldStartStrategy, recommendations
against numpy's top-k, params, save/load in Spark's layout and errors."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.recommendation import ALS, ALSModel

RANK = 3


@pytest.fixture(scope="module")
def ratings():
    rng = np.random.default_rng(0)
    return [(u, i, float(rng.integers(1, 6)) * (1 if rng.random() < 0.85 else -0.5))
            for u in range(25) for i in range(0, 36, 2) if rng.random() < 0.45]


def factors(frame):
    rows = frame.orderBy("id").collect()
    return [r.id for r in rows], np.array([r.features for r in rows], dtype=np.float32)


def nnls(a, b):
    """min x^T a x / 2 - b^T x over x >= 0, as scipy's NNLS of the Cholesky factor."""
    optimize = pytest.importorskip("scipy.optimize")
    lower = np.linalg.cholesky(a)
    return optimize.nnls(lower.T, np.linalg.solve(lower, b))[0]


def numpy_als(ratings, users, items, U, V, iterations, reg, implicit, alpha, nonnegative=False):
    table = {(u, i): r for u, i, r in ratings}

    def solve(fixed, side_ids, other_ids, pair):
        out = []
        for s in side_ids:
            a, b, n = np.zeros((RANK, RANK)), np.zeros(RANK), 0
            if implicit:
                a += fixed.astype(float).T.dot(fixed.astype(float))
            for k, o in enumerate(other_ids):
                r = table.get(pair(s, o))
                if r is None:
                    continue
                y = fixed[k].astype(float)
                if implicit:
                    c = alpha * abs(r)
                    a += c * np.outer(y, y)
                    if r > 0:
                        b += (1 + c) * y
                        n += 1
                else:
                    a += np.outer(y, y)
                    b += r * y
                    n += 1
            a += reg * n * np.eye(RANK)
            out.append(nnls(a, b) if nonnegative else np.linalg.solve(a, b))
        return np.array(out, dtype=np.float32)

    for _ in range(iterations):
        V = solve(U, items, users, lambda i, u: (u, i))
        U = solve(V, users, items, lambda u, i: (u, i))
    return U, V


@pytest.mark.parametrize("implicit,nonnegative", [(False, False), (True, False), (False, True),
                                                  (True, True)])
def test_factors_against_numpy(spark, ratings, implicit, nonnegative):
    df = spark.createDataFrame(ratings, ["user", "item", "rating"])
    params = dict(rank=RANK, seed=4, regParam=0.15, implicitPrefs=implicit, alpha=1.5,
                  nonnegative=nonnegative)
    start = ALS(maxIter=0, **params).fit(df)
    users, U = factors(start.userFactors)
    items, V = factors(start.itemFactors)
    assert np.allclose(np.linalg.norm(U, axis=1), 1.0, rtol=1e-6)
    model = ALS(maxIter=4, **params).fit(df)
    U, V = numpy_als(ratings, users, items, U, V, 4, 0.15, implicit, 1.5, nonnegative)
    if nonnegative:
        assert np.all(factors(model.userFactors)[1] >= 0) and np.any(U == 0)
    assert np.allclose(factors(model.userFactors)[1], U, rtol=1e-5, atol=1e-6)
    assert np.allclose(factors(model.itemFactors)[1], V, rtol=1e-5, atol=1e-6)
    assert model.rank == RANK


def test_transform_cold_start_and_recommendations(spark, ratings):
    df = spark.createDataFrame(ratings, ["user", "item", "rating"])
    model = ALS(rank=RANK, maxIter=3, seed=1).fit(df)
    users, U = factors(model.userFactors)
    items, V = factors(model.itemFactors)
    probe = spark.createDataFrame([(0, 0), (3, 4), (999, 0), (0, 1), (None, 2)],
                                  "user int, item int")
    out = model.transform(probe).collect()
    assert len(out) == 5
    for row in out:
        if row.user in users and row.item in items:
            expected = U[users.index(row.user)].dot(V[items.index(row.item)])
            assert row.prediction == pytest.approx(float(expected), rel=1e-5)
        else:
            assert np.isnan(row.prediction)
    dropped = model.setColdStartStrategy("drop").transform(probe).collect()
    assert sorted((r.user, r.item) for r in dropped) == [(0, 0), (3, 4)]
    assert model.transform(probe).schema["prediction"].dataType.simpleString() == "float"
    scores = U.astype(float).dot(V.astype(float).T)
    recommended = {r.user: r.recommendations for r in model.recommendForAllUsers(3).collect()}
    assert sorted(recommended) == users
    for u, recs in recommended.items():
        top = np.argsort(-scores[users.index(u)], kind="stable")[:3]
        assert [r.item for r in recs] == [items[t] for t in top]
        assert [r.rating for r in recs] == pytest.approx(list(scores[users.index(u)][top]),
                                                         rel=1e-5)
    by_item = {r.item: r.recommendations for r in model.recommendForAllItems(2).collect()}
    assert sorted(by_item) == items and all(len(v) == 2 for v in by_item.values())
    subset = model.recommendForUserSubset(spark.createDataFrame([(3,), (5,)], ["user"]), 1)
    assert sorted(r.user for r in subset.collect()) == [3, 5]


def test_params_save_load(spark, ratings, tmp_path):
    als = ALS()
    assert (als.getRank(), als.getMaxIter(), als.getRegParam(), als.getAlpha(),
            als.getImplicitPrefs(), als.getColdStartStrategy(), als.getUserCol(),
            als.getItemCol(), als.getRatingCol()) == (10, 10, 0.1, 1.0, False, "nan", "user",
                                                      "item", "rating")
    df = spark.createDataFrame(ratings, ["u", "i", "r"])
    model = ALS(rank=2, maxIter=2, userCol="u", itemCol="i", ratingCol="r").fit(df)
    path = str(tmp_path / "als")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        metadata = json.loads(f.readline())
    assert metadata["class"] == "org.apache.spark.ml.recommendation.ALSModel"
    assert metadata["rank"] == 2
    for side in ("userFactors", "itemFactors"):
        saved = spark.read.parquet(os.path.join(path, side))
        assert saved.schema.simpleString() == "struct<id:int,features:array<float>>"
    loaded = ALSModel.load(path)
    assert loaded.rank == 2 and loaded.getUserCol() == "u"
    assert (loaded.transform(df).orderBy("u", "i").collect()
            == model.transform(df).orderBy("u", "i").collect())
    ALS(rank=5, implicitPrefs=True).save(str(tmp_path / "estimator"))
    estimator = ALS.load(str(tmp_path / "estimator"))
    assert estimator.getRank() == 5 and estimator.getImplicitPrefs()


def test_errors(spark):
    with pytest.raises(SparkRuntimeException, match="ALS only supports values in Integer range"):
        ALS(maxIter=1).fit(spark.createDataFrame([(1.5, 1, 1.0)], ["user", "item", "rating"]))
    df = spark.createDataFrame([(1, 1, 1.0)], ["user", "item", "rating"])
    with pytest.raises(IllegalArgumentException, match="rank must be >= 1"):
        ALS(rank=0).fit(df)
    with pytest.raises(IllegalArgumentException, match="coldStartStrategy given invalid value"):
        ALS(coldStartStrategy="zero").fit(df)
