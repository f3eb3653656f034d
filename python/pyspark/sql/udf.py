"""Python UDFs: udf(), UserDefinedFunction and spark.udf (UDFRegistration).

A UDF call is a Column expression {"e": "udf", "id": N} naming a function the engine session
holds (ember._core.Session.register_udf). The engine calls the UDF's evaluator once per batch from
its task threads, with the GIL: row-at-a-time UDFs get one Python list per argument and return a
list; pandas UDFs (pyspark.sql.pandas.functions) get numpy arrays. An exception in the user's
function comes back as its traceback, which the API raises as PythonException as PySpark shows it.
"""

import functools
import traceback

from pyspark.errors import PySparkTypeError
from pyspark.sql.types import DataType, StringType, _parse_ddl_schema_or_type
from pyspark.util import PythonEvalType

# The UDFs registered with engine sessions, by (session core id, udf id): what the grouped pandas
# operations look up when a Column names a UDF.
_registered = {}

_TRACEBACK_HEAD = ("\n  An exception was thrown from the Python worker. "
                   "Please see the stack trace below.\n")


def _traceback_text(error):
    """PySpark's text of an exception raised in a UDF: the frames of the user's code only (the
    evaluator's own frame is left out, as PySpark's simplified traceback does)."""
    tb = error.__traceback__
    tb = tb.tb_next if tb is not None else None
    return _TRACEBACK_HEAD + "".join(traceback.format_exception(type(error), error, tb))


def _parse_return_type(returnType):
    if isinstance(returnType, DataType):
        return returnType
    if isinstance(returnType, str):
        return _parse_ddl_schema_or_type(returnType)
    raise PySparkTypeError(errorClass="NOT_DATATYPE_OR_STR",
                           messageParameters={"arg_name": "returnType",
                                              "arg_type": type(returnType).__name__})


def _java_text(value):
    """A value a string UDF returned, as Spark's JVM turns it into a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _row_evaluator(func, return_type):
    as_text = isinstance(return_type, StringType)

    def evaluate(columns, rows):
        try:
            out = list(map(func, *columns)) if columns else [func() for _ in range(rows)]
        except Exception as error:
            return ("error", _traceback_text(error))
        if as_text:
            out = [v if v is None or type(v) is str else _java_text(v) for v in out]
        return ("objects", out, None, False)
    return evaluate


class UserDefinedFunction:
    """A Python function callable on Columns."""

    def __init__(self, func, returnType=StringType(), name=None,
                 evalType=PythonEvalType.SQL_BATCHED_UDF, deterministic=True):
        if not callable(func):
            raise PySparkTypeError(errorClass="NOT_CALLABLE",
                                   messageParameters={"arg_name": "func",
                                                      "arg_type": type(func).__name__})
        self.func = func
        self._returnType = _parse_return_type(returnType)
        self._name = name or getattr(func, "__name__", type(func).__name__)
        self.evalType = evalType
        self.deterministic = deterministic
        self._ids = {}
        self._keyword_forms = {}

    @property
    def returnType(self):
        return self._returnType

    def _evaluator(self, session):
        if self.evalType == PythonEvalType.SQL_BATCHED_UDF:
            return _row_evaluator(self.func, self._returnType), False
        if self.evalType in (PythonEvalType.SQL_TABLE_UDF, PythonEvalType.SQL_ARROW_TABLE_UDF):
            return self.func, False  # pyspark.sql.udtf's start() of a run over a partition
        from pyspark.sql.pandas.functions import _pandas_evaluator
        return _pandas_evaluator(self, session), True

    def _partition_wide(self):
        """Whether the function keeps state over a partition (docs/python-udfs.md): the engine
        runs each call of it on a task's batches one after the other, and finishes it."""
        return self.evalType in (PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,
                                 PythonEvalType.SQL_TABLE_UDF, PythonEvalType.SQL_ARROW_TABLE_UDF)

    def _id(self, session, own=False):
        """The id of this UDF in the session's engine (registered on first use; `own`: a new id,
        so that the call has a run of its own in each partition)."""
        key = (id(session._core), self.deterministic)
        udf_id = None if own else self._ids.get(key)
        if udf_id is None:
            from pyspark.sql import _values
            evaluator, pandas = self._evaluator(session)
            grouped = self.evalType == PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF
            udf_id = session._call("register_udf", self._name, self._returnType.simpleString(),
                                   self.deterministic, pandas, evaluator, _values.record_values,
                                   grouped, self._partition_wide())
            if not own:
                self._ids[key] = udf_id
            _registered[(id(session._core), udf_id)] = self
        return udf_id

    def _keyword_form(self, keywords):
        """This UDF for calls ending with arguments named `keywords`: the engine passes every
        argument by position, and the function it calls hands the last ones on by name."""
        form = self._keyword_forms.get(keywords)
        if form is None:
            func, count = self.func, len(keywords)

            @functools.wraps(func)
            def by_keyword(*values):
                return func(*values[:-count], **dict(zip(keywords, values[-count:])))
            form = UserDefinedFunction(by_keyword, self._returnType, self._name, self.evalType,
                                       self.deterministic)
            self._keyword_forms[keywords] = form
        return form

    def __call__(self, *cols, **kwargs):
        from pyspark.sql.column import Column, col_expr
        from pyspark.sql.session import SparkSession
        if kwargs:  # named arguments, shown as `name => value` (Spark's NamedArgumentExpression)
            form = self._keyword_form(tuple(kwargs))
            form.deterministic = self.deterministic
            column = form(*cols)
            column._expr["args"] += [{"e": "alias", "name": k, "child": col_expr(v)} for k, v in kwargs.items()]
            return column
        session = SparkSession.active()
        udf_id = self._id(session, own=self._partition_wide())
        return Column({"e": "udf", "id": udf_id, "name": self._name,
                       "args": [col_expr(c) for c in cols]})

    def asNondeterministic(self):
        self.deterministic = False
        return self

    def _wrapped(self):
        """A plain function that calls this UDF, carrying its attributes as PySpark's does."""
        @functools.wraps(self.func)
        def wrapper(*args, **kwargs):
            return self(*args, **kwargs)
        wrapper.func = self.func
        wrapper.returnType = self.returnType
        wrapper.evalType = self.evalType
        wrapper.deterministic = self.deterministic
        wrapper._unwrapped = self
        wrapper.asNondeterministic = functools.wraps(self.asNondeterministic)(
            lambda: self.asNondeterministic()._wrapped())
        return wrapper


def udf(f=None, returnType=StringType(), *, useArrow=None):
    """A row-at-a-time Python UDF: `udf(f, "int")`, or as a decorator `@udf`, `@udf("int")`,
    `@udf(returnType=IntegerType())`."""
    if f is None or isinstance(f, (str, DataType)):
        return_type = returnType if f is None else f
        return functools.partial(_make_udf, returnType=return_type)
    return _make_udf(f, returnType)


def _make_udf(f, returnType=StringType(), evalType=PythonEvalType.SQL_BATCHED_UDF):
    return UserDefinedFunction(f, returnType, evalType=evalType)._wrapped()


def registered_udf(session, expr):
    """The UserDefinedFunction a Column expression calls (under any alias), or None."""
    while expr.get("e") == "alias":
        expr = expr["child"]
    if expr.get("e") != "udf":
        return None
    return _registered.get((id(session._core), expr["id"]))


class UDFRegistration:
    """spark.udf: makes Python functions callable from SQL by name."""

    def __init__(self, session):
        self._session = session

    def register(self, name, f, returnType=None):
        source = getattr(f, "_unwrapped", f)
        if isinstance(source, UserDefinedFunction):
            if returnType is not None:
                raise PySparkTypeError(
                    errorClass="CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF",
                    messageParameters={"arg_name": "f", "return_type": str(returnType)})
            registered = UserDefinedFunction(source.func, source.returnType, name,
                                             source.evalType, source.deterministic)
        else:
            registered = UserDefinedFunction(f, returnType or StringType(), name)
        self._session._call("name_udf", name, registered._id(self._session))
        return registered._wrapped()
