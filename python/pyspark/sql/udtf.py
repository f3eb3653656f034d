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
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from pyspark.errors import (PySparkAttributeError, PySparkNotImplementedError, PySparkRuntimeError,
                            PySparkTypeError, PySparkValueError)
from pyspark.sql.types import ArrayType, StructType, _parse_ddl_schema_or_type, _parse_json_value
from pyspark.sql.udf import UserDefinedFunction, _traceback_text
from pyspark.util import PythonEvalType


@dataclass(frozen=True)
class AnalyzeArgument:
    """An argument of a UDTF call as `analyze` sees it: its type, its value when it is a constant
    expression, and whether it is a TABLE argument (then the value is None)."""
    dataType: Any
    value: Optional[Any]
    isTable: bool
    isConstantExpression: bool


@dataclass(frozen=True)
class PartitioningColumn:
    name: str


@dataclass(frozen=True)
class OrderingColumn:
    name: str
    ascending: bool = True
    overrideNullsFirst: Optional[bool] = None


@dataclass(frozen=True)
class SelectedColumn:
    name: str
    alias: str = ""


@dataclass(frozen=True)
class AnalyzeResult:
    """What `analyze` gives: the output schema and how the TABLE argument's rows are partitioned,
    ordered and projected before eval sees them."""
    schema: StructType
    withSinglePartition: bool = False
    partitionBy: Sequence[PartitioningColumn] = field(default_factory=tuple)
    orderBy: Sequence[OrderingColumn] = field(default_factory=tuple)
    select: Sequence[SelectedColumn] = field(default_factory=tuple)


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
        """The rows of the UDTF over its arguments: Columns (positional or named, as eval's
        parameters), and at most one TableArg (DataFrame.asTable()), whose rows eval gets one by
        one as Rows, one class instance per partition (per partitionBy key)."""
        from pyspark.sql import functions as F
        from pyspark.sql.session import SparkSession
        from pyspark.sql.table_arg import TableArg
        arguments = [(None, c) for c in cols] + list(kwargs.items())
        tables = [a for _, a in arguments if isinstance(a, TableArg)]
        if len(tables) > 1:
            raise PySparkValueError("A UDTF call takes at most one table argument.")
        table = tables[0] if tables else None
        base = table._df if table else SparkSession.active().range(1, numPartitions=1)
        analyzed = self._analyze(base, arguments) if self._returnType is None else None
        schema = analyzed.schema if analyzed else self.returnType
        rows = _table_struct(base, analyzed)
        values = [rows if isinstance(a, TableArg) else _column(a) for _, a in arguments]
        names = [n for n, _ in arguments if n is not None]
        _check_arguments(self.func, len(arguments) - len(names), self._name, names)
        base, keys = _partitioned(base, table, analyzed)
        udf = UserDefinedFunction(
            _table_runs(self.func, schema, self._name, names, len(keys), analyzed),
            ArrayType(schema), self._name, self.evalType, self.deterministic)
        return base.select(F.inline(udf(*values, *keys)))

    def _analyze(self, base, arguments):
        """The AnalyzeResult of the class's analyze for these arguments."""
        from pyspark.sql.table_arg import TableArg
        positional, named = [], {}
        for name, value in arguments:
            if isinstance(value, TableArg):
                described = AnalyzeArgument(StructType(base.schema.fields), None, True, False)
            else:
                column = _column(value)
                constant = _constant(column._expr)
                dataType = base.select(column).schema.fields[0].dataType
                described = AnalyzeArgument(dataType, base.sparkSession.range(1).select(column)
                                            .first()[0] if constant else None, False, constant)
            if name is None:
                positional.append(described)
            else:
                named[name] = described
        return self._analyze_result(self.func.analyze(*positional, **named))

    def _analyze_result(self, result):
        if not isinstance(result, AnalyzeResult):
            raise PySparkValueError("Output of `analyze` static method of Python UDTFs expects "
                                    "a pyspark.sql.udtf.AnalyzeResult but got: %s" % type(result))
        if not isinstance(result.schema, StructType):
            raise PySparkTypeError(errorClass="UDTF_RETURN_TYPE_MISMATCH",
                                   messageParameters={"name": self._name,
                                                      "return_type": str(result.schema)})
        return result

    def asDeterministic(self):
        self.deterministic = True
        return self


_NONDETERMINISTIC = {"rand", "randn", "random", "uuid", "shuffle", "monotonically_increasing_id",
                     "spark_partition_id", "current_timestamp", "now"}


def _column(value):
    from pyspark.sql.column import Column
    from pyspark.sql.functions import lit
    return value if isinstance(value, Column) else lit(value)


def _constant(expr):
    """Whether a Column expression is constant: literals and deterministic functions of them."""
    kind = expr.get("e")
    if kind == "lit":
        return True
    if kind == "alias":
        return _constant(expr["child"])
    return kind == "fn" and expr.get("name") not in _NONDETERMINISTIC and \
        all(_constant(a) for a in expr.get("args", []))


def _table_struct(df, analyzed):
    """The Column of a TABLE argument's row: a struct of its columns (those analyze selects)."""
    from pyspark.sql import functions as F
    if analyzed is not None and analyzed.select:
        return F.struct(*[df[c.name].alias(c.alias or c.name) for c in analyzed.select])
    return F.struct(*[df[c] for c in df.columns])


def _partitioned(df, table, analyzed):
    """The TABLE argument's rows partitioned and ordered as the call and analyze ask, with the
    partitioning key Columns (each key's rows get a class instance of their own)."""
    from pyspark.sql import functions as F
    keys, order, single = [], [], False
    if table is not None:
        keys, order, single = list(table._partition_by), list(table._order_by), table._single
    if analyzed is not None and (analyzed.partitionBy or analyzed.withSinglePartition):
        if table is None:
            raise PySparkValueError("analyze asked for partitioning of a UDTF call without a "
                                    "TABLE argument.")
        if keys or single:
            raise PySparkValueError("The UDTF call's TABLE argument is partitioned already: its "
                                    "analyze method may not ask for partitioning too.")
        keys = [F.col(c.name) for c in analyzed.partitionBy]
        single = analyzed.withSinglePartition
    if analyzed is not None:
        order += [_ordering(c) for c in analyzed.orderBy]
    keys = [F.col(k) if isinstance(k, str) else k for k in keys]
    order = [F.col(o) if isinstance(o, str) else o for o in order]
    if keys:
        df = df.repartition(*keys)
    elif single:
        df = df.repartition(1)
    if keys or order:
        df = df.sortWithinPartitions(*keys, *order)
    return df, keys


def _ordering(column):
    from pyspark.sql import functions as F
    c = F.col(column.name)
    if column.overrideNullsFirst is None:
        return c.asc() if column.ascending else c.desc()
    if column.ascending:
        return c.asc_nulls_first() if column.overrideNullsFirst else c.asc_nulls_last()
    return c.desc_nulls_first() if column.overrideNullsFirst else c.desc_nulls_last()


def _check_arguments(cls, count, name, names=()):
    try:
        inspect.signature(cls.eval).bind(None, *range(count), **{n: None for n in names})
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


_TABLE_CALL_SHAPE = "\x01table call shape: "


def _is_shape(value):
    return isinstance(value, str) and value.startswith(_TABLE_CALL_SHAPE)


class _TableRun:
    """One instance of the UDTF class over one partition's rows: called as run(columns, rows) on
    each batch (the argument lists `columns`: positional, then `arg_names`' named ones, then
    `keys` partitioning keys), it gives the list of the rows eval yields for each row; finish()
    gives terminate's rows as one more row's list (None when there are none), then calls cleanup;
    close() calls cleanup when the partition is dropped unfinished. Where the partitioning key
    changes, the instance is finished and a new one serves the next key's rows."""

    def __init__(self, cls, schema, name, arg_names=(), keys=0, analyzed=None):
        self._cls = cls
        self._names = schema.fieldNames()
        self._name = name
        self._arg_names = list(arg_names)
        self._keys = keys
        self._analyzed = analyzed
        self._handler = None
        self._key = None
        self._shaped = None  # whether a SQL call's columns start with its shape

    def _read_shape(self, shape):
        """A SQL call's named arguments and partitioning keys (sql/parser.cpp, kTableCallShape)."""
        parts = shape[len(_TABLE_CALL_SHAPE):].split(",")
        self._keys = int(parts[1])
        self._arg_names = parts[2:]

    def __call__(self, columns, rows):
        try:
            if self._shaped is None:
                self._shaped = bool(columns) and rows > 0 and _is_shape(columns[0][0])
                if self._shaped:
                    self._read_shape(columns[0][0])
            if self._shaped:
                columns = columns[1:]
            if self._handler is None and self._key is None:
                _check_arguments(self._cls, len(columns) - self._keys - len(self._arg_names),
                                 self._name, self._arg_names)
            values = columns[:len(columns) - self._keys]
            named = len(self._arg_names)
            keys = list(zip(*columns[len(values):])) if self._keys else None
            out = []
            for i, args in enumerate(zip(*values) if values else [()] * rows):
                ended = self._next_key(keys[i]) if keys else []
                if self._handler is None:
                    self._handler = self._new_handler()
                if named:
                    kwargs = dict(zip(self._arg_names, args[len(args) - named:]))
                    rows_out = self._call("eval", args[:len(args) - named], kwargs)
                else:
                    rows_out = self._call("eval", args)
                if ended and out:
                    out[-1] += ended
                    ended = []
                out.append(ended + rows_out)
        except Exception as error:
            return ("error", _traceback_text(error))
        return ("objects", out, None, False)

    def _next_key(self, key):
        """terminate's rows of the previous key's instance when `key` starts a new one."""
        if self._handler is None or key == self._key:
            self._key = key
            return []
        self._key = key
        rows = self._call("terminate", ()) if hasattr(self._handler, "terminate") else []
        self.close()
        return rows

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
            if self._analyzed is not None and _takes_analyze_result(self._cls):
                return self._cls(self._analyzed)
            return self._cls()
        except Exception as error:
            raise _exec_error("__init__", error) from error

    def _call(self, method, args, kwargs=None):
        try:
            result = getattr(self._handler, method)(*args, **(kwargs or {}))
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


def _takes_analyze_result(cls):
    init = cls.__init__
    if init is object.__init__:
        return False
    try:
        return len(inspect.signature(init).parameters) > 1
    except (TypeError, ValueError):
        return False


def _table_runs(cls, schema, name, arg_names=(), keys=0, analyzed=None):
    """start(): a run of the UDTF over a partition (the engine calls it on each task's first
    batch; see _TableRun)."""
    return lambda: _TableRun(cls, schema, name, arg_names, keys, analyzed)


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
        if f._returnType is None:
            from pyspark.sql import _values
            udf_id = self._session._call("register_udf", name, "array<struct<>>", False, False,
                                         None, _values.record_values, False, True,
                                         _sql_analyzer(registered, self._session))
        else:
            udf_id = registered._udf()._id(self._session)
        self._session._call("name_udf", name, udf_id)
        return registered


def _sql_analyzer(udtf, session):
    """analyze(arguments) for the engine's analysis of a SQL call (src/python/py_udf.cpp): calls
    the class's analyze and registers the function the call runs with its result."""
    def analyze(described):
        positional, named = [], {}
        for name, type_json, value, constant, is_table in described:
            argument = AnalyzeArgument(_parse_json_value(type_json), value, is_table, constant)
            if name:
                named[name] = argument
            else:
                positional.append(argument)
        result = udtf._analyze_result(udtf.func.analyze(*positional, **named))
        schema = result.schema
        function = UserDefinedFunction(
            _table_runs(udtf.func, schema, udtf._name, analyzed=result), ArrayType(schema),
            udtf._name, udtf.evalType, udtf.deterministic)
        return (function._id(session, own=True), result.withSinglePartition,
                [c.name for c in result.partitionBy],
                [(c.name, c.ascending, c.overrideNullsFirst) for c in result.orderBy],
                [(c.name, c.alias) for c in result.select])
    return analyze
