"""pyspark.sql.window: Window and WindowSpec, the partitioning, ordering and frame of window
functions (`F.row_number().over(Window.partitionBy("k").orderBy("t"))`). A spec becomes the
"window" expression of Ember's plan format when a function is applied over it."""

import sys

from pyspark.errors import PySparkTypeError
from pyspark.sql.column import Column, col_expr

_UNBOUNDED_PRECEDING = -sys.maxsize - 1
_UNBOUNDED_FOLLOWING = sys.maxsize
# As PySpark: bounds at or beyond these are unbounded.
_PRECEDING_THRESHOLD = max(-sys.maxsize, -9223372036854775808)
_FOLLOWING_THRESHOLD = min(sys.maxsize, 9223372036854775807)


def _exprs(cols):
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = cols[0]
    return [col_expr(c) for c in cols]


def _bound(value, lower):
    if not isinstance(value, int) or isinstance(value, bool):
        raise PySparkTypeError(errorClass="NOT_INT",
                               messageParameters={"arg_name": "start" if lower else "end",
                                                  "arg_type": type(value).__name__})
    if value <= _PRECEDING_THRESHOLD:
        return "unbounded_preceding"
    if value >= _FOLLOWING_THRESHOLD:
        return "unbounded_following"
    return value


class WindowSpec:
    """A window's partitioning, ordering and frame; immutable, every method returns a new spec."""

    def __init__(self, partition=None, order=None, frame=None):
        self._partition = partition or []
        self._order = order or []
        self._frame = frame

    def partitionBy(self, *cols):
        return WindowSpec(_exprs(cols), self._order, self._frame)

    def orderBy(self, *cols):
        return WindowSpec(self._partition, _exprs(cols), self._frame)

    def rowsBetween(self, start, end):
        return WindowSpec(self._partition, self._order,
                          {"type": "rows", "lower": _bound(start, True), "upper": _bound(end, False)})

    def rangeBetween(self, start, end):
        return WindowSpec(self._partition, self._order,
                          {"type": "range", "lower": _bound(start, True), "upper": _bound(end, False)})

    def _over(self, function):
        return {"e": "window", "function": function, "partition": self._partition,
                "order": self._order, "frame": self._frame}

    def __repr__(self):
        return "<WindowSpec>"


class Window:
    """Builders of WindowSpec: Window.partitionBy("k").orderBy("t").rowsBetween(-1, 0)."""

    unboundedPreceding = _UNBOUNDED_PRECEDING
    unboundedFollowing = _UNBOUNDED_FOLLOWING
    currentRow = 0

    _PRECEDING_THRESHOLD = _PRECEDING_THRESHOLD
    _FOLLOWING_THRESHOLD = _FOLLOWING_THRESHOLD

    @staticmethod
    def partitionBy(*cols):
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols):
        return WindowSpec().orderBy(*cols)

    @staticmethod
    def rowsBetween(start, end):
        return WindowSpec().rowsBetween(start, end)

    @staticmethod
    def rangeBetween(start, end):
        return WindowSpec().rangeBetween(start, end)


def over(column, window):
    """`column` computed over `window` (Column.over)."""
    if not isinstance(window, WindowSpec):
        raise PySparkTypeError(errorClass="NOT_WINDOWSPEC",
                               messageParameters={"arg_name": "window",
                                                  "arg_type": type(window).__name__})
    return Column(window._over(column._expr))


__all__ = ["Window", "WindowSpec"]
