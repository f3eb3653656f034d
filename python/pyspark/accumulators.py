"""Accumulators: values that tasks add to and the driver reads.

Tasks run in the driver's interpreter here, so an update goes straight into the accumulator (under
a lock, since two task threads may add at once); as in PySpark, tasks cannot read the value."""

import threading

from pyspark.errors import PySparkRuntimeError

__all__ = ["Accumulator", "AccumulatorParam"]


class AccumulatorParam:
    """How values of a type accumulate: zero(value) and addInPlace(value1, value2)."""

    def zero(self, value):
        raise NotImplementedError

    def addInPlace(self, value1, value2):
        raise NotImplementedError


class AddingAccumulatorParam(AccumulatorParam):
    """Accumulates with +=, from a given zero."""

    def __init__(self, zero_value):
        self.zero_value = zero_value

    def zero(self, value):
        return self.zero_value

    def addInPlace(self, value1, value2):
        value1 += value2
        return value1


INT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0)
FLOAT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0)
COMPLEX_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0j)


def _in_task():
    from pyspark._rdd_engine import in_task
    return in_task()


class Accumulator:
    """A shared variable tasks can only add to (add() or +=); the driver reads `value`."""

    def __init__(self, aid, value, accum_param):
        self.aid = aid
        self.accum_param = accum_param
        self._value = value
        self._lock = threading.Lock()

    @property
    def value(self):
        if _in_task():
            raise PySparkRuntimeError(errorClass="VALUE_NOT_ACCESSIBLE",
                                      messageParameters={"value": "Accumulator.value"})
        return self._value

    @value.setter
    def value(self, value):
        if _in_task():
            raise PySparkRuntimeError(errorClass="VALUE_NOT_ACCESSIBLE",
                                      messageParameters={"value": "Accumulator.value"})
        self._value = value

    def add(self, term):
        with self._lock:
            self._value = self.accum_param.addInPlace(self._value, term)

    def __iadd__(self, term):
        self.add(term)
        return self

    def __str__(self):
        return str(self._value)

    def __repr__(self):
        return "Accumulator<id=%i, value=%s>" % (self.aid, self._value)
