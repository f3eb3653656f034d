"""pyspark.ml.recommendation: ALS, alternating least squares matrix factorization (explicit
ratings, or implicit preferences with confidence 1 + alpha |r|), as Spark solves it.

Each half-iteration is one engine aggregate grouped by the side being solved (ml_als_factor):
every group's normal equations against the other side's fixed factors (passed as literal text)
are summed over its ratings and solved by Cholesky in the aggregate, regParam scaled by the
group's number of (positive, for implicit) ratings (with nonnegative, the same quadratic is
minimised over non-negative factors by coordinate descent); only the new factors reach the
driver.
Factors are single-precision, as Spark's; items are solved first, then users, each iteration.
Initial factors are Gaussian vectors normalised to unit length, drawn from `seed` (not Spark's
generator). ALSModel predicts the factors' dot product through joins in the engine.
"""

import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Estimator, Model
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasBlockSize, HasCheckpointInterval, HasMaxIter, HasPredictionCol, HasRegParam, HasSeed,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, FloatType, IntegerType, StructField, StructType
from pyspark.sql.window import Window

__all__ = ["ALS", "ALSModel"]

_FACTORS = StructType([StructField("id", IntegerType(), False),
                       StructField("features", ArrayType(FloatType(), False), True)])


class _ALSModelParams(HasPredictionCol, HasBlockSize):
    userCol = Param(Params._dummy(), "userCol", "column name for user ids. Ids must be within "
                    "the integer value range.", typeConverter=TypeConverters.toString)
    itemCol = Param(Params._dummy(), "itemCol", "column name for item ids. Ids must be within "
                    "the integer value range.", typeConverter=TypeConverters.toString)
    coldStartStrategy = Param(Params._dummy(), "coldStartStrategy", "strategy for dealing with "
                              "unknown or new users/items at prediction time. This may be useful "
                              "in cross-validation or production scenarios, for handling "
                              "user/item ids the model has not seen in the training data. "
                              "Supported values: 'nan', 'drop'.",
                              typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(userCol="user", itemCol="item", coldStartStrategy="nan",
                         blockSize=4096)

    def getUserCol(self):
        return self.getOrDefault(self.userCol)

    def getItemCol(self):
        return self.getOrDefault(self.itemCol)

    def getColdStartStrategy(self):
        return self.getOrDefault(self.coldStartStrategy)

    def _ids(self, name):
        """Column `name` as int ids, with Spark's message for values that are not integers."""
        value = F.col(name)
        as_int = value.cast("int")
        bad = value.isNotNull() & (as_int.isNull() | (value.cast("double") != as_int))
        return F.when(bad, F.raise_error(F.concat(
            F.lit("ALS only supports values in Integer range and without fractional part for "
                  "columns %s and %s. Value " % (self.getUserCol(), self.getItemCol())),
            value.cast("string"), F.lit(" was either out of Integer range or contained a "
                                        "fractional part that could not be converted.")))
        ).otherwise(as_int)


class _ALSParams(_ALSModelParams, HasMaxIter, HasRegParam, HasCheckpointInterval, HasSeed):
    rank = Param(Params._dummy(), "rank", "rank of the factorization",
                 typeConverter=TypeConverters.toInt)
    numUserBlocks = Param(Params._dummy(), "numUserBlocks", "number of user blocks",
                          typeConverter=TypeConverters.toInt)
    numItemBlocks = Param(Params._dummy(), "numItemBlocks", "number of item blocks",
                          typeConverter=TypeConverters.toInt)
    implicitPrefs = Param(Params._dummy(), "implicitPrefs", "whether to use implicit preference",
                          typeConverter=TypeConverters.toBoolean)
    alpha = Param(Params._dummy(), "alpha", "alpha for implicit preference",
                  typeConverter=TypeConverters.toFloat)
    ratingCol = Param(Params._dummy(), "ratingCol", "column name for ratings",
                      typeConverter=TypeConverters.toString)
    nonnegative = Param(Params._dummy(), "nonnegative", "whether to use nonnegative constraint "
                        "for least squares", typeConverter=TypeConverters.toBoolean)
    intermediateStorageLevel = Param(Params._dummy(), "intermediateStorageLevel",
                                     "StorageLevel for intermediate datasets. Cannot be 'NONE'.",
                                     typeConverter=TypeConverters.toString)
    finalStorageLevel = Param(Params._dummy(), "finalStorageLevel", "StorageLevel for ALS model "
                              "factors.", typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(rank=10, maxIter=10, regParam=0.1, numUserBlocks=10, numItemBlocks=10,
                         implicitPrefs=False, alpha=1.0, ratingCol="rating", nonnegative=False,
                         checkpointInterval=10, intermediateStorageLevel="MEMORY_AND_DISK",
                         finalStorageLevel="MEMORY_AND_DISK")

    def getRank(self):
        return self.getOrDefault(self.rank)

    def getNumUserBlocks(self):
        return self.getOrDefault(self.numUserBlocks)

    def getNumItemBlocks(self):
        return self.getOrDefault(self.numItemBlocks)

    def getImplicitPrefs(self):
        return self.getOrDefault(self.implicitPrefs)

    def getAlpha(self):
        return self.getOrDefault(self.alpha)

    def getRatingCol(self):
        return self.getOrDefault(self.ratingCol)

    def getNonnegative(self):
        return self.getOrDefault(self.nonnegative)

    def getIntermediateStorageLevel(self):
        return self.getOrDefault(self.intermediateStorageLevel)

    def getFinalStorageLevel(self):
        return self.getOrDefault(self.finalStorageLevel)


def _factors_text(ids, factors):
    return fu.doubles_text(np.hstack([np.asarray(ids, dtype=float)[:, None],
                                      factors.astype(float)]).ravel())


def _initial_factors(count, rank, rng):
    """Gaussian vectors of unit length, in single precision."""
    factors = rng.standard_normal((count, rank)).astype(np.float32)
    return (factors / np.linalg.norm(factors, axis=1, keepdims=True)).astype(np.float32)


class ALS(_ALSParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Alternating least squares: user and item factors whose dot products fit the ratings."""

    @keyword_only
    def __init__(self, *, rank=10, maxIter=10, regParam=0.1, numUserBlocks=10,
                 numItemBlocks=10, implicitPrefs=False, alpha=1.0, userCol="user",
                 itemCol="item", seed=None, ratingCol="rating", nonnegative=False,
                 checkpointInterval=10, intermediateStorageLevel="MEMORY_AND_DISK",
                 finalStorageLevel="MEMORY_AND_DISK", coldStartStrategy="nan", blockSize=4096):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, rank=10, maxIter=10, regParam=0.1, numUserBlocks=10,
                  numItemBlocks=10, implicitPrefs=False, alpha=1.0, userCol="user",
                  itemCol="item", seed=None, ratingCol="rating", nonnegative=False,
                  checkpointInterval=10, intermediateStorageLevel="MEMORY_AND_DISK",
                  finalStorageLevel="MEMORY_AND_DISK", coldStartStrategy="nan", blockSize=4096):
        return self._set(**self._input_kwargs)

    def setRank(self, value):
        return self._set(rank=value)

    def setImplicitPrefs(self, value):
        return self._set(implicitPrefs=value)

    def setAlpha(self, value):
        return self._set(alpha=value)

    def setUserCol(self, value):
        return self._set(userCol=value)

    def setItemCol(self, value):
        return self._set(itemCol=value)

    def setRatingCol(self, value):
        return self._set(ratingCol=value)

    def setColdStartStrategy(self, value):
        return self._set(coldStartStrategy=value)

    def setNonnegative(self, value):
        return self._set(nonnegative=value)

    def _fit(self, dataset):
        rank = self.getRank()
        fu.require(rank >= 1, "rank must be >= 1")
        fu.require(self.getRegParam() >= 0, "regParam must be >= 0")
        fu.require(self.getMaxIter() >= 0, "maxIter must be >= 0")
        fu.check_choice(self, "coldStartStrategy", self.getColdStartStrategy(), ("nan", "drop"))
        rating = (F.col(self.getRatingCol()).cast("float") if self.getRatingCol()
                  else F.lit(1.0).cast("float")).cast("double")
        ratings = dataset.select(self._ids(self.getUserCol()).alias("user"),
                                 self._ids(self.getItemCol()).alias("item"),
                                 rating.alias("rating"))
        rng = np.random.default_rng(self.getSeed())
        with tr.Materialized(ratings) as data:
            users = np.array(sorted(r[0] for r in data.select("user").distinct().collect()
                                    if r[0] is not None), dtype=np.int64)
            items = np.array(sorted(r[0] for r in data.select("item").distinct().collect()
                                    if r[0] is not None), dtype=np.int64)
            user_factors = _initial_factors(len(users), rank, rng)
            item_factors = _initial_factors(len(items), rank, rng)
            for _ in range(self.getMaxIter()):
                item_factors = self._solve(data, "item", "user", users, user_factors)
                user_factors = self._solve(data, "user", "item", items, item_factors)
        spark = dataset.sparkSession
        model = ALSModel._create(spark, rank, users, user_factors, items, item_factors)
        model._resetUid(self.uid)
        return self._copyValues(model)

    def _solve(self, data, side, other, other_ids, other_factors):
        """The new factors of `side`, in the order of its sorted ids."""
        rank = self.getRank()
        yty = (fu.doubles_text(other_factors.astype(float).T.dot(other_factors.astype(float))
                               .ravel()) if self.getImplicitPrefs() else "")
        solved = dict(data.groupBy(side).agg(fu.engine_call(
            "ml_als_factor", _factors_text(other_ids, other_factors), str(rank),
            repr(float(self.getRegParam())), "true" if self.getImplicitPrefs() else "false",
            repr(float(self.getAlpha())), yty, "true" if self.getNonnegative() else "false",
            F.col(other), F.col("rating"))).collect())
        ids = sorted(i for i in solved if i is not None)
        return np.array([solved[i] for i in ids], dtype=np.float32).reshape(len(ids), rank)


class ALSModel(_ALSModelParams, Model, DefaultParamsWritable, DefaultParamsReadable):
    """The fitted factors: userFactors and itemFactors (id, features array<float>)."""

    def __init__(self):
        super().__init__()
        self._rank = 0
        self._user_factors = None
        self._item_factors = None

    @classmethod
    def _create(cls, spark, rank, users, user_factors, items, item_factors):
        model = cls()
        model._rank = rank
        model._user_factors = spark.createDataFrame(
            [(int(i), [float(v) for v in f]) for i, f in zip(users, user_factors)], _FACTORS)
        model._item_factors = spark.createDataFrame(
            [(int(i), [float(v) for v in f]) for i, f in zip(items, item_factors)], _FACTORS)
        return model

    @property
    def rank(self):
        return self._rank

    @property
    def userFactors(self):
        return self._user_factors

    @property
    def itemFactors(self):
        return self._item_factors

    def setUserCol(self, value):
        return self._set(userCol=value)

    def setItemCol(self, value):
        return self._set(itemCol=value)

    def setColdStartStrategy(self, value):
        return self._set(coldStartStrategy=value)

    def setPredictionCol(self, value):
        return self._set(predictionCol=value)

    def setBlockSize(self, value):
        return self._set(blockSize=value)

    @staticmethod
    def _dot(left, right):
        """The float dot product of two factor columns (NaN where one is missing)."""
        return fu.engine_call("ml_als_dot", left, right)

    def _transform(self, dataset):
        fu.check_new_column(dataset, self.getPredictionCol())
        users = self._user_factors.select(F.col("id").alias("__ember_user"),
                                          F.col("features").alias("__ember_uf"))
        items = self._item_factors.select(F.col("id").alias("__ember_item"),
                                          F.col("features").alias("__ember_if"))
        joined = (dataset.withColumn("__ember_u", self._ids(self.getUserCol()))
                  .withColumn("__ember_i", self._ids(self.getItemCol()))
                  .join(users, F.col("__ember_u") == F.col("__ember_user"), "left")
                  .join(items, F.col("__ember_i") == F.col("__ember_item"), "left"))
        out = joined.withColumn(self.getPredictionCol(),
                                self._dot(F.col("__ember_uf"), F.col("__ember_if")))
        out = out.select(*[F.col(c) for c in dataset.columns], self.getPredictionCol())
        if self.getColdStartStrategy() == "drop":
            out = out.filter(~F.isnan(F.col(self.getPredictionCol())))
        return out

    def _recommend(self, sources, targets, source_name, target_name, count):
        scores = (sources.select(F.col("id").alias(source_name), F.col("features").alias("s"))
                  .crossJoin(targets.select(F.col("id").alias(target_name),
                                            F.col("features").alias("t")))
                  .withColumn("rating", self._dot(F.col("s"), F.col("t"))))
        order = Window.partitionBy(source_name).orderBy(F.col("rating").desc(),
                                                        F.col(target_name))
        top = scores.withColumn("rank", F.row_number().over(order)).filter(F.col("rank") <= count)
        return top.groupBy(source_name).agg(F.transform(
            F.array_sort(F.collect_list(F.struct("rank", target_name, "rating"))),
            lambda s: F.struct(s[target_name].alias(target_name),
                               s["rating"].alias("rating"))).alias("recommendations"))

    def recommendForAllUsers(self, numItems):
        return self._recommend(self._user_factors, self._item_factors, self.getUserCol(),
                               self.getItemCol(), numItems)

    def recommendForAllItems(self, numUsers):
        return self._recommend(self._item_factors, self._user_factors, self.getItemCol(),
                               self.getUserCol(), numUsers)

    def recommendForUserSubset(self, dataset, numItems):
        wanted = dataset.select(self._ids(self.getUserCol()).alias("id")).distinct()
        return self._recommend(self._user_factors.join(wanted, "id"), self._item_factors,
                               self.getUserCol(), self.getItemCol(), numItems)

    def recommendForItemSubset(self, dataset, numUsers):
        wanted = dataset.select(self._ids(self.getItemCol()).alias("id")).distinct()
        return self._recommend(self._item_factors.join(wanted, "id"), self._user_factors,
                               self.getItemCol(), self.getUserCol(), numUsers)

    def _extra_metadata(self):
        return {"rank": self._rank}

    def _save_data(self, path, spark):
        self._user_factors.write.parquet(os.path.join(path, "userFactors"))
        self._item_factors.write.parquet(os.path.join(path, "itemFactors"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        model = cls()
        model._rank = int(metadata["rank"])
        model._user_factors = spark.read.parquet(os.path.join(path, "userFactors"))
        model._item_factors = spark.read.parquet(os.path.join(path, "itemFactors"))
        return model

    def __repr__(self):
        return "ALSModel: uid=%s, rank=%d" % (self.uid, self._rank)
