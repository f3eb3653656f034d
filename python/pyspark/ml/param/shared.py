"""Params many stages share (HasInputCol, HasOutputCol, ...): each a mixin with the Param, its
getter and setter, and its default where Spark has one."""

from pyspark.ml.param import Param, Params, TypeConverters

_NO_DEFAULT = object()


def _shared(class_name, name, doc, converter, default=_NO_DEFAULT):
    """A Params mixin holding one param and its getter (getInputCol for inputCol)."""
    def init(self):
        super(mixin, self).__init__()
        if default is not _NO_DEFAULT:
            self._setDefault(**{name: default(self) if callable(default) else default})

    def getter(self):
        return self.getOrDefault(getattr(self, name))

    def setter(self, value):
        return self._set(**{name: value})

    getter.__name__ = "get" + name[0].upper() + name[1:]
    getter.__doc__ = "Gets the value of %s or its default value." % name
    setter.__name__ = "set" + name[0].upper() + name[1:]
    setter.__doc__ = "Sets the value of %s." % name
    mixin = type(class_name, (Params,), {
        name: Param(Params._dummy(), name, doc, typeConverter=converter),
        "__init__": init,
        getter.__name__: getter,
        setter.__name__: setter,
        "__doc__": "Mixin for param %s: %s" % (name, doc),
    })
    return mixin


HasInputCol = _shared("HasInputCol", "inputCol", "input column name.", TypeConverters.toString)
HasInputCols = _shared("HasInputCols", "inputCols", "input column names.",
                       TypeConverters.toListString)
HasOutputCol = _shared("HasOutputCol", "outputCol", "output column name.",
                       TypeConverters.toString, default=lambda self: self.uid + "__output")
HasOutputCols = _shared("HasOutputCols", "outputCols", "output column names.",
                        TypeConverters.toListString)
HasHandleInvalid = _shared(
    "HasHandleInvalid", "handleInvalid",
    "how to handle invalid entries. Options are skip (which will filter out rows with bad "
    "values), or error (which will throw an error). More options may be added later.",
    TypeConverters.toString)
HasFeaturesCol = _shared("HasFeaturesCol", "featuresCol", "features column name.",
                         TypeConverters.toString, default="features")
HasLabelCol = _shared("HasLabelCol", "labelCol", "label column name.", TypeConverters.toString,
                      default="label")
HasPredictionCol = _shared("HasPredictionCol", "predictionCol", "prediction column name.",
                           TypeConverters.toString, default="prediction")
HasRelativeError = _shared(
    "HasRelativeError", "relativeError",
    "the relative target precision for the approximate quantile algorithm. Must be in the "
    "range [0, 1]", TypeConverters.toFloat, default=0.001)
HasThreshold = _shared("HasThreshold", "threshold",
                       "threshold in binary classification prediction, in range [0, 1]",
                       TypeConverters.toFloat)
HasWeightCol = _shared("HasWeightCol", "weightCol",
                       "weight column name. If this is not set or empty, we treat all instance "
                       "weights as 1.0.", TypeConverters.toString)
HasMaxIter = _shared("HasMaxIter", "maxIter", "max number of iterations (>= 0).",
                     TypeConverters.toInt)
HasRegParam = _shared("HasRegParam", "regParam", "regularization parameter (>= 0).",
                      TypeConverters.toFloat)
HasSeed = _shared("HasSeed", "seed", "random seed.", TypeConverters.toInt,
                  default=lambda self: hash(type(self).__name__) & 0x7FFFFFFFFFFFFFFF)
