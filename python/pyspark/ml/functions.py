"""pyspark.ml.functions: conversions between vector and array columns, run by the engine."""

from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["vector_to_array", "array_to_vector"]


def vector_to_array(col, dtype="float64"):
    """A vector column as an array<double> column ('float32': array<float>)."""
    return Column(fn("vector_to_array", col_expr(col), lit_expr(dtype)))


def array_to_vector(col):
    """An array of numbers column as a column of dense vectors."""
    return Column(fn("array_to_vector", col_expr(col)))
