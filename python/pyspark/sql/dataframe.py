"""DataFrame: an immutable unresolved logical plan plus the session that runs it. Each
transformation builds one node in Ember's JSON plan format and the engine session holds the plan
under a handle (only the new node crosses, its inputs are handles); actions (collect, count,
show, write...) send just the handle. Schemas come from the engine's analyzer, once per DataFrame."""

import itertools
import json

from pyspark.errors import (
    IllegalArgumentException, PySparkAttributeError, PySparkIndexError,
    PySparkNotImplementedError, PySparkTypeError, PySparkValueError,
)
from pyspark.sql import _na, _stat
from pyspark.storagelevel import StorageLevel
from pyspark.sql._column_metadata import metadata_after
from pyspark.sql.column import Column, col_expr, name_expr, quoted_name_expr


# A DataFrame's plan gets an id when a column is taken from it (`df.col`), so that the reference
# names the column of that DataFrame even where another input of a join has one of the same name.
_plan_ids = itertools.count(1)

# Batches toLocalIterator lets the engine compute ahead of the rows read.
_STREAM_BATCHES = 4


def _of_plan(expr, plan_id):
    if expr.get("e") == "col":
        return dict(expr, plan_id=plan_id)
    return expr


class _PlanHandle:
    """A plan the engine session holds for a DataFrame; released when the last plan dict that
    refers to it is garbage-collected."""

    __slots__ = ("_core", "id")

    def __init__(self, core, handle):
        self._core = core
        self.id = handle

    def __del__(self):
        try:
            self._core.release_plan(self.id)
        except Exception:
            pass


def _engine_node(value):
    """A plan node as sent to the engine: nested plans the engine holds become handle nodes."""
    if isinstance(value, dict):
        handle = value.get("_handle")
        if handle is not None:
            return {"op": "handle", "id": handle.id}
        return {k: _engine_node(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_engine_node(v) for v in value]
    return value


def _flatten(cols):
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


def _sort_expr(c, ascending=True):
    expr = col_expr(c)
    if expr.get("e") == "sort":
        return expr
    return {"e": "sort", "child": expr, "asc": ascending, "nulls_first": ascending}


def _sort_orders(cols, ascending):
    """The sort expressions of orderBy/sortWithinPartitions arguments."""
    cols = _flatten(cols)
    if not cols:
        raise PySparkValueError(errorClass="CANNOT_BE_EMPTY",
                                messageParameters={"item": "column"})
    if ascending is None:
        orders = [_sort_expr(c) for c in cols]
    elif isinstance(ascending, (bool, int)):
        orders = [_sort_expr(c) if ascending else _sort_expr(Column(col_expr(c)).desc())
                  for c in cols]
    elif isinstance(ascending, list):
        if len(ascending) != len(cols):
            raise PySparkValueError(
                errorClass="LENGTH_SHOULD_BE_THE_SAME",
                messageParameters={"arg1": "ascending", "arg2": "cols",
                                   "arg1_length": str(len(ascending)),
                                   "arg2_length": str(len(cols))})
        orders = [_sort_expr(c) if asc else _sort_expr(Column(col_expr(c)).desc())
                  for c, asc in zip(cols, ascending)]
    else:
        raise PySparkTypeError(errorClass="NOT_BOOL_OR_LIST",
                               messageParameters={"arg_name": "ascending",
                                                  "arg_type": type(ascending).__name__})
    return orders


def _partition_arguments(numPartitions, cols, error_class):
    """(number or None, columns) of repartition-like arguments: the number may be left out."""
    if isinstance(numPartitions, (str, Column)):
        return None, (numPartitions,) + tuple(cols)
    if not isinstance(numPartitions, int):
        raise PySparkTypeError(errorClass=error_class,
                               messageParameters={"arg_name": "numPartitions",
                                                  "arg_type": type(numPartitions).__name__})
    return numPartitions, cols


class DataFrame:
    """A distributed collection of rows with named columns."""

    def __init__(self, plan, session):
        self._plan = plan
        self._session = session
        self._schema_cache = None
        self._observations = []
        # Column metadata by column name (withMetadata, alias(metadata=...)), which the engine's
        # schema lacks (pyspark/sql/_column_metadata.py).
        self._column_metadata = {}
        if session is not None and "_handle" not in plan:
            handle = session._hold(json.dumps(_engine_node(plan), separators=(",", ":")))
            plan["_handle"] = _PlanHandle(session._core, handle)

    @property
    def sparkSession(self):
        return self._session

    def _json(self):
        """The plan as the engine reads it: the handle of the plan it holds (the whole tree for
        a DataFrame without a session)."""
        if "_handle" in self._plan:
            return '{"op":"handle","id":%d}' % self._plan["_handle"].id
        return json.dumps(self._plan, separators=(",", ":"))

    def _plan_id(self):
        # The engine gives every held plan its handle as plan id; without a session, an id is set
        # on the plan node itself, which the plans of derived DataFrames share.
        if "_handle" in self._plan:
            return self._plan["_handle"].id
        if "plan_id" not in self._plan:
            self._plan["plan_id"] = next(_plan_ids)
        return self._plan["plan_id"]

    def _with(self, plan, other=None):
        df = DataFrame(plan, self._session)
        df._observations = self._observations
        df._column_metadata = metadata_after(self._column_metadata, plan,
                                             other._column_metadata if other is not None else None)
        return df

    def _ran(self):
        """After an action: the observations of this DataFrame's lineage get their metrics."""
        for observation in self._observations:
            observation._compute()

    # ---- schema ----------------------------------------------------------------------------

    @property
    def schema(self):
        if self._schema_cache is None:
            schema = self._session._analyze_schema(self._json())
            for field in schema.fields:
                if field.name in self._column_metadata:
                    field.metadata = dict(self._column_metadata[field.name])
            self._schema_cache = schema
        return self._schema_cache

    def withMetadata(self, columnName, metadata):
        """The same rows, column `columnName` carrying `metadata` in the schema."""
        if not isinstance(metadata, dict):
            raise PySparkTypeError(errorClass="NOT_DICT",
                                   messageParameters={"arg_name": "metadata",
                                                      "arg_type": type(metadata).__name__})
        df = self.withColumn(columnName, self[columnName])
        df._column_metadata = dict(df._column_metadata, **{columnName: metadata})
        return df

    @property
    def columns(self):
        return [f.name for f in self.schema.fields]

    @property
    def dtypes(self):
        return [(f.name, f.dataType.simpleString()) for f in self.schema.fields]

    def printSchema(self, level=None):
        print(self.schema.treeString(level))

    def explain(self, extended=None, mode=None):
        if extended is not None and mode is not None:
            raise PySparkValueError(errorClass="CANNOT_SET_TOGETHER",
                                    messageParameters={"arg_list": "extended and mode"})
        if isinstance(extended, str):
            mode, extended = extended, None
        if mode is None:
            mode = "extended" if extended else "simple"
        if mode not in ("simple", "extended", "codegen", "cost", "formatted"):
            raise PySparkValueError(
                errorClass="UNKNOWN_EXPLAIN_MODE", messageParameters={"explain_mode": mode})
        print(self._session._call("explain", self._json(), mode))

    # ---- transformations -------------------------------------------------------------------

    def select(self, *cols):
        exprs = []
        for c in _flatten(cols):
            expr = col_expr(c)
            if expr.get("e") == "columns":  # colRegex
                exprs.extend(_of_plan(quoted_name_expr(n), expr["plan_id"]) for n in expr["names"])
            else:
                exprs.append(expr)
        return self._with({"op": "project", "input": self._plan, "exprs": exprs})

    def selectExpr(self, *expr):
        return self._with({"op": "project", "input": self._plan,
                           "exprs": [{"e": "sql", "text": str(e)} for e in _flatten(expr)]})

    def withColumn(self, colName, col):
        if not isinstance(col, Column):
            raise PySparkTypeError(errorClass="NOT_COLUMN",
                                   messageParameters={"arg_name": "col",
                                                      "arg_type": type(col).__name__})
        return self.withColumns({colName: col})

    def withColumns(self, *colsMap):
        if len(colsMap) != 1 or not isinstance(colsMap[0], dict):
            raise PySparkTypeError(errorClass="NOT_DICT",
                                   messageParameters={"arg_name": "colsMap",
                                                      "arg_type": type(colsMap).__name__})
        names = list(colsMap[0].keys())
        exprs = [col_expr(c) for c in colsMap[0].values()]
        return self._with({"op": "with_columns", "input": self._plan, "names": names,
                           "exprs": exprs})

    def withColumnRenamed(self, existing, new):
        return self.withColumnsRenamed({existing: new})

    def withColumnsRenamed(self, colsMap):
        if not isinstance(colsMap, dict):
            raise PySparkTypeError(errorClass="NOT_DICT",
                                   messageParameters={"arg_name": "colsMap",
                                                      "arg_type": type(colsMap).__name__})
        names = []
        for old, new in colsMap.items():
            names.extend([old, new])
        return self._with({"op": "rename", "input": self._plan, "names": names})

    def drop(self, *cols):
        names = []
        for c in cols:
            if isinstance(c, str):
                names.append(c)
            elif isinstance(c, Column) and c._expr.get("e") == "col":
                names.append(c._expr["name"])
            else:
                raise PySparkTypeError(errorClass="NOT_COLUMN_OR_STR",
                                       messageParameters={"arg_name": "col",
                                                          "arg_type": type(c).__name__})
        return self._with({"op": "drop", "input": self._plan, "names": names})

    def filter(self, condition):
        if isinstance(condition, str):
            return self._with({"op": "filter", "input": self._plan,
                               "condition": {"e": "sql", "text": condition}})
        if not isinstance(condition, Column):
            raise PySparkTypeError(errorClass="NOT_COLUMN_OR_STR",
                                   messageParameters={"arg_name": "condition",
                                                      "arg_type": type(condition).__name__})
        return self._with({"op": "filter", "input": self._plan, "condition": condition._expr})

    where = filter

    def groupBy(self, *cols):
        from pyspark.sql.group import GroupedData
        return GroupedData(self, [col_expr(c) for c in _flatten(cols)])

    groupby = groupBy

    def rollup(self, *cols):
        from pyspark.sql.group import GroupedData, rollup_sets
        groups = [col_expr(c) for c in _flatten(cols)]
        return GroupedData(self, groups, rollup_sets(len(groups)))

    def cube(self, *cols):
        from pyspark.sql.group import GroupedData, cube_sets
        groups = [col_expr(c) for c in _flatten(cols)]
        return GroupedData(self, groups, cube_sets(len(groups)))

    def groupingSets(self, groupingSets, *cols):
        """Aggregates over each of `groupingSets` (sequences of columns or expressions); `cols`
        are the grouping columns, to which a set's expressions are added when missing."""
        from pyspark.sql.group import GroupedData
        groups = [col_expr(c) for c in _flatten(cols)]
        keys = [json.dumps(g, sort_keys=True) for g in groups]
        sets = []
        for grouping_set in groupingSets:
            positions = []
            for c in grouping_set:
                expr = col_expr(c)
                key = json.dumps(expr, sort_keys=True)
                if key not in keys:
                    groups.append(expr)
                    keys.append(key)
                positions.append(keys.index(key))
            sets.append(positions)
        return GroupedData(self, groups, sets)

    def agg(self, *exprs):
        return self.groupBy().agg(*exprs)

    def unpivot(self, ids, values, variableColumnName, valueColumnName):
        """One row per input row and value column: the ids, the value column's name in
        variableColumnName and its value in valueColumnName (values None: every non-id column)."""
        def exprs(cols):
            if isinstance(cols, (str, Column)):
                cols = [cols]
            return [col_expr(c) for c in cols]
        plan = {"op": "unpivot", "input": self._plan, "ids": exprs(ids),
                "values": None if values is None else exprs(values),
                "variable": variableColumnName, "value": valueColumnName}
        return self._with(plan)

    melt = unpivot

    def orderBy(self, *cols, ascending=None, **kwargs):
        return self._with({"op": "sort", "input": self._plan,
                           "orders": _sort_orders(cols, ascending)})

    sort = orderBy

    def sortWithinPartitions(self, *cols, ascending=None, **kwargs):
        """Sorts each partition on its own: no exchange, no global order."""
        return self._with({"op": "sort", "input": self._plan, "global": False,
                           "orders": _sort_orders(cols, ascending)})

    def limit(self, num):
        return self._with({"op": "limit", "input": self._plan, "n": int(num)})

    def offset(self, num):
        return self._with({"op": "offset", "input": self._plan, "n": int(num)})

    def distinct(self):
        return self._with({"op": "distinct", "input": self._plan})

    def dropDuplicates(self, subset=None):
        """One row per distinct value of `subset` (all columns when None): an aggregate grouped
        by those columns taking first() of the others, which all come from one row."""
        if subset is None:
            return self.distinct()
        if isinstance(subset, str) or not hasattr(subset, "__iter__"):
            raise PySparkTypeError(errorClass="NOT_LIST_OR_TUPLE",
                                   messageParameters={"arg_name": "subset",
                                                      "arg_type": type(subset).__name__})
        subset = list(subset)
        for c in subset:
            if not isinstance(c, str):
                raise PySparkTypeError(errorClass="NOT_STR",
                                       messageParameters={"arg_name": "subset",
                                                          "arg_type": type(c).__name__})
        if not subset:
            return self.limit(1)
        keys = {f.name for f in _na.find_fields(self, subset)}
        names = self.columns
        aggs = [{"e": "alias", "name": n,
                 "child": {"e": "agg", "name": "first", "args": [quoted_name_expr(n)],
                           "distinct": False}}
                for n in names if n not in keys]
        grouped = self._with({"op": "aggregate", "input": self._plan,
                              "groups": [quoted_name_expr(n) for n in names if n in keys],
                              "aggs": aggs})
        return grouped.select(*[Column(quoted_name_expr(n)) for n in names])

    drop_duplicates = dropDuplicates

    def dropDuplicatesWithinWatermark(self, subset=None):
        """Without a stream there is no watermark: the rows are deduplicated as by
        dropDuplicates, which Spark's batch queries do too."""
        return self.dropDuplicates(subset)

    def withWatermark(self, eventTime, delayThreshold):
        for name, value in (("eventTime", eventTime), ("delayThreshold", delayThreshold)):
            if not value or not isinstance(value, str):
                raise PySparkTypeError(errorClass="NOT_STR",
                                       messageParameters={"arg_name": name,
                                                          "arg_type": type(value).__name__})
        # A watermark only bounds the state of streaming queries; a batch query is unchanged.
        return self

    def to(self, schema):
        """The columns of `schema`, by name, cast to its types."""
        from pyspark.sql.types import StructType
        if not isinstance(schema, StructType):
            raise PySparkTypeError(errorClass="NOT_STRUCT",
                                   messageParameters={"arg_name": "schema",
                                                      "arg_type": type(schema).__name__})
        fields = _na.find_fields(self, [f.name for f in schema.fields], True)
        exprs = [{"e": "alias", "name": target.name,
                  "child": {"e": "cast", "child": quoted_name_expr(source.name),
                            "type": target.dataType.simpleString()}}
                 for source, target in zip(fields, schema.fields)]
        return self._with({"op": "project", "input": self._plan, "exprs": exprs})

    @staticmethod
    def _require_dataframe(other):
        if not isinstance(other, DataFrame):
            raise PySparkTypeError(errorClass="NOT_DATAFRAME",
                                   messageParameters={"arg_name": "other",
                                                      "arg_type": type(other).__name__})

    def _union(self, other, by_name, allow_missing):
        self._require_dataframe(other)
        return self._with({"op": "union", "inputs": [self._plan, other._plan],
                           "by_name": by_name, "allow_missing": allow_missing})

    def _set_op(self, other, kind, keep_all):
        self._require_dataframe(other)
        return self._with({"op": "set_op", "kind": kind, "all": keep_all,
                           "left": self._plan, "right": other._plan})

    def intersect(self, other):
        return self._set_op(other, "intersect", False)

    def intersectAll(self, other):
        return self._set_op(other, "intersect", True)

    def subtract(self, other):
        return self._set_op(other, "except", False)

    def exceptAll(self, other):
        return self._set_op(other, "except", True)

    def union(self, other):
        return self._union(other, False, False)

    unionAll = union

    def unionByName(self, other, allowMissingColumns=False):
        return self._union(other, True, bool(allowMissingColumns))

    def join(self, other, on=None, how=None):
        if not isinstance(other, DataFrame):
            raise PySparkTypeError(errorClass="NOT_DATAFRAME",
                                   messageParameters={"arg_name": "other",
                                                      "arg_type": type(other).__name__})
        if how is None:
            how = "inner"
        if not isinstance(how, str):
            raise PySparkTypeError(errorClass="NOT_STR",
                                   messageParameters={"arg_name": "how",
                                                      "arg_type": type(how).__name__})
        if isinstance(on, (str, Column)):
            on = [on]
        condition, using = None, []
        if on:
            if all(isinstance(c, str) for c in on):
                using = list(on)
            elif all(isinstance(c, Column) for c in on):
                condition = on[0]
                for c in on[1:]:
                    condition = condition & c
                condition = condition._expr
            else:
                raise PySparkTypeError(errorClass="NOT_COLUMN_OR_STR",
                                       messageParameters={"arg_name": "on",
                                                          "arg_type": type(on).__name__})
        return self._with({"op": "join", "left": self._plan, "right": other._plan, "how": how,
                           "on": condition, "using": using}, other)

    def lateralJoin(self, other, on=None, how=None):
        """Joins each row with the rows `other` gives for it: `other` may read this DataFrame's
        columns through Column.outer()."""
        if not isinstance(other, DataFrame):
            raise PySparkTypeError(errorClass="NOT_DATAFRAME",
                                   messageParameters={"arg_name": "other",
                                                      "arg_type": type(other).__name__})
        if on is not None and not isinstance(on, Column):
            raise PySparkTypeError(errorClass="NOT_COLUMN",
                                   messageParameters={"arg_name": "on",
                                                      "arg_type": type(on).__name__})
        if how is not None and not isinstance(how, str):
            raise PySparkTypeError(errorClass="NOT_STR",
                                   messageParameters={"arg_name": "how",
                                                      "arg_type": type(how).__name__})
        return self._with({"op": "join", "left": self._plan, "right": other._plan,
                           "how": how or "inner", "on": None if on is None else on._expr,
                           "using": [], "lateral": True}, other)

    # ---- members a classic batch session offers only as PySpark's errors -------------------

    @property
    def writeStream(self):
        from pyspark.sql._requirements import write_stream_not_allowed
        raise write_stream_not_allowed()

    @property
    def executionInfo(self):
        from pyspark.sql._requirements import classic_unsupported
        raise classic_unsupported("queryExecution")

    @property
    def plot(self):
        from pyspark.sql._plot import PySparkPlotAccessor
        return PySparkPlotAccessor(self)

    def mergeInto(self, table, condition):
        """MERGE INTO `table` on `condition` (a builder; file tables support no MERGE)."""
        from pyspark.sql.merge import MergeIntoWriter
        return MergeIntoWriter(self, table, condition)

    def toArrow(self):
        """The rows as a pyarrow.Table (PyArrow must be installed)."""
        from pyspark.sql._requirements import require
        pa = require("PyArrow")
        return pa.Table.from_pandas(self.toPandas(), preserve_index=False)

    def mapInArrow(self, func, schema, barrier=False, profile=None):
        """func(iterator of pyarrow RecordBatches) -> iterator of batches of `schema` (PyArrow
        must be installed)."""
        from pyspark.sql._requirements import require
        from pyspark.sql.pandas import group_ops
        pa = require("PyArrow")
        group_ops.check_callable(func)
        return group_ops.map_in_arrow(self, func, schema, pa)

    def pandas_api(self, index_col=None):
        from pyspark.sql._requirements import require
        require("PyArrow")
        raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                         messageParameters={"feature": "pandas_api"})

    def asTable(self):
        """This DataFrame as a table argument of a table function (pyspark.sql.table_arg)."""
        from pyspark.sql.table_arg import TableArg
        return TableArg(self)

    def scalar(self):
        """A scalar subquery of this DataFrame (one column, at most one row) as a Column."""
        return Column({"e": "subquery", "type": "scalar", "plan": self._plan})

    def exists(self):
        """An EXISTS subquery of this DataFrame as a boolean Column."""
        return Column({"e": "subquery", "type": "exists", "plan": self._plan})

    # ---- missing values and statistics -----------------------------------------------------

    @property
    def na(self):
        return _na.DataFrameNaFunctions(self)

    def fillna(self, value, subset=None):
        return _na.fill(self, value, subset)

    def dropna(self, how="any", thresh=None, subset=None):
        return _na.drop(self, how, thresh, subset)

    def replace(self, to_replace, value=_na.NO_VALUE, subset=None):
        return _na.replace(self, to_replace, value, subset)

    @property
    def stat(self):
        return _stat.DataFrameStatFunctions(self)

    def corr(self, col1, col2, method=None):
        return _stat.corr(self, col1, col2, method)

    def cov(self, col1, col2):
        return _stat.cov(self, col1, col2)

    def crosstab(self, col1, col2):
        return _stat.crosstab(self, col1, col2)

    def freqItems(self, cols, support=None):
        return _stat.freq_items(self, cols, support)

    def approxQuantile(self, col, probabilities, relativeError):
        return _stat.approx_quantile(self, col, probabilities, relativeError)

    def sampleBy(self, col, fractions, seed=None):
        return _stat.sample_by(self, col, fractions, seed)

    def sample(self, withReplacement=None, fraction=None, seed=None):
        return _stat.sample(self, withReplacement, fraction, seed)

    def randomSplit(self, weights, seed=None):
        return _stat.random_split(self, weights, seed)

    def transpose(self, indexColumn=None):
        from pyspark.sql._transpose import transpose
        return transpose(self, indexColumn)

    def describe(self, *cols):
        from pyspark.sql._summary import describe
        return describe(self, cols)

    def summary(self, *statistics):
        from pyspark.sql._summary import summary
        return summary(self, statistics)

    def crossJoin(self, other):
        return self.join(other, how="cross")

    def alias(self, alias):
        return self._with({"op": "alias", "input": self._plan, "name": str(alias)})

    def hint(self, name, *parameters):
        """A hint for the planner: a join strategy (broadcast, merge, shuffle_hash,
        shuffle_replicate_nl) for joins this DataFrame takes part in, or a partitioning hint
        (repartition, coalesce, rebalance); other names are ignored, as in Spark."""
        from pyspark.sql.functions import lit
        if len(parameters) == 1 and isinstance(parameters[0], list):
            parameters = parameters[0]
        if not isinstance(name, str):
            raise PySparkTypeError(errorClass="NOT_STR",
                                   messageParameters={"arg_name": "name",
                                                      "arg_type": type(name).__name__})
        params = []
        for p in parameters:
            if not isinstance(p, (str, float, int, Column)):
                raise PySparkTypeError(
                    errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                    messageParameters={"arg_name": "parameters",
                                       "arg_type": type(parameters).__name__,
                                       "allowed_types": "str, float, int, Column, list",
                                       "item_type": type(p).__name__})
            params.append(lit(p)._expr)
        return self._with({"op": "hint", "input": self._plan, "name": name, "params": params})

    def createTempView(self, name):
        self._session._call("create_temp_view", name, self._json(), False)

    def createOrReplaceTempView(self, name):
        self._session._call("create_temp_view", name, self._json(), True)

    def createGlobalTempView(self, name):
        self._session._call("create_global_temp_view", name, self._json(), False)

    def createOrReplaceGlobalTempView(self, name):
        self._session._call("create_global_temp_view", name, self._json(), True)

    def registerTempTable(self, name):
        import warnings
        warnings.warn("Deprecated in 2.0, use createOrReplaceTempView instead.", FutureWarning)
        self.createOrReplaceTempView(name)

    def transform(self, func, *args, **kwargs):
        result = func(self, *args, **kwargs)
        if not isinstance(result, DataFrame):
            raise PySparkTypeError(errorClass="NOT_DATAFRAME",
                                   messageParameters={"arg_name": "func result",
                                                      "arg_type": type(result).__name__})
        return result

    def toDF(self, *cols):
        current = self.columns
        if len(cols) != len(current):
            raise PySparkValueError(
                errorClass="AXIS_LENGTH_MISMATCH",
                messageParameters={"expected_length": str(len(current)),
                                   "actual_length": str(len(cols))})
        exprs = [{"e": "alias", "child": quoted_name_expr(c), "name": n}
                 for c, n in zip(current, cols)]
        return self._with({"op": "project", "input": self._plan, "exprs": exprs})

    # ---- column access ---------------------------------------------------------------------

    def __getitem__(self, item):
        if isinstance(item, str):
            return Column(_of_plan(name_expr(item), self._plan_id()))
        if isinstance(item, Column):
            return self.filter(item)
        if isinstance(item, (list, tuple)):
            return self.select(*item)
        if isinstance(item, int):
            names = self.columns
            if not 0 <= item < len(names):
                raise PySparkIndexError(errorClass="INDEX_OUT_OF_RANGE",
                                        messageParameters={"arg_name": "top-level column",
                                                           "index": str(item)})
            return Column(quoted_name_expr(names[item]))
        raise PySparkTypeError(errorClass="NOT_COLUMN_OR_INT_OR_STR",
                               messageParameters={"arg_name": "item",
                                                  "arg_type": type(item).__name__})

    def metadataColumn(self, colName):
        """The hidden metadata column `colName` of this DataFrame's source (`_metadata` of file
        reads), which `*` and `columns` leave out."""
        if not isinstance(colName, str):
            raise PySparkTypeError(errorClass="NOT_STR",
                                   messageParameters={"arg_name": "colName",
                                                      "arg_type": type(colName).__name__})
        column = Column(_of_plan(quoted_name_expr(colName), self._plan_id()))
        self.select(column).schema  # a name the source does not have fails here, as in PySpark
        return column

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self.columns:
            raise PySparkAttributeError(errorClass="ATTRIBUTE_NOT_SUPPORTED",
                                        messageParameters={"attr_name": name})
        return Column(_of_plan(quoted_name_expr(name), self._plan_id()))

    def __dir__(self):
        return sorted(set(super().__dir__()) | {c for c in self.columns if c.isidentifier()})

    def __repr__(self):
        try:
            fields = ", ".join("%s: %s" % (n, t) for n, t in self.dtypes)
        except Exception:
            return "DataFrame[...]"
        return "DataFrame[%s]" % fields

    # ---- actions ---------------------------------------------------------------------------

    def collect(self):
        rows = self._session._collect(self._json())
        self._ran()
        return rows

    @property
    def rdd(self):
        """The rows as an RDD of Row, in this DataFrame's partitions (docs/rdd.md)."""
        from pyspark import _rdd_engine
        from pyspark.rdd import RDD
        n = self._session._call("num_partitions", self._json())
        return RDD(self._session.sparkContext, _rdd_engine.rows_frame(self, n), n)

    def foreachPartition(self, f):
        """Calls f(iterator of rows) once per partition; Ember hands all rows over as one."""
        f(self.toLocalIterator())

    def mapInPandas(self, func, schema, barrier=False, profile=None):
        """func(iterator of pandas frames) -> iterator of frames of `schema`."""
        from pyspark.sql.pandas import group_ops
        group_ops.check_callable(func)
        return group_ops.map_in_pandas(self, func, schema)

    def toLocalIterator(self, prefetchPartitions=False):
        """The rows in order, converted a batch at a time while the engine computes the rest
        (a few batches wait at most)."""
        session = self._session
        stream = session._call("stream", self._json(), _STREAM_BATCHES)

        # The generator holds the plan: what it refers to (an RDD's Python functions) stays alive
        # while the rows stream.
        def rows(_plan=self._plan):
            while True:
                batch = session._call("next_rows", stream)
                if batch is None:
                    return
                yield from batch
        return rows()

    def foreach(self, f):
        """Calls f on every row (here, in this process)."""
        for row in self.toLocalIterator():
            f(row)

    def count(self):
        n = self._session._call("count", self._json())
        self._ran()
        return n

    def take(self, num):
        return self.limit(num).collect()

    def head(self, n=None):
        if n is None:
            rows = self.take(1)
            return rows[0] if rows else None
        return self.take(n)

    def first(self):
        return self.head()

    def tail(self, num):
        rows = self.collect()
        return rows[-num:] if num > 0 else []

    def isEmpty(self):
        return len(self.take(1)) == 0

    def show(self, n=20, truncate=True, vertical=False):
        print(self._show_string(n, truncate, vertical))
        self._ran()

    def _show_string(self, n=20, truncate=True, vertical=False):
        if not isinstance(n, int) or isinstance(n, bool):
            raise PySparkTypeError(errorClass="NOT_INT",
                                   messageParameters={"arg_name": "n", "arg_type": type(n).__name__})
        if not isinstance(vertical, bool):
            raise PySparkTypeError(errorClass="NOT_BOOL",
                                   messageParameters={"arg_name": "vertical",
                                                      "arg_type": type(vertical).__name__})
        if isinstance(truncate, bool):
            width = 20 if truncate else 0
        else:
            try:
                width = int(truncate)
            except ValueError:
                raise PySparkTypeError(errorClass="NOT_BOOL",
                                       messageParameters={"arg_name": "truncate",
                                                          "arg_type": type(truncate).__name__})
        return self._session._call("show_string", self._json(), n, width, vertical)

    def toPandas(self):
        """A pandas frame built from the engine's columns: integers with nulls as float64,
        timestamps as naive datetime64[ns] in the session time zone, dates, decimals and strings
        as objects."""
        import pandas as pd
        names = self.columns
        columns = self._session._call("to_numpy", self._json())
        arrays = {}
        for i, (values, view) in enumerate(columns):
            arrays[i] = values.view(view) if view is not None else values
        frame = pd.DataFrame(arrays, copy=False)
        frame.columns = names
        self._ran()
        return frame

    @property
    def write(self):
        from pyspark.sql.readwriter import DataFrameWriter
        return DataFrameWriter(self)

    def writeTo(self, table):
        from pyspark.sql.readwriter import DataFrameWriterV2
        return DataFrameWriterV2(self, table)

    # ---- lineage, plans and files ------------------------------------------------------------

    def localCheckpoint(self, eager=True, storageLevel=None):
        """The rows computed now and kept by the session: the new DataFrame does not recompute
        this one's plan."""
        handle = self._session._call("checkpoint", self._json())
        return self._session._local_handle(handle)

    def checkpoint(self, eager=True):
        return self.localCheckpoint(eager)

    def toJSON(self, use_unicode=True):
        """A DataFrame with one string column `value`: each row as the JSON document Spark's JSON
        writer makes of it (null fields left out), as PySpark returns in Connect mode. The rows
        are computed now."""
        import os
        import shutil
        import tempfile
        folder = tempfile.mkdtemp(prefix="ember-tojson-")
        try:
            path = os.path.join(folder, "rows")
            self.write.json(path)
            return self._session.read.text(path).localCheckpoint()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def isLocal(self):
        """Whether collect() runs without the engine's tasks: data held in the session."""
        return self._plan.get("op") == "local"

    @property
    def isStreaming(self):
        return False

    def inputFiles(self):
        # Spark gives each file as the string of its Hadoop path URI.
        return ["file:" + f if f.startswith("/") else f
                for f in self._session._call("input_files", self._json())]

    def sameSemantics(self, other):
        if not isinstance(other, DataFrame):
            raise PySparkTypeError(errorClass="NOT_DATAFRAME",
                                   messageParameters={"arg_name": "other",
                                                      "arg_type": type(other).__name__})
        return self._semantic_text() == other._semantic_text()

    def semanticHash(self):
        import zlib
        value = zlib.crc32(self._semantic_text().encode("utf-8"))
        return value - (1 << 32) if value >= (1 << 31) else value

    def _semantic_text(self):
        return self._session._call("semantic_text", self._json())

    def colRegex(self, colName):
        """The columns whose names match the regex in backquotes (a plain name otherwise); it
        expands where select() lists it."""
        if not isinstance(colName, str):
            raise PySparkTypeError(errorClass="NOT_STR",
                                   messageParameters={"arg_name": "colName",
                                                      "arg_type": type(colName).__name__})
        if len(colName) > 1 and colName.startswith("`") and colName.endswith("`"):
            import re
            pattern = re.compile(colName[1:-1], re.IGNORECASE)
            matches = [n for n in self.columns if pattern.fullmatch(n)]
            return Column({"e": "columns", "names": matches, "plan_id": self._plan_id()})
        return self[colName]

    def observe(self, observation, *exprs):
        from pyspark.sql.observation import Observation
        if not isinstance(observation, (Observation, str)):
            raise PySparkTypeError(errorClass="NOT_LIST_OF_COLUMN",
                                   messageParameters={"arg_name": "observation",
                                                      "arg_type": type(observation).__name__})
        if not exprs:
            raise PySparkValueError(errorClass="CANNOT_BE_EMPTY",
                                    messageParameters={"item": "exprs"})
        if not all(isinstance(c, Column) for c in exprs):
            raise PySparkTypeError(errorClass="NOT_LIST_OF_COLUMN",
                                   messageParameters={"arg_name": "exprs"})
        if isinstance(observation, str):
            return self
        return observation._on(self, exprs)

    # ---- caching ---------------------------------------------------------------------------

    def cache(self):
        return self.persist(StorageLevel.MEMORY_AND_DISK_DESER)

    def persist(self, storageLevel=StorageLevel.MEMORY_AND_DISK_DESER):
        """Keeps the result, computed by the first action that needs it, for every later query
        over this DataFrame or one derived from it: in memory (storage memory of the session's
        budget), or on local disk for the disk levels when memory is short or not used."""
        if not isinstance(storageLevel, StorageLevel):
            raise PySparkTypeError(errorClass="NOT_STORAGELEVEL",
                                   messageParameters={"arg_name": "storageLevel",
                                                      "arg_type": type(storageLevel).__name__})
        handle = self._plan["_handle"].id
        levels = self._session._storage_levels
        if handle not in levels:
            self._session._call("persist", handle, storageLevel.useDisk, storageLevel.useMemory)
            levels[handle] = storageLevel
        return self

    def unpersist(self, blocking=False):
        handle = self._plan["_handle"].id
        if self._session._storage_levels.pop(handle, None) is not None:
            self._session._call("unpersist", handle)
        return self

    @property
    def is_cached(self):
        return self._plan["_handle"].id in self._session._storage_levels

    @property
    def storageLevel(self):
        return self._session._storage_levels.get(self._plan["_handle"].id,
                                                 StorageLevel(False, False, False, False, 1))

    # ---- partitioning ----------------------------------------------------------------------

    def _repartition(self, num, keys, **flags):
        if num is not None and (not isinstance(num, int) or isinstance(num, bool) or num <= 0):
            raise IllegalArgumentException(
                message="requirement failed: Number of partitions (%s) must be positive." % num)
        return self._with(dict({"op": "repartition", "input": self._plan, "n": num,
                                "keys": keys}, **flags))

    def repartition(self, numPartitions, *cols):
        """Rows dealt into numPartitions partitions (spark.sql.shuffle.partitions when only
        columns are given): by a hash of the columns, or in turn without columns."""
        numPartitions, cols = _partition_arguments(numPartitions, cols, "NOT_COLUMN_OR_STR")
        return self._repartition(numPartitions, [col_expr(c) for c in _flatten(cols)])

    def coalesce(self, numPartitions):
        """At most numPartitions partitions, merging partitions (never more than there are)."""
        return self._repartition(numPartitions, [], coalesce=True)

    def repartitionByRange(self, numPartitions, *cols):
        """Partitions holding consecutive ranges of the first sort column (numPartitions - 1
        bounds at its quantiles, as Spark samples them), nulls where the order puts them."""
        numPartitions, cols = _partition_arguments(numPartitions, cols, "NOT_COLUMN_OR_INT_OR_STR")
        if not cols:
            raise PySparkValueError(errorClass="CANNOT_BE_EMPTY",
                                    messageParameters={"item": "partition-by expression"})
        num = numPartitions or int(self._session.conf.get("spark.sql.shuffle.partitions"))
        return self._repartition(num, [_stat.range_partition_id(self, _sort_expr(cols[0]), num)],
                                 by_partition_id=True)

