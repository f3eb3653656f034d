"""How an RDD runs in the engine.

An RDD's computed data is a DataFrame with one row per partition: `p` (the partition number) and
`d`, the partition's records as a list of pickled chunks, read in order. Rows sit in the engine
partition of their number, so the engine runs partitions as tasks in parallel. Python functions
run through the same machinery as UDFs: the session's RDD UDFs (registered once, row-at-a-time)
take a stage function's id, p and d, and call the function with the partition's index and an
iterator over its records. A shuffle asks the stage function for one bucket of records per target
partition, explodes the buckets into rows and groups them by target through the engine's exchange.
"""

import pickle
import threading
import weakref

from pyspark.sql import functions as F
from pyspark.sql.column import col_expr

_SCHEMA = "p int, d array<binary>"

# The functions of the stages of live plans, by id: each plan node that calls one keeps it alive.
_stages = weakref.WeakValueDictionary()
_stage_ids = iter(range(1, 1 << 62))
_task = threading.local()


def in_task():
    """Whether the caller runs inside an RDD task (accumulator values are off limits there)."""
    return getattr(_task, "active", False)


class _Stage:
    __slots__ = ("func", "id", "__weakref__")

    def __init__(self, func):
        self.func = func
        self.id = next(_stage_ids)
        _stages[self.id] = self


def dump(records):
    return pickle.dumps(records if isinstance(records, list) else list(records),
                        pickle.HIGHEST_PROTOCOL)


def records_of(chunks):
    for chunk in chunks or ():
        if chunk is not None:
            yield from pickle.loads(chunk)


def _evaluator(make_output):
    from pyspark.sql.udf import _traceback_text

    def evaluate(columns, rows):
        ids, parts, chunks = columns
        _task.active = True
        try:
            out = [make_output(_stages[i].func(p, records_of(c)))
                   for i, p, c in zip(ids, parts, chunks)]
        except Exception as error:
            return ("error", _traceback_text(error))
        finally:
            _task.active = False
        return ("objects", out, None, False)
    return evaluate


def _one_chunk(records):
    return [dump(records)]


def _buckets(bucket_lists):
    return [dump(b) if b else None for b in bucket_lists]


def _pickle_rows(columns, rows):
    return ("objects", [dump([row]) for row in columns[0]], None, False)


class _Udfs:
    """The session's RDD UDFs: a stage's records, a stage's shuffle buckets, rows pickled one by
    one, and a stage's records as structs of a schema (one UDF per schema)."""

    def __init__(self, session):
        self._session = session
        self.apply = self._register("array<binary>", _evaluator(_one_chunk))
        self.buckets = self._register("array<binary>", _evaluator(_buckets))
        self.rows = self._register("binary", _pickle_rows)
        self._structs = {}

    def _register(self, result, evaluator):
        from pyspark.sql import _values
        return self._session._call("register_udf", "rdd_stage", result, False, False, evaluator,
                                   _values.record_values)

    def structs(self, result):
        if result not in self._structs:
            self._structs[result] = self._register(result, _evaluator(list))
        return self._structs[result]


def _udfs(session):
    udfs = getattr(session, "_rdd_udfs", None)
    if udfs is None:
        udfs = session._rdd_udfs = _Udfs(session)
    return udfs


def _call(udf_id, stage, frame):
    """The call of an RDD UDF running a stage's function over the frame's partitions."""
    from pyspark.sql.column import Column
    return Column({"e": "udf", "id": udf_id, "name": "rdd_stage",
                   "args": [col_expr(F.lit(stage.id)), col_expr(frame["p"]), col_expr(frame["d"])]})


def _keep(df, stage):
    # The plan node calling the stage keeps its function alive (the key never reaches the engine:
    # the node is held already, later nodes refer to it by handle).
    df._plan["_rdd_stage"] = stage
    return df


def placed(df, num_partitions):
    """Rows moved to the engine partition of their number."""
    if num_partitions == 0:
        return df
    return df._repartition(num_partitions, [col_expr(F.col("p"))], by_partition_id=True)


def local_frame(session, partitions):
    """A frame of records given per partition."""
    rows = [(i, [dump(records)]) for i, records in enumerate(partitions)]
    return placed(session.createDataFrame(rows, _SCHEMA), len(rows))


def apply(frame, func):
    """The frame of func(index, records) for every partition."""
    stage = _Stage(func)
    call = _call(_udfs(frame.sparkSession).apply, stage, frame)
    out = frame.select(frame["p"], call.alias("d"))
    return _keep(out, stage)


def _regroup(rows, num_partitions):
    """Rows (target, src, d) gathered into one row per target partition, their chunks in the order
    of src."""
    ordered = F.sort_array(F.collect_list(F.struct("src", "d")))
    chunks = F.flatten(F.transform(ordered, lambda x: x["d"]))
    grouped = rows.groupBy("target").agg(chunks.alias("d"))
    return placed(grouped.select(F.col("target").alias("p"), "d"), num_partitions)


def shuffle(frame, bucket_func, num_partitions, source_partitions):
    """The frame after an exchange: bucket_func(index, records) gives num_partitions lists, the
    i-th going to partition i (chunks in the order of the source partitions)."""
    session = frame.sparkSession
    if source_partitions == 0:
        return local_frame(session, [[]] * num_partitions)
    stage = _Stage(bucket_func)
    call = _call(_udfs(session).buckets, stage, frame)
    buckets = _keep(frame.select(frame["p"].alias("src"), call.alias("b")), stage)
    rows = buckets.select("src", F.posexplode("b").alias("target", "chunk"))
    return _regroup(rows.select("target", "src", F.array("chunk").alias("d")), num_partitions)


def merge(frame, targets):
    """Partitions merged without running Python: partition i goes to partition targets[i]."""
    target = F.element_at(F.array(*[F.lit(t) for t in targets]), F.col("p") + 1)
    rows = frame.select(target.alias("target"), F.col("p").alias("src"), "d")
    return _regroup(rows, max(targets) + 1 if targets else 0)


def rows_frame(df, num_partitions):
    """The frame of a DataFrame's rows as Row records, each in the partition it is in."""
    from pyspark.sql.column import Column
    pickled = Column({"e": "udf", "id": _udfs(df.sparkSession).rows, "name": "rdd_rows",
                      "args": [col_expr(F.struct("*"))]})
    rows = df.select(F.spark_partition_id().alias("target"),
                     F.monotonically_increasing_id().alias("src"), F.array(pickled).alias("d"))
    # Every partition gets a row, also those the DataFrame leaves empty.
    every = df.sparkSession.createDataFrame([(i, -1, []) for i in range(num_partitions)],
                                            "target int, src bigint, d array<binary>")
    return _regroup(rows.union(every), num_partitions)


def records_frame(frame, func, schema):
    """A DataFrame of `schema` holding the records func(index, records) gives for each partition
    (lists of the schema's values), in the partitions of the frame."""
    from pyspark.sql import _values
    udf_id = _udfs(frame.sparkSession).structs("array<%s>" % _values.type_ddl(schema))
    stage = _Stage(func)
    rows = _keep(frame.select(_call(udf_id, stage, frame).alias("r")), stage)
    return rows.select(F.explode("r").alias("r")).select("r.*")


def union(frames):
    """Frames one after the other: the partitions of the second are numbered after the first's."""
    out, offset = None, 0
    for frame, n in frames:
        shifted = frame.select((F.col("p") + offset).alias("p"), "d")
        out = shifted if out is None else out.union(shifted)
        offset += n
    return out


def paired(left, right, pairs, num_partitions):
    """Partitions made of two: partition i of the result reads the records of partition a of
    `left`, then those of partition b of `right`, for each (i, a, b) of `pairs`."""
    session = left.sparkSession
    plan = session.createDataFrame([list(t) for t in pairs], "target int, a int, b int")
    joined = plan.join(left.select(F.col("p").alias("a"), F.col("d").alias("da")), "a") \
        .join(right.select(F.col("p").alias("b"), F.col("d").alias("db")), "b")
    out = joined.select(F.col("target").alias("p"), F.concat("da", "db").alias("d"))
    return placed(out, num_partitions)


def run(frame, func, partitions=None):
    """The records func gives for each partition (or the ones listed), as a list per partition
    in order."""
    if partitions is not None:
        frame = frame.filter(F.col("p").isin(list(partitions)))
    rows = apply(frame, func).collect()
    rows.sort(key=lambda r: r[0])
    return [list(records_of(r[1])) for r in rows]
