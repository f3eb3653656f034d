"""GaussianMixture of pyspark.ml.clustering: expectation maximisation as Spark runs it.

Each EM iteration is one engine aggregate over the partitions (ml_gmm_step: the log-likelihood
and, per Gaussian, the weighted sums of the responsibilities, of r * x and of r * x x^T); the
driver turns them into the next weights, means and covariances. It starts from k * 5 rows picked
by `rand(seed)`: each Gaussian's mean is the weighted mean of its five rows and its covariance
their diagonal (biased) variance, and stops after maxIter iterations or when the log-likelihood
changes by at most tol. Densities follow Spark's MultivariateGaussian (pseudo-inverse and
pseudo-determinant from the covariance's eigenvalues above EPSILON * max * n, plus EPSILON per
component); transform runs ml_gmm_predict with the same constants.
"""

import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Estimator, Model
from pyspark.ml.clustering import ClusteringSummary
from pyspark.ml.linalg import DenseMatrix, DenseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasAggregationDepth, HasFeaturesCol, HasMaxIter, HasPredictionCol, HasProbabilityCol,
    HasSeed, HasTol, HasWeightCol,
)
from pyspark.ml.stat import MultivariateGaussian
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable, HasTrainingSummary
from pyspark.sql import functions as F

_SAMPLES_PER_GAUSSIAN = 5
_MAX_FEATURES = int(np.sqrt(2147483647))
_EPSILON = np.finfo(float).eps


class _GaussianMixtureParams(HasMaxIter, HasFeaturesCol, HasSeed, HasPredictionCol,
                             HasProbabilityCol, HasTol, HasAggregationDepth, HasWeightCol):
    k = Param(Params._dummy(), "k", "Number of independent Gaussians in the mixture model. "
              "Must be > 1.", typeConverter=TypeConverters.toInt)

    def __init__(self):
        super().__init__()
        self._setDefault(k=2, tol=0.01, maxIter=100, aggregationDepth=2)

    def getK(self):
        return self.getOrDefault(self.k)


def _mixture_text(weights, means, covariances):
    """The mixture as ml_gmm_step and ml_gmm_predict take it (ml_util.h's Mixture)."""
    k, n = means.shape
    parts = [float(k), float(n)]
    for weight, mean, cov in zip(weights, means, covariances):
        parts += [weight] + list(mean) + list(np.asarray(cov).ravel())
    return fu.doubles_text(parts)


def _unpack(n, packed):
    """The symmetric matrix of an upper triangle packed by columns."""
    out = np.zeros((n, n))
    rows, cols = np.triu_indices(n)
    order = np.lexsort((rows, cols))
    out[rows[order], cols[order]] = packed
    return np.triu(out) + np.triu(out, 1).T


class GaussianMixture(_GaussianMixtureParams, Estimator, DefaultParamsWritable,
                      DefaultParamsReadable):
    """A mixture of k multivariate Gaussians fitted by expectation maximisation."""

    @keyword_only
    def __init__(self, *, featuresCol="features", predictionCol="prediction", k=2,
                 probabilityCol="probability", tol=0.01, maxIter=100, seed=None,
                 aggregationDepth=2, weightCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", predictionCol="prediction", k=2,
                  probabilityCol="probability", tol=0.01, maxIter=100, seed=None,
                  aggregationDepth=2, weightCol=None):
        return self._set(**self._input_kwargs)

    def setK(self, value):
        return self._set(k=value)

    def _fit(self, dataset):
        if self.getK() < 2:
            fu.check_choice(self, "k", self.getK(), ())
        fu.require(self.getMaxIter() >= 0, "maxIter must be >= 0")
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        fu.check_vector_column(dataset, self.getFeaturesCol())
        frame = tr.instances(dataset.withColumn("__ember_label", F.lit(0.0)),
                             self.getFeaturesCol(), "__ember_label", weight_col, False)
        with tr.Materialized(frame.filter(F.col(tr.FEATURES).isNotNull())) as data:
            tr.summarize(data)  # Spark's checks: vectors of one size, finite values
            weights, means, covariances = self._initial(data)
            fu.require(means.shape[1] < _MAX_FEATURES,
                       "GaussianMixture cannot handle more than %d features because the size "
                       "of the covariance matrix is quadratic in the number of features."
                       % _MAX_FEATURES)
            log_likelihood, iterations = self._expectation_maximisation(
                data, weights, means, covariances)
        model = GaussianMixtureModel(
            list(weights), [MultivariateGaussian(DenseVector(m), DenseMatrix(len(m), len(m),
                                                                             c.ravel(order="F")))
                            for m, c in zip(means, covariances)])
        model._resetUid(self.uid)
        model = self._copyValues(model)
        model._summary = GaussianMixtureSummary(
            model.transform(dataset), model.getPredictionCol(), model.getProbabilityCol(),
            model.getFeaturesCol(), self.getK(), log_likelihood, iterations)
        return model

    def _initial(self, data):
        k = self.getK()
        count = k * _SAMPLES_PER_GAUSSIAN
        rows = (data.orderBy(F.rand(self.getSeed())).limit(count)
                .select(tr.FEATURES, tr.WEIGHT).collect())
        fu.require(rows, "Nothing has been added to this summarizer.")
        rows = (rows * count)[:count]  # fewer rows than samples: each is taken again
        samples = np.array([r[0].toArray() for r in rows])
        sample_weights = np.array([r[1] for r in rows])
        weights, means, covariances = [], [], []
        for g in range(k):
            x = samples[g * _SAMPLES_PER_GAUSSIAN:(g + 1) * _SAMPLES_PER_GAUSSIAN]
            w = sample_weights[g * _SAMPLES_PER_GAUSSIAN:(g + 1) * _SAMPLES_PER_GAUSSIAN]
            weights.append(w.sum() / sample_weights.sum())
            mean = w.dot(x) / w.sum()
            means.append(mean)
            covariances.append(np.diag(w.dot((x - mean) ** 2) / w.sum()))
        return np.array(weights), np.array(means), np.array(covariances)

    def _expectation_maximisation(self, data, weights, means, covariances):
        k, n = means.shape
        width = 1 + n + n * (n + 1) // 2
        log_likelihood, previous = -np.finfo(float).max, 0.0
        iteration = 0
        while iteration < self.getMaxIter() and abs(log_likelihood - previous) > self.getTol():
            state = np.asarray(data.agg(fu.engine_call(
                "ml_gmm_step", _mixture_text(weights, means, covariances), F.col(tr.FEATURES),
                F.col(tr.WEIGHT))).head()[0])
            parts = state[1:].reshape(k, width)
            sums = parts[:, 0]
            for g in range(k):
                means[g] = parts[g, 1:1 + n] / sums[g]
                covariances[g] = _unpack(n, parts[g, 1 + n:]) / sums[g] - np.outer(means[g],
                                                                                    means[g])
            weights[:] = sums / sums.sum()
            previous, log_likelihood = log_likelihood, float(state[0])
            iteration += 1
        return log_likelihood, iteration


class GaussianMixtureModel(_GaussianMixtureParams, Model, HasTrainingSummary,
                           DefaultParamsWritable, DefaultParamsReadable):
    """The fitted mixture: weights and gaussians (MultivariateGaussian mean and cov)."""

    def __init__(self, weights=None, gaussians=None):
        super().__init__()
        self._weights = list(weights or [])
        self._gaussians = list(gaussians or [])

    @property
    def weights(self):
        return list(self._weights)

    @property
    def gaussians(self):
        return list(self._gaussians)

    @property
    def numFeatures(self):
        return self._gaussians[0].mean.size

    @property
    def gaussiansDF(self):
        from pyspark.ml.linalg import MatrixUDT, VectorUDT
        from pyspark.sql import SparkSession
        from pyspark.sql.types import StructField, StructType
        schema = StructType([StructField("mean", VectorUDT(), True),
                             StructField("cov", MatrixUDT(), True)])
        return SparkSession.getActiveSession().createDataFrame(
            [(g.mean, g.cov) for g in self._gaussians], schema)

    def setFeaturesCol(self, value):
        return self._set(featuresCol=value)

    def setPredictionCol(self, value):
        return self._set(predictionCol=value)

    def setProbabilityCol(self, value):
        return self._set(probabilityCol=value)

    def _text(self):
        means = np.array([g.mean.toArray() for g in self._gaussians])
        covariances = np.array([g.cov.toArray() for g in self._gaussians])
        return _mixture_text(np.array(self._weights), means, covariances)

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        features = F.col(self.getFeaturesCol())
        columns = {}
        if self.getProbabilityCol():
            columns[self.getProbabilityCol()] = fu.engine_call("ml_gmm_predict", "probability",
                                                               self._text(), features)
        if self.getPredictionCol():
            columns[self.getPredictionCol()] = fu.engine_call("ml_gmm_predict", "prediction",
                                                              self._text(), features)
        return dataset.withColumns(columns) if columns else dataset

    def predictProbability(self, value):
        x = _convert_to_vector(value).toArray()
        densities = []
        for weight, g in zip(self._weights, self._gaussians):
            eigenvalues, vectors = np.linalg.eigh(g.cov.toArray())
            kept = eigenvalues > _EPSILON * eigenvalues.max() * len(x)
            z = vectors.T.dot(x - g.mean.toArray())[kept] / np.sqrt(eigenvalues[kept])
            log_density = -0.5 * (len(x) * np.log(2 * np.pi) + np.sum(np.log(eigenvalues[kept]))
                                  + z.dot(z))
            densities.append(_EPSILON + weight * np.exp(log_density))
        densities = np.array(densities)
        return DenseVector(densities / densities.sum())

    def predict(self, value):
        return int(np.argmax(self.predictProbability(value).toArray()))

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import MatrixUDT, VectorUDT
        from pyspark.sql.types import ArrayType, DoubleType, StructField, StructType
        schema = StructType([StructField("weights", ArrayType(DoubleType(), False), True),
                             StructField("mus", ArrayType(VectorUDT(), True), True),
                             StructField("sigmas", ArrayType(MatrixUDT(), True), True)])
        row = ([float(w) for w in self._weights], [g.mean for g in self._gaussians],
               [g.cov for g in self._gaussians])
        spark.createDataFrame([row], schema).write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select(
            "weights", "mus", "sigmas").head()
        fu.require(len(row[1]) == len(row[2]), "Length of Mu and Sigma array must match")
        fu.require(len(row[1]) == len(row[0]), "Length of weight and Gaussian array must match")
        gaussians = [MultivariateGaussian(DenseVector(m.toArray()),
                                          s if isinstance(s, DenseMatrix) else s.toDense())
                     for m, s in zip(row[1], row[2])]
        return cls(list(row[0]), gaussians)

    def __repr__(self):
        return "GaussianMixtureModel: uid=%s, k=%d, numFeatures=%d" % (
            self.uid, len(self._weights), self.numFeatures)


class GaussianMixtureSummary(ClusteringSummary):
    """The clustering of the training data with each row's probabilities and the
    log-likelihood of the last EM pass."""

    def __init__(self, predictions, predictionCol, probabilityCol, featuresCol, k,
                 logLikelihood, numIter):
        super().__init__(predictions, predictionCol, featuresCol, k, numIter)
        self._probability_col = probabilityCol
        self._log_likelihood = logLikelihood

    @property
    def probabilityCol(self):
        return self._probability_col

    @property
    def probability(self):
        return self._predictions.select(self._probability_col)

    @property
    def logLikelihood(self):
        return self._log_likelihood


for _cls in (GaussianMixture, GaussianMixtureModel, GaussianMixtureSummary):
    _cls.__module__ = "pyspark.ml.clustering"
