"""createDataFrame's local data as the engine's columnar local relation, held once by the session.

pandas DataFrames and numpy arrays go column by column: numbers and booleans as numpy arrays
(with a null mask for pandas' nullable dtypes), datetime64 columns as int64 nanoseconds (naive
ones are wall-clock times in the session time zone, tz-aware ones instants), object columns as
their Python objects. Lists of records go to the engine as they are, converted in one pass. Types
are inferred as PySpark does without Arrow: every integer dtype is bigint, every float dtype
double, datetime64 timestamp; NaN stays NaN in float columns while None, NaT and pd.NA are null.

The rows are sliced into partitions as PySpark 4.0 (classic) slices them: a list goes through
sc.parallelize (defaultParallelism slices of whole pickled batches), and so does a pandas frame
unless spark.sql.execution.arrow.pyspark.enabled, when it becomes a LocalRelation scanned in
min(rows, leaf parallelism) slices of rows. The engine cuts its batches at the slices' ends, so a
partition is whole batches.

The engine checks every value against the schema; when one does not fit, the records are checked
again here, value by value as PySpark's verifySchema does, to raise PySpark's exact error.
"""

from pyspark import _slicing
from pyspark.errors import PySparkTypeError, PySparkValueError
from pyspark.sql import _values
from pyspark.sql.types import (
    BinaryType, BooleanType, ByteType, DateType, DecimalType, DoubleType, FloatType,
    IntegerType, LongType, ShortType, StringType, StructField, StructType, TimestampNTZType,
    TimestampType,
)


def is_pandas_frame(data):
    module = type(data).__module__
    return module.startswith("pandas") and type(data).__name__ == "DataFrame"


def is_numpy_array(data):
    return type(data).__module__ == "numpy" and type(data).__name__ == "ndarray"


def _fields(schema):
    return [(f.name, f.dataType.simpleString(), f.nullable) for f in schema.fields]


def _parallelize_ends(session, num_rows):
    return _slicing.parallelize_ends(num_rows, session.sparkContext.defaultParallelism)


def _pandas_ends(session, num_rows):
    """Arrow's LocalRelation slices rows by spark.sql.leafNodeDefaultParallelism (when set); an
    empty one stays unsliced (Spark gives it no partitions)."""
    conf = session._core.get_conf
    if (conf("spark.sql.execution.arrow.pyspark.enabled") or "false").lower() != "true":
        return _parallelize_ends(session, num_rows)
    leaf = conf("spark.sql.leafNodeDefaultParallelism")
    return _slicing.local_relation_ends(
        num_rows, int(leaf) if leaf else session.sparkContext.defaultParallelism)


def hold_records(session, schema, records):
    """The session's handle of a local relation of `records` (a list) in `schema`."""
    try:
        return session._call("hold_local_rows", _fields(schema), records, _values.record_values,
                             _parallelize_ends(session, len(records)))
    except TypeError:
        _raise_verify_error(session, schema, records)
        raise


def _raise_verify_error(session, schema, records):
    tz = _values.time_zone(session._time_zone())
    for record in records:
        _values.encode_struct(record, schema, tz)
    raise PySparkTypeError(errorClass="CANNOT_ACCEPT_OBJECT_IN_TYPE",
                           messageParameters={"data_type": schema.simpleString(),
                                              "obj_name": "data", "obj_type": "local data"})


# ---- numpy -----------------------------------------------------------------------------------

_NUMPY_TYPES = {"int8": ByteType, "int16": ShortType, "int32": IntegerType, "int64": LongType,
                "float32": FloatType, "float64": DoubleType}


def numpy_to_pandas(array, schema):
    """A 1-D or 2-D numpy array as PySpark reads it: a pandas frame with columns `value` or
    `_1`, `_2`, ..., and (without a schema) a schema from the array's dtype."""
    import pandas as pd
    if array.ndim not in (1, 2):
        raise PySparkValueError(errorClass="INVALID_NDARRAY_DIMENSION",
                                messageParameters={"dimensions": "1 or 2"})
    if array.ndim == 1 or array.shape[1] == 1:
        names = ["value"]
    else:
        names = ["_%d" % i for i in range(1, array.shape[1] + 1)]
    if schema is None and str(array.dtype) in _NUMPY_TYPES:
        spark_type = _NUMPY_TYPES[str(array.dtype)]()
        schema = StructType([StructField(n, spark_type, True) for n in names])
    return pd.DataFrame(array, columns=names), schema


# ---- pandas ----------------------------------------------------------------------------------

_INFERRED_OBJECT_TYPES = {
    "string": StringType, "integer": LongType, "floating": DoubleType, "boolean": BooleanType,
    "decimal": lambda: DecimalType(38, 18), "date": DateType, "datetime": TimestampType,
    "datetime64": TimestampType, "bytes": BinaryType,
}


def _dtype_type(series):
    """The Spark type PySpark infers for a pandas column without Arrow, or None to infer it from
    the values."""
    import pandas as pd
    from pandas.api import types as pt
    dtype = series.dtype
    if pt.is_bool_dtype(dtype):
        return BooleanType()
    if pt.is_integer_dtype(dtype):
        return LongType()
    if pt.is_float_dtype(dtype):
        return DoubleType()
    if pt.is_datetime64_any_dtype(dtype):
        return TimestampType()
    if isinstance(dtype, pd.StringDtype):
        return StringType()
    return None


def _infer_from_values(name, series):
    from pandas.api.types import infer_dtype
    kind = infer_dtype(series, skipna=True)
    if kind in _INFERRED_OBJECT_TYPES:
        return _INFERRED_OBJECT_TYPES[kind]()
    values = [v for v in series.tolist() if v is not None]
    if not values:
        raise PySparkValueError(errorClass="CANNOT_DETERMINE_TYPE", messageParameters={})
    data_type = _values.infer_schema([(v,) for v in values], [name]).fields[0].dataType
    return data_type


def pandas_schema(frame, names):
    """The schema PySpark infers for a pandas frame (column names `names`)."""
    fields = []
    for i, name in enumerate(names):
        series = frame.iloc[:, i]
        data_type = _dtype_type(series)
        if data_type is None:
            data_type = _infer_from_values(name, series)
        fields.append(StructField(name, data_type, True))
    return StructType(fields)


def _column_spec(series, data_type):
    """How the engine reads one pandas column: (kind, data, null mask, naive)."""
    import numpy as np
    import pandas as pd
    from pandas.api import types as pt
    dtype = series.dtype
    if pt.is_datetime64_any_dtype(dtype) and isinstance(data_type, (TimestampType,
                                                                    TimestampNTZType)):
        naive = getattr(dtype, "tz", None) is None
        if getattr(dtype, "unit", "ns") != "ns":
            series = series.dt.as_unit("ns")
        nanos = series.array.asi8
        return ("datetime", np.ascontiguousarray(nanos, dtype=np.int64), None, naive)
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return ("numeric", np.ascontiguousarray(series.to_numpy()), None, False)
    if pt.is_extension_array_dtype(dtype) and (pt.is_bool_dtype(dtype) or pt.is_integer_dtype(dtype)
                                               or pt.is_float_dtype(dtype)):
        array = series.array
        mask = np.asarray(pd.isna(array), dtype=bool)
        numpy_dtype = dtype.numpy_dtype
        values = array.to_numpy(dtype=numpy_dtype, na_value=0 if numpy_dtype.kind != "b" else False)
        return ("numeric", np.ascontiguousarray(values), mask if mask.any() else None, False)
    if pt.is_extension_array_dtype(dtype):
        return ("objects", series.to_numpy(dtype=object, na_value=None), None, False)
    if pt.is_datetime64_any_dtype(dtype) or pt.is_timedelta64_dtype(dtype):
        objects = series.astype(object).where(series.notna(), None)
        return ("objects", objects.to_numpy(dtype=object), None, False)
    return ("objects", series.to_numpy(dtype=object), None, False)


def hold_pandas(session, frame, schema):
    """The session's handle of a local relation of the pandas frame's columns in `schema` (matched
    by position)."""
    if len(schema.fields) != frame.shape[1]:
        raise PySparkValueError(
            errorClass="LENGTH_SHOULD_BE_THE_SAME",
            messageParameters={"arg1": "data", "arg2": "schema",
                               "arg1_length": str(frame.shape[1]),
                               "arg2_length": str(len(schema.fields))})
    columns = [_column_spec(frame.iloc[:, i], f.dataType) for i, f in enumerate(schema.fields)]
    try:
        return session._call("hold_local_columns", _fields(schema), columns, len(frame),
                             _values.record_values, _pandas_ends(session, len(frame)))
    except TypeError:
        _raise_verify_error(session, schema, pandas_records(frame))
        raise


def pandas_records(frame):
    """Rows of a pandas DataFrame as Python values (numpy scalars unwrapped, NaT as None)."""
    import pandas as pd
    columns = []
    for i in range(frame.shape[1]):
        series = frame.iloc[:, i]
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            values = [None if pd.isna(v) else v.to_pydatetime() for v in series]
        else:
            values = [v.item() if hasattr(v, "item") and type(v).__module__ == "numpy" else v
                      for v in series.tolist()]
        columns.append(values)
    return [list(row) for row in zip(*columns)] if columns else [[] for _ in range(len(frame))]
