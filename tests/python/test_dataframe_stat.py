"""df.stat, corr/cov/crosstab/freqItems/approxQuantile/sampleBy and sample/randomSplit. Sampling
is checked against a Python copy of Spark's sampler: per partition, XORShiftRandom(seed +
partition) draws one double per row and the row is kept when the draw is in [lower, upper)."""

import collections
import math
import statistics
import struct

import pytest

from pyspark.errors import (
    AnalysisException, IllegalArgumentException, PySparkTypeError, PySparkValueError,
)
from pyspark.sql import functions as F

MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF


def _rotl32(x, r):
    return ((x << r) | (x >> (32 - r))) & MASK32


def _murmur_bytes(data, seed):
    """Scala's MurmurHash3.bytesHash over a byte string whose length is a multiple of 4."""
    h = seed & MASK32
    for i in range(0, len(data), 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * 0xcc9e2d51) & MASK32
        k = _rotl32(k, 15)
        k = (k * 0x1b873593) & MASK32
        h ^= k
        h = _rotl32(h, 13)
        h = (h * 5 + 0xe6546b64) & MASK32
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85ebca6b) & MASK32
    h ^= h >> 13
    h = (h * 0xc2b2ae35) & MASK32
    h ^= h >> 16
    return h


class XorShiftRandom:
    """Spark's XORShiftRandom: a hashed seed, then xorshift steps; nextDouble takes 26 + 27
    bits as java.util.Random does."""

    def __init__(self, seed):
        data = struct.pack(">q", seed)
        low = _murmur_bytes(data, 0x3c074a61)
        high = _murmur_bytes(data, low)
        self.seed = ((high << 32) | low) & MASK64

    def _next(self, bits):
        s = self.seed
        s ^= (s << 21) & MASK64
        s ^= s >> 35
        s ^= (s << 4) & MASK64
        self.seed = s
        return s & ((1 << bits) - 1)

    def next_double(self):
        return ((self._next(26) << 27) + self._next(27)) * (1.0 / (1 << 53))


def test_xorshift_copy_matches_the_engine_rand(spark):
    # rand(0) of the first row of partition 0, as Spark gives it
    assert XorShiftRandom(0).next_double() == 0.7604953758285915


def tagged(spark, n):
    return spark.range(n).withColumn("pid", F.spark_partition_id())


def expected_sample(rows, seed, lower, upper):
    """ids kept by Spark's sampler: rows grouped by partition, in their order there."""
    by_partition = collections.defaultdict(list)
    for r in rows:
        by_partition[r.pid].append(r.id)
    kept = []
    for pid, ids in by_partition.items():
        rng = XorShiftRandom(seed + pid)
        for i in ids:
            x = rng.next_double()
            if lower <= x < upper:
                kept.append(i)
    return sorted(kept)


def test_sample_follows_sparks_sampler(spark):
    df = tagged(spark, 2000)
    rows = df.collect()
    for fraction, seed in [(0.1, 42), (0.5, 7), (0.9, -3)]:
        got = sorted(r.id for r in df.sample(fraction, seed).collect())
        assert got == expected_sample(rows, seed, 0.0, fraction)
        assert got == sorted(r.id for r in df.sample(False, fraction, seed).collect())
        assert got == sorted(r.id for r in df.sample(fraction=fraction, seed=seed).collect())
    assert df.sample(0.0, 1).count() == 0
    assert df.sample(1.0, 1).count() == 2000
    unseeded = df.sample(0.5)
    assert unseeded.count() == unseeded.count()  # one seed per DataFrame


def poisson_copies(u, mean):
    """The Poisson(mean) count whose cumulative probability first exceeds the draw u."""
    k, pmf = 0, math.exp(-mean)
    cumulative = pmf
    while u >= cumulative and k < 1000:
        k += 1
        pmf *= mean / k
        cumulative += pmf
    return k


def test_sample_with_replacement_draws_poisson_copies_per_row(spark):
    df = tagged(spark, 3000)
    rows = df.collect()
    for fraction, seed in [(0.3, 4), (1.0, 9), (2.5, -2)]:
        by_partition = collections.defaultdict(list)
        for r in rows:
            by_partition[r.pid].append(r.id)
        want = collections.Counter()
        for pid, ids in by_partition.items():
            rng = XorShiftRandom(seed + pid)
            for i in ids:
                copies = poisson_copies(rng.next_double(), fraction)
                if copies:
                    want[i] = copies
        sampled = df.sample(True, fraction, seed)
        assert sampled.columns == df.columns
        assert collections.Counter(r.id for r in sampled.collect()) == want
        assert collections.Counter(r.id for r in df.sample(withReplacement=True, fraction=fraction,
                                                           seed=seed).collect()) == want
    assert df.sample(True, 0.0, 1).count() == 0
    with pytest.raises(IllegalArgumentException):
        df.sample(True, -1.0)


def test_sample_errors(spark):
    df = spark.range(10)
    with pytest.raises(PySparkTypeError) as e:
        df.sample("a")
    assert e.value.getErrorClass() == "NOT_BOOL_OR_FLOAT_OR_INT"
    with pytest.raises(PySparkTypeError):
        df.sample(True, 1)
    with pytest.raises(IllegalArgumentException):
        df.sample(-0.1)


def test_random_split(spark):
    df = spark.range(1000).withColumn("pid", F.spark_partition_id())
    parts = df.randomSplit([1.0, 2.0, 1.0], seed=11)
    ids = [sorted(r.id for r in p.collect()) for p in parts]
    assert sorted(i for part in ids for i in part) == list(range(1000))  # disjoint and complete
    assert ids == [sorted(r.id for r in p.collect()) for p in df.randomSplit([1, 2, 1], 11)]
    # each partition is sorted by the columns, then split by the draws of rand(seed)
    rows = sorted(df.collect(), key=lambda r: (r.pid, r.id))
    assert ids[0] == expected_sample(rows, 11, 0.0, 0.25)
    assert ids[1] == expected_sample(rows, 11, 0.25, 0.75)
    with pytest.raises(PySparkValueError) as e:
        df.randomSplit([1.0, -1.0])
    assert e.value.getErrorClass() == "VALUE_NOT_POSITIVE"
    with pytest.raises(PySparkValueError):
        df.randomSplit([0.0, 0.0])


def test_sample_by(spark):
    df = spark.range(3000).withColumn("key", (F.col("id") % 3)).withColumn(
        "pid", F.spark_partition_id())
    rows = df.collect()
    out = df.sampleBy("key", {0: 0.1, 1: 0.5}, seed=5)
    by_partition = collections.defaultdict(list)
    for r in rows:
        by_partition[r.pid].append(r)
    expected = []
    for pid, part in by_partition.items():
        rng = XorShiftRandom(5 + pid)
        for r in part:
            if rng.next_double() < {0: 0.1, 1: 0.5}.get(r.key, 0.0):
                expected.append(r.id)
    assert sorted(r.id for r in out.collect()) == sorted(expected)
    assert {r.key for r in out.collect()} <= {0, 1}
    same = df.stat.sampleBy(F.col("key"), {0: 0.1, 1: 0.5}, seed=5)
    assert sorted(r.id for r in same.collect()) == sorted(expected)
    with pytest.raises(PySparkTypeError) as e:
        df.sampleBy("key", [0.1])
    assert e.value.getErrorClass() == "NOT_DICT"
    with pytest.raises(PySparkTypeError) as e:
        df.sampleBy("key", {(1,): 0.1})
    assert e.value.getErrorClass() == "DISALLOWED_TYPE_FOR_CONTAINER"


XS = [1.0, 2.0, 4.0, 7.0, 3.0]
YS = [2.0, 1.0, 5.0, 4.0, 9.0]


@pytest.fixture
def pairs(spark):
    return spark.createDataFrame(list(zip(XS, YS, ["a", "b", "a", "c", "a"])),
                                 "x DOUBLE, y DOUBLE, s STRING")


def test_corr_and_cov(pairs):
    mx, my = statistics.mean(XS), statistics.mean(YS)
    ck = sum((x - mx) * (y - my) for x, y in zip(XS, YS))
    sx = math.sqrt(sum((x - mx) ** 2 for x in XS))
    sy = math.sqrt(sum((y - my) ** 2 for y in YS))
    assert pairs.corr("x", "y") == pytest.approx(ck / (sx * sy))
    assert pairs.stat.corr("x", "y", "pearson") == pytest.approx(ck / (sx * sy))
    assert pairs.cov("x", "y") == pytest.approx(ck / (len(XS) - 1))
    assert math.isnan(pairs.limit(1).cov("x", "y"))
    with pytest.raises(PySparkValueError) as e:
        pairs.corr("x", "y", "spearman")
    assert e.value.getErrorClass() == "VALUE_NOT_PEARSON"
    with pytest.raises(PySparkTypeError) as e:
        pairs.cov(F.col("x"), "y")
    assert e.value.getErrorClass() == "NOT_STR"
    with pytest.raises(IllegalArgumentException):
        pairs.corr("x", "s")
    with pytest.raises(AnalysisException):
        pairs.corr("x", "nope")


def test_crosstab(spark):
    data = [(1, "a"), (1, "b"), (2, "a"), (2, "a"), (None, "b"), (3, None)]
    df = spark.createDataFrame(data, "k INT, v STRING")
    out = df.crosstab("k", "v")
    assert out.columns == ["k_v", "a", "b", "null"]
    counts = collections.Counter(("null" if k is None else str(k), "null" if v is None else v)
                                 for k, v in data)
    got = {r["k_v"]: r for r in out.collect()}
    assert set(got) == {"1", "2", "3", "null"}
    for key, row in got.items():
        for col in ("a", "b", "null"):
            assert row[col] == counts.get((key, col), 0)
    assert dict(out.dtypes)["a"] == "bigint"


def test_freq_items(spark):
    values = [1] * 50 + [2] * 30 + list(range(100, 120))
    df = spark.createDataFrame([(v, "x" if v == 1 else "y%d" % v) for v in values],
                               "n INT, s STRING")
    row = df.freqItems(["n", "s"], 0.25).collect()[0]
    assert df.stat.freqItems(("n",)).columns == ["n_freqItems"]
    counts = collections.Counter(values)
    assert sorted(row.n_freqItems) == sorted(v for v, c in counts.items() if c > 25)
    assert sorted(row.s_freqItems) == ["x", "y2"]  # y2 occurs 30 times
    with pytest.raises(PySparkTypeError) as e:
        df.freqItems("n")
    assert e.value.getErrorClass() == "NOT_LIST_OR_TUPLE"


def test_approx_quantile(spark):
    values = [float(v) for v in range(1, 101)] + [float("nan")]
    df = spark.createDataFrame([(v, int(v) if v == v else None) for v in values] + [(None, None)],
                               "x DOUBLE, n INT")
    present = sorted(v for v in values if v == v)

    def rank(p):
        if p <= 0:
            return present[0]
        if p >= 1:
            return present[-1]
        return present[math.ceil(p * len(present)) - 1]
    probabilities = [0.0, 0.25, 0.5, 0.9, 1.0]
    assert df.approxQuantile("x", probabilities, 0.0) == [rank(p) for p in probabilities]
    both = df.stat.approxQuantile(["x", "n"], [0.5], 0.0)
    assert both == [[rank(0.5)], [rank(0.5)]]
    assert spark.createDataFrame([], "x DOUBLE").approxQuantile("x", [0.5], 0.1) == []
    with pytest.raises(PySparkTypeError) as e:
        df.approxQuantile("x", 0.5, 0.1)
    assert e.value.getErrorClass() == "NOT_LIST_OR_TUPLE"
    with pytest.raises(PySparkTypeError) as e:
        df.approxQuantile("x", [1.5], 0.1)
    assert e.value.getErrorClass() == "NOT_LIST_OF_FLOAT_OR_INT"
    with pytest.raises(PySparkValueError) as e:
        df.approxQuantile("x", [0.5], -1.0)
    assert e.value.getErrorClass() == "NEGATIVE_VALUE"
