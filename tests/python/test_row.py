"""Row: tuple semantics plus access by field name, repr as PySpark prints it."""

import pickle

import pytest

from pyspark.sql import Row


def test_keyword_row():
    row = Row(name="Alice", age=11)
    assert repr(row) == "Row(name='Alice', age=11)"
    assert row.name == "Alice"
    assert row["age"] == 11
    assert row[0] == "Alice"
    assert tuple(row) == ("Alice", 11)
    assert "name" in row and "height" not in row
    assert row.asDict() == {"name": "Alice", "age": 11}


def test_positional_row_and_row_class():
    assert repr(Row(1, "x")) == "<Row(1, 'x')>"
    Person = Row("name", "age")
    alice = Person("Alice", 11)
    assert alice == Row(name="Alice", age=11)
    assert alice.age == 11
    assert repr(alice) == "Row(name='Alice', age=11)"


def test_rows_compare_as_tuples():
    assert Row(a=1, b=2) == (1, 2)
    assert sorted([Row(a=2), Row(a=1)]) == [Row(a=1), Row(a=2)]


def test_unknown_field():
    row = Row(a=1)
    with pytest.raises(AttributeError):
        row.b
    with pytest.raises(ValueError):
        row["b"]


def test_recursive_as_dict():
    row = Row(a=Row(b=1, c=[Row(d=2)]), e={"k": Row(f=3)})
    assert row.asDict(recursive=True) == {"a": {"b": 1, "c": [{"d": 2}]}, "e": {"k": {"f": 3}}}
    assert isinstance(row.asDict()["a"], Row)


def test_row_is_read_only_and_picklable():
    row = Row(a=1, b="x")
    with pytest.raises(RuntimeError):
        row.a = 2
    copy = pickle.loads(pickle.dumps(row))
    assert copy == row and copy.b == "x"
