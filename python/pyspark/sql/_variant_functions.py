"""Variant functions of pyspark.sql.functions: parse_json, try_parse_json, variant_get,
try_variant_get, is_variant_null, schema_of_variant, schema_of_variant_agg, to_variant_object,
is_valid_variant. Paths and target types travel as string literals, as Spark's SQL forms take them."""

from pyspark.sql.column import Column, col_expr, fn, lit_expr

__all__ = ["parse_json", "try_parse_json", "variant_get", "try_variant_get", "is_variant_null",
           "schema_of_variant", "schema_of_variant_agg", "to_variant_object", "is_valid_variant"]


def _path_expr(path):
    return path._expr if isinstance(path, Column) else lit_expr(path)


def parse_json(col):
    """The JSON text as a variant; fails on text that is not valid JSON."""
    return Column(fn("parse_json", col_expr(col)))


def try_parse_json(col):
    """The JSON text as a variant, or null when it is not valid JSON."""
    return Column(fn("try_parse_json", col_expr(col)))


def variant_get(v, path, targetType):
    """The part of the variant at `path` ('$.a[0]') cast to `targetType` (DDL text); null when
    the path is absent, an error when the cast fails."""
    return Column(fn("variant_get", col_expr(v), _path_expr(path), lit_expr(targetType)))


def try_variant_get(v, path, targetType):
    """As variant_get, but null when the cast fails."""
    return Column(fn("try_variant_get", col_expr(v), _path_expr(path), lit_expr(targetType)))


def is_variant_null(v):
    """Whether the variant is a JSON null (false for a SQL NULL)."""
    return Column(fn("is_variant_null", col_expr(v)))


def schema_of_variant(v):
    """The SQL type of the variant's value, as text."""
    return Column(fn("schema_of_variant", col_expr(v)))


def schema_of_variant_agg(v):
    """The SQL type that holds every variant of the group, as text."""
    return Column(fn("schema_of_variant_agg", col_expr(v)))


def to_variant_object(col):
    """A struct, map or array as a variant (structs and maps become variant objects)."""
    return Column(fn("to_variant_object", col_expr(col)))


def is_valid_variant(v):
    """Whether the variant's bytes follow the Variant encoding."""
    return Column(fn("is_valid_variant", col_expr(v)))
