"""Partitions of catalog tables in SQL: INSERT ... PARTITION (static and dynamic columns, static
and dynamic overwrite), SHOW PARTITIONS, ALTER TABLE ADD/DROP PARTITION, MSCK REPAIR TABLE and
their errors. Every expectation is the table's rows kept alongside in plain Python, changed as
the statement should change them."""

import os

import pytest

from pyspark.errors import AnalysisException


@pytest.fixture
def session(spark, tmp_path):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    session.sql("CREATE TABLE t (a int, p string, q int) USING parquet PARTITIONED BY (p, q)")
    session.sql("INSERT INTO t VALUES (1, 'x', 1), (2, 'y', 1), (3, 'x', 2)")
    return session


INITIAL = {(1, "x", 1), (2, "y", 1), (3, "x", 2)}


def rows(session):
    return {tuple(r) for r in session.table("t").collect()}


def partitions(session, spec=""):
    return [r.partition for r in session.sql("SHOW PARTITIONS t " + spec).collect()]


def directories(rows_):
    return sorted({"p=%s/q=%d" % (p, q) for _, p, q in rows_})


def test_insert_with_static_and_dynamic_partition_columns(session):
    session.sql("INSERT INTO t PARTITION (p='z', q=7) VALUES (4)")
    session.sql("INSERT INTO t PARTITION (p='z') SELECT 5, 8")
    session.sql("INSERT INTO TABLE t PARTITION (p = 'w', q) VALUES (6, 09)")
    expected = INITIAL | {(4, "z", 7), (5, "z", 8), (6, "w", 9)}
    assert rows(session) == expected
    assert partitions(session) == directories(expected)
    assert partitions(session, "PARTITION (p='z')") == ["p=z/q=7", "p=z/q=8"]
    assert partitions(session, "PARTITION (q=1)") == ["p=x/q=1", "p=y/q=1"]


def test_static_overwrite_replaces_every_partition_the_spec_selects(session):
    session.sql("INSERT OVERWRITE t PARTITION (p='x') SELECT 10, 3")
    expected = {(2, "y", 1), (10, "x", 3)}
    assert rows(session) == expected
    # an empty result still replaces the selected partitions
    session.sql("INSERT OVERWRITE t PARTITION (p='y', q=1) SELECT 1 WHERE false")
    expected -= {(2, "y", 1)}
    assert rows(session) == expected
    assert partitions(session) == directories(expected)


def test_dynamic_overwrite_replaces_only_written_partitions(session):
    session.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    session.sql("INSERT OVERWRITE t PARTITION (p='x') SELECT 10, 1")
    assert rows(session) == {(2, "y", 1), (3, "x", 2), (10, "x", 1)}
    # every column static: the spec's partition goes, as in static mode
    session.sql("INSERT OVERWRITE t PARTITION (p='x', q=2) SELECT 1 WHERE false")
    assert rows(session) == {(2, "y", 1), (10, "x", 1)}


def test_add_and_drop_partitions(session, tmp_path):
    session.sql("ALTER TABLE t ADD PARTITION (p='w', q=0)")
    assert os.path.isdir(tmp_path / "warehouse" / "t" / "p=w" / "q=0")
    session.sql("ALTER TABLE t ADD IF NOT EXISTS PARTITION (p='w', q=0) PARTITION (p='v', q=5)")
    assert partitions(session) == sorted(directories(INITIAL) + ["p=v/q=5", "p=w/q=0"])
    assert rows(session) == INITIAL
    session.sql("ALTER TABLE t DROP PARTITION (p='x')")
    session.sql("ALTER TABLE t DROP IF EXISTS PARTITION (p='none'), PARTITION (p='v', q=5)")
    expected = {(2, "y", 1)}
    assert rows(session) == expected
    # the empty partition added first survives the drops' commits
    assert partitions(session) == ["p=w/q=0", "p=y/q=1"]
    session.sql("MSCK REPAIR TABLE t")
    session.sql("ALTER TABLE t RECOVER PARTITIONS")
    assert rows(session) == expected


def test_show_create_table_names_the_partition_columns(session):
    text = session.sql("SHOW CREATE TABLE t").first()[0]
    assert "USING parquet\nPARTITIONED BY (p, q)\nLOCATION" in text


def error_of(session, statement):
    with pytest.raises(AnalysisException) as error:
        session.sql(statement).collect()
    return error.value.getErrorClass(), error.value.getMessageParameters()


def test_errors(session):
    table = "`spark_catalog`.`default`.`t`"
    assert error_of(session, "ALTER TABLE t ADD PARTITION (p='x', q=1)") == (
        "PARTITIONS_ALREADY_EXIST", {"partitionList": "PARTITION (`p` = x, `q` = 1)", "tableName": table})
    assert error_of(session, "ALTER TABLE t DROP PARTITION (p='nope')") == (
        "PARTITIONS_NOT_FOUND", {"partitionList": "PARTITION (`p` = nope)", "tableName": table})
    assert error_of(session, "ALTER TABLE t ADD PARTITION (p='n')")[0] == "_LEGACY_ERROR_TEMP_1232"
    assert error_of(session, "SHOW PARTITIONS t PARTITION (r=1)") == (
        "_LEGACY_ERROR_TEMP_1231", {"key": "r", "tblName": table})
    klass, parameters = error_of(session, "INSERT INTO t PARTITION (p='z', q=1) SELECT 1, 2")
    assert klass == "INSERT_PARTITION_COLUMN_ARITY_MISMATCH"
    assert parameters["staticPartCols"] == "`p`, `q`" and parameters["reason"] == "too many data columns"
    session.sql("CREATE TABLE flat (a int) USING parquet")
    assert error_of(session, "SHOW PARTITIONS flat")[0] == \
        "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY"
    assert error_of(session, "MSCK REPAIR TABLE flat") == (
        "NOT_A_PARTITIONED_TABLE", {"operation": "MSCK REPAIR TABLE",
                                    "tableIdentWithDB": "`spark_catalog`.`default`.`flat`"})
    assert rows(session) == INITIAL


def test_describe_shows_partition_columns_and_analyze_statistics(session, tmp_path):
    described = [tuple(r) for r in session.sql("DESCRIBE t").collect()]
    assert described[3:] == [("# Partition Information", "", ""),
                             ("# col_name", "data_type", "comment"),
                             ("p", "string", None), ("q", "int", None)]
    session.sql("ANALYZE TABLE t COMPUTE STATISTICS")
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(tmp_path / "warehouse" / "t")
               for f in files if not f.startswith(("_", ".")))

    def statistics():
        return [r.data_type for r in session.sql("DESCRIBE EXTENDED t").collect()
                if r.col_name == "Statistics"]
    assert statistics() == ["%d bytes, %d rows" % (size, len(INITIAL))]
    session.sql("ANALYZE TABLE t COMPUTE STATISTICS NOSCAN")
    assert statistics() == ["%d bytes" % size]
    assert session.sql("SHOW TBLPROPERTIES t").collect() == []
    session.sql("CREATE VIEW v AS SELECT 1")
    assert error_of(session, "ANALYZE TABLE v COMPUTE STATISTICS")[0] == "_LEGACY_ERROR_TEMP_1236"
