"""pyspark.sql.functions: builders of Column expressions. Each function emits the engine's Spark
SQL function name with the defaults PySpark fills in passed explicitly; the engine binds it and
reports UNRESOLVED_ROUTINE for a function it does not have."""

from pyspark.errors import PySparkTypeError
from pyspark.sql.column import Column, col_expr, fn, lit_expr, name_expr
from pyspark.sql._window_functions import *  # noqa: F401,F403 (ranking and offset functions)
from pyspark.sql._collection_functions import *  # noqa: F401,F403 (arrays, maps, structs)
from pyspark.sql._json_functions import *  # noqa: F401,F403 (from_json, to_json, get_json_object...)
from pyspark.sql._variant_functions import *  # noqa: F401,F403 (parse_json, variant_get...)
from pyspark.sql._csv_functions import *  # noqa: F401,F403 (from_csv, to_csv, schema_of_csv)
from pyspark.sql._xpath_functions import *  # noqa: F401,F403 (xpath, xpath_string, xpath_int...)
from pyspark.sql._xml_functions import *  # noqa: F401,F403 (from_xml, to_xml, schema_of_xml)
from pyspark.sql._higher_order_functions import *  # noqa: F401,F403 (transform, filter, aggregate...)
from pyspark.sql._formats_and_buckets import *  # noqa: F401,F403 (window, bitmap_*, to_number, to_char)
from pyspark.sql._sketch_functions import *  # noqa: F401,F403 (hll_sketch_agg, hll_union_agg, hll_sketch_estimate, hll_union)
from pyspark.sql._collation_functions import *  # noqa: F401,F403 (collate, collation)

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


def call_function(funcName, *cols):
    """The SQL function funcName over the columns (or column names)."""
    return Column(fn(funcName.lower(), *[col_expr(c) for c in cols]))


def call_udf(udfName, *cols):
    """The user-defined function registered as udfName (spark.udf.register) over the columns."""
    return call_function(udfName, *cols)


def broadcast(df):
    """Marks df as small enough to broadcast in joins."""
    return df.hint("broadcast")


def current_catalog():
    return Column(fn("current_catalog"))


def current_database():
    return Column(fn("current_database"))


def current_schema():
    return Column(fn("current_schema"))


def current_timezone():
    return Column(fn("current_timezone"))


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
    return _call("nvl", col1, col2)


def ifnull(col1, col2):
    return _call("ifnull", col1, col2)


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
    """A count (days, months, a length...): a Column or column name, or a Python int taken as a
    literal, as PySpark's ColumnOrName-or-int parameters are."""
    return col_expr(days) if isinstance(days, (Column, str)) else lit_expr(days)


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


def _date_unary(name):
    def function(col):
        return _call(name, col)
    function.__name__ = name
    return function


for _name in ("weekofyear", "weekday", "last_day", "unix_date", "date_from_unix_date", "dayname", "monthname",
              "timestamp_seconds", "timestamp_millis", "timestamp_micros", "unix_seconds", "unix_millis",
              "unix_micros"):
    globals()[_name] = _date_unary(_name)
del _name


def day(col):
    return _call("day", col)


def date_diff(end, start):
    return _call("date_diff", end, start)


def dateadd(start, days):
    return Column(fn("dateadd", col_expr(start), _days(days)))


def curdate():
    return Column(fn("curdate"))


def next_day(date, dayOfWeek):
    return _call_lits("next_day", date, dayOfWeek)


def make_date(year, month, day):
    return _call("make_date", year, month, day)


def _zone(tz):
    return tz._expr if isinstance(tz, Column) else lit_expr(tz)


def from_utc_timestamp(timestamp, tz):
    return Column(fn("from_utc_timestamp", col_expr(timestamp), _zone(tz)))


def to_utc_timestamp(timestamp, tz):
    return Column(fn("to_utc_timestamp", col_expr(timestamp), _zone(tz)))


def _make_timestamp(name, years, months, days, hours, mins, secs, timezone):
    args = [years, months, days, hours, mins, secs] + ([] if timezone is None else [timezone])
    return _call(name, *args)


def make_timestamp(years, months, days, hours, mins, secs, timezone=None):
    return _make_timestamp("make_timestamp", years, months, days, hours, mins, secs, timezone)


def try_make_timestamp(years, months, days, hours, mins, secs, timezone=None):
    return _make_timestamp("try_make_timestamp", years, months, days, hours, mins, secs, timezone)


def try_to_timestamp(col, format=None):
    if format is None:
        return _call("try_to_timestamp", col)
    return _call("try_to_timestamp", col, format)


def to_unix_timestamp(timestamp, format=None):
    if format is None:
        return _call("to_unix_timestamp", timestamp)
    return _call("to_unix_timestamp", timestamp, format)


def _optional_format(name, col, format):
    if format is None:
        return _call(name, col)
    return Column(fn(name, col_expr(col), format._expr if isinstance(format, Column) else lit_expr(format)))


def to_timestamp_ltz(timestamp, format=None):
    # format is a column (or name) here, as in PySpark, not a literal string
    return _call("to_timestamp_ltz", timestamp) if format is None else _call("to_timestamp_ltz", timestamp, format)


def to_timestamp_ntz(timestamp, format=None):
    return _call("to_timestamp_ntz", timestamp) if format is None else _call("to_timestamp_ntz", timestamp, format)


def try_to_date(col, format=None):
    return _optional_format("try_to_date", col, format)


def make_timestamp_ltz(years, months, days, hours, mins, secs, timezone=None):
    return _make_timestamp("make_timestamp_ltz", years, months, days, hours, mins, secs, timezone)


def try_make_timestamp_ltz(years, months, days, hours, mins, secs, timezone=None):
    return _make_timestamp("try_make_timestamp_ltz", years, months, days, hours, mins, secs, timezone)


def make_timestamp_ntz(years, months, days, hours, mins, secs):
    return _call("make_timestamp_ntz", years, months, days, hours, mins, secs)


def try_make_timestamp_ntz(years, months, days, hours, mins, secs):
    return _call("try_make_timestamp_ntz", years, months, days, hours, mins, secs)


def localtimestamp():
    return Column(fn("localtimestamp"))


def now():
    return Column(fn("current_timestamp"))


def convert_timezone(sourceTz, targetTz, sourceTs):
    if sourceTz is None:
        return _call("convert_timezone", targetTz, sourceTs)
    return _call("convert_timezone", sourceTz, targetTz, sourceTs)


def make_ym_interval(years=None, months=None):
    return _call("make_ym_interval", lit(0) if years is None else years, lit(0) if months is None else months)


def make_dt_interval(days=None, hours=None, mins=None, secs=None):
    return _call("make_dt_interval", *[lit(0) if v is None else v for v in (days, hours, mins, secs)])


def unwrap_udt(col):
    return _call("unwrap_udt", col)


def make_interval(years=None, months=None, weeks=None, days=None, hours=None, mins=None, secs=None):
    fields = (years, months, weeks, days, hours, mins, secs)
    return _call("make_interval", *[lit(0) if v is None else v for v in fields])


def try_make_interval(years=None, months=None, weeks=None, days=None, hours=None, mins=None, secs=None):
    fields = (years, months, weeks, days, hours, mins, secs)
    return _call("try_make_interval", *[lit(0) if v is None else v for v in fields])


def date_part(field, source):
    return _call("date_part", field, source)


def datepart(field, source):
    return _call("datepart", field, source)


def extract(field, source):
    return _call("extract", field, source)


def timestamp_add(unit, quantity, ts):
    return Column(fn("timestampadd", lit_expr(unit), col_expr(quantity), col_expr(ts)))


def timestamp_diff(unit, start, end):
    return Column(fn("timestampdiff", lit_expr(unit), col_expr(start), col_expr(end)))


def date_trunc(format, timestamp):
    return Column(fn("date_trunc", lit_expr(format), col_expr(timestamp)))


def trunc(date, format):
    return Column(fn("trunc", col_expr(date), lit_expr(format)))


# ---- aggregates ----------------------------------------------------------------------------

def count(col):
    """count(*) counts rows (the engine sees count(1), as Spark does)."""
    if isinstance(col, str) and col == "*":
        return Column({"e": "agg", "name": "count",
                       "args": [{"e": "lit", "value": 1, "type": "int"}], "distinct": False})
    return _agg("count", col)


def grouping(col):
    """1 where the row aggregates over every value of col (a rollup/cube subtotal), else 0."""
    return _call("grouping", col)


def grouping_id(*cols):
    """The grouping level: grouping(c1) << (n-1) | ... | grouping(cn) over the grouping columns."""
    return _call("grouping_id", *cols)


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
    if isinstance(ignorenulls, Column):
        args.append(ignorenulls._expr)
    elif ignorenulls:
        args.append({"e": "lit", "value": True, "type": "boolean"})
    return Column({"e": "agg", "name": name, "args": args, "distinct": False})


def any_value(col, ignoreNulls=None):
    return _first_last("any_value", col, ignoreNulls)


def first_value(col, ignoreNulls=None):
    return _first_last("first_value", col, ignoreNulls)


def last_value(col, ignoreNulls=None):
    return _first_last("last_value", col, ignoreNulls)


def first(col, ignorenulls=False):
    return _first_last("first", col, ignorenulls)


def last(col, ignorenulls=False):
    return _first_last("last", col, ignorenulls)


def collect_list(col):
    """The group's non-null values as an array."""
    return _agg("collect_list", col)


def array_agg(col):
    return _agg("array_agg", col)


def collect_set(col):
    """The group's distinct non-null values as an array."""
    return _agg("collect_set", col)


def bool_and(col):
    return _agg("bool_and", col)


def every(col):
    return _agg("every", col)


def bool_or(col):
    return _agg("bool_or", col)


def some(col):
    return _agg("some", col)


def approx_count_distinct(col, rsd=None):
    """Spark's HyperLogLog++ estimate of the number of distinct values (rsd: the relative
    standard deviation allowed, 0.05 by default)."""
    if rsd is None:
        return _agg("approx_count_distinct", col)
    return Column({"e": "agg", "name": "approx_count_distinct",
                   "args": [col_expr(col), lit_expr(float(rsd))], "distinct": False})


approxCountDistinct = approx_count_distinct


def count_min_sketch(col, eps, confidence, seed=None):
    """Spark's serialized count-min sketch of the column (seed drawn at random when not given)."""
    import random as _random
    args = [col_expr(col)]
    for value in (eps, confidence, _random.randint(0, 2 ** 31 - 1) if seed is None else seed):
        args.append(col_expr(value) if isinstance(value, Column) else lit_expr(value))
    return Column({"e": "agg", "name": "count_min_sketch", "args": args, "distinct": False})


def histogram_numeric(col, nBins):
    """A histogram of the column in at most nBins bins: array<struct<x, y>>."""
    return Column({"e": "agg", "name": "histogram_numeric",
                   "args": [col_expr(col), col_expr(nBins) if isinstance(nBins, Column) else lit_expr(nBins)],
                   "distinct": False})


def count_if(col):
    return _agg("count_if", col)


def product(col):
    return _agg("product", col)


def bit_and(col):
    return _agg("bit_and", col)


def bit_or(col):
    return _agg("bit_or", col)


def bit_xor(col):
    return _agg("bit_xor", col)


def max_by(col, ord):
    """The value of col at the row where ord is largest."""
    return _agg("max_by", col, ord)


def min_by(col, ord):
    """The value of col at the row where ord is smallest."""
    return _agg("min_by", col, ord)


def skewness(col):
    return _agg("skewness", col)


def kurtosis(col):
    return _agg("kurtosis", col)


def median(col):
    """The exact 50th percentile of the group's numbers."""
    return _agg("median", col)


def percentile(col, percentage, frequency=1):
    """The exact percentile (a list of percentages gives an array) of the group's numbers,
    interpolated between the nearest values."""
    if isinstance(percentage, (list, tuple)):
        percentage = [float(p) for p in percentage]
    elif not isinstance(percentage, Column):
        percentage = float(percentage)
    return Column({"e": "agg", "name": "percentile",
                   "args": [col_expr(col), lit_expr(percentage), lit_expr(frequency)],
                   "distinct": False})


def listagg(col, delimiter=None):
    """The group's non-null strings joined by delimiter (a string or Column; none by default)."""
    return _agg("listagg", col) if delimiter is None else _agg("listagg", col, lit(delimiter))


def string_agg(col, delimiter=None):
    return _agg("string_agg", col) if delimiter is None else _agg("string_agg", col, lit(delimiter))


def listagg_distinct(col, delimiter=None):
    """listagg over the group's distinct non-null values."""
    args = [col] if delimiter is None else [col, lit(delimiter)]
    return _agg("listagg", *args, distinct=True)


def string_agg_distinct(col, delimiter=None):
    args = [col] if delimiter is None else [col, lit(delimiter)]
    return _agg("string_agg", *args, distinct=True)


def mode(col, deterministic=False):
    """The group's most frequent non-null value (Ember gives the smallest on ties either way)."""
    return _agg("mode", col, lit(deterministic))


def try_sum(col):
    """sum(col), null where it overflows."""
    return _agg("try_sum", col)


def try_avg(col):
    """avg(col), null where it overflows."""
    return _agg("try_avg", col)


def stddev(col):
    return _agg("stddev", col)


def std(col):
    return _agg("std", col)


def stddev_samp(col):
    return _agg("stddev_samp", col)


def stddev_pop(col):
    return _agg("stddev_pop", col)


def variance(col):
    return _agg("variance", col)


def var_samp(col):
    return _agg("var_samp", col)


def var_pop(col):
    return _agg("var_pop", col)


def corr(col1, col2):
    return _agg("corr", col1, col2)


def covar_samp(col1, col2):
    return _agg("covar_samp", col1, col2)


def regr_avgx(y, x):
    return _agg("regr_avgx", y, x)


def regr_avgy(y, x):
    return _agg("regr_avgy", y, x)


def regr_count(y, x):
    return _agg("regr_count", y, x)


def regr_intercept(y, x):
    return _agg("regr_intercept", y, x)


def regr_r2(y, x):
    return _agg("regr_r2", y, x)


def regr_slope(y, x):
    return _agg("regr_slope", y, x)


def regr_sxx(y, x):
    return _agg("regr_sxx", y, x)


def regr_sxy(y, x):
    return _agg("regr_sxy", y, x)


def regr_syy(y, x):
    return _agg("regr_syy", y, x)


def covar_pop(col1, col2):
    return _agg("covar_pop", col1, col2)


def percentile_approx(col, percentage, accuracy=10000):
    """The value at rank ceil(p * n) of the sorted non-null values; a list of percentages gives
    an array."""
    return _percentile_approx("percentile_approx", col, percentage, accuracy)


def _percentile_approx(name, col, percentage, accuracy):
    if isinstance(percentage, (list, tuple)):
        percentage = [float(p) for p in percentage]
    elif not isinstance(percentage, Column):
        percentage = float(percentage)
    return Column({"e": "agg", "name": name,
                   "args": [col_expr(col), lit_expr(percentage), lit_expr(accuracy)],
                   "distinct": False})


def approx_percentile(col, percentage, accuracy=10000):
    return _percentile_approx("approx_percentile", col, percentage, accuracy)


# ---- strings -------------------------------------------------------------------------------

def _lit(value):
    """A Column as it is, or a Python value as a literal (where PySpark takes literals)."""
    return lit_expr(value)


def _call_lits(name, col, *values):
    """name(col, literal, ...): the first argument a column or name, the others literals."""
    return Column(fn(name, col_expr(col), *[_lit(v) for v in values]))


def upper(col):
    return _call("upper", col)


def lower(col):
    return _call("lower", col)


def ucase(str):
    return _call("ucase", str)


def lcase(str):
    return _call("lcase", str)


def initcap(col):
    return _call("initcap", col)


def length(col):
    return _call("length", col)


def char_length(str):
    return _call("char_length", str)


def character_length(str):
    return _call("character_length", str)


def octet_length(col):
    return _call("octet_length", col)


def bit_length(col):
    return _call("bit_length", col)


def _trim(name, col, trim):
    if trim is None:
        return _call(name, col)
    return _call(name, col, trim)


def trim(col, trim=None):
    return _trim("trim", col, trim)


def ltrim(col, trim=None):
    return _trim("ltrim", col, trim)


def rtrim(col, trim=None):
    return _trim("rtrim", col, trim)


def btrim(str, trim=None):
    return _trim("btrim", str, trim)


def concat(*cols):
    return _call("concat", *cols)


def concat_ws(sep, *cols):
    return Column(fn("concat_ws", lit_expr(sep), *[col_expr(c) for c in cols]))


def substring(str, pos, len):
    return Column(fn("substring", col_expr(str), _days(pos), _days(len)))


def substr(str, pos, len=None):
    if len is None:
        return _call("substr", str, pos)
    return _call("substr", str, pos, len)


def left(str, len):
    return _call("left", str, len)


def right(str, len):
    return _call("right", str, len)


def lpad(col, len, pad):
    return _call_lits("lpad", col, len, pad)


def rpad(col, len, pad):
    return _call_lits("rpad", col, len, pad)


def repeat(col, n):
    return Column(fn("repeat", col_expr(col), _days(n)))


def reverse(col):
    return _call("reverse", col)


def instr(str, substr):
    return _call_lits("instr", str, substr)


def locate(substr, str, pos=1):
    return Column(fn("locate", _lit(substr), col_expr(str), _lit(pos)))


def position(substr, str, start=None):
    if start is None:
        return _call("position", substr, str)
    return _call("position", substr, str, start)


def substring_index(str, delim, count):
    return _call_lits("substring_index", str, delim, count)


def find_in_set(str, str_array):
    return _call("find_in_set", str, str_array)


def format_string(format, *cols):
    return Column(fn("format_string", _lit(format), *[col_expr(c) for c in cols]))


def printf(format, *cols):
    return _call("printf", format, *cols)


def translate(srcCol, matching, replace):
    return _call_lits("translate", srcCol, matching, replace)


def overlay(src, replace, pos, len=-1):
    return Column(fn("overlay", col_expr(src), col_expr(replace), _days(pos), _days(len)))


def replace(src, search, replace=None):
    if replace is None:
        return _call("replace", src, search)
    return _call("replace", src, search, replace)


def ascii(col):
    return _call("ascii", col)


def chr(n):
    return _call("chr", n)


def char(col):
    return _call("char", col)


def base64(col):
    return _call("base64", col)


def unbase64(col):
    return _call("unbase64", col)


def encode(col, charset):
    return _call_lits("encode", col, charset)


def decode(col, charset):
    return _call_lits("decode", col, charset)


def levenshtein(left, right, threshold=None):
    if threshold is None:
        return _call("levenshtein", left, right)
    return Column(fn("levenshtein", col_expr(left), col_expr(right), _lit(threshold)))


def soundex(col):
    return _call("soundex", col)


def mask(col, upperChar=None, lowerChar=None, digitChar=None, otherChar=None):
    chars = [lit("X") if upperChar is None else upperChar, lit("x") if lowerChar is None else lowerChar,
             lit("n") if digitChar is None else digitChar, lit(None) if otherChar is None else otherChar]
    return _call("mask", col, *chars)


def luhn_check(str):
    return _call("luhn_check", str)


def url_encode(str):
    return _call("url_encode", str)


def url_decode(str):
    return _call("url_decode", str)


def try_url_decode(str):
    return _call("try_url_decode", str)


def rlike(str, regexp):
    return _call("rlike", str, regexp)


def regexp(str, regexp):
    return _call("regexp", str, regexp)


def regexp_like(str, regexp):
    return _call("regexp_like", str, regexp)


def regexp_replace(string, pattern, replacement):
    return Column(fn("regexp_replace", col_expr(string), _lit(pattern), _lit(replacement)))


def regexp_extract(str, pattern, idx):
    return _call_lits("regexp_extract", str, pattern, idx)


def regexp_extract_all(str, regexp, idx=None):
    if idx is None:
        return _call("regexp_extract_all", str, regexp)
    return Column(fn("regexp_extract_all", col_expr(str), col_expr(regexp), _lit(idx)))


def regexp_count(str, regexp):
    return _call("regexp_count", str, regexp)


def regexp_instr(str, regexp, idx=None):
    if idx is None:
        return _call("regexp_instr", str, regexp)
    return Column(fn("regexp_instr", col_expr(str), col_expr(regexp), _lit(idx)))


def regexp_substr(str, regexp):
    return _call("regexp_substr", str, regexp)


def split(str, pattern, limit=-1):
    return Column(fn("split", col_expr(str), _lit(pattern), _days(limit)))


def size(col):
    return _call("size", col)


def cardinality(col):
    return _call("cardinality", col)


def array_size(col):
    return _call("array_size", col)


def to_binary(col, format=None):
    return _optional_format("to_binary", col, format)


def try_to_binary(col, format=None):
    return _optional_format("try_to_binary", col, format)


def parse_url(url, partToExtract, key=None):
    if key is None:
        return _call("parse_url", url, partToExtract)
    return _call("parse_url", url, partToExtract, key)


def try_parse_url(url, partToExtract, key=None):
    if key is None:
        return _call("try_parse_url", url, partToExtract)
    return _call("try_parse_url", url, partToExtract, key)


def elt(*inputs):
    return _call("elt", *inputs)


def split_part(src, delimiter, partNum):
    return _call("split_part", src, delimiter, partNum)


def quote(col):
    return _call("quote", col)


def format_number(col, d):
    return _call_lits("format_number", col, d)


def is_valid_utf8(str):
    return _call("is_valid_utf8", str)


def make_valid_utf8(str):
    return _call("make_valid_utf8", str)


def validate_utf8(str):
    return _call("validate_utf8", str)


def try_validate_utf8(str):
    return _call("try_validate_utf8", str)


def like(str, pattern, escapeChar=None):
    if escapeChar is not None:
        return _call("like", str, pattern, escapeChar)
    return _call("like", str, pattern)


def ilike(str, pattern, escapeChar=None):
    if escapeChar is not None:
        return _call("ilike", str, pattern, escapeChar)
    return _call("ilike", str, pattern)


def contains(left, right):
    return _call("contains", left, right)


def startswith(str, prefix):
    return _call("startswith", str, prefix)


def endswith(str, suffix):
    return _call("endswith", str, suffix)


# ---- math ----------------------------------------------------------------------------------

def abs(col):
    return _call("abs", col)


def round(col, scale=None):
    return Column(fn("round", col_expr(col), _days(0 if scale is None else scale)))


def bround(col, scale=None):
    return Column(fn("bround", col_expr(col), _days(0 if scale is None else scale)))


def sqrt(col):
    return _call("sqrt", col)


def floor(col, scale=None):
    if scale is None:
        return _call("floor", col)
    return Column(fn("floor", col_expr(col), _lit(scale)))


def ceil(col, scale=None):
    if scale is None:
        return _call("ceil", col)
    return Column(fn("ceil", col_expr(col), _lit(scale)))


def ceiling(col, scale=None):
    if scale is None:
        return _call("ceiling", col)
    return Column(fn("ceiling", col_expr(col), _lit(scale)))


def _unary_math(name):
    def function(col):
        return _call(name, col)
    function.__name__ = name
    return function


for _name in ("sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "sinh", "cosh", "tanh",
              "asinh", "acosh", "atanh", "degrees", "radians", "exp", "expm1", "cbrt", "rint", "signum",
              "sign", "ln", "log10", "log2", "log1p", "factorial", "bin", "hex", "unhex", "bit_count",
              "negative", "positive", "md5", "sha1", "crc32", "typeof", "zeroifnull", "nullifzero"):
    globals()[_name] = _unary_math(_name)
del _name

negate = negative
toDegrees = degrees
toRadians = radians


def _number_or_col(value):
    """A Column or column name, or a Python number taken as a literal (PySpark's float args)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return lit_expr(value)
    return col_expr(value)


def atan2(col1, col2):
    return Column(fn("atan2", _number_or_col(col1), _number_or_col(col2)))


def hypot(col1, col2):
    return Column(fn("hypot", _number_or_col(col1), _number_or_col(col2)))


def pow(col1, col2):
    return Column(fn("power", _number_or_col(col1), _number_or_col(col2)))


power = pow


def log(arg1, arg2=None):
    if arg2 is None:
        return _call("ln", arg1)
    return Column(fn("log", lit_expr(float(arg1)) if isinstance(arg1, (int, float)) else col_expr(arg1),
                     col_expr(arg2)))


def e():
    return Column(fn("e"))


def pi():
    return Column(fn("pi"))


def pmod(dividend, divisor):
    return Column(fn("pmod", _number_or_col(dividend), _number_or_col(divisor)))


def conv(col, fromBase, toBase):
    return _call_lits("conv", col, fromBase, toBase)


def width_bucket(v, min, max, numBucket):
    return Column(fn("width_bucket", col_expr(v), col_expr(min), col_expr(max), _days(numBucket)))


def shiftleft(col, numBits):
    return _call_lits("shiftleft", col, numBits)


def shiftright(col, numBits):
    return _call_lits("shiftright", col, numBits)


def shiftrightunsigned(col, numBits):
    return _call_lits("shiftrightunsigned", col, numBits)


shiftLeft = shiftleft
shiftRight = shiftright
shiftRightUnsigned = shiftrightunsigned


def bitwise_not(col):
    return _call("~", col)


bitwiseNOT = bitwise_not


def bit_get(col, pos):
    return _call("bit_get", col, pos)


def getbit(col, pos):
    return _call("getbit", col, pos)


def try_add(left, right):
    return _call("try_add", left, right)


def try_subtract(left, right):
    return _call("try_subtract", left, right)


def try_multiply(left, right):
    return _call("try_multiply", left, right)


def try_divide(left, right):
    return _call("try_divide", left, right)


def try_mod(left, right):
    return _call("try_mod", left, right)


# ---- hashes and misc -----------------------------------------------------------------------

def hash(*cols):
    return _call("hash", *cols)


def xxhash64(*cols):
    return _call("xxhash64", *cols)


def sha(col):
    return _call("sha", col)


def sha2(col, numBits):
    if numBits not in (0, 224, 256, 384, 512):
        from pyspark.errors import PySparkValueError
        raise PySparkValueError(errorClass="VALUE_NOT_ALLOWED",
                                messageParameters={"arg_name": "numBits",
                                                   "allowed_values": "[0, 224, 256, 384, 512]"})
    return _call_lits("sha2", col, numBits)


def _aes_args(name, input, key, *optional):
    """The AES functions' columns; unset trailing arguments take Spark's defaults when a later one
    is set (mode GCM, padding DEFAULT, empty iv and aad)."""
    defaults = ["GCM", "DEFAULT", "", ""]
    args = [col_expr(input), col_expr(key)]
    last = -1  # (the builtin max is shadowed by this module's)
    for k, value in enumerate(optional):
        if value is not None:
            last = k
    for k in range(last + 1):
        value = optional[k]
        args.append(lit_expr(defaults[k]) if value is None else col_expr(value))
    return Column(fn(name, *args))


def aes_encrypt(input, key, mode=None, padding=None, iv=None, aad=None):
    return _aes_args("aes_encrypt", input, key, mode, padding, iv, aad)


def aes_decrypt(input, key, mode=None, padding=None, aad=None):
    return _aes_args("aes_decrypt", input, key, mode, padding, aad)


def try_aes_decrypt(input, key, mode=None, padding=None, aad=None):
    return _aes_args("try_aes_decrypt", input, key, mode, padding, aad)


def sentences(string, language=None, country=None):
    """The sentences of a string column, each an array of its words."""
    args = [col_expr(string)]
    if language is not None or country is not None:
        args += [lit_expr("") if language is None else col_expr(language),
                 lit_expr("") if country is None else col_expr(country)]
    return Column(fn("sentences", *args))


def reflect(*cols):
    return Column(fn("reflect", *[col_expr(c) for c in cols]))


def java_method(*cols):
    return Column(fn("java_method", *[col_expr(c) for c in cols]))


def try_reflect(*cols):
    return Column(fn("try_reflect", *[col_expr(c) for c in cols]))


def input_file_name():
    return Column(fn("input_file_name"))


def input_file_block_start():
    return Column(fn("input_file_block_start"))


def input_file_block_length():
    return Column(fn("input_file_block_length"))


def spark_partition_id():
    return Column(fn("spark_partition_id"))


def monotonically_increasing_id():
    return Column(fn("monotonically_increasing_id"))


def rand(seed=None):
    return Column(fn("rand") if seed is None else fn("rand", lit_expr(seed)))


def random(seed=None):
    return Column(fn("random") if seed is None else fn("random", lit_expr(seed)))


def randn(seed=None):
    return Column(fn("randn") if seed is None else fn("randn", lit_expr(seed)))


def current_user():
    return Column(fn("current_user"))


def user():
    return Column(fn("user"))


def session_user():
    return Column(fn("session_user"))


def version():
    return Column(fn("version"))


def uuid():
    return Column(fn("uuid"))


def assert_true(col, errMsg=None):
    if errMsg is None:
        return _call("assert_true", col)
    return Column(fn("assert_true", col_expr(col), _lit(errMsg)))


def raise_error(errMsg):
    return Column(fn("raise_error", _lit(errMsg)))


# ---- conditional ---------------------------------------------------------------------------

def nvl2(col1, col2, col3):
    return _call("nvl2", col1, col2, col3)


def nanvl(col1, col2):
    return _call("nanvl", col1, col2)


def nullif(col1, col2):
    return _call("nullif", col1, col2)


def equal_null(col1, col2):
    return _call("equal_null", col1, col2)


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



# ---- Python UDFs (pyspark.sql.udf, pyspark.sql.pandas.functions) -----------------------------



# ---- partition transforms (deprecated here in 4.0 for pyspark.sql.functions.partitioning) ------

def _deprecated_transform(name, *args):
    import warnings
    from pyspark.sql.functions import partitioning
    warnings.warn("Deprecated in 4.0.0, use partitioning.%s instead." % name, FutureWarning)
    return getattr(partitioning, name)(*args)


def years(col):
    return _deprecated_transform("years", col)


def months(col):
    return _deprecated_transform("months", col)


def days(col):
    return _deprecated_transform("days", col)


def hours(col):
    return _deprecated_transform("hours", col)


def bucket(numBuckets, col):
    return _deprecated_transform("bucket", numBuckets, col)


from pyspark.sql.udf import udf  # noqa: E402,F401
from pyspark.sql.pandas.functions import PandasUDFType, pandas_udf  # noqa: E402,F401
from pyspark.sql.udtf import udtf  # noqa: E402,F401
