"""Ember's implementation of the PySpark API: `pyspark.sql` (SparkSession, DataFrame, Column,
functions, types), `pyspark.errors`, SparkContext/SparkConf and RDDs (docs/rdd.md)."""

from pyspark.version import __version__  # noqa: F401
from pyspark.conf import SparkConf  # noqa: F401
from pyspark.context import SparkContext  # noqa: F401
from pyspark.storagelevel import StorageLevel  # noqa: F401
from pyspark.sql.types import Row  # noqa: F401
from pyspark._keyword_only import keyword_only  # noqa: F401
from pyspark.accumulators import Accumulator, AccumulatorParam  # noqa: F401
from pyspark.broadcast import Broadcast  # noqa: F401
from pyspark.rdd import RDD  # noqa: F401

__all__ = ["SparkConf", "SparkContext", "StorageLevel", "Row", "keyword_only", "__version__",
           "Accumulator", "AccumulatorParam", "Broadcast", "RDD"]
