"""How Spark cuts local data into partitions (ParallelCollectionRDD's slices).

ParallelCollectionRDD gives slice i of k the elements [i * m // k, (i + 1) * m // k) of its m
elements. PySpark's parallelize hands it batches of records rather than records (pickled
batches of max(1, min(n // k, 1024)) records), so a slice holds whole batches; a LocalRelation's
scan (createDataFrame from pandas with Arrow) hands it rows, in min(n, k) slices.
Both functions give the record each slice ends before.
"""


def _slice_ends(m, k):
    return [(i + 1) * m // k for i in range(k)]


def parallelize_ends(n, k):
    """Ends of the k slices PySpark's parallelize makes of n records."""
    batch = max(1, min(n // k, 1024))
    batches = -(-n // batch)
    return [min(end * batch, n) for end in _slice_ends(batches, k)]


def local_relation_ends(n, k):
    """Ends of the slices a LocalRelation of n rows is scanned in, k being the leaf parallelism:
    none without rows (Spark plans an RDD without partitions)."""
    return _slice_ends(n, min(n, k))
