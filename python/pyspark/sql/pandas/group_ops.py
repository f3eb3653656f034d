"""The pandas operations over whole groups or partitions: grouped aggregate pandas UDFs in
groupBy().agg(), groupBy().applyInPandas(), groupBy().cogroup().applyInPandas() and
DataFrame.mapInPandas().

They run in the driver's Python over the input collected as pandas frames (the engine computes the
input, keys and arguments first), and the result becomes a DataFrame of the declared schema, so
they are eager and bounded by the driver's memory; frames passed to the function hold at most
spark.sql.execution.arrow.maxRecordsPerBatch rows where PySpark batches them (mapInPandas).
"""

import inspect

from pyspark.errors import PySparkNotImplementedError, PySparkTypeError
from pyspark.sql.types import StructField, StructType, _parse_ddl_schema_or_type
from pyspark.sql.udf import _parse_return_type, registered_udf
from pyspark.util import PythonEvalType


def _schema(schema):
    return _parse_ddl_schema_or_type(schema) if isinstance(schema, str) else schema


def _frame_result(session, frames, schema):
    import pandas as pd
    schema = _schema(schema)
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return session.createDataFrame([], schema)
    result = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    by_name = all(isinstance(c, str) for c in result.columns) and \
        set(schema.names) <= set(result.columns)
    result = result[schema.names] if by_name else result
    return session.createDataFrame(result.reset_index(drop=True), schema)


def _takes_key(func):
    try:
        return len(inspect.signature(func).parameters) == 2
    except (TypeError, ValueError):
        return False


def _keyed_frames(df, groups):
    """The rows of `df` as pandas, with the grouping values in columns __key0, __key1, ... at the
    end, and the names of those columns."""
    from pyspark.sql.column import Column
    keys = ["__key%d" % i for i in range(len(groups))]
    keyed = df.select(Column({"e": "star"}),
                      *[Column({"e": "alias", "child": g, "name": k}) for g, k in zip(groups, keys)])
    return keyed.toPandas(), keys


def _groups_of(pdf, keys):
    if not keys:
        return [((), pdf)] if len(pdf) else []
    if len(keys) == 1:
        return [((k,), frame) for k, frame in pdf.groupby(keys[0], dropna=False, sort=False)]
    return [(tuple(k), frame) for k, frame in pdf.groupby(keys, dropna=False, sort=False)]


def apply_in_pandas(grouped, func, schema):
    """groupBy(...).applyInPandas(func, schema)."""
    df = grouped._df
    pdf, keys = _keyed_frames(df, grouped._groups)
    columns = [c for c in pdf.columns if c not in keys]
    out = []
    for key, frame in _groups_of(pdf, keys):
        frame = frame[columns].reset_index(drop=True)
        out.append(func(key, frame) if _takes_key(func) else func(frame))
    return _frame_result(df._session, out, schema)


def cogroup_apply_in_pandas(left, right, func, schema):
    """groupBy(...).cogroup(other.groupBy(...)).applyInPandas(func, schema)."""
    import pandas as pd
    left_pdf, left_keys = _keyed_frames(left._df, left._groups)
    right_pdf, right_keys = _keyed_frames(right._df, right._groups)
    left_columns = [c for c in left_pdf.columns if c not in left_keys]
    right_columns = [c for c in right_pdf.columns if c not in right_keys]
    left_groups = dict(_groups_of(left_pdf, left_keys))
    right_groups = dict(_groups_of(right_pdf, right_keys))
    order = list(left_groups) + [k for k in right_groups if k not in left_groups]
    out = []
    for key in order:
        lf = left_groups.get(key, pd.DataFrame(columns=left_pdf.columns))[left_columns]
        rf = right_groups.get(key, pd.DataFrame(columns=right_pdf.columns))[right_columns]
        lf, rf = lf.reset_index(drop=True), rf.reset_index(drop=True)
        out.append(func(key, lf, rf) if len(inspect.signature(func).parameters) == 3
                   else func(lf, rf))
    return _frame_result(left._df._session, out, schema)


def map_in_pandas(df, func, schema):
    """DataFrame.mapInPandas(func, schema): func maps an iterator of frames to frames."""
    from pyspark.sql.pandas.functions import _max_records
    pdf = df.toPandas()
    limit = _max_records(df._session._core)
    batches = (pdf.iloc[start:start + limit].reset_index(drop=True)
               for start in range(0, len(pdf), limit))
    return _frame_result(df._session, list(func(batches)), schema)


def pandas_aggregates(grouped, exprs):
    """The UDFs of `exprs` when they are all grouped aggregate pandas UDFs; None when none is;
    Spark's error when they are mixed with other aggregates."""
    session = grouped._df._session
    udfs = [registered_udf(session, e._expr) for e in exprs]
    pandas = [u is not None and u.evalType == PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF
              for u in udfs]
    if not any(pandas):
        return None
    if not all(pandas):
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "grouped aggregate pandas UDFs together with other "
                                          "aggregate functions"})
    return udfs


def aggregate_in_pandas(grouped, exprs, udfs):
    """groupBy(...).agg(f(...), ...) with grouped aggregate pandas UDFs: each UDF reduces the
    Series of its arguments in a group to one value."""
    from pyspark.sql.column import Column
    df, session = grouped._df, grouped._df._session
    keys = ["__key%d" % i for i in range(len(grouped._groups))]
    key_columns = [Column({"e": "alias", "child": g, "name": k})
                   for g, k in zip(grouped._groups, keys)]
    arg_names, arg_columns = [], []
    for i, e in enumerate(exprs):
        call = e._expr
        while call.get("e") == "alias":
            call = call["child"]
        names = ["__arg%d_%d" % (i, j) for j in range(len(call["args"]))]
        arg_names.append(names)
        arg_columns += [Column({"e": "alias", "child": a, "name": n})
                        for a, n in zip(call["args"], names)]
    inputs = df.select(*key_columns, *arg_columns)
    key_fields = [StructField(f.name, f.dataType, f.nullable)
                  for f in df.select(*[Column(g) for g in grouped._groups]).schema.fields]
    fields = key_fields + [StructField(name, _parse_return_type(u.returnType), True)
                           for name, u in zip(df.select(*exprs).columns, udfs)]
    pdf = inputs.toPandas()
    rows = []
    for key, frame in _groups_of(pdf, keys) if keys else [((), pdf)]:
        values = [u.func(*[frame[n].reset_index(drop=True) for n in names])
                  for u, names in zip(udfs, arg_names)]
        rows.append(tuple(_key_value(k, f.dataType) for k, f in zip(key, key_fields)) +
                    tuple(_plain(v) for v in values))
    return session.createDataFrame(rows, StructType(fields))


def _key_value(value, data_type):
    """A grouping value as pandas gives it, back in its column's type (pandas turns integer
    columns with nulls into floats)."""
    from pyspark.sql.types import IntegralType
    value = _plain(value)
    if isinstance(data_type, IntegralType) and isinstance(value, float):
        return int(value)
    return value


def _is_missing(value):
    try:
        import pandas as pd
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value):
    """A numpy scalar as the Python value it holds."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    if _is_missing(value):
        return None
    return value


def check_callable(func):
    if not callable(func):
        raise PySparkTypeError(errorClass="NOT_CALLABLE",
                               messageParameters={"arg_name": "func",
                                                  "arg_type": type(func).__name__})
