"""Python UDTFs called from Python with PySpark 4.0's richer calls: a schema from the `analyze`
static method (AnalyzeArgument in, AnalyzeResult out, with partitioning, ordering and a selection
of the TABLE argument's columns), named arguments, and DataFrame.asTable() arguments partitioned
by keys (one class instance per key) or into a single partition. Expected rows are computed in
plain Python."""

import pytest

from pyspark.errors import PySparkValueError
from pyspark.sql import functions as F
from pyspark.sql.functions import lit, udtf
from pyspark.sql.types import LongType, StringType, StructField, StructType
from pyspark.sql.udtf import (AnalyzeArgument, AnalyzeResult, OrderingColumn, PartitioningColumn,
                              SelectedColumn)

ROWS = [(i % 5, (i * 7) % 11, "w%d" % (i % 3)) for i in range(37)]


@pytest.fixture
def table(spark):
    return spark.createDataFrame(ROWS, "k long, v long, s string").repartition(3)


def test_schema_from_analyze_with_constant_arguments(spark):
    seen = []

    @udtf
    class Copies:
        @staticmethod
        def analyze(word, count):
            seen.append((word, count))
            return AnalyzeResult(StructType([StructField("c%d" % i, word.dataType)
                                             for i in range(count.value)]))

        def eval(self, word, count):
            yield tuple(word + str(i) for i in range(count))

    rows = Copies(lit("ab"), lit(2) + lit(1)).collect()
    assert [tuple(r) for r in rows] == [("ab0", "ab1", "ab2")]
    assert Copies(lit("x"), lit(1)).columns == ["c0"]
    word, count = seen[0]
    assert word == AnalyzeArgument(StringType(), "ab", False, True)
    assert (count.value, count.isConstantExpression, count.isTable) == (3, True, False)


def test_named_arguments(spark):
    @udtf(returnType="a long, b long, c long")
    class Triple:
        def eval(self, a, b=10, c=100):
            yield a, b, c

    def by_hand(*args, **kwargs):
        return [tuple(r) for r in Triple.func().eval(*args, **kwargs)]

    assert [tuple(r) for r in Triple(lit(1), c=lit(3)).collect()] == by_hand(1, c=3)
    assert [tuple(r) for r in Triple(c=lit(5), a=lit(4)).collect()] == by_hand(c=5, a=4)
    with pytest.raises(PySparkValueError, match="UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH"):
        Triple(lit(1), d=lit(2))


class PerKey:
    """Counts and sums the rows of its key; fails when it sees a second key."""

    def __init__(self):
        self.key, self.count, self.total = None, 0, 0

    def eval(self, row):
        if self.count and row["k"] != self.key:
            raise ValueError("two keys in one instance")
        self.key, self.count, self.total = row["k"], self.count + 1, self.total + row["v"]

    def terminate(self):
        yield self.key, self.count, self.total


def per_key_by_hand():
    out = {}
    for k, v, _ in ROWS:
        count, total = out.get(k, (0, 0))
        out[k] = (count + 1, total + v)
    return sorted((k, c, t) for k, (c, t) in out.items())


def test_table_argument_partitioned_by_key(spark, table):
    per_key = udtf(PerKey, returnType="k long, count long, total long")
    got = per_key(table.asTable().partitionBy("k").orderBy("v")).collect()
    assert sorted(tuple(r) for r in got) == per_key_by_hand()


def test_table_argument_in_a_single_partition(spark, table):
    @udtf(returnType="count long, total long")
    class Everything:
        def __init__(self):
            self.count, self.total = 0, 0

        def eval(self, row):
            self.count, self.total = self.count + 1, self.total + row["v"]

        def terminate(self):
            yield self.count, self.total

    got = Everything(table.asTable().withSinglePartition()).collect()
    assert [tuple(r) for r in got] == [(len(ROWS), sum(v for _, v, _ in ROWS))]
    with pytest.raises(PySparkValueError):
        table.asTable().withSinglePartition().partitionBy("k")


def test_partitioning_ordering_and_selection_from_analyze(spark, table):
    @udtf
    class Ordered:
        def __init__(self, analyze_result):
            self.fields = [c.alias or c.name for c in analyze_result.select]
            self.key, self.values = None, []

        @staticmethod
        def analyze(rows, label):
            assert rows.isTable and not label.isTable
            return AnalyzeResult(
                StructType([StructField("label", StringType()), StructField("k", LongType()),
                            StructField("values", StringType())]),
                partitionBy=[PartitioningColumn("k")],
                orderBy=[OrderingColumn("v", ascending=False)],
                select=[SelectedColumn("k"), SelectedColumn("v", "value")])

        def eval(self, row, label):
            assert list(row.__fields__) == self.fields
            self.key, self.label = row["k"], label
            self.values.append(row["value"])

        def terminate(self):
            yield self.label, self.key, ",".join(map(str, self.values))

    got = Ordered(table.asTable(), label=lit("L")).collect()
    expected = sorted(("L", k, ",".join(str(v) for v in sorted(
        (v for kk, v, _ in ROWS if kk == k), reverse=True))) for k in {r[0] for r in ROWS})
    assert sorted(tuple(r) for r in got) == expected


def test_analyze_must_give_an_analyze_result(spark):
    @udtf
    class Wrong:
        @staticmethod
        def analyze(x):
            return StructType([StructField("x", LongType())])

        def eval(self, x):
            yield x,

    with pytest.raises(PySparkValueError, match="AnalyzeResult"):
        Wrong(lit(1))


def test_sql_table_argument_partition_by_and_order_by(spark, table):
    @udtf(returnType="k long, count long, values string")
    class Sequence:
        def __init__(self):
            self.key, self.values = None, []

        def eval(self, row, sep=","):
            if self.values and row["k"] != self.key:
                raise ValueError("two keys in one instance")
            self.key, self.sep = row["k"], sep
            self.values.append(str(row["v"]))

        def terminate(self):
            yield self.key, len(self.values), self.sep.join(self.values)

    spark.udtf.register("key_sequence", Sequence)
    table.createOrReplaceTempView("udtf_keyed")

    def by_hand(sep, reverse):
        keys = sorted({k for k, _, _ in ROWS})
        return [(k, sum(1 for kk, _, _ in ROWS if kk == k),
                 sep.join(str(v) for v in sorted((v for kk, v, _ in ROWS if kk == k),
                                                 reverse=reverse))) for k in keys]

    got = spark.sql("SELECT * FROM key_sequence(TABLE(udtf_keyed) PARTITION BY k "
                    "ORDER BY v DESC)").collect()
    assert sorted(tuple(r) for r in got) == by_hand(",", True)
    got = spark.sql("SELECT * FROM key_sequence(TABLE(udtf_keyed) PARTITION BY (k, k + 1) "
                    "ORDER BY (v, s), sep => '/')").collect()
    assert sorted(tuple(r) for r in got) == by_hand("/", False)


def test_sql_named_arguments_and_single_partition(spark, table):
    @udtf(returnType="count long, total long, scale long")
    class Total:
        def __init__(self):
            self.count, self.total = 0, 0

        def eval(self, row, scale=1):
            self.count, self.total, self.scale = self.count + 1, self.total + row["v"], scale

        def terminate(self):
            yield self.count, self.total * self.scale, self.scale

    spark.udtf.register("scaled_total", Total)
    table.createOrReplaceTempView("udtf_single")
    got = spark.sql("SELECT * FROM scaled_total(scale => 3, "
                    "row => TABLE(udtf_single) WITH SINGLE PARTITION)").collect()
    assert [tuple(r) for r in got] == [(len(ROWS), 3 * sum(v for _, v, _ in ROWS), 3)]

    @udtf(returnType="a long, b long")
    class Pair:
        def eval(self, a, b=0):
            yield a, b

    spark.udtf.register("pair", Pair)
    assert [tuple(r) for r in spark.sql("SELECT * FROM pair(b => 2, a => 1)").collect()] == \
        [tuple(Pair.func().eval(a=1, b=2))[0]]


def test_sql_call_of_an_analyze_udtf(spark, table):
    @udtf
    class Copies:
        @staticmethod
        def analyze(word, count):
            return AnalyzeResult(StructType([StructField("c%d" % i, word.dataType)
                                             for i in range(count.value)]))

        def eval(self, word, count):
            yield tuple(word + str(i) for i in range(count))

    spark.udtf.register("sql_copies", Copies)
    got = spark.sql("SELECT * FROM sql_copies('ab', 1 + 2)").collect()
    assert [tuple(r) for r in got] == [tuple(Copies.func().eval("ab", 3))[0]]
    got = spark.sql("SELECT * FROM sql_copies(count => 2, word => 'x')")
    assert got.columns == ["c0", "c1"]
    assert [tuple(r) for r in got.collect()] == [("x0", "x1")]


def test_sql_table_argument_partitioned_by_analyze(spark, table):
    @udtf
    class Descending:
        def __init__(self, analyze_result):
            self.key, self.values = None, []

        @staticmethod
        def analyze(rows):
            return AnalyzeResult(
                StructType([StructField("k", LongType()), StructField("values", StringType())]),
                partitionBy=[PartitioningColumn("k")],
                orderBy=[OrderingColumn("v", ascending=False)],
                select=[SelectedColumn("k"), SelectedColumn("v", "value")])

        def eval(self, row):
            if self.values and row["k"] != self.key:
                raise ValueError("two keys in one instance")
            self.key = row["k"]
            self.values.append(str(row["value"]))

        def terminate(self):
            yield self.key, ",".join(self.values)

    spark.udtf.register("descending", Descending)
    table.createOrReplaceTempView("udtf_analyzed")
    got = spark.sql("SELECT * FROM descending(TABLE(udtf_analyzed))").collect()
    expected = sorted((k, ",".join(str(v) for v in sorted(
        (v for kk, v, _ in ROWS if kk == k), reverse=True))) for k in {r[0] for r in ROWS})
    assert sorted(tuple(r) for r in got) == expected
    with pytest.raises(Exception, match="TABLE_VALUED_FUNCTION_REQUIRED_METADATA_INCOMPATIBLE"):
        spark.sql("SELECT * FROM descending(TABLE(udtf_analyzed) PARTITION BY k)").collect()
