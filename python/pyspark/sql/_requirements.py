"""The optional packages some PySpark methods need (PyArrow, plotly) and the errors PySpark raises
for methods a classic, batch-only session cannot run."""

from pyspark.errors import AnalysisException, PySparkImportError, PySparkValueError

MINIMUM_VERSIONS = {"PyArrow": ("pyarrow", "11.0.0"), "plotly": ("plotly", "4.8")}


def require(package):
    """Imports and returns `package` ("PyArrow", "plotly"), or raises PySpark's
    PACKAGE_NOT_INSTALLED."""
    module, minimum = MINIMUM_VERSIONS[package]
    try:
        return __import__(module)
    except ImportError:
        raise PySparkImportError(errorClass="PACKAGE_NOT_INSTALLED",
                                 messageParameters={"package_name": package,
                                                    "minimum_version": minimum}) from None


def classic_unsupported(member):
    """A member only Spark Connect DataFrames have."""
    return PySparkValueError(errorClass="CLASSIC_OPERATION_NOT_SUPPORTED_ON_DF",
                             messageParameters={"member": member})


def write_stream_not_allowed():
    return AnalysisException(
        "[WRITE_STREAM_NOT_ALLOWED] `writeStream` can be called only on streaming "
        "Dataset/DataFrame.", errorClass="WRITE_STREAM_NOT_ALLOWED", messageParameters={},
        sqlState="42601")
