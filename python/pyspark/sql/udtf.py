"""Python user-defined table functions: udtf(), UserDefinedTableFunction and spark.udtf.

A UDTF is a class whose `eval` yields rows (tuples, lists, Rows or dicts of the return schema's
columns) for each input row; `terminate`, when defined, yields more rows once the input ends.
The engine runs it as a row-at-a-time UDF (pyspark.sql.udf) over whole partitions returning, for
each input row, the array of the rows it gave: calling the UDTF is `inline` over that array, from
the DataFrame API (`MyUDTF(lit(1), lit(2))`) or from SQL in FROM, laterally and over TABLE
arguments (the parser makes a Generate node of the call; the analyzer finds the name among the
session's functions). As in PySpark, one instance of the class serves the rows of one partition
(of one task) and its terminate runs once at the partition's end: the engine's Generate finishes
the run and adds terminate's rows (with the last input row's columns in a lateral join, as Spark).
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
            udf = UserDefinedFunction(_table_runs(self.func, schema, self._name),
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


def _output_row(row, names, method):
    width = len(names)
    if hasattr(row, "__len__") and len(row) != width:
        raise PySparkRuntimeError(errorClass="UDTF_RETURN_SCHEMA_MISMATCH",
                                  messageParameters={"expected": str(width),
                                                     "actual": str(len(row)), "func": method})
    if isinstance(row, dict):
        return tuple(row.get(n) for n in names)
    if isinstance(row, (tuple, list)):
        return tuple(row)
    if hasattr(row, "__dict__"):
        return tuple(getattr(row, n, None) for n in names)
    raise PySparkRuntimeError(errorClass="UDTF_INVALID_OUTPUT_ROW_TYPE",
                              messageParameters={"type": type(row).__name__, "func": method})


def _exec_error(method, error):
    return PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR",
                               messageParameters={"method_name": method, "error": str(error)})


class _TableRun:
    """One instance of the UDTF class over one partition's rows: called as run(columns, rows) on
    each batch (the argument lists `columns`), it gives the list of the rows eval yields for each
    row; finish() gives terminate's rows as one more row's list (None when there are none), then
    calls cleanup; close() calls cleanup when the partition is dropped unfinished."""

    def __init__(self, cls, schema, name):
        self._cls = cls
        self._names = schema.fieldNames()
        self._name = name
        self._handler = None

    def __call__(self, columns, rows):
        try:
            if self._handler is None:
                _check_arguments(self._cls, len(columns), self._name)
                self._handler = self._new_handler()
            out = [self._call("eval", args) for args in zip(*columns)] if columns else \
                [self._call("eval", ()) for _ in range(rows)]
        except Exception as error:
            return ("error", _traceback_text(error))
        return ("objects", out, None, False)

    def finish(self):
        try:
            if self._handler is None:
                return None
            rows = self._call("terminate", ()) if hasattr(self._handler, "terminate") else []
            self.close()
        except Exception as error:
            return ("error", _traceback_text(error))
        return ("objects", [rows], None, False) if rows else None

    def close(self):
        handler, self._handler = self._handler, None
        if handler is not None and hasattr(handler, "cleanup"):
            self._handler = handler
            try:
                self._call("cleanup", ())
            finally:
                self._handler = None

    def _new_handler(self):
        try:
            return self._cls()
        except Exception as error:
            raise _exec_error("__init__", error) from error

    def _call(self, method, args):
        try:
            result = getattr(self._handler, method)(*args)
        except Exception as error:
            raise _exec_error(method, error) from error
        if result is None:
            return []
        try:
            rows = iter(result)
        except TypeError:
            raise PySparkRuntimeError(errorClass="UDTF_RETURN_NOT_ITERABLE",
                                      messageParameters={"type": type(result).__name__,
                                                         "func": method}) from None
        try:
            return [_output_row(row, self._names, method) for row in rows]
        except PySparkRuntimeError:
            raise
        except Exception as error:
            raise _exec_error(method, error) from error


def _table_runs(cls, schema, name):
    """start(): a run of the UDTF over a partition (the engine calls it on each task's first
    batch; see _TableRun)."""
    return lambda: _TableRun(cls, schema, name)


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
