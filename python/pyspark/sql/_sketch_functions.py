"""DataSketches HLL sketches of pyspark.sql.functions: hll_sketch_agg, hll_union_agg,
hll_sketch_estimate, hll_union (sketches are binary values, as Spark's). Omitted options are sent
as their defaults, so columns are named as Spark names them (hll_sketch_agg(id, 12))."""

from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["hll_sketch_agg", "hll_union_agg", "hll_sketch_estimate", "hll_union"]


def _arg(value):
    return col_expr(value) if isinstance(value, Column) else lit_expr(value)


def _agg(name, col, option):
    return Column({"e": "agg", "name": name, "args": [col_expr(col), _arg(option)], "distinct": False})


def hll_sketch_agg(col, lgConfigK=None):
    """The updatable DataSketches HLL sketch (binary) of the column's distinct values, with 2^lgConfigK
    registers (lgConfigK 4 to 21, 12 by default)."""
    return _agg("hll_sketch_agg", col, 12 if lgConfigK is None else lgConfigK)


def hll_union_agg(col, allowDifferentLgConfigK=None):
    """The union of the group's HLL sketches; sketches of different lgConfigK only when allowed."""
    return _agg("hll_union_agg", col, False if allowDifferentLgConfigK is None else allowDifferentLgConfigK)


def hll_sketch_estimate(col):
    """The number of distinct values an HLL sketch estimates."""
    return Column(fn("hll_sketch_estimate", col_expr(col)))


def hll_union(col1, col2, allowDifferentLgConfigK=None):
    """The union of two HLL sketches."""
    allow = False if allowDifferentLgConfigK is None else allowDifferentLgConfigK
    return Column(fn("hll_union", col_expr(col1), col_expr(col2), _arg(allow)))
