"""VectorIndexer of pyspark.ml.feature: features with at most maxCategories distinct values are
categorical and their values are replaced by category indices (0.0, when present, is category 0
and the other values follow in increasing order).

Fitting is two engine queries over the vectors' elements (vector_to_array, posexplode): the
number of distinct values per feature, then the distinct values of the categorical features
only. VectorIndexerModel transforms with ml_vector_index, the maps as literal text.
"""

import os

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml.base import Estimator, Model
from pyspark.ml.functions import vector_to_array
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasHandleInvalid, HasInputCol, HasOutputCol
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F


class _VectorIndexerParams(HasInputCol, HasOutputCol, HasHandleInvalid):
    maxCategories = Param(
        Params._dummy(), "maxCategories",
        "Threshold for the number of values a categorical feature can take (>= 2). If a "
        "feature is found to have > maxCategories values, then it is declared continuous.",
        typeConverter=TypeConverters.toInt)
    handleInvalid = Param(
        Params._dummy(), "handleInvalid",
        "How to handle invalid data (unseen labels or NULL values). Options are 'skip' (filter "
        "out rows with invalid data), 'error' (throw an error), or 'keep' (put invalid data in "
        "a special additional bucket, at index of the number of categories of the feature).",
        typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(maxCategories=20, handleInvalid="error")

    def getMaxCategories(self):
        return self.getOrDefault(self.maxCategories)

    def _check(self, dataset):
        fu.check_choice(self, "handleInvalid", self.getHandleInvalid(), ("skip", "error", "keep"))
        fu.require(self.isDefined(self.inputCol),
                   "%s requires input column parameter: %s__inputCol"
                   % (type(self).__name__, self.uid))
        fu.check_vector_column(dataset, self.getInputCol())
        fu.check_new_column(dataset, self.getOutputCol())


class VectorIndexer(_VectorIndexerParams, Estimator, DefaultParamsWritable,
                    DefaultParamsReadable):
    """Indexes the categorical features of a vector column."""

    @keyword_only
    def __init__(self, *, maxCategories=20, inputCol=None, outputCol=None,
                 handleInvalid="error"):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, maxCategories=20, inputCol=None, outputCol=None,
                  handleInvalid="error"):
        return self._set(**self._input_kwargs)

    def setMaxCategories(self, value):
        return self._set(maxCategories=value)

    def _fit(self, dataset):
        if self.getMaxCategories() < 2:
            fu.check_choice(self, "maxCategories", self.getMaxCategories(), ())
        self._check(dataset)
        name = self.getInputCol()
        vectors = dataset.select(F.col(name).alias("v")).filter(F.col("v").isNotNull())
        first = vectors.select(F.size(vector_to_array("v"))).head()
        fu.require(first is not None, "VectorIndexer requires a non-empty input column %s" % name)
        num_features = first[0]
        other = vectors.select(F.size(vector_to_array("v")).alias("n")).filter(
            F.col("n") != num_features).head()
        fu.require(other is None, "VectorIndexer expected %d features but found vector of size %d."
                   % (num_features, other[0] if other else 0))
        elements = vectors.select(F.posexplode(vector_to_array("v")).alias("feature", "value"))
        counts = elements.groupBy("feature").agg(F.count_distinct("value"))
        categorical = sorted(f for f, k in counts.collect() if k <= self.getMaxCategories())
        values = {feature: [] for feature in categorical}
        if categorical:
            for feature, value in (elements.filter(F.col("feature").isin(categorical))
                                   .distinct().collect()):
                values[feature].append(value)
        maps = {}
        for feature, seen in values.items():
            ordered = sorted(v for v in seen if v != 0.0 and v == v)
            if any(v == 0.0 for v in seen):
                ordered.insert(0, 0.0)
            ordered += [v for v in seen if v != v]  # NaN, where Spark's hash set keeps it
            maps[feature] = {v: i for i, v in enumerate(ordered)}
        model = VectorIndexerModel(num_features, maps)
        model._resetUid(self.uid)
        return self._copyValues(model)


class VectorIndexerModel(_VectorIndexerParams, Model, DefaultParamsWritable,
                         DefaultParamsReadable):
    """The fitted category maps: {feature index: {value: category index}}."""

    def __init__(self, numFeatures=0, categoryMaps=None):
        super().__init__()
        self._num_features = numFeatures
        self._category_maps = categoryMaps or {}

    @property
    def numFeatures(self):
        return self._num_features

    @property
    def categoryMaps(self):
        return {feature: dict(m) for feature, m in self._category_maps.items()}

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def setHandleInvalid(self, value):
        return self._set(handleInvalid=value)

    def _transform(self, dataset):
        self._check(dataset)
        maps = []
        for feature in sorted(self._category_maps):
            ordered = sorted(self._category_maps[feature].items(), key=lambda item: item[1])
            maps.append(fu.doubles_text([feature] + [value for value, _ in ordered]))
        indexed = fu.engine_call("ml_vector_index", F.col(self.getInputCol()),
                                 self.getHandleInvalid(), str(self._num_features), *maps)
        out = dataset.withColumn(self.getOutputCol(), indexed)
        if self.getHandleInvalid() == "skip":
            out = out.filter(F.col(self.getOutputCol()).isNotNull())
        return out

    def _save_data(self, path, spark):
        from pyspark.sql.types import (DoubleType, IntegerType, MapType, StructField,
                                       StructType)
        schema = StructType([
            StructField("numFeatures", IntegerType(), False),
            StructField("categoryMaps", MapType(IntegerType(), MapType(DoubleType(),
                                                                        IntegerType(), False),
                                                False), True)])
        maps = {int(f): {float(v): int(i) for v, i in m.items()}
                for f, m in self._category_maps.items()}
        spark.createDataFrame([(self._num_features, maps)], schema).write.parquet(
            os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select(
            "numFeatures", "categoryMaps").head()
        return cls(row[0], {int(f): {float(v): int(i) for v, i in m.items()}
                            for f, m in (row[1] or {}).items()})

    def __repr__(self):
        return "VectorIndexerModel: uid=%s, numFeatures=%d, handleInvalid=%s" % (
            self.uid, self._num_features, self.getHandleInvalid())


for _cls in (VectorIndexer, VectorIndexerModel):
    _cls.__module__ = "pyspark.ml.feature"
