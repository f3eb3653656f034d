"""pyspark.util: PythonEvalType, the kinds of Python functions the engine calls."""


class PythonEvalType:
    """How a Python function is evaluated (the values PySpark uses)."""

    NON_UDF = 0
    SQL_BATCHED_UDF = 100
    SQL_ARROW_BATCHED_UDF = 101
    SQL_SCALAR_PANDAS_UDF = 200
    SQL_GROUPED_MAP_PANDAS_UDF = 201
    SQL_GROUPED_AGG_PANDAS_UDF = 202
    SQL_WINDOW_AGG_PANDAS_UDF = 203
    SQL_SCALAR_PANDAS_ITER_UDF = 204
    SQL_MAP_PANDAS_ITER_UDF = 205
    SQL_COGROUPED_MAP_PANDAS_UDF = 206
    SQL_TABLE_UDF = 300
    SQL_ARROW_TABLE_UDF = 301
