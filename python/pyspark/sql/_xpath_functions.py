"""XPath functions of pyspark.sql.functions: xpath and its typed forms. As in PySpark, the xml and
the path are columns or column names (pass the path as lit("a/b")); the engine requires the path
to be a literal."""

from pyspark.sql.column import Column, col_expr, fn

__all__ = ["xpath", "xpath_string", "xpath_boolean", "xpath_short", "xpath_int", "xpath_long",
           "xpath_float", "xpath_double", "xpath_number"]


def _xpath_call(name):
    def call(xml, path):
        return Column(fn(name, col_expr(xml), col_expr(path)))
    call.__name__ = name
    call.__doc__ = "%s(xml, path): Spark's %s over the XML text in `xml`." % (name, name)
    return call


xpath = _xpath_call("xpath")
xpath_string = _xpath_call("xpath_string")
xpath_boolean = _xpath_call("xpath_boolean")
xpath_short = _xpath_call("xpath_short")
xpath_int = _xpath_call("xpath_int")
xpath_long = _xpath_call("xpath_long")
xpath_float = _xpath_call("xpath_float")
xpath_double = _xpath_call("xpath_double")
xpath_number = _xpath_call("xpath_number")
