"""SparkContext: what scripts touch through spark.sparkContext (app name, master, default
parallelism, log level, stop), the RDD sources (parallelize, range, textFile, wholeTextFiles,
emptyRDD, union), broadcast variables and accumulators (docs/rdd.md)."""

import threading

from pyspark import _slicing


class SparkContext:
    """The context of the process's SparkSession: `spark.sparkContext`, or made by a script with
    `SparkContext(master, appName, conf=...)` (then `SparkSession(sc)` is that session)."""

    _active_spark_context = None
    _next_accumulator_id = 0

    def __init__(self, master=None, appName=None, sparkHome=None, pyFiles=None, environment=None,
                 batchSize=0, serializer=None, conf=None, gateway=None, jsc=None,
                 profiler_cls=None, udf_profiler_cls=None, memory_profiler_cls=None, *,
                 _session=None):
        if _session is None:
            # Made by a script (SparkContext("local", "app")): the context of the process's
            # session, which these settings start or update.
            from pyspark.sql.session import SparkSession
            builder = SparkSession.builder
            if conf is not None:
                builder = builder.config(conf=conf)
            if master is not None:
                builder = builder.master(master)
            if appName is not None:
                builder = builder.appName(appName)
            _session = builder.getOrCreate()
            _session._sc = self
        self._session = _session
        self._checkpoint_dir = None
        self._local = threading.local()
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

    @property
    def defaultMinPartitions(self):
        return min(self.defaultParallelism, 2)

    # ---- RDDs --------------------------------------------------------------------------------

    def _rdd(self, partitions, func=None):
        from pyspark import _rdd_engine
        from pyspark.rdd import RDD
        return RDD(self, _rdd_engine.local_frame(self._session, partitions), len(partitions), func)

    def parallelize(self, c, numSlices=None):
        """An RDD of the elements of c in numSlices partitions (defaultParallelism): a list is cut
        into batches that the slices share out as PySpark's does; a range makes each slice's
        numbers in its task."""
        n = int(numSlices) if numSlices is not None else self.defaultParallelism
        if n <= 0:
            from pyspark.errors import IllegalArgumentException
            raise IllegalArgumentException(
                message="requirement failed: Number of partitions (%d) must be positive." % n)
        if isinstance(c, range):
            return self._range_rdd(c, n)
        c = list(c)
        ends = _slicing.parallelize_ends(len(c), n)
        return self._rdd([c[start:end] for start, end in zip([0] + ends, ends)])

    def _range_rdd(self, r, n):
        size = len(r)
        if size == 0:
            return self._rdd([[]] * n)
        step = r[1] - r[0] if size > 1 else 1

        def start(split):
            return r[0] + int(split * size / n) * step
        return self._rdd([[]] * n,
                         lambda split, _: iter(range(start(split), start(split + 1), step)))

    def range(self, start, end=None, step=1, numSlices=None):
        if end is None:
            start, end = 0, start
        return self.parallelize(range(start, end, step), numSlices)

    def emptyRDD(self):
        return self._rdd([])

    def textFile(self, name, minPartitions=None, use_unicode=True):
        """The lines of text files (paths separated by commas, globs, directories), in Hadoop's
        splits of at least minPartitions partitions (defaultMinPartitions), read by the tasks."""
        from pyspark import _rdd_files
        n = self.defaultMinPartitions if minPartitions is None else int(minPartitions)
        if not all(_rdd_files.is_local(p) for p in str(name).split(",")):
            lines = self._session.read.text(str(name).split(","))
            return lines.rdd.map(lambda row: row[0])
        splits = _rdd_files.text_splits(name, n)
        return self._rdd([[s] for s in splits], lambda _, records: (
            line for split in records for line in _rdd_files.read_split(split, use_unicode)))

    def wholeTextFiles(self, path, minPartitions=None, use_unicode=True):
        """(file path, whole content) pairs of the files, at least minPartitions groups."""
        from pyspark import _rdd_files
        n = self.defaultMinPartitions if minPartitions is None else int(minPartitions)
        groups = _rdd_files.whole_file_groups(path, n)
        return self._rdd(groups, lambda _, records: (
            _rdd_files.read_whole(f, use_unicode) for f in records))

    def union(self, rdds):
        from functools import reduce
        return reduce(lambda a, b: a.union(b), rdds)

    def runJob(self, rdd, partitionFunc, partitions=None, allowLocal=False):
        """partitionFunc(records) over the partitions listed (all by default), concatenated."""
        parts = rdd._run(lambda _, records: partitionFunc(records), partitions)
        return [x for part in parts for x in part]

    def broadcast(self, value):
        from pyspark.broadcast import Broadcast
        return Broadcast(self, value)

    def accumulator(self, value, accum_param=None):
        """An accumulator starting at value: ints, floats and complex numbers add; other types
        need an AccumulatorParam."""
        from pyspark import accumulators
        if accum_param is None:
            if isinstance(value, int):
                accum_param = accumulators.INT_ACCUMULATOR_PARAM
            elif isinstance(value, float):
                accum_param = accumulators.FLOAT_ACCUMULATOR_PARAM
            elif isinstance(value, complex):
                accum_param = accumulators.COMPLEX_ACCUMULATOR_PARAM
            else:
                from pyspark.errors import PySparkTypeError
                raise PySparkTypeError(message="No default accumulator param for type %s" %
                                       type(value))
        SparkContext._next_accumulator_id += 1
        return accumulators.Accumulator(SparkContext._next_accumulator_id - 1, value, accum_param)

    def setCheckpointDir(self, dirName):
        """RDD checkpoints are kept by the session (as localCheckpoint): the folder is recorded."""
        self._checkpoint_dir = dirName

    def getCheckpointDir(self):
        return self._checkpoint_dir

    # ---- jobs ----------------------------------------------------------------------------------

    def _properties(self):
        if not hasattr(self._local, "properties"):
            self._local.properties = {}
        return self._local.properties

    def setLocalProperty(self, key, value):
        """A property of the jobs this thread starts (kept; Ember's scheduler does not use it)."""
        if value is None:
            self._properties().pop(key, None)
        else:
            self._properties()[key] = value

    def getLocalProperty(self, key):
        return self._properties().get(key)

    def setJobDescription(self, value):
        self.setLocalProperty("spark.job.description", value)

    def setJobGroup(self, groupId, description, interruptOnCancel=False):
        self.setLocalProperty("spark.jobGroup.id", groupId)
        self.setLocalProperty("spark.job.description", description)
        self.setLocalProperty("spark.job.interruptOnCancel", str(interruptOnCancel).lower())

    def sparkUser(self):
        import getpass
        return getpass.getuser()

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
