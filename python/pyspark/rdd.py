"""RDD: PySpark's resilient distributed dataset over Ember's engine (docs/rdd.md).

An RDD is its computed parent (a frame of _rdd_engine: one row of pickled records per partition,
placed in the engine partition of its number) plus a Python function of (partition index,
records) that has not run yet. Narrow transformations compose that function, as PySpark pipelines
them; key-based ones shuffle through the engine's exchange, placing each key by portable_hash;
actions run the function over the partitions in the engine's tasks and bring the results back.
"""

import bisect
import copy
import heapq
import itertools
import math
import operator
import random
import sys
from collections import defaultdict
from functools import reduce

from pyspark import _rdd_engine as engine
from pyspark._portable_hash import portable_hash
from pyspark.errors import PySparkRuntimeError, PySparkValueError
from pyspark.resultiterable import ResultIterable
from pyspark.statcounter import StatCounter
from pyspark.storagelevel import StorageLevel

__all__ = ["RDD", "portable_hash"]

_rdd_ids = itertools.count()


def _pipe(first, then):
    if first is None:
        return then
    return lambda index, records: then(index, first(index, records))


def _guarded(f):
    """f, failing the task where it raises StopIteration (which would otherwise end the
    iteration running it quietly), as PySpark does."""
    def call(*args):
        try:
            return f(*args)
        except StopIteration as error:
            raise PySparkRuntimeError(errorClass="STOP_ITERATION_OCCURRED",
                                      messageParameters={"exc": str(error)}) from error
    return call


def _combine(create, merge_value, records):
    combined = {}
    for k, v in records:
        combined[k] = merge_value(combined[k], v) if k in combined else create(v)
    return combined.items()


class RDD:
    """A partitioned collection of Python objects, computed lazily by the engine."""

    def __init__(self, ctx, frame, num_partitions, func=None):
        self.ctx = ctx
        self._frame = frame
        self._n = num_partitions
        self._func = func
        self._id = next(_rdd_ids)
        self._name = None
        self._storage_level = None
        self._checkpointed = False
        self.partitioner = None

    # ---- plumbing --------------------------------------------------------------------------

    def _computed(self):
        """The frame of this RDD's own partitions (its pending function applied)."""
        if self._func is None:
            return self._frame
        return engine.apply(self._frame, self._func)

    def _run(self, func, partitions=None):
        """func(index, records) over every partition (or the ones listed): a list per partition."""
        if self._n == 0:
            return []
        return engine.run(self._frame, _pipe(self._func, func), partitions)

    def _with_partitions(self, func):
        return RDD(self.ctx, self._frame, self._n, _pipe(self._func, func))

    def _reduce_partitions(self):
        if self.ctx._session._core.get_conf("spark.default.parallelism"):
            return self.ctx.defaultParallelism
        return self._n

    @property
    def context(self):
        return self.ctx

    def id(self):
        return self._id

    def name(self):
        return self._name

    def setName(self, name):
        self._name = name
        return self

    def getNumPartitions(self):
        return self._n

    def __repr__(self):
        return "PythonRDD[%d] at RDD" % self._id

    # ---- narrow transformations ---------------------------------------------------------------

    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        return self._with_partitions(f)

    def mapPartitions(self, f, preservesPartitioning=False):
        return self._with_partitions(lambda _, records: f(records))

    def map(self, f, preservesPartitioning=False):
        f = _guarded(f)
        return self.mapPartitions(lambda records: map(f, records))

    def flatMap(self, f, preservesPartitioning=False):
        f = _guarded(f)
        return self.mapPartitions(lambda records: itertools.chain.from_iterable(map(f, records)))

    def filter(self, f):
        f = _guarded(f)
        return self.mapPartitions(lambda records: filter(f, records))

    def glom(self):
        return self.mapPartitions(lambda records: [list(records)])

    def keyBy(self, f):
        return self.map(lambda x: (f(x), x))

    def keys(self):
        return self.map(lambda kv: kv[0])

    def values(self):
        return self.map(lambda kv: kv[1])

    def mapValues(self, f):
        return self.map(lambda kv: (kv[0], f(kv[1])))

    def flatMapValues(self, f):
        return self.flatMap(lambda kv: ((kv[0], v) for v in f(kv[1])))

    def sample(self, withReplacement, fraction, seed=None):
        if fraction < 0.0:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE",
                                    messageParameters={"arg_name": "fraction",
                                                       "arg_value": str(fraction)})
        seed = seed if seed is not None else random.randint(0, sys.maxsize)
        return self.mapPartitionsWithIndex(
            lambda index, records: _sampled(records, withReplacement, fraction, seed ^ index))

    def randomSplit(self, weights, seed=None):
        """RDDs each holding the elements whose draw falls in its share of [0, 1): one draw per
        element from the partition's generator, the same in every split."""
        total = float(sum(weights))
        bounds = list(itertools.accumulate([0.0] + [w / total for w in weights]))
        seed = seed if seed is not None else random.randint(0, 2 ** 32 - 1)

        def split(low, high):
            def pick(index, records):
                rng = _partition_random(seed ^ index)
                return (x for x in records if low <= rng.random() < high)
            return self.mapPartitionsWithIndex(pick)
        return [split(low, high) for low, high in zip(bounds, bounds[1:])]

    def zipWithUniqueId(self):
        n = self._n
        return self.mapPartitionsWithIndex(
            lambda index, records: ((x, i * n + index) for i, x in enumerate(records)))

    def zipWithIndex(self):
        """(element, index) pairs, counting through the partitions in order (this runs a job to
        count the partitions first)."""
        starts = [0]
        if self._n > 1:
            counts = [c[0] for c in self._run(lambda _, records: [sum(1 for _ in records)])]
            starts = list(itertools.accumulate([0] + counts[:-1]))
        return self.mapPartitionsWithIndex(
            lambda index, records: ((x, i) for i, x in enumerate(records, starts[index])))

    def _paired(self, other, pairs, num_partitions, func):
        """Partitions of two RDDs side by side (each as one list) through func(a, b)."""
        frame = engine.paired(self.glom()._computed(), other.glom()._computed(), pairs,
                              num_partitions)

        def both(_, records):
            return func(next(records), next(records))
        return RDD(self.ctx, frame, num_partitions, both)

    def cartesian(self, other):
        """Every (a, b) pair; partition i * other's partitions + j pairs partition i with j."""
        m = other._n
        pairs = [(i * m + j, i, j) for i in range(self._n) for j in range(m)]
        return self._paired(other, pairs, self._n * m,
                            lambda a, b: ((x, y) for x in a for y in b))

    def zip(self, other):
        """Pairs of the elements at the same positions: both RDDs need the same partitions."""
        if self._n != other._n:
            raise PySparkValueError(
                message="Can only zip with RDD which has the same number of partitions")

        def pair(a, b):
            if len(a) != len(b):
                raise PySparkValueError(
                    message="Can only zip RDDs with same number of elements in each partition")
            return zip(a, b)
        return self._paired(other, [(i, i, i) for i in range(self._n)], self._n, pair)

    # ---- partitions ------------------------------------------------------------------------

    def union(self, other):
        frame = engine.union([(self._computed(), self._n), (other._computed(), other._n)])
        return RDD(self.ctx, frame, self._n + other._n)

    def __add__(self, other):
        return self.union(other)

    def coalesce(self, numPartitions, shuffle=False):
        """At most numPartitions partitions: consecutive partitions merged, or with shuffle
        elements dealt in runs of ten to every partition."""
        if numPartitions <= 0:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE",
                                    messageParameters={"arg_name": "numPartitions",
                                                       "arg_value": str(numPartitions)})
        if shuffle:
            def deal(index, records):
                buckets = [[] for _ in range(numPartitions)]
                for i, x in enumerate(records):
                    buckets[(index + i // 10) % numPartitions].append(x)
                return buckets
            return self._shuffled(deal, numPartitions)
        if numPartitions >= self._n:
            return self
        targets = [0] * self._n
        for i in range(numPartitions):
            for j in range(i * self._n // numPartitions, (i + 1) * self._n // numPartitions):
                targets[j] = i
        return RDD(self.ctx, engine.merge(self._computed(), targets), numPartitions)

    def repartition(self, numPartitions):
        return self.coalesce(numPartitions, shuffle=True)

    def _shuffled(self, buckets, num_partitions):
        frame = engine.shuffle(self._frame, _pipe(self._func, buckets), num_partitions, self._n)
        return RDD(self.ctx, frame, num_partitions)

    def partitionBy(self, numPartitions, partitionFunc=portable_hash):
        """Pairs moved to partition partitionFunc(key) % numPartitions."""
        if numPartitions is None:
            numPartitions = self._reduce_partitions()

        def buckets(_, records):
            out = [[] for _ in range(numPartitions)]
            for kv in records:
                out[partitionFunc(kv[0]) % numPartitions].append(kv)
            return out
        return self._shuffled(buckets, numPartitions)

    # ---- key-based transformations -------------------------------------------------------------

    def combineByKey(self, createCombiner, mergeValue, mergeCombiners, numPartitions=None,
                     partitionFunc=portable_hash):
        createCombiner, mergeValue, mergeCombiners = map(
            _guarded, (createCombiner, mergeValue, mergeCombiners))
        combined = self.mapPartitions(lambda records: _combine(createCombiner, mergeValue, records))
        shuffled = combined.partitionBy(numPartitions, partitionFunc)
        return shuffled.mapPartitions(
            lambda records: _combine(lambda c: c, mergeCombiners, records))

    def reduceByKey(self, func, numPartitions=None, partitionFunc=portable_hash):
        return self.combineByKey(lambda v: v, func, func, numPartitions, partitionFunc)

    def foldByKey(self, zeroValue, func, numPartitions=None, partitionFunc=portable_hash):
        return self.combineByKey(lambda v: func(copy.deepcopy(zeroValue), v), func, func,
                                 numPartitions, partitionFunc)

    def aggregateByKey(self, zeroValue, seqFunc, combFunc, numPartitions=None,
                       partitionFunc=portable_hash):
        return self.combineByKey(lambda v: seqFunc(copy.deepcopy(zeroValue), v), seqFunc,
                                 combFunc, numPartitions, partitionFunc)

    def groupByKey(self, numPartitions=None, partitionFunc=portable_hash):
        def merge_value(values, v):
            values.append(v)
            return values

        def merge_lists(a, b):
            a.extend(b)
            return a
        grouped = self.combineByKey(lambda v: [v], merge_value, merge_lists, numPartitions,
                                    partitionFunc)
        return grouped.mapValues(ResultIterable)

    def groupBy(self, f, numPartitions=None, partitionFunc=portable_hash):
        return self.map(lambda x: (f(x), x)).groupByKey(numPartitions, partitionFunc)

    def cogroup(self, other, numPartitions=None):
        """(key, (values in self, values in other)) for every key of either."""
        tagged = self.mapValues(lambda v: (0, v)).union(other.mapValues(lambda v: (1, v)))

        def split(values):
            sides = ([], [])
            for side, v in values:
                sides[side].append(v)
            return ResultIterable(sides[0]), ResultIterable(sides[1])
        return tagged.groupByKey(numPartitions).mapValues(split)

    def _join(self, other, numPartitions, keep_left, keep_right):
        def pairs(sides):
            left, right = list(sides[0]), list(sides[1])
            if keep_left and not right:
                right = [None]
            if keep_right and not left:
                left = [None]
            return [(v, w) for v in left for w in right]
        return self.cogroup(other, numPartitions).flatMapValues(pairs)

    def join(self, other, numPartitions=None):
        return self._join(other, numPartitions, False, False)

    def leftOuterJoin(self, other, numPartitions=None):
        return self._join(other, numPartitions, True, False)

    def rightOuterJoin(self, other, numPartitions=None):
        return self._join(other, numPartitions, False, True)

    def fullOuterJoin(self, other, numPartitions=None):
        return self._join(other, numPartitions, True, True)

    def subtractByKey(self, other, numPartitions=None):
        """Pairs of self whose key other does not have."""
        return self.cogroup(other, numPartitions) \
            .filter(lambda kv: len(kv[1][0]) and not len(kv[1][1])) \
            .flatMapValues(lambda sides: sides[0])

    def subtract(self, other, numPartitions=None):
        """Elements of self not in other (repeats of self kept)."""
        return self.map(lambda x: (x, True)) \
            .subtractByKey(other.map(lambda x: (x, True)), numPartitions).keys()

    def intersection(self, other):
        """The distinct elements in both."""
        return self.map(lambda x: (x, None)).cogroup(other.map(lambda x: (x, None))) \
            .filter(lambda kv: len(kv[1][0]) and len(kv[1][1])).keys()

    def distinct(self, numPartitions=None):
        return self.map(lambda x: (x, None)).reduceByKey(lambda x, _: x, numPartitions).keys()

    def sortByKey(self, ascending=True, numPartitions=None, keyfunc=lambda x: x):
        """Pairs sorted by key: range partitioning on bounds from a sample of the keys, then each
        partition sorted."""
        if numPartitions is None:
            numPartitions = self._reduce_partitions()

        def sort(records):
            return sorted(records, key=lambda kv: keyfunc(kv[0]), reverse=not ascending)
        if numPartitions == 1:
            single = self.coalesce(1) if self._n > 1 else self
            return single.mapPartitions(sort)
        size = self.count()
        if not size:
            return self
        fraction = min(numPartitions * 20.0 / max(size, 1), 1.0)
        samples = sorted(self.sample(False, fraction, 1).keys().collect(), key=keyfunc)
        bounds = [samples[int(len(samples) * (i + 1) / numPartitions)]
                  for i in range(numPartitions - 1)]

        def place(k):
            p = bisect.bisect_left(bounds, keyfunc(k))
            return p if ascending else numPartitions - 1 - p
        return self.partitionBy(numPartitions, place).mapPartitions(sort)

    def sortBy(self, keyfunc, ascending=True, numPartitions=None):
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()

    # ---- actions ---------------------------------------------------------------------------

    def collect(self):
        return [x for part in self._run(lambda _, records: records) for x in part]

    def toLocalIterator(self, prefetchPartitions=False):
        """The elements in order, unpickled one partition at a time as the engine streams them."""
        if self._n == 0:
            return
        for row in self._computed().orderBy("p").toLocalIterator():
            yield from engine.records_of(row[1])

    def count(self):
        return sum(c for part in self._run(lambda _, records: [sum(1 for _ in records)])
                   for c in part)

    def take(self, num):
        """The first num elements, scanning one partition first and then more at a time, as
        PySpark does."""
        items, scanned = [], 0
        while len(items) < num and scanned < self._n:
            parts = 1
            if scanned > 0 and not items:
                parts = 4 * scanned
            elif scanned > 0:
                parts = min(max(int(1.5 * num * scanned / len(items)) - scanned, 1), 4 * scanned)
            left = num - len(items)
            chosen = range(scanned, min(scanned + parts, self._n))
            for part in self._run(lambda _, records: itertools.islice(records, left), chosen):
                items.extend(part)
            scanned += len(chosen)
        return items[:num]

    def first(self):
        items = self.take(1)
        if items:
            return items[0]
        raise PySparkValueError(message="RDD is empty")

    def isEmpty(self):
        return self._n == 0 or len(self.take(1)) == 0

    def reduce(self, f):
        f = _guarded(f)
        def partial(_, records):
            it = iter(records)
            try:
                first = next(it)
            except StopIteration:
                return []
            return [reduce(f, it, first)]
        values = [v for part in self._run(partial) for v in part]
        if values:
            return reduce(f, values)
        raise PySparkValueError(message="Can not reduce() empty RDD")

    def fold(self, zeroValue, op):
        values = [v for part in self._run(
            lambda _, records: [reduce(op, records, copy.deepcopy(zeroValue))]) for v in part]
        return reduce(op, values, zeroValue)

    def aggregate(self, zeroValue, seqOp, combOp):
        values = [v for part in self._run(
            lambda _, records: [reduce(seqOp, records, copy.deepcopy(zeroValue))]) for v in part]
        return reduce(combOp, values, zeroValue)

    def treeReduce(self, f, depth=2):
        """reduce (the partial results are merged here, whatever the depth)."""
        _check_depth(depth)
        return self.reduce(f)

    def treeAggregate(self, zeroValue, seqOp, combOp, depth=2):
        _check_depth(depth)
        return self.aggregate(zeroValue, seqOp, combOp)

    def sum(self):
        return self.fold(0, operator.add)

    def max(self, key=None):
        return self.reduce(max if key is None else lambda a, b: max(a, b, key=key))

    def min(self, key=None):
        return self.reduce(min if key is None else lambda a, b: min(a, b, key=key))

    def stats(self):
        return self.mapPartitions(lambda records: [StatCounter(records)]) \
            .reduce(lambda a, b: a.mergeStats(b))

    def mean(self):
        return self.stats().mean()

    def variance(self):
        return self.stats().variance()

    def stdev(self):
        return self.stats().stdev()

    def sampleVariance(self):
        return self.stats().sampleVariance()

    def sampleStdev(self):
        return self.stats().sampleStdev()

    def takeSample(self, withReplacement, num, seed=None):
        """num elements drawn at random (all of them, shuffled, when num covers the RDD without
        replacement): samples of PySpark's fraction for num, again until one is large enough."""
        if num < 0:
            raise PySparkValueError(message="Sample size cannot be negative.")
        if num == 0 or self._n == 0:
            return []
        total = self.count()
        if total == 0:
            return []
        rng = random.Random(seed)
        if not withReplacement and num >= total:
            samples = self.collect()
            rng.shuffle(samples)
            return samples
        fraction = _sample_fraction(num, total, withReplacement)
        samples = self.sample(withReplacement, fraction, seed).collect()
        while len(samples) < num:
            samples = self.sample(withReplacement, fraction, rng.randint(0, sys.maxsize)).collect()
        rng.shuffle(samples)
        return samples[:num]

    def countByValue(self):
        def counts(_, records):
            out = defaultdict(int)
            for x in records:
                out[x] += 1
            return [out]

        def merge(a, b):
            for k, v in b.items():
                a[k] += v
            return a
        return reduce(merge, [c for part in self._run(counts) for c in part], defaultdict(int))

    def countByKey(self):
        return self.keys().countByValue()

    def collectAsMap(self):
        return dict(self.collect())

    def lookup(self, key):
        return self.filter(lambda kv: kv[0] == key).values().collect()

    def takeOrdered(self, num, key=None):
        if num <= 0:
            return []
        parts = self._run(lambda _, records: heapq.nsmallest(num, records, key))
        return heapq.nsmallest(num, (x for part in parts for x in part), key)

    def top(self, num, key=None):
        if num <= 0:
            return []
        parts = self._run(lambda _, records: heapq.nlargest(num, records, key))
        return heapq.nlargest(num, (x for part in parts for x in part), key)

    def foreach(self, f):
        f = _guarded(f)
        def each(_, records):
            for x in records:
                f(x)
            return ()
        self._run(each)

    def foreachPartition(self, f):
        def each(_, records):
            f(records)
            return ()
        self._run(each)

    def saveAsTextFile(self, path, compressionCodecClass=None):
        from pyspark import _rdd_output
        _rdd_output.save_text(self, path, compressionCodecClass)

    # ---- caching ---------------------------------------------------------------------------

    def persist(self, storageLevel=StorageLevel.MEMORY_ONLY):
        """Keeps the partitions, computed by the first action, for every later use of this RDD
        (RDDs derived from it before stay as they were, as PySpark pipelines them)."""
        if self._storage_level is None:
            self._frame = self._computed()
            self._func = None
            self._frame.persist(storageLevel)
        self._storage_level = storageLevel
        return self

    def cache(self):
        return self.persist(StorageLevel.MEMORY_ONLY)

    def unpersist(self, blocking=False):
        if self._storage_level is not None:
            self._frame.unpersist()
            self._storage_level = None
        return self

    @property
    def is_cached(self):
        return self._storage_level is not None

    def getStorageLevel(self):
        return self._storage_level or StorageLevel(False, False, False, False, 1)

    def localCheckpoint(self):
        """The partitions computed now and kept by the session: later uses of this RDD no longer
        recompute its lineage."""
        frame = self._computed()
        self._frame = frame.localCheckpoint()
        self._func = None
        self._checkpointed = True
        return self

    def checkpoint(self):
        if self.ctx._checkpoint_dir is None:
            from pyspark.errors import PySparkRuntimeError
            raise PySparkRuntimeError(
                message="Checkpoint directory has not been set in the SparkContext")
        self.localCheckpoint()

    def isCheckpointed(self):
        return self._checkpointed

    def isLocallyCheckpointed(self):
        return self.isCheckpointed()

    def getCheckpointFile(self):
        return None

    # ---- DataFrames --------------------------------------------------------------------------

    def toDF(self, schema=None, sampleRatio=None):
        from pyspark.sql.session import SparkSession
        return SparkSession.active().createDataFrame(self, schema, sampleRatio)


def _check_depth(depth):
    if depth < 1:
        raise PySparkValueError(message="Depth cannot be smaller than 1 but got %d." % depth)


def _sample_fraction(num, total, with_replacement):
    """The sampling fraction that gives at least num of total elements with high probability
    (PySpark's bounds)."""
    fraction = float(num) / total
    if with_replacement:
        deviations = 9 if num < 12 else 5
        return fraction + deviations * math.sqrt(fraction / total)
    gamma = -math.log(0.00005) / total
    return min(1, fraction + gamma + math.sqrt(gamma * gamma + 2 * gamma * fraction))


def _partition_random(seed):
    """PySpark's generator of a partition's draws: seeded with seed ^ index, the first ten draws
    discarded."""
    rng = random.Random(seed)
    for _ in range(10):
        rng.randint(0, 1)
    return rng


def _sampled(records, with_replacement, fraction, seed):
    """PySpark's sampler: Bernoulli draws, or Poisson counts with replacement."""
    rng = _partition_random(seed)
    for x in records:
        if with_replacement:
            for _ in range(_poisson(rng, fraction)):
                yield x
        elif rng.random() < fraction:
            yield x


def _poisson(rng, mean):
    if mean < 20.0:
        limit = math.exp(-mean)
        p, k = rng.random(), 0
        while p > limit:
            k += 1
            p *= rng.random()
        return k
    p, k = rng.expovariate(mean), 0
    while p < 1.0:
        k += 1
        p += rng.expovariate(mean)
    return k

