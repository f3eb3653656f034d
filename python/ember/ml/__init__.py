"""Ember's additions to pyspark.ml: the serving runtime (ember.ml.serving)."""
