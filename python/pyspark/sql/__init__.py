"""pyspark.sql: SparkSession, DataFrame, Column, Row, functions and types, implemented by Ember."""

from pyspark.sql.types import Row  # noqa: F401
from pyspark.sql.column import Column  # noqa: F401
from pyspark.sql.dataframe import DataFrame  # noqa: F401
from pyspark.sql.group import GroupedData  # noqa: F401
from pyspark.sql.readwriter import DataFrameReader, DataFrameWriter  # noqa: F401
from pyspark.sql.conf import RuntimeConfig  # noqa: F401
from pyspark.sql.session import SparkSession  # noqa: F401
from pyspark.sql.window import Window, WindowSpec  # noqa: F401
from pyspark.sql.observation import Observation  # noqa: F401
from pyspark.sql.context import SQLContext  # noqa: F401
from pyspark.sql import functions, types  # noqa: F401

__all__ = ["SparkSession", "DataFrame", "Column", "Row", "GroupedData", "DataFrameReader",
           "DataFrameWriter", "RuntimeConfig", "Window", "WindowSpec", "Observation", "SQLContext",
           "functions", "types"]
