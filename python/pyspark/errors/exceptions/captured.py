"""Maps engine errors (error class, SQLSTATE, parameters, message) to pyspark.errors classes.

This is the one table that decides which Python class an engine error class becomes; classes not
listed fall back on their SQLSTATE class (42xxx: analysis errors; 22xxx: data errors).
"""

from pyspark.errors.exceptions.base import (
    AnalysisException,
    ArithmeticException,
    ArrayIndexOutOfBoundsException,
    DateTimeException,
    IllegalArgumentException,
    NumberFormatException,
    ParseException,
    PythonException,
    SparkNoSuchElementException,
    SparkRuntimeException,
    SparkUpgradeException,
    UnknownException,
)

# Error class (or its prefix before the first '.') -> Python exception class.
_CLASS_TABLE = {
    "PARSE_SYNTAX_ERROR": ParseException,
    "PARSE_EMPTY_STATEMENT": ParseException,
    "INVALID_TYPED_LITERAL": ParseException,
    "INVALID_SQL_SYNTAX": ParseException,
    "INVALID_LATERAL_JOIN_TYPE": ParseException,
    "UNSUPPORTED_FEATURE.LATERAL_JOIN_USING": ParseException,
    "UNSUPPORTED_FEATURE.LATERAL_NATURAL_JOIN": ParseException,
    "UNSUPPORTED_JOIN_TYPE": AnalysisException,
    "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY": AnalysisException,
    "UNRESOLVED_COLUMN": AnalysisException,
    "UNRESOLVED_ROUTINE": AnalysisException,
    "UNRESOLVED_FIELD": AnalysisException,
    "AMBIGUOUS_REFERENCE": AnalysisException,
    "TABLE_OR_VIEW_NOT_FOUND": AnalysisException,
    "PATH_NOT_FOUND": AnalysisException,
    "PATH_ALREADY_EXISTS": AnalysisException,
    "DATATYPE_MISMATCH": AnalysisException,
    "WRONG_NUM_ARGS": AnalysisException,
    "MISSING_AGGREGATION": AnalysisException,
    "UNSUPPORTED_FEATURE": AnalysisException,
    "NUM_COLUMNS_MISMATCH": AnalysisException,
    "COLUMN_ALREADY_EXISTS": AnalysisException,
    "INSERT_COLUMN_ARITY_MISMATCH": AnalysisException,
    "INSERT_PARTITION_COLUMN_ARITY_MISMATCH": AnalysisException,
    "PARTITIONS_NOT_FOUND": AnalysisException,
    "PARTITIONS_ALREADY_EXIST": AnalysisException,
    "CREATE_VIEW_COLUMN_ARITY_MISMATCH": AnalysisException,
    "SCHEMA_NOT_EMPTY": AnalysisException,
    "ALL_PARTITION_COLUMNS_NOT_ALLOWED": AnalysisException,
    "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE": AnalysisException,
    "DIVIDE_BY_ZERO": ArithmeticException,
    "INVALID_ARRAY_INDEX": ArrayIndexOutOfBoundsException,
    "INVALID_ARRAY_INDEX_IN_ELEMENT_AT": ArrayIndexOutOfBoundsException,
    "ARITHMETIC_OVERFLOW": ArithmeticException,
    "CAST_OVERFLOW": ArithmeticException,
    "CAST_OVERFLOW_IN_TABLE_INSERT": ArithmeticException,
    "NUMERIC_VALUE_OUT_OF_RANGE": ArithmeticException,
    "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION": ArithmeticException,
    "INTERVAL_ARITHMETIC_OVERFLOW": ArithmeticException,
    "CAST_INVALID_INPUT": NumberFormatException,
    "INVALID_PARAMETER_VALUE": IllegalArgumentException,
    "INVALID_FRACTION_OF_SECOND": DateTimeException,
    "DATETIME_FIELD_OUT_OF_BOUNDS": DateTimeException,
    "CANNOT_PARSE_TIMESTAMP": DateTimeException,
    "INCONSISTENT_BEHAVIOR_CROSS_VERSION": SparkUpgradeException,
    "SQL_CONF_NOT_FOUND": SparkNoSuchElementException,
    "PYTHON_EXCEPTION": PythonException,
    "MALFORMED_RECORD_IN_PARSING": SparkRuntimeException,
    "FAILED_READ_FILE": SparkRuntimeException,
    "UNABLE_TO_ACQUIRE_MEMORY": SparkRuntimeException,
    "USER_RAISED_EXCEPTION": SparkRuntimeException,
    "PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY": UnknownException,
    "INTERNAL_ERROR": UnknownException,
}


def exception_class_for(error_class, sql_state):
    """The pyspark.errors class for an engine error class and SQLSTATE."""
    if error_class in _CLASS_TABLE:
        return _CLASS_TABLE[error_class]
    head = (error_class or "").split(".", 1)[0]
    if head in _CLASS_TABLE:
        return _CLASS_TABLE[head]
    state = sql_state or ""
    # Spark numbers its unnamed compile-time (analysis) errors _LEGACY_ERROR_TEMP_1xxx.
    if state.startswith("42") or (error_class or "").startswith("_LEGACY_ERROR_TEMP_1"):
        return AnalysisException
    if state == "22003" or state == "22012":
        return ArithmeticException
    return SparkRuntimeException


def convert_engine_error(error_class, sql_state, message_parameters, message):
    """Builds the Python exception for one engine error."""
    if error_class == "PYTHON_EXCEPTION":
        # A UDF raised: the message is its Python traceback, as PySpark shows it.
        return PythonException(message=(message_parameters or {}).get("msg", message))
    if not error_class:
        # A Java IllegalArgumentException in Spark (a failed require()): no error class.
        return IllegalArgumentException(message=message)
    cls = exception_class_for(error_class, sql_state)
    return cls(message=message, errorClass=error_class, sqlState=sql_state or None,
               messageParameters=dict(message_parameters or {}))
