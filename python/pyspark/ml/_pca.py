"""PCA of pyspark.ml.feature: the covariance comes from one engine aggregate (ml_gram's sums),
its principal components from an SVD on the driver (an n x n matrix); PCAModel projects with
ml_glm_predict's margins, the components as coefficient rows (as the serving runtime does)."""

import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml.base import Estimator, Model
from pyspark.ml.linalg import DenseMatrix, DenseVector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasInputCol, HasOutputCol
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F


class _PCAParams(HasInputCol, HasOutputCol):
    k = Param(Params._dummy(), "k", "the number of principal components (> 0)",
              typeConverter=TypeConverters.toInt)

    def getK(self):
        return self.getOrDefault(self.k)


class PCA(_PCAParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Projects vectors onto their k principal components: the first k left singular vectors of
    the sample covariance matrix, and the fraction of the variance each explains."""

    @keyword_only
    def __init__(self, *, k=None, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, k=None, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setK(self, value):
        return self._set(k=value)

    def _fit(self, dataset):
        from pyspark.ml._training import Gram
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        k = self.getK()
        fu.require(k > 0, "k must be > 0")
        gram = Gram(dataset.filter(F.col(name).isNotNull()).select(
            F.col(name).alias("features"), F.lit(0.0).alias("label"), F.lit(1.0).alias("weight")))
        n, m = gram.n, gram.count
        fu.require(k <= n, "source vector size %d must be no less than k=%d" % (n, k))
        mean = gram.sum_x / m
        covariance = (gram.sum_xx - m * np.outer(mean, mean)) / (m - 1)
        u, s, _ = np.linalg.svd(covariance)
        model = PCAModel(DenseMatrix(n, k, u[:, :k].flatten(order="F").tolist()),
                         DenseVector(s[:k] / s.sum()))
        model._resetUid(self.uid)
        return self._copyValues(model)


class PCAModel(_PCAParams, Model, DefaultParamsWritable, DefaultParamsReadable):
    """The fitted PCA: pc (n x k, the components as columns) and explainedVariance."""

    def __init__(self, pc=None, explainedVariance=None):
        super().__init__()
        self._pc = pc
        self._explained = explainedVariance

    @property
    def pc(self):
        return self._pc

    @property
    def explainedVariance(self):
        return self._explained

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def copy(self, extra=None):
        that = super().copy(extra)
        that._pc, that._explained = self._pc, self._explained
        return that

    def _transform(self, dataset):
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        fu.check_new_column(dataset, self.getOutputCol())
        components = self._pc.toArray().T  # k rows of n
        k = components.shape[0]
        rows = np.hstack([components, np.zeros((k, 1))])  # no intercept
        projection = fu.engine_call("ml_glm_predict", "margins", str(k),
                                    fu.doubles_text(rows.flatten()), "", F.col(name))
        return dataset.withColumn(self.getOutputCol(), projection)

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import MatrixUDT, VectorUDT
        from pyspark.sql.types import StructField, StructType
        schema = StructType([StructField("pc", MatrixUDT(), True),
                             StructField("explainedVariance", VectorUDT(), True)])
        spark.createDataFrame([(self._pc, self._explained)], schema).write.parquet(
            os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select(
            "pc", "explainedVariance").head()
        pc = row[0] if isinstance(row[0], DenseMatrix) else row[0].toDense()
        return cls(pc, row[1])


for _cls in (PCA, PCAModel):
    _cls.__module__ = "pyspark.ml.feature"
