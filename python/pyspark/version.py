"""The Spark version whose API and semantics Ember implements."""

__version__ = "4.0.0"
