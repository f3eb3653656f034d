"""count_min_sketch: the serialized sketch recomputed in plain Python from Spark's documented
CountMinSketch (width ceil(2/eps), depth ceil(-log(1-confidence)/log 2), seeds from
java.util.Random(seed).nextInt(Integer.MAX_VALUE), (a*x) mod 2^31-1 for integers, two Murmur3
hashes for bytes, big-endian version-1 layout)."""

import math
import struct

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import functions as F

from java_random_reference import JavaRandom

M32 = 0xFFFFFFFF


def s32(x):
    x &= M32
    return x - (1 << 32) if x >> 31 else x


def s64(x):
    x &= (1 << 64) - 1
    return x - (1 << 64) if x >> 63 else x


def murmur3_bytes(data, seed):
    def mix_k1(k):
        k = (k * 0xcc9e2d51) & M32
        k = ((k << 15) | (k >> 17)) & M32
        return (k * 0x1b873593) & M32

    def mix_h1(h, k):
        h ^= k
        h = ((h << 13) | (h >> 19)) & M32
        return (h * 5 + 0xe6546b64) & M32

    h = seed & M32
    aligned = len(data) - len(data) % 4
    for i in range(0, aligned, 4):
        h = mix_h1(h, mix_k1(struct.unpack_from("<I", data, i)[0]))
    for b in data[aligned:]:
        h = mix_h1(h, mix_k1((b - 256 if b > 127 else b) & M32))
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85ebca6b) & M32
    h ^= h >> 13
    h = (h * 0xc2b2ae35) & M32
    return s32(h ^ (h >> 16))


def python_sketch(values, eps, confidence, seed):
    width, depth = math.ceil(2 / eps), math.ceil(-math.log(1 - confidence) / math.log(2))
    rng = JavaRandom(seed)
    seeds = [rng.next_int(2 ** 31 - 1) for _ in range(depth)]
    table = [[0] * width for _ in range(depth)]
    total = 0
    for v in values:
        if v is None:
            continue
        total += 1
        if isinstance(v, int):
            for d in range(depth):
                h = s64(seeds[d] * v)
                h = s64(h + (h >> 32)) & (2 ** 31 - 1)
                table[d][h % width] += 1
        else:
            data = v.encode()
            h1 = murmur3_bytes(data, 0)
            h2 = murmur3_bytes(data, h1)
            for d in range(depth):
                c = s32(h1 + d * h2)
                if c < 0:
                    c = ~c
                table[d][c % width] += 1
    out = struct.pack(">iqii", 1, total, depth, width) + b"".join(struct.pack(">q", s) for s in seeds)
    return out + b"".join(struct.pack(">q", c) for row in table for c in row)


def test_integers(spark):
    values = [v * 7919 % 1000 - 300 for v in range(500)] + [None, 2 ** 40]
    df = spark.createDataFrame([(v,) for v in values], "v BIGINT")
    got = df.select(F.count_min_sketch("v", F.lit(0.1), F.lit(0.95), F.lit(42))).first()[0]
    assert bytes(got) == python_sketch(values, 0.1, 0.95, 42)


def test_strings_and_sql(spark):
    words = ["w%d" % (k % 37) for k in range(300)] + ["grüße", ""]
    df = spark.createDataFrame([(w,) for w in words], "w STRING")
    got = df.select(F.count_min_sketch("w", 0.05, 0.9, 7)).first()[0]
    assert bytes(got) == python_sketch(words, 0.05, 0.9, 7)
    empty = spark.sql("SELECT count_min_sketch(id, 0.5D, 0.5D, 1) FROM range(0)").first()[0]
    assert bytes(empty) == python_sketch([], 0.5, 0.5, 1)


def test_argument_checks(spark):
    with pytest.raises(AnalysisException, match="VALUE_OUT_OF_RANGE"):
        spark.sql("SELECT count_min_sketch(id, 0.1D, 1.0D, 1) FROM range(3)").collect()
    with pytest.raises(AnalysisException, match="NON_FOLDABLE_INPUT"):
        spark.sql("SELECT count_min_sketch(id, id * 0.1D, 0.5D, 1) FROM range(3)").collect()
