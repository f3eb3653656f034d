"""Python user-defined table functions: udtf(), UserDefinedTableFunction and spark.udtf.

A UDTF is a class whose `eval` yields rows (tuples, lists, Rows or dicts of the return schema's
columns) for each input row; `terminate`, when defined, yields more rows once the input ends.
The engine runs it as a row-at-a-time UDF (pyspark.sql.udf) returning, for each input row, the
array of the rows it gave: calling the UDTF is `inline` over that array, from the DataFrame API
(`MyUDTF(lit(1), lit(2))`) or from SQL in FROM, laterally and over TABLE arguments (the parser
makes a Generate node of the call; the analyzer finds the name among the session's functions).
One instance of the class serves the rows of one engine batch; terminate's rows come after its
last row's (with that row's columns in a lateral join).
"""

import inspect

from pyspark.errors import (PySparkAttributeError, PySparkNotImplementedError, PySparkRuntimeError,
                            PySparkTypeError, PySparkValueError)
from pyspark.sql.types import ArrayType, StructType, _parse_ddl_schema_or_type
from pyspark.sql.udf import UserDefinedFunction, _traceback_text
from pyspark.util import PythonEvalType


def udtf(cls=None, *, returnType=None, useArrow=None):
    """A Python UDTF from a class: `@udtf(returnType="a: int, b: int")`, or `udtf(cls, ...)`.
    useArrow is accepted; the rows cross into the engine the same way either way."""
    evalType = PythonEvalType.SQL_ARROW_TABLE_UDF if useArrow else PythonEvalType.SQL_TABLE_UDF
    if cls is None:
        return lambda c: UserDefinedTableFunction(c, returnType, evalType=evalType)
    return UserDefinedTableFunction(cls, returnType, evalType=evalType)


def _validate_handler(cls, returnType):
    if not isinstance(cls, type):
        raise PySparkTypeError(errorClass="INVALID_UDTF_HANDLER_TYPE",
                               messageParameters={"type": type(cls).__name__})
    if not hasattr(cls, "eval"):
        raise PySparkAttributeError(errorClass="INVALID_UDTF_NO_EVAL",
                                    messageParameters={"name": cls.__name__})
    has_analyze = isinstance(inspect.getattr_static(cls, "analyze", None), staticmethod)
    if returnType is None and not has_analyze:
        raise PySparkAttributeError(errorClass="INVALID_UDTF_RETURN_TYPE",
                                    messageParameters={"name": cls.__name__})
    if returnType is not None and hasattr(cls, "analyze"):
        raise PySparkAttributeError(errorClass="INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE",
                                    messageParameters={"name": cls.__name__})


class UserDefinedTableFunction:
    """A Python UDTF: called on Columns it gives a DataFrame."""

    def __init__(self, func, returnType, name=None, evalType=PythonEvalType.SQL_TABLE_UDF,
                 deterministic=False):
        _validate_handler(func, returnType)
        self.func = func
        self._returnType = returnType
        self._name = name or func.__name__
        self.evalType = evalType
        self.deterministic = deterministic
        self._udfs = {}

    @property
    def returnType(self):
        if self._returnType is None:
            return None
        parsed = self._returnType
        if isinstance(parsed, str):
            parsed = _parse_ddl_schema_or_type(parsed)
        if not isinstance(parsed, StructType):
            raise PySparkTypeError(errorClass="UDTF_RETURN_TYPE_MISMATCH",
                                   messageParameters={"name": self._name,
                                                      "return_type": str(parsed)})
        return parsed

    def _udf(self):
        """The row-at-a-time UDF giving each input row's output rows as an array of structs."""
        key = self.deterministic
        udf = self._udfs.get(key)
        if udf is None:
            if self._returnType is None:
                raise PySparkNotImplementedError(
                    errorClass="NOT_IMPLEMENTED",
                    messageParameters={"feature": "A UDTF whose schema comes from analyze"})
            schema = self.returnType
            udf = UserDefinedFunction(_table_evaluator(self.func, schema, self._name),
                                      ArrayType(schema), self._name, self.evalType, key)
            self._udfs[key] = udf
        return udf

    def __call__(self, *cols, **kwargs):
        from pyspark.sql.functions import inline
        from pyspark.sql.session import SparkSession
        if kwargs:
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "Named arguments of a UDTF"})
        _check_arguments(self.func, len(cols), self._name)
        session = SparkSession.active()
        return session.range(1, numPartitions=1).select(inline(self._udf()(*cols)))

    def asDeterministic(self):
        self.deterministic = True
        return self


def _check_arguments(cls, count, name):
    try:
        inspect.signature(cls.eval).bind(None, *range(count))
    except TypeError as error:
        raise PySparkValueError(errorClass="UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH_SIGNATURE",
                                messageParameters={"name": name, "reason": str(error)}) from None


def _rows_evaluator(table):
    """evaluate(columns, rows) as the row-at-a-time UDF machinery calls it."""
    def evaluate(columns, rows):
        try:
            out = table(columns, rows)
        except Exception as error:
            return ("error", _traceback_text(error))
        return ("objects", out, None, False)
    return evaluate


def _table_evaluator(cls, schema, name):
    """table(columns, rows): for each of `rows` input rows (the argument lists `columns`), the list
    of the rows eval yields, terminate's rows added to the last one's."""
    names = schema.fieldNames()
    width = len(names)

    def output_row(row, method):
        if hasattr(row, "__len__") and len(row) != width:
            raise PySparkRuntimeError(errorClass="UDTF_RETURN_SCHEMA_MISMATCH",
                                      messageParameters={"expected": str(width),
                                                         "actual": str(len(row)),
                                                         "func": method})
        if isinstance(row, dict):
            return tuple(row.get(n) for n in names)
        if isinstance(row, (tuple, list)):
            return tuple(row)
        if hasattr(row, "__dict__"):
            return tuple(getattr(row, n, None) for n in names)
        raise PySparkRuntimeError(errorClass="UDTF_INVALID_OUTPUT_ROW_TYPE",
                                  messageParameters={"type": type(row).__name__, "func": method})

    def call(handler, method, args):
        try:
            result = getattr(handler, method)(*args)
        except Exception as error:
            raise PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR",
                                      messageParameters={"method_name": method,
                                                         "error": str(error)}) from error
        if result is None:
            return []
        try:
            rows = iter(result)
        except TypeError:
            raise PySparkRuntimeError(errorClass="UDTF_RETURN_NOT_ITERABLE",
                                      messageParameters={"type": type(result).__name__,
                                                         "func": method}) from None
        try:
            return [output_row(row, method) for row in rows]
        except PySparkRuntimeError:
            raise
        except Exception as error:
            raise PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR",
                                      messageParameters={"method_name": method,
                                                         "error": str(error)}) from error

    def table(columns, rows):
        if rows == 0:
            return []
        _check_arguments(cls, len(columns), name)
        try:
            handler = cls()
        except Exception as error:
            raise PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR",
                                      messageParameters={"method_name": "__init__",
                                                         "error": str(error)}) from error
        out = [call(handler, "eval", args) for args in zip(*columns)] if columns else \
            [call(handler, "eval", ()) for _ in range(rows)]
        if hasattr(handler, "terminate"):
            out[-1] = out[-1] + call(handler, "terminate", ())
        if hasattr(handler, "cleanup"):
            call(handler, "cleanup", ())
        return out
    return table


class UDTFRegistration:
    """spark.udtf: makes Python UDTFs callable from SQL by name."""

    def __init__(self, session):
        self._session = session

    def register(self, name, f):
        if not isinstance(f, UserDefinedTableFunction) or f.evalType not in (
                PythonEvalType.SQL_TABLE_UDF, PythonEvalType.SQL_ARROW_TABLE_UDF):
            raise PySparkTypeError(errorClass="INVALID_UDTF_EVAL_TYPE",
                                   messageParameters={"name": name,
                                                      "eval_type": "SQL_TABLE_UDF, "
                                                                   "SQL_ARROW_TABLE_UDF"})
        registered = UserDefinedTableFunction(f.func, f._returnType, name, f.evalType,
                                              f.deterministic)
        self._session._call("name_udf", name, registered._udf()._id(self._session))
        return registered
