"""pyspark.sql.functions.partitioning: the partition transforms of DataFrameWriterV2.partitionedBy.

A transform is not a value: DataFrameWriterV2.partitionedBy reads it, and the engine refuses one
anywhere else with PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY, as Spark's unevaluable
partition transform expressions do."""

from pyspark.errors import PySparkTypeError
from pyspark.sql.column import Column, _sql, col_expr, lit_expr

__all__ = ["years", "months", "days", "hours", "bucket"]


def _transform(name, column, num_buckets=None):
    source = col_expr(column)
    args = [source] if num_buckets is None else [lit_expr(num_buckets), source]
    shown = ", ".join(_sql(a) for a in args)
    # "sql" is the text Spark's error shows: its bucket expression prints its column only.
    return Column({"e": "partition_transform", "name": name, "args": args,
                   "display": "%s(%s)" % (name, shown), "sql": "%s(%s)" % (name, _sql(source))})


def years(col):
    """Partition transform: the years of a date or timestamp column (partitionedBy only)."""
    return _transform("years", col)


def months(col):
    """Partition transform: the months of a date or timestamp column (partitionedBy only)."""
    return _transform("months", col)


def days(col):
    """Partition transform: the days of a date or timestamp column (partitionedBy only)."""
    return _transform("days", col)


def hours(col):
    """Partition transform: the hours of a timestamp column (partitionedBy only)."""
    return _transform("hours", col)


def bucket(numBuckets, col):
    """Partition transform: numBuckets hash buckets of a column (partitionedBy only)."""
    if not isinstance(numBuckets, (int, Column)):
        raise PySparkTypeError(errorClass="NOT_COLUMN_OR_INT",
                               messageParameters={"arg_name": "numBuckets",
                                                  "arg_type": type(numBuckets).__name__})
    return _transform("bucket", col, numBuckets)
