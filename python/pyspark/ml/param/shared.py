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
HasElasticNetParam = _shared(
    "HasElasticNetParam", "elasticNetParam",
    "the ElasticNet mixing parameter, in range [0, 1]. For alpha = 0, the penalty is an L2 "
    "penalty. For alpha = 1, it is an L1 penalty.", TypeConverters.toFloat, default=0.0)
HasTol = _shared("HasTol", "tol", "the convergence tolerance for iterative algorithms (>= 0).",
                 TypeConverters.toFloat)
HasFitIntercept = _shared("HasFitIntercept", "fitIntercept",
                          "whether to fit an intercept term.", TypeConverters.toBoolean,
                          default=True)
HasStandardization = _shared(
    "HasStandardization", "standardization",
    "whether to standardize the training features before fitting the model.",
    TypeConverters.toBoolean, default=True)
HasProbabilityCol = _shared(
    "HasProbabilityCol", "probabilityCol",
    "Column name for predicted class conditional probabilities. Note: Not all models output "
    "well-calibrated probability estimates! These probabilities should be treated as "
    "confidences, not precise probabilities.", TypeConverters.toString, default="probability")
HasRawPredictionCol = _shared("HasRawPredictionCol", "rawPredictionCol",
                              "raw prediction (a.k.a. confidence) column name.",
                              TypeConverters.toString, default="rawPrediction")
HasThresholds = _shared(
    "HasThresholds", "thresholds",
    "Thresholds in multi-class classification to adjust the probability of predicting each "
    "class. Array must have length equal to the number of classes, with values > 0, excepting "
    "that at most one value may be 0. The class with largest value p/t is predicted, where p "
    "is the original probability of that class and t is the class's threshold.",
    TypeConverters.toListFloat)
HasAggregationDepth = _shared("HasAggregationDepth", "aggregationDepth",
                              "suggested depth for treeAggregate (>= 2).", TypeConverters.toInt,
                              default=2)
HasMaxBlockSizeInMB = _shared(
    "HasMaxBlockSizeInMB", "maxBlockSizeInMB",
    "maximum memory in MB for stacking input data into blocks. Data is stacked within "
    "partitions. If more than remaining data size in a partition then it is adjusted to the "
    "data size. Default 0.0 represents choosing optimal value, depends on specific algorithm. "
    "Must be >= 0.", TypeConverters.toFloat, default=0.0)
HasSolver = _shared("HasSolver", "solver", "the solver algorithm for optimization.",
                    TypeConverters.toString)
HasLoss = _shared("HasLoss", "loss", "the loss function to be optimized.",
                  TypeConverters.toString)
HasMetricName = _shared("HasMetricName", "metricName", "metric name in evaluation",
                        TypeConverters.toString)
HasStepSize = _shared("HasStepSize", "stepSize",
                      "Step size to be used for each iteration of optimization (>= 0).",
                      TypeConverters.toFloat)
HasValidationIndicatorCol = _shared(
    "HasValidationIndicatorCol", "validationIndicatorCol",
    "name of the column that indicates whether each row is for training or for validation. "
    "False indicates training; true indicates validation.", TypeConverters.toString)
HasCheckpointInterval = _shared(
    "HasCheckpointInterval", "checkpointInterval",
    "set checkpoint interval (>= 1) or disable checkpoint (-1). E.g. 10 means that the cache "
    "will get checkpointed every 10 iterations. Note: this setting will be ignored if the "
    "checkpoint directory is not set in the SparkContext.", TypeConverters.toInt)
HasBlockSize = _shared("HasBlockSize", "blockSize", "block size for stacking input data in "
                       "matrices. Data is stacked within partitions. If block size is more than "
                       "remaining data in a partition then it is adjusted to the size of this "
                       "data.", TypeConverters.toInt)
