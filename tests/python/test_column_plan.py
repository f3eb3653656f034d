"""Column and functions build the expressions of Ember's JSON plan format (docs/plan-format.md)."""

import datetime
import decimal

import pytest

from pyspark.errors import PySparkValueError
from pyspark.sql import Column
from pyspark.sql import functions as F


def col(name):
    return {"e": "col", "name": name}


def lit(value, type_name):
    return {"e": "lit", "value": value, "type": type_name}


def test_operators():
    c = F.col("a")
    assert (c + 1)._expr == {"e": "fn", "name": "+", "args": [col("a"), lit(1, "int")]}
    assert (1 - c)._expr == {"e": "fn", "name": "-", "args": [lit(1, "int"), col("a")]}
    assert (c * 2.5)._expr["args"][1] == lit(2.5, "double")
    assert (c / F.col("b"))._expr == {"e": "fn", "name": "/", "args": [col("a"), col("b")]}
    assert (c % 3)._expr["name"] == "%"
    assert (-c)._expr == {"e": "fn", "name": "-", "args": [col("a")]}  # the operator, named (- a)
    for op, name in [(c == 1, "="), (c != 1, "!="), (c < 1, "<"), (c <= 1, "<="), (c > 1, ">"),
                     (c >= 1, ">="), (c.eqNullSafe(1), "<=>")]:
        assert op._expr == {"e": "fn", "name": name, "args": [col("a"), lit(1, "int")]}


def test_logic_and_null_tests():
    a, b = F.col("a"), F.col("b")
    assert (a & b)._expr == {"e": "and", "args": [col("a"), col("b")]}
    assert (a | b)._expr == {"e": "or", "args": [col("a"), col("b")]}
    assert (~a)._expr == {"e": "fn", "name": "not", "args": [col("a")]}
    assert a.isNull()._expr == {"e": "fn", "name": "isnull", "args": [col("a")]}
    assert a.isNotNull()._expr == {"e": "fn", "name": "isnotnull", "args": [col("a")]}


def test_bool_raises_as_pyspark():
    with pytest.raises(PySparkValueError) as info:
        bool(F.col("a") > 1)
    assert info.value.getErrorClass() == "CANNOT_CONVERT_COLUMN_INTO_BOOL"
    assert str(info.value).startswith("[CANNOT_CONVERT_COLUMN_INTO_BOOL] Cannot convert column")
    with pytest.raises(PySparkValueError):
        F.col("a") > 1 and F.col("b") < 2


def test_literal_types():
    assert F.lit(1)._expr == lit(1, "int")
    assert F.lit(2 ** 40)._expr == lit(2 ** 40, "bigint")
    assert F.lit(True)._expr == lit(True, "boolean")
    assert F.lit(None)._expr == lit(None, "void")
    assert F.lit("s")._expr == lit("s", "string")
    assert F.lit(float("nan"))._expr == lit("NaN", "double")
    assert F.lit(decimal.Decimal("12.50"))._expr == lit("12.50", "decimal(4,2)")
    assert F.lit(datetime.date(1970, 1, 11))._expr == lit(10, "date")
    assert F.lit(b"\x0a\x1b")._expr == lit("0a1b", "binary")
    assert F.lit([1, 2])._expr == lit([1, 2], "array<int>")


def test_alias_cast_sort():
    c = F.col("a")
    assert c.alias("b")._expr == {"e": "alias", "child": col("a"), "name": "b"}
    assert c.name("b")._expr == c.alias("b")._expr
    assert c.cast("int")._expr == {"e": "cast", "child": col("a"), "type": "int"}
    from pyspark.sql.types import DecimalType
    assert c.astype(DecimalType(10, 2))._expr["type"] == "decimal(10,2)"
    assert c.asc()._expr == {"e": "sort", "child": col("a"), "asc": True, "nulls_first": True}
    assert c.desc()._expr == {"e": "sort", "child": col("a"), "asc": False, "nulls_first": False}
    assert c.asc_nulls_last()._expr["nulls_first"] is False
    assert c.desc_nulls_first()._expr["nulls_first"] is True


def test_when_otherwise_between_isin():
    w = F.when(F.col("a") > 1, "big").when(F.col("a") > 0, "small").otherwise("none")
    assert w._expr == {"e": "when", "branches": [
        [{"e": "fn", "name": ">", "args": [col("a"), lit(1, "int")]}, lit("big", "string")],
        [{"e": "fn", "name": ">", "args": [col("a"), lit(0, "int")]}, lit("small", "string")]],
        "else": lit("none", "string")}
    with pytest.raises(PySparkValueError):
        w.otherwise("again")
    between = F.col("a").between(1, 5)._expr
    assert between["e"] == "and"
    assert [arg["name"] for arg in between["args"]] == [">=", "<="]
    isin = F.col("a").isin(1, 2)._expr
    assert isin.pop("display") == "(a IN (1, 2))"
    assert isin == {"e": "or", "args": [
        {"e": "fn", "name": "=", "args": [col("a"), lit(1, "int")]},
        {"e": "fn", "name": "=", "args": [col("a"), lit(2, "int")]}]}
    assert F.col("a").isin([])._expr == dict(lit(False, "boolean"), display="(a IN ())")


def test_function_defaults_are_explicit():
    assert F.from_unixtime("t")._expr == {"e": "fn", "name": "from_unixtime", "args": [
        col("t"), lit("yyyy-MM-dd HH:mm:ss", "string")]}
    assert F.to_timestamp("t")._expr == {"e": "fn", "name": "to_timestamp", "args": [col("t")]}
    assert F.to_date("t", "yyyy")._expr["args"][1] == lit("yyyy", "string")
    assert F.round("x")._expr == {"e": "fn", "name": "round", "args": [col("x"), lit(0, "int")]}
    assert F.unix_timestamp()._expr["args"][0] == {"e": "fn", "name": "current_timestamp",
                                                   "args": []}
    assert F.date_add("d", 3)._expr["args"][1] == lit(3, "int")
    assert F.substring("s", 1, 2)._expr["args"][1:] == [lit(1, "int"), lit(2, "int")]


def test_aggregates():
    assert F.count("*")._expr == {"e": "agg", "name": "count", "args": [lit(1, "int")],
                                  "distinct": False}
    assert F.countDistinct("u")._expr == {"e": "agg", "name": "count", "args": [col("u")],
                                          "distinct": True}
    assert F.mean("x")._expr["name"] == "avg"
    assert F.first("x", ignorenulls=True)._expr["args"] == [col("x"), lit(True, "boolean")]
    for fn, name in [(F.sum, "sum"), (F.avg, "avg"), (F.min, "min"), (F.max, "max"),
                     (F.last, "last")]:
        assert fn("x")._expr == {"e": "agg", "name": name, "args": [col("x")], "distinct": False}


def test_col_names_and_star():
    assert F.col("*")._expr == {"e": "star"}
    assert F.col("t.*")._expr == {"e": "star", "target": "t"}
    assert F.col("a.b")._expr == col("a.b")
    assert isinstance(F.column("a"), Column)


def test_expr_is_sql_text_for_the_engine():
    assert F.expr("a + 1")._expr == {"e": "sql", "text": "a + 1"}


def test_repr():
    assert repr(F.col("a") + 1) == "Column<'(a + 1)'>"
    assert repr(F.count("*").alias("n")) == "Column<'count(1) AS n'>"


def test_field_and_item_access_extract_values():
    def extract(base, key):
        return {"e": "fn", "name": "extract_value", "args": [base, key]}
    assert F.col("s").x._expr == extract(col("s"), lit("x", "string"))
    assert F.col("s")["a b"]._expr == extract(col("s"), lit("a b", "string"))
    assert F.col("s").getField("x").y._expr == extract(extract(col("s"), lit("x", "string")), lit("y", "string"))
    assert F.col("a")[0]._expr == extract(col("a"), lit(0, "int"))
    assert (F.col("s") + 1).x._expr == extract((F.col("s") + 1)._expr, lit("x", "string"))
    assert F.col("s")[1:3]._expr == {"e": "fn", "name": "substr", "args": [
        col("s"), lit(1, "int"), lit(3, "int")]}