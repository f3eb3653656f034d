"""Python user-defined table functions (pyspark.sql.functions.udtf, spark.udtf.register): rows
checked against the same class driven by hand in plain Python."""

import pytest

from pyspark.errors import (PySparkAttributeError, PySparkTypeError, PySparkValueError,
                            PythonException)
from pyspark.errors.exceptions.base import AnalysisException
from pyspark.sql import Row
from pyspark.sql import functions as F
from pyspark.sql.functions import lit, udtf
from pyspark.sql.types import IntegerType, StringType, StructField, StructType


class Steps:
    """A start, an end: each step between them with its square, then how many rows it saw."""

    def __init__(self):
        self.seen = 0

    def eval(self, start, end):
        self.seen += 1
        for i in range(start, end):
            yield i, i * i

    def terminate(self):
        yield -1, self.seen


def by_hand(cls, *arg_rows):
    """What one instance of `cls` gives for these argument tuples: eval's rows for each, then
    terminate's after the last."""
    handler = cls()
    out = [[tuple(r) for r in (handler.eval(*args) or [])] for args in arg_rows]
    if hasattr(handler, "terminate"):
        out[-1] += [tuple(r) for r in (handler.terminate() or [])]
    return out


STEPS = udtf(Steps, returnType="i: int, square: int")


def test_called_from_python(spark):
    rows = STEPS(lit(2), lit(5)).collect()
    assert [tuple(r) for r in rows] == by_hand(Steps, (2, 5))[0]
    assert STEPS(lit(2), lit(5)).columns == ["i", "square"]
    assert STEPS.returnType == StructType([StructField("i", IntegerType()),
                                          StructField("square", IntegerType())])


def test_decorator_with_struct_type_and_dict_and_row_outputs(spark):
    schema = StructType([StructField("word", StringType()), StructField("size", IntegerType())])

    @udtf(returnType=schema)
    class Words:
        def eval(self, text):
            for n, word in enumerate(text.split()):
                yield {"size": len(word), "word": word} if n % 2 else Row(word, len(word))

    rows = Words(lit("to be or not")).collect()
    assert [tuple(r) for r in rows] == [(w, len(w)) for w in "to be or not".split()]
    assert Words(lit("a")).schema == schema


def test_sql_from_clause_with_aliases(spark):
    spark.udtf.register("steps", STEPS)
    expected = by_hand(Steps, (0, 3))[0]
    assert [tuple(r) for r in spark.sql("SELECT * FROM steps(0, 3)").collect()] == expected
    aliased = spark.sql("SELECT s.k, s.v FROM steps(0, 3) AS s(k, v) WHERE s.v >= 0")
    assert [tuple(r) for r in aliased.collect()] == [r for r in expected if r[1] >= 0]


def test_sql_lateral_join(spark):
    spark.udtf.register("steps", STEPS)
    data = [(1, 3), (4, 4), (5, 7)]
    spark.createDataFrame(data, "a int, b int").coalesce(1).createOrReplaceTempView("udtf_input")
    got = spark.sql("SELECT * FROM udtf_input, LATERAL steps(a, b)").collect()
    per_row = by_hand(Steps, *data)
    expected = [row + out for row, outs in zip(data, per_row) for out in outs]
    assert sorted(tuple(r) for r in got) == sorted(expected)
    joined = spark.sql("SELECT u.a, s.square FROM udtf_input u JOIN LATERAL steps(u.a, u.a + 2) s "
                       "WHERE s.i >= 0")
    assert sorted(tuple(r) for r in joined.collect()) == sorted(
        (a, i * i) for a, _ in data for i in range(a, a + 2))


def test_table_argument(spark):
    @udtf(returnType="total: int, label: string")
    class Totals:
        def eval(self, row):
            yield row.a + row.b, "%s-%s" % (row["a"], row["b"])

    spark.udtf.register("totals", Totals)
    data = [(1, 3), (4, 4), (5, 7)]
    spark.createDataFrame(data, "a int, b int").createOrReplaceTempView("udtf_table")
    expected = sorted((a + b, "%s-%s" % (a, b)) for a, b in data)
    for text in ("SELECT * FROM totals(TABLE(udtf_table))", "SELECT * FROM totals(TABLE udtf_table)"):
        assert sorted(tuple(r) for r in spark.sql(text).collect()) == expected
    query = spark.sql("SELECT * FROM totals(TABLE(SELECT b AS a, a AS b FROM udtf_table WHERE a > 1))")
    assert sorted(tuple(r) for r in query.collect()) == sorted(
        (a + b, "%s-%s" % (b, a)) for a, b in data if a > 1)


def test_nulls_reach_eval_as_none_and_none_results_give_no_rows(spark):
    @udtf(returnType="x: int")
    class NoneAware:
        def eval(self, value):
            if value is not None:
                yield (value,)

    spark.udtf.register("none_aware", NoneAware)
    spark.createDataFrame([(1,), (None,), (3,)], "v int").createOrReplaceTempView("udtf_nulls")
    got = spark.sql("SELECT v, x FROM udtf_nulls, LATERAL none_aware(v)").collect()
    assert sorted(tuple(r) for r in got) == [(1, 1), (3, 3)]
    assert NoneAware(lit(None).cast("int")).collect() == []


def test_use_arrow_is_accepted(spark):
    arrow_steps = udtf(Steps, returnType="i: int, square: int", useArrow=True)
    assert [tuple(r) for r in arrow_steps(lit(1), lit(3)).collect()] == by_hand(Steps, (1, 3))[0]


def test_declaration_errors(spark):
    with pytest.raises(PySparkTypeError) as info:
        udtf(lambda x: x, returnType="a: int")
    assert info.value.getErrorClass() == "INVALID_UDTF_HANDLER_TYPE"

    class NoEval:
        pass

    with pytest.raises(PySparkAttributeError) as info:
        udtf(NoEval, returnType="a: int")
    assert info.value.getErrorClass() == "INVALID_UDTF_NO_EVAL"
    with pytest.raises(PySparkAttributeError) as info:
        udtf(Steps)
    assert info.value.getErrorClass() == "INVALID_UDTF_RETURN_TYPE"
    with pytest.raises(PySparkTypeError) as info:
        udtf(Steps, returnType="int").returnType
    assert info.value.getErrorClass() == "UDTF_RETURN_TYPE_MISMATCH"
    with pytest.raises(PySparkTypeError) as info:
        spark.udtf.register("not_a_udtf", F.udf(lambda x: x))
    assert info.value.getErrorClass() == "INVALID_UDTF_EVAL_TYPE"
    with pytest.raises(PySparkValueError) as info:
        STEPS(lit(1))
    assert info.value.getErrorClass() == "UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH_SIGNATURE"


def test_unknown_table_function(spark):
    with pytest.raises(AnalysisException) as info:
        spark.sql("SELECT * FROM no_such_udtf(1)")
    assert info.value.getErrorClass() == "UNRESOLVABLE_TABLE_VALUED_FUNCTION"


@pytest.mark.parametrize("body, error_class", [
    ("yield 1, 2", "UDTF_RETURN_SCHEMA_MISMATCH"),
    ("yield 7", "UDTF_INVALID_OUTPUT_ROW_TYPE"),
    ("return 7", "UDTF_RETURN_NOT_ITERABLE"),
    ("raise ValueError('bad input %s' % x)", "UDTF_EXEC_ERROR"),
])
def test_runtime_errors_are_python_exceptions(spark, body, error_class):
    namespace = {}
    exec("class Broken:\n    def eval(self, x):\n        %s\n" % body, namespace)
    broken = udtf(namespace["Broken"], returnType="a: int")
    with pytest.raises(PythonException) as info:
        broken(lit(5)).collect()
    assert error_class in str(info.value)
    spark.udtf.register("broken", broken)
    with pytest.raises(PythonException) as info:
        spark.sql("SELECT * FROM broken(5)").collect()
    assert error_class in str(info.value)
    if error_class == "UDTF_EXEC_ERROR":
        assert "ValueError: bad input 5" in str(info.value)
