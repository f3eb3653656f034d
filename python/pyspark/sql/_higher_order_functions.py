"""Higher-order functions of pyspark.sql.functions: a Python function becomes a lambda of the
engine's plan, called once with lambda-variable Columns (as PySpark builds them), so its body is an
expression the engine evaluates over whole batches of elements."""

import inspect
import itertools

from pyspark.errors import PySparkValueError
from pyspark.sql.column import Column, col_expr, fn

__all__ = ["transform", "filter", "exists", "forall", "aggregate", "reduce", "zip_with",
           "transform_keys", "transform_values", "map_filter", "map_zip_with"]

_fresh = itertools.count()


def _lambda(f):
    """The plan expression of a Python lambda taking 1 to 3 Columns."""
    parameters = list(inspect.signature(f).parameters.values())
    name = getattr(f, "__name__", "lambda")
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters):
        raise PySparkValueError(errorClass="UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION",
                                messageParameters={"func_name": name})
    if not 1 <= len(parameters) <= 3:
        raise PySparkValueError(errorClass="WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION",
                                messageParameters={"func_name": name,
                                                   "num_args": str(len(parameters))})
    names = ["%s_%d" % (base, next(_fresh)) for base in ("x", "y", "z")[:len(parameters)]]
    body = f(*[Column({"e": "lambdavar", "name": n}) for n in names])
    if not isinstance(body, Column):
        raise PySparkValueError(errorClass="HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN",
                                messageParameters={"func_name": name,
                                                   "return_type": type(body).__name__})
    return {"e": "lambda", "params": names, "body": body._expr}


def _invoke(name, cols, funcs):
    return Column(fn(name, *[col_expr(c) for c in cols], *[_lambda(f) for f in funcs]))


def transform(col, f):
    """f of every element (f may take the element's position as a second argument)."""
    return _invoke("transform", [col], [f])


def filter(col, f):
    """The elements where f is true (f may take the position as a second argument)."""
    return _invoke("filter", [col], [f])


def exists(col, f):
    return _invoke("exists", [col], [f])


def forall(col, f):
    return _invoke("forall", [col], [f])


def aggregate(col, initialValue, merge, finish=None):
    """Folds the elements into initialValue with merge(acc, x), then applies finish(acc)."""
    return _invoke("aggregate", [col, initialValue], [merge] if finish is None else [merge, finish])


def reduce(col, initialValue, merge, finish=None):
    return _invoke("reduce", [col, initialValue], [merge] if finish is None else [merge, finish])


def zip_with(left, right, f):
    return _invoke("zip_with", [left, right], [f])


def transform_keys(col, f):
    return _invoke("transform_keys", [col], [f])


def transform_values(col, f):
    return _invoke("transform_values", [col], [f])


def map_filter(col, f):
    return _invoke("map_filter", [col], [f])


def map_zip_with(col1, col2, f):
    return _invoke("map_zip_with", [col1, col2], [f])
