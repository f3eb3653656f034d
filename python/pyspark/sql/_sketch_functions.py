"""DataSketches HLL sketches of pyspark.sql.functions: hll_sketch_agg, hll_union_agg,
hll_sketch_estimate, hll_union (sketches are binary values, as Spark's)."""

from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["hll_sketch_agg", "hll_union_agg", "hll_sketch_estimate", "hll_union"]


def _arg(value):
    return col_expr(value) if isinstance(value, Column) else lit_expr(value)


def _agg(name, col, option):
    args = [col_expr(col)] + ([] if option is None else [_arg(option)])
    return Column({"e": "agg", "name": name, "args": args, "distinct": False})


def hll_sketch_agg(col, lgConfigK=None):
    """The updatable DataSketches HLL sketch (binary) of the column's distinct values, with 2^lgConfigK
    registers (lgConfigK 4 to 21, 12 by default)."""
    return _agg("hll_sketch_agg", col, lgConfigK)


def hll_union_agg(col, allowDifferentLgConfigK=None):
    """The union of the group's HLL sketches; sketches of different lgConfigK only when allowed."""
    return _agg("hll_union_agg", col, allowDifferentLgConfigK)


def hll_sketch_estimate(col):
    """The number of distinct values an HLL sketch estimates."""
    return Column(fn("hll_sketch_estimate", col_expr(col)))


def hll_union(col1, col2, allowDifferentLgConfigK=None):
    """The union of two HLL sketches."""
    args = [col_expr(col1), col_expr(col2)]
    if allowDifferentLgConfigK is not None:
        args.append(_arg(allowDifferentLgConfigK))
    return Column(fn("hll_union", *args))
