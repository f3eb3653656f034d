"""The exception hierarchy of pyspark.errors.

PySparkException carries an error class, message parameters and an optional SQLSTATE. Errors
raised by the Python layer itself take their text from error_classes.py; errors that come from
the engine carry the engine's finished message. str(e) is "[CLASS] message" either way.
"""

from abc import ABC, abstractmethod
from enum import Enum
from pickle import PicklingError

from pyspark.errors.error_classes import render_message


class QueryContextType(Enum):
    """Where a query context points: SQL text or a DataFrame API call."""

    SQL = 0
    DataFrame = 1


class QueryContext(ABC):
    """Where in the query an error happened (getQueryContext() of an exception)."""

    @abstractmethod
    def contextType(self):
        ...

    @abstractmethod
    def objectType(self):
        ...

    @abstractmethod
    def objectName(self):
        ...

    @abstractmethod
    def startIndex(self):
        ...

    @abstractmethod
    def stopIndex(self):
        ...

    @abstractmethod
    def fragment(self):
        ...

    @abstractmethod
    def callSite(self):
        ...

    @abstractmethod
    def summary(self):
        ...


class PySparkException(Exception):
    """Base class of every PySpark error."""

    def __init__(self, message=None, errorClass=None, messageParameters=None, sqlState=None,
                 contexts=None, error_class=None, message_parameters=None):
        errorClass = errorClass or error_class
        messageParameters = messageParameters if messageParameters is not None \
            else message_parameters
        self._errorClass = errorClass
        self._messageParameters = dict(messageParameters or {})
        self._sqlState = sqlState
        self._contexts = contexts or []
        if message is None:
            message = render_message(errorClass, self._messageParameters)
        self._message = message
        super().__init__(message)

    def getErrorClass(self):
        return self._errorClass

    def getCondition(self):
        return self._errorClass

    def getMessageParameters(self):
        return dict(self._messageParameters)

    def getSqlState(self):
        return self._sqlState

    def getMessage(self):
        return self._message

    def getQueryContext(self):
        return list(self._contexts)

    def __str__(self):
        return self._message


# ---- errors raised by the Python layer ------------------------------------------------------

class PySparkValueError(PySparkException, ValueError):
    """Wrong value of an argument."""


class PySparkTypeError(PySparkException, TypeError):
    """Wrong type of an argument."""


class PySparkIndexError(PySparkException, IndexError):
    """Index out of range."""


class PySparkAttributeError(PySparkException, AttributeError):
    """Unknown attribute."""


class PySparkRuntimeError(PySparkException, RuntimeError):
    """Runtime failure in the Python layer."""


class PySparkNotImplementedError(PySparkException, NotImplementedError):
    """A feature Ember does not implement yet."""


class PySparkAssertionError(PySparkException, AssertionError):
    """A failed assertion (pyspark.testing); `data` holds the rows that differ, if any."""

    def __init__(self, message=None, errorClass=None, messageParameters=None, data=None,
                 error_class=None, message_parameters=None):
        super().__init__(message=message, errorClass=errorClass,
                         messageParameters=messageParameters, error_class=error_class,
                         message_parameters=message_parameters)
        self.data = data


class PySparkPicklingError(PySparkException, PicklingError):
    """An object that cannot be pickled."""


class PySparkImportError(PySparkException, ImportError):
    """A module PySpark needs cannot be imported."""


class RetriesExceeded(PySparkException):
    """A retriable failure that ran out of retries."""


class PySparkKeyError(PySparkException, KeyError):
    """Unknown key."""

    def __str__(self):
        return self._message


# ---- errors raised by the engine ------------------------------------------------------------

class CapturedException(PySparkException):
    """An error raised by the engine; the message is the engine's full Spark message."""

    def __init__(self, desc=None, stackTrace=None, cause=None, origin=None, errorClass=None,
                 messageParameters=None, sqlState=None, message=None, contexts=None):
        text = message if message is not None else desc
        super().__init__(message=text, errorClass=errorClass,
                         messageParameters=messageParameters, sqlState=sqlState,
                         contexts=contexts)
        self.desc = text
        self.stackTrace = stackTrace
        self.cause = cause


class AnalysisException(CapturedException):
    """A query that cannot be analyzed (unknown column, type mismatch, missing path...)."""


class ParseException(AnalysisException):
    """SQL text or a type string that cannot be parsed."""


class IllegalArgumentException(CapturedException):
    """An argument outside of its allowed values."""


class ArithmeticException(CapturedException):
    """Division by zero or overflow under ANSI mode."""


class NumberFormatException(IllegalArgumentException):
    """A string that is not a valid number (ANSI casts)."""


class DateTimeException(CapturedException):
    """Invalid date or time value under ANSI mode."""


class SparkRuntimeException(CapturedException):
    """A failure while running a query."""


class SparkUpgradeException(CapturedException):
    """Behaviour changed between Spark versions."""


class SparkNoSuchElementException(CapturedException):
    """A lookup of a missing element (such as an unset configuration key)."""


class PythonException(CapturedException):
    """A failure inside Python code run by the engine (UDFs)."""


class ArrayIndexOutOfBoundsException(CapturedException):
    """An array index outside of the array under ANSI mode."""


class UnsupportedOperationException(CapturedException):
    """An operation the engine does not support."""


class SessionNotSameException(CapturedException):
    """An operation over DataFrames of different sessions."""


class PickleException(CapturedException):
    """A value the engine failed to pickle or unpickle."""


class StreamingPythonRunnerInitializationException(CapturedException):
    """A streaming Python worker that failed to start."""


class UnknownException(CapturedException):
    """Any other engine error."""


class QueryExecutionException(CapturedException):
    """A query failed to run."""


class TempTableAlreadyExistsException(AnalysisException):
    """A temporary view of that name already exists."""


class StreamingQueryException(CapturedException):
    """A streaming query failed."""
