"""Saving and loading ML stages in Spark's directory layout.

A stage directory holds metadata/part-00000: one JSON line with class (Spark's Scala class
name), timestamp, sparkVersion, uid, paramMap (values set by the user) and defaultParamMap;
models add their fitted data as Parquet under data/. Pipelines save their stages under
stages/<index>_<uid>. Spark reads what Ember writes and the other way round.
"""

import json
import os
import shutil
import time

from pyspark.ml.param import Identifiable, Params

__all__ = ["MLWriter", "MLReader", "MLWritable", "MLReadable", "DefaultParamsWriter",
           "DefaultParamsReader", "DefaultParamsWritable", "DefaultParamsReadable",
           "Identifiable", "HasTrainingSummary"]

_SPARK_PREFIX = "org.apache.spark"


def _spark_class(stage_or_class):
    """Spark's class name of an Ember stage: pyspark.ml.feature.X -> org.apache.spark.ml.feature.X."""
    cls = stage_or_class if isinstance(stage_or_class, type) else type(stage_or_class)
    explicit = getattr(cls, "_spark_class_name", None)
    if explicit:
        return explicit
    return cls.__module__.replace("pyspark", _SPARK_PREFIX, 1) + "." + cls.__name__


def _python_class(spark_class):
    """The Ember class saved under Spark's class name (org.apache.spark.ml.X -> pyspark.ml.X)."""
    import importlib
    name = spark_class.replace(_SPARK_PREFIX, "pyspark", 1)
    module_name, _, class_name = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):
        raise NotImplementedError("Loading %s is not supported." % spark_class)


def _session(session=None):
    from pyspark.sql import SparkSession
    return session or SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()


class MLWriter:
    """Saves a stage: write().overwrite().save(path)."""

    def __init__(self):
        self.shouldOverwrite = False
        self.optionMap = {}
        self._spark = None

    def overwrite(self):
        self.shouldOverwrite = True
        return self

    def option(self, key, value):
        self.optionMap[key.lower()] = str(value)
        return self

    def session(self, sparkSession):
        self._spark = sparkSession
        return self

    @property
    def sparkSession(self):
        return _session(self._spark)

    def save(self, path):
        path = str(path)
        if os.path.exists(path):
            if not self.shouldOverwrite:
                raise IOError("Path %s already exists. To overwrite it, please use "
                              "write.overwrite().save(path) for Scala and use "
                              "write().overwrite().save(path) for Java and Python." % path)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        self.saveImpl(path)

    def saveImpl(self, path):
        raise NotImplementedError()


class DefaultParamsWriter(MLWriter):
    """Writes a stage's metadata; subclasses (model writers) add their data."""

    def __init__(self, instance):
        super().__init__()
        self.instance = instance

    def saveImpl(self, path):
        DefaultParamsWriter.saveMetadata(self.instance, path, self.sparkSession,
                                         extraMetadata=self.instance._extra_metadata())
        self.instance._save_data(path, self.sparkSession)

    @staticmethod
    def _json_params(param_map):
        return {p.name: _json_value(v) for p, v in param_map.items()}

    @staticmethod
    def saveMetadata(instance, path, sc=None, extraMetadata=None, paramMap=None):
        metadata = {
            "class": _spark_class(instance),
            "timestamp": int(time.time() * 1000),
            "sparkVersion": _spark_version(),
            "uid": instance.uid,
            "paramMap": (paramMap if paramMap is not None
                         else DefaultParamsWriter._json_params(instance._paramMap)),
            "defaultParamMap": DefaultParamsWriter._json_params(instance._defaultParamMap),
        }
        metadata.update(extraMetadata or {})
        directory = os.path.join(path, "metadata")
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "part-00000"), "w") as f:
            f.write(json.dumps(metadata, separators=(",", ":")) + "\n")
        open(os.path.join(directory, "_SUCCESS"), "w").close()


def _spark_version():
    from pyspark.version import __version__
    return __version__


def _json_value(value):
    """A param value as Spark's jsonEncode writes it."""
    from pyspark.ml.linalg import DenseVector, SparseVector
    if isinstance(value, DenseVector):
        return {"type": 1, "values": [float(v) for v in value]}
    if isinstance(value, SparseVector):
        return {"type": 0, "size": value.size, "indices": [int(i) for i in value.indices],
                "values": [float(v) for v in value.values]}
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    return value


def _from_json_value(value):
    from pyspark.ml.linalg import DenseVector, SparseVector
    if isinstance(value, dict) and value.get("type") == 1 and "values" in value:
        return DenseVector(value["values"])
    if isinstance(value, dict) and value.get("type") == 0 and "indices" in value:
        return SparseVector(value["size"], value["indices"], value["values"])
    return value


class MLReader:
    """Loads a stage: read().load(path)."""

    def __init__(self, cls=None):
        self._cls = cls
        self._spark = None

    def session(self, sparkSession):
        self._spark = sparkSession
        return self

    @property
    def sparkSession(self):
        return _session(self._spark)

    def load(self, path):
        raise NotImplementedError()


class DefaultParamsReader(MLReader):
    """Reads a stage's metadata into an instance of the saved class, then its data."""

    def load(self, path):
        metadata = DefaultParamsReader.loadMetadata(path, self.sparkSession)
        cls = _python_class(metadata["class"])
        if self._cls is not None and not issubclass(cls, self._cls):
            raise TypeError("Error loading metadata: Expected class name %s but found class name %s"
                            % (_spark_class(self._cls), metadata["class"]))
        instance = cls._from_saved(path, metadata, self.sparkSession)
        DefaultParamsReader.getAndSetParams(instance, metadata)
        return instance

    @staticmethod
    def loadMetadata(path, sc=None, expectedClassName=""):
        directory = os.path.join(str(path), "metadata")
        if not os.path.isdir(directory):
            from pyspark.errors import AnalysisException
            raise AnalysisException(
                message="[PATH_NOT_FOUND] Path does not exist: file:%s. SQLSTATE: 42K03"
                % os.path.abspath(directory), errorClass="PATH_NOT_FOUND",
                messageParameters={"path": "file:" + os.path.abspath(directory)},
                sqlState="42K03")
        parts = sorted(f for f in os.listdir(directory) if f.startswith("part-"))
        with open(os.path.join(directory, parts[0])) as f:
            metadata = json.loads(f.readline())
        if expectedClassName and metadata["class"] != expectedClassName:
            raise TypeError("Error loading metadata: Expected class name %s but found class name %s"
                            % (expectedClassName, metadata["class"]))
        return metadata

    @staticmethod
    def getAndSetParams(instance, metadata, skipParams=None):
        instance._resetUid(metadata["uid"])
        skip = set(skipParams or [])
        for name, value in metadata.get("defaultParamMap", {}).items():
            if name not in skip and instance.hasParam(name):
                instance._defaultParamMap[instance.getParam(name)] = _from_json_value(value)
        for name, value in metadata.get("paramMap", {}).items():
            if name not in skip and instance.hasParam(name):
                instance._set(**{name: _from_json_value(value)})


class MLWritable:
    def write(self):
        raise NotImplementedError()

    def save(self, path):
        self.write().save(path)


class MLReadable:
    @classmethod
    def read(cls):
        raise NotImplementedError()

    @classmethod
    def load(cls, path):
        return cls.read().load(path)


class DefaultParamsWritable(MLWritable):
    """Stages whose state is their params (and, for models, a data directory)."""

    def write(self):
        return DefaultParamsWriter(self)

    def _save_data(self, path, spark):
        """Models write their fitted data under path/data here."""

    def _extra_metadata(self):
        """Fields a model adds to its metadata line (Spark's numFeatures, numClasses...)."""
        return None


class DefaultParamsReadable(MLReadable):
    @classmethod
    def read(cls):
        return DefaultParamsReader(cls)

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        """A new instance for loading; models read their data from path/data here."""
        return cls()


class HasTrainingSummary:
    """Models that keep the summary of their training (copies share it; it is not saved)."""

    _summary = None

    @property
    def hasSummary(self):
        return self._summary is not None

    @property
    def summary(self):
        if self._summary is None:
            from pyspark.errors import SparkRuntimeException
            raise SparkRuntimeException(message="No training summary available for this %s"
                                        % type(self).__name__)
        return self._summary
