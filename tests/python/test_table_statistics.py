"""ANALYZE TABLE ... COMPUTE STATISTICS FOR COLUMNS and DESCRIBE [EXTENDED] table column, ALTER TABLE
... RENAME PARTITION, and the ALTER TABLE column operations Spark refuses for file-source tables.
Expected statistics are computed in plain Python from the rows inserted (distinct counts are
HyperLogLog++ estimates, checked within Spark's 5% error)."""

import datetime
import decimal
import math

import pytest

from pyspark.errors import AnalysisException

ROWS = [
    (1, 2.5, "alpha", datetime.date(2024, 1, 31), True, decimal.Decimal("10.25"),
     datetime.datetime(2024, 3, 1, 12, 30, 45, 123456)),
    (7, -1.0, "b", datetime.date(2023, 12, 1), False, decimal.Decimal("-3.50"),
     datetime.datetime(2023, 1, 2, 3, 4, 5)),
    (None, None, None, None, None, None, None),
    (7, 100.0, "ccc ü", datetime.date(2024, 2, 29), True, decimal.Decimal("0.01"),
     datetime.datetime(2025, 6, 7, 8, 9, 10)),
    (3, 2.5, "", datetime.date(2024, 1, 31), None, decimal.Decimal("10.25"), None),
]
COLUMNS = ["i", "d", "s", "dt", "b", "m", "ts"]


@pytest.fixture
def session(spark, tmp_path):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    session.conf.set("spark.sql.session.timeZone", "UTC")
    session.sql("CREATE TABLE t (i int, d double, s string, dt date, b boolean, m decimal(6,2), ts timestamp) "
                "USING parquet")
    session.createDataFrame(ROWS, "i int, d double, s string, dt date, b boolean, m decimal(6,2), ts timestamp") \
        .write.insertInto("t")
    return session


def error_of(session, statement):
    with pytest.raises(AnalysisException) as raised:
        session.sql(statement).collect()
    return raised.value.getErrorClass(), str(raised.value)


def described(session, column, extended=True):
    text = "DESCRIBE %s t %s" % ("EXTENDED" if extended else "", column)
    return {r.info_name: r.info_value for r in session.sql(text).collect()}


def expected_min_max(column):
    values = [row[COLUMNS.index(column)] for row in ROWS if row[COLUMNS.index(column)] is not None]
    return min(values), max(values)


def test_column_statistics_match_the_rows(session):
    session.sql("ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS i, D, s, dt, b, m, ts")
    for column in COLUMNS:
        values = [row[COLUMNS.index(column)] for row in ROWS]
        present = [v for v in values if v is not None]
        info = described(session, column)
        assert info["col_name"] == column
        assert int(info["num_nulls"]) == len(values) - len(present)
        assert math.isclose(int(info["distinct_count"]), len(set(present)), rel_tol=0.05)
        assert info["histogram"] == "NULL"
    lengths = [len(v) for v in (row[2] for row in ROWS) if v is not None]
    strings = described(session, "s")
    assert (strings["min"], strings["max"]) == ("NULL", "NULL")
    assert strings["avg_col_len"] == str(math.ceil(sum(lengths) / len(lengths)))
    assert strings["max_col_len"] == str(max(lengths))
    low, high = expected_min_max("i")
    assert (described(session, "i")["min"], described(session, "i")["max"]) == (str(low), str(high))
    low, high = expected_min_max("d")
    assert (described(session, "d")["min"], described(session, "d")["max"]) == (repr(low), repr(high))
    low, high = expected_min_max("dt")
    assert (described(session, "dt")["min"], described(session, "dt")["max"]) == (low.isoformat(), high.isoformat())
    assert (described(session, "b")["min"], described(session, "b")["max"]) == ("false", "true")
    low, high = expected_min_max("m")
    assert (described(session, "m")["min"], described(session, "m")["max"]) == (str(low), str(high))
    low, high = expected_min_max("ts")
    stamp = "%Y-%m-%d %H:%M:%S.%f +0000"
    assert (described(session, "ts")["min"], described(session, "ts")["max"]) == \
        (low.strftime(stamp), high.strftime(stamp))
    # fixed-width columns keep their type's size as both lengths
    for column, size in [("i", 4), ("d", 8), ("dt", 4), ("b", 1), ("m", 8), ("ts", 8)]:
        info = described(session, column)
        assert (info["avg_col_len"], info["max_col_len"]) == (str(size), str(size))
    statistics = [r.data_type for r in session.sql("DESCRIBE EXTENDED t").collect() if r.col_name == "Statistics"]
    assert statistics[0].endswith(", %d rows" % len(ROWS))
    # the statistics are not table properties
    assert session.sql("SHOW TBLPROPERTIES t").collect() == []


def test_all_columns_and_describe_without_extended(session):
    session.sql("ANALYZE TABLE t COMPUTE STATISTICS FOR ALL COLUMNS")
    for column in COLUMNS:
        assert described(session, column)["num_nulls"] != "NULL"
    assert described(session, "I", extended=False) == {"col_name": "I", "data_type": "int", "comment": "NULL"}
    assert described(session, "t.s", extended=False)["data_type"] == "string"


def test_describe_column_before_analyze_and_after_a_write(session):
    assert set(described(session, "i").values()) >= {"NULL"}
    assert described(session, "i")["num_nulls"] == "NULL"
    session.sql("ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS i")
    assert described(session, "i")["num_nulls"] == "1"
    # a write drops the statistics, which no longer describe the data
    session.sql("INSERT INTO t (i) VALUES (42)")
    assert described(session, "i")["num_nulls"] == "NULL"
    assert not [r for r in session.sql("DESCRIBE EXTENDED t").collect() if r.col_name == "Statistics"]


def test_analyze_and_describe_errors(session):
    assert error_of(session, "ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS nope")[0] == "COLUMN_NOT_FOUND"
    session.sql("CREATE TABLE nested (a array<int>, x int) USING parquet")
    error_class, message = error_of(session, "ANALYZE TABLE nested COMPUTE STATISTICS FOR ALL COLUMNS")
    assert error_class == "UNSUPPORTED_FEATURE.ANALYZE_UNSUPPORTED_COLUMN_TYPE"
    assert '"ARRAY<INT>"' in message and "`a`" in message
    assert error_of(session, "DESCRIBE t nope")[0] == "_LEGACY_ERROR_TEMP_1061"
    session.sql("CREATE TABLE st (c struct<x:int>) USING parquet")
    assert error_of(session, "DESCRIBE st c.x")[0] == "_LEGACY_ERROR_TEMP_1060"


def test_column_changes_are_refused_for_file_source_tables(session):
    for statement in ["ALTER TABLE t RENAME COLUMN i TO j", "ALTER TABLE t DROP COLUMN i",
                      "ALTER TABLE t DROP COLUMNS (i, d)"]:
        error_class, message = error_of(session, statement)
        assert error_class == "UNSUPPORTED_FEATURE.TABLE_OPERATION"
        assert "`spark_catalog`.`default`.`t`" in message
    assert "RENAME COLUMN" in error_of(session, "ALTER TABLE t RENAME COLUMN i TO j")[1]
    assert error_of(session, "ALTER TABLE missing RENAME COLUMN i TO j")[0] == "TABLE_OR_VIEW_NOT_FOUND"
    assert [c.name for c in session.table("t").schema] == COLUMNS


def test_rename_partition_moves_its_rows(session, tmp_path):
    session.sql("CREATE TABLE p (a int, k string, n int) USING parquet PARTITIONED BY (k, n)")
    session.sql("INSERT INTO p VALUES (1, 'x', 1), (2, 'x', 1), (3, 'y', 2)")
    session.sql("ALTER TABLE p PARTITION (k='x', n=1) RENAME TO PARTITION (k='z', n=5)")
    assert sorted(tuple(r) for r in session.table("p").collect()) == [(1, "z", 5), (2, "z", 5), (3, "y", 2)]
    assert [r.partition for r in session.sql("SHOW PARTITIONS p").collect()] == ["k=y/n=2", "k=z/n=5"]
    assert error_of(session, "ALTER TABLE p PARTITION (k='x', n=1) RENAME TO PARTITION (k='w', n=1)")[0] \
        == "PARTITIONS_NOT_FOUND"
    assert error_of(session, "ALTER TABLE p PARTITION (k='y', n=2) RENAME TO PARTITION (k='z', n=5)")[0] \
        == "PARTITIONS_ALREADY_EXIST"
    assert error_of(session, "ALTER TABLE p PARTITION (k='y') RENAME TO PARTITION (k='v', n=2)")[0] \
        == "_LEGACY_ERROR_TEMP_1232"
