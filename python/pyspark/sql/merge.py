"""df.mergeInto(table, condition): the MERGE INTO builder of PySpark 4.0. Ember's tables are file
tables, which, as Spark's file (V1) tables, support no row-level MERGE: merge() raises Spark's
error for them once the clauses are complete."""

from pyspark.errors import AnalysisException, PySparkTypeError
from pyspark.sql.column import Column

_TABLE_OPERATION = (
    "[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table %s does not "
    "support MERGE INTO TABLE. Please check the current catalog and namespace to make sure the "
    "qualified table name is expected, and also check the catalog implementation which is "
    "configured by \"spark.sql.catalog\". SQLSTATE: 0A000")


def _check_condition(condition, name):
    if condition is not None and not isinstance(condition, Column):
        raise PySparkTypeError(errorClass="NOT_COLUMN",
                               messageParameters={"arg_name": name,
                                                  "arg_type": type(condition).__name__})


class MergeIntoWriter:
    def __init__(self, df, table, condition):
        _check_condition(condition, "condition")
        self._df = df
        self._table = table
        self._condition = condition
        self._actions = []

    def whenMatched(self, condition=None):
        _check_condition(condition, "condition")
        return _Clause(self, "matched")

    def whenNotMatched(self, condition=None):
        _check_condition(condition, "condition")
        return _Clause(self, "not matched")

    def whenNotMatchedBySource(self, condition=None):
        _check_condition(condition, "condition")
        return _Clause(self, "not matched by source")

    def withSchemaEvolution(self):
        return self

    def merge(self):
        if not self._actions:
            raise AnalysisException(
                "[NO_MERGE_ACTION_SPECIFIED] df.mergeInto needs to be followed by at least one of "
                "whenMatched/whenNotMatched/whenNotMatchedBySource. SQLSTATE: 42K0E",
                errorClass="NO_MERGE_ACTION_SPECIFIED", messageParameters={}, sqlState="42K0E")
        table = self._df.sparkSession.catalog.getTable(self._table)
        parts = ["spark_catalog"] + list(table.namespace or []) + [table.name]
        if table.tableType == "TEMPORARY":
            parts = [table.name]
        name = ".".join("`%s`" % p.replace("`", "``") for p in parts)
        raise AnalysisException(_TABLE_OPERATION % name,
                                errorClass="UNSUPPORTED_FEATURE.TABLE_OPERATION",
                                messageParameters={"tableName": name,
                                                   "operation": "MERGE INTO TABLE"},
                                sqlState="0A000")


class _Clause:
    """whenMatched / whenNotMatched / whenNotMatchedBySource, waiting for its action."""

    def __init__(self, writer, kind):
        self._writer = writer
        self._kind = kind

    def _add(self, action):
        self._writer._actions.append((self._kind, action))
        return self._writer

    def update(self, assignments):
        return self._add("update")

    def updateAll(self):
        return self._add("update")

    def delete(self):
        return self._add("delete")

    def insert(self, assignments):
        return self._add("insert")

    def insertAll(self):
        return self._add("insert")
