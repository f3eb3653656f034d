"""Window-only functions of pyspark.sql.functions (ranking and offsets); apply them with
Column.over. The engine computes them in its window operator."""

from pyspark.sql.column import Column, col_expr, fn, lit_expr


def row_number():
    return Column(fn("row_number"))


def rank():
    return Column(fn("rank"))


def dense_rank():
    return Column(fn("dense_rank"))


def percent_rank():
    return Column(fn("percent_rank"))


def cume_dist():
    return Column(fn("cume_dist"))


def ntile(n):
    return Column(fn("ntile", lit_expr(n)))


def lag(col, offset=1, default=None, ignoreNulls=False):
    return Column(fn("lag", col_expr(col), lit_expr(offset), lit_expr(default), lit_expr(bool(ignoreNulls))))


def lead(col, offset=1, default=None, ignoreNulls=False):
    return Column(fn("lead", col_expr(col), lit_expr(offset), lit_expr(default), lit_expr(bool(ignoreNulls))))


def nth_value(col, offset, ignoreNulls=False):
    return Column(fn("nth_value", col_expr(col), lit_expr(offset), lit_expr(bool(ignoreNulls))))


__all__ = ["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
           "nth_value"]


def _first_last_value(name, col, ignoreNulls):
    args = [col_expr(col)]
    if ignoreNulls:
        args.append(lit_expr(True))
    return Column({"e": "agg", "name": name, "args": args, "distinct": False})


def first_value(col, ignoreNulls=None):
    return _first_last_value("first_value", col, ignoreNulls)


def last_value(col, ignoreNulls=None):
    return _first_last_value("last_value", col, ignoreNulls)


__all__ += ["first_value", "last_value"]
