"""approx_count_distinct as Spark's HyperLogLog++: the estimates are recomputed here in plain
Python from the algorithm Spark documents (p = ceil(2 log2(1.106 / rsd)), XXH64 with seed 42 of
the value's bytes, linear counting under Spark's threshold, the raw estimate from 5m on; the
cases avoid the range where Spark applies its empirical bias correction)."""

import math
import struct

import pytest
from pyspark.sql import functions as F

M64 = (1 << 64) - 1
P1, P2, P3, P4, P5 = (11400714785074694791, 14029467366897019727, 1609587929392839161,
                      9650029242287828579, 2870177450012600261)


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def xxh64(data, seed):
    def rnd(acc, lane):
        return rotl((acc + lane * P2) & M64, 31) * P1 & M64

    n, i = len(data), 0
    if n >= 32:
        v = [(seed + P1 + P2) & M64, (seed + P2) & M64, seed, (seed - P1) & M64]
        while i + 32 <= n:
            v = [rnd(v[k], struct.unpack_from("<Q", data, i + 8 * k)[0]) for k in range(4)]
            i += 32
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & M64
        for lane in v:
            h = ((h ^ rnd(0, lane)) * P1 + P4) & M64
    else:
        h = (seed + P5) & M64
    h = (h + n) & M64
    while i + 8 <= n:
        h = (rotl(h ^ rnd(0, struct.unpack_from("<Q", data, i)[0]), 27) * P1 + P4) & M64
        i += 8
    if i + 4 <= n:
        h = (rotl(h ^ (struct.unpack_from("<I", data, i)[0] * P1 & M64), 23) * P2 + P3) & M64
        i += 4
    while i < n:
        h = rotl(h ^ (data[i] * P5 & M64), 11) * P1 & M64
        i += 1
    h = (h ^ (h >> 33)) * P2 & M64
    h = (h ^ (h >> 29)) * P3 & M64
    return h ^ (h >> 32)


THRESHOLDS = [10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000]


def folded_hash(parts):
    """Spark's hash of a struct, array or map: each non-null part's bytes hashed with the hash so far."""
    h = 42
    for part in parts:
        if part is not None:
            h = xxh64(part, h)
    return h


def hll_estimate(encoded_values, rsd=0.05, must_avoid_bias_range=True, hashed=False):
    p = math.ceil(2.0 * math.log(1.106 / rsd) / math.log(2.0))
    m = 1 << p
    regs = [0] * m
    for data in encoded_values:
        x = data if hashed else xxh64(data, 42)
        w = ((x << p) & M64) | (1 << (p - 1))
        regs[x >> (64 - p)] = max(regs[x >> (64 - p)], 64 - w.bit_length() + 1)
    z = sum(1.0 / (1 << r) for r in regs)
    zeros = regs.count(0)
    alpha = {4: 0.673, 5: 0.697, 6: 0.709}.get(p, 0.7213 / (1.0 + 1.079 / m))
    raw = alpha * m * m / z
    if zeros > 0 and m * math.log(m / zeros) <= THRESHOLDS[p - 4]:
        return math.floor(m * math.log(m / zeros) + 0.5)
    assert not must_avoid_bias_range or raw >= 5 * m, "case falls where Spark corrects the bias"
    return math.floor(raw + 0.5)


def longs(values):
    return [struct.pack("<q", v) for v in values]


def test_xxh64_matches_the_engines_xxhash64(spark):
    rows = spark.range(0, 5).select(F.xxhash64("id").alias("h")).collect()
    assert [r.h & M64 for r in rows] == [xxh64(struct.pack("<q", v), 42) for v in range(5)]


@pytest.mark.parametrize("n,rsd", [(1, 0.05), (250, 0.05), (6000, 0.05), (1500, 0.1), (3000, 0.01)])
def test_bigint_estimates(spark, n, rsd):
    df = spark.range(0, n).union(spark.range(0, n // 2 + 1))
    got = df.select(F.approx_count_distinct("id", rsd)).first()[0]
    assert got == hll_estimate(longs(range(n)), rsd)


def test_strings_ints_and_groups(spark):
    words = ["w%d" % k for k in range(700)]
    df = spark.createDataFrame([(k % 2, w) for k, w in enumerate(words)] + [(0, None)], "g INT, w STRING")
    got = {r.g: r.n for r in df.groupBy("g").agg(F.approx_count_distinct("w").alias("n")).collect()}
    expected = {g: hll_estimate([w.encode() for k, w in enumerate(words) if k % 2 == g]) for g in (0, 1)}
    assert got == expected
    ints = spark.range(0, 200).select(F.col("id").cast("int").alias("i"))
    assert ints.select(F.approx_count_distinct(F.col("i"))).first()[0] == hll_estimate(
        [struct.pack("<i", v) for v in range(200)])


def test_sql_form_and_empty_input(spark):
    assert spark.sql("SELECT approx_count_distinct(id) FROM range(0)").first()[0] == 0
    assert spark.sql("SELECT approx_count_distinct(id, 0.1D) FROM range(40)").first()[0] == hll_estimate(
        longs(range(40)), 0.1)


def test_structs_arrays_and_maps_hash_their_parts(spark):
    rows = [(k, None if k % 11 == 0 else "v%d" % (k % 7)) for k in range(300)]
    df = spark.createDataFrame(rows + [(None, None)], "k BIGINT, s STRING")
    got = df.select(F.approx_count_distinct(F.struct("k", "s")),
                    F.approx_count_distinct(F.array("k", F.col("k") * 3, F.lit(None).cast("bigint"))),
                    F.approx_count_distinct(F.create_map(F.coalesce("s", F.lit("-")), "k"))).first()
    enc = lambda v: None if v is None else struct.pack("<q", v)
    text = lambda s: None if s is None else s.encode()
    structs = {folded_hash([enc(k), text(s)]) for k, s in rows} | {folded_hash([None, None])}
    arrays = {folded_hash([enc(k), enc(k * 3), None]) for k, _ in rows} | {folded_hash([None, None, None])}
    maps = {folded_hash([text(s or "-"), enc(k)]) for k, s in rows} | {folded_hash([b"-", None])}
    assert tuple(got) == (hll_estimate(structs, hashed=True), hll_estimate(arrays, hashed=True),
                          hll_estimate(maps, hashed=True))


def test_a_null_struct_is_not_counted(spark):
    df = spark.sql("SELECT IF(k < 3, named_struct('a', k % 2), NULL) AS v FROM VALUES (0), (1), (2), (3) AS t(k)")
    assert df.select(F.approx_count_distinct("v")).first()[0] == 2
