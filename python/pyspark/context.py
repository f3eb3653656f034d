"""A minimal SparkContext: what scripts touch through spark.sparkContext (app name, master,
default parallelism, log level, stop). Ember has no RDD API."""


class SparkContext:
    """The context of a running SparkSession."""

    _active_spark_context = None

    def __init__(self, session=None):
        self._session = session
        SparkContext._active_spark_context = self

    @classmethod
    def getOrCreate(cls, conf=None):
        from pyspark.sql.session import SparkSession
        builder = SparkSession.builder
        if conf is not None:
            builder = builder.config(conf=conf)
        return builder.getOrCreate().sparkContext

    @property
    def appName(self):
        return self._session.conf.get("spark.app.name")

    @property
    def master(self):
        return self._session._master

    @property
    def version(self):
        return self._session.version

    @property
    def defaultParallelism(self):
        configured = self._session._core.get_conf("spark.default.parallelism")
        return int(configured) if configured else self._session._core.parallelism()

    @property
    def applicationId(self):
        return self._session._application_id

    @property
    def startTime(self):
        return self._session._start_time_ms

    def setLogLevel(self, logLevel):
        # The engine logs at the level spark.log.level names (as Spark applies it at start-up).
        self._session._core.set_conf("spark.log.level", str(logLevel).upper())

    def getConf(self):
        from pyspark.conf import SparkConf
        conf = SparkConf()
        conf.setAll(self._session.conf.getAll.items())
        return conf

    def stop(self):
        self._session.stop()
        if SparkContext._active_spark_context is self:
            SparkContext._active_spark_context = None
