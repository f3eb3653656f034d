"""Size estimates with spark.sql.cbo.enabled=false (Spark's default): explain("cost") shows Spark's
size-only statistics (an inner join is the product of its sides' sizes, a filter keeps its
child's size, a projection scales it by the row widths, a limit is its rows at the output's
width, a union the sum, a semi join its left side), and those sizes decide whether the result of
a join is broadcast into the next join. Expected sizes are computed here in plain Python from
those rules (ranges are 8 bytes a row; a row is 8 bytes plus 8 per long column)."""

import contextlib
import io
import re

import pytest


def row_width(columns):
    return 8 + 8 * columns  # long columns only


def bytes_text(size):
    """Spark's text of a size in bytes (one decimal in the largest unit it is at least 2 of)."""
    for exponent, unit in ((60, "EiB"), (50, "PiB"), (40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")):
        if size >= 2 * 2 ** exponent:
            return "%.1f %s" % (int(size * 10 / 2 ** exponent + 0.5) / 10, unit)
    return "%.1f B" % size


def cost_lines(df):
    """explain("cost")'s optimized logical plan section and its physical plan section."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        df.explain("cost")
    return out.getvalue().split("== Physical Plan ==")


@pytest.fixture
def session(spark):
    session = spark.newSession()
    session.conf.set("spark.sql.cbo.enabled", "false")
    return session


def sizes_of(logical, node):
    return [m.group(1) for m in re.finditer(re.escape(node) + r".*Statistics\(sizeInBytes=([^,)]+)", logical)]


def test_explain_cost_follows_the_size_only_rules(session):
    small = session.range(100).selectExpr("id AS s")               # 800 B
    mid = session.range(300).selectExpr("id AS m", "id * 2 AS m2")  # 2400 B read, 3600 B projected
    joined = small.join(mid, small.s == mid.m)
    logical, _ = cost_lines(joined)
    product = (100 * 8) * (300 * 8 * row_width(2) / row_width(1))
    assert sizes_of(logical, "Join Inner") == [bytes_text(product)]
    # a filter keeps its child's size, whatever it keeps of its rows
    filtered, _ = cost_lines(mid.filter("m2 > 10"))
    assert sizes_of(filtered, "Filter (") == [bytes_text(300 * 8 * row_width(2) / row_width(1))]

    limited, _ = cost_lines(joined.limit(7))
    assert "GlobalLimit 7, Statistics(sizeInBytes=%s, rowCount=7)" % bytes_text(7 * row_width(3)) in limited
    assert "LocalLimit 7, Statistics(sizeInBytes=%s)" % bytes_text(product) in limited

    union, _ = cost_lines(small.union(session.range(50).selectExpr("id AS s")))
    assert sizes_of(union, "Union") == [bytes_text(800 + 400)]

    semi, _ = cost_lines(small.join(mid, small.s == mid.m, "left_semi"))
    assert sizes_of(semi, "Join LeftSemi") == [bytes_text(800)]

    total, _ = cost_lines(joined.groupBy().count())
    assert re.search(r"Aggregate \[\], \[count.*Statistics\(sizeInBytes=16.0 B, rowCount=1\)", total)


def broadcast_sides(physical):
    """The first line of each BroadcastExchange's child, in plan order."""
    lines = physical.splitlines()
    return [lines[i + 1].strip() for i, line in enumerate(lines) if "BroadcastExchange" in line]


def test_a_join_result_is_broadcast_only_when_its_product_size_fits(session):
    # a = 100 rows (800 B), b = 200 rows (1600 B): their join is estimated at 800 * 1600 B =
    # 1,280,000 B whatever its rows; big = 1,000,000 rows (8,000,000 B) joins that result.
    a = session.range(100).selectExpr("id AS x")
    b = session.range(200).selectExpr("id AS y")
    inner = a.join(b, a.x == b.y)
    big = session.range(1000000).selectExpr("id AS z")
    query = big.join(inner, big.z == inner.x, "left")
    assert 800 * 1600 == 1280000

    session.conf.set("spark.sql.autoBroadcastJoinThreshold", str(1280000 - 1))
    _, physical = cost_lines(query)
    # the inner join (too big by the product) is not broadcast; its own sides still are
    assert "BroadcastHashJoin [z], [x], LeftOuter" not in physical
    assert len(broadcast_sides(physical)) == 1

    session.conf.set("spark.sql.autoBroadcastJoinThreshold", str(1280000))
    _, physical = cost_lines(query)
    assert "BroadcastHashJoin [z], [x], LeftOuter, BuildRight" in physical
    assert len(broadcast_sides(physical)) == 2

    # the same rows either way (checked against plain Python)
    expected = sorted((z, z, z) for z in range(100)) + [(z, None, None) for z in range(100, 110)]
    got = sorted(tuple(r) for r in query.filter("z < 110").collect())
    assert got == sorted(expected, key=lambda r: r[0])


def test_cbo_keeps_the_row_based_estimate(session):
    a = session.range(100).selectExpr("id AS x")
    b = session.range(200).selectExpr("id AS y")
    session.conf.set("spark.sql.cbo.enabled", "true")
    logical, _ = cost_lines(a.join(b, a.x == b.y))
    # about 100 matching rows of 24 bytes, far below the product of the sides
    (size,) = sizes_of(logical, "Join Inner")
    assert size.endswith(" KiB") or size.endswith(" B")
    assert "rowCount=" in logical.splitlines()[1]
