"""Missing-value handling (df.na, fillna, dropna, replace) as projections and filters built from
ordinary expressions, with PySpark's argument rules and Spark's choice of the columns each value
applies to (a number fills numeric columns, a string string columns, a bool boolean columns)."""

import math

from pyspark.errors import AnalysisException, PySparkTypeError, PySparkValueError
from pyspark.sql.column import Column, fn, lit_expr, quoted_name_expr
from pyspark.sql.types import BooleanType, DoubleType, FloatType, NumericType, StringType

NO_VALUE = object()


def _type_error(error_class, arg_name, value):
    return PySparkTypeError(errorClass=error_class,
                            messageParameters={"arg_name": arg_name,
                                               "arg_type": type(value).__name__})


def _subset_list(subset, error_class):
    if subset is None or isinstance(subset, (list, tuple)):
        return None if subset is None else list(subset)
    if isinstance(subset, str):
        return [subset]
    raise _type_error(error_class, "subset", subset)


def find_fields(df, names, resolve_error=False):
    """The top-level fields named `names` (case-insensitively, as Spark's resolver). A name that
    is not a column raises UNRESOLVED_COLUMN_AMONG_FIELD_NAMES, or with `resolve_error` the
    engine's error for a column reference (UNRESOLVED_COLUMN.WITH_SUGGESTION), as df.col does."""
    fields = df.schema.fields
    by_name = {}
    for f in fields:
        by_name.setdefault(f.name.lower(), f)
    for name in names:
        if name.lower() not in by_name:
            if resolve_error:
                df.select(Column(quoted_name_expr(name))).schema
            raise AnalysisException(
                errorClass="UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", sqlState="42703",
                messageParameters={"colName": name,
                                   "fieldNames": ", ".join(f.name for f in fields)},
                message='[UNRESOLVED_COLUMN_AMONG_FIELD_NAMES] Cannot resolve column name "%s" '
                        'among (%s). SQLSTATE: 42703'
                        % (name, ", ".join(f.name for f in fields)))
    return [by_name[n.lower()] for n in names]


def _project(df, replacements):
    """df with the columns in `replacements` (name -> expression) replaced in place."""
    exprs = []
    for f in df.schema.fields:
        expr = replacements.get(f.name)
        if expr is None:
            exprs.append(quoted_name_expr(f.name))
        else:
            exprs.append({"e": "alias", "child": expr, "name": f.name})
    return df._with({"op": "project", "input": df._plan, "exprs": exprs})


def _without_nan(field):
    ref = quoted_name_expr(field.name)
    if isinstance(field.dataType, (DoubleType, FloatType)):
        null = {"e": "lit", "value": None, "type": field.dataType.simpleString()}
        return fn("nanvl", ref, null)
    return ref


def _fill_expr(field, value):
    cast = {"e": "cast", "child": lit_expr(value), "type": field.dataType.simpleString()}
    return {"e": "coalesce", "args": [_without_nan(field), cast]}


def _fills_type(value, data_type):
    if isinstance(value, bool):
        return isinstance(data_type, BooleanType)
    if isinstance(value, (int, float)):
        return isinstance(data_type, NumericType)
    return isinstance(data_type, StringType)


def fill(df, value, subset=None):
    if not isinstance(value, (float, int, str, bool, dict)):
        raise _type_error("NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR", "value", value)
    if not isinstance(value, bool) and isinstance(value, int):
        value = float(value)
    if isinstance(value, dict):
        fields = find_fields(df, list(value.keys()), True)
        replacements = {}
        for field, v in zip(fields, value.values()):
            if not isinstance(v, (float, int, str, bool)):
                raise _type_error("NOT_BOOL_OR_FLOAT_OR_INT_OR_STR", "value", v)
            replacements[field.name] = _fill_expr(field, v)
        return _project(df, replacements)
    names = _subset_list(subset, "NOT_LIST_OR_TUPLE")
    fields = df.schema.fields if names is None else find_fields(df, names, True)
    replacements = {f.name: _fill_expr(f, value) for f in fields if _fills_type(value, f.dataType)}
    return _project(df, replacements)


def drop(df, how="any", thresh=None, subset=None):
    if how is not None and how not in ("any", "all"):
        raise PySparkValueError(errorClass="VALUE_NOT_ANY_OR_ALL",
                                messageParameters={"arg_name": "how", "arg_value": str(how)})
    names = _subset_list(subset, "NOT_LIST_OR_STR_OR_TUPLE")
    fields = df.schema.fields if names is None else find_fields(df, names, True)
    if thresh is None:
        thresh = len(fields) if how == "any" else 1
    # Spark's AtLeastNNonNulls: a NaN counts as missing too.
    present = []
    for f in fields:
        ref = quoted_name_expr(f.name)
        test = fn("isnotnull", ref)
        if isinstance(f.dataType, (DoubleType, FloatType)):
            test = {"e": "and", "args": [test, fn("not", fn("isnan", ref))]}
        present.append({"e": "when", "branches": [[test, lit_expr(1)]], "else": lit_expr(0)})
    if not present:
        count = lit_expr(0)
    else:
        count = present[0]
        for p in present[1:]:
            count = fn("+", count, p)
    condition = fn(">=", count, lit_expr(int(thresh)))
    return df._with({"op": "filter", "input": df._plan, "condition": condition})


def _all_of(values, types):
    return all(isinstance(v, types) for v in values)


def replace(df, to_replace, value=NO_VALUE, subset=None):
    if value is NO_VALUE:
        if isinstance(to_replace, dict):
            value = None
        else:
            raise PySparkTypeError(errorClass="ARGUMENT_REQUIRED",
                                   messageParameters={"arg_name": "value",
                                                      "condition": "`to_replace` is dict"})
    valid = (bool, float, int, str, list, tuple)
    if not isinstance(to_replace, valid + (dict,)):
        raise _type_error("NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_LIST_OR_STR_OR_TUPLE",
                          "to_replace", to_replace)
    if not isinstance(value, valid) and value is not None and not isinstance(to_replace, dict):
        raise _type_error("NOT_BOOL_OR_FLOAT_OR_INT_OR_LIST_OR_NONE_OR_STR_OR_TUPLE",
                          "value", value)
    if isinstance(to_replace, (list, tuple)) and isinstance(value, (list, tuple)) \
            and len(to_replace) != len(value):
        raise PySparkValueError(errorClass="LENGTH_SHOULD_BE_THE_SAME",
                                messageParameters={"arg1": "to_replace", "arg2": "value",
                                                   "arg1_length": str(len(to_replace)),
                                                   "arg2_length": str(len(value))})
    if not (subset is None or isinstance(subset, (list, tuple, str))):
        raise _type_error("NOT_LIST_OR_STR_OR_TUPLE", "subset", subset)
    if isinstance(to_replace, (float, int, str)):
        to_replace = [to_replace]
    if isinstance(to_replace, dict):
        mapping = dict(to_replace)
    else:
        if isinstance(value, (float, int, str)) or value is None:
            value = [value] * len(to_replace)
        mapping = dict(zip(to_replace, value))
    targets = [v for v in mapping.values() if v is not None]
    if not any(_all_of(mapping.keys(), t) and _all_of(targets, t)
               for t in (bool, str, (float, int))):
        raise PySparkValueError(errorClass="MIXED_TYPE_REPLACEMENT", messageParameters={})
    if not mapping:
        return df
    names = _subset_list(subset, "NOT_LIST_OR_STR_OR_TUPLE")
    fields = df.schema.fields if names is None else find_fields(df, names, True)
    first = next(iter(mapping))
    replacements = {}
    for f in fields:
        if not _replaces_type(first, f.dataType):
            continue
        replacements[f.name] = _replace_expr(f, mapping)
    return _project(df, replacements)


def _replaces_type(key, data_type):
    if isinstance(key, bool):
        return isinstance(data_type, BooleanType)
    if isinstance(key, str):
        return isinstance(data_type, StringType)
    return isinstance(data_type, NumericType)


def _key_literal(key):
    # Numbers are compared as doubles, as Spark converts the replacement map's numbers.
    if isinstance(key, (int, float)) and not isinstance(key, bool):
        key = float(key)
        if math.isnan(key):
            return {"e": "lit", "value": "NaN", "type": "double"}
    return lit_expr(key)


def _replace_expr(field, mapping):
    ref = quoted_name_expr(field.name)
    type_text = field.dataType.simpleString()
    branches = []
    for key, target in mapping.items():
        if target is None:
            result = {"e": "lit", "value": None, "type": type_text}
        else:
            if isinstance(target, (int, float)) and not isinstance(target, bool):
                target = float(target)
            result = {"e": "cast", "child": _key_literal(target), "type": type_text}
        branches.append([fn("=", ref, _key_literal(key)), result])
    return {"e": "when", "branches": branches, "else": ref}


class DataFrameNaFunctions:
    """df.na: fill, drop and replace."""

    def __init__(self, df):
        self.df = df

    def fill(self, value, subset=None):
        return fill(self.df, value, subset)

    def drop(self, how="any", thresh=None, subset=None):
        return drop(self.df, how, thresh, subset)

    def replace(self, to_replace, value=NO_VALUE, subset=None):
        return replace(self.df, to_replace, value, subset)
