"""pandas_udf: Python functions over pandas Series, evaluated by the engine a batch at a time.

The kind follows the function's type hints as in PySpark 4 (or the older functionType argument):
  Series, ... -> Series (or DataFrame for a struct result)   scalar
  Iterator[Series] -> Iterator[Series], Iterator[Tuple[Series, ...]] -> Iterator[Series]
                                                             scalar iterator
  Series, ... -> a scalar (int, float, ...)                  grouped aggregate
The engine hands a scalar UDF's arguments over as numpy arrays (the arrays toPandas builds) in
batches it coalesces to spark.sql.execution.arrow.maxRecordsPerBatch rows; no batch the function
sees has more. A scalar iterator UDF is called once per partition (per call in a query) with an
iterator over the partition's batches (pyspark.sql._partition_feed); for each batch it must yield
that batch's rows before it asks for the next one.
"""

import functools
import inspect
import typing

from pyspark.errors import PySparkRuntimeError, PySparkTypeError, PySparkValueError
from pyspark.sql.types import DataType, StructType
from pyspark.sql.udf import UserDefinedFunction, _traceback_text
from pyspark.util import PythonEvalType

_DEFAULT_MAX_RECORDS = 10000

class PandasUDFType:
    """The pandas UDF kinds of the functionType argument (before type hints)."""

    SCALAR = PythonEvalType.SQL_SCALAR_PANDAS_UDF
    SCALAR_ITER = PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF
    GROUPED_MAP = PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF
    GROUPED_AGG = PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF


_KINDS = (PandasUDFType.SCALAR, PandasUDFType.SCALAR_ITER, PandasUDFType.GROUPED_AGG,
          PandasUDFType.GROUPED_MAP)


def _is_pandas(hint, name):
    return getattr(hint, "__module__", "").startswith("pandas") and \
        getattr(hint, "__name__", "") == name


def _is_frame_or_series(hint):
    return _is_pandas(hint, "Series") or _is_pandas(hint, "DataFrame")


def _is_iterator_of(hint, element_test):
    origin = typing.get_origin(hint)
    if origin is None or getattr(origin, "__name__", "") not in ("Iterator", "Iterable"):
        return False
    (element,) = typing.get_args(hint) or (None,)
    return element_test(element)


def _is_tuple_of_series(hint):
    return typing.get_origin(hint) is tuple and all(
        _is_frame_or_series(h) for h in typing.get_args(hint) if h is not Ellipsis)


def _kind_from_hints(func):
    """The pandas UDF kind a function's type hints ask for; None without hints."""
    try:
        hints = typing.get_type_hints(func)
    except Exception:
        return None
    parameters = [p for p in inspect.signature(func).parameters]
    if "return" not in hints or any(p not in hints for p in parameters):
        return None
    args = [hints[p] for p in parameters]
    result = hints["return"]
    if args and all(_is_frame_or_series(a) for a in args):
        return PandasUDFType.SCALAR if _is_frame_or_series(result) else PandasUDFType.GROUPED_AGG
    if len(args) == 1 and _is_iterator_of(result, _is_frame_or_series) and _is_iterator_of(
            args[0], lambda e: _is_frame_or_series(e) or _is_tuple_of_series(e)):
        return PandasUDFType.SCALAR_ITER
    raise PySparkValueError(errorClass="UNSUPPORTED_SIGNATURE",
                            messageParameters={"signature": str(inspect.signature(func))})


def pandas_udf(f=None, returnType=None, functionType=None):
    """A pandas UDF: `pandas_udf(f, "double")`, `@pandas_udf("double")`, or with the old
    `functionType` (PandasUDFType)."""
    if f is not None and not callable(f):
        # pandas_udf("double") / pandas_udf("double", PandasUDFType.SCALAR) as a decorator.
        f, returnType, functionType = None, f, returnType if functionType is None else functionType
    if isinstance(returnType, int) and functionType is None:
        returnType, functionType = None, returnType
    if f is None:
        return functools.partial(_make_pandas_udf, returnType=returnType,
                                 functionType=functionType)
    return _make_pandas_udf(f, returnType, functionType)


def _make_pandas_udf(f, returnType, functionType):
    kind = _kind_from_hints(f)
    if kind is None:
        kind = functionType if functionType is not None else PandasUDFType.SCALAR
    if kind not in _KINDS:
        raise PySparkValueError(errorClass="INVALID_PANDAS_UDF_TYPE",
                                messageParameters={"arg_name": "functionType",
                                                   "arg_type": str(kind)})
    if returnType is None:
        raise PySparkTypeError(errorClass="NOT_DATATYPE_OR_STR",
                               messageParameters={"arg_name": "returnType", "arg_type": "NoneType"})
    return UserDefinedFunction(f, returnType, evalType=kind)._wrapped()


# ---- evaluation -----------------------------------------------------------------------------
# The engine calls a pandas UDF once per batch of up to maxRecordsPerBatch rows (it coalesces its
# batches to that size), so what each call costs in Python counts: the argument Series are built
# on a RangeIndex shared by the calls of one length, through pandas' block manager where that is
# safe (pandas 1.x), and a numeric Series result goes back as its own numpy array.


def _max_records(core):
    text = core.get_conf("spark.sql.execution.arrow.maxRecordsPerBatch")
    limit = int(text) if text else _DEFAULT_MAX_RECORDS
    return limit if limit > 0 else 2 ** 62


def _series_maker():
    """A function (array, index) -> Series without copies, dtype inference or a new index."""
    import pandas as pd
    if pd.__version__.split(".")[0] == "1":
        return _pandas1_series_maker(pd)
    return lambda array, index: pd.Series(array, index=index, copy=False)


def _pandas1_series_maker(pd):
    """pandas 1.x: what Series(manager, fastpath=True) does, over a manager whose numeric block is
    made directly on a placement shared by the calls of one length (SingleBlockManager.from_array
    looks the block type up and checks the array again on every call)."""
    from pandas._libs.internals import BlockPlacement
    from pandas.core.generic import NDFrame
    from pandas.core.internals import SingleBlockManager
    from pandas.core.internals.blocks import NumericBlock
    series, new, init, set_attribute = pd.Series, object.__new__, NDFrame.__init__, object.__setattr__
    placements = {}

    def make(array, index):
        if array.dtype.kind in "biuf" and array.ndim == 1:
            rows = len(array)
            placement = placements.get(rows)
            if placement is None:
                if len(placements) > 64:
                    placements.clear()
                placement = placements[rows] = BlockPlacement(slice(0, rows))
            manager = SingleBlockManager(NumericBlock(array, placement, 1), index)
        else:
            manager = SingleBlockManager.from_array(array, index)
        out = new(series)
        init(out, manager)
        set_attribute(out, "_name", None)
        return out
    return make


def _argument(values, view, make_series, index):
    """One argument as pandas sees it: a Series, or a DataFrame for a struct column."""
    array = values.view(view) if view is not None else values
    if array.dtype.kind == "O" and len(array) and hasattr(array[0], "__fields__"):
        import pandas as pd
        return pd.DataFrame.from_records([tuple(r) for r in array], columns=array[0].__fields__)
    return make_series(array, index)


def _check_result(result, return_type, length):
    import pandas as pd
    expected = "pandas.DataFrame" if isinstance(return_type, StructType) else "pandas.Series"
    if not isinstance(result, (pd.Series, pd.DataFrame)):
        raise PySparkTypeError(errorClass="UDF_RETURN_TYPE",
                               messageParameters={"expected": expected,
                                                  "actual": type(result).__name__})
    if length is not None and len(result) != length:
        raise PySparkRuntimeError(errorClass="SCHEMA_MISMATCH_FOR_PANDAS_UDF",
                                  messageParameters={"expected": str(length),
                                                     "actual": str(len(result))})
    return result


def _result_spec(result, return_type):
    """The engine's column spec of a UDF's result (a struct result is a DataFrame of its fields)."""
    import pandas as pd
    from pyspark.sql._local_data import _column_spec
    if isinstance(result, pd.DataFrame):
        rows = list(result.itertuples(index=False, name=None))
        return ("objects", rows, None, False)
    values = result._values
    if type(values).__module__ == "numpy" and values.dtype.kind in "biuf" and \
            values.flags.c_contiguous:
        return ("numeric", values, None, False)
    return _column_spec(result, return_type)


def _chunks(args, rows, limit):
    if limit <= 0 or rows <= limit:
        return [args]
    return [[a.iloc[start:start + limit] for a in args] for start in range(0, rows, limit)]


def _index_maker():
    """A function rows -> RangeIndex(rows), shared by the calls of one length."""
    import pandas as pd
    indexes = {}

    def index_of(rows):
        index = indexes.get(rows)
        if index is None:
            if len(indexes) > 64:
                indexes.clear()
            index = indexes[rows] = pd.RangeIndex(rows)
        return index
    return index_of


def group_slicer():
    """slice(columns, begin, end): the arguments of the rows [begin, end) of a grouped call, as
    Series (DataFrames for structs) viewing the engine's arrays."""
    make_series = _series_maker()
    index_of = _index_maker()

    def arguments(columns, begin, end):
        index = index_of(end - begin)
        return [_argument(values[begin:end], view, make_series, index) for values, view in columns]
    return arguments


def plain_value(value):
    """A numpy scalar as the Python value it holds; missing values as None."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        import pandas as pd
        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:
        pass
    return value


def _grouped_agg_evaluator(func):
    """evaluate(columns, starts, limit): one value per group, func over the group's Series."""
    arguments = group_slicer()

    def evaluate(columns, starts, limit):
        out = []
        try:
            for g in range(len(starts) - 1):
                out.append(plain_value(func(*arguments(columns, starts[g], starts[g + 1]))))
        except Exception as error:
            return ("error", _traceback_text(error))
        return ("objects", out, None, False)
    return evaluate


def _pandas_evaluator(udf, session):
    """evaluate(columns, rows, limit): the UDF over one engine batch, called on Series (or
    DataFrames) of at most `limit` rows (0: no bound). Grouped aggregate UDFs: see
    _grouped_agg_evaluator."""
    import numpy as np
    import pandas as pd
    func, kind, return_type = udf.func, udf.evalType, udf.returnType
    if kind == PandasUDFType.GROUPED_AGG:
        return _grouped_agg_evaluator(func)
    if kind == PandasUDFType.SCALAR_ITER:
        return _iterator_evaluator(func, return_type)
    make_series = _series_maker()
    index_of = _index_maker()
    series, ndarray = pd.Series, np.ndarray

    def evaluate(columns, rows, limit):
        index = index_of(rows)
        args = [_argument(values, view, make_series, index) for values, view in columns]
        try:
            if limit <= 0 or rows <= limit:
                # One call: the usual case, the engine's batches being cut to the limit already.
                result = func(*args)
                if type(result) is series and len(result) == rows:
                    values = result._values
                    if type(values) is ndarray and values.dtype.kind in "biuf" and \
                            values.flags.c_contiguous:
                        return ("numeric", values, None, False)
                _check_result(result, return_type, rows)
            else:
                result = _chunked_call(func, args, rows, limit, return_type)
        except Exception as error:
            return ("error", _traceback_text(error))
        return _result_spec(result, return_type)
    return evaluate


def _chunked_call(func, args, rows, limit, return_type):
    """The UDF's result over arguments of `rows` rows, called on chunks of at most `limit` rows."""
    import pandas as pd
    pieces = [_check_result(func(*chunk), return_type, len(chunk[0]) if chunk else rows)
              for chunk in _chunks(args, rows, limit)]
    return pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True)


def _iterator_evaluator(func, return_type):
    """start(): the run of a scalar iterator UDF over one partition, called as
    run(columns, rows, limit) on each batch: the batch's Series (a tuple of them for several
    arguments), cut to at most `limit` rows, go to func's iterator, and what it yields until it
    asks for more is the batch's result."""
    from pyspark.sql._partition_feed import PartitionFeed

    def start():
        import pandas as pd
        make_series = _series_maker()
        index_of = _index_maker()
        feed = PartitionFeed(func)
        seen = [0, 0]  # input and output rows so far

        def mismatch():
            return PySparkRuntimeError(
                errorClass="RESULT_LENGTH_MISMATCH_FOR_SCALAR_ITER_PANDAS_UDF",
                messageParameters={"output_length": str(seen[1]), "input_length": str(seen[0])})

        def run(columns, rows, limit):
            index = index_of(rows)
            args = [_argument(values, view, make_series, index) for values, view in columns]
            try:
                chunks = _chunks(args, rows, limit)
                pieces = [_check_result(r, return_type, None)
                          for r in feed.feed([c[0] if len(c) == 1 else tuple(c) for c in chunks])]
                seen[0] += rows
                seen[1] += sum(len(p) for p in pieces)
                if seen[0] != seen[1]:
                    raise mismatch()
                result = pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True)
            except Exception as error:
                return ("error", _traceback_text(error))
            return _result_spec(result, return_type)

        def finish():
            try:
                seen[1] += sum(len(_check_result(r, return_type, None)) for r in feed.finish())
                if seen[0] != seen[1]:
                    raise mismatch()
            except Exception as error:
                return ("error", _traceback_text(error))
            return None

        run.finish = finish
        run.close = feed.close
        return run
    return start
