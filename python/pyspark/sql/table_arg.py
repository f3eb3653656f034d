"""TableArg: a DataFrame passed whole to a table function (DataFrame.asTable()), optionally
partitioned (partitionBy or withSinglePartition) and ordered within partitions (orderBy), as a
`TABLE(t) PARTITION BY ... ORDER BY ...` argument is in SQL."""

from pyspark.errors import PySparkValueError


class TableArg:
    def __init__(self, df, partition_by=(), order_by=(), single=False):
        self._df = df
        self._partition_by = tuple(partition_by)
        self._order_by = tuple(order_by)
        self._single = single

    def partitionBy(self, *cols):
        if self._single:
            raise PySparkValueError("Cannot call partitionBy() after withSinglePartition().")
        return TableArg(self._df, self._partition_by + _flat(cols), self._order_by, False)

    def orderBy(self, *cols):
        return TableArg(self._df, self._partition_by, self._order_by + _flat(cols), self._single)

    def withSinglePartition(self):
        if self._partition_by:
            raise PySparkValueError("Cannot call withSinglePartition() after partitionBy().")
        return TableArg(self._df, (), self._order_by, True)


def _flat(cols):
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return tuple(cols[0])
    return tuple(cols)
