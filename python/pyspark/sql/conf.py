"""RuntimeConfig (spark.conf): the session's settings, kept by the engine's Config. Reading an unset
key gives Spark's default for the keys Ember knows and SQL_CONF_NOT_FOUND otherwise."""

from pyspark.errors import SparkNoSuchElementException

_UNSET = object()

# Spark 4.0 defaults of the settings users read most (the session time zone comes from the engine).
_DEFAULTS = {
    "spark.sql.ansi.enabled": "true",
    "spark.sql.shuffle.partitions": "200",
    "spark.sql.caseSensitive": "false",
    "spark.sql.files.maxPartitionBytes": "134217728b",
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.autoBroadcastJoinThreshold": "10485760b",
    "spark.sql.execution.arrow.pyspark.enabled": "false",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "10000",
    "spark.sql.warehouse.dir": "spark-warehouse",
    "spark.sql.timestampType": "TIMESTAMP_LTZ",
    "spark.sql.mapKeyDedupPolicy": "EXCEPTION",
    "spark.sql.variant.allowDuplicateKeys": "false",
    "spark.executor.memory": "1g",
    "spark.driver.memory": "1g",
    "spark.ui.enabled": "true",
}


def conf_string(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class RuntimeConfig:
    """Get and set the settings of a running session."""

    def __init__(self, session):
        self._session = session

    def set(self, key, value):
        self._session._call("set_conf", key, conf_string(value))

    def get(self, key, default=_UNSET):
        value = self._session._core.get_conf(key)
        if value is not None:
            return value
        if default is not _UNSET:
            return default
        if key == "spark.sql.session.timeZone":
            return self._session._core.time_zone()
        if key in _DEFAULTS:
            return _DEFAULTS[key]
        raise SparkNoSuchElementException(
            message="[SQL_CONF_NOT_FOUND] The SQL config \"%s\" cannot be found. Please verify "
                    "that the config exists. SQLSTATE: 42K0I" % key,
            errorClass="SQL_CONF_NOT_FOUND", sqlState="42K0I",
            messageParameters={"sqlConf": '"%s"' % key})

    def unset(self, key):
        self._session._core.unset_conf(key)

    @property
    def getAll(self):
        return dict(self._session._core.conf_items())

    def isModifiable(self, key):
        return key.startswith("spark.sql.")
