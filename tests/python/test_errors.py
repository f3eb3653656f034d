"""pyspark.errors: the class hierarchy and the mapping of engine error classes to classes."""

import pytest

from pyspark.errors import (
    AnalysisException, ArithmeticException, IllegalArgumentException, NumberFormatException,
    ParseException, PySparkException, SparkRuntimeException,
)
from pyspark.errors.exceptions.captured import convert_engine_error


@pytest.mark.parametrize("error_class, sql_state, expected", [
    ("UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703", AnalysisException),
    ("PARSE_SYNTAX_ERROR", "42601", ParseException),
    ("PATH_NOT_FOUND", "42K03", AnalysisException),
    ("DIVIDE_BY_ZERO", "22012", ArithmeticException),
    ("ARITHMETIC_OVERFLOW", "22003", ArithmeticException),
    ("CAST_INVALID_INPUT", "22018", NumberFormatException),
    ("INVALID_PARAMETER_VALUE", "22023", IllegalArgumentException),
    ("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "22023", SparkRuntimeException),
    ("SOME_NEW_ANALYSIS_CLASS", "42000", AnalysisException),
])
def test_engine_error_classes(error_class, sql_state, expected):
    message = "[%s] something. SQLSTATE: %s" % (error_class, sql_state)
    error = convert_engine_error(error_class, sql_state, {"objectName": "`x`"}, message)
    assert type(error) is expected
    assert str(error) == message
    assert error.getErrorClass() == error_class
    assert error.getCondition() == error_class
    assert error.getSqlState() == sql_state
    assert error.getMessageParameters() == {"objectName": "`x`"}


def test_hierarchy():
    assert issubclass(ParseException, AnalysisException)
    assert issubclass(NumberFormatException, IllegalArgumentException)
    for cls in (AnalysisException, ArithmeticException, SparkRuntimeException):
        assert issubclass(cls, PySparkException)


# The classes PySpark 4.0's API reference lists under pyspark.errors.
PYSPARK_40_ERRORS = """AnalysisException ArithmeticException ArrayIndexOutOfBoundsException
    DateTimeException IllegalArgumentException NumberFormatException ParseException
    PySparkAssertionError PySparkAttributeError PySparkException PySparkKeyError
    PySparkNotImplementedError PySparkPicklingError PySparkRuntimeError PySparkTypeError
    PySparkValueError PySparkImportError PySparkIndexError PythonException QueryContext
    QueryContextType QueryExecutionException RetriesExceeded SessionNotSameException
    SparkRuntimeException SparkUpgradeException SparkNoSuchElementException
    StreamingQueryException StreamingPythonRunnerInitializationException
    TempTableAlreadyExistsException UnknownException UnsupportedOperationException""".split()


def test_every_pyspark_40_error_class_is_exported():
    import pyspark.errors as errors
    missing = [name for name in PYSPARK_40_ERRORS if not hasattr(errors, name)]
    assert missing == []
    for name in PYSPARK_40_ERRORS:
        cls = getattr(errors, name)
        if name.startswith("QueryContext"):
            continue
        assert issubclass(cls, PySparkException)
        error = cls(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "x"})
        assert error.getErrorClass() == "NOT_IMPLEMENTED"
        assert error.getMessageParameters() == {"feature": "x"}
        assert error.getQueryContext() == []
    assert issubclass(errors.PySparkTypeError, TypeError)
    assert issubclass(errors.PySparkValueError, ValueError)
    assert issubclass(errors.PySparkKeyError, KeyError)
    assert issubclass(errors.PySparkImportError, ImportError)


@pytest.mark.parametrize("error_class, sql_state, expected", [
    ("INVALID_LATERAL_JOIN_TYPE", "42613", ParseException),
    ("INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC", "42000", ParseException),
    ("UNSUPPORTED_FEATURE.LATERAL_JOIN_USING", "0A000", ParseException),
    ("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.LATERAL_JOIN_CONDITION_NON_DETERMINISTIC", "0A000",
     AnalysisException),
    ("UNSUPPORTED_JOIN_TYPE", "0A000", AnalysisException),
])
def test_lateral_error_classes(error_class, sql_state, expected):
    error = convert_engine_error(error_class, sql_state, {}, "[%s] x" % error_class)
    assert type(error) is expected
