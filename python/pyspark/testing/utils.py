"""assertDataFrameEqual and assertSchemaEqual with PySpark's arguments and error classes: a schema
difference is DIFFERENT_SCHEMA with a difflib diff of the two schemas, a row difference is
DIFFERENT_ROWS listing actual and expected rows with `!` before each that differs."""

import decimal
import difflib
import math

from pyspark.errors import PySparkAssertionError, PySparkTypeError, PySparkValueError
from pyspark.sql.types import ArrayType, MapType, Row, StructField, StructType

_DF_TYPES = "Union[DataFrame, ps.DataFrame, List[Row]]"


def _same_type_ignoring_nullable(a, b):
    if a.typeName() != b.typeName():
        return False
    if isinstance(a, ArrayType):
        return _same_type_ignoring_nullable(a.elementType, b.elementType)
    if isinstance(a, MapType):
        return (_same_type_ignoring_nullable(a.keyType, b.keyType) and
                _same_type_ignoring_nullable(a.valueType, b.valueType))
    if isinstance(a, StructType):
        return _same_fields_ignoring_nullable(a, b)
    return a == b


def _same_fields_ignoring_nullable(a, b):
    if len(a.fields) != len(b.fields):
        return False
    return all(x.name == y.name and _same_type_ignoring_nullable(x.dataType, y.dataType)
               for x, y in zip(a.fields, b.fields))


def _renamed_by_position(schema):
    return StructType([StructField(str(i), f.dataType, f.nullable)
                       for i, f in enumerate(schema.fields)])


def assertSchemaEqual(actual, expected, ignoreNullable=True, ignoreColumnOrder=False,
                      ignoreColumnName=False):
    """Raises PySparkAssertionError (DIFFERENT_SCHEMA) unless the two schemas are equal."""
    __tracebackhide__ = True
    for name, value in (("actual", actual), ("expected", expected)):
        if not isinstance(value, StructType):
            raise PySparkTypeError(errorClass="NOT_STRUCT",
                                   messageParameters={"arg_name": name,
                                                      "arg_type": type(value).__name__})
    if ignoreColumnOrder:
        actual = StructType(sorted(actual.fields, key=lambda f: f.name))
        expected = StructType(sorted(expected.fields, key=lambda f: f.name))
    if ignoreColumnName:
        actual, expected = _renamed_by_position(actual), _renamed_by_position(expected)
    same = _same_fields_ignoring_nullable(actual, expected) if ignoreNullable \
        else actual == expected
    if not same:
        diff = difflib.ndiff(str(actual).splitlines(), str(expected).splitlines())
        raise PySparkAssertionError(errorClass="DIFFERENT_SCHEMA",
                                    messageParameters={"error_msg": "\n".join(diff)})


def _close(a, b, rtol, atol):
    """Values equal, floats and decimals within atol + rtol * |b|, nested values alike."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= atol + rtol * abs(b)
    if isinstance(a, decimal.Decimal) and isinstance(b, decimal.Decimal):
        return abs(a - b) <= decimal.Decimal(atol) + decimal.Decimal(rtol) * abs(b)
    if isinstance(a, Row) and isinstance(b, Row):
        return len(a) == len(b) and all(_close(x, y, rtol, atol) for x, y in zip(a, b))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y, rtol, atol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k], rtol, atol) for k in a)
    return a == b


def _rows_message(actual, expected, differs, show_only_diff):
    lines = ["*** actual ***"]
    for i, row in enumerate(actual):
        if differs[i] or not show_only_diff:
            lines.append(("! " if differs[i] else "  ") + str(row))
    lines.append("*** expected ***")
    for i, row in enumerate(expected):
        if differs[i] or not show_only_diff:
            lines.append(("! " if differs[i] else "  ") + str(row))
    return lines


def _compare_rows(actual, expected, rtol, atol, maxErrors, showOnlyDiff, includeDiffRows):
    count = max(len(actual), len(expected))
    differs, errors, diff_rows = [], 0, []
    for i in range(count):
        a = actual[i] if i < len(actual) else None
        b = expected[i] if i < len(expected) else None
        bad = a is None or b is None or not _close(a, b, rtol, atol)
        differs.append(bad)
        if bad:
            errors += 1
            diff_rows.append((a, b))
            if maxErrors is not None and errors >= maxErrors:
                break
    if not errors:
        return
    percent = errors / max(len(actual), 1) * 100
    lines = ["Results do not match: ( %.5f %% )" % percent]
    differs += [True] * (count - len(differs))
    lines += _rows_message(actual, expected, differs, showOnlyDiff)
    raise PySparkAssertionError(errorClass="DIFFERENT_ROWS",
                                messageParameters={"error_msg": "\n".join(lines)},
                                data=diff_rows if includeDiffRows else None)


def _is_dataframe(value):
    from pyspark.sql.dataframe import DataFrame
    return isinstance(value, DataFrame)


def _is_pandas(value):
    try:
        import pandas as pd
    except ImportError:
        return False
    return isinstance(value, pd.DataFrame)


def _check_argument(value, name):
    if value is None or not (_is_dataframe(value) or _is_pandas(value) or
                             isinstance(value, list)):
        raise PySparkAssertionError(errorClass="INVALID_TYPE_DF_EQUALITY_ARG",
                                    messageParameters={"expected_type": _DF_TYPES,
                                                       "arg_name": name,
                                                       "actual_type": type(value)})


def assertDataFrameEqual(actual, expected, checkRowOrder=False, rtol=1e-5, atol=1e-8,
                         ignoreNullable=True, ignoreColumnOrder=False, ignoreColumnName=False,
                         ignoreColumnType=False, maxErrors=None, showOnlyDiff=False,
                         includeDiffRows=False):
    """Raises PySparkAssertionError unless `actual` and `expected` (DataFrames or lists of
    Rows) have the same schema (when both are DataFrames) and the same rows, in any order
    unless checkRowOrder."""
    __tracebackhide__ = True
    if actual is None and expected is None:
        return
    _check_argument(actual, "actual")
    _check_argument(expected, "expected")
    if _is_pandas(actual) or _is_pandas(expected):
        import pandas.testing
        pandas.testing.assert_frame_equal(actual, expected, check_dtype=not ignoreColumnType,
                                          rtol=rtol, atol=atol)
        return
    if ignoreColumnOrder and ignoreColumnName:
        raise PySparkValueError(errorClass="CANNOT_SET_TOGETHER",
                                messageParameters={"arg_list":
                                                   "ignoreColumnOrder, ignoreColumnName"})
    if ignoreColumnOrder:
        if _is_dataframe(actual):
            actual = actual.select(*sorted(actual.columns))
        if _is_dataframe(expected):
            expected = expected.select(*sorted(expected.columns))
    if _is_dataframe(actual) and _is_dataframe(expected) and not ignoreColumnType:
        assertSchemaEqual(actual.schema, expected.schema, ignoreNullable=ignoreNullable,
                          ignoreColumnName=ignoreColumnName)
    actual_rows = actual.collect() if _is_dataframe(actual) else list(actual)
    expected_rows = expected.collect() if _is_dataframe(expected) else list(expected)
    if not checkRowOrder:
        actual_rows = sorted(actual_rows, key=str)
        expected_rows = sorted(expected_rows, key=str)
    _compare_rows(actual_rows, expected_rows, rtol, atol, maxErrors, showOnlyDiff,
                  includeDiffRows)
