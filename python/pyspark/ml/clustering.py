"""pyspark.ml.clustering: KMeans (Euclidean), initialised by k-means|| or at random, and
GaussianMixture (ml/_gaussian_mixture.py) and BisectingKMeans (ml/_bisecting_kmeans.py).

Each Lloyd iteration is one engine aggregate over the partitions (ml_kmeans_step: the cost and,
per center, the weight and weighted sum of its nearest rows); k-means|| samples candidates with
probability proportional to their cost (ml_kmeans_predict 'cost') and reduces the few candidates
it collects to k centers by weighted k-means++ and Lloyd on the driver, as Spark does.
"""

import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Estimator, Model
from pyspark.ml.linalg import DenseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasFeaturesCol, HasMaxBlockSizeInMB, HasMaxIter, HasPredictionCol, HasSeed, HasSolver, HasTol,
    HasWeightCol,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable, HasTrainingSummary
from pyspark.sql import functions as F

__all__ = ["KMeans", "KMeansModel", "KMeansSummary", "ClusteringSummary", "GaussianMixture",
           "GaussianMixtureModel", "GaussianMixtureSummary", "BisectingKMeans",
           "BisectingKMeansModel", "BisectingKMeansSummary"]

_LOCAL_ITERATIONS = 30


class _KMeansParams(HasMaxIter, HasFeaturesCol, HasSeed, HasPredictionCol, HasTol, HasWeightCol,
                    HasSolver, HasMaxBlockSizeInMB):
    k = Param(Params._dummy(), "k", "The number of clusters to create. Must be > 1.",
              typeConverter=TypeConverters.toInt)
    initMode = Param(Params._dummy(), "initMode",
                     'The initialization algorithm. This can be either "random" to choose random '
                     'points as initial cluster centers, or "k-means||" to use a parallel variant '
                     'of k-means++', typeConverter=TypeConverters.toString)
    initSteps = Param(Params._dummy(), "initSteps", "The number of steps for k-means|| "
                      "initialization mode. Must be > 0.", typeConverter=TypeConverters.toInt)
    distanceMeasure = Param(Params._dummy(), "distanceMeasure",
                            "the distance measure. Supported options: 'euclidean' and 'cosine'.",
                            typeConverter=TypeConverters.toString)
    solver = Param(Params._dummy(), "solver", "The solver algorithm for optimization. Supported "
                   "options: auto, row, block.", typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(k=2, initMode="k-means||", initSteps=2, tol=1e-4, maxIter=20,
                         distanceMeasure="euclidean", solver="auto")

    def getK(self):
        return self.getOrDefault(self.k)

    def getInitMode(self):
        return self.getOrDefault(self.initMode)

    def getInitSteps(self):
        return self.getOrDefault(self.initSteps)

    def getDistanceMeasure(self):
        return self.getOrDefault(self.distanceMeasure)


class KMeans(_KMeansParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """K-means clustering with k-means|| or random initialisation."""

    @keyword_only
    def __init__(self, *, featuresCol="features", predictionCol="prediction", k=2,
                 initMode="k-means||", initSteps=2, tol=1e-4, maxIter=20, seed=None,
                 distanceMeasure="euclidean", weightCol=None, solver="auto",
                 maxBlockSizeInMB=0.0):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", predictionCol="prediction", k=2,
                  initMode="k-means||", initSteps=2, tol=1e-4, maxIter=20, seed=None,
                  distanceMeasure="euclidean", weightCol=None, solver="auto",
                  maxBlockSizeInMB=0.0):
        return self._set(**self._input_kwargs)

    def setK(self, value):
        return self._set(k=value)

    def setInitMode(self, value):
        return self._set(initMode=value)

    def setInitSteps(self, value):
        return self._set(initSteps=value)

    def setDistanceMeasure(self, value):
        return self._set(distanceMeasure=value)

    def _fit(self, dataset):
        fu.require(self.getK() > 1, "k must be > 1")
        fu.check_choice(self, "initMode", self.getInitMode(), ("random", "k-means||"))
        if self.getDistanceMeasure() != "euclidean":
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "KMeans with distanceMeasure %s"
                                              % self.getDistanceMeasure()})
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        fu.check_vector_column(dataset, self.getFeaturesCol())
        frame = tr.instances(dataset.withColumn("__ember_label", F.lit(0.0)),
                             self.getFeaturesCol(), "__ember_label", weight_col, False)
        with tr.Materialized(frame.filter(F.col(tr.FEATURES).isNotNull())) as data:
            if self.getInitMode() == "random":
                centers = self._random_centers(data)
            else:
                centers = self._parallel_centers(data)
            centers, cost, iterations = _lloyd(data, centers, self.getMaxIter(), self.getTol())
        model = KMeansModel([DenseVector(c) for c in centers])
        model._resetUid(self.uid)
        model = self._copyValues(model)
        model._summary = KMeansSummary(model.transform(dataset), model.getPredictionCol(),
                                       model.getFeaturesCol(), len(centers), iterations, cost)
        return model

    def _sample(self, data, count, seed):
        rows = data.orderBy(F.rand(seed)).limit(count).select(tr.FEATURES).collect()
        return [r[0].toArray() for r in rows]

    def _random_centers(self, data):
        centers = self._sample(data, self.getK(), self.getSeed())
        fu.require(len(centers) > 0, "Nothing has been added to this summarizer.")
        return np.array(centers)

    def _parallel_centers(self, data):
        """Spark's k-means||: a random first center, then initSteps rounds that keep each row
        with probability 2k * cost / total cost; more than k candidates are reduced by weighted
        k-means++ and Lloyd on the driver."""
        k, seed = self.getK(), self.getSeed()
        candidates = self._sample(data, 1, seed)
        fu.require(len(candidates) > 0, "Nothing has been added to this summarizer.")
        for step in range(self.getInitSteps()):
            text, count = _centers_text(np.array(candidates))
            cost = fu.engine_call("ml_kmeans_predict", "cost", text, count, F.col(tr.FEATURES))
            costed = data.withColumn("__cost", cost * F.col(tr.WEIGHT))
            total = costed.agg(F.sum("__cost")).head()[0]
            if not total:
                break
            draw = F.rand((seed + step + 1) & 0x7FFFFFFFFFFFFFFF)
            chosen = (costed.filter(draw < 2.0 * k * F.col("__cost") / total)
                      .select(tr.FEATURES).collect())
            candidates += [r[0].toArray() for r in chosen]
        distinct = np.unique(np.array(candidates), axis=0)
        if len(distinct) <= k:
            return distinct
        _, weights, _ = _step(data, distinct)
        return _local_kmeans(distinct, weights, k, np.random.default_rng(seed & 0xFFFFFFFF))


def _centers_text(centers):
    return fu.doubles_text(np.asarray(centers).ravel()), str(len(centers))


def _step(data, centers):
    """(cost, weight per center, weighted sum per center) of one pass over the rows."""
    text, count = _centers_text(centers)
    row = data.agg(fu.engine_call("ml_kmeans_step", text, count, F.col(tr.FEATURES),
                                  F.col(tr.WEIGHT))).head()
    values = np.asarray(row[0], dtype=float)
    per_center = values[1:].reshape(len(centers), -1)
    return values[0], per_center[:, 0], per_center[:, 1:]


def _lloyd(data, centers, max_iter, tol):
    """Lloyd iterations until every center moves by at most tol (or max_iter): the centers, the
    cost of the last pass and the number of iterations."""
    centers = np.array(centers, dtype=float)
    cost, iteration = 0.0, 0
    while iteration < max_iter:
        cost, weights, sums = _step(data, centers)
        moved = centers.copy()
        filled = weights > 0
        moved[filled] = sums[filled] / weights[filled][:, None]
        converged = bool(np.all(np.sum((moved - centers) ** 2, axis=1) <= tol * tol))
        centers = moved
        iteration += 1
        if converged:
            break
    return centers, cost, iteration


def _local_kmeans(points, weights, k, rng):
    """Weighted k-means++ seeding, then Lloyd, over the few candidate centers (driver side)."""
    chosen = [points[_weighted_choice(weights, rng)]]
    distances = np.sum((points - chosen[0]) ** 2, axis=1)
    while len(chosen) < k:
        chosen.append(points[_weighted_choice(weights * distances, rng)])
        distances = np.minimum(distances, np.sum((points - chosen[-1]) ** 2, axis=1))
    centers = np.array(chosen)
    for _ in range(_LOCAL_ITERATIONS):
        nearest = np.argmin(((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2), axis=1)
        moved = centers.copy()
        for c in range(k):
            members = nearest == c
            if weights[members].sum() > 0:
                moved[c] = np.average(points[members], axis=0, weights=weights[members])
            else:
                moved[c] = points[rng.integers(len(points))]
        if np.array_equal(moved, centers):
            break
        centers = moved
    return centers


def _weighted_choice(weights, rng):
    total = weights.sum()
    if total <= 0:
        return int(rng.integers(len(weights)))
    return int(min(np.searchsorted(np.cumsum(weights), rng.random() * total, side="right"),
                   len(weights) - 1))


class KMeansModel(_KMeansParams, Model, HasTrainingSummary, DefaultParamsWritable,
                  DefaultParamsReadable):
    """The fitted cluster centers; transform adds the index of the nearest one."""

    def __init__(self, clusterCenters=None):
        super().__init__()
        self._centers = [DenseVector(c) for c in (clusterCenters or [])]

    def clusterCenters(self):
        return [c.toArray() for c in self._centers]

    def _engine(self, kind, features):
        text, count = _centers_text(self.clusterCenters())
        return fu.engine_call("ml_kmeans_predict", kind, text, count, features)

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        if not self.getPredictionCol():
            return dataset
        return dataset.withColumn(self.getPredictionCol(),
                                  self._engine("cluster", F.col(self.getFeaturesCol())))

    def predict(self, value):
        x = _convert_to_vector(value).toArray()
        return int(np.argmin([np.sum((x - c) ** 2) for c in self.clusterCenters()]))

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import VectorUDT
        from pyspark.sql.types import IntegerType, StructField, StructType
        schema = StructType([StructField("clusterIdx", IntegerType(), False),
                             StructField("clusterCenter", VectorUDT(), True)])
        spark.createDataFrame(list(enumerate(self._centers)), schema).write.parquet(
            os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        rows = (spark.read.parquet(os.path.join(path, "data"))
                .select("clusterIdx", "clusterCenter").collect())
        return cls([r[1] for r in sorted(rows, key=lambda r: r[0])])

    def __repr__(self):
        return "KMeansModel: uid=%s, k=%d, distanceMeasure=%s" % (
            self.uid, len(self._centers), self.getDistanceMeasure())


class ClusteringSummary:
    """The clustering of the training data: predictions, cluster sizes and iterations."""

    def __init__(self, predictions, predictionCol, featuresCol, k, numIter):
        self._predictions = predictions
        self._prediction_col = predictionCol
        self._features_col = featuresCol
        self._k = k
        self._num_iter = numIter

    @property
    def predictions(self):
        return self._predictions

    @property
    def predictionCol(self):
        return self._prediction_col

    @property
    def featuresCol(self):
        return self._features_col

    @property
    def k(self):
        return self._k

    @property
    def numIter(self):
        return self._num_iter

    @property
    def cluster(self):
        return self._predictions.select(self._prediction_col)

    @property
    def clusterSizes(self):
        counts = dict(self._predictions.groupBy(self._prediction_col).count().collect())
        return [counts.get(c, 0) for c in range(self._k)]


class KMeansSummary(ClusteringSummary):
    """KMeans' clustering summary, with the training cost."""

    def __init__(self, predictions, predictionCol, featuresCol, k, numIter, trainingCost):
        super().__init__(predictions, predictionCol, featuresCol, k, numIter)
        self._training_cost = trainingCost

    @property
    def trainingCost(self):
        """The weighted sum of squared distances to the nearest center, as of the last pass."""
        return self._training_cost


from pyspark.ml._gaussian_mixture import (  # noqa: E402  (it uses ClusteringSummary)
    GaussianMixture, GaussianMixtureModel, GaussianMixtureSummary)
from pyspark.ml._bisecting_kmeans import (  # noqa: E402  (it uses ClusteringSummary)
    BisectingKMeans, BisectingKMeansModel, BisectingKMeansSummary)
