"""Accumulators and broadcast variables used inside RDD functions, errors raised by those
functions, and portable_hash against the interpreter's own hash under PYTHONHASHSEED=0."""

import os
import subprocess
import sys

import pytest

from pyspark.accumulators import AccumulatorParam
from pyspark.errors import PySparkRuntimeError, PythonException
from pyspark.rdd import portable_hash

KEYS = ["", "a", "word", "exactly8", "a longer key of text", "héllo", "日本語", "emoji 😀",
        b"raw bytes", 0, 1, -7, 2 ** 70, 3.5, True, None, ("a", None, 1), (), (("x",), 2.0)]


@pytest.fixture(scope="module")
def sc(spark):
    return spark.sparkContext


def test_accumulators_from_tasks(sc):
    from pyspark import Accumulator, Broadcast
    total = sc.accumulator(0)
    assert isinstance(total, Accumulator) and isinstance(sc.broadcast(1), Broadcast)
    ratio = sc.accumulator(0.0)
    rdd = sc.parallelize(range(100), 4)
    rdd.foreach(lambda x: total.add(x))
    assert total.value == sum(range(100))

    def scaled(x):
        local = ratio
        local += x / 10  # Accumulator.__iadd__ adds in place
        return x
    assert rdd.map(scaled).count() == 100
    assert abs(ratio.value - sum(range(100)) / 10) < 1e-9
    assert isinstance(total.value, int) and str(total) == str(sum(range(100)))


class VectorParam(AccumulatorParam):
    def zero(self, value):
        return [0] * len(value)

    def addInPlace(self, v1, v2):
        for i in range(len(v1)):
            v1[i] += v2[i]
        return v1


def test_custom_accumulator_param(sc):
    vector = sc.accumulator([0, 0, 0], VectorParam())
    sc.parallelize(range(30), 3).foreach(lambda x: vector.add([1, x, x * x]))
    assert vector.value == [30, sum(range(30)), sum(x * x for x in range(30))]
    with pytest.raises(TypeError):
        sc.accumulator("text")


def test_accumulator_value_is_not_readable_in_tasks(sc):
    acc = sc.accumulator(1)
    with pytest.raises(PythonException) as error:
        sc.parallelize([1]).map(lambda x: acc.value).collect()
    assert "VALUE_NOT_ACCESSIBLE" in str(error.value)
    with pytest.raises(PySparkRuntimeError):
        from pyspark import _rdd_engine
        _rdd_engine._task.active = True
        try:
            acc.value
        finally:
            _rdd_engine._task.active = False


def test_broadcast_in_map_functions(sc):
    table = {i: "v%d" % (i * i) for i in range(50)}
    shared = sc.broadcast(table)
    rdd = sc.parallelize(range(60), 3)
    assert rdd.map(lambda x: shared.value.get(x)).collect() == [table.get(x) for x in range(60)]
    assert rdd.filter(lambda x: x in shared.value).count() == 50
    shared.unpersist()
    assert rdd.map(lambda x: shared.value.get(x)).first() == table[0]
    shared.destroy()
    with pytest.raises(PythonException):
        rdd.map(lambda x: shared.value.get(x)).collect()


def test_exception_in_a_map_function(sc):
    def explode(x):
        if x == 7:
            raise ValueError("no sevens here")
        return x
    with pytest.raises(PythonException) as error:
        sc.parallelize(range(10), 3).map(explode).collect()
    text = str(error.value)
    assert "ValueError: no sevens here" in text and "explode" in text
    with pytest.raises(PythonException):
        sc.parallelize([("k", 1)]).reduceByKey(lambda a, b: a / 0).mapValues(
            lambda v: v["missing"]).collect()
    # A failed job leaves the context usable.
    assert sc.parallelize(range(10), 3).map(lambda x: x + 1).sum() == 55


def test_portable_hash_matches_pyspark_workers():
    # PySpark's workers run with PYTHONHASHSEED=0: the interpreter itself gives string hashes
    # there; the tuple combination and None follow PySpark's definition.
    script = (
        "import sys\n"
        "keys = %r\n"
        "def h(x):\n"
        "    if x is None: return 0\n"
        "    if isinstance(x, tuple):\n"
        "        v = 0x345678\n"
        "        for i in x:\n"
        "            v ^= h(i); v *= 1000003; v &= sys.maxsize\n"
        "        v ^= len(x)\n"
        "        return -2 if v == -1 else v\n"
        "    return hash(x)\n"
        "print([h(k) for k in keys])\n") % (KEYS,)
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == str([portable_hash(k) for k in KEYS])
    assert portable_hash(None) == 0


def test_stop_iteration_in_a_function_fails_the_task(sc):
    def stops(x):
        if x == 3:
            raise StopIteration("early")
        return x
    for run in (lambda r: r.map(stops).collect(), lambda r: r.filter(stops).collect(),
                lambda r: r.map(lambda x: (x % 2, x)).reduceByKey(lambda a, b: stops(3)).collect()):
        with pytest.raises(PythonException) as error:
            run(sc.parallelize(range(6), 2))
        assert "STOP_ITERATION_OCCURRED" in str(error.value)


def test_to_local_iterator_in_order(sc):
    data = list(range(37))
    rdd = sc.parallelize(data, 5).map(lambda x: x * 2)
    it = rdd.toLocalIterator()
    assert next(it) == 0
    assert [0] + list(it) == [x * 2 for x in data]
    assert list(sc.emptyRDD().toLocalIterator()) == []
    # The DataFrame of an RDD streams with nothing else holding it.
    assert [r.v for r in rdd.map(lambda x: (x,)).toDF(["v"]).toLocalIterator()] == \
        [x * 2 for x in data]


def test_contexts_made_by_scripts(spark):
    from pyspark import SparkContext
    from pyspark.sql import SparkSession
    sc = SparkContext("local[2]", spark.conf.get("spark.app.name"))
    assert sc._session is spark and spark.sparkContext is sc
    assert SparkSession(sc) is spark and SparkContext.getOrCreate() is sc
    assert sc.parallelize([1, 2, 3]).map(lambda x: x * 2).sum() == 12
