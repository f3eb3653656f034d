"""Python UDFs (pyspark.sql.functions.udf, spark.udf.register): results checked against the same
function applied in plain Python."""

import pytest

from pyspark.errors import PythonException
from pyspark.sql import Row
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType


@pytest.fixture(scope="module")
def people(spark):
    rows = [(1, "ann", 34), (2, "bob", None), (3, "cy", 19), (4, None, 51)]
    return spark.createDataFrame(rows, "id int, name string, age int"), rows


def test_function_form_and_default_string_type(spark, people):
    df, rows = people
    shout = F.udf(lambda s: None if s is None else s.upper() + "!")
    got = [r[0] for r in df.orderBy("id").select(shout("name")).collect()]
    assert got == [None if n is None else n.upper() + "!" for _, n, _ in rows]
    assert df.select(shout("name")).schema.fields[0].dataType == StringType()
    # The default string type turns other values into their text.
    assert df.orderBy("id").select(F.udf(lambda i: i * 10)("id")).collect()[0][0] == "10"


def test_decorator_forms_and_ddl_types(spark, people):
    df, rows = people

    @F.udf
    def first_letter(s):
        return s[0] if s else None

    @F.udf("int")
    def plus_one(x):
        return None if x is None else x + 1

    @F.udf(returnType=LongType())
    def times(a, b):
        return a * b

    out = df.orderBy("id").select(first_letter("name"), plus_one("age"), times("id", F.lit(3)))
    assert [tuple(r) for r in out.collect()] == [
        (n[0] if n else None, None if a is None else a + 1, i * 3) for i, n, a in rows]
    assert [f.dataType for f in out.schema.fields] == [StringType(), IntegerType(), LongType()]
    assert out.columns[1] == "plus_one(age)"


def test_values_that_do_not_fit_become_null(spark, people):
    df, _ = people
    half = F.udf(lambda i: i / 2, "int")
    assert [r[0] for r in df.orderBy("id").select(half("id")).collect()] == [None] * 4


def test_in_filter_groupby_and_join(spark, people):
    df, rows = people
    adult = F.udf(lambda a: a is not None and a >= 21, "boolean")
    assert sorted(r.id for r in df.filter(adult("age")).collect()) == \
        sorted(i for i, _, a in rows if a is not None and a >= 21)

    parity = F.udf(lambda i: "odd" if i % 2 else "even")
    grouped = {r[0]: r[1] for r in df.groupBy(parity("id").alias("p")).agg(F.sum("id")).collect()}
    assert grouped == {"odd": 1 + 3, "even": 2 + 4}
    doubled = F.udf(lambda a: None if a is None else 2 * a, "int")
    total = df.agg(F.sum(doubled("age"))).collect()[0][0]
    assert total == sum(2 * a for _, _, a in rows if a is not None)

    other = spark.createDataFrame([(2, "x"), (6, "y")], "k int, v string")
    half = F.udf(lambda k: k // 2, "int")
    joined = df.join(other, half(other.k) == df.id).select("id", "v").orderBy("id").collect()
    assert [tuple(r) for r in joined] == [(1, "x"), (3, "y")]


def test_struct_return_type(spark, people):
    df, rows = people
    schema = StructType([StructField("n", StringType()), StructField("len", IntegerType())])
    info = F.udf(lambda s: None if s is None else (s, len(s)), schema)
    got = [r[0] for r in df.orderBy("id").select(info("name")).collect()]
    assert got == [None if n is None else Row(n=n, len=len(n)) for _, n, _ in rows]


def test_registered_for_sql(spark, people):
    df, rows = people
    df.createOrReplaceTempView("udf_people")
    returned = spark.udf.register("name_len", lambda s: None if s is None else len(s), "int")
    got = spark.sql("SELECT id, name_len(name) AS n FROM udf_people WHERE name_len(name) > 2 "
                    "ORDER BY id").collect()
    assert [tuple(r) for r in got] == [(i, len(n)) for i, n, _ in rows if n and len(n) > 2]
    # What register returns is usable as a DataFrame UDF too.
    assert df.orderBy("id").select(returned("name")).collect()[0][0] == 3
    wrapped = F.udf(lambda s: s * 2 if s else s)
    spark.udf.register("twice_text", wrapped)
    assert spark.sql("SELECT twice_text('ab')").collect()[0][0] == "abab"


def test_exception_is_python_exception_with_traceback(spark, people):
    df, _ = people

    def explode_on_three(i):
        if i == 3:
            raise ValueError("no threes here")
        return i

    bad = F.udf(explode_on_three, "int")
    with pytest.raises(PythonException) as info:
        df.select(bad("id")).collect()
    text = str(info.value)
    assert "An exception was thrown from the Python worker" in text
    assert "Traceback (most recent call last)" in text
    assert "in explode_on_three" in text and "ValueError: no threes here" in text


def test_nondeterministic_udf_is_not_duplicated(spark):
    calls = []

    def counted(i):
        calls.append(i)
        return i

    once = F.udf(counted, "long").asNondeterministic()
    assert once.deterministic is False
    df = spark.range(0, 5, 1, 1).select(once("id").alias("x"))
    rows = df.select((F.col("x") + F.col("x")).alias("y")).collect()
    assert sorted(r.y for r in rows) == [0, 2, 4, 6, 8]
    assert sorted(calls) == [0, 1, 2, 3, 4]


def test_zero_argument_udf(spark):
    seven = F.udf(lambda: 7, "int")
    assert [r[0] for r in spark.range(3).select(seven()).collect()] == [7, 7, 7]


def test_first_udf_results_from_two_task_threads_at_once():
    # In a fresh process, two tasks converting their first UDF results at the same moment once
    # deadlocked in pybind11's one-time numpy lookup.
    import os
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    script = (
        "import sys; sys.path.insert(0, %r)\n"
        "import ember; ember.activate()\n"
        "from pyspark.sql import SparkSession, functions as F\n"
        "spark = SparkSession.builder.master('local[2]').getOrCreate()\n"
        "df = spark.range(0, 8, 1, 8).repartition(4)\n"
        "print(sorted(r[0] for r in df.select(F.udf(lambda i: i * 2.0, 'double')('id')).collect()))\n"
    ) % os.path.join(root, "python")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[0] == str([i * 2.0 for i in range(8)])


def test_keyword_arguments(spark, people):
    df, rows = people

    @F.udf("string")
    def label(name, age=0, suffix="?"):
        return "%s/%s%s" % (name, age, suffix)

    out = df.select(label("name", suffix=F.lit("!"), age=F.col("age") + 1), label(df.name), label(age="id", name="name"))
    assert out.columns == ["label(name, suffix => !, age => (age + 1))", "label(name)", "label(age => id, name => name)"]
    expected = [(label.func(n, suffix="!", age=None if a is None else a + 1), label.func(n),
                 label.func(age=i, name=n)) for i, n, a in rows]
    assert [tuple(r) for r in out.collect()] == expected
