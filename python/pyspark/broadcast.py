"""Broadcast variables: a read-only value shared with every task. Tasks run in the driver's
interpreter here, so they read the very value the driver holds."""

from pyspark.errors import PySparkRuntimeError

__all__ = ["Broadcast"]


class Broadcast:
    """sc.broadcast(value): `.value` in tasks and on the driver."""

    _next_id = 0

    def __init__(self, sc=None, value=None):
        self._value = value
        self._destroyed = False
        self._id = Broadcast._next_id
        Broadcast._next_id += 1

    @property
    def value(self):
        from pyspark._rdd_engine import in_task
        if self._destroyed and in_task():
            raise PySparkRuntimeError(
                message="Attempted to use Broadcast(%d) after it was destroyed" % self._id)
        return self._value

    def unpersist(self, blocking=False):
        """Tasks keep no copies here: nothing to drop."""

    def destroy(self, blocking=False):
        """Tasks can no longer use the variable (the driver keeps its value, as in PySpark)."""
        self._destroyed = True

    def __repr__(self):
        return "<pyspark.broadcast.Broadcast object>"
