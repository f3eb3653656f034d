"""GroupedData: the result of DataFrame.groupBy, turned back into a DataFrame by an aggregation.
The plan is an `aggregate` node whose output is the grouping columns followed by the aggregates."""

from pyspark.errors import PySparkTypeError, PySparkValueError
from pyspark.sql.column import Column, name_expr, quoted_name_expr
from pyspark.sql.types import NumericType

_DICT_AGGREGATES = {"avg": "avg", "mean": "avg", "sum": "sum", "min": "min", "max": "max",
                    "count": "count", "first": "first", "last": "last"}


class GroupedData:
    """Grouping expressions over a DataFrame, waiting for aggregates."""

    def __init__(self, df, groups):
        self._df = df
        self._groups = groups

    def _aggregate(self, aggs):
        from pyspark.sql.dataframe import DataFrame
        plan = {"op": "aggregate", "input": self._df._plan, "groups": self._groups, "aggs": aggs}
        return DataFrame(plan, self._df._session)

    def agg(self, *exprs):
        if not exprs:
            raise PySparkValueError(errorClass="CANNOT_BE_EMPTY",
                                    messageParameters={"item": "exprs"})
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            aggs = []
            for column, function in exprs[0].items():
                name = _DICT_AGGREGATES.get(function.lower())
                if name is None:
                    aggs.append({"e": "agg", "name": function.lower(),
                                 "args": [name_expr(column)], "distinct": False})
                    continue
                arg = {"e": "lit", "value": 1, "type": "int"} if column == "*" else name_expr(column)
                aggs.append({"e": "agg", "name": name, "args": [arg], "distinct": False})
            return self._aggregate(aggs)
        for e in exprs:
            if not isinstance(e, Column):
                raise PySparkTypeError(errorClass="NOT_COLUMN",
                                       messageParameters={"arg_name": "exprs",
                                                          "arg_type": type(e).__name__})
        from pyspark.sql.pandas import group_ops
        udfs = group_ops.pandas_aggregates(self, exprs)
        if udfs is not None:
            return group_ops.aggregate_in_pandas(self, exprs, udfs)
        return self._aggregate([e._expr for e in exprs])

    def applyInPandas(self, func, schema):
        """func(pandas frame of a group) or func(key tuple, frame) -> frame of `schema`."""
        from pyspark.sql.pandas import group_ops
        group_ops.check_callable(func)
        return group_ops.apply_in_pandas(self, func, schema)

    def cogroup(self, other):
        return PandasCogroupedOps(self, other)

    def count(self):
        count = {"e": "agg", "name": "count", "args": [{"e": "lit", "value": 1, "type": "int"}],
                 "distinct": False}
        return self._aggregate([{"e": "alias", "child": count, "name": "count"}])

    def _numeric(self, name, cols):
        if not cols:
            cols = [f.name for f in self._df.schema.fields
                    if isinstance(f.dataType, NumericType)]
        else:
            schema = self._df.schema
            for c in cols:
                field = schema[c] if c in schema.names else None
                if field is not None and not isinstance(field.dataType, NumericType):
                    from pyspark.errors import AnalysisException
                    raise AnalysisException(
                        message="\"%s\" is not a numeric column. Aggregation function can only "
                                "be applied on a numeric column." % c)
        return self._aggregate([{"e": "agg", "name": name,
                                 "args": [quoted_name_expr(c)],
                                 "distinct": False} for c in cols])

    def sum(self, *cols):
        return self._numeric("sum", cols)

    def avg(self, *cols):
        return self._numeric("avg", cols)

    mean = avg

    def min(self, *cols):
        return self._numeric("min", cols)

    def max(self, *cols):
        return self._numeric("max", cols)


class PandasCogroupedOps:
    """Two grouped DataFrames whose groups of equal keys meet in applyInPandas."""

    def __init__(self, left, right):
        self._left = left
        self._right = right

    def applyInPandas(self, func, schema):
        """func(left frame, right frame) or func(key, left, right) -> frame of `schema`."""
        from pyspark.sql.pandas import group_ops
        group_ops.check_callable(func)
        return group_ops.cogroup_apply_in_pandas(self._left, self._right, func, schema)
