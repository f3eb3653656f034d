"""The pandas operations over whole groups or partitions: groupBy().applyInPandas(),
groupBy().cogroup().applyInPandas() and DataFrame.mapInPandas() (grouped aggregate pandas UDFs
are aggregates of their own: pyspark.sql.pandas.functions).

They run in the engine, on its task threads (docs/python-udfs.md). applyInPandas is an aggregate of
a grouped Python function: the engine exchanges the rows by the grouping keys, gathers each
group's rows, and calls the function's evaluator with the rows of many groups at a time; the
evaluator calls the user's function once per group and returns all the frames it gave as one
array of structs per group, which the plan explodes into rows of the declared schema. A cogroup
is the same over the union of both sides, each row tagged with its side. mapInPandas is a pandas
function over whole partitions (the engine's Generate over it finishes it at the partition's end)
fed batches of at most maxRecordsPerBatch rows, whose result, an array of structs, is inlined.
"""

import inspect

from pyspark.errors import (PySparkNotImplementedError, PySparkRuntimeError, PySparkTypeError)
from pyspark.sql.types import StructType, _parse_ddl_schema_or_type
from pyspark.sql.udf import _traceback_text, registered_udf
from pyspark.util import PythonEvalType


def _schema(schema):
    return _parse_ddl_schema_or_type(schema) if isinstance(schema, str) else schema


def _parameter_count(func):
    try:
        return len(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return -1


def _register(session, name, schema, evaluator, grouped, deterministic=True,
              partition_wide=False):
    """The engine id of a pandas function returning an array of `schema` structs per call."""
    from pyspark.sql import _values
    return session._call("register_udf", name, "array<%s>" % _values.type_ddl(schema),
                         deterministic, True, evaluator, _values.record_values, grouped,
                         partition_wide)


def _call(udf_id, name, args):
    from pyspark.sql.column import Column, col_expr
    return Column({"e": "udf", "id": udf_id, "name": name, "args": [col_expr(a) for a in args]})


def _exploded(frame, schema):
    """The rows of the arrays of structs in column `r` of `frame`, as columns of `schema`."""
    from pyspark.sql import functions as F
    rows = frame.select(F.explode("r").alias("r"))
    return rows.select(*[F.col("r").getField(name).alias(name) for name in schema.names])


def _aligned(result, schema):
    """A frame the user's function returned, with the columns of `schema` in order: by name when
    its labels are strings, else by position (PySpark's assignColumnsByName)."""
    import pandas as pd
    if not isinstance(result, pd.DataFrame):
        raise PySparkTypeError(errorClass="UDF_RETURN_TYPE",
                               messageParameters={"expected": "pandas.DataFrame",
                                                  "actual": type(result).__name__})
    if len(result.columns) == 0 and len(result) == 0:
        return None
    names = schema.names
    if all(isinstance(c, str) for c in result.columns):
        missing = [n for n in names if n not in result.columns]
        if missing:
            extra = [c for c in result.columns if c not in names]
            raise PySparkRuntimeError(
                errorClass="RESULT_COLUMNS_MISMATCH_FOR_PANDAS_UDF",
                messageParameters={"missing": " Missing: %s." % ", ".join(sorted(missing)),
                                   "extra": " Unexpected: %s." % ", ".join(sorted(extra)) if extra
                                   else ""})
        return result[names]
    if len(result.columns) != len(names):
        raise PySparkRuntimeError(
            errorClass="RESULT_LENGTH_MISMATCH_FOR_PANDAS_UDF",
            messageParameters={"expected": str(len(names)), "actual": str(len(result.columns))})
    return result.set_axis(names, axis=1)


def _frames_spec(frames, lengths, schema):
    """The engine's ("frames", column specs, lengths) of the frames a function gave."""
    import pandas as pd
    from pyspark.sql._local_data import _column_spec
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        whole = pd.DataFrame({n: pd.Series([], dtype=object) for n in schema.names})
    else:
        whole = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    specs = [_column_spec(whole.iloc[:, i], field.dataType) for i, field in enumerate(schema.fields)]
    return ("frames", specs, lengths)


_INTEGER_DTYPES = {"ByteType": "int8", "ShortType": "int16", "IntegerType": "int32",
                   "LongType": "int64"}


def _own_dtype(series, data_type):
    """A column of one group as PySpark gives it: an integer or boolean column that has no nulls
    in the group keeps its own dtype even where other groups' nulls made the array float64 or
    object."""
    kind = type(data_type).__name__
    if kind in _INTEGER_DTYPES and series.dtype.kind == "f" and not series.isna().any():
        return series.astype(_INTEGER_DTYPES[kind])
    if kind == "BooleanType" and series.dtype == object and not series.isna().any():
        return series.astype(bool)
    return series


def _group_key(columns, key_fields, row):
    """The key of the group whose first row is `row`: its grouping values (None for null; an
    integer key stays an integer where other groups' nulls made its array float64)."""
    import numpy as np
    key = []
    for (values, view), field in zip(columns, key_fields):
        value = values[row:row + 1].view(view)[0] if view is not None else values[row]
        if value is None or (isinstance(value, (float, np.floating)) and value != value) or \
                (isinstance(value, (np.datetime64, np.timedelta64)) and np.isnat(value)):
            value = None
        else:
            kind = type(field.dataType).__name__
            if kind in _INTEGER_DTYPES and isinstance(value, (float, np.floating)):
                value = np.dtype(_INTEGER_DTYPES[kind]).type(value)
        key.append(value)
    return tuple(key)


def _frame(arguments, fields):
    """A group's frame of the Series `arguments`, named and typed after `fields`."""
    import pandas as pd
    if not fields:
        return pd.DataFrame(index=range(len(arguments[0]) if arguments else 0))
    return pd.DataFrame({f.name: _own_dtype(a, f.dataType) for a, f in zip(arguments, fields)},
                        copy=False)


def _group_result(func, with_key, columns, key_fields, begin, schema, *frames):
    """func's result for one group's frames (preceded by the group's key when func takes it)."""
    if with_key:
        frames = (_group_key(columns, key_fields, begin),) + frames
    return _aligned(func(*frames), schema)


def _grouped_map_evaluator(func, key_fields, fields, schema):
    """evaluate(columns, starts, limit): func over each group's frame (and its key), as frames."""
    from pyspark.sql.pandas.functions import group_slicer
    slicer = group_slicer()
    with_key = _parameter_count(func) == 2
    key_count = len(key_fields)

    def evaluate(columns, starts, limit):
        frames, lengths = [], []
        try:
            for g in range(len(starts) - 1):
                begin, end = starts[g], starts[g + 1]
                arguments = slicer(columns, begin, end)
                frame = _frame(arguments[key_count:], fields)
                result = _group_result(func, with_key, columns, key_fields, begin, schema, frame)
                frames.append(result)
                lengths.append(0 if result is None else len(result))
        except Exception as error:
            return ("error", _traceback_text(error))
        return _frames_spec(frames, lengths, schema)
    return evaluate


def apply_in_pandas(grouped, func, schema):
    """groupBy(...).applyInPandas(func, schema)."""
    from pyspark.sql.column import Column
    df, schema = grouped._df, _schema(schema)
    fields = df.schema.fields
    names = [f.name for f in fields]
    keys = [Column(g) for g in grouped._groups]
    evaluator = _grouped_map_evaluator(func, df.select(*keys).schema.fields, fields, schema)
    udf_id = _register(df._session, getattr(func, "__name__", "func"), schema, evaluator, True)
    call = _call(udf_id, getattr(func, "__name__", "func"), keys + [df[n] for n in names])
    return _exploded(grouped._aggregate([call.alias("r")._expr]), schema)


def _cogroup_evaluator(func, key_fields, left_fields, right_fields, schema):
    """evaluate(columns, starts, limit): func over each group's left and right frames; the columns
    are the keys, the side (0 left, 1 right), the left columns, then the right ones."""
    import numpy as np
    import pandas as pd
    with_key = _parameter_count(func) == 3
    key_count = len(key_fields)
    split = key_count + 1 + len(left_fields)

    def side_frame(columns, begin, end, rows, fields):
        series = [pd.Series((values[begin:end].view(view) if view is not None
                             else values[begin:end])[rows]) for values, view in columns]
        return _frame(series, fields)

    def evaluate(columns, starts, limit):
        frames, lengths = [], []
        sides = columns[key_count][0]
        try:
            for g in range(len(starts) - 1):
                begin, end = starts[g], starts[g + 1]
                right = np.asarray(sides[begin:end], dtype=bool)
                left_frame = side_frame(columns[key_count + 1:split], begin, end, ~right,
                                        left_fields)
                right_frame = side_frame(columns[split:], begin, end, right, right_fields)
                result = _group_result(func, with_key, columns, key_fields, begin, schema,
                                       left_frame, right_frame)
                frames.append(result)
                lengths.append(0 if result is None else len(result))
        except Exception as error:
            return ("error", _traceback_text(error))
        return _frames_spec(frames, lengths, schema)
    return evaluate


def cogroup_apply_in_pandas(left, right, func, schema):
    """groupBy(...).cogroup(other.groupBy(...)).applyInPandas(func, schema): both sides' rows in
    one grouping, each tagged with its side, their columns side by side (nulls on the other)."""
    from pyspark.sql import functions as F
    from pyspark.sql.column import Column, col_expr
    from pyspark.sql.group import GroupedData
    schema = _schema(schema)
    left_df, right_df = left._df, right._df
    left_fields, right_fields = left_df.schema.fields, right_df.schema.fields
    keys = ["__key%d" % i for i in range(len(left._groups))]
    left_names = ["__l%d" % i for i in range(len(left_fields))]
    right_names = ["__r%d" % i for i in range(len(right_fields))]

    def side(df, groups, own, own_fields, other, other_fields, tag):
        columns = [Column(g).alias(k) for g, k in zip(groups, keys)] + [F.lit(tag).alias("__side")]
        mine = [df[f.name].alias(n) for f, n in zip(own_fields, own)]
        theirs = [F.lit(None).cast(f.dataType).alias(n) for f, n in zip(other_fields, other)]
        return df.select(*columns, *(mine + theirs if tag == 0 else theirs + mine))

    union = side(left_df, left._groups, left_names, left_fields, right_names, right_fields, 0) \
        .unionByName(side(right_df, right._groups, right_names, right_fields, left_names,
                          left_fields, 1))
    name = getattr(func, "__name__", "func")
    evaluator = _cogroup_evaluator(func, union.select(*keys).schema.fields, left_fields,
                                   right_fields, schema)
    udf_id = _register(left_df._session, name, schema, evaluator, True)
    call = _call(udf_id, name, keys + ["__side"] + left_names + right_names)
    grouped = GroupedData(union, [col_expr(k) for k in keys])
    return _exploded(grouped._aggregate([call.alias("r")._expr]), schema)


def _map_evaluator(func, fields, schema):
    """start(): the run of func over one partition (pyspark.sql._partition_feed), called as
    run(columns, rows, limit) on each batch: the batch's frames, cut to at most `limit` rows, go to
    func's iterator, and the frames it yields until it asks for the next batch go back as the
    batch's first row's array (the other rows get empty ones); run.finish() gives the frames it
    yields once its input ends."""
    from pyspark.sql._partition_feed import PartitionFeed
    from pyspark.sql.pandas.functions import group_slicer

    def start():
        slicer = group_slicer()
        feed = PartitionFeed(lambda batches: (_aligned(f, schema) for f in func(batches)))

        def run(columns, rows, limit):
            step = limit if limit > 0 else rows
            try:
                frames = feed.feed([_frame(slicer(columns, begin, min(rows, begin + step)), fields)
                                    for begin in range(0, rows, step)])
            except Exception as error:
                return ("error", _traceback_text(error))
            total = sum(0 if f is None else len(f) for f in frames)
            return _frames_spec(frames, [total] + [0] * (rows - 1), schema)

        def finish():
            try:
                frames = feed.finish()
            except Exception as error:
                return ("error", _traceback_text(error))
            total = sum(0 if f is None else len(f) for f in frames)
            return _frames_spec(frames, [total], schema) if total else None

        run.finish = finish
        run.close = feed.close
        return run
    return start


def map_in_pandas(df, func, schema):
    """DataFrame.mapInPandas(func, schema): func maps an iterator of frames to frames."""
    schema = _schema(schema)
    fields = df.schema.fields
    names = [f.name for f in fields]
    name = getattr(func, "__name__", "func")
    udf_id = _register(df._session, name, schema, _map_evaluator(func, fields, schema), False,
                       deterministic=False, partition_wide=True)
    from pyspark.sql import functions as F
    return df.select(F.inline(_call(udf_id, name, [df[n] for n in names])))


def check_pandas_aggregates(grouped, exprs):
    """Spark's error when grouped aggregate pandas UDFs are mixed with other aggregates."""
    session = grouped._df._session
    udfs = [registered_udf(session, e._expr) for e in exprs]
    pandas = [u is not None and u.evalType == PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF
              for u in udfs]
    if any(pandas) and not all(pandas):
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "grouped aggregate pandas UDFs together with other "
                                          "aggregate functions"})


def check_callable(func):
    if not callable(func):
        raise PySparkTypeError(errorClass="NOT_CALLABLE",
                               messageParameters={"arg_name": "func",
                                                  "arg_type": type(func).__name__})


def map_in_arrow(df, func, schema, pa):
    """DataFrame.mapInArrow(func, schema): func maps an iterator of pyarrow RecordBatches (module
    `pa`) to RecordBatches, run as mapInPandas over their pandas forms."""
    def through_arrow(frames):
        batches = (pa.RecordBatch.from_pandas(f, preserve_index=False) for f in frames)
        for batch in func(batches):
            yield batch.to_pandas()
    through_arrow.__name__ = getattr(func, "__name__", "func")
    return map_in_pandas(df, through_arrow, schema)
