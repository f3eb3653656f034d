"""SQLContext: the entry point of Spark 1.x, kept by PySpark for old scripts. Every method
delegates to the SparkSession it wraps."""

import warnings

from pyspark.errors import PySparkTypeError

__all__ = ["SQLContext"]


class SQLContext:
    """The legacy entry point: SQLContext(sc) or SQLContext.getOrCreate(sc)."""

    _instantiatedContext = None

    def __init__(self, sparkContext, sparkSession=None):
        from pyspark.context import SparkContext
        from pyspark.sql.session import SparkSession
        if not isinstance(sparkContext, SparkContext):
            raise PySparkTypeError(errorClass="NOT_INSTANCE_OF",
                                   messageParameters={"value": "sparkContext",
                                                      "type": "SparkContext"})
        self._sc = sparkContext
        self.sparkSession = sparkSession or sparkContext._session or \
            SparkSession.builder.getOrCreate()
        if SQLContext._instantiatedContext is None:
            SQLContext._instantiatedContext = self

    @classmethod
    def getOrCreate(cls, sc):
        warnings.warn("Deprecated in 3.0.0. Use SparkSession.builder.getOrCreate() instead.",
                      FutureWarning)
        if cls._instantiatedContext is None or \
                cls._instantiatedContext.sparkSession._core is None:
            cls._instantiatedContext = SQLContext(sc)
        return cls._instantiatedContext

    @property
    def _ssql_ctx(self):
        return self.sparkSession

    def newSession(self):
        return SQLContext(self._sc, self.sparkSession.newSession())

    def setConf(self, key, value):
        self.sparkSession.conf.set(key, value)

    def getConf(self, key, defaultValue=None):
        return self.sparkSession.conf.get(key, defaultValue)

    def range(self, start, end=None, step=1, numPartitions=None):
        return self.sparkSession.range(start, end, step, numPartitions)

    def createDataFrame(self, data, schema=None, samplingRatio=None, verifySchema=True):
        return self.sparkSession.createDataFrame(data, schema, samplingRatio, verifySchema)

    def registerDataFrameAsTable(self, df, tableName):
        df.createOrReplaceTempView(tableName)

    def dropTempTable(self, tableName):
        self.sparkSession.catalog.dropTempView(tableName)

    def sql(self, sqlQuery):
        return self.sparkSession.sql(sqlQuery)

    def table(self, tableName):
        return self.sparkSession.table(tableName)

    def tables(self, dbName=None):
        """A DataFrame of (namespace, tableName, isTemporary), as SHOW TABLES gives."""
        if dbName is None:
            return self.sparkSession.sql("SHOW TABLES")
        return self.sparkSession.sql("SHOW TABLES IN `%s`" % dbName.replace("`", "``"))

    def tableNames(self, dbName=None):
        return [r.tableName for r in self.tables(dbName).collect()]

    @property
    def read(self):
        return self.sparkSession.read
