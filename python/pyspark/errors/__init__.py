"""PySpark's exception classes. Engine errors arrive with Spark's error class, SQLSTATE and
message parameters and are raised as the class PySpark would raise (see exceptions/captured.py)."""

from pyspark.errors.exceptions.base import (  # noqa: F401
    PySparkException,
    PySparkValueError,
    PySparkTypeError,
    PySparkIndexError,
    PySparkAttributeError,
    PySparkRuntimeError,
    PySparkNotImplementedError,
    PySparkKeyError,
    AnalysisException,
    ParseException,
    IllegalArgumentException,
    ArithmeticException,
    NumberFormatException,
    DateTimeException,
    SparkRuntimeException,
    SparkUpgradeException,
    SparkNoSuchElementException,
    PythonException,
    UnknownException,
    QueryExecutionException,
    TempTableAlreadyExistsException,
    StreamingQueryException,
)

__all__ = [
    "PySparkException", "PySparkValueError", "PySparkTypeError", "PySparkIndexError",
    "PySparkAttributeError", "PySparkRuntimeError", "PySparkNotImplementedError",
    "PySparkKeyError", "AnalysisException", "ParseException", "IllegalArgumentException",
    "ArithmeticException", "NumberFormatException", "DateTimeException", "SparkRuntimeException",
    "SparkUpgradeException", "SparkNoSuchElementException", "PythonException",
    "UnknownException", "QueryExecutionException", "TempTableAlreadyExistsException",
    "StreamingQueryException",
]
