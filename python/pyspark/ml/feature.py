"""pyspark.ml.feature: feature transformers. Fitting aggregates with the engine and collects only
the small fitted state; transform adds engine expressions to the DataFrame's plan."""

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml.base import Estimator, Model, Transformer
from pyspark.ml.linalg import VectorUDT
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasHandleInvalid, HasInputCol, HasInputCols, HasOutputCol, HasOutputCols,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, FloatType

__all__ = ["StringIndexer", "StringIndexerModel", "VectorAssembler"]


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

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setInputCols(self, value):
        return self._set(inputCols=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def setOutputCols(self, value):
        return self._set(outputCols=value)

    def setHandleInvalid(self, value):
        return self._set(handleInvalid=value)

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

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setInputCols(self, value):
        return self._set(inputCols=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def setOutputCols(self, value):
        return self._set(outputCols=value)

    def setHandleInvalid(self, value):
        return self._set(handleInvalid=value)

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

    def setInputCols(self, value):
        return self._set(inputCols=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def setHandleInvalid(self, value):
        return self._set(handleInvalid=value)

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
