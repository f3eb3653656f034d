"""GroupedData: the result of DataFrame.groupBy, turned back into a DataFrame by an aggregation.
The plan is an `aggregate` node whose output is the grouping columns followed by the aggregates."""

from pyspark.errors import PySparkNotImplementedError, PySparkTypeError, PySparkValueError
from pyspark.sql.column import Column, col_expr, lit_expr, name_expr, quoted_name_expr
from pyspark.sql.types import NumericType

_DICT_AGGREGATES = {"avg": "avg", "mean": "avg", "sum": "sum", "min": "min", "max": "max",
                    "count": "count", "first": "first", "last": "last"}


def rollup_sets(n):
    """ROLLUP's grouping sets over n columns, as positions: all n, the first n-1, ..., none."""
    return [list(range(k)) for k in range(n, -1, -1)]


def cube_sets(n, first=0):
    """CUBE's grouping sets in Spark's order: each subset with column `first`, then without."""
    if first == n:
        return [[]]
    rest = cube_sets(n, first + 1)
    return [[first] + tail for tail in rest] + rest


class GroupedData:
    """Grouping expressions over a DataFrame, waiting for aggregates; `grouping_sets` (positions in
    the grouping expressions) for rollup and cube."""

    def __init__(self, df, groups, grouping_sets=None, pivot=None):
        self._df = df
        self._groups = groups
        self._grouping_sets = grouping_sets
        self._pivot = pivot  # (pivot column expression, value expressions)

    def _aggregate(self, aggs):
        from pyspark.sql._column_metadata import metadata_after
        from pyspark.sql.dataframe import DataFrame
        if self._pivot is not None:
            column, values = self._pivot
            plan = {"op": "pivot", "input": self._df._plan, "groups": self._groups, "pivot": column,
                    "values": values, "aggs": aggs}
        else:
            plan = {"op": "aggregate", "input": self._df._plan, "groups": self._groups, "aggs": aggs}
        if self._grouping_sets is not None:
            plan["grouping_sets"] = self._grouping_sets
        df = DataFrame(plan, self._df._session)
        df._column_metadata = metadata_after(self._df._column_metadata, plan)
        return df

    def pivot(self, pivot_col, values=None):
        """One output column per value of pivot_col (and per aggregate when there are several);
        without values, the column's distinct values, sorted, as Spark computes them first."""
        if self._grouping_sets is not None or self._pivot is not None:
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "pivot after rollup, cube or pivot"})
        column = col_expr(pivot_col)
        if values is None:
            from pyspark.sql.column import Column as _Column
            distinct = self._df.select(_Column(column)).distinct()
            values = [row[0] for row in distinct.orderBy(distinct[0]).collect()]
        if not isinstance(values, (list, tuple)):
            raise PySparkTypeError(errorClass="NOT_LIST",
                                   messageParameters={"arg_name": "values",
                                                      "arg_type": type(values).__name__})
        return GroupedData(self._df, self._groups, pivot=(column, [lit_expr(v) for v in values]))

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
        group_ops.check_pandas_aggregates(self, exprs)
        return self._aggregate([e._expr for e in exprs])

    def applyInPandas(self, func, schema):
        """func(pandas frame of a group) or func(key tuple, frame) -> frame of `schema`."""
        from pyspark.sql.pandas import group_ops
        group_ops.check_callable(func)
        return group_ops.apply_in_pandas(self, func, schema)

    def apply(self, udf):
        """A GROUPED_MAP pandas UDF over each group (the legacy form of applyInPandas)."""
        from pyspark.sql.pandas.functions import PandasUDFType
        if getattr(udf, "evalType", None) != PandasUDFType.GROUPED_MAP:
            raise PySparkTypeError(errorClass="INVALID_UDF_EVAL_TYPE",
                                   messageParameters={"eval_type": "SQL_GROUPED_MAP_PANDAS_UDF"})
        return self.applyInPandas(udf.func, udf.returnType)

    def applyInArrow(self, func, schema):
        from pyspark.sql._requirements import require
        require("PyArrow")
        raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                         messageParameters={"feature": "applyInArrow"})

    def applyInPandasWithState(self, func, outputStructType, stateStructType, outputMode,
                               timeoutConf):
        raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                         messageParameters={"feature": "applyInPandasWithState"})

    def transformWithStateInPandas(self, statefulProcessor, outputStructType, outputMode,
                                   timeMode, initialState=None, eventTimeColumnName=""):
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "transformWithStateInPandas"})

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
