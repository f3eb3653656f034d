"""describe() and summary(): one engine aggregate computes every statistic of every numeric and
string column, cast to string as Spark shows them; the result is a small frame of strings with a
`summary` column, as Spark's StatFunctions.summary gives."""

from pyspark.errors import IllegalArgumentException
from pyspark.sql.column import lit_expr, quoted_name_expr
from pyspark.sql.types import NumericType, StringType, StructField, StructType

DEFAULT_STATISTICS = ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"]


def _agg(name, *args):
    return {"e": "agg", "name": name, "args": list(args), "distinct": False}


def _percentile(text):
    try:
        return float(text[:-1]) / 100.0
    except ValueError:
        raise IllegalArgumentException(
            errorClass="_LEGACY_ERROR_TEMP_2113", messageParameters={"stats": text},
            message="Unable to parse %s as a percentile" % text) from None


def _statistic(stat, column, casted):
    name = stat.lower()
    if name == "count":
        return _agg("count", column)
    if name == "count_distinct":
        return dict(_agg("count", column), distinct=True)
    if name == "mean":
        return _agg("avg", casted)
    if name == "stddev":
        return _agg("stddev", casted)
    if name == "min":
        return _agg("min", column)
    if name == "max":
        return _agg("max", column)
    if stat.endswith("%"):
        return _agg("percentile_approx", casted, lit_expr(_percentile(stat)), lit_expr(10000))
    raise IllegalArgumentException(
        errorClass="_LEGACY_ERROR_TEMP_2114", messageParameters={"stats": stat},
        message="%s is not a recognised statistic" % stat)


def summary(df, statistics):
    statistics = list(statistics) or list(DEFAULT_STATISTICS)
    for stat in statistics:
        if stat.endswith("%") and not 0 <= _percentile(stat) <= 1:
            raise IllegalArgumentException(
                message="requirement failed: Percentiles must be in the range [0, 1]")
    fields = [f for f in df.schema.fields if isinstance(f.dataType, (NumericType, StringType))]
    aggs = []
    for f in fields:
        column = quoted_name_expr(f.name)
        casted = column
        if isinstance(f.dataType, StringType):
            casted = {"e": "cast", "child": column, "type": "double", "try": True}
        for stat in statistics:
            aggs.append({"e": "cast", "child": _statistic(stat, column, casted),
                         "type": "string"})
    values = []
    if fields:
        row = df._with({"op": "aggregate", "input": df._plan, "groups": [],
                        "aggs": aggs}).collect()[0]
        values = list(row)
    width = len(statistics)
    rows = [[stat] + [values[i * width + k] for i in range(len(fields))]
            for k, stat in enumerate(statistics)]
    schema = StructType([StructField("summary", StringType(), True)] +
                        [StructField(f.name, StringType(), True) for f in fields])
    return df.sparkSession.createDataFrame(rows, schema)


def describe(df, cols):
    if len(cols) == 1 and isinstance(cols[0], list):
        cols = cols[0]
    selected = df.select(*cols) if cols else df
    return summary(selected, ["count", "mean", "stddev", "min", "max"])
