"""Column: an unresolved expression of Ember's JSON plan format (a dict with "e"), built with
Python operators and methods as in PySpark. Columns are immutable; every operation returns a new
one. Names are resolved by the engine when an action runs."""

import datetime

from pyspark.errors import (
    PySparkAttributeError, PySparkTypeError, PySparkValueError,
)
from pyspark.sql import _values
from pyspark.sql.types import DataType, Row


def _active_time_zone():
    from pyspark.sql.session import SparkSession
    session = SparkSession._instantiatedSession
    if session is not None:
        return _values.time_zone(session._time_zone())
    return datetime.datetime.now().astimezone().tzinfo


def lit_expr(value):
    """The literal expression of a Python value, typed as lit() types it."""
    if isinstance(value, Column):
        return value._expr
    data_type = _values.literal_type(value)
    encoded = _values.encode_value(_normalize_literal(value), data_type, _active_time_zone())
    return {"e": "lit", "value": encoded, "type": data_type.simpleString()}


def _normalize_literal(value):
    if isinstance(value, tuple) and not isinstance(value, Row):
        return list(value)
    return value


def col_expr(value):
    """A Column, or a column name given as a string."""
    if isinstance(value, Column):
        return value._expr
    if isinstance(value, str):
        return name_expr(value)
    raise PySparkTypeError(errorClass="NOT_COLUMN_OR_STR",
                           messageParameters={"arg_name": "col", "arg_type": type(value).__name__})


def name_expr(name):
    if name == "*":
        return {"e": "star"}
    if name.endswith(".*") and len(name) > 2:
        return {"e": "star", "target": name[:-2]}
    return {"e": "col", "name": name}


def quoted_name_expr(name):
    """The column expression of an exact column name (dots and backquotes are not parsed)."""
    if name.isidentifier():
        return {"e": "col", "name": name}
    return {"e": "col", "name": "`%s`" % name.replace("`", "``")}


def _key_expr(key):
    return key._expr if isinstance(key, Column) else lit_expr(key)


def name_parts(name):
    """A multi-part name split at dots outside backquotes: "db.`a.b`" -> ["db", "a.b"]."""
    parts, current, quoted, i = [], "", False, 0
    while i < len(name):
        c = name[i]
        if c == "`":
            if quoted and name[i + 1:i + 2] == "`":
                current += "`"
                i += 1
            else:
                quoted = not quoted
        elif c == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += c
        i += 1
    parts.append(current)
    return parts


def _with_field(base, parts, value):
    """with_field(base, parts[0], ...) setting the field at the path `parts`."""
    name = lit_expr(parts[0])
    if len(parts) > 1:
        value = _with_field(fn("extract_value", base, name), parts[1:], value)
    return fn("with_field", base, name, value)


def _drop_field(base, parts):
    name = lit_expr(parts[0])
    if len(parts) == 1:
        return fn("drop_fields", base, name)
    return fn("with_field", base, name, _drop_field(fn("extract_value", base, name), parts[1:]))


def fn(name, *args):
    return {"e": "fn", "name": name, "args": list(args)}


def _bin(name):
    def op(self, other):
        return Column(fn(name, self._expr, lit_expr(other)))
    return op


def _rbin(name):
    def op(self, other):
        return Column(fn(name, lit_expr(other), self._expr))
    return op


def _type_sql(data_type):
    """A type as Spark's DataType.sql writes it: INT, ARRAY<STRING>, STRUCT<a: INT>."""
    from pyspark.sql.types import ArrayType, MapType, StructType
    if isinstance(data_type, ArrayType):
        return "ARRAY<%s>" % _type_sql(data_type.elementType)
    if isinstance(data_type, MapType):
        return "MAP<%s, %s>" % (_type_sql(data_type.keyType), _type_sql(data_type.valueType))
    if isinstance(data_type, StructType):
        return "STRUCT<%s>" % ", ".join("%s: %s" % (f.name, _type_sql(f.dataType))
                                         for f in data_type.fields)
    return data_type.simpleString().upper()


def _lit_sql(expr):
    value, type_text = expr["value"], expr["type"]
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if type_text == "date":
        return str(datetime.date(1970, 1, 1) + datetime.timedelta(days=value))
    if type_text in ("timestamp", "timestamp_ntz"):
        moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(microseconds=value)
        if type_text == "timestamp":
            utc = moment.replace(tzinfo=datetime.timezone.utc)
            moment = utc.astimezone(_active_time_zone()).replace(tzinfo=None)
        fraction = ("%06d" % moment.microsecond).rstrip("0") or "0"
        return moment.strftime("%Y-%m-%d %H:%M:%S") + "." + fraction
    if isinstance(value, list):
        return "[%s]" % ", ".join("NULL" if v is None else str(v) for v in value)
    return str(value)


_INFIX = {"+", "-", "*", "/", "%", "=", "<", "<=", ">", ">=", "<=>", "&", "|", "^"}


def _sql(expr):
    """SQL text of an expression as PySpark's Column repr shows it."""
    kind = expr.get("e")
    if "display" in expr:
        return expr["display"]
    if kind == "col":
        return "outer(%s)" % expr["name"] if expr.get("outer") else expr["name"]
    if kind == "subquery":
        return {"scalar": "scalarsubquery()", "exists": "exists()"}.get(expr["type"], "in()")
    if kind == "star":
        return expr.get("target", "") + ("." if expr.get("target") else "") + "*"
    if kind == "lit":
        return _lit_sql(expr)
    if kind == "alias":
        return "%s AS %s" % (_sql(expr["child"]), expr["name"])
    if kind == "cast":
        from pyspark.sql.types import _parse_ddl_schema_or_type
        try:
            type_text = _type_sql(_parse_ddl_schema_or_type(expr["type"]))
        except Exception:
            type_text = expr["type"].upper()
        prefix = "TRY_" if expr.get("try") else ""
        return "%sCAST(%s AS %s)" % (prefix, _sql(expr["child"]), type_text)
    if kind == "sql":
        return expr["text"]
    if kind in ("and", "or"):
        return "(%s %s %s)" % (_sql(expr["args"][0]), kind.upper(), _sql(expr["args"][1]))
    if kind == "sort":
        return "%s %s NULLS %s" % (_sql(expr["child"]), "ASC" if expr["asc"] else "DESC",
                                   "FIRST" if expr["nulls_first"] else "LAST")
    if kind == "when":
        parts = ["CASE"]
        for cond, value in expr["branches"]:
            parts.append("WHEN %s THEN %s" % (_sql(cond), _sql(value)))
        if "else" in expr:
            parts.append("ELSE %s" % _sql(expr["else"]))
        parts.append("END")
        return " ".join(parts)
    if kind == "coalesce":
        return "coalesce(%s)" % ", ".join(_sql(a) for a in expr["args"])
    if kind == "agg":
        inner = ", ".join(_sql(a) for a in expr["args"])
        return "%s(%s%s)" % (expr["name"], "DISTINCT " if expr.get("distinct") else "", inner)
    if kind == "fn":
        name, args = expr["name"], expr["args"]
        if name in _INFIX and len(args) == 2:
            return "(%s %s %s)" % (_sql(args[0]), name, _sql(args[1]))
        if name == "!=" and len(args) == 2:  # Spark's `!=` is NOT (a = b)
            return "(NOT (%s = %s))" % (_sql(args[0]), _sql(args[1]))
        if name == "like" and len(args) == 2:
            return "%s LIKE %s" % (_sql(args[0]), _sql(args[1]))
        if name == "rlike" and len(args) == 2:
            return "RLIKE(%s, %s)" % (_sql(args[0]), _sql(args[1]))
        if name == "power":
            return "POWER(%s, %s)" % (_sql(args[0]), _sql(args[1]))
        if name == "-" and len(args) == 1:
            return "(- %s)" % _sql(args[0])
        if name == "not":
            return "(NOT %s)" % _sql(args[0])
        if name == "isnull":
            return "(%s IS NULL)" % _sql(args[0])
        if name == "isnotnull":
            return "(%s IS NOT NULL)" % _sql(args[0])
        return "%s(%s)" % (name, ", ".join(_sql(a) for a in args))
    if kind == "lambdavar":
        return expr["name"]
    if kind == "lambda":
        return "lambdafunction(%s, %s)" % (_sql(expr["body"]), ", ".join(expr["params"]))
    return str(expr)


def _mark_outer(expr):
    """`expr` with every column reference marked as one of the enclosing query (subquery plans
    inside it left alone)."""
    if isinstance(expr, dict):
        if expr.get("e") == "col":
            return dict(expr, outer=True)
        if expr.get("e") == "subquery":
            return dict(expr, args=[_mark_outer(a) for a in expr.get("args", [])])
        return {k: _mark_outer(v) for k, v in expr.items()}
    if isinstance(expr, list):
        return [_mark_outer(v) for v in expr]
    return expr


class Column:
    """A column expression of a DataFrame."""

    __slots__ = ("_expr",)

    def __init__(self, expr):
        object.__setattr__(self, "_expr", expr)

    # arithmetic
    __add__ = _bin("+")
    __sub__ = _bin("-")
    __mul__ = _bin("*")
    __truediv__ = _bin("/")
    __div__ = _bin("/")
    __mod__ = _bin("%")
    __radd__ = _rbin("+")
    __rsub__ = _rbin("-")
    __rmul__ = _rbin("*")
    __rtruediv__ = _rbin("/")
    __rdiv__ = _rbin("/")
    __rmod__ = _rbin("%")

    def __pow__(self, other):
        return Column(fn("power", self._expr, lit_expr(other)))

    def __rpow__(self, other):
        return Column(fn("power", lit_expr(other), self._expr))

    def __neg__(self):
        return Column(fn("-", self._expr))

    # comparison
    __eq__ = _bin("=")
    __ne__ = _bin("!=")
    __lt__ = _bin("<")
    __le__ = _bin("<=")
    __gt__ = _bin(">")
    __ge__ = _bin(">=")
    eqNullSafe = _bin("<=>")
    bitwiseAND = _bin("&")
    bitwiseOR = _bin("|")
    bitwiseXOR = _bin("^")

    # logic
    def __and__(self, other):
        return Column({"e": "and", "args": [self._expr, lit_expr(other)]})

    def __or__(self, other):
        return Column({"e": "or", "args": [self._expr, lit_expr(other)]})

    def __rand__(self, other):
        return Column({"e": "and", "args": [lit_expr(other), self._expr]})

    def __ror__(self, other):
        return Column({"e": "or", "args": [lit_expr(other), self._expr]})

    def __invert__(self):
        return Column(fn("not", self._expr))

    def __bool__(self):
        raise PySparkValueError(errorClass="CANNOT_CONVERT_COLUMN_INTO_BOOL", messageParameters={})

    __nonzero__ = __bool__
    __hash__ = None

    def __contains__(self, item):
        raise PySparkValueError(errorClass="CANNOT_APPLY_IN_FOR_COLUMN", messageParameters={})

    def __iter__(self):
        raise PySparkTypeError(errorClass="NOT_ITERABLE",
                               messageParameters={"objectName": "Column"})

    def __setattr__(self, key, value):
        raise AttributeError("Column is immutable")

    # nested values: struct fields, array elements, map values
    def getField(self, name):
        if isinstance(name, Column):
            return Column(fn("extract_value", self._expr, name._expr))
        return Column(fn("extract_value", self._expr, lit_expr(name)))

    def getItem(self, key):
        return Column(fn("extract_value", self._expr, _key_expr(key)))

    def __getattr__(self, item):
        if item.startswith("__"):
            raise PySparkAttributeError(errorClass="CANNOT_ACCESS_TO_DUNDER",
                                        messageParameters={})
        return self.getField(item)

    def __getitem__(self, key):
        if isinstance(key, slice):
            if key.step is not None:
                raise PySparkValueError(errorClass="SLICE_WITH_STEP", messageParameters={})
            return self.substr(key.start, key.stop)
        return self.getItem(key)

    def withField(self, fieldName, col):
        if not isinstance(fieldName, str):
            raise PySparkTypeError(errorClass="NOT_STR",
                                   messageParameters={"arg_name": "fieldName",
                                                      "arg_type": type(fieldName).__name__})
        if not isinstance(col, Column):
            raise PySparkTypeError(errorClass="NOT_COLUMN",
                                   messageParameters={"arg_name": "col",
                                                      "arg_type": type(col).__name__})
        return Column(_with_field(self._expr, name_parts(fieldName), col._expr))

    def dropFields(self, *fieldNames):
        expr = self._expr
        for name in fieldNames:
            if not isinstance(name, str):
                raise PySparkTypeError(errorClass="NOT_STR",
                                       messageParameters={"arg_name": "fieldName",
                                                          "arg_type": type(name).__name__})
            expr = _drop_field(expr, name_parts(name))
        return Column(expr)

    # null tests
    def isNull(self):
        return Column(fn("isnull", self._expr))

    def isNotNull(self):
        return Column(fn("isnotnull", self._expr))

    def isNaN(self):
        return Column(fn("isnan", self._expr))

    # strings
    def like(self, other):
        return Column(fn("like", self._expr, lit_expr(other)))

    def rlike(self, other):
        return Column(fn("rlike", self._expr, lit_expr(other)))

    def ilike(self, other):
        return Column(fn("ilike", self._expr, lit_expr(other)))

    def contains(self, other):
        return Column(fn("contains", self._expr, lit_expr(other)))

    def startswith(self, other):
        return Column(fn("startswith", self._expr, lit_expr(other)))

    def endswith(self, other):
        return Column(fn("endswith", self._expr, lit_expr(other)))

    def substr(self, startPos, length):
        if type(startPos) != type(length):
            raise PySparkTypeError(errorClass="NOT_SAME_TYPE",
                                   messageParameters={"arg_name1": "startPos",
                                                      "arg_name2": "length",
                                                      "arg_type1": type(startPos).__name__,
                                                      "arg_type2": type(length).__name__})
        if not isinstance(startPos, (int, Column)) or isinstance(startPos, bool):
            raise PySparkTypeError(errorClass="NOT_COLUMN_OR_INT",
                                   messageParameters={"arg_name": "startPos",
                                                      "arg_type": type(startPos).__name__})
        return Column(fn("substr", self._expr, lit_expr(startPos), lit_expr(length)))

    # naming and types
    def alias(self, *alias, **kwargs):
        if not alias:
            raise PySparkValueError(errorClass="NOT_IMPLEMENTED",
                                    messageParameters={"feature": "alias without a name"})
        metadata = kwargs.pop("metadata", None)
        assert not kwargs, "Unexpected kwargs where passed: %s" % kwargs
        expr = {"e": "alias", "child": self._expr, "name": alias[0]}
        if len(alias) > 1:
            if metadata is not None:
                raise PySparkValueError(errorClass="ONLY_ALLOWED_FOR_SINGLE_COLUMN",
                                        messageParameters={"arg_name": "metadata"})
            expr["names"] = list(alias)  # a generator's columns: posexplode(m).alias("p", "k", "v")
        if metadata:
            expr["metadata"] = dict(metadata)  # kept Python-side (pyspark/sql/_column_metadata.py)
        return Column(expr)

    name = alias

    def cast(self, dataType):
        if isinstance(dataType, DataType):
            type_text = dataType.simpleString()
        elif isinstance(dataType, str):
            type_text = dataType
        else:
            raise PySparkTypeError(errorClass="NOT_DATATYPE_OR_STR",
                                   messageParameters={"arg_name": "dataType",
                                                      "arg_type": type(dataType).__name__})
        return Column({"e": "cast", "child": self._expr, "type": type_text})

    astype = cast

    def try_cast(self, dataType):
        cast = self.cast(dataType)._expr
        return Column(dict(cast, **{"try": True}))

    # sorting
    def _sort(self, ascending, nulls_first):
        return Column({"e": "sort", "child": self._expr, "asc": ascending,
                       "nulls_first": nulls_first})

    def asc(self):
        return self._sort(True, True)

    def asc_nulls_first(self):
        return self._sort(True, True)

    def asc_nulls_last(self):
        return self._sort(True, False)

    def desc(self):
        return self._sort(False, False)

    def desc_nulls_first(self):
        return self._sort(False, True)

    def desc_nulls_last(self):
        return self._sort(False, False)

    # subqueries
    def outer(self):
        """This column read from the enclosing query's columns (a correlated reference inside a
        subquery built with DataFrame.scalar/exists or the right side of lateralJoin)."""
        return Column(_mark_outer(self._expr))

    # windows
    def over(self, window):
        """This column (an aggregate or window function) computed over `window`."""
        from pyspark.sql.window import over
        return over(self, window)

    # ranges and sets
    def between(self, lowerBound, upperBound):
        return (self >= lowerBound) & (self <= upperBound)

    def isin(self, *cols):
        if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
            cols = tuple(cols[0])
        values = [lit_expr(c) for c in cols]
        display = "(%s IN (%s))" % (_sql(self._expr), ", ".join(_sql(v) for v in values))
        if not values:
            return Column({"e": "lit", "value": False, "type": "boolean", "display": display})
        # a IN (x, y) has the three-valued result of a = x OR a = y.
        result = fn("=", self._expr, values[0])
        for value in values[1:]:
            result = {"e": "or", "args": [result, fn("=", self._expr, value)]}
        return Column(dict(result, display=display))

    # CASE WHEN
    def when(self, condition, value):
        expr = self._expr
        if expr.get("e") != "when" or "else" in expr:
            raise PySparkValueError(
                errorClass="INVALID_WHEN_USAGE",
                messageParameters={"func_name": "when"})
        if not isinstance(condition, Column):
            raise PySparkTypeError(errorClass="NOT_COLUMN",
                                   messageParameters={"arg_name": "condition",
                                                      "arg_type": type(condition).__name__})
        branches = expr["branches"] + [[condition._expr, lit_expr(value)]]
        return Column({"e": "when", "branches": branches})

    def otherwise(self, value):
        expr = self._expr
        if expr.get("e") != "when" or "else" in expr:
            raise PySparkValueError(
                errorClass="INVALID_WHEN_USAGE",
                messageParameters={"func_name": "otherwise"})
        return Column(dict(expr, **{"else": lit_expr(value)}))

    def __repr__(self):
        return "Column<'%s'>" % _sql(self._expr)

    def __str__(self):
        return self.__repr__()
