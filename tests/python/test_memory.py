"""The memory budget: spark.driver.memory bounds what a query holds. Sorts, aggregations, hash
joins and shuffle outputs beyond it spill to spark.local.dir, and window partitions beyond it
stream, giving the results of an unlimited run; what cannot fit raises UNABLE_TO_ACQUIRE_MEMORY;
no spill file outlives its query."""

import os

import pytest
from pyspark.errors import SparkRuntimeException
from pyspark.sql import SparkSession


@pytest.fixture
def local_dir(tmp_path):
    path = tmp_path / "local"
    path.mkdir()
    return path


@pytest.fixture
def small_session(local_dir):
    session = (SparkSession.builder.master("local[2]").config("spark.driver.memory", "8m")
               .config("spark.local.dir", str(local_dir))
               .config("spark.sql.session.timeZone", "UTC").create())
    yield session
    session.stop()


def rows(n):
    # Many ties, nulls in both keys.
    return [(None if i % 13 == 0 else i * 7919 % 1009, None if i % 7 == 0 else "s%d" % (i % 50), i)
            for i in range(n)]


def test_collect_beyond_the_budget_raises(small_session, local_dir):
    df = small_session.range(3000000)
    with pytest.raises(SparkRuntimeException) as error:
        df.collect()
    assert error.value.getErrorClass() == "UNABLE_TO_ACQUIRE_MEMORY"
    assert error.value.getSqlState() == "53200"
    assert os.listdir(local_dir) == []


def test_small_results_fit(small_session):
    df = small_session.range(1000).selectExpr("id % 10 AS k", "id").groupBy("k").count()
    assert sorted(row["count"] for row in df.collect()) == [100] * 10


def test_a_sort_beyond_the_budget_spills_and_matches(spark, small_session, local_dir, tmp_path):
    data = rows(300000)
    query = "SELECT * FROM t ORDER BY a DESC NULLS LAST, b NULLS FIRST, c"
    spark.createDataFrame(data, "a int, b string, c long").createOrReplaceTempView("t")
    expected = [tuple(r) for r in spark.sql(query).collect()]
    small_session.createDataFrame(data, "a int, b string, c long").createOrReplaceTempView("t")
    out = str(tmp_path / "sorted")
    small_session.sql(query).write.parquet(out)
    assert [tuple(r) for r in spark.read.parquet(out).collect()] == expected
    assert os.listdir(local_dir) == []


def test_explain_after_a_run_shows_spills_and_debug_logs_the_peak(small_session, tmp_path, capfd):
    small_session.sparkContext.setLogLevel("DEBUG")
    half = small_session.createDataFrame(rows(150000), "a int, b string, c long")
    # Two partitions gathered into one by an exchange, then sorted: both spill.
    df = half.union(half).orderBy("a")
    before = _explain(df)
    assert "Spill" not in before
    df.write.parquet(str(tmp_path / "out"))
    assert "query peak reserved memory" in capfd.readouterr().err
    after = _explain(df)
    spilled = [s.splitlines()[0] for s in after.split("\n\n") if "Spill count: " in s]
    assert [line.split(") ")[1] for line in spilled] == ["Exchange", "Sort"], after
    assert "Spill size: " in after
    # Without the metrics lines, the text is the one before the run.
    assert [line for line in after.splitlines() if not line.startswith("Spill ")] == before.splitlines()


def _explain(df):
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        df.explain("formatted")
    return out.getvalue()


def test_an_aggregation_beyond_the_budget_spills_and_matches(spark, small_session, tmp_path):
    # Many groups, one key with a third of the rows, nulls, and a distinct count.
    data = [(i % 150000 if i % 3 else 7, None if i % 11 == 0 else "s%d" % (i % 1000), i)
            for i in range(400000)]
    query = ("SELECT a, count(*) n, sum(c) s, avg(c) av, max(b) mx, count(DISTINCT b) nd "
             "FROM t GROUP BY a")
    spark.createDataFrame(data, "a long, b string, c long").createOrReplaceTempView("t")
    expected = sorted(tuple(r) for r in spark.sql(query).collect())
    small_session.createDataFrame(data, "a long, b string, c long").createOrReplaceTempView("t")
    out = str(tmp_path / "groups")
    df = small_session.sql(query)
    df.write.parquet(out)
    assert sorted(tuple(r) for r in spark.read.parquet(out).collect()) == expected
    assert "Spill count" in _explain(df)


WINDOW_QUERY = (
    "SELECT a, b, c, row_number() OVER (PARTITION BY b ORDER BY a, c) rn, "
    "rank() OVER (PARTITION BY b ORDER BY a) rk, dense_rank() OVER (PARTITION BY b ORDER BY a) dr, "
    "lag(c, 2) OVER (PARTITION BY b ORDER BY a, c) lg, lead(a, 1, -1) OVER (PARTITION BY b ORDER BY a, c) ld, "
    "sum(c) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) s, "
    "max(c) OVER (PARTITION BY b ORDER BY a RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) mx FROM t")


def test_a_window_beyond_the_budget_matches(spark, local_dir, tmp_path):
    # One task gets every row: 501 partitions (one of null b) of about 400 rows, ties and nulls in a.
    # Evaluating them at once would need about 60 MB; the window evaluates the partitions it holds
    # when refused. (The budget leaves room for the sorts' merges, which take what they can get.)
    data = [(None if i % 13 == 0 else i * 7919 % 1009, None if i % 7 == 0 else "s%d" % (i % 500), i)
            for i in range(200000)]
    spark.createDataFrame(data, "a int, b string, c long").createOrReplaceTempView("t")
    expected = sorted(spark.sql(WINDOW_QUERY).collect(), key=lambda r: r["c"])
    written = _written_under_budget(spark, local_dir, tmp_path, data, WINDOW_QUERY, "24m",
                                    {"spark.sql.shuffle.partitions": "1"})
    assert sorted(written, key=lambda r: r["c"]) == expected
    assert os.listdir(local_dir) == []


def _written_under_budget(spark, local_dir, tmp_path, data, query, memory, conf={}):
    """Writes `query` over `data` as table t (a int, b string, c long) with a session whose
    spark.driver.memory is `memory`; its rows as `spark` reads them back."""
    builder = (SparkSession.builder.master("local[2]").config("spark.driver.memory", memory)
               .config("spark.local.dir", str(local_dir)))
    for key, value in conf.items():
        builder = builder.config(key, value)
    session = builder.create()
    out = str(tmp_path / "written")
    try:
        session.createDataFrame(data, "a int, b string, c long").createOrReplaceTempView("t")
        session.sql(query).write.parquet(out)
    finally:
        session.stop()
    return spark.read.parquet(out).collect()


STREAMED_WINDOW_QUERIES = [
    # Unique ordering: row numbers, offsets and ROWS frames are deterministic.
    "SELECT a, b, c, row_number() OVER w rn, lag(c, 2) OVER w lg, lead(a, 3, -1) OVER w ld, "
    "sum(c) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) s, "
    "count(a) OVER (PARTITION BY b ORDER BY a, c ROWS UNBOUNDED PRECEDING) rc, "
    "max(c) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN 2 FOLLOWING AND 5 FOLLOWING) mx, "
    "avg(a) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING) av, "
    "sum(c) OVER w rs FROM t WINDOW w AS (PARTITION BY b ORDER BY a, c)",
    # Ties: ranks and the running (RANGE) frame take every peer.
    "SELECT a, b, c, rank() OVER w rk, dense_rank() OVER w dr, sum(c) OVER w rs, count(a) OVER w rc, "
    "min(c) OVER w mn FROM t WINDOW w AS (PARTITION BY b ORDER BY a DESC NULLS FIRST)",
    # Two passes: the partition's size and aggregates over all of it.
    "SELECT a, b, c, ntile(7) OVER w nt, percent_rank() OVER w pr, cume_dist() OVER w cd, rank() OVER w rk, "
    "max(c) OVER (PARTITION BY b ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) mx "
    "FROM t WINDOW w AS (PARTITION BY b ORDER BY a)",
    "SELECT a, b, c, sum(c) OVER (PARTITION BY b) total, count(a) OVER (PARTITION BY b) n FROM t",
    # RANGE frames with value offsets: rows held until the ordering values pass the upper bound.
    "SELECT a, b, c, sum(c) OVER (PARTITION BY b ORDER BY a RANGE BETWEEN 5 PRECEDING AND 3 FOLLOWING) s, "
    "count(c) OVER (PARTITION BY b ORDER BY a RANGE BETWEEN CURRENT ROW AND 4 FOLLOWING) n, "
    "min(c) OVER (PARTITION BY b ORDER BY a RANGE BETWEEN 2 FOLLOWING AND 9 FOLLOWING) mn, "
    "max(c) OVER (PARTITION BY b ORDER BY a DESC RANGE BETWEEN 10 PRECEDING AND 2 PRECEDING) mx FROM t",
    # nth_value (a value carried from the partition's start) and IGNORE NULLS offsets.
    "SELECT a, b, c, nth_value(c, 3) OVER w n3, nth_value(a, 2) IGNORE NULLS OVER w n2, "
    "nth_value(a, 2) IGNORE NULLS OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN 2 PRECEDING AND 3 FOLLOWING) nr, "
    "lag(a, 2) IGNORE NULLS OVER w lg, lead(a, 3, -1) IGNORE NULLS OVER w ld, "
    "lag(nullif(c % 5000, 0)) IGNORE NULLS OVER w sparse FROM t WINDOW w AS (PARTITION BY b ORDER BY a, c)",
    # Frames ending UNBOUNDED FOLLOWING: a backward pass, with ties and the rows' order kept.
    "SELECT a, b, c, row_number() OVER (PARTITION BY b ORDER BY a, c) rn, "
    "sum(c) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) s, "
    "min(c) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN 3 PRECEDING AND UNBOUNDED FOLLOWING) mn, "
    "first(c) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING) f, "
    "last(a, true) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) l FROM t",
    "SELECT a, b, c, nth_value(c, 2) OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN UNBOUNDED PRECEDING "
    "AND UNBOUNDED FOLLOWING) w2, nth_value(a, 3) IGNORE NULLS OVER (PARTITION BY b ORDER BY a, c ROWS BETWEEN "
    "1 PRECEDING AND UNBOUNDED FOLLOWING) s3, nth_value(c, 40000) OVER (PARTITION BY b ORDER BY a, c ROWS "
    "BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) far FROM t",
    "SELECT a, b, c, count(a) OVER (PARTITION BY b ORDER BY a RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) n, "
    "sum(c) OVER (PARTITION BY b ORDER BY a DESC NULLS FIRST RANGE BETWEEN 7 PRECEDING AND UNBOUNDED FOLLOWING) s "
    "FROM t",
]


@pytest.mark.parametrize("query", STREAMED_WINDOW_QUERIES)
def test_a_window_partition_beyond_the_budget_streams_and_matches(spark, local_dir, tmp_path, query):
    # Four partitions (one of null b) of about 75000 rows, ties and nulls in a: one partition
    # evaluated at once would need about 25 MB, more than a task's share of the budget (which leaves
    # room for the sorts before the windows).
    data = [(None if i % 13 == 0 else i * 7919 % 1009, None if i % 7 == 0 else "s%d" % (i % 3), i)
            for i in range(300000)]
    spark.createDataFrame(data, "a int, b string, c long").createOrReplaceTempView("t")
    expected = _counted(spark.sql(query).collect())
    assert _counted(_written_under_budget(spark, local_dir, tmp_path, data, query, "24m")) == expected
    assert os.listdir(local_dir) == []


def test_a_window_partition_beyond_the_budget_raises(small_session, local_dir):
    # A RANGE frame whose offsets take every row needs the whole partition at once.
    small_session.createDataFrame(rows(300000), "a int, b string, c long").createOrReplaceTempView("t")
    with pytest.raises(SparkRuntimeException) as error:
        small_session.sql("SELECT max(r) FROM (SELECT sum(c) OVER (ORDER BY a RANGE BETWEEN 5000 PRECEDING "
                          "AND 5000 FOLLOWING) r FROM t)").collect()
    assert error.value.getErrorClass() == "UNABLE_TO_ACQUIRE_MEMORY"
    assert os.listdir(local_dir) == []


def _join_tables(session):
    # Keys repeat (key 7 300 times on the left, 200 on the right), 1% are null; the sides
    # overlap on half their keys. Column names differ, so that the result can be written.
    left = [(None if i % 100 == 0 else (7 if i % 400 == 1 else i % 40000), i % 17, "l%d" % i)
            for i in range(120000)]
    right = [(None if i % 100 == 3 else (7 if i % 500 == 1 else 20000 + i % 40000), i % 13, "r%d" % i)
             for i in range(100000)]
    session.createDataFrame(left, "k long, v int, s string").createOrReplaceTempView("l")
    session.createDataFrame(right, "rk long, w int, t string").createOrReplaceTempView("r")


JOIN_QUERIES = [
    "SELECT * FROM l JOIN r ON l.k = r.rk",
    "SELECT * FROM l LEFT JOIN r ON l.k = r.rk AND (l.v + r.w) % 3 <> 0",
    "SELECT * FROM l RIGHT JOIN r ON l.k = r.rk",
    "SELECT * FROM l FULL JOIN r ON l.k = r.rk AND l.v < r.w",
    "SELECT * FROM l LEFT SEMI JOIN r ON l.k = r.rk AND l.v > r.w",
    "SELECT * FROM l LEFT ANTI JOIN r ON l.k = r.rk",
    "SELECT * FROM l LEFT ANTI JOIN r ON l.k = r.rk AND l.v = r.w",
    "SELECT * FROM l JOIN r ON l.k <=> r.rk AND l.v = r.w",
]


def _counted(rows):
    import collections
    return collections.Counter(tuple(r) for r in rows)


@pytest.mark.parametrize("query", JOIN_QUERIES)
def test_a_join_beyond_the_budget_joins_in_partitions_and_matches(spark, small_session, local_dir, tmp_path,
                                                                  query):
    _join_tables(spark)
    expected = _counted(spark.sql(query).collect())
    _join_tables(small_session)
    df = small_session.sql(query)
    out = str(tmp_path / "joined")
    df.write.parquet(out)
    assert _counted(spark.read.parquet(out).collect()) == expected
    assert [line for line in _explain(df).split("\n\n") if "Spill count" in line and "HashJoin" in line]
    assert os.listdir(local_dir) == []


def test_a_join_partition_of_one_key_beyond_the_budget_raises(small_session, local_dir, tmp_path):
    # Every build row has the same key: splitting the partition cannot shrink it.
    small_session.createDataFrame([(1, "x" * 40, i) for i in range(200000)], "k int, s string, i long") \
        .createOrReplaceTempView("big")
    small_session.createDataFrame([(1, i) for i in range(300000)], "k int, j long").createOrReplaceTempView("other")
    with pytest.raises(SparkRuntimeException) as error:
        small_session.sql("SELECT count(*) FROM other LEFT JOIN big ON other.k = big.k").collect()
    assert error.value.getErrorClass() == "UNABLE_TO_ACQUIRE_MEMORY"
    assert os.listdir(local_dir) == []
