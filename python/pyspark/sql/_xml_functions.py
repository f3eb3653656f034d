"""XML functions of pyspark.sql.functions: from_xml, to_xml, schema_of_xml. Schemas and options
travel as the JSON functions send them (DDL text, a map<string,string> literal)."""

from pyspark.sql._json_functions import _options_args, _schema_expr
from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["from_xml", "to_xml", "schema_of_xml"]


def from_xml(col, schema, options=None):
    """Parses a column of XML records into structs of `schema` (a DDL string, a StructType or a
    Column such as schema_of_xml(...))."""
    return Column(fn("from_xml", col_expr(col), _schema_expr(schema), *_options_args(options)))


def to_xml(col, options=None):
    """A struct column as XML records (one rowTag element each)."""
    return Column(fn("to_xml", col_expr(col), *_options_args(options)))


def schema_of_xml(xml, options=None):
    """The DDL schema Spark infers for an XML record (a literal or a literal Column)."""
    value = lit_expr(xml) if isinstance(xml, str) else col_expr(xml)
    return Column(fn("schema_of_xml", value, *_options_args(options)))
