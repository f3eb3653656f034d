"""df.stat and the DataFrame statistics methods (corr, cov, crosstab, freqItems, approxQuantile,
sampleBy) and sampling (sample, randomSplit), built from engine aggregates and from rand(seed):
Spark samples each partition with a Bernoulli test against XORShiftRandom(seed + partition), the
sequence rand(seed) draws, so sample(f, seed) is the filter rand(seed) < f."""

import math
import random
import sys

from pyspark.errors import (
    IllegalArgumentException, PySparkTypeError, PySparkValueError,
)
from pyspark.sql.column import Column, col_expr, fn, lit_expr, quoted_name_expr
from pyspark.sql.types import (
    ArrayType, LongType, NumericType, StringType, StructField, StructType,
)


def _type_error(error_class, arg_name, value):
    return PySparkTypeError(errorClass=error_class,
                            messageParameters={"arg_name": arg_name,
                                               "arg_type": type(value).__name__})


def _require_str(value, arg_name):
    if not isinstance(value, str):
        raise _type_error("NOT_STR", arg_name, value)


def _agg(name, *args):
    return {"e": "agg", "name": name, "args": list(args), "distinct": False}


def _single_value(df, agg):
    return df._with({"op": "aggregate", "input": df._plan, "groups": [],
                     "aggs": [agg]}).collect()[0][0]


def _numeric_field(df, name, what):
    from pyspark.sql._na import find_fields
    field = find_fields(df, [name], True)[0]
    if not isinstance(field.dataType, NumericType):
        raise IllegalArgumentException(
            message="requirement failed: Currently %s calculation for columns with dataType %s "
                    "not supported." % (what, field.dataType.simpleString()))
    return {"e": "cast", "child": quoted_name_expr(field.name), "type": "double"}


def _pair_statistic(df, col1, col2, aggregate, what):
    _require_str(col1, "col1")
    _require_str(col2, "col2")
    x = _numeric_field(df, col1, what)
    y = _numeric_field(df, col2, what)
    value = _single_value(df, _agg(aggregate, x, y))
    # Spark divides by zero here (fewer than two rows) and returns NaN.
    return float("nan") if value is None else value


def corr(df, col1, col2, method=None):
    _require_str(col1, "col1")
    _require_str(col2, "col2")
    if not method:
        method = "pearson"
    if method != "pearson":
        raise PySparkValueError(errorClass="VALUE_NOT_PEARSON",
                                messageParameters={"arg_name": "method", "arg_value": method})
    return _pair_statistic(df, col1, col2, "corr", "correlation")


def cov(df, col1, col2):
    return _pair_statistic(df, col1, col2, "covar_samp", "covariance")


def _text(value):
    return "null" if value is None else str(value)


def crosstab(df, col1, col2):
    """The contingency table of two columns: one row per value of col1 (as a string), one long
    column per value of col2 (sorted), zero where a pair does not occur."""
    _require_str(col1, "col1")
    _require_str(col2, "col2")
    as_text = [{"e": "alias", "name": "a", "child": {"e": "cast", "type": "string",
                                                     "child": quoted_name_expr(col1)}},
               {"e": "alias", "name": "b", "child": {"e": "cast", "type": "string",
                                                     "child": quoted_name_expr(col2)}}]
    count = {"e": "alias", "name": "n",
             "child": _agg("count", {"e": "lit", "value": 1, "type": "int"})}
    rows = df._with({"op": "aggregate", "input": df._plan, "groups": as_text,
                     "aggs": [count]}).collect()
    counts = {}
    for a, b, n in rows:
        counts[(_text(a), _text(b).replace("`", ""))] = n
    firsts = list(dict.fromkeys(a for a, _ in counts))
    seconds = sorted({b for _, b in counts})
    schema = StructType([StructField("%s_%s" % (col1, col2), StringType(), True)] +
                        [StructField(b, LongType(), True) for b in seconds])
    data = [[a] + [counts.get((a, b), 0) for b in seconds] for a in firsts]
    return df.sparkSession.createDataFrame(data, schema)


def freq_items(df, cols, support=None):
    """Per column, the values that occur in more than `support` of the rows (Spark's algorithm
    may add a few others; these are exactly the frequent ones)."""
    if isinstance(cols, tuple):
        cols = list(cols)
    if not isinstance(cols, list):
        raise _type_error("NOT_LIST_OR_TUPLE", "cols", cols)
    if support is None:
        support = 0.01
    if support < 1e-4:
        raise IllegalArgumentException(
            message="requirement failed: Support (%s) must be greater than 1e-4." % support)
    from pyspark.sql._na import find_fields
    fields = find_fields(df, cols, True)
    total = df.count()
    values, schema = [], []
    for f in fields:
        ref = quoted_name_expr(f.name)
        count = _agg("count", {"e": "lit", "value": 1, "type": "int"})
        grouped = df._with({"op": "aggregate", "input": df._plan, "groups": [ref],
                            "aggs": [count]}).collect()
        values.append([v for v, n in grouped if n > support * total])
        schema.append(StructField(f.name + "_freqItems", ArrayType(f.dataType), True))
    return df.sparkSession.createDataFrame([values], StructType(schema))


def approx_quantile(df, col, probabilities, relativeError):
    single = isinstance(col, str)
    if not isinstance(col, (str, list, tuple)):
        raise _type_error("NOT_LIST_OR_STR_OR_TUPLE", "col", col)
    cols = [col] if single else list(col)
    for c in cols:
        if not isinstance(c, str):
            raise PySparkTypeError(errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                                   messageParameters={"arg_name": "col", "arg_type":
                                                      type(col).__name__,
                                                      "allowed_types": "str",
                                                      "item_type": type(c).__name__})
    if not isinstance(probabilities, (list, tuple)):
        raise _type_error("NOT_LIST_OR_TUPLE", "probabilities", probabilities)
    for p in probabilities:
        if not isinstance(p, (float, int)) or isinstance(p, bool) or p < 0 or p > 1:
            raise _type_error("NOT_LIST_OF_FLOAT_OR_INT", "probabilities", p)
    if not isinstance(relativeError, (float, int)) or isinstance(relativeError, bool):
        raise _type_error("NOT_FLOAT_OR_INT", "relativeError", relativeError)
    if relativeError < 0:
        raise PySparkValueError(errorClass="NEGATIVE_VALUE",
                                messageParameters={"arg_name": "relativeError",
                                                   "arg_value": str(relativeError)})
    accuracy = 2 ** 31 - 1 if relativeError == 0 else max(1, int(1.0 / min(relativeError, 1.0)))
    probabilities = [float(p) for p in probabilities]
    aggs = []
    for c in cols:
        x = _numeric_field(df, c, "quantile")
        aggs.append(_agg("percentile_approx", x, lit_expr(probabilities), lit_expr(accuracy)))
    if not probabilities:
        result = [[] for _ in cols]
    else:
        row = df._with({"op": "aggregate", "input": df._plan, "groups": [],
                        "aggs": aggs}).collect()[0]
        result = [list(v) if v is not None else [] for v in row]
    return result[0] if single else result


def _seed(seed):
    return int(seed) if seed is not None else random.randint(0, sys.maxsize)


def _rand(seed):
    return fn("rand", lit_expr(seed))


def sample(df, withReplacement=None, fraction=None, seed=None):
    replacement_set = type(withReplacement) == bool and isinstance(fraction, float)
    omitted_kwargs = withReplacement is None and isinstance(fraction, float)
    omitted_args = isinstance(withReplacement, float)
    if not (replacement_set or omitted_kwargs or omitted_args):
        types = ", ".join(type(a).__name__ for a in (withReplacement, fraction, seed))
        raise PySparkTypeError(
            errorClass="NOT_BOOL_OR_FLOAT_OR_INT",
            messageParameters={"arg_name": "withReplacement (optional), fraction (required) "
                                           "and seed (optional)", "arg_type": types})
    if omitted_args:
        if fraction is not None:
            seed = fraction
        fraction, withReplacement = withReplacement, False
    if fraction < 0:
        raise IllegalArgumentException(
            message="requirement failed: Fraction must be nonnegative, but got %s" % fraction)
    if withReplacement:
        return _sample_with_replacement(df, float(fraction), _seed(seed))
    if fraction > 1 + 1e-6:
        raise IllegalArgumentException(
            message="requirement failed: Upper bound (%s) must be <= 1.0" % fraction)
    return _sample_range(df, 0.0, fraction, _seed(seed))


def poisson_thresholds(mean):
    """The cumulative probabilities P(X <= k) of a Poisson(mean) count, k = 0, 1, ..., up to where
    what is left is below 1e-12: the draw u falls to k copies when it is below the k-th one and
    not below the ones before."""
    thresholds, cumulative, k = [], 0.0, 0
    while cumulative < 1 - 1e-12 and k <= mean + 40 * math.sqrt(mean) + 40:
        cumulative += math.exp(k * math.log(mean) - mean - math.lgamma(k + 1)) if mean > 0 else float(k == 0)
        thresholds.append(cumulative)
        k += 1
    return thresholds


def _sample_with_replacement(df, fraction, seed):
    """Each row `k` times, k drawn from Poisson(fraction) by the inverse of its distribution at the
    row's rand(seed) draw (a generator seeded with seed plus the partition, as Spark's sampler)."""
    draw_name, copies_name, copy_name = "__sample_draw", "__sample_copies", "__sample_copy"
    thresholds = poisson_thresholds(fraction)
    draw = {"e": "col", "name": draw_name}
    copies = {"e": "when", "branches": [[fn("<", draw, lit_expr(t)), lit_expr(k)]
                                        for k, t in enumerate(thresholds)],
              "else": lit_expr(len(thresholds))}
    drawn = df._with({"op": "with_columns", "input": df._plan, "names": [draw_name],
                      "exprs": [_rand(seed)]})
    counted = drawn._with({"op": "with_columns", "input": drawn._plan, "names": [copies_name],
                           "exprs": [copies]})
    ref = {"e": "col", "name": copies_name}
    kept = counted._with({"op": "filter", "input": counted._plan,
                          "condition": fn(">", ref, lit_expr(0))})
    repeated = {"e": "alias", "name": copy_name,
                "child": fn("explode", fn("array_repeat", lit_expr(0), ref))}
    copied = kept._with({"op": "project", "input": kept._plan, "exprs": [{"e": "star"}, repeated]})
    return copied._with({"op": "drop", "input": copied._plan,
                         "names": [draw_name, copies_name, copy_name]})


def _sample_range(df, lower, upper, seed):
    """Rows whose draw of rand(seed) falls in [lower, upper), as Spark's BernoulliCellSampler."""
    if upper - lower >= 1.0:
        return df
    draw = _rand(seed)
    if lower <= 0:
        condition = fn("<", draw, lit_expr(float(upper)))
        return df._with({"op": "filter", "input": df._plan, "condition": condition})
    # Both bounds must test the same draw: it is computed once, as a column.
    name = "__sample_draw"
    drawn = df._with({"op": "with_columns", "input": df._plan, "names": [name], "exprs": [draw]})
    ref = {"e": "col", "name": name}
    condition = {"e": "and", "args": [fn(">=", ref, lit_expr(float(lower))),
                                      fn("<", ref, lit_expr(float(upper)))]}
    kept = drawn._with({"op": "filter", "input": drawn._plan, "condition": condition})
    return kept._with({"op": "drop", "input": kept._plan, "names": [name]})


def random_split(df, weights, seed=None):
    for w in weights:
        if w < 0.0:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE",
                                    messageParameters={"arg_name": "weights",
                                                       "arg_value": str(w)})
    seed = _seed(seed)
    total = sum(weights)
    if total <= 0:
        raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE",
                                messageParameters={"arg_name": "sum(weights)",
                                                   "arg_value": str(total)})
    # As Spark: each partition sorted on its own first, so that every split sees the rows in
    # the same order and the draws of rand(seed) split them into disjoint parts.
    from pyspark.sql.types import MapType
    orderable = [f.name for f in df.schema.fields if not isinstance(f.dataType, MapType)]
    base = df.sortWithinPartitions(*[Column(quoted_name_expr(n)) for n in orderable]) \
        if orderable else df
    bounds, acc = [0.0], 0.0
    for w in weights:
        acc += w / total
        bounds.append(acc)
    return [_sample_range(base, lo, hi, seed) for lo, hi in zip(bounds, bounds[1:])]


def sample_by(df, col, fractions, seed=None):
    if isinstance(col, str):
        col = Column(col_expr(col))
    elif not isinstance(col, Column):
        raise _type_error("NOT_COLUMN_OR_STR", "col", col)
    if not isinstance(fractions, dict):
        raise _type_error("NOT_DICT", "fractions", fractions)
    for k, v in fractions.items():
        if not isinstance(k, (float, int, str)):
            raise PySparkTypeError(errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                                   messageParameters={"arg_name": "fractions",
                                                      "arg_type": type(fractions).__name__,
                                                      "allowed_types": "float, int, str",
                                                      "item_type": type(k).__name__})
        if not 0.0 <= float(v) <= 1.0:
            raise IllegalArgumentException(
                message="requirement failed: Fractions must be in [0, 1], but got %s."
                        % fractions)
    seed = _seed(seed)
    if not fractions:
        threshold = lit_expr(0.0)
    else:
        threshold = {"e": "when",
                     "branches": [[fn("=", col._expr, lit_expr(k)), lit_expr(float(v))]
                                  for k, v in fractions.items()],
                     "else": lit_expr(0.0)}
    condition = fn("<", _rand(seed), threshold)
    return df._with({"op": "filter", "input": df._plan, "condition": condition})


class DataFrameStatFunctions:
    """df.stat."""

    def __init__(self, df):
        self.df = df

    def approxQuantile(self, col, probabilities, relativeError):
        return approx_quantile(self.df, col, probabilities, relativeError)

    def corr(self, col1, col2, method=None):
        return corr(self.df, col1, col2, method)

    def cov(self, col1, col2):
        return cov(self.df, col1, col2)

    def crosstab(self, col1, col2):
        return crosstab(self.df, col1, col2)

    def freqItems(self, cols, support=None):
        return freq_items(self.df, cols, support)

    def sampleBy(self, col, fractions, seed=None):
        return sample_by(self.df, col, fractions, seed)


def _range_bounds(df, key, n):
    """n - 1 bounds splitting the non-null values of `key` into n ranges of about equal size:
    exact quantiles of numbers and datetimes, quantiles of a sample of other values."""
    from pyspark.sql.types import DateType, TimestampNTZType, TimestampType
    data_type = df.select(Column(key)).schema.fields[0].dataType
    probabilities = [float(i) / n for i in range(1, n)]
    if isinstance(data_type, (NumericType, DateType, TimestampType, TimestampNTZType)):
        bounds = _single_value(df, _agg("percentile_approx", key, lit_expr(probabilities),
                                        lit_expr(10000)))
        return bounds or []
    total = df.count()
    fraction = min(1.0, 20.0 * n / max(total, 1))
    keyed = df.select(Column({"e": "alias", "name": "k", "child": key}))
    values = sorted(r.k for r in _sample_range(keyed, 0.0, fraction, 0).collect()
                    if r.k is not None)
    if not values:
        return []
    return [values[min(int(p * len(values)), len(values) - 1)] for p in probabilities]


def range_partition_id(df, order, n):
    """The partition number of each row under range partitioning by the sort expression
    `order`: ranges in the order's direction, nulls first or last as it says."""
    key = order["child"]
    bounds = _range_bounds(df, key, n)
    ascending = order["asc"]
    branches = [[fn("isnull", key), lit_expr(0 if order["nulls_first"] else n - 1)]]
    compare = "<=" if ascending else ">="
    ordered = bounds if ascending else list(reversed(bounds))
    for i, bound in enumerate(ordered):
        branches.append([fn(compare, key, lit_expr(bound)), lit_expr(i)])
    return {"e": "when", "branches": branches, "else": lit_expr(n - 1)}
