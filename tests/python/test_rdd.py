"""RDD transformations and actions: each checked against the same computation in plain Python on
the same data, over several partitions, empty RDDs, None keys and tuple keys."""

import heapq
import math
import operator
from collections import Counter, defaultdict

import pytest

from pyspark.rdd import portable_hash

NUMBERS = [7, -3, 12, 0, 5, 5, 21, -8, 3, 14, 9, 2, 2, 30, -1, 6, 11]
PAIRS = [("a", 1), ("b", 2), ("a", 3), (None, 4), (("t", 1), 5), ("c", 6), (None, 7),
         (("t", 1), 8), ("b", 9), (3, 10), ("a", 11), ((None, "x"), 12)]
OTHER = [("a", "x"), ("c", "y"), (None, "z"), ("d", "w"), ("a", "v"), (("t", 1), "u")]


@pytest.fixture(scope="module")
def sc(spark):
    return spark.sparkContext


def grouped(pairs):
    out = defaultdict(list)
    for k, v in pairs:
        out[k].append(v)
    return out


def canon(items):
    """Items in an order that does not depend on partitioning (keys of mixed types included)."""
    return sorted(items, key=repr)


@pytest.mark.parametrize("slices", [1, 3, 5])
def test_narrow_transformations(sc, slices):
    rdd = sc.parallelize(NUMBERS, slices)
    assert rdd.getNumPartitions() == slices
    assert rdd.collect() == NUMBERS
    assert rdd.map(lambda x: x * 3 + 1).collect() == [x * 3 + 1 for x in NUMBERS]
    assert rdd.filter(lambda x: x % 2 == 0).collect() == [x for x in NUMBERS if x % 2 == 0]
    assert rdd.flatMap(lambda x: [x] * (x % 3)).collect() == \
        [y for x in NUMBERS for y in [x] * (x % 3)]
    assert rdd.keyBy(lambda x: x % 4).collect() == [(x % 4, x) for x in NUMBERS]
    parts = rdd.glom().collect()
    assert len(parts) == slices and sum(parts, []) == NUMBERS
    assert rdd.mapPartitions(lambda it: [sum(it)]).collect() == [sum(p) for p in parts]
    assert rdd.mapPartitionsWithIndex(lambda i, it: [(i, len(list(it)))]).collect() == \
        [(i, len(p)) for i, p in enumerate(parts)]
    assert rdd.zipWithIndex().collect() == [(x, i) for i, x in enumerate(NUMBERS)]


def test_parallelize_slices_and_ranges(sc):
    assert sc.parallelize(NUMBERS).getNumPartitions() == sc.defaultParallelism
    # A list shares out batches of len // slices elements; each slice is a run of the data.
    for n in (1, 2, 4, 7, 30):
        parts = sc.parallelize(list(range(23)), n).glom().collect()
        assert len(parts) == n and sum(parts, []) == list(range(23))
    for args in [(10,), (3, 40, 7), (50, 0, -6), (0,)]:
        r = range(*args)
        for n in (1, 3, 4):
            parts = sc.range(*args, numSlices=n).glom().collect()
            assert len(parts) == n and sum(parts, []) == list(r)
            # Slice i starts at element int(i * len / n), as PySpark cuts ranges.
            starts = [int(i * len(r) / n) for i in range(n + 1)]
            assert parts == [list(r)[starts[i]:starts[i + 1]] for i in range(n)]


def test_empty_rdds(sc):
    for rdd in (sc.emptyRDD(), sc.parallelize([], 3)):
        assert rdd.collect() == [] and rdd.count() == 0 and rdd.isEmpty()
        assert rdd.take(3) == [] and rdd.sum() == 0 and rdd.fold(0, operator.add) == 0
        assert rdd.map(lambda kv: (kv, 1)).reduceByKey(operator.add).collect() == []
        assert rdd.distinct().collect() == [] and rdd.countByValue() == {}
        with pytest.raises(ValueError):
            rdd.first()
        with pytest.raises(ValueError):
            rdd.reduce(operator.add)
    assert sc.emptyRDD().getNumPartitions() == 0
    assert sc.parallelize([], 3).glom().collect() == [[], [], []]
    assert sc.parallelize([], 3).mapPartitions(lambda it: [1]).collect() == [1, 1, 1]


@pytest.mark.parametrize("slices", [1, 4])
def test_actions(sc, slices):
    rdd = sc.parallelize(NUMBERS, slices)
    assert rdd.count() == len(NUMBERS)
    assert rdd.first() == NUMBERS[0]
    for n in (0, 1, 5, 100):
        assert rdd.take(n) == NUMBERS[:n]
    assert rdd.reduce(operator.add) == sum(NUMBERS)
    assert rdd.fold(0, operator.add) == sum(NUMBERS)
    assert rdd.aggregate((0, 0), lambda acc, x: (acc[0] + x, acc[1] + 1),
                         lambda a, b: (a[0] + b[0], a[1] + b[1])) == (sum(NUMBERS), len(NUMBERS))
    assert rdd.sum() == sum(NUMBERS) and rdd.min() == min(NUMBERS) and rdd.max() == max(NUMBERS)
    assert rdd.max(key=lambda x: -x) == min(NUMBERS)
    assert math.isclose(rdd.mean(), sum(NUMBERS) / len(NUMBERS))
    mean = sum(NUMBERS) / len(NUMBERS)
    variance = sum((x - mean) ** 2 for x in NUMBERS) / len(NUMBERS)
    assert math.isclose(rdd.stdev(), math.sqrt(variance))
    assert rdd.countByValue() == Counter(NUMBERS)
    assert rdd.takeOrdered(4) == sorted(NUMBERS)[:4]
    assert rdd.takeOrdered(3, key=lambda x: -x) == sorted(NUMBERS, reverse=True)[:3]
    assert rdd.top(3) == heapq.nlargest(3, NUMBERS)
    assert rdd.top(2, key=lambda x: -x) == sorted(NUMBERS)[:2]
    assert not rdd.isEmpty()


def test_key_value_basics(sc):
    rdd = sc.parallelize(PAIRS, 3)
    assert rdd.keys().collect() == [k for k, _ in PAIRS]
    assert rdd.values().collect() == [v for _, v in PAIRS]
    assert rdd.mapValues(lambda v: v * 10).collect() == [(k, v * 10) for k, v in PAIRS]
    assert rdd.flatMapValues(lambda v: range(v % 3)).collect() == \
        [(k, x) for k, v in PAIRS for x in range(v % 3)]
    assert rdd.countByKey() == Counter(k for k, _ in PAIRS)
    assert rdd.collectAsMap() == dict(PAIRS)
    assert rdd.lookup("a") == [v for k, v in PAIRS if k == "a"]
    assert rdd.lookup(None) == [v for k, v in PAIRS if k is None]
    assert rdd.lookup(("t", 1)) == [v for k, v in PAIRS if k == ("t", 1)]


@pytest.mark.parametrize("slices,num", [(1, None), (3, None), (3, 1), (4, 6)])
def test_aggregations_by_key(sc, slices, num):
    rdd = sc.parallelize(PAIRS, slices)
    groups = grouped(PAIRS)
    out = rdd.reduceByKey(operator.add, num)
    assert out.getNumPartitions() == (num or slices)
    assert canon(out.collect()) == canon((k, sum(v)) for k, v in groups.items())
    assert canon((k, list(v)) for k, v in rdd.groupByKey(num).collect()) == \
        canon((k, v) for k, v in groups.items())
    assert canon(rdd.foldByKey(0, operator.add, num).collect()) == \
        canon((k, sum(v)) for k, v in groups.items())
    assert canon(rdd.aggregateByKey([], lambda acc, v: acc + [v], operator.add, num)
                 .mapValues(sorted).collect()) == canon((k, sorted(v)) for k, v in groups.items())
    combined = rdd.combineByKey(lambda v: (v, 1), lambda c, v: (c[0] + v, c[1] + 1),
                                lambda a, b: (a[0] + b[0], a[1] + b[1]), num)
    assert canon(combined.collect()) == canon((k, (sum(v), len(v))) for k, v in groups.items())


def test_keys_placed_by_portable_hash(sc):
    rdd = sc.parallelize(PAIRS, 2)
    for n in (1, 3, 7):
        for index, part in enumerate(rdd.partitionBy(n).glom().collect()):
            assert all(portable_hash(k) % n == index for k, _ in part)
        parts = rdd.reduceByKey(operator.add, n).glom().collect()
        assert all(portable_hash(k) % n == i for i, part in enumerate(parts) for k, _ in part)
    custom = rdd.partitionBy(2, lambda k: 0 if k == "a" else 1).glom().collect()
    assert custom[0] == [(k, v) for k, v in PAIRS if k == "a"]


def test_joins_and_cogroup(sc):
    left, right = sc.parallelize(PAIRS, 3), sc.parallelize(OTHER, 2)
    lg, rg = grouped(PAIRS), grouped(OTHER)

    def expected(keep_left, keep_right):
        out = []
        for k in set(lg) | set(rg):
            vs, ws = lg.get(k, []), rg.get(k, [])
            if keep_left and not ws:
                ws = [None]
            if keep_right and not vs:
                vs = [None]
            out.extend((k, (v, w)) for v in vs for w in ws)
        return canon(out)
    assert canon(left.join(right).collect()) == expected(False, False)
    assert canon(left.leftOuterJoin(right).collect()) == expected(True, False)
    assert canon(left.rightOuterJoin(right).collect()) == expected(False, True)
    assert canon(left.fullOuterJoin(right).collect()) == expected(True, True)
    assert left.join(right).getNumPartitions() == 5
    assert left.join(right, 2).getNumPartitions() == 2
    cogrouped = [(k, (sorted(a), sorted(b))) for k, (a, b) in left.cogroup(right).collect()]
    assert canon(cogrouped) == canon((k, (sorted(lg.get(k, [])), sorted(rg.get(k, []))))
                                     for k in set(lg) | set(rg))


def test_distinct_union_and_partitions(sc):
    data = NUMBERS + NUMBERS[:5] + [None, None, (1, 2), (1, 2)]
    rdd = sc.parallelize(data, 3)
    assert canon(rdd.distinct().collect()) == canon(set(data))
    assert rdd.distinct(5).getNumPartitions() == 5
    other = sc.parallelize(["x", "y"], 2)
    both = rdd.union(other)
    assert both.getNumPartitions() == 5 and both.collect() == data + ["x", "y"]
    assert sc.union([rdd, other, rdd]).collect() == data + ["x", "y"] + data
    assert (rdd + other).count() == len(data) + 2
    wide = sc.parallelize(list(range(40)), 6)
    for n in (1, 2, 4, 6, 9):
        merged = wide.coalesce(n)
        assert merged.getNumPartitions() == min(n, 6)
        assert merged.collect() == list(range(40))  # consecutive partitions merged in order
        dealt = wide.repartition(n)
        assert dealt.getNumPartitions() == n
        assert sorted(dealt.collect()) == list(range(40))
        assert len(dealt.glom().collect()) == n


@pytest.mark.parametrize("num", [None, 1, 3])
def test_sorting(sc, num):
    rdd = sc.parallelize(PAIRS[:3] + [("z", 0), ("m", 5), ("b", -1), ("q", 2)], 3)
    pairs = rdd.collect()
    assert rdd.sortByKey(numPartitions=num).collect() == sorted(pairs, key=lambda kv: kv[0])
    assert rdd.sortByKey(False, num).collect() == sorted(pairs, key=lambda kv: kv[0], reverse=True)
    assert rdd.sortByKey(keyfunc=lambda k: k[::-1], numPartitions=num).collect() == \
        sorted(pairs, key=lambda kv: kv[0][::-1])
    numbers = sc.parallelize(NUMBERS * 5, 4)
    assert numbers.sortBy(lambda x: x, numPartitions=num).collect() == sorted(NUMBERS * 5)
    assert numbers.sortBy(lambda x: (x % 5, x), False, num).collect() == \
        sorted(NUMBERS * 5, key=lambda x: (x % 5, x), reverse=True)
    if num:
        assert numbers.sortBy(lambda x: x, numPartitions=num).getNumPartitions() == num


def test_sample(sc):
    rdd = sc.parallelize(range(1000), 4)
    once = rdd.sample(False, 0.3, 17).collect()
    assert once == rdd.sample(False, 0.3, 17).collect()  # the seed fixes the sample
    assert set(once) <= set(range(1000)) and len(set(once)) == len(once)
    assert 200 < len(once) < 400
    again = rdd.sample(True, 2.0, 5).collect()
    assert 1600 < len(again) < 2400 and set(again) <= set(range(1000))
    assert rdd.sample(False, 0.0).collect() == []


def test_foreach_and_persist(sc):
    seen = []
    sc.parallelize(NUMBERS, 3).foreach(seen.append)
    assert sorted(seen) == sorted(NUMBERS)
    sizes = []
    sc.parallelize(NUMBERS, 3).foreachPartition(lambda it: sizes.append(len(list(it))))
    assert sorted(sizes) == sorted(len(p) for p in sc.parallelize(NUMBERS, 3).glom().collect())
    calls = sc.accumulator(0)

    def counted(x):
        calls.add(1)
        return x * 2
    cached = sc.parallelize(NUMBERS, 3).map(counted).cache()
    assert cached.is_cached
    assert cached.collect() == [x * 2 for x in NUMBERS]
    assert cached.sum() == 2 * sum(NUMBERS)
    assert calls.value == len(NUMBERS)  # computed once, then read from the cache
    cached.unpersist()
    assert not cached.is_cached
    assert cached.count() == len(NUMBERS) and calls.value == 2 * len(NUMBERS)


def test_zero_values_are_copied_for_each_partition(sc):
    rdd = sc.parallelize(PAIRS, 4)

    def append(acc, v):
        acc.append(v)
        return acc
    out = rdd.aggregateByKey([], append, operator.add).collect()
    assert canon((k, sorted(v)) for k, v in out) == \
        canon((k, sorted(v)) for k, v in grouped(PAIRS).items())
    folded = rdd.values().map(lambda v: [v]).fold([], lambda a, b: a.extend(b) or a)
    assert sorted(folded) == sorted(v for _, v in PAIRS)


def test_set_operations_and_pairs_of_rdds(sc):
    left_data = NUMBERS + [None, (1, 2), 5]
    right_data = [5, 21, 100, None, (1, 2), -8, 77]
    left, right = sc.parallelize(left_data, 3), sc.parallelize(right_data, 2)
    assert canon(left.subtract(right).collect()) == \
        canon(x for x in left_data if x not in right_data)
    assert canon(left.intersection(right).collect()) == canon(set(left_data) & set(right_data))
    pairs, other = sc.parallelize(PAIRS, 3), sc.parallelize(OTHER, 2)
    other_keys = {k for k, _ in OTHER}
    assert canon(pairs.subtractByKey(other).collect()) == \
        canon((k, v) for k, v in PAIRS if k not in other_keys)
    product = left.cartesian(right)
    assert product.getNumPartitions() == 6
    assert canon(product.collect()) == canon((x, y) for x in left_data for y in right_data)
    a, b = sc.parallelize(range(12), 3), sc.parallelize("abcdefghijkl", 3)
    assert a.zip(b).collect() == list(zip(range(12), "abcdefghijkl"))
    with pytest.raises(ValueError):
        a.zip(sc.parallelize("abc", 2))
    with pytest.raises(Exception):
        a.zip(sc.parallelize("abcdefghijk", 3)).collect()
    ids = sc.parallelize(NUMBERS, 4).zipWithUniqueId().collect()
    parts = sc.parallelize(NUMBERS, 4).glom().collect()
    assert ids == [(x, i * 4 + k) for k, p in enumerate(parts) for i, x in enumerate(p)]


def test_random_split_and_tree_aggregates(sc):
    rdd = sc.parallelize(range(500), 4)
    splits = rdd.randomSplit([1, 2, 7], seed=11)
    got = [s.collect() for s in splits]
    assert sorted(sum(got, [])) == list(range(500))  # every element in exactly one split
    assert 20 < len(got[0]) < 80 and 280 < len(got[2]) < 420
    assert [s.collect() for s in rdd.randomSplit([1, 2, 7], seed=11)] == got
    assert rdd.treeReduce(operator.add) == sum(range(500))
    assert rdd.treeAggregate(0, operator.add, operator.add, depth=3) == sum(range(500))
    with pytest.raises(ValueError):
        rdd.treeReduce(operator.add, 0)
    assert sc.runJob(rdd, lambda it: [sum(it)], [0, 2]) == \
        [sum(p) for i, p in enumerate(rdd.glom().collect()) if i in (0, 2)]


def test_group_by_take_sample_and_checkpoints(sc):
    rdd = sc.parallelize(NUMBERS, 3)
    assert canon((k, sorted(v)) for k, v in rdd.groupBy(lambda x: x % 3).collect()) == \
        canon((k, sorted(v)) for k, v in grouped((x % 3, x) for x in NUMBERS).items())
    assert rdd.groupBy(lambda x: x > 0, 4).getNumPartitions() == 4
    mean = sum(NUMBERS) / len(NUMBERS)
    variance = sum((x - mean) ** 2 for x in NUMBERS) / (len(NUMBERS) - 1)
    assert math.isclose(rdd.sampleVariance(), variance)
    assert math.isclose(rdd.sampleStdev(), math.sqrt(variance))
    for replace in (False, True):
        drawn = rdd.takeSample(replace, 5, 3)
        assert len(drawn) == 5 and all(x in NUMBERS for x in drawn)
        assert drawn == rdd.takeSample(replace, 5, 3)
    everything = rdd.takeSample(False, 100, 1)
    assert sorted(everything) == sorted(NUMBERS)
    assert rdd.takeSample(False, 0) == [] and sc.emptyRDD().takeSample(True, 3) == []
    calls = sc.accumulator(0)

    def counted(x):
        calls.add(1)
        return x + 1
    kept = rdd.map(counted).localCheckpoint()
    assert kept.isCheckpointed() and calls.value == len(NUMBERS)
    assert kept.collect() == [x + 1 for x in NUMBERS] and kept.sum() == sum(NUMBERS) + len(NUMBERS)
    assert calls.value == len(NUMBERS)  # the lineage does not run again
    sc.setLocalProperty("k", "v")
    sc.setJobGroup("g", "a job")
    assert sc.getLocalProperty("k") == "v" and sc.getLocalProperty("spark.jobGroup.id") == "g"
