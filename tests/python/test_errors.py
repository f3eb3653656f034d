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
