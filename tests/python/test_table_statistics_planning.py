"""ANALYZE TABLE's statistics in planning: the table's size in bytes decides a broadcast join against
spark.sql.autoBroadcastJoinThreshold, the row count and column bounds (spark.sql.cbo.enabled)
estimate filters, and explain("cost") shows each node's Statistics(...). Sizes expected are the
data files' bytes read with os; estimates are worked out by hand from Spark's rules."""

import os
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest


@pytest.fixture
def session(spark, tmp_path):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    return session


def data_bytes(folder):
    total = 0
    for root, _, names in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(root, n)) for n in names if not n.startswith((".", "_")))
    return total


def plan(session, query, mode="COST"):
    return session.sql("EXPLAIN %s %s" % (mode, query)).collect()[0][0]


def broadcasts(session, query):
    return "BroadcastHashJoin" in plan(session, query)


def make_dimension(session, tmp_path):
    # 50,000 rows that compress to a few kilobytes: the footer's row count makes the table look far
    # bigger (50,000 rows of an int and a string) than its files.
    session.range(50000).selectExpr("CAST(id % 100 AS INT) AS k", "'same' AS name") \
        .write.saveAsTable("dim")
    return data_bytes(tmp_path / "warehouse" / "dim")


# Both of dim's columns are read, so the join's dim side is the table's whole size.
JOIN = "SELECT count(*), max(d.name) FROM range(1000000) f JOIN dim d ON f.id = d.k"


def test_analyzed_size_turns_a_join_into_a_broadcast_and_a_write_turns_it_back(session, tmp_path):
    size = make_dimension(session, tmp_path)
    assert size < 50000  # the premise: the files are much smaller than 50,000 rows' estimate
    session.conf.set("spark.sql.autoBroadcastJoinThreshold", str(size))
    assert not broadcasts(session, JOIN)
    session.sql("ANALYZE TABLE dim COMPUTE STATISTICS NOSCAN")
    assert broadcasts(session, JOIN)
    # the threshold still decides: one byte under the table's size
    session.conf.set("spark.sql.autoBroadcastJoinThreshold", str(size - 1))
    assert not broadcasts(session, JOIN)
    session.conf.set("spark.sql.autoBroadcastJoinThreshold", str(size))
    # a write drops the statistics: the estimate goes back to the files' row counts
    session.sql("INSERT INTO dim VALUES (1, 'x')")
    assert not broadcasts(session, JOIN)
    # and a new ANALYZE brings the broadcast back (with the files' new size)
    session.conf.set("spark.sql.autoBroadcastJoinThreshold", str(data_bytes(tmp_path / "warehouse" / "dim")))
    session.sql("ANALYZE TABLE dim COMPUTE STATISTICS")
    assert broadcasts(session, JOIN)
    # every dim row meets the one range id equal to its key
    assert tuple(session.sql(JOIN).collect()[0]) == (50001, "x")


def test_explain_cost_shows_the_table_size_and_rows(session, tmp_path):
    size = make_dimension(session, tmp_path)
    session.sql("ANALYZE TABLE dim COMPUTE STATISTICS")
    text = plan(session, "SELECT * FROM dim")
    relation = [line for line in text.split("\n") if line.lstrip("+- ").startswith("Relation")]
    assert len(relation) == 1
    # without CBO only the size: the table's bytes (both columns read: the whole width)
    kib = (Decimal(size) / 1024).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    expected = "%s KiB" % kib if size >= 2048 else "%d.0 B" % size
    assert relation[0].endswith(", Statistics(sizeInBytes=%s)" % expected), relation[0]
    session.conf.set("spark.sql.cbo.enabled", "true")
    text = plan(session, "SELECT * FROM dim")
    relation = [line for line in text.split("\n") if line.lstrip("+- ").startswith("Relation")]
    # with CBO the row count, in three significant digits: 50,000 rows -> 5.00E+4
    assert re.search(r", Statistics\(sizeInBytes=[0-9.]+ [KMG]?i?B, rowCount=5\.00E\+4\)$", relation[0]), relation[0]
    # every line of the optimized plan carries its statistics
    optimized = text.split("== Physical Plan ==")[0].strip().split("\n")[1:]
    assert optimized and all(", Statistics(sizeInBytes=" in line for line in optimized)


def test_column_bounds_estimate_a_range_filter_with_cbo(session, tmp_path):
    # k spans 0..99 evenly: `k < 2` keeps about 2/99 of the 50,000 rows once the bounds are known,
    # where the fixed guess for a range keeps a third (0.33).
    make_dimension(session, tmp_path)
    session.conf.set("spark.sql.cbo.enabled", "true")
    session.conf.set("spark.sql.autoBroadcastJoinThreshold", "40000")
    query = ("SELECT count(*), max(d.name) FROM range(1000000) f "
             "JOIN (SELECT * FROM dim WHERE k < 2) d ON f.id = d.k")

    def filter_rows():
        text = plan(session, "SELECT * FROM dim WHERE k < 2")
        line = [line for line in text.split("\n") if line.lstrip("+- ").startswith("Filter")][0]
        return float(re.search(r"rowCount=([0-9.E+]+)\)", line).group(1))

    session.sql("ANALYZE TABLE dim COMPUTE STATISTICS")  # the row count alone
    assert filter_rows() > 50000 / 4  # a guess of about a third (times any not-null check's)
    # a third of 50,000 rows of 32 bytes is over 40,000 bytes
    assert not broadcasts(session, query)

    session.sql("ANALYZE TABLE dim COMPUTE STATISTICS FOR COLUMNS k")
    assert filter_rows() == pytest.approx(50000 * 2 / 99, rel=0.02)
    # 1,010 rows of 32 bytes are under it
    assert broadcasts(session, query)
    assert tuple(session.sql(query).collect()[0]) == (1000, "same")
