"""A partial aggregate whose keys barely repeat stops grouping and passes its rows on: the
aggregate after the exchange must still give every group's full result."""
import collections

from pyspark.sql import functions as F

ROWS, KEYS = 3000000, 2500000


def _keyed(spark):
    # Two tasks of 1.5M rows; keys repeat only across the tasks (the first 500k keys twice), so each
    # task's first million rows make a million groups.
    return spark.range(0, ROWS, 1, 2).selectExpr(f"id % {KEYS} AS k", "id")


def test_nearly_unique_keys_are_grouped_after_the_exchange(spark):
    per_key = _keyed(spark).groupBy("k").agg(
        F.count("*").alias("n"), F.sum("id").alias("s"), F.max("id").alias("mx"), F.avg("id").alias("av"),
        F.sum(F.when(F.col("id") % 2 == 0, F.col("id"))).alias("even"))
    got = per_key.agg(F.count("*"), F.sum("n"), F.sum("s"), F.sum("mx"), F.sum((F.col("av") * 2).cast("long")),
                      F.sum("even"), F.sum(F.when(F.col("n") == 2, 1))).first()
    n, s, mx, av2, even = (collections.Counter(), collections.Counter(), {}, {}, collections.Counter())
    for i in range(ROWS):
        k = i % KEYS
        n[k] += 1
        s[k] += i
        mx[k] = max(mx.get(k, i), i)
        if i % 2 == 0:
            even[k] += i
    av2 = sum(2 * s[k] // n[k] for k in n)
    assert tuple(got) == (len(n), sum(n.values()), sum(s.values()), sum(mx.values()), av2, sum(even.values()),
                          sum(1 for k in n if n[k] == 2))


def test_distinct_counts_over_nearly_unique_keys(spark):
    _keyed(spark).createOrReplaceTempView("keyed")
    got = spark.sql("SELECT count(*), sum(d), sum(c) FROM (SELECT k, count(DISTINCT id % 3) d, count(*) c "
                    "FROM keyed GROUP BY k)").first()
    residues = collections.defaultdict(set)
    for i in range(ROWS):
        residues[i % KEYS].add(i % 3)
    assert tuple(got) == (KEYS, sum(len(r) for r in residues.values()), ROWS)
