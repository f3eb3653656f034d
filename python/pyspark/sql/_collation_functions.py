"""String collations of pyspark.sql.functions: collate, collation (Ember's strings are
UTF8_BINARY; other collations raise UNSUPPORTED_FEATURE)."""

from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["collate", "collation"]


def collate(col, collation):
    """The string column under the named collation."""
    return Column(fn("collate", col_expr(col), lit_expr(collation)))


def collation(col):
    """The name of the string column's collation."""
    return Column(fn("collation", col_expr(col)))
