"""Partitions kept outside the table's folder: ALTER TABLE ... ADD PARTITION ... LOCATION,
PARTITION ... SET LOCATION, SET LOCATION of the table, and what SHOW PARTITIONS, reads, inserts,
renames, drops and TRUNCATE do with them; a second session, another process and a warehouse
written before the catalog kept partition folders see the same. Expected rows are kept alongside
in plain Python and files are inspected with os."""

import os
import sqlite3
import subprocess
import textwrap

import pytest
from pyspark.errors import AnalysisException

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMBER = os.path.join(ROOT, "bin", "ember")


def open_session(spark, warehouse):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(warehouse))
    return session


@pytest.fixture
def session(spark, tmp_path):
    session = open_session(spark, tmp_path / "warehouse")
    session.sql("CREATE TABLE t (a int, p int) USING parquet PARTITIONED BY (p)")
    session.sql("INSERT INTO t VALUES (1, 1), (2, 2)")
    return session


def rows(session, table="t"):
    return sorted(tuple(r) for r in session.table(table).collect())


def partitions(session, table="t"):
    return [r.partition for r in session.sql("SHOW PARTITIONS " + table).collect()]


def data_files(folder):
    return [name for name in os.listdir(folder) if not name.startswith((".", "_"))]


def write_parquet(session, folder, values):
    session.createDataFrame([(v,) for v in values], "a int").write.mode("overwrite").parquet(str(folder))


def test_added_partition_reads_from_its_own_folder(session, tmp_path):
    outside = tmp_path / "elsewhere" / "seven"
    write_parquet(session, outside, [70, 71])
    session.sql("ALTER TABLE t ADD PARTITION (p=7) LOCATION '%s'" % outside)
    assert partitions(session) == ["p=1", "p=2", "p=7"]
    assert rows(session) == [(1, 1), (2, 2), (70, 7), (71, 7)]
    # partition pruning and filters see its value
    assert sorted(r.a for r in session.sql("SELECT a FROM t WHERE p = 7").collect()) == [70, 71]
    assert session.sql("SELECT count(*) FROM t WHERE p < 7").collect()[0][0] == 2
    # the table's folder has no p=7 directory
    assert not os.path.exists(tmp_path / "warehouse" / "t" / "p=7")
    with pytest.raises(AnalysisException) as error:
        session.sql("ALTER TABLE t ADD PARTITION (p=7) LOCATION '%s'" % (tmp_path / "other"))
    assert error.value.getCondition() == "PARTITIONS_ALREADY_EXIST"
    session.sql("ALTER TABLE t ADD IF NOT EXISTS PARTITION (p=7) LOCATION '%s'" % (tmp_path / "other"))
    assert rows(session) == [(1, 1), (2, 2), (70, 7), (71, 7)]


def test_added_partition_folder_is_created_empty(session, tmp_path):
    outside = tmp_path / "new" / "folder"
    session.sql("ALTER TABLE t ADD PARTITION (p=3) LOCATION '%s' PARTITION (p=4)" % outside)
    assert os.path.isdir(outside)
    assert os.path.isdir(tmp_path / "warehouse" / "t" / "p=4")
    assert partitions(session) == ["p=1", "p=2", "p=3", "p=4"]
    # an insert into the partition writes into its folder
    session.sql("INSERT INTO t PARTITION (p=3) VALUES (30), (31)")
    assert len(data_files(outside)) >= 1
    assert rows(session) == [(1, 1), (2, 2), (30, 3), (31, 3)]
    session.sql("INSERT OVERWRITE t PARTITION (p=3) VALUES (32)")
    assert rows(session) == [(1, 1), (2, 2), (32, 3)]


def test_set_location_of_a_partition_and_of_the_table(session, tmp_path):
    moved = tmp_path / "moved"
    write_parquet(session, moved, [5, 6, 7])
    session.sql("ALTER TABLE t PARTITION (p=2) SET LOCATION '%s'" % moved)
    # the partition now is the folder's data; its old folder is no longer read
    assert rows(session) == [(1, 1), (5, 2), (6, 2), (7, 2)]
    assert partitions(session) == ["p=1", "p=2"]
    with pytest.raises(AnalysisException) as error:
        session.sql("ALTER TABLE t PARTITION (p=9) SET LOCATION '%s'" % moved)
    assert error.value.getCondition() == "PARTITIONS_NOT_FOUND"

    # the table's own folder moves: partitions found by listing come from the new folder, the
    # partition kept elsewhere stays where it is
    other = tmp_path / "other_table"
    session.createDataFrame([(40, 1), (41, 3)], "a int, p int").write.partitionBy("p").parquet(str(other))
    session.sql("ALTER TABLE t SET LOCATION '%s'" % other)
    assert rows(session) == [(5, 2), (6, 2), (7, 2), (40, 1), (41, 3)]
    assert partitions(session) == ["p=1", "p=2", "p=3"]
    location = [r.data_type for r in session.sql("DESCRIBE EXTENDED t").collect() if r.col_name == "Location"]
    assert location == ["file:" + str(other)]


def test_rename_and_drop_keep_other_folders(session, tmp_path):
    outside = tmp_path / "outside"
    write_parquet(session, outside, [8])
    session.sql("ALTER TABLE t ADD PARTITION (p=8) LOCATION '%s'" % outside)
    session.sql("ALTER TABLE t PARTITION (p=8) RENAME TO PARTITION (p=9)")
    assert rows(session) == [(1, 1), (2, 2), (8, 9)]
    assert data_files(outside)  # the data stays in its folder
    session.sql("ALTER TABLE t DROP PARTITION (p=9)")
    assert rows(session) == [(1, 1), (2, 2)]
    assert partitions(session) == ["p=1", "p=2"]
    # a managed table's dropped partition takes its data along, wherever it is
    assert not os.path.exists(outside)


def test_external_table_drop_keeps_the_partition_data(spark, tmp_path):
    session = open_session(spark, tmp_path / "warehouse")
    table_folder = tmp_path / "ext"
    session.createDataFrame([(1, 1)], "a int, p int").write.partitionBy("p").parquet(str(table_folder))
    session.sql("CREATE TABLE e (a int, p int) USING parquet PARTITIONED BY (p) LOCATION '%s'" % table_folder)
    outside = tmp_path / "outside"
    write_parquet(session, outside, [2])
    session.sql("ALTER TABLE e ADD PARTITION (p=2) LOCATION '%s'" % outside)
    assert rows(session, "e") == [(1, 1), (2, 2)]
    session.sql("ALTER TABLE e DROP PARTITION (p=2)")
    assert rows(session, "e") == [(1, 1)]
    assert data_files(outside)


def test_truncate_empties_partitions_kept_elsewhere(session, tmp_path):
    outside = tmp_path / "outside"
    write_parquet(session, outside, [3])
    session.sql("ALTER TABLE t ADD PARTITION (p=3) LOCATION '%s'" % outside)
    session.sql("TRUNCATE TABLE t")
    assert rows(session) == []


def test_second_session_and_another_process_see_partition_folders(spark, session, tmp_path):
    outside = tmp_path / "outside"
    write_parquet(session, outside, [50])
    session.sql("ALTER TABLE t ADD PARTITION (p=5) LOCATION '%s'" % outside)
    second = open_session(spark, tmp_path / "warehouse")
    assert partitions(second) == ["p=1", "p=2", "p=5"]
    assert rows(second) == [(1, 1), (2, 2), (50, 5)]
    # a change made by the second session reaches the first
    moved = tmp_path / "moved"
    write_parquet(session, moved, [51])
    second.sql("ALTER TABLE t PARTITION (p=5) SET LOCATION '%s'" % moved)
    assert rows(session) == [(1, 1), (2, 2), (51, 5)]

    script = tmp_path / "job.py"
    script.write_text(textwrap.dedent("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        print([r.partition for r in spark.sql("SHOW PARTITIONS t").collect()])
        print(sorted(tuple(r) for r in spark.table("t").collect()))
    """))
    out = subprocess.run([EMBER, "submit", "--conf", "spark.sql.warehouse.dir=%s" % (tmp_path / "warehouse"),
                          str(script)], capture_output=True, text=True, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["['p=1', 'p=2', 'p=5']", "[(1, 1), (2, 2), (51, 5)]"]


def test_warehouse_of_the_older_layout_opens_and_gains_partition_folders(spark, tmp_path):
    # A metastore as the catalog wrote it before it kept partition folders (no such column).
    warehouse = tmp_path / "warehouse"
    table_folder = warehouse / "old"
    first = open_session(spark, tmp_path / "scratch")
    first.createDataFrame([(1, 1), (2, 2)], "a int, p int").write.partitionBy("p").parquet(str(table_folder))
    db = sqlite3.connect(str(warehouse / "_ember_metastore.sqlite"))
    columns = ("database TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, provider TEXT NOT NULL, "
               "location TEXT NOT NULL, schema TEXT NOT NULL, partition_columns TEXT NOT NULL, "
               "properties TEXT NOT NULL, options TEXT NOT NULL, view_text TEXT NOT NULL, "
               "comment TEXT NOT NULL, created_ms INTEGER NOT NULL")
    db.execute("CREATE TABLE databases (name TEXT PRIMARY KEY, comment TEXT NOT NULL, "
               "location TEXT NOT NULL, properties TEXT NOT NULL)")
    db.execute("CREATE TABLE tables (%s, PRIMARY KEY (database, name))" % columns)
    db.execute("CREATE TABLE pending_commits (%s, commit_id TEXT NOT NULL, pid INTEGER NOT NULL, "
               "PRIMARY KEY (database, name, commit_id))" % columns)
    db.execute("INSERT INTO tables VALUES ('default', 'old', 'MANAGED', 'parquet', ?, '`a` int, `p` int', "
               "'p\n', '', '', '', '', 0)", (str(table_folder),))
    db.commit()
    db.close()

    session = open_session(spark, warehouse)
    assert rows(session, "old") == [(1, 1), (2, 2)]
    outside = tmp_path / "outside"
    write_parquet(session, outside, [3])
    session.sql("ALTER TABLE old ADD PARTITION (p=3) LOCATION '%s'" % outside)
    assert rows(open_session(spark, warehouse), "old") == [(1, 1), (2, 2), (3, 3)]
    # a writer naming only the older columns still adds tables
    db = sqlite3.connect(str(warehouse / "_ember_metastore.sqlite"))
    db.execute("INSERT INTO tables (database, name, type, provider, location, schema, partition_columns, "
               "properties, options, view_text, comment, created_ms) SELECT database, 'copy', type, provider, "
               "location, schema, partition_columns, properties, options, view_text, comment, created_ms "
               "FROM tables WHERE name = 'old'")
    db.commit()
    db.close()
    assert rows(open_session(spark, warehouse), "copy") == [(1, 1), (2, 2)]
