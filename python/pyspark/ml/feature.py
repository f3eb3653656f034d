"""pyspark.ml.feature: feature transformers. Fitting aggregates with the engine and collects only
the small fitted state; transform adds engine expressions to the DataFrame's plan."""

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml.base import Estimator, Model, Transformer
from pyspark.ml.linalg import DenseVector, VectorUDT
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasHandleInvalid, HasInputCol, HasInputCols, HasOutputCol, HasOutputCols, HasRelativeError,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, FloatType

__all__ = ["StringIndexer", "StringIndexerModel", "IndexToString", "VectorAssembler",
           "StandardScaler", "StandardScalerModel", "MinMaxScaler", "MinMaxScalerModel",
           "Imputer", "ImputerModel", "Bucketizer", "Binarizer", "OneHotEncoder",
           "OneHotEncoderModel", "SQLTransformer", "MaxAbsScaler", "MaxAbsScalerModel",
           "ElementwiseProduct", "QuantileDiscretizer", "RobustScaler", "RobustScalerModel",
           "Normalizer", "VectorSlicer", "DCT", "Tokenizer", "RegexTokenizer",
           "StopWordsRemover", "NGram", "HashingTF", "CountVectorizer", "CountVectorizerModel",
           "IDF", "IDFModel", "FeatureHasher", "PolynomialExpansion", "PCA", "PCAModel",
           "VectorIndexer", "VectorIndexerModel", "Interaction", "ChiSqSelector", "ChiSqSelectorModel",
           "UnivariateFeatureSelector", "UnivariateFeatureSelectorModel",
           "VarianceThresholdSelector", "VarianceThresholdSelectorModel", "Word2Vec",
           "Word2VecModel"]


# ---- StringIndexer -------------------------------------------------------------------------

class _StringIndexerParams(HasHandleInvalid, HasInputCol, HasOutputCol, HasInputCols,
                           HasOutputCols):
    stringOrderType = Param(
        Params._dummy(), "stringOrderType",
        "How to order labels of string column. The first label after ordering is assigned "
        "an index of 0. Supported options: frequencyDesc, frequencyAsc, alphabetDesc, "
        "alphabetAsc. Default is frequencyDesc. In case of equal frequency when under "
        "frequencyDesc/Asc, the strings are further sorted alphabetically",
        typeConverter=TypeConverters.toString)
    handleInvalid = Param(
        Params._dummy(), "handleInvalid",
        "how to handle invalid data (unseen or NULL values) in features and label column of "
        "string type. Options are 'skip' (filter out rows with invalid data), error (throw an "
        "error), or 'keep' (put invalid data in a special additional bucket, at index "
        "numLabels).", typeConverter=TypeConverters.toString)

    _ORDER_TYPES = ("frequencyDesc", "frequencyAsc", "alphabetDesc", "alphabetAsc")

    def __init__(self):
        super().__init__()
        self._setDefault(handleInvalid="error", stringOrderType="frequencyDesc")

    def getStringOrderType(self):
        return self.getOrDefault(self.stringOrderType)

    def _columns(self, dataset):
        fu.check_choice(self, "handleInvalid", self.getHandleInvalid(), ("error", "skip", "keep"))
        inputs, outputs = fu.single_or_multi_columns(self)
        for name in inputs:
            data_type = fu.column_type(dataset, name)
            fu.require(fu.is_string_or_numeric(data_type),
                       "The input column %s must be either string type or numeric type, but "
                       "got %s." % (name, data_type.simpleString()))
        return inputs, outputs


class StringIndexer(_StringIndexerParams, Estimator, DefaultParamsWritable,
                    DefaultParamsReadable):
    """Maps each string (or number, as its string) of a column to an index by the labels'
    order (most frequent first by default)."""

    @keyword_only
    def __init__(self, *, inputCol=None, outputCol=None, inputCols=None, outputCols=None,
                 handleInvalid="error", stringOrderType="frequencyDesc"):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCol=None, outputCol=None, inputCols=None, outputCols=None,
                  handleInvalid="error", stringOrderType="frequencyDesc"):
        return self._set(**self._input_kwargs)

    def setStringOrderType(self, value):
        return self._set(stringOrderType=value)

    def _fit(self, dataset):
        inputs, _ = self._columns(dataset)
        order = self.getStringOrderType()
        fu.check_choice(self, "stringOrderType", order, self._ORDER_TYPES)
        labels_array = []
        for name in inputs:
            value = F.col(name).cast("string")
            counts = (dataset.select(value.alias("label")).filter(F.col("label").isNotNull())
                      .groupBy("label").count().collect())
            labels_array.append(_ordered_labels([(r[0], r[1]) for r in counts], order))
        model = StringIndexerModel._from_labels_array(labels_array)
        model._resetUid(self.uid)
        return self._copyValues(model)


def _ordered_labels(counts, order):
    if order == "frequencyDesc":
        counts.sort(key=lambda c: (-c[1], c[0]))
    elif order == "frequencyAsc":
        counts.sort(key=lambda c: (c[1], c[0]))
    elif order == "alphabetAsc":
        counts.sort(key=lambda c: c[0])
    else:
        counts.sort(key=lambda c: c[0], reverse=True)
    return [label for label, _ in counts]


class StringIndexerModel(_StringIndexerParams, Model, DefaultParamsWritable,
                         DefaultParamsReadable):
    """The fitted StringIndexer: its labels per input column."""

    def __init__(self, labelsArray=None):
        super().__init__()
        self._labels_array = [list(labels) for labels in (labelsArray or [])]

    @classmethod
    def _from_labels_array(cls, labels_array):
        return cls(labels_array)

    @classmethod
    def from_labels(cls, labels, inputCol, outputCol=None, handleInvalid=None):
        model = cls([TypeConverters.toListString(labels)])
        model._set(inputCol=inputCol, outputCol=outputCol, handleInvalid=handleInvalid)
        return model

    @classmethod
    def from_arrays_of_labels(cls, arrayOfLabels, inputCols, outputCols=None,
                              handleInvalid=None):
        model = cls([TypeConverters.toListString(labels) for labels in arrayOfLabels])
        model._set(inputCols=inputCols, outputCols=outputCols, handleInvalid=handleInvalid)
        return model

    @property
    def labels(self):
        """The labels of the only input column (ordered by index)."""
        return list(self._labels_array[0])

    @property
    def labelsArray(self):
        return [list(labels) for labels in self._labels_array]

    def copy(self, extra=None):
        that = super().copy(extra)
        that._labels_array = self.labelsArray
        return that

    def _transform(self, dataset):
        inputs, outputs = self._columns(dataset)
        fu.require(len(inputs) == len(self._labels_array),
                   "The number of input columns %d must be the same as the number of fitted "
                   "label arrays %d." % (len(inputs), len(self._labels_array)))
        mode = self.getHandleInvalid()
        for name in outputs:
            fu.check_new_column(dataset, name)
        columns = {}
        for name, output, labels in zip(inputs, outputs, self._labels_array):
            columns[output] = fu.engine_call("ml_string_index", F.col(name).cast("string"),
                                             mode, *labels)
        result = dataset.withColumns(columns)
        if mode == "skip":
            for output in outputs:
                result = result.filter(F.col(output).isNotNull())
        return result

    def _save_data(self, path, spark):
        import os
        frame = spark.createDataFrame([(self.labelsArray,)], "labelsArray array<array<string>>")
        frame.write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        import os
        row = spark.read.parquet(os.path.join(path, "data")).select("labelsArray").head()
        return cls(row[0])


# ---- VectorAssembler -----------------------------------------------------------------------

class VectorAssembler(HasInputCols, HasOutputCol, HasHandleInvalid, Transformer,
                      DefaultParamsWritable, DefaultParamsReadable):
    """Concatenates numeric, boolean and vector columns into one vector column."""

    handleInvalid = Param(
        Params._dummy(), "handleInvalid",
        "How to handle invalid data (NULL and NaN values). Options are 'skip' (filter out "
        "rows with invalid data), 'error' (throw an error), or 'keep' (return relevant number "
        "of NaN in the output). Column lengths are taken from the size of ML Attribute Group, "
        "which can be set using `VectorSizeHint` in a pipeline before `VectorAssembler`. "
        "Column lengths can also be inferred from first rows of the data since it is safe to "
        "do so but only in case of 'error' or 'skip').",
        typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, inputCols=None, outputCol=None, handleInvalid="error"):
        super().__init__()
        self._setDefault(handleInvalid="error")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCols=None, outputCol=None, handleInvalid="error"):
        return self._set(**self._input_kwargs)

    def _transform(self, dataset):
        mode = self.getHandleInvalid()
        fu.check_choice(self, "handleInvalid", mode, ("error", "skip", "keep"))
        inputs = self.getInputCols()
        output = self.getOutputCol()
        types = {}
        for name in inputs:
            data_type = fu.column_type(dataset, name)
            if not fu.is_assemblable(data_type):
                raise fu.IllegalArgumentException(
                    message="Data type %s of column %s is not supported."
                    % (data_type.simpleString(), name))
            types[name] = data_type
        fu.check_new_column(dataset, output)
        if mode == "skip":
            for name in inputs:
                keep = F.col(name).isNotNull()
                if isinstance(types[name], (DoubleType, FloatType)):
                    keep = keep & ~F.isnan(F.col(name))
                dataset = dataset.filter(keep)
        sizes = [self._size(dataset, name, types[name], mode) for name in inputs]
        assembled = fu.engine_call("ml_assemble_vector", "keep" if mode == "keep" else "error",
                                   ",".join(str(s) for s in sizes),
                                   *[F.col(name) for name in inputs])
        return dataset.withColumn(output, assembled)

    @staticmethod
    def _size(dataset, name, data_type, mode):
        """1 for a number; for a vector column in 'keep' mode the length of its first value
        (Spark takes it from the column's metadata), else -1 (not needed)."""
        if not isinstance(data_type, VectorUDT):
            return 1
        if mode != "keep":
            return -1
        first = dataset.select(name).filter(F.col(name).isNotNull()).head()
        return len(first[0]) if first is not None else -1


class Interaction(HasInputCols, HasOutputCol, Transformer, DefaultParamsWritable,
                  DefaultParamsReadable):
    """The products of one value of each input column (numbers, booleans or vectors), the first
    column's index varying slowest (ml_interaction). Numeric columns are single features: there
    is no ML attribute metadata marking them nominal, and vector sizes are each row's own."""

    @keyword_only
    def __init__(self, *, inputCols=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCols=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def _transform(self, dataset):
        fu.require(self.isSet(self.inputCols), "Input cols must be defined first.")
        inputs = self.getInputCols()
        fu.require(len(inputs) > 0, "Input cols must have non-zero length.")
        fu.require(len(set(inputs)) == len(inputs), "Input cols must be distinct.")
        for name in inputs:
            data_type = fu.column_type(dataset, name)
            if not fu.is_assemblable(data_type):
                raise fu.IllegalArgumentException(
                    message="Data type %s of column %s is not supported."
                    % (data_type.simpleString(), name))
        fu.check_new_column(dataset, self.getOutputCol())
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_interaction", *[F.col(name) for name in inputs]))


# ---- IndexToString -------------------------------------------------------------------------

class IndexToString(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                    DefaultParamsReadable):
    """Maps indices back to the labels given (StringIndexerModel.labels)."""

    labels = Param(Params._dummy(), "labels",
                   "Optional array of labels specifying index-string mapping. If not provided "
                   "or if empty, then metadata from inputCol is used instead.",
                   typeConverter=TypeConverters.toListString)

    @keyword_only
    def __init__(self, *, inputCol=None, outputCol=None, labels=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCol=None, outputCol=None, labels=None):
        return self._set(**self._input_kwargs)

    def setLabels(self, value):
        return self._set(labels=value)

    def getLabels(self):
        return self.getOrDefault(self.labels)

    def _transform(self, dataset):
        name = self.getInputCol()
        fu.require(fu.is_numeric(fu.column_type(dataset, name)),
                   "The input column %s must be a numeric type, but got %s."
                   % (name, fu.column_type(dataset, name).simpleString()))
        fu.check_new_column(dataset, self.getOutputCol())
        fu.require(self.isDefined(self.labels) and self.getLabels(),
                   "IndexToString needs its labels param: Ember keeps no ML attribute metadata "
                   "on columns.")
        value = fu.engine_call("ml_index_to_string", F.col(name).cast("double"), *self.getLabels())
        return dataset.withColumn(self.getOutputCol(), value)


# ---- scalers -------------------------------------------------------------------------------

def _vector_size(dataset, name):
    first = dataset.select(name).filter(F.col(name).isNotNull()).head()
    fu.require(first is not None, "Nothing has been added to this summarizer.")
    return len(first[0])


def _element(name, i):
    return fu.engine_call("ml_vector_element", F.col(name), F.lit(i))


def _vector_data_frame(spark, columns):
    """One row of vector columns, as Spark's model writers save their data."""
    from pyspark.sql.types import StructField, StructType
    schema = StructType([StructField(name, VectorUDT(), True) for name, _ in columns])
    return spark.createDataFrame([tuple(v for _, v in columns)], schema)


class _StandardScalerParams(HasInputCol, HasOutputCol):
    withMean = Param(Params._dummy(), "withMean", "Center data with mean",
                     typeConverter=TypeConverters.toBoolean)
    withStd = Param(Params._dummy(), "withStd", "Scale to unit standard deviation",
                    typeConverter=TypeConverters.toBoolean)

    def __init__(self):
        super().__init__()
        self._setDefault(withMean=False, withStd=True)

    def setWithMean(self, value):
        return self._set(withMean=value)

    def setWithStd(self, value):
        return self._set(withStd=value)

    def getWithMean(self):
        return self.getOrDefault(self.withMean)

    def getWithStd(self):
        return self.getOrDefault(self.withStd)


class StandardScaler(_StandardScalerParams, Estimator, DefaultParamsWritable,
                     DefaultParamsReadable):
    """Scales vectors to unit standard deviation (sample) and optionally zero mean."""

    @keyword_only
    def __init__(self, *, withMean=False, withStd=True, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, withMean=False, withStd=True, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        rows = dataset.filter(F.col(name).isNotNull())
        size = _vector_size(rows, name)
        first = rows.agg(F.count(F.lit(1)),
                         *[F.avg(_element(name, i)) for i in range(size)]).head()
        count, mean = first[0], [float(m) for m in first[1:]]
        squares = rows.agg(*[F.sum((_element(name, i) - F.lit(mean[i])) *
                                   (_element(name, i) - F.lit(mean[i]))) for i in range(size)])
        sums = squares.head()
        variance = [float(s) / (count - 1) if count > 1 else 0.0 for s in sums]
        model = StandardScalerModel(DenseVector([v ** 0.5 for v in variance]), DenseVector(mean))
        model._resetUid(self.uid)
        return self._copyValues(model)


class StandardScalerModel(_StandardScalerParams, Model, DefaultParamsWritable,
                          DefaultParamsReadable):
    """The fitted StandardScaler: the mean and (sample) standard deviation of each element."""

    def __init__(self, std=None, mean=None):
        super().__init__()
        self._std = std
        self._mean = mean

    @property
    def std(self):
        return self._std

    @property
    def mean(self):
        return self._mean

    def copy(self, extra=None):
        that = super().copy(extra)
        that._std, that._mean = self._std, self._mean
        return that

    def _transform(self, dataset):
        return _shift_and_scale(dataset, self.getInputCol(), self.getOutputCol(),
                                self._mean.toArray() if self.getWithMean() else None,
                                self._std.toArray() if self.getWithStd() else None)

    def _save_data(self, path, spark):
        import os
        _vector_data_frame(spark, [("std", self._std), ("mean", self._mean)]) \
            .write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        import os
        row = spark.read.parquet(os.path.join(path, "data")).select("std", "mean").head()
        return cls(row[0], row[1])


class _MinMaxScalerParams(HasInputCol, HasOutputCol):
    min = Param(Params._dummy(), "min", "Lower bound of the output feature range",
                typeConverter=TypeConverters.toFloat)
    max = Param(Params._dummy(), "max", "Upper bound of the output feature range",
                typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(min=0.0, max=1.0)

    def setMin(self, value):
        return self._set(min=value)

    def setMax(self, value):
        return self._set(max=value)

    def getMin(self):
        return self.getOrDefault(self.min)

    def getMax(self):
        return self.getOrDefault(self.max)

    def _check_bounds(self):
        fu.require(self.getMin() < self.getMax(),
                   "The specified min(%s) is larger or equal to max(%s)"
                   % (self.getMin(), self.getMax()))


class MinMaxScaler(_MinMaxScalerParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Rescales each vector element to [min, max] by its range over the data."""

    @keyword_only
    def __init__(self, *, min=0.0, max=1.0, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, min=0.0, max=1.0, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        self._check_bounds()
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        rows = dataset.filter(F.col(name).isNotNull())
        size = _vector_size(rows, name)
        row = rows.agg(*[F.min(_element(name, i)) for i in range(size)],
                       *[F.max(_element(name, i)) for i in range(size)]).head()
        model = MinMaxScalerModel(DenseVector(list(row[:size])), DenseVector(list(row[size:])))
        model._resetUid(self.uid)
        return self._copyValues(model)


class MinMaxScalerModel(_MinMaxScalerParams, Model, DefaultParamsWritable,
                        DefaultParamsReadable):
    """The fitted MinMaxScaler: each element's minimum and maximum over the data."""

    def __init__(self, originalMin=None, originalMax=None):
        super().__init__()
        self._original_min = originalMin
        self._original_max = originalMax

    @property
    def originalMin(self):
        return self._original_min

    @property
    def originalMax(self):
        return self._original_max

    def copy(self, extra=None):
        that = super().copy(extra)
        that._original_min, that._original_max = self._original_min, self._original_max
        return that

    def _transform(self, dataset):
        self._check_bounds()
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        fu.check_new_column(dataset, self.getOutputCol())
        low = self._original_min.toArray()
        ranges = self._original_max.toArray() - low
        value = fu.engine_call("ml_min_max_scale", F.col(name), fu.doubles_text(low),
                               fu.doubles_text(ranges), repr(self.getMin()), repr(self.getMax()))
        return dataset.withColumn(self.getOutputCol(), value)

    def _save_data(self, path, spark):
        import os
        _vector_data_frame(spark, [("originalMin", self._original_min),
                                   ("originalMax", self._original_max)]) \
            .write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        import os
        row = spark.read.parquet(os.path.join(path, "data")) \
            .select("originalMin", "originalMax").head()
        return cls(row[0], row[1])


# ---- Imputer -------------------------------------------------------------------------------

class _ImputerParams(HasInputCol, HasInputCols, HasOutputCol, HasOutputCols, HasRelativeError):
    strategy = Param(Params._dummy(), "strategy",
                     "strategy for imputation. If mean, then replace missing values using the "
                     "mean value of the feature. If median, then replace missing values using the "
                     "median value of the feature. If mode, then replace missing using the most "
                     "frequent value of the feature.", typeConverter=TypeConverters.toString)
    missingValue = Param(Params._dummy(), "missingValue",
                         "The placeholder for the missing values. All occurrences of "
                         "missingValue will be imputed.", typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(strategy="mean", missingValue=float("nan"))

    def getStrategy(self):
        return self.getOrDefault(self.strategy)

    def getMissingValue(self):
        return self.getOrDefault(self.missingValue)

    def setMissingValue(self, value):
        return self._set(missingValue=value)

    def _missing(self, name):
        """Whether the value of column `name` counts as missing."""
        value = F.col(name).cast("double")
        missing = self.getMissingValue()
        is_missing = value.isNull() | F.isnan(value)
        if missing == missing:  # not NaN
            is_missing = is_missing | (value == F.lit(missing))
        return is_missing

    def _columns(self, dataset):
        inputs, outputs = fu.single_or_multi_columns(self)
        for name in inputs:
            data_type = fu.column_type(dataset, name)
            fu.require(fu.is_numeric(data_type),
                       "Column %s must be of type numeric but was actually of type %s."
                       % (name, data_type.simpleString()))
        return inputs, outputs


class Imputer(_ImputerParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Completes missing values (null, NaN, or missingValue) with each column's mean, median
    (the engine's percentile_approx within relativeError) or mode."""

    @keyword_only
    def __init__(self, *, strategy="mean", missingValue=float("nan"), inputCols=None,
                 outputCols=None, inputCol=None, outputCol=None, relativeError=0.001):
        super().__init__()
        self._set(**self._input_kwargs)

    def setStrategy(self, value):
        return self._set(strategy=value)

    def _fit(self, dataset):
        inputs, _ = self._columns(dataset)
        strategy = self.getStrategy()
        fu.check_choice(self, "strategy", strategy, ("mean", "median", "mode"))
        surrogates = []
        error = self.getRelativeError()
        accuracy = int(1 / error) if error > 0 else 2 ** 31 - 1
        for name in inputs:
            valid = dataset.filter(~self._missing(name))
            value = F.col(name).cast("double")
            if strategy == "mean":
                surrogate = valid.agg(F.avg(value)).head()[0]
            elif strategy == "median":
                surrogate = valid.agg(F.percentile_approx(value, 0.5, accuracy)).head()[0]
            else:
                top = valid.groupBy(value.alias("v")).count() \
                    .orderBy(F.col("count").desc(), F.col("v").asc()).head()
                surrogate = top[0] if top is not None else None
            if surrogate is None:
                raise fu.IllegalArgumentException(
                    message="requirement failed: surrogate cannot be computed. All the values in "
                    "%s are Null, Nan or missingValue(%s)" % (name, self.getMissingValue()))
            surrogates.append(float(surrogate))
        model = ImputerModel(dict(zip(inputs, surrogates)))
        model._resetUid(self.uid)
        return self._copyValues(model)


class ImputerModel(_ImputerParams, Model, DefaultParamsWritable, DefaultParamsReadable):
    """The fitted Imputer: one surrogate per input column."""

    def __init__(self, surrogates=None):
        super().__init__()
        self._surrogates = dict(surrogates or {})

    @property
    def surrogateDF(self):
        from pyspark.sql import SparkSession
        spark = SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
        names = list(self._surrogates)
        return spark.createDataFrame([tuple(self._surrogates[n] for n in names)],
                                     ", ".join("`%s` double" % n for n in names))

    def copy(self, extra=None):
        that = super().copy(extra)
        that._surrogates = dict(self._surrogates)
        return that

    def _transform(self, dataset):
        inputs, outputs = self._columns(dataset)
        types = {f.name: f.dataType for f in dataset.schema.fields}
        columns = {}
        missing = repr(float(self.getMissingValue()))
        for name, output in zip(inputs, outputs):
            columns[output] = fu.engine_call("ml_impute", F.col(name).cast("double"), missing,
                                             repr(float(self._surrogates[name]))) \
                .cast(types[name])
        return dataset.withColumns(columns)

    def _save_data(self, path, spark):
        import os
        self.surrogateDF.write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        import os
        row = spark.read.parquet(os.path.join(path, "data")).head()
        return cls(row.asDict())


# ---- Bucketizer and Binarizer --------------------------------------------------------------

class Bucketizer(HasInputCol, HasOutputCol, HasInputCols, HasOutputCols, HasHandleInvalid,
                 Transformer, DefaultParamsWritable, DefaultParamsReadable):
    """Maps a column of numbers to buckets given by ascending splits."""

    splits = Param(Params._dummy(), "splits",
                   "Split points for mapping continuous features into buckets. With n+1 splits, "
                   "there are n buckets. A bucket defined by splits x,y holds values in the range "
                   "[x,y) except the last bucket, which also includes y. The splits should be of "
                   "length >= 3 and strictly increasing. Values at -inf, inf must be explicitly "
                   "provided to cover all Double values; otherwise, values outside the splits "
                   "specified will be treated as errors.", typeConverter=TypeConverters.toListFloat)
    splitsArray = Param(Params._dummy(), "splitsArray", "The array of split points for mapping "
                        "continuous features into buckets for multiple columns. For each input "
                        "column, with n+1 splits, there are n buckets. A bucket defined by splits "
                        "x,y holds values in the range [x,y) except the last bucket, which also "
                        "includes y. The splits should be of length >= 3 and strictly increasing. "
                        "Values at -inf, inf must be explicitly provided to cover all Double "
                        "values; otherwise, values outside the splits specified will be treated "
                        "as errors.", typeConverter=TypeConverters.toListListFloat)
    handleInvalid = Param(Params._dummy(), "handleInvalid",
                          "how to handle invalid entries containing NaN values. Values outside "
                          "the splits will always be treated as errors. Options are 'skip' "
                          "(filter out rows with invalid values), 'error' (throw an error), or "
                          "'keep' (keep invalid values in a special additional bucket).",
                          typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, splits=None, inputCol=None, outputCol=None, handleInvalid="error",
                 splitsArray=None, inputCols=None, outputCols=None):
        super().__init__()
        self._setDefault(handleInvalid="error")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, splits=None, inputCol=None, outputCol=None, handleInvalid="error",
                  splitsArray=None, inputCols=None, outputCols=None):
        return self._set(**self._input_kwargs)

    def setSplits(self, value):
        return self._set(splits=value)

    def getSplits(self):
        return self.getOrDefault(self.splits)

    def setSplitsArray(self, value):
        return self._set(splitsArray=value)

    def getSplitsArray(self):
        return self.getOrDefault(self.splitsArray)

    def _transform(self, dataset):
        mode = self.getHandleInvalid()
        fu.check_choice(self, "handleInvalid", mode, ("error", "skip", "keep"))
        inputs, outputs = fu.single_or_multi_columns(self)
        splits_list = [self.getSplits()] if self.isSet(self.inputCol) else self.getSplitsArray()
        columns = {}
        for name, output, splits in zip(inputs, outputs, splits_list):
            fu.require(len(splits) >= 3, "Bucketizer requires splits of length >= 3, but got %d."
                       % len(splits))
            fu.require(all(a < b for a, b in zip(splits, splits[1:])),
                       "Splits must be strictly increasing: %s" % splits)
            fu.check_new_column(dataset, output)
            columns[output] = fu.engine_call("ml_bucketize", F.col(name).cast("double"), mode,
                                             fu.doubles_text(splits))
        result = dataset.withColumns(columns)
        if mode == "skip":
            for name, output in zip(inputs, outputs):
                result = result.filter(F.col(output).isNotNull() | F.col(name).isNull())
        return result


class Binarizer(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                DefaultParamsReadable):
    """1.0 for values above the threshold, else 0.0."""

    threshold = Param(Params._dummy(), "threshold",
                      "Param for threshold used to binarize continuous features. The features "
                      "greater than the threshold will be binarized to 1.0. The features equal "
                      "to or less than the threshold will be binarized to 0.0",
                      typeConverter=TypeConverters.toFloat)

    @keyword_only
    def __init__(self, *, threshold=0.0, inputCol=None, outputCol=None):
        super().__init__()
        self._setDefault(threshold=0.0)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, threshold=0.0, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setThreshold(self, value):
        return self._set(threshold=value)

    def getThreshold(self):
        return self.getOrDefault(self.threshold)

    def _transform(self, dataset):
        name = self.getInputCol()
        data_type = fu.column_type(dataset, name)
        fu.require(fu.is_numeric(data_type),
                   "Data type %s is not supported." % data_type.simpleString())
        fu.check_new_column(dataset, self.getOutputCol())
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_binarize", F.col(name).cast("double"), repr(float(self.getThreshold()))))


# ---- OneHotEncoder -------------------------------------------------------------------------

class _OneHotEncoderParams(HasInputCol, HasInputCols, HasOutputCol, HasOutputCols,
                           HasHandleInvalid):
    handleInvalid = Param(Params._dummy(), "handleInvalid",
                          "How to handle invalid data during transform(). Options are 'keep' "
                          "(invalid data presented as an extra categorical feature) or error "
                          "(throw an error). Note that this Param is only used during transform; "
                          "during fitting, invalid data will result in an error.",
                          typeConverter=TypeConverters.toString)
    dropLast = Param(Params._dummy(), "dropLast", "whether to drop the last category",
                     typeConverter=TypeConverters.toBoolean)

    def __init__(self):
        super().__init__()
        self._setDefault(handleInvalid="error", dropLast=True)

    def getDropLast(self):
        return self.getOrDefault(self.dropLast)

    def setDropLast(self, value):
        return self._set(dropLast=value)

    def _columns(self, dataset):
        fu.check_choice(self, "handleInvalid", self.getHandleInvalid(), ("error", "keep"))
        inputs, outputs = fu.single_or_multi_columns(self)
        for name in inputs:
            data_type = fu.column_type(dataset, name)
            fu.require(fu.is_numeric(data_type),
                       "Input column must be of type numeric but got %s"
                       % data_type.simpleString())
        return inputs, outputs


class OneHotEncoder(_OneHotEncoderParams, Estimator, DefaultParamsWritable,
                    DefaultParamsReadable):
    """Maps category indices to one-hot sparse vectors (the last category dropped by default)."""

    @keyword_only
    def __init__(self, *, inputCols=None, outputCols=None, handleInvalid="error", dropLast=True,
                 inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCols=None, outputCols=None, handleInvalid="error",
                  dropLast=True, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        inputs, _ = self._columns(dataset)
        values = [F.col(name).cast("double") for name in inputs]
        row = dataset.agg(*[F.max(v) for v in values], *[F.min(v) for v in values]).head()
        sizes = []
        for i, name in enumerate(inputs):
            largest, smallest = row[i], row[len(inputs) + i]
            fu.require(smallest is None or smallest >= 0,
                       "Negative value: %s. Input can't be negative. To handle invalid values, "
                       "set Param handleInvalid to keep." % smallest)
            sizes.append(int(largest) + 1 if largest is not None else 0)
        model = OneHotEncoderModel(sizes)
        model._resetUid(self.uid)
        return self._copyValues(model)


class OneHotEncoderModel(_OneHotEncoderParams, Model, DefaultParamsWritable,
                         DefaultParamsReadable):
    """The fitted OneHotEncoder: the number of categories of each input column."""

    def __init__(self, categorySizes=None):
        super().__init__()
        self._category_sizes = list(categorySizes or [])

    @property
    def categorySizes(self):
        return list(self._category_sizes)

    def copy(self, extra=None):
        that = super().copy(extra)
        that._category_sizes = list(self._category_sizes)
        return that

    def _transform(self, dataset):
        inputs, outputs = self._columns(dataset)
        keep = self.getHandleInvalid() == "keep"
        columns = {}
        for name, output, size in zip(inputs, outputs, self._category_sizes):
            fu.check_new_column(dataset, output)
            columns[output] = fu.engine_call("ml_one_hot", F.col(name).cast("double"),
                                             F.lit(size), F.lit(self.getDropLast()),
                                             F.lit(keep))
        return dataset.withColumns(columns)

    def _save_data(self, path, spark):
        import os
        spark.createDataFrame([(self._category_sizes,)], "categorySizes array<int>") \
            .write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        import os
        return cls(spark.read.parquet(os.path.join(path, "data")).head()[0])


# ---- SQLTransformer ------------------------------------------------------------------------

class SQLTransformer(Transformer, DefaultParamsWritable, DefaultParamsReadable):
    """Runs a SQL statement over the dataset, named __THIS__ in the statement."""

    statement = Param(Params._dummy(), "statement", "SQL statement",
                      typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, statement=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, statement=None):
        return self._set(**self._input_kwargs)

    def setStatement(self, value):
        return self._set(statement=value)

    def getStatement(self):
        return self.getOrDefault(self.statement)

    def _transform(self, dataset):
        # The view stays: Ember's SQL DataFrames resolve their names each time they run.
        view = "__ember_sql_transformer_%s" % self.uid
        dataset.createOrReplaceTempView(view)
        return dataset.sparkSession.sql(self.getStatement().replace("__THIS__", view))


# ---- MaxAbsScaler, ElementwiseProduct ------------------------------------------------------

class MaxAbsScaler(HasInputCol, HasOutputCol, Estimator, DefaultParamsWritable,
                   DefaultParamsReadable):
    """Divides each vector element by its largest absolute value over the data (found by one
    engine aggregate, ml_summary); sparse vectors stay sparse."""

    @keyword_only
    def __init__(self, *, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        from pyspark.ml import _training as tr
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        summary = tr.summarize(dataset.select(F.col(name).alias(tr.FEATURES),
                                              F.lit(1.0).alias(tr.WEIGHT)), check=False)
        model = MaxAbsScalerModel(DenseVector(np.maximum(np.abs(summary.min),
                                                         np.abs(summary.max))))
        model._resetUid(self.uid)
        return self._copyValues(model)


class MaxAbsScalerModel(HasInputCol, HasOutputCol, Model, DefaultParamsWritable,
                        DefaultParamsReadable):
    """The fitted MaxAbsScaler: each element's largest absolute value."""

    def __init__(self, maxAbs=None):
        super().__init__()
        self._max_abs = maxAbs

    @property
    def maxAbs(self):
        return self._max_abs

    def _transform(self, dataset):
        return _scale_elements(dataset, self.getInputCol(), self.getOutputCol(),
                               [1.0 if m == 0 else 1.0 / m for m in self._max_abs.toArray()])

    def _save_data(self, path, spark):
        import os
        _vector_data_frame(spark, [("maxAbs", self._max_abs)]).write.parquet(
            os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        import os
        return cls(spark.read.parquet(os.path.join(path, "data")).select("maxAbs").head()[0])


class ElementwiseProduct(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                         DefaultParamsReadable):
    """Multiplies each vector by scalingVec element by element (the Hadamard product)."""

    scalingVec = Param(Params._dummy(), "scalingVec", "Vector for hadamard product.",
                       typeConverter=TypeConverters.toVector)

    @keyword_only
    def __init__(self, *, scalingVec=None, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, scalingVec=None, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setScalingVec(self, value):
        return self._set(scalingVec=value)

    def getScalingVec(self):
        return self.getOrDefault(self.scalingVec)

    def _transform(self, dataset):
        return _scale_elements(dataset, self.getInputCol(), self.getOutputCol(),
                               self.getScalingVec().toArray())


def _shift_and_scale(dataset, name, output, shift, spread):
    """(v - shift) / spread element by element (0 where spread is 0), either part left out when
    None, as column `output`."""
    fu.check_vector_column(dataset, name)
    fu.check_new_column(dataset, output)
    if shift is None and spread is None:
        return dataset.withColumn(output, F.col(name))
    scale = [] if spread is None else [0.0 if s == 0 else 1.0 / s for s in spread]
    value = fu.engine_call("ml_standard_scale", F.col(name),
                           fu.doubles_text([] if shift is None else shift),
                           fu.doubles_text(scale))
    return dataset.withColumn(output, value)


def _scale_elements(dataset, name, output, scale):
    """The vector column `name` times `scale` element by element, as column `output`."""
    fu.check_vector_column(dataset, name)
    fu.check_new_column(dataset, output)
    value = fu.engine_call("ml_standard_scale", F.col(name), "", fu.doubles_text(scale))
    return dataset.withColumn(output, value)


# ---- QuantileDiscretizer -------------------------------------------------------------------

class QuantileDiscretizer(HasInputCol, HasOutputCol, HasInputCols, HasOutputCols,
                          HasHandleInvalid, Estimator, DefaultParamsWritable,
                          DefaultParamsReadable):
    """Fits a Bucketizer whose splits are approximate quantiles of each column (the engine's
    approxQuantile), the outer ones opened to -inf and +inf."""

    numBuckets = Param(Params._dummy(), "numBuckets",
                       "Maximum number of buckets (quantiles, or categories) into which data "
                       "points are grouped. Must be >= 2.", typeConverter=TypeConverters.toInt)
    numBucketsArray = Param(Params._dummy(), "numBucketsArray",
                            "Array of number of buckets (quantiles, or categories) into which "
                            "data points are grouped. This is for multiple columns input. If "
                            "transforming multiple columns and numBucketsArray is not set, but "
                            "numBuckets is set, then numBuckets will be applied across all "
                            "columns.", typeConverter=TypeConverters.toListInt)
    relativeError = Param(Params._dummy(), "relativeError",
                          "The relative target precision for the approximate quantile "
                          "algorithm used to generate buckets. Must be in the range [0, 1].",
                          typeConverter=TypeConverters.toFloat)
    handleInvalid = Param(Params._dummy(), "handleInvalid",
                          "how to handle invalid entries. Options are skip (filter out rows "
                          "with invalid values), error (throw an error), or keep (keep invalid "
                          "values in a special additional bucket).",
                          typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, numBuckets=2, inputCol=None, outputCol=None, relativeError=0.001,
                 handleInvalid="error", numBucketsArray=None, inputCols=None, outputCols=None):
        super().__init__()
        self._setDefault(numBuckets=2, relativeError=0.001, handleInvalid="error")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, numBuckets=2, inputCol=None, outputCol=None, relativeError=0.001,
                  handleInvalid="error", numBucketsArray=None, inputCols=None, outputCols=None):
        return self._set(**self._input_kwargs)

    def getNumBuckets(self):
        return self.getOrDefault(self.numBuckets)

    def setNumBuckets(self, value):
        return self._set(numBuckets=value)

    def getNumBucketsArray(self):
        return self.getOrDefault(self.numBucketsArray)

    def getRelativeError(self):
        return self.getOrDefault(self.relativeError)

    def _fit(self, dataset):
        fu.check_choice(self, "handleInvalid", self.getHandleInvalid(), ("error", "skip", "keep"))
        inputs, outputs = fu.single_or_multi_columns(self)
        buckets = (self.getNumBucketsArray() if self.isSet(self.numBucketsArray)
                   else [self.getNumBuckets()] * len(inputs))
        fu.require(len(buckets) == len(inputs), "The number of input columns %d must be the "
                   "same as the number of numBucketsArray %d." % (len(inputs), len(buckets)))
        splits = []
        for name, count in zip(inputs, buckets):
            fu.require(count >= 2, "numBuckets must be >= 2")
            probabilities = [i / count for i in range(count + 1)]
            quantiles = dataset.approxQuantile(name, probabilities, self.getRelativeError())
            inner = sorted(set(q for q in quantiles[1:-1]))
            splits.append([float("-inf")] + inner + [float("inf")])
        bucketizer = Bucketizer(handleInvalid=self.getHandleInvalid())
        if self.isSet(self.inputCol):
            bucketizer.setParams(splits=splits[0], inputCol=inputs[0], outputCol=outputs[0])
        else:
            bucketizer.setParams(splitsArray=splits, inputCols=inputs, outputCols=outputs)
        bucketizer._resetUid(self.uid)
        return bucketizer


# ---- RobustScaler --------------------------------------------------------------------------

class _RobustScalerParams(HasInputCol, HasOutputCol, HasRelativeError):
    lower = Param(Params._dummy(), "lower", "Lower quantile to calculate quantile range",
                  typeConverter=TypeConverters.toFloat)
    upper = Param(Params._dummy(), "upper", "Upper quantile to calculate quantile range",
                  typeConverter=TypeConverters.toFloat)
    withCentering = Param(Params._dummy(), "withCentering", "Whether to center data with median",
                          typeConverter=TypeConverters.toBoolean)
    withScaling = Param(Params._dummy(), "withScaling", "Whether to scale the data to quantile "
                        "range", typeConverter=TypeConverters.toBoolean)

    def __init__(self):
        super().__init__()
        self._setDefault(lower=0.25, upper=0.75, withCentering=False, withScaling=True,
                         relativeError=0.001)

    def getLower(self):
        return self.getOrDefault(self.lower)

    def getUpper(self):
        return self.getOrDefault(self.upper)

    def getWithCentering(self):
        return self.getOrDefault(self.withCentering)

    def getWithScaling(self):
        return self.getOrDefault(self.withScaling)


class RobustScaler(_RobustScalerParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Removes each element's median and scales by its quantile range (upper - lower quantile),
    the quantiles approximated by the engine's percentile_approx."""

    @keyword_only
    def __init__(self, *, lower=0.25, upper=0.75, withCentering=False, withScaling=True,
                 inputCol=None, outputCol=None, relativeError=0.001):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, lower=0.25, upper=0.75, withCentering=False, withScaling=True,
                  inputCol=None, outputCol=None, relativeError=0.001):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        lower, upper = self.getLower(), self.getUpper()
        fu.require(0 <= lower < upper <= 1, "The specified lower quantile(%s) is larger or equal "
                   "to upper quantile(%s)" % (lower, upper))
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        rows = dataset.filter(F.col(name).isNotNull())
        size = _vector_size(rows, name)
        accuracy = int(1 / self.getRelativeError()) if self.getRelativeError() > 0 else 2 ** 31 - 1
        row = rows.agg(*[F.percentile_approx(_element(name, i), [lower, 0.5, upper], accuracy)
                         for i in range(size)]).head()
        quantiles = np.array([list(q) for q in row])
        model = RobustScalerModel(DenseVector(quantiles[:, 2] - quantiles[:, 0]),
                                  DenseVector(quantiles[:, 1]))
        model._resetUid(self.uid)
        return self._copyValues(model)


class RobustScalerModel(_RobustScalerParams, Model, DefaultParamsWritable, DefaultParamsReadable):
    """The fitted RobustScaler: each element's quantile range and median."""

    def __init__(self, range=None, median=None):
        super().__init__()
        self._range = range
        self._median = median

    @property
    def range(self):
        return self._range

    @property
    def median(self):
        return self._median

    def _transform(self, dataset):
        return _shift_and_scale(dataset, self.getInputCol(), self.getOutputCol(),
                                self._median.toArray() if self.getWithCentering() else None,
                                self._range.toArray() if self.getWithScaling() else None)

    def _save_data(self, path, spark):
        import os
        _vector_data_frame(spark, [("range", self._range), ("median", self._median)]) \
            .write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        import os
        row = spark.read.parquet(os.path.join(path, "data")).select("range", "median").head()
        return cls(row[0], row[1])


# ---- Normalizer, VectorSlicer, DCT ---------------------------------------------------------

class _VectorMap(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                 DefaultParamsReadable):
    """Transformers mapping each vector on its own with one engine function."""

    def _engine_args(self):
        raise NotImplementedError()

    def _transform(self, dataset):
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        fu.check_new_column(dataset, self.getOutputCol())
        function, *args = self._engine_args()
        return dataset.withColumn(self.getOutputCol(),
                                  fu.engine_call(function, F.col(name), *args))


class Normalizer(_VectorMap):
    """Scales each vector to unit p-norm (a zero vector stays as it is)."""

    p = Param(Params._dummy(), "p", "the p norm value.", typeConverter=TypeConverters.toFloat)

    @keyword_only
    def __init__(self, *, p=2.0, inputCol=None, outputCol=None):
        super().__init__()
        self._setDefault(p=2.0)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, p=2.0, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setP(self, value):
        return self._set(p=value)

    def getP(self):
        return self.getOrDefault(self.p)

    def _engine_args(self):
        p = self.getP()
        fu.require(p >= 1, "To compute the p-norm of the vector, we require that you specify a "
                   "p>=1. You specified p=%s." % p)
        return "ml_normalize", "inf" if p == float("inf") else repr(p)


class VectorSlicer(_VectorMap):
    """The sub-vector at the given indices, in their order."""

    indices = Param(Params._dummy(), "indices", "An array of indices to select features from "
                    "a vector column. There can be no overlap with names.",
                    typeConverter=TypeConverters.toListInt)
    names = Param(Params._dummy(), "names", "An array of feature names to select features from "
                  "a vector column. These names must be specified by ML "
                  "org.apache.spark.ml.attribute.Attribute. There can be no overlap with "
                  "indices.", typeConverter=TypeConverters.toListString)

    @keyword_only
    def __init__(self, *, inputCol=None, outputCol=None, indices=None, names=None):
        super().__init__()
        self._setDefault(indices=[], names=[])
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCol=None, outputCol=None, indices=None, names=None):
        return self._set(**self._input_kwargs)

    def setIndices(self, value):
        return self._set(indices=value)

    def getIndices(self):
        return self.getOrDefault(self.indices)

    def setNames(self, value):
        return self._set(names=value)

    def getNames(self):
        return self.getOrDefault(self.names)

    def _engine_args(self):
        indices = self.getIndices()
        fu.require(not self.getNames(), "VectorSlicer needs indices: Ember keeps no ML attribute "
                   "metadata on columns to look names up.")
        fu.require(indices, "VectorSlicer requires that at least one feature be selected.")
        fu.require(min(indices) >= 0 and len(set(indices)) == len(indices),
                   "VectorSlicer requires indices to be unique and non-negative.")
        return "ml_vector_slice", ",".join(str(i) for i in indices)


class DCT(_VectorMap):
    """The orthonormal discrete cosine transform (DCT-II) of each vector, or its inverse."""

    inverse = Param(Params._dummy(), "inverse", "Set transformer to perform inverse DCT, "
                    "default False.", typeConverter=TypeConverters.toBoolean)

    @keyword_only
    def __init__(self, *, inverse=False, inputCol=None, outputCol=None):
        super().__init__()
        self._setDefault(inverse=False)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inverse=False, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setInverse(self, value):
        return self._set(inverse=value)

    def getInverse(self):
        return self.getOrDefault(self.inverse)

    def _engine_args(self):
        return "ml_dct", "true" if self.getInverse() else "false"


from pyspark.ml._text_features import (  # noqa: E402  (they use _scale_elements above)
    CountVectorizer, CountVectorizerModel, FeatureHasher, HashingTF, IDF, IDFModel, NGram,
    PolynomialExpansion, RegexTokenizer, StopWordsRemover, Tokenizer,
)
from pyspark.ml._pca import PCA, PCAModel  # noqa: E402
from pyspark.ml._word2vec import Word2Vec, Word2VecModel  # noqa: E402
from pyspark.ml._vector_indexer import VectorIndexer, VectorIndexerModel  # noqa: E402
from pyspark.ml._selectors import (  # noqa: E402
    ChiSqSelector, ChiSqSelectorModel, UnivariateFeatureSelector, UnivariateFeatureSelectorModel,
    VarianceThresholdSelector, VarianceThresholdSelectorModel,
)
