"""hll_sketch_agg, hll_union_agg, hll_sketch_estimate, hll_union: the sketches are decoded here
from the published Apache DataSketches HLL layout (preamble bytes, coupon lists and sets,
HLL_8 registers) and checked against coupons computed in plain Python (MurmurHash3 x64 128 with
seed 9001, itself checked with SMHasher's verification value); estimates against exact counts
within three times the sketch's documented relative error."""

import math
import struct

import pytest
from pyspark.sql import functions as F

M64 = (1 << 64) - 1
C1, C2 = 0x87C37B91114253D5, 0x4CF5AD432745937F


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def fmix(k):
    k ^= k >> 33
    k = k * 0xFF51AFD7ED558CCD & M64
    k ^= k >> 33
    k = k * 0xC4CEB9FE1A85EC53 & M64
    return k ^ (k >> 33)


def murmur3_128(data, seed):
    h1 = h2 = seed
    n = len(data)
    nblocks = n // 16
    for b in range(nblocks):
        k1, k2 = struct.unpack_from("<QQ", data, 16 * b)
        h1 ^= rotl(k1 * C1 & M64, 31) * C2 & M64
        h1 = ((rotl(h1, 27) + h2) * 5 + 0x52DCE729) & M64
        h2 ^= rotl(k2 * C2 & M64, 33) * C1 & M64
        h2 = ((rotl(h2, 31) + h1) * 5 + 0x38495AB5) & M64
    tail = data[16 * nblocks:] + bytes(16)
    k1, k2 = struct.unpack_from("<QQ", tail)
    if n % 16 > 8:
        h2 ^= rotl(k2 * C2 & M64, 33) * C1 & M64
    if n % 16 > 0:
        h1 ^= rotl(k1 * C1 & M64, 31) * C2 & M64
    h1 ^= n
    h2 ^= n
    h1 = (h1 + h2) & M64
    h2 = (h2 + h1) & M64
    h1, h2 = fmix(h1), fmix(h2)
    h1 = (h1 + h2) & M64
    h2 = (h2 + h1) & M64
    return h1, h2


def coupon(data):
    h0, h1 = murmur3_128(data, 9001)
    lz = 64 - h1.bit_length()
    return ((min(lz, 62) + 1) << 26) | (h0 & ((1 << 26) - 1))


def long_bytes(v):
    return struct.pack("<q", v)


def decode(sketch):
    """(lgK, mode, coupons or registers) of an updatable or compact HLL sketch."""
    b = bytes(sketch)
    pre_ints, ser_ver, family, lg_k, lg_arr, flags = b[0], b[1], b[2], b[3], b[4], b[5]
    assert (ser_ver, family) == (1, 7)
    mode, tgt = b[7] & 3, b[7] >> 2
    assert pre_ints == {0: 2, 1: 3, 2: 10}[mode]
    if mode == 2:
        assert tgt == 2  # HLL_8
        return lg_k, mode, list(b[40:40 + (1 << lg_k)])
    if flags & 4:
        return lg_k, mode, []
    if mode == 0:
        count = b[6]
        return lg_k, mode, list(struct.unpack_from("<%dI" % count, b, 8))
    count = struct.unpack_from("<i", b, 8)[0]
    table = struct.unpack_from("<%dI" % (1 << lg_arr), b, 12)
    return lg_k, mode, [c for c in table if c], table, lg_arr, count


def test_murmur3_reference_matches_smhasher_verification():
    hashes = b"".join(struct.pack("<QQ", *murmur3_128(bytes(range(i)), 256 - i)) for i in range(256))
    assert struct.unpack_from("<I", struct.pack("<Q", murmur3_128(hashes, 0)[0]))[0] == 0x6384BA69


def test_list_mode_holds_each_value_coupon(spark):
    df = spark.createDataFrame([(v,) for v in [5, -3, 5, 1 << 40, None, 7]], "v long")
    lg_k, mode, coupons = decode(df.agg(F.hll_sketch_agg("v")).first()[0])
    assert (lg_k, mode) == (12, 0)
    assert sorted(coupons) == sorted({coupon(long_bytes(v)) for v in [5, -3, 1 << 40, 7]})


def test_ints_strings_and_binaries_hash_as_spark_feeds_them(spark):
    df = spark.createDataFrame([(1, "a", bytearray(b"\x00\x01")), (2, "", bytearray(b"")), (None, "é", None)],
                               "i int, s string, b binary")
    row = df.agg(F.hll_sketch_agg("i").alias("i"), F.hll_sketch_agg("s").alias("s"), F.hll_sketch_agg("b").alias("b")).first()
    assert sorted(decode(row.i)[2]) == sorted({coupon(long_bytes(1)), coupon(long_bytes(2))})
    assert sorted(decode(row.s)[2]) == sorted({coupon(b"a"), coupon("é".encode())})  # "" is skipped
    assert decode(row.b)[2] == [coupon(b"\x00\x01")]


def test_set_mode_places_coupons_where_datasketches_probes(spark):
    values = list(range(1000, 1300))
    sketch = spark.range(1000, 1300).coalesce(1).agg(F.hll_sketch_agg("id")).first()[0]
    lg_k, mode, coupons, table, lg_arr, count = decode(sketch)
    assert (lg_k, mode, count) == (12, 1, 300)
    expected = {coupon(long_bytes(v)) for v in values}
    assert set(coupons) == expected
    mask = (1 << lg_arr) - 1
    for c in coupons:  # each coupon sits on its own probe sequence before any empty slot
        probe, stride = c & mask, ((c & ((1 << 26) - 1)) >> lg_arr) | 1
        while table[probe] != c:
            assert table[probe] != 0
            probe = (probe + stride) & mask


@pytest.mark.parametrize("lg_k", [4, 10, 12])
def test_hll_mode_registers_are_the_largest_coupon_values(spark, lg_k):
    n = 20000
    sketch = spark.range(n).repartition(3).agg(F.hll_sketch_agg("id", lg_k)).first()[0]
    got_lg_k, mode, registers = decode(sketch)
    expected = [0] * (1 << lg_k)
    for v in range(n):
        c = coupon(long_bytes(v))
        slot = c & ((1 << lg_k) - 1)
        expected[slot] = max(expected[slot], c >> 26)
    assert (got_lg_k, mode, registers) == (lg_k, 2, expected)


def within(estimate, exact, lg_k):
    rse = 1.04 / math.sqrt(1 << lg_k)
    return abs(estimate - exact) <= max(3 * rse * exact, 1)


@pytest.mark.parametrize("n,lg_k,parts", [(0, 12, 1), (1, 12, 1), (57, 12, 2), (700, 10, 1), (3000, 12, 1),
                                          (3000, 12, 4), (50000, 14, 3), (100000, 8, 2)])
def test_estimates_stay_within_the_documented_error(spark, n, lg_k, parts):
    df = spark.range(n).repartition(parts).select((F.col("id") * 7919 % 1000003).cast("string").alias("s"))
    exact = len({str(v * 7919 % 1000003) for v in range(n)})
    estimate = df.agg(F.hll_sketch_estimate(F.hll_sketch_agg("s", lg_k))).first()[0]
    assert within(estimate, exact, lg_k), (estimate, exact)


def test_union_agg_and_union_of_overlapping_groups(spark):
    df = spark.range(30000).select(F.col("id"), (F.col("id") % 3).alias("g"))
    sketches = df.groupBy("g").agg(F.hll_sketch_agg("id").alias("s"))
    total = sketches.agg(F.hll_sketch_estimate(F.hll_union_agg("s")).alias("e")).first().e
    assert within(total, 30000, 12)
    pair = spark.range(0, 8000).agg(F.hll_sketch_agg("id").alias("a")).crossJoin(
        spark.range(5000, 12000).agg(F.hll_sketch_agg("id").alias("b")))
    union = pair.select(F.hll_sketch_estimate(F.hll_union("a", "b")).alias("e")).first().e
    assert within(union, 12000, 12)


def test_different_lg_k_folds_into_the_smaller_when_allowed(spark):
    pair = spark.range(20000).agg(F.hll_sketch_agg("id", 12).alias("a"), F.hll_sketch_agg("id", 9).alias("b"))
    row = pair.select(F.hll_union("a", "b", True).alias("u")).first()
    lg_k, mode, registers = decode(row.u)
    small = decode(pair.first().b)[2]
    assert (lg_k, mode, registers) == (9, 2, small)
    with pytest.raises(Exception, match="HLL_UNION_DIFFERENT_LG_K"):
        pair.select(F.hll_union("a", "b")).collect()
    both = spark.range(6000).agg(F.hll_sketch_agg("id", 11).alias("s")).union(
        spark.range(6000).agg(F.hll_sketch_agg("id", 13).alias("s")))
    with pytest.raises(Exception, match="HLL_UNION_DIFFERENT_LG_K"):
        both.agg(F.hll_union_agg("s")).collect()
    merged = both.agg(F.hll_union_agg("s", True).alias("u")).first().u
    assert decode(merged)[0] == 11
    assert within(spark.createDataFrame([(merged,)], "u binary").select(F.hll_sketch_estimate("u")).first()[0], 6000, 11)


def test_errors(spark):
    with pytest.raises(Exception, match="HLL_INVALID_LG_K"):
        spark.range(3).agg(F.hll_sketch_agg("id", 22)).collect()
    with pytest.raises(Exception, match="HLL_INVALID_LG_K"):
        spark.range(3).agg(F.hll_sketch_agg("id", 3)).collect()
    bad = spark.createDataFrame([(bytearray(b"\x02\x01\x07\x0c"),)], "b binary")
    with pytest.raises(Exception, match="HLL_INVALID_INPUT_SKETCH_BUFFER"):
        bad.select(F.hll_sketch_estimate("b")).collect()
    with pytest.raises(Exception, match="HLL_INVALID_INPUT_SKETCH_BUFFER"):
        bad.agg(F.hll_union_agg("b")).collect()
    with pytest.raises(Exception, match="UNEXPECTED_INPUT_TYPE"):
        spark.range(3).select(F.col("id").cast("double").alias("d")).agg(F.hll_sketch_agg("d")).collect()


def encode_hll(lg_k, registers, target):
    """An out-of-order HLL-mode sketch in the published layout, registers packed as HLL_4 (nibbles
    over curMin with an exceptions table), HLL_6 (6 bits each, little-endian) or HLL_8."""
    k = 1 << lg_k
    flags = 16  # out of order: the estimate comes from the registers
    if target == 8:
        data, cur_min, aux = bytes(registers), 0, []
    elif target == 6:
        bits = 0
        for slot, v in enumerate(registers):
            bits |= v << (6 * slot)
        data, cur_min, aux = bits.to_bytes(k * 3 // 4 + 1, "little"), 0, []
    else:
        cur_min = min(registers)
        nibbles = [min(v - cur_min, 15) for v in registers]
        data = bytes(nibbles[i] | (nibbles[i + 1] << 4) for i in range(0, k, 2))
        aux = [(v << 26) | slot for slot, v in enumerate(registers) if v - cur_min >= 15]
        flags |= 8  # compact: the exceptions listed one after another
    mode = {4: 0, 6: 1, 8: 2}[target] << 2 | 2
    head = bytes([10, 1, 7, lg_k, 0, flags, cur_min, mode]) + struct.pack("<dddii", 0.0, 1.0, 0.0, 0, len(aux))
    return head + data + b"".join(struct.pack("<I", c) for c in aux)


@pytest.mark.parametrize("target", [4, 6, 8])
def test_hll_4_and_6_sketches_read_as_their_registers(spark, target):
    lg_k, n = 6, 3000
    registers = [0] * (1 << lg_k)
    for v in range(n):
        c = coupon(long_bytes(v))
        registers[c & ((1 << lg_k) - 1)] = max(registers[c & ((1 << lg_k) - 1)], c >> 26)
    registers[5] = min(registers) + 20  # a value beyond curMin + 14: an HLL_4 exception
    assert min(registers) > 0
    df = spark.createDataFrame([(bytearray(encode_hll(lg_k, registers, target)),)], "s binary")
    empty = spark.range(0).agg(F.hll_sketch_agg("id", lg_k).alias("e"))
    row = df.crossJoin(empty).select(F.hll_union("s", "e").alias("u"), F.hll_sketch_estimate("s").alias("est")).first()
    assert decode(row.u) == (lg_k, 2, registers)
    assert within(row.est, n, lg_k)


def test_compact_list_sketch_is_read(spark):
    values = [3, 9, 27]
    compact = bytes([2, 1, 7, 12, 3, 8, len(values), 8 | 0]) + b"".join(
        struct.pack("<I", coupon(long_bytes(v))) for v in values)
    df = spark.createDataFrame([(bytearray(compact),)], "s binary")
    assert df.select(F.hll_sketch_estimate("s")).first()[0] == 3
    merged = df.crossJoin(spark.range(27, 29).agg(F.hll_sketch_agg("id").alias("t"))).select(F.hll_union("s", "t")).first()[0]
    assert sorted(decode(merged)[2]) == sorted(coupon(long_bytes(v)) for v in [3, 9, 27, 28])


def test_columns_are_named_with_the_default_options_as_spark_names_them(spark):
    sketches = spark.range(3).agg(F.hll_sketch_agg("id").alias("s"))
    assert spark.range(3).agg(F.hll_sketch_agg("id")).columns == ["hll_sketch_agg(id, 12)"]
    assert spark.range(3).agg(F.hll_sketch_agg("id", F.lit(10))).columns == ["hll_sketch_agg(id, 10)"]
    assert sketches.agg(F.hll_union_agg("s")).columns == ["hll_union_agg(s, false)"]
    assert sketches.select(F.hll_union("s", "s", True)).columns == ["hll_union(s, s, true)"]
