"""pyspark.testing: assertions for tests of DataFrames and schemas."""

from pyspark.testing.utils import assertDataFrameEqual, assertSchemaEqual  # noqa: F401

__all__ = ["assertDataFrameEqual", "assertSchemaEqual"]
