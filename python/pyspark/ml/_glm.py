"""Families and links of GeneralizedLinearRegression as engine column expressions: the variance
function, the initial mean, the unit deviance, and each link with its inverse and derivative."""

import math

from pyspark.ml import _feature_util as fu
from pyspark.sql import functions as F


def _y_log_y_over(y, mu):
    """y * log(y / mu), 0 where y is 0."""
    return F.when(y == 0, F.lit(0.0)).otherwise(y * F.log(y / mu))


class Family:
    def __init__(self, name, canonical, variance, initial, deviance, fixed_dispersion, check):
        self.name = name
        self.canonical = canonical
        self.variance = variance
        self.initial = initial
        self.deviance = deviance
        self.fixed_dispersion = fixed_dispersion
        self.check = check  # (condition on the label that is invalid, message)


FAMILIES = {
    "gaussian": Family("gaussian", "identity", lambda mu: F.lit(1.0), lambda y, w: y,
                       lambda y, mu: (y - mu) * (y - mu), False, None),
    "binomial": Family("binomial", "logit", lambda mu: mu * (1 - mu),
                       lambda y, w: (w * y + 0.5) / (w + 1.0),
                       lambda y, mu: 2.0 * (_y_log_y_over(y, mu) + _y_log_y_over(1 - y, 1 - mu)),
                       True, (lambda y: (y < 0) | (y > 1),
                              "The response variable of Binomial family should be in range "
                              "[0, 1]")),
    "poisson": Family("poisson", "log", lambda mu: mu,
                      lambda y, w: F.greatest(y, F.lit(0.1)),
                      lambda y, mu: 2.0 * (_y_log_y_over(y, mu) - (y - mu)), True,
                      (lambda y: y < 0, "The response variable of Poisson family should be "
                                        "non-negative")),
    "gamma": Family("gamma", "inverse", lambda mu: mu * mu, lambda y, w: y,
                    lambda y, mu: 2.0 * (-F.log(y / mu) + (y - mu) / mu), False,
                    (lambda y: y <= 0, "The response variable of Gamma family should be "
                                       "positive")),
}


class Link:
    """link(mu) and inverse(eta) as columns (the inverse is the engine's ml_glm_unlink, which the
    serving runtime runs too), derivative(mu) = d link / d mu, and mean(eta) the inverse of one
    number."""

    def __init__(self, name, link, derivative, mean):
        self.name = name
        self.link = link
        self.derivative = derivative
        self.mean = mean

    def inverse(self, eta):
        return fu.engine_call("ml_glm_unlink", self.name, eta)

    @property
    def unlink_zero(self):
        return self.mean(0.0)


LINKS = {
    "identity": Link("identity", lambda mu: mu, lambda mu: F.lit(1.0), lambda eta: eta),
    "log": Link("log", F.log, lambda mu: 1.0 / mu, math.exp),
    "inverse": Link("inverse", lambda mu: 1.0 / mu, lambda mu: -1.0 / (mu * mu),
                    lambda eta: 1.0 / eta if eta else math.inf),
    "logit": Link("logit", lambda mu: F.log(mu / (1 - mu)), lambda mu: 1.0 / (mu * (1 - mu)),
                  lambda eta: 1.0 / (1.0 + math.exp(-eta))),
    "sqrt": Link("sqrt", F.sqrt, lambda mu: 0.5 / F.sqrt(mu), lambda eta: eta * eta),
}

# The links Spark accepts with each family.
SUPPORTED = {"gaussian": ("identity", "log", "inverse"),
             "binomial": ("logit", "probit", "cloglog"),
             "poisson": ("log", "identity", "sqrt"),
             "gamma": ("inverse", "identity", "log")}
