"""pyspark.ml: Spark's DataFrame-based machine learning API on Ember (pure Python over the
DataFrame API; transformers run as engine expressions)."""

from pyspark.ml.base import Estimator, Model, Transformer, UnaryTransformer
from pyspark.ml.pipeline import Pipeline, PipelineModel

__all__ = ["Transformer", "UnaryTransformer", "Estimator", "Model", "Pipeline", "PipelineModel"]
