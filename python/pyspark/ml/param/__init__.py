"""Params: named, documented, typed parameters of ML stages, with defaults and user values.

A stage declares its params as class attributes (Param(Params._dummy(), name, doc, converter));
each instance copies them with itself as parent, so the same name on two stages is two params.
"""

import copy as _copy

import numpy as np

from pyspark.ml.linalg import DenseMatrix, DenseVector, Matrix, Vector, _convert_to_vector

__all__ = ["Param", "Params", "TypeConverters"]


class Param:
    """A parameter: its owner's uid (parent), name, doc and the converter of its values."""

    def __init__(self, parent, name, doc, typeConverter=None):
        if not isinstance(parent, Identifiable):
            raise TypeError("Parent must be an Identifiable but got type %s." % type(parent))
        self.parent = parent.uid
        self.name = str(name)
        self.doc = str(doc)
        self.typeConverter = TypeConverters.identity if typeConverter is None else typeConverter

    def _copy_new_parent(self, parent):
        if self.parent != "undefined":
            raise ValueError("Cannot copy from non-dummy parent %s." % self.parent)
        param = _copy.copy(self)
        param.parent = parent.uid
        return param

    def __str__(self):
        return str(self.parent) + "__" + self.name

    def __repr__(self):
        return "Param(parent=%r, name=%r, doc=%r)" % (self.parent, self.name, self.doc)

    def __hash__(self):
        return hash(str(self))

    def __eq__(self, other):
        return isinstance(other, Param) and self.parent == other.parent and self.name == other.name


class TypeConverters:
    """Converters that check and normalise param values (PySpark's TypeConverters)."""

    @staticmethod
    def _is_numeric(value):
        return isinstance(value, (int, float, np.number)) and not isinstance(value, bool)

    @staticmethod
    def _is_integer(value):
        return TypeConverters._is_numeric(value) and float(value).is_integer()

    @staticmethod
    def identity(value):
        return value

    @staticmethod
    def toList(value):
        if type(value) == list:
            return value
        if type(value) in (np.ndarray, tuple, range) or isinstance(value, Vector):
            return list(value)
        raise TypeError("Could not convert %s to list" % value)

    @staticmethod
    def toListFloat(value):
        if TypeConverters._can_list(value):
            value = TypeConverters.toList(value)
            if all(TypeConverters._is_numeric(v) for v in value):
                return [float(v) for v in value]
        raise TypeError("Could not convert %s to list of floats" % value)

    @staticmethod
    def toListListFloat(value):
        if TypeConverters._can_list(value):
            return [TypeConverters.toListFloat(v) for v in TypeConverters.toList(value)]
        raise TypeError("Could not convert %s to list of list of floats" % value)

    @staticmethod
    def toListInt(value):
        if TypeConverters._can_list(value):
            value = TypeConverters.toList(value)
            if all(TypeConverters._is_integer(v) for v in value):
                return [int(v) for v in value]
        raise TypeError("Could not convert %s to list of ints" % value)

    @staticmethod
    def toListString(value):
        if TypeConverters._can_list(value):
            value = TypeConverters.toList(value)
            if all(isinstance(v, str) for v in value):
                return list(value)
        raise TypeError("Could not convert %s to list of strings" % value)

    @staticmethod
    def toVector(value):
        if isinstance(value, Vector):
            return value
        if TypeConverters._can_list(value):
            value = TypeConverters.toList(value)
            if all(TypeConverters._is_numeric(v) for v in value):
                return DenseVector(value)
        raise TypeError("Could not convert %s to vector" % value)

    @staticmethod
    def toMatrix(value):
        if isinstance(value, Matrix):
            return value
        raise TypeError("Could not convert %s to matrix" % value)

    @staticmethod
    def toFloat(value):
        if TypeConverters._is_numeric(value):
            return float(value)
        raise TypeError("Could not convert %s to float" % value)

    @staticmethod
    def toInt(value):
        if TypeConverters._is_integer(value):
            return int(value)
        raise TypeError("Could not convert %s to int" % value)

    @staticmethod
    def toString(value):
        if isinstance(value, str):
            return value
        if isinstance(value, np.str_):
            return str(value)
        raise TypeError("Could not convert %s to string type" % type(value))

    @staticmethod
    def toBoolean(value):
        if type(value) == bool:
            return value
        raise TypeError("Boolean Param requires value of type bool. Found %s." % type(value))

    @staticmethod
    def _can_list(value):
        return type(value) in (list, tuple, range, np.ndarray) or isinstance(value, Vector)


class Identifiable:
    """An object with a unique id: the class name, '_' and 12 hex digits."""

    def __init__(self):
        self.uid = self._randomUID()

    def __repr__(self):
        return self.uid

    @classmethod
    def _randomUID(cls):
        import uuid
        return cls.__name__ + "_" + uuid.uuid4().hex[-12:]


class Params(Identifiable):
    """Components that take parameters: default values, user values, and copies of both."""

    def __init__(self):
        super().__init__()
        self._paramMap = {}
        self._defaultParamMap = {}
        self._params = None
        self._copy_params()

    def _copy_params(self):
        """Gives this instance its own copies of the class's params (parent = this uid)."""
        for name in dir(type(self)):
            attr = getattr(type(self), name, None)
            if isinstance(attr, Param):
                setattr(self, name, attr._copy_new_parent(self))

    @staticmethod
    def _dummy():
        dummy = Identifiable()
        dummy.uid = "undefined"
        return dummy

    @property
    def params(self):
        """Every param of this instance, sorted by name."""
        if self._params is None:
            self._params = sorted(
                (getattr(self, name) for name in dir(self)
                 if name != "params" and not isinstance(getattr(type(self), name, None), property)
                 and isinstance(getattr(self, name, None), Param)),
                key=lambda p: p.name)
        return self._params

    def explainParam(self, param):
        param = self._resolveParam(param)
        values = []
        if self.isDefined(param):
            if param in self._defaultParamMap:
                values.append("default: %s" % self._defaultParamMap[param])
            if param in self._paramMap:
                values.append("current: %s" % self._paramMap[param])
        else:
            values.append("undefined")
        return "%s: %s (%s)" % (param.name, param.doc, ", ".join(values))

    def explainParams(self):
        return "\n".join(self.explainParam(param) for param in self.params)

    def getParam(self, paramName):
        param = getattr(self, paramName, None)
        if isinstance(param, Param):
            return param
        raise ValueError("Cannot find param with name %s." % paramName)

    def hasParam(self, paramName):
        if not isinstance(paramName, str):
            raise TypeError("hasParam(): paramName must be a string")
        return isinstance(getattr(self, paramName, None), Param)

    def isSet(self, param):
        return self._resolveParam(param) in self._paramMap

    def hasDefault(self, param):
        return self._resolveParam(param) in self._defaultParamMap

    def isDefined(self, param):
        return self.isSet(param) or self.hasDefault(param)

    def getOrDefault(self, param):
        param = self._resolveParam(param)
        if param in self._paramMap:
            return self._paramMap[param]
        if param in self._defaultParamMap:
            return self._defaultParamMap[param]
        raise KeyError("Param %s is not set and has no default value" % param.name)

    def extractParamMap(self, extra=None):
        """Defaults, then user values, then `extra`, as one {Param: value} dict."""
        param_map = dict(self._defaultParamMap)
        param_map.update(self._paramMap)
        param_map.update(extra or {})
        return param_map

    def copy(self, extra=None):
        """A shallow copy with its own param maps (same uid), with `extra` values set."""
        that = _copy.copy(self)
        that._paramMap = {}
        that._defaultParamMap = {}
        that._params = None
        return self._copyValues(that, extra)

    def set(self, param, value):
        self._shouldOwn(param)
        try:
            value = param.typeConverter(value)
        except ValueError as e:
            raise ValueError('Invalid param value given for param "%s". %s' % (param.name, e))
        self._paramMap[param] = value

    def clear(self, param):
        param = self._resolveParam(param)
        self._paramMap.pop(param, None)

    def _shouldOwn(self, param):
        if not (self.uid == param.parent and self.hasParam(param.name)):
            raise ValueError("Param %r does not belong to %r." % (param, self))

    def _resolveParam(self, param):
        if isinstance(param, Param):
            self._shouldOwn(param)
            return param
        if isinstance(param, str):
            return self.getParam(param)
        raise TypeError("Cannot resolve %r as a param." % param)

    def _set(self, **kwargs):
        for name, value in kwargs.items():
            param = self.getParam(name)
            if value is None:
                continue
            try:
                value = param.typeConverter(value)
            except TypeError as e:
                raise TypeError('Invalid param value given for param "%s". %s' % (name, e))
            self._paramMap[param] = value
        return self

    def _setDefault(self, **kwargs):
        for name, value in kwargs.items():
            param = self.getParam(name)
            if value is not None and not isinstance(value, type(None)):
                try:
                    value = param.typeConverter(value)
                except TypeError as e:
                    raise TypeError('Invalid default param value given for param "%s". %s'
                                    % (name, e))
            self._defaultParamMap[param] = value
        return self

    def _clear(self, param):
        self._paramMap.pop(param, None)

    def _copyValues(self, to, extra=None):
        """Copies default and user values of params `to` also has; `extra` wins."""
        extra = extra or {}
        mine = self._paramMap.copy()
        mine.update(extra)
        for param in self.params:
            if not to.hasParam(param.name):
                continue
            target = to.getParam(param.name)
            if param in self._defaultParamMap:
                to._defaultParamMap[target] = self._defaultParamMap[param]
            if param in mine:
                to._paramMap[target] = mine[param]
        return to

    def _resetUid(self, newUid):
        """Gives this instance uid `newUid`, moving its params along."""
        newUid = str(newUid)
        self.uid = newUid
        moved_defaults, moved_values = {}, {}
        for param in self.params:
            fresh = _copy.copy(param)
            fresh.parent = newUid
            if param in self._defaultParamMap:
                moved_defaults[fresh] = self._defaultParamMap[param]
            if param in self._paramMap:
                moved_values[fresh] = self._paramMap[param]
            setattr(self, param.name, fresh)
        self._defaultParamMap = moved_defaults
        self._paramMap = moved_values
        self._params = None
        return self
