"""pyspark.ml.stat: Summarizer's metrics (weighted, as Spark defines them) and Pearson correlation,
checked with numpy."""

import math

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml.linalg import DenseMatrix, DenseVector, Vectors
from pyspark.ml.stat import ChiSquareTest, Correlation, Summarizer

ROWS = np.array([[1.0, 2.0, 0.0], [3.0, 0.0, 0.0], [0.0, 4.0, -1.0], [2.5, -1.0, 0.0]])
WEIGHTS = np.array([1.0, 2.0, 1.0, 0.5])


@pytest.fixture
def df(spark):
    vectors = [Vectors.dense(r) if i % 2 else Vectors.sparse(3, {j: x for j, x in enumerate(r)
                                                                   if x})
               for i, r in enumerate(ROWS)]
    return spark.createDataFrame([(v, float(w)) for v, w in zip(vectors, WEIGHTS)],
                                 ["features", "weight"])


def test_summary_struct_of_weighted_metrics(df):
    w = WEIGHTS
    mean = np.average(ROWS, axis=0, weights=w)
    variance = (w[:, None] * (ROWS - mean) ** 2).sum(axis=0) / (w.sum() - (w ** 2).sum() / w.sum())
    builder = Summarizer.metrics("mean", "variance", "std", "count", "weightSum", "sum", "max",
                                 "min", "numNonZeros", "normL1", "normL2")
    frame = df.select(builder.summary(df.features, df.weight))
    assert frame.columns == ["aggregate_metrics(features, weight)"]
    s = frame.head()[0]
    assert np.allclose(s.mean.toArray(), mean, rtol=1e-14)
    assert np.allclose(s.variance.toArray(), variance, rtol=1e-12)
    assert np.allclose(s.std.toArray(), np.sqrt(variance), rtol=1e-12)
    assert s["count"] == 4 and s.weightSum == w.sum()
    assert np.allclose(s.sum.toArray(), (w[:, None] * ROWS).sum(axis=0), rtol=1e-14)
    assert list(s.max) == list(ROWS.max(axis=0)) and list(s.min) == list(ROWS.min(axis=0))
    assert list(s.numNonZeros) == list((ROWS != 0).sum(axis=0).astype(float))
    assert np.allclose(s.normL1.toArray(), (w[:, None] * np.abs(ROWS)).sum(axis=0))
    assert np.allclose(s.normL2.toArray(), np.sqrt((w[:, None] * ROWS ** 2).sum(axis=0)))


def test_single_metrics_unweighted(df):
    row = df.select(Summarizer.mean(df.features), Summarizer.count("features")).head()
    assert df.select(Summarizer.mean(df.features)).columns == ["mean(features)"]
    assert isinstance(row[0], DenseVector)
    assert np.allclose(row[0].toArray(), ROWS.mean(axis=0)) and row[1] == 4
    std = df.agg(Summarizer.std(df.features)).head()[0]
    assert np.allclose(std.toArray(), ROWS.std(axis=0, ddof=1))
    with pytest.raises(IllegalArgumentException, match="Unknown metric"):
        Summarizer.metrics("median")


def test_pearson_correlation(df):
    frame = Correlation.corr(df, "features")
    assert frame.columns == ["pearson(features)"]
    matrix = frame.head()[0]
    assert isinstance(matrix, DenseMatrix)
    assert np.allclose(matrix.toArray(), np.corrcoef(ROWS, rowvar=False), rtol=1e-12)


def test_chi_square_test(spark):
    # feature 0 has two values (1 degree of freedom), feature 1 three (2 degrees of freedom)
    data = [([0.0, 1.0], 0.0), ([0.0, 2.0], 0.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 1.0),
            ([0.0, 0.0], 1.0), ([1.0, 2.0], 0.0), ([0.0, 1.0], 0.0), ([1.0, 0.0], 1.0)]
    frame = spark.createDataFrame([(Vectors.dense(f), l) for f, l in data], ["features", "label"])
    result = ChiSquareTest.test(frame, "features", "label").head()
    expected_stats = []
    for j in range(2):
        values = sorted({f[j] for f, _ in data})
        observed = np.array([[sum(1 for f, l in data if f[j] == v and l == c) for c in (0.0, 1.0)]
                             for v in values])
        e = np.outer(observed.sum(1), observed.sum(0)) / len(data)
        expected_stats.append(((observed - e) ** 2 / e).sum())
    assert np.allclose(result.statistics.toArray(), expected_stats, rtol=1e-12)
    assert result.degreesOfFreedom == [1, 2]
    # survival of chi-squared: erfc(sqrt(x / 2)) with 1 degree of freedom, exp(-x / 2) with 2
    assert np.allclose(result.pValues.toArray(),
                       [math.erfc(math.sqrt(expected_stats[0] / 2)),
                        math.exp(-expected_stats[1] / 2)], rtol=1e-12)
    flat = ChiSquareTest.test(frame, "features", "label", flatten=True).orderBy("featureIndex")
    assert [r.degreesOfFreedom for r in flat.collect()] == [1, 2]


def average_ranks(column):
    """1-based ranks, tied values sharing the mean of their positions."""
    order = np.argsort(column, kind="stable")
    ranks = np.empty(len(column))
    ranks[order] = np.arange(1, len(column) + 1)
    for value in np.unique(column):
        ties = column == value
        ranks[ties] = ranks[ties].mean()
    return ranks


def test_spearman_correlation(spark):
    rows = np.array([[1.0, 5.0, 2.0], [2.0, 5.0, 1.0], [3.0, 1.0, 1.0], [4.0, 0.0, 7.0],
                     [2.0, 3.0, 0.5]])
    frame = spark.createDataFrame([(Vectors.dense(r),) for r in rows], ["features"])
    result = Correlation.corr(frame, "features", "spearman")
    assert result.columns == ["spearman(features)"]
    ranks = np.column_stack([average_ranks(rows[:, j]) for j in range(3)])
    assert np.allclose(result.head()[0].toArray(), np.corrcoef(ranks, rowvar=False), rtol=1e-12)
    with pytest.raises(IllegalArgumentException, match="Cannot find a correlation"):
        Correlation.corr(frame, "features", "kendall")
