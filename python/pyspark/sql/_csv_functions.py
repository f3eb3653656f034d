"""CSV functions of pyspark.sql.functions: from_csv, to_csv, schema_of_csv. Schemas and options
travel as the JSON functions send them (DDL text, a map<string,string> literal)."""

from pyspark.sql._json_functions import _options_args, _schema_expr
from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["from_csv", "to_csv", "schema_of_csv"]


def from_csv(col, schema, options=None):
    """Parses a column of CSV records into structs of `schema` (a DDL string or a Column such as
    schema_of_csv(...))."""
    return Column(fn("from_csv", col_expr(col), _schema_expr(schema), *_options_args(options)))


def to_csv(col, options=None):
    """A struct column as CSV records."""
    return Column(fn("to_csv", col_expr(col), *_options_args(options)))


def schema_of_csv(csv, options=None):
    """The DDL schema Spark infers for a CSV record (a literal or a literal Column)."""
    value = lit_expr(csv) if isinstance(csv, str) else col_expr(csv)
    return Column(fn("schema_of_csv", value, *_options_args(options)))
