"""pyspark.ml.regression: LinearRegression and GeneralizedLinearRegression.

Spark's objective, with the label and the features standardized:
    1 / (2 sum w) * sum w (y / sy - sum_j b_j x_j / sx_j - c)^2
        + regParam / sy * ((1 - elasticNetParam) / 2 * ||b||^2 + elasticNetParam * ||b||_1)
(without standardization the penalty applies to b_j / sx_j). The 'normal' solver (the default
without an L1 part) solves it from the weighted normal equations, one engine aggregate (ml_gram),
with population standard deviations as Spark's WeightedLeastSquares does; 'l-bfgs' runs L-BFGS or
OWL-QN with one engine aggregate of the loss and gradient per evaluation (ml_glm_gradient) and
Spark's unbiased standard deviations.
"""

import math
import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _boosting
from pyspark.ml import _feature_util as fu
from pyspark.ml import _glm as glm
from pyspark.ml import _training as tr
from pyspark.ml import _trees
from pyspark.ml._metrics import RegressionMetrics
from pyspark.ml._optimize import minimize
from pyspark.ml.base import Estimator, Model
from pyspark.ml.linalg import DenseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasAggregationDepth, HasElasticNetParam, HasFeaturesCol, HasFitIntercept, HasLabelCol,
    HasLoss, HasMaxBlockSizeInMB, HasMaxIter, HasPredictionCol, HasRegParam, HasSolver,
    HasStandardization, HasTol, HasWeightCol,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable, HasTrainingSummary
from pyspark.sql import functions as F

__all__ = ["GBTRegressor", "GBTRegressionModel", "DecisionTreeRegressor", "DecisionTreeRegressionModel", "RandomForestRegressor", "RandomForestRegressionModel",
           "LinearRegression", "LinearRegressionModel", "LinearRegressionSummary",
           "LinearRegressionTrainingSummary", "GeneralizedLinearRegression",
           "GeneralizedLinearRegressionModel", "GeneralizedLinearRegressionTrainingSummary"]

_MAX_NORMAL_FEATURES = 4096


class _LinearRegressionParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasMaxIter,
                              HasRegParam, HasTol, HasElasticNetParam, HasFitIntercept,
                              HasStandardization, HasWeightCol, HasSolver, HasAggregationDepth,
                              HasLoss, HasMaxBlockSizeInMB):
    solver = Param(Params._dummy(), "solver",
                   "The solver algorithm for optimization. Supported options: auto, normal, "
                   "l-bfgs. (Default auto)", typeConverter=TypeConverters.toString)
    loss = Param(Params._dummy(), "loss",
                 "The loss function to be optimized. Supported options: squaredError, huber.",
                 typeConverter=TypeConverters.toString)
    epsilon = Param(Params._dummy(), "epsilon",
                    "The shape parameter to control the amount of robustness. Must be > 1.0. "
                    "Only valid when loss is huber", typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(maxIter=100, regParam=0.0, tol=1e-6, loss="squaredError",
                         solver="auto", epsilon=1.35)

    def getEpsilon(self):
        return self.getOrDefault(self.epsilon)


class LinearRegression(_LinearRegressionParams, Estimator, DefaultParamsWritable,
                       DefaultParamsReadable):
    """Least squares linear regression with L2, L1 or elastic-net regularization."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 maxIter=100, regParam=0.0, elasticNetParam=0.0, tol=1e-6, fitIntercept=True,
                 standardization=True, solver="auto", weightCol=None, aggregationDepth=2,
                 loss="squaredError", epsilon=1.35, maxBlockSizeInMB=0.0):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  maxIter=100, regParam=0.0, elasticNetParam=0.0, tol=1e-6, fitIntercept=True,
                  standardization=True, solver="auto", weightCol=None, aggregationDepth=2,
                  loss="squaredError", epsilon=1.35, maxBlockSizeInMB=0.0):
        return self._set(**self._input_kwargs)

    def setEpsilon(self, value):
        return self._set(epsilon=value)

    def _check_params(self):
        fu.check_choice(self, "solver", self.getSolver(), ("auto", "normal", "l-bfgs"))
        fu.check_choice(self, "loss", self.getLoss(), ("squaredError", "huber"))
        if self.getLoss() == "huber":
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                             messageParameters={"feature": "huber loss"})
        fu.require(self.getRegParam() >= 0, "regParam must be >= 0")
        fu.require(0 <= self.getElasticNetParam() <= 1, "elasticNetParam must be in [0, 1]")
        fu.require(self.getMaxIter() >= 0, "maxIter must be >= 0")

    def _fit(self, dataset):
        self._check_params()
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        frame = tr.instances(dataset, self.getFeaturesCol(), self.getLabelCol(), weight_col,
                             classification=False)
        solver = self.getSolver()
        with tr.Materialized(frame) as data:
            if solver == "normal" or (solver == "auto" and self.getElasticNetParam() == 0.0):
                gram = tr.Gram(data)
                if solver == "normal" or gram.n <= _MAX_NORMAL_FEATURES:
                    coefficients, intercept, diag, history = self._solve_normal(gram)
                    return self._model(dataset, coefficients, intercept, diag, history)
            coefficients, intercept, history = self._train_lbfgs(data)
            return self._model(dataset, coefficients, intercept, None, history)

    def _model(self, dataset, coefficients, intercept, diag, history):
        model = LinearRegressionModel(DenseVector(coefficients), float(intercept), 1.0)
        model._resetUid(self.uid)
        model = self._copyValues(model)
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        model._summary = LinearRegressionTrainingSummary(
            model, dataset, weight_col, diag, history)
        return model

    def _constant_label(self, mean, std, n):
        """Spark's shortcut when the label is constant: (coefficients, intercept) or None; a
        regularized fit of a constant label without intercept is refused."""
        if std != 0:
            return None
        if self.getFitIntercept() or mean == 0.0:
            return np.zeros(n), (mean if self.getFitIntercept() else 0.0)
        fu.require(not (self.getRegParam() > 0 and self.getStandardization()),
                   "The standard deviation of the label is zero. Model cannot be regularized "
                   "when labels are standardized.")
        return None

    def _solve_normal(self, gram):
        """Spark's WeightedLeastSquares with the label's shortcut for a constant label."""
        b_mean = gram.sum_y / gram.weight_sum
        b_std = math.sqrt(max(gram.sum_yy / gram.weight_sum - b_mean * b_mean, 0.0))
        constant = self._constant_label(b_mean, b_std, gram.n)
        if constant is not None:
            return constant[0], constant[1], np.zeros(1), [0.0]
        quasi_newton = (self.getElasticNetParam() > 0 and self.getRegParam() > 0)
        return weighted_least_squares(gram, self.getRegParam(), self.getElasticNetParam(),
                                      self.getFitIntercept(), self.getStandardization(),
                                      quasi_newton, self.getMaxIter(), self.getTol())

    def _train_lbfgs(self, data):
        features = tr.summarize(data)
        labels = tr.summarize(data, column=tr.LABEL)
        n = features.size
        y_mean, y_std = labels.mean[0], labels.std[0]
        constant = self._constant_label(y_mean, y_std, n)
        if constant is not None:
            return constant[0], constant[1], [0.0]
        scale_y = y_std if y_std != 0 else abs(y_mean)
        fit_intercept = self.getFitIntercept()
        space = tr.Standardized(features.mean, features.std, centered=fit_intercept)
        reg, alpha = self.getRegParam() / scale_y, self.getElasticNetParam()
        l2, l1 = tr.penalties(reg, alpha, features.std, self.getStandardization(), 1,
                              fit_intercept)
        mask = np.ones((1, n + 1))
        if not fit_intercept:
            mask[0, n] = 0.0

        def objective(z_flat):
            z = z_flat.reshape(1, n + 1) * mask
            weight_sum, loss, gradient = tr.loss_and_gradient(
                data, "squared", scale_y * space.to_original(z))
            g = space.gradient_to_standardized(gradient) / (scale_y * weight_sum) + l2 * z
            value = loss / (scale_y * scale_y * weight_sum) + 0.5 * float(np.sum(l2 * z * z))
            return value, (g * mask).ravel()

        z0 = np.zeros((1, n + 1))
        if fit_intercept:
            z0[0, n] = y_mean / scale_y
        z, history = minimize(objective, z0.ravel(), self.getMaxIter(), self.getTol(),
                              l1=l1.ravel() if alpha > 0 and reg > 0 else None)
        original = scale_y * space.to_original(z.reshape(1, n + 1) * mask)
        return original[0, :n], (original[0, n] if fit_intercept else 0.0), history


class _LinearPredictor:
    """Models with coefficients and an intercept whose linear predictor x . coefficients +
    intercept the engine computes (ml_glm_predict 'linear')."""

    @property
    def coefficients(self):
        return self._coefficients

    @property
    def intercept(self):
        return self._intercept

    @property
    def numFeatures(self):
        return len(self._coefficients)

    def _linear(self, features):
        table = fu.doubles_text(list(self._coefficients.toArray()) + [self._intercept])
        return fu.engine_call("ml_glm_predict", "linear", "1", table, "", features)


class LinearRegressionModel(_LinearRegressionParams, Model, _LinearPredictor, HasTrainingSummary,
                            DefaultParamsWritable, DefaultParamsReadable):
    """A fitted linear regression: prediction = coefficients . features + intercept."""

    def __init__(self, coefficients=None, intercept=0.0, scale=1.0):
        super().__init__()
        self._coefficients = coefficients
        self._intercept = intercept
        self._scale = scale

    @property
    def scale(self):
        return self._scale

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        if not self.getPredictionCol():
            return dataset
        return dataset.withColumn(self.getPredictionCol(),
                                  self._linear(F.col(self.getFeaturesCol())))

    def predict(self, value):
        return float(self._coefficients.dot(_convert_to_vector(value)) + self._intercept)

    def evaluate(self, dataset):
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        return LinearRegressionSummary(self, dataset, weight_col)

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import VectorUDT
        from pyspark.sql.types import DoubleType, StructField, StructType
        schema = StructType([StructField("intercept", DoubleType(), False),
                             StructField("coefficients", VectorUDT(), True),
                             StructField("scale", DoubleType(), False)])
        spark.createDataFrame([(float(self._intercept), self._coefficients, float(self._scale))],
                              schema).write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = (spark.read.parquet(os.path.join(path, "data"))
               .select("intercept", "coefficients", "scale").head())
        return cls(DenseVector(row[1].toArray()), row[0], row[2])

    def __repr__(self):
        return "LinearRegressionModel: uid=%s, numFeatures=%d" % (self.uid, self.numFeatures)


class LinearRegressionSummary:
    """Metrics of a LinearRegressionModel on a dataset (Spark's RegressionMetrics)."""

    def __init__(self, model, dataset, weight_col):
        prediction_col = model.getPredictionCol() or "prediction_" + model.uid
        self._model = model.copy({model.predictionCol: prediction_col})
        self._predictions = self._model.transform(dataset)
        self._prediction_col = prediction_col
        self._weight_col = weight_col
        self._metrics = RegressionMetrics(self._predictions, prediction_col, model.getLabelCol(),
                                          weight_col)

    @property
    def predictions(self):
        return self._predictions

    @property
    def predictionCol(self):
        return self._prediction_col

    @property
    def labelCol(self):
        return self._model.getLabelCol()

    @property
    def featuresCol(self):
        return self._model.getFeaturesCol()

    @property
    def explainedVariance(self):
        return self._metrics.explained_variance

    @property
    def meanAbsoluteError(self):
        return self._metrics.mean_absolute_error

    @property
    def meanSquaredError(self):
        return self._metrics.mean_squared_error

    @property
    def rootMeanSquaredError(self):
        return self._metrics.root_mean_squared_error

    @property
    def r2(self):
        return self._metrics.r2

    @property
    def r2adj(self):
        intercept = 1 if self._model.getFitIntercept() else 0
        n = self.numInstances
        return 1 - (1 - self.r2) * (n - intercept) / (n - self._model.numFeatures - intercept)

    @property
    def numInstances(self):
        return self._metrics.count

    @property
    def degreesOfFreedom(self):
        return (self.numInstances - self._model.numFeatures
                - (1 if self._model.getFitIntercept() else 0))

    @property
    def residuals(self):
        return self._predictions.select(
            (F.col(self.labelCol) - F.col(self._prediction_col)).alias("residuals"))


class LinearRegressionTrainingSummary(LinearRegressionSummary):
    """The summary on the training data, with the objective history and, for the normal
    solver without L1, the coefficients' standard errors, t-values and p-values."""

    def __init__(self, model, dataset, weight_col, diag, history):
        super().__init__(model, dataset, weight_col)
        self._diag = diag
        self._history = list(history)

    @property
    def objectiveHistory(self):
        return list(self._history)

    @property
    def totalIterations(self):
        return len(self._history) - 1

    @property
    def coefficientStandardErrors(self):
        if self._diag is None or (len(self._diag) == 1 and self._diag[0] == 0):
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "No Std. Error of coefficients available for "
                                              "this LinearRegressionModel"})
        rss = self._metrics.ss_err
        return [math.sqrt(d * rss / self.degreesOfFreedom) for d in self._diag]

    @property
    def pValues(self):
        """Two-sided p-values of the t-values under Student's t with degreesOfFreedom."""
        dof = self.degreesOfFreedom
        return [_regularized_beta(dof / (dof + t * t), dof / 2.0, 0.5) for t in self.tValues]

    @property
    def tValues(self):
        errors = self.coefficientStandardErrors
        values = list(self._model.coefficients.toArray())
        if self._model.getFitIntercept():
            values.append(self._model.intercept)
        return [v / e for v, e in zip(values, errors)]


def _regularized_beta(x, a, b):
    """The regularized incomplete beta function I_x(a, b), by its continued fraction (modified
    Lentz), using the symmetry I_x(a, b) = 1 - I_(1-x)(b, a) where the fraction converges slowly."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - _regularized_beta(1.0 - x, b, a)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x)) / a
    tiny = 1e-300
    f, c, d = 1.0, 1.0, 0.0
    for i in range(400):
        m = i // 2
        if i == 0:
            numerator = 1.0
        elif i % 2 == 0:
            numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        else:
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 + numerator * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + numerator / c
        c = c if abs(c) > tiny else tiny
        f *= c * d
        if abs(1.0 - c * d) < 1e-15:
            break
    return front * (f - 1.0)


def weighted_least_squares(gram, reg, alpha, fit_intercept, standardization, quasi_newton,
                           max_iter, tol):
    """Spark's WeightedLeastSquares on the normal equations' sums, features and label
    standardized by their population deviations: Cholesky, or OWL-QN on the same quadratic
    (quasi_newton, for an L1 part). Returns (coefficients, intercept, the diagonal of
    (A^T W A)^-1 for standard errors (one 0 without Cholesky), objective history)."""
    n, w = gram.n, gram.weight_sum
    b_mean = gram.sum_y / w
    b_std = math.sqrt(max(gram.sum_yy / w - b_mean * b_mean, 0.0))
    scale_y = b_std if b_std != 0 else abs(b_mean) if b_mean != 0 else 1.0
    a_mean = gram.sum_x / w
    a_std = np.sqrt(np.maximum(np.diag(gram.sum_xx) / w - a_mean * a_mean, 0.0))
    inverse = np.where(a_std != 0, 1.0 / np.where(a_std != 0, a_std, 1.0), 0.0)
    aa = gram.sum_xx / w * np.outer(inverse, inverse)
    ab = gram.sum_xy / w * inverse / scale_y
    a_bar = a_mean * inverse
    b_bar, bb_bar = b_mean / scale_y, gram.sum_yy / w / (scale_y * scale_y)
    l2, l1 = (p[0] for p in tr.penalties(reg / scale_y, alpha, a_std, standardization, 1,
                                         fit_intercept))
    aa = aa + np.diag(l2[:n])
    if fit_intercept:
        aa = np.block([[aa, a_bar[:, None]], [a_bar[None, :], np.ones((1, 1))]])
        ab = np.append(ab, b_bar)
    else:
        l1 = l1[:n]
    diag = np.zeros(1)
    if quasi_newton:
        def quadratic(x):
            return (0.5 * x.dot(aa).dot(x) - x.dot(ab) + 0.5 * bb_bar, aa.dot(x) - ab)
        x, history = minimize(quadratic, np.zeros(len(ab)), max_iter, tol,
                              l1=l1 if alpha > 0 else None)
    else:
        try:
            factor = np.linalg.cholesky(aa)
        except np.linalg.LinAlgError:
            raise fu.IllegalArgumentException(
                message="Cholesky solver failed due to singular covariance matrix.")
        x = np.linalg.solve(factor.T, np.linalg.solve(factor, ab))
        history = [0.0]
        multiplier = np.append(a_std * a_std, 1.0) if fit_intercept else a_std ** 2
        diag = np.diag(np.linalg.inv(aa)) / (w * multiplier)
    coefficients = x[:n] * np.where(a_std != 0, scale_y * inverse, 0.0)
    intercept = x[n] * scale_y if fit_intercept else 0.0
    return coefficients, intercept, diag, history


# ---- GeneralizedLinearRegression -----------------------------------------------------------

class _GeneralizedLinearRegressionParams(HasFeaturesCol, HasLabelCol, HasPredictionCol,
                                         HasFitIntercept, HasMaxIter, HasTol, HasRegParam,
                                         HasWeightCol, HasSolver, HasAggregationDepth):
    family = Param(Params._dummy(), "family", "The name of family which is a description of "
                   "the error distribution to be used in the model. Supported options: "
                   "gaussian (default), binomial, poisson, gamma and tweedie.",
                   typeConverter=TypeConverters.toString)
    link = Param(Params._dummy(), "link", "The name of link function which provides the "
                 "relationship between the linear predictor and the mean of the distribution "
                 "function. Supported options: identity, log, inverse, logit, probit, cloglog "
                 "and sqrt.", typeConverter=TypeConverters.toString)
    linkPredictionCol = Param(Params._dummy(), "linkPredictionCol", "link prediction (linear "
                              "predictor) column name", typeConverter=TypeConverters.toString)
    variancePower = Param(Params._dummy(), "variancePower", "The power in the variance "
                          "function of the Tweedie distribution which characterizes the "
                          "relationship between the variance and mean of the distribution. Only "
                          "applicable to the Tweedie family. Supported values: 0 and [1, Inf).",
                          typeConverter=TypeConverters.toFloat)
    linkPower = Param(Params._dummy(), "linkPower", "The index in the power link function. "
                      "Only applicable to the Tweedie family.",
                      typeConverter=TypeConverters.toFloat)
    solver = Param(Params._dummy(), "solver", "The solver algorithm for optimization. Supported "
                   "options: irls.", typeConverter=TypeConverters.toString)
    offsetCol = Param(Params._dummy(), "offsetCol", "The offset column name. If this is not set "
                      "or empty, we treat all instance offsets as 0.0",
                      typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(family="gaussian", maxIter=25, tol=1e-6, regParam=0.0, solver="irls",
                         variancePower=0.0, aggregationDepth=2)

    def getFamily(self):
        return self.getOrDefault(self.family)

    def getLink(self):
        return self.getOrDefault(self.link)

    def getLinkPredictionCol(self):
        return self.getOrDefault(self.linkPredictionCol)

    def getVariancePower(self):
        return self.getOrDefault(self.variancePower)

    def getLinkPower(self):
        return self.getOrDefault(self.linkPower)

    def getOffsetCol(self):
        return self.getOrDefault(self.offsetCol)

    def _family_and_link(self):
        family = self.getFamily().lower()
        fu.check_choice(self, "family", family, ("gaussian", "binomial", "poisson", "gamma",
                                                 "tweedie"))
        link = self.getLink().lower() if self.isDefined(self.link) else None
        if family == "tweedie" or self.isSet(self.offsetCol) or link in ("probit", "cloglog"):
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "GeneralizedLinearRegression with the tweedie "
                                              "family, probit or cloglog links or offsets"})
        link = link or glm.FAMILIES[family].canonical
        fu.require(link in glm.SUPPORTED[family],
                   "GeneralizedLinearRegression with %s family does not support %s link "
                   "function." % (family.capitalize(), link))
        return glm.FAMILIES[family], glm.LINKS[link]


class GeneralizedLinearRegression(_GeneralizedLinearRegressionParams, Estimator,
                                  DefaultParamsWritable, DefaultParamsReadable):
    """Generalized linear models fitted by iteratively reweighted least squares: each iteration
    computes the working response and weights as engine expressions and solves the weighted
    normal equations from one engine aggregate (ml_gram)."""

    @keyword_only
    def __init__(self, *, labelCol="label", featuresCol="features", predictionCol="prediction",
                 family="gaussian", link=None, fitIntercept=True, maxIter=25, tol=1e-6,
                 regParam=0.0, weightCol=None, solver="irls", linkPredictionCol=None,
                 variancePower=0.0, linkPower=None, offsetCol=None, aggregationDepth=2):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, labelCol="label", featuresCol="features", predictionCol="prediction",
                  family="gaussian", link=None, fitIntercept=True, maxIter=25, tol=1e-6,
                  regParam=0.0, weightCol=None, solver="irls", linkPredictionCol=None,
                  variancePower=0.0, linkPower=None, offsetCol=None, aggregationDepth=2):
        return self._set(**self._input_kwargs)

    def setFamily(self, value):
        return self._set(family=value)

    def setLink(self, value):
        return self._set(link=value)

    def setLinkPredictionCol(self, value):
        return self._set(linkPredictionCol=value)

    def _fit(self, dataset):
        family, link = self._family_and_link()
        fu.check_choice(self, "solver", self.getSolver(), ("irls",))
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        frame = tr.instances(dataset, self.getFeaturesCol(), self.getLabelCol(), weight_col,
                             classification=False)
        if family.check is not None:
            invalid, message = family.check
            y = F.col(tr.LABEL)
            frame = frame.withColumn(tr.LABEL, F.when(invalid(y), F.raise_error(F.lit(message)))
                                     .otherwise(y))
        fit_intercept = self.getFitIntercept()
        y, w = F.col(tr.LABEL), F.col(tr.WEIGHT)
        with tr.Materialized(frame) as data:
            mu = family.initial(y, w)
            eta = link.link(mu)
            coefficients, iterations = None, 0
            while iterations < self.getMaxIter():
                derivative = link.derivative(mu)
                working = data.select(F.col(tr.FEATURES), (eta + (y - mu) * derivative)
                                      .alias(tr.LABEL),
                                      (w / (derivative * derivative * family.variance(mu)))
                                      .alias(tr.WEIGHT))
                beta, intercept, diag, _ = weighted_least_squares(
                    tr.Gram(working), self.getRegParam(), 0.0, fit_intercept, True, False,
                    self.getMaxIter(), self.getTol())
                solution = np.append(beta, intercept)
                iterations += 1
                converged = (coefficients is not None and
                             np.max(np.abs(solution - coefficients)) <= self.getTol())
                coefficients = solution
                eta = fu.engine_call("ml_glm_predict", "linear", "1",
                                     fu.doubles_text(coefficients), "", F.col(tr.FEATURES))
                mu = link.inverse(eta)
                if converged:
                    break
        model = GeneralizedLinearRegressionModel(DenseVector(coefficients[:-1]),
                                                 float(coefficients[-1]))
        model._resetUid(self.uid)
        model = self._copyValues(model)
        model._summary = GeneralizedLinearRegressionTrainingSummary(
            model, dataset, weight_col, family, link, diag, iterations)
        return model


class GeneralizedLinearRegressionModel(_GeneralizedLinearRegressionParams, Model,
                                       _LinearPredictor, HasTrainingSummary,
                                       DefaultParamsWritable, DefaultParamsReadable):
    """A fitted GLM: prediction is the mean, the inverse link of coefficients . x + intercept."""

    def __init__(self, coefficients=None, intercept=0.0):
        super().__init__()
        self._coefficients = coefficients
        self._intercept = intercept

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        _, link = self._family_and_link()
        eta = self._linear(F.col(self.getFeaturesCol()))
        columns = {}
        if self.getPredictionCol():
            columns[self.getPredictionCol()] = link.inverse(eta)
        if self.isDefined(self.linkPredictionCol) and self.getLinkPredictionCol():
            columns[self.getLinkPredictionCol()] = eta
        return dataset.withColumns(columns) if columns else dataset

    def predict(self, value):
        eta = float(self._coefficients.dot(_convert_to_vector(value)) + self._intercept)
        return self._family_and_link()[1].mean(eta)

    def evaluate(self, dataset):
        family, link = self._family_and_link()
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        return GeneralizedLinearRegressionSummary(self, dataset, weight_col, family, link)

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import VectorUDT
        from pyspark.sql.types import DoubleType, StructField, StructType
        schema = StructType([StructField("intercept", DoubleType(), False),
                             StructField("coefficients", VectorUDT(), True)])
        spark.createDataFrame([(float(self._intercept), self._coefficients)], schema).write \
            .parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select("intercept",
                                                                     "coefficients").head()
        return cls(DenseVector(row[1].toArray()), row[0])


class GeneralizedLinearRegressionSummary:
    """Deviances, dispersion and degrees of freedom of a GLM on a dataset."""

    def __init__(self, model, dataset, weight_col, family, link):
        prediction_col = model.getPredictionCol() or "prediction_" + model.uid
        self._model = model.copy({model.predictionCol: prediction_col})
        self._predictions = self._model.transform(dataset)
        self._prediction_col = prediction_col
        y = F.col(model.getLabelCol()).cast("double")
        mu = F.col(prediction_col)
        w = F.col(weight_col).cast("double") if weight_col else F.lit(1.0)
        row = self._predictions.agg(F.count(F.lit(1)), F.sum(w), F.sum(w * y),
                                    F.sum(w * family.deviance(y, mu)),
                                    F.sum(w * (y - mu) * (y - mu) / family.variance(mu))).head()
        self.numInstances, weight_sum, weighted_y, self.deviance, pearson = row
        null_mu = (F.lit(weighted_y / weight_sum) if model.getFitIntercept()
                   else F.lit(float(link.unlink_zero)))
        self.nullDeviance = self._predictions.agg(
            F.sum(w * family.deviance(y, null_mu))).head()[0]
        self.rank = model.numFeatures + (1 if model.getFitIntercept() else 0)
        self.degreesOfFreedom = self.residualDegreeOfFreedom = self.numInstances - self.rank
        self.residualDegreeOfFreedomNull = (self.numInstances
                                            - (1 if model.getFitIntercept() else 0))
        self.dispersion = 1.0 if family.fixed_dispersion else pearson / self.degreesOfFreedom
        self._fixed_dispersion = family.fixed_dispersion

    @property
    def predictions(self):
        return self._predictions

    @property
    def predictionCol(self):
        return self._prediction_col


class GeneralizedLinearRegressionTrainingSummary(GeneralizedLinearRegressionSummary):
    """The summary on the training data, with the IRLS iterations and the coefficients' standard
    errors, t-values and p-values (normal for binomial and poisson, Student's t otherwise)."""

    def __init__(self, model, dataset, weight_col, family, link, diag, iterations):
        super().__init__(model, dataset, weight_col, family, link)
        self._diag = diag
        self.numIterations = iterations
        self.solver = "irls"

    @property
    def coefficientStandardErrors(self):
        return [math.sqrt(d * self.dispersion) for d in self._diag]

    @property
    def tValues(self):
        values = list(self._model.coefficients.toArray())
        if self._model.getFitIntercept():
            values.append(self._model.intercept)
        return [v / e for v, e in zip(values, self.coefficientStandardErrors)]

    @property
    def pValues(self):
        if self._fixed_dispersion:
            return [math.erfc(abs(t) / math.sqrt(2.0)) for t in self.tValues]
        dof = self.degreesOfFreedom
        return [_regularized_beta(dof / (dof + t * t), dof / 2.0, 0.5) for t in self.tValues]


# ---- trees (pyspark/ml/_trees.py) -----------------------------------------------------------

class DecisionTreeRegressor(_trees._RegressorParams, _trees._DecisionTreeParams, Estimator,
                            DefaultParamsWritable, DefaultParamsReadable):
    """A decision tree for regression (variance impurity), grown from engine histograms."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 maxDepth=5, maxBins=32, minInstancesPerNode=1, minInfoGain=0.0,
                 maxMemoryInMB=256, cacheNodeIds=False, checkpointInterval=10,
                 impurity="variance", seed=None, varianceCol=None, weightCol=None, leafCol="",
                 minWeightFractionPerNode=0.0):
        super().__init__()
        kwargs = dict(self._input_kwargs)
        if kwargs.pop("varianceCol", None):
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                             messageParameters={"feature": "varianceCol"})
        self._set(**kwargs)

    def _fit(self, dataset):
        trees, num_features, _ = _trees.fit(self, dataset, False, 1, ensemble=False)
        model = DecisionTreeRegressionModel(trees, num_features)
        model._resetUid(self.uid)
        return self._copyValues(model)


class DecisionTreeRegressionModel(_trees._TreeModel, _trees._SingleTree,
                                  _trees._RegressorParams, _trees._DecisionTreeParams,
                                  DefaultParamsWritable, DefaultParamsReadable):
    """A fitted regression tree: the prediction is the mean label of the leaf a row reaches."""


class RandomForestRegressor(_trees._RegressorParams, _trees._RandomForestParams, Estimator,
                            DefaultParamsWritable, DefaultParamsReadable):
    """A random forest for regression: the mean of its trees' predictions."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 maxDepth=5, maxBins=32, minInstancesPerNode=1, minInfoGain=0.0,
                 maxMemoryInMB=256, cacheNodeIds=False, checkpointInterval=10,
                 impurity="variance", subsamplingRate=1.0, seed=None, numTrees=20,
                 featureSubsetStrategy="auto", leafCol="", minWeightFractionPerNode=0.0,
                 weightCol=None, bootstrap=True):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset):
        fu.require(self.getNumTrees() >= 1, "numTrees given invalid value %d."
                   % self.getNumTrees())
        trees, num_features, _ = _trees.fit(self, dataset, False, self.getNumTrees(),
                                            ensemble=True)
        model = RandomForestRegressionModel(trees, num_features)
        model._resetUid(self.uid)
        return self._copyValues(model)


class RandomForestRegressionModel(_trees._TreeModel, _trees._Forest, _trees._RegressorParams,
                                  _trees._RandomForestParams, DefaultParamsWritable,
                                  DefaultParamsReadable):
    """A fitted regression forest."""

    _ensemble = True

    @staticmethod
    def _single_class():
        return DecisionTreeRegressionModel


class GBTRegressor(_boosting._GBTRegressorParams, Estimator, DefaultParamsWritable,
                   DefaultParamsReadable):
    """Gradient-boosted regression trees (squared or absolute loss), each grown from engine
    histograms."""

    @keyword_only
    def __init__(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                 maxDepth=5, maxBins=32, minInstancesPerNode=1, minInfoGain=0.0,
                 maxMemoryInMB=256, cacheNodeIds=False, subsamplingRate=1.0,
                 checkpointInterval=10, lossType="squared", maxIter=20, stepSize=0.1, seed=None,
                 impurity="variance", featureSubsetStrategy="all", validationTol=0.01,
                 validationIndicatorCol=None, leafCol="", minWeightFractionPerNode=0.0,
                 weightCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", labelCol="label", predictionCol="prediction",
                  maxDepth=5, maxBins=32, minInstancesPerNode=1, minInfoGain=0.0,
                  maxMemoryInMB=256, cacheNodeIds=False, subsamplingRate=1.0,
                  checkpointInterval=10, lossType="squared", maxIter=20, stepSize=0.1, seed=None,
                  impurity="variance", featureSubsetStrategy="all", validationTol=0.01,
                  validationIndicatorCol=None, leafCol="", minWeightFractionPerNode=0.0,
                  weightCol=None):
        return self._set(**self._input_kwargs)

    def _fit(self, dataset):
        return _boosting.fitted_model(self, dataset, GBTRegressionModel)


class GBTRegressionModel(_boosting._GBTRegressionModel, DefaultParamsWritable,
                         DefaultParamsReadable):
    """A fitted boosted regressor: the prediction is the weighted sum of its trees'."""
