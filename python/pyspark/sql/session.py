"""SparkSession: the entry point. Holds the engine's native Session (ember._core), builds
DataFrames from files (spark.read) and local data (createDataFrame, range), and runs actions.

Settings are merged as spark-submit does: code (builder.config, spark.conf.set) over the
launcher's --conf and spark-defaults.conf, which `bin/ember submit` passes in $EMBER_SUBMIT_CONF.
"""

import json
import os
import threading
import time
import uuid

from pyspark.errors import (
    IllegalArgumentException, PySparkNotImplementedError, PySparkTypeError, PySparkValueError,
)
from pyspark.errors.exceptions.captured import convert_engine_error
from pyspark.sql import _local_data, _values
from pyspark.sql.column import name_parts
from pyspark.sql.conf import RuntimeConfig, conf_string
from pyspark.sql.types import (
    DataType, Row, StructField, StructType, _create_row, _parse_ddl_schema_or_type,
    _type_from_engine, _udt_value,
)

_DEFAULT_MASTER = "local[*]"


def _submit_conf():
    text = os.environ.get("EMBER_SUBMIT_CONF")
    if not text:
        return {}
    return {str(k): str(v) for k, v in json.loads(text).items()}


class _ClassProperty:
    def __init__(self, getter):
        self._getter = getter

    def __get__(self, instance, owner):
        return self._getter(owner)


class SparkSession:
    """The entry point to Ember through the PySpark API."""

    _instantiatedSession = None
    _activeSession = None
    _lock = threading.RLock()

    class Builder:
        """Collects settings, then getOrCreate() returns the one session of the process."""

        def __init__(self):
            self._options = {}

        def config(self, key=None, value=None, conf=None, *, map=None):
            if conf is not None:
                for k, v in conf.getAll():
                    self._options[k] = conf_string(v)
            if map is not None:
                for k, v in map.items():
                    self._options[k] = conf_string(v)
            if key is not None:
                self._options[key] = conf_string(value)
            return self

        def master(self, master):
            return self.config("spark.master", master)

        def appName(self, name):
            return self.config("spark.app.name", name)

        def remote(self, url):
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                             messageParameters={"feature": "Spark Connect"})

        def enableHiveSupport(self):
            return self

        def getOrCreate(self):
            with SparkSession._lock:
                session = SparkSession._instantiatedSession
                if session is None:
                    session = SparkSession(self._merged())
                else:
                    for key, value in self._options.items():
                        session.conf.set(key, value)
                SparkSession._activeSession = session
                return session

        def create(self):
            with SparkSession._lock:
                session = SparkSession(self._merged())
                SparkSession._activeSession = session
                return session

        def _merged(self):
            conf = _submit_conf()
            conf.update(self._options)
            return conf

    builder = _ClassProperty(lambda cls: cls.Builder())

    def __new__(cls, conf=None, *args, **kwargs):
        # SparkSession(sparkContext), as scripts build it from a context: that context's session.
        from pyspark.context import SparkContext
        if isinstance(conf, SparkContext):
            return conf._session
        return super().__new__(cls)

    def __init__(self, conf=None, *args, **kwargs):
        from pyspark.context import SparkContext
        if isinstance(conf, SparkContext):
            return  # the context's session, made already
        import ember
        core = ember.load_core()
        conf = dict(conf or {})
        conf.setdefault("spark.app.name", "pyspark-shell")
        self._master = conf.get("spark.master", _DEFAULT_MASTER)
        conf["spark.master"] = self._master
        self._core_module = core
        self._core = core.Session(self._master, conf)
        core.set_row_factory(_create_row)
        core.set_row_class(Row)
        core.set_udt_factory(_udt_value)
        self._storage_levels = {}  # handle -> StorageLevel of the persisted DataFrames
        self._application_id = "local-%d" % int(time.time() * 1000)
        self._start_time_ms = int(time.time() * 1000)
        self._session_id = str(uuid.uuid4())
        self._conf = RuntimeConfig(self)
        self._sc = SparkContext(_session=self)
        with SparkSession._lock:
            if SparkSession._instantiatedSession is None:
                SparkSession._instantiatedSession = self

    # ---- session -------------------------------------------------------------------------

    @classmethod
    def getActiveSession(cls):
        return cls._activeSession

    @classmethod
    def active(cls):
        return cls._activeSession or cls.builder.getOrCreate()

    @property
    def version(self):
        from pyspark.version import __version__
        return __version__

    @property
    def conf(self):
        return self._conf

    @property
    def sparkContext(self):
        return self._sc

    @property
    def udf(self):
        from pyspark.sql.udf import UDFRegistration
        return UDFRegistration(self)

    @property
    def udtf(self):
        from pyspark.sql.udtf import UDTFRegistration
        return UDTFRegistration(self)

    @property
    def read(self):
        from pyspark.sql.readwriter import DataFrameReader
        return DataFrameReader(self)

    def newSession(self):
        return SparkSession(dict(self._core.conf_items()))

    def stop(self):
        with SparkSession._lock:
            if SparkSession._instantiatedSession is self:
                SparkSession._instantiatedSession = None
            if SparkSession._activeSession is self:
                SparkSession._activeSession = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.stop()

    # ---- engine calls --------------------------------------------------------------------

    def _call(self, method, *args):
        """Calls a method of the native session, raising engine errors as pyspark.errors."""
        try:
            return getattr(self._core, method)(*args)
        except self._core_module.SparkError as error:
            message, error_class, sql_state, params = error.args
            raise convert_engine_error(error_class, sql_state, params, message) from None

    def _analyze_schema(self, plan_json):
        return _type_from_engine(self._call("analyze_schema", plan_json))

    def _collect(self, plan_json):
        return self._call("collect", plan_json)

    def _time_zone(self):
        return self._core.time_zone()

    # ---- DataFrames ----------------------------------------------------------------------

    def range(self, start, end=None, step=1, numPartitions=None):
        """A DataFrame of one bigint column `id`: start, start + step, ... before end. The
        engine generates the ids of each partition where they are read (nothing is built here)."""
        from pyspark.sql.dataframe import DataFrame
        if end is None:
            start, end = 0, start
        if int(step) == 0:
            raise IllegalArgumentException(message="requirement failed: step (0) cannot be 0")
        if numPartitions is None:
            numPartitions = self._sc.defaultParallelism
        if int(numPartitions) <= 0:
            raise IllegalArgumentException(
                message="requirement failed: numSlices (%d) must be positive" % int(numPartitions))
        return DataFrame({"op": "range", "start": int(start), "end": int(end), "step": int(step),
                          "num_partitions": int(numPartitions)}, self)

    def _local_handle(self, handle):
        from pyspark.sql.dataframe import DataFrame, _PlanHandle
        return DataFrame({"op": "local", "_handle": _PlanHandle(self._core, handle)}, self)

    def _hold(self, node_json):
        """The engine's handle of a plan node (its inputs are handles)."""
        return self._call("hold_plan", node_json)

    def createDataFrame(self, data, schema=None, samplingRatio=None, verifySchema=True):
        if isinstance(data, DataType) or data is None:
            raise PySparkTypeError(errorClass="INVALID_TYPE",
                                   messageParameters={"arg_name": "data", "arg_type": "DataType"})
        names = None
        if isinstance(schema, str):
            schema = _parse_ddl_schema_or_type(schema)
        elif isinstance(schema, (list, tuple)):
            names = [str(n) for n in schema]
            schema = None
        elif schema is not None and not isinstance(schema, DataType):
            raise PySparkTypeError(errorClass="NOT_LIST_OR_NONE_OR_STRUCT",
                                   messageParameters={"arg_name": "schema",
                                                      "arg_type": type(schema).__name__})

        from pyspark.rdd import RDD
        if isinstance(data, RDD):
            return self._from_rdd(data, schema, names, samplingRatio, verifySchema)
        if _local_data.is_numpy_array(data):
            data, schema = _local_data.numpy_to_pandas(data, schema)
        if _local_data.is_pandas_frame(data):
            return self._from_pandas(data, schema, names)
        data = list(data)

        if schema is not None and not isinstance(schema, StructType):
            schema = StructType([StructField("value", schema, True)])
            data = [r if isinstance(r, (list, tuple)) else (r,) for r in data]
        if schema is None:
            schema = _values.infer_schema(data, names)
            if names:
                fields = [StructField(names[i] if i < len(names) else f.name, f.dataType, True)
                          for i, f in enumerate(schema.fields)]
                schema = StructType(fields)
                if not _values._same_shape_tuples(data):
                    data = [_positional(r, schema, True) for r in data]
        return self._local_handle(_local_data.hold_records(self, schema, data))

    def _from_rdd(self, rdd, schema, names, samplingRatio, verifySchema):
        """A DataFrame over an RDD's records, in its partitions: the tasks check each record
        against the schema (verifySchema) and hand its values to the engine. Without a schema,
        the first record gives it (the first 100 when it has None values, or a sample with
        samplingRatio), as PySpark infers it."""
        from pyspark import _rdd_engine
        if schema is None:
            if samplingRatio is not None:
                schema = _values.infer_schema(rdd.sample(False, samplingRatio).collect(), names)
            else:
                try:
                    schema = _values.infer_schema(rdd.take(1), names)
                except PySparkValueError as error:
                    if error.getErrorClass() != "CANNOT_DETERMINE_TYPE":
                        raise
                    schema = _values.infer_schema(rdd.take(100), names)
        struct = schema
        if not isinstance(schema, StructType):
            struct = StructType([StructField("value", schema, True)])
            rdd = rdd.map(lambda r: r if isinstance(r, (list, tuple)) else (r,))
        field_names = [f.name for f in struct.fields]
        tz = _values.time_zone(self._time_zone())

        def values(records):
            for record in records:
                if verifySchema:
                    _values.encode_struct(record, struct, tz)
                yield _values.record_values(record, field_names)
        rows = rdd.mapPartitions(values)
        return _rdd_engine.records_frame(rows._frame, rows._func, struct)

    def _from_pandas(self, frame, schema, names):
        if names is None:
            names = [str(c) for c in frame.columns]
        if schema is None:
            schema = _local_data.pandas_schema(frame, names)
        elif not isinstance(schema, StructType):
            schema = StructType([StructField("value", schema, True)])
        return self._local_handle(_local_data.hold_pandas(self, frame, schema))

    def sql(self, sqlQuery, args=None, **kwargs):
        """A DataFrame of a SQL query, parsed and analyzed by the engine right away (so syntax and
        analysis errors raise here, as in Spark). Other statements (DDL, DML, SET, SHOW,
        DESCRIBE) run right away and return their result rows (none for DDL)."""
        if kwargs:
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "spark.sql with format arguments"})
        from pyspark.sql.dataframe import DataFrame
        text, mode = _explain_statement(str(sqlQuery))
        if args is not None:
            # Parameter markers (:name for a dict, ? for a list) are bound by the engine's parser to
            # the arguments' literals; only queries take them.
            df = DataFrame({"op": "sql", "text": text, "args": _sql_args(args)}, self)
            self._analyze_schema(df._json())
            return df
        if mode is None:
            result = self._call("sql", text)
            if result is not None:
                schema, rows = result
                return self.createDataFrame(rows, _type_from_engine(schema))
        df = DataFrame({"op": "sql", "text": text}, self)
        if mode is not None:
            plan = self._call("explain", df._json(), mode)
            return self.createDataFrame([(plan,)], "plan string")
        self._analyze_schema(df._json())
        return df

    def table(self, tableName):
        """The table or view `tableName` (a temporary view, `global_temp.name`, or a catalog
        table, qualified by its database or in the current one) as a DataFrame."""
        from pyspark.sql.dataframe import DataFrame
        df = DataFrame({"op": "table", "name": name_parts(tableName)}, self)
        self._analyze_schema(df._json())
        return df

    @property
    def catalog(self):
        from pyspark.sql.catalog import Catalog
        return Catalog(self)


_EXPLAIN_MODES = {"EXTENDED": "extended", "FORMATTED": "formatted", "CODEGEN": "codegen",
                  "COST": "cost"}


def _sql_args(args):
    """spark.sql's arguments as engine expressions: a dict binds :name markers, a list ? markers
    (values as lit() makes them; Columns such as F.array(...) as they are)."""
    from pyspark.sql.column import lit_expr
    if isinstance(args, dict):
        return {str(name): lit_expr(value) for name, value in args.items()}
    if isinstance(args, (list, tuple)):
        return [lit_expr(value) for value in args]
    raise PySparkTypeError(errorClass="INVALID_TYPE",
                           messageParameters={"arg_name": "args", "arg_type": type(args).__name__})


def _explain_statement(text):
    """Splits `EXPLAIN [EXTENDED|FORMATTED|CODEGEN|COST] query` into the query and explain mode
    (mode None for other statements)."""
    words = text.lstrip().split(None, 2)
    if not words or words[0].upper() != "EXPLAIN":
        return text, None
    if len(words) > 1 and words[1].upper() in _EXPLAIN_MODES:
        return (words[2] if len(words) > 2 else ""), _EXPLAIN_MODES[words[1].upper()]
    return text.lstrip()[len(words[0]):], "simple"


def _positional(record, schema, renamed):
    """A record as values in the inferred schema's order (dict keys were sorted by inference)."""
    if isinstance(record, dict) and not renamed:
        return [record.get(f.name) for f in schema.fields]
    if isinstance(record, Row) and not hasattr(record, "__fields__"):
        return tuple(record)
    return [v for _, v in _values._row_items(record)]
