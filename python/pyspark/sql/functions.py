"""pyspark.sql.functions: builders of Column expressions. Each function emits the engine's Spark
SQL function name with the defaults PySpark fills in passed explicitly; the engine binds it and
reports UNRESOLVED_ROUTINE for a function it does not have."""

from pyspark.errors import PySparkTypeError
from pyspark.sql.column import Column, col_expr, fn, lit_expr, name_expr

_DEFAULT_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss"


def _call(name, *cols):
    return Column(fn(name, *[col_expr(c) for c in cols]))


def _agg(name, *cols, distinct=False):
    return Column({"e": "agg", "name": name, "args": [col_expr(c) for c in cols],
                   "distinct": distinct})


# ---- basics --------------------------------------------------------------------------------

def col(col):
    """The column of that name ("a", "a.b", "`a.b`", "*")."""
    if not isinstance(col, str):
        raise PySparkTypeError(errorClass="NOT_STR",
                               messageParameters={"arg_name": "col",
                                                  "arg_type": type(col).__name__})
    return Column(name_expr(col))


column = col


def lit(col):
    """A literal column; a Column is returned unchanged."""
    if isinstance(col, Column):
        return col
    return Column(lit_expr(col))


def expr(str):
    """A column from SQL expression text, parsed by the engine ("a + 1", "count(*) AS n")."""
    return Column({"e": "sql", "text": str})


def when(condition, value):
    """CASE WHEN condition THEN value; chain .when() and .otherwise()."""
    if not isinstance(condition, Column):
        raise PySparkTypeError(errorClass="NOT_COLUMN",
                               messageParameters={"arg_name": "condition",
                                                  "arg_type": type(condition).__name__})
    return Column({"e": "when", "branches": [[condition._expr, lit_expr(value)]]})


def coalesce(*cols):
    """The first non-null argument."""
    return Column({"e": "coalesce", "args": [col_expr(c) for c in cols]})


def isnull(col):
    return _call("isnull", col)


def isnotnull(col):
    return _call("isnotnull", col)


def isnan(col):
    return _call("isnan", col)


def nvl(col1, col2):
    return coalesce(col1, col2)


ifnull = nvl


def greatest(*cols):
    return _call("greatest", *cols)


def least(*cols):
    return _call("least", *cols)


# ---- dates and times -----------------------------------------------------------------------

def from_unixtime(timestamp, format=_DEFAULT_TIME_FORMAT):
    return Column(fn("from_unixtime", col_expr(timestamp), lit_expr(format)))


def unix_timestamp(timestamp=None, format=_DEFAULT_TIME_FORMAT):
    if timestamp is None:
        return Column(fn("unix_timestamp", fn("current_timestamp"), lit_expr(format)))
    return Column(fn("unix_timestamp", col_expr(timestamp), lit_expr(format)))


def to_timestamp(col, format=None):
    if format is None:
        return _call("to_timestamp", col)
    return Column(fn("to_timestamp", col_expr(col), lit_expr(format)))


def to_date(col, format=None):
    if format is None:
        return _call("to_date", col)
    return Column(fn("to_date", col_expr(col), lit_expr(format)))


def date_format(date, format):
    return Column(fn("date_format", col_expr(date), lit_expr(format)))


def year(col):
    return _call("year", col)


def quarter(col):
    return _call("quarter", col)


def month(col):
    return _call("month", col)


def dayofmonth(col):
    return _call("dayofmonth", col)


def dayofweek(col):
    return _call("dayofweek", col)


def dayofyear(col):
    return _call("dayofyear", col)


def hour(col):
    return _call("hour", col)


def minute(col):
    return _call("minute", col)


def second(col):
    return _call("second", col)


def datediff(end, start):
    return _call("datediff", end, start)


def _days(days):
    """A count of days or months: a Column, or a Python int taken as a literal."""
    return days._expr if isinstance(days, Column) else lit_expr(days)


def date_add(start, days):
    return Column(fn("date_add", col_expr(start), _days(days)))


def date_sub(start, days):
    return Column(fn("date_sub", col_expr(start), _days(days)))


def add_months(start, months):
    return Column(fn("add_months", col_expr(start), _days(months)))


def months_between(date1, date2, roundOff=True):
    return Column(fn("months_between", col_expr(date1), col_expr(date2), lit_expr(bool(roundOff))))


def current_date():
    return Column(fn("current_date"))


def current_timestamp():
    return Column(fn("current_timestamp"))


# ---- aggregates ----------------------------------------------------------------------------

def count(col):
    """count(*) counts rows (the engine sees count(1), as Spark does)."""
    if isinstance(col, str) and col == "*":
        return Column({"e": "agg", "name": "count",
                       "args": [{"e": "lit", "value": 1, "type": "int"}], "distinct": False})
    return _agg("count", col)


def count_distinct(col, *cols):
    return _agg("count", col, *cols, distinct=True)


countDistinct = count_distinct


def sum(col):
    return _agg("sum", col)


def sum_distinct(col):
    return _agg("sum", col, distinct=True)


sumDistinct = sum_distinct


def avg(col):
    return _agg("avg", col)


def mean(col):
    return _agg("avg", col)


def min(col):
    return _agg("min", col)


def max(col):
    return _agg("max", col)


def _first_last(name, col, ignorenulls):
    args = [col_expr(col)]
    if ignorenulls:
        args.append({"e": "lit", "value": True, "type": "boolean"})
    return Column({"e": "agg", "name": name, "args": args, "distinct": False})


def first(col, ignorenulls=False):
    return _first_last("first", col, ignorenulls)


def last(col, ignorenulls=False):
    return _first_last("last", col, ignorenulls)


# ---- strings -------------------------------------------------------------------------------

def upper(col):
    return _call("upper", col)


def lower(col):
    return _call("lower", col)


def length(col):
    return _call("length", col)


def trim(col):
    return _call("trim", col)


def ltrim(col):
    return _call("ltrim", col)


def rtrim(col):
    return _call("rtrim", col)


def concat(*cols):
    return _call("concat", *cols)


def concat_ws(sep, *cols):
    return Column(fn("concat_ws", lit_expr(sep), *[col_expr(c) for c in cols]))


def substring(str, pos, len):
    return Column(fn("substring", col_expr(str), _days(pos), _days(len)))


# ---- math ----------------------------------------------------------------------------------

def abs(col):
    return _call("abs", col)


def round(col, scale=None):
    return Column(fn("round", col_expr(col), _days(0 if scale is None else scale)))


def sqrt(col):
    return _call("sqrt", col)


def floor(col):
    return _call("floor", col)


def ceil(col):
    return _call("ceil", col)


# ---- sort helpers --------------------------------------------------------------------------

def asc(col):
    return Column(col_expr(col)).asc()


def desc(col):
    return Column(col_expr(col)).desc()


def asc_nulls_first(col):
    return Column(col_expr(col)).asc_nulls_first()


def asc_nulls_last(col):
    return Column(col_expr(col)).asc_nulls_last()


def desc_nulls_first(col):
    return Column(col_expr(col)).desc_nulls_first()


def desc_nulls_last(col):
    return Column(col_expr(col)).desc_nulls_last()

