"""JSON functions of pyspark.sql.functions: from_json, to_json, schema_of_json, get_json_object,
json_array_length, json_object_keys, json_tuple. Schemas travel to the engine as DDL text and options as a
map<string,string> literal, as Spark's SQL forms take them."""

import json as _json

from pyspark.errors import PySparkTypeError, PySparkValueError
from pyspark.sql.column import Column, col_expr, fn, lit_expr
from pyspark.sql.types import ArrayType, DataType, MapType, StructType

__all__ = ["from_json", "to_json", "schema_of_json", "get_json_object", "json_array_length",
           "json_object_keys", "json_tuple"]


def _quote(name):
    return "`%s`" % name.replace("`", "``")


def _ddl(data_type):
    """DDL text of a type, field names quoted so that any name survives."""
    if isinstance(data_type, StructType):
        return "struct<%s>" % ",".join(
            "%s:%s%s" % (_quote(f.name), _ddl(f.dataType), "" if f.nullable else " NOT NULL")
            for f in data_type.fields)
    if isinstance(data_type, ArrayType):
        return "array<%s>" % _ddl(data_type.elementType)
    if isinstance(data_type, MapType):
        return "map<%s,%s>" % (_ddl(data_type.keyType), _ddl(data_type.valueType))
    return data_type.simpleString()


def _schema_expr(schema):
    if isinstance(schema, DataType):
        return lit_expr(_ddl(schema))
    if isinstance(schema, Column):
        return schema._expr
    if isinstance(schema, str):
        if schema.lstrip().startswith("{"):
            # Spark's schema JSON (StructType.json()).
            return lit_expr(_ddl(DataType.fromJson(_json.loads(schema))))
        return lit_expr(schema)
    raise PySparkTypeError(errorClass="NOT_COLUMN_OR_DATATYPE_OR_STR",
                           messageParameters={"arg_name": "schema",
                                              "arg_type": type(schema).__name__})


def _options_args(options):
    """The options dict as a trailing map argument (none when empty), values as PySpark sends them."""
    if not options:
        return []
    text = {}
    for key, value in options.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        text[str(key)] = None if value is None else str(value)
    return [lit_expr(text)]


def from_json(col, schema, options=None):
    """Parses a column of JSON text into the struct, array or map of `schema` (a DataType, a DDL
    string or a Column such as schema_of_json(...))."""
    return Column(fn("from_json", col_expr(col), _schema_expr(schema), *_options_args(options)))


def to_json(col, options=None):
    """A struct, array or map column as JSON text."""
    return Column(fn("to_json", col_expr(col), *_options_args(options)))


def schema_of_json(json, options=None):
    """The DDL schema Spark infers for a JSON string (a literal or a literal Column)."""
    value = lit_expr(json) if isinstance(json, str) else col_expr(json)
    return Column(fn("schema_of_json", value, *_options_args(options)))


def get_json_object(col, path):
    """The part of the JSON text that the JSON path selects."""
    return Column(fn("get_json_object", col_expr(col), lit_expr(path)))


def json_array_length(col):
    return Column(fn("json_array_length", col_expr(col)))


def json_object_keys(col):
    return Column(fn("json_object_keys", col_expr(col)))


def json_tuple(col, *fields):
    """A generator: one row of string columns c0, c1, ... holding the named top-level fields of
    the JSON object in `col` (nulls where a field is missing or the text is not an object)."""
    if len(fields) == 0:
        raise PySparkValueError(errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "field"})
    return Column(fn("json_tuple", col_expr(col), *[lit_expr(f) for f in fields]))
