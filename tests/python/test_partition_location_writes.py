"""Writes that fill partitions of a table some of whose partitions live in folders of their own
(ADD PARTITION ... LOCATION, PARTITION ... SET LOCATION): INSERT INTO/OVERWRITE with static and
dynamic partition specs, in static and dynamic partitionOverwriteMode, df.write.insertInto,
saveAsTable in append mode and writeTo().append()/overwritePartitions(). The rows of a relocated
partition go to its folder (never to its default directory, which reads skip), new partitions
appear, and a second session on the warehouse sees the same. Expected rows are kept in plain
Python: a dict partition -> list of values, updated as Spark's semantics say each write does."""

import os

import pytest
from pyspark.errors import SparkRuntimeException

from test_partition_locations import data_files, open_session, partitions, rows, write_parquet


class Model:
    """The table's expected content: partition value -> sorted values of column a."""

    def __init__(self, content):
        self.content = {p: sorted(values) for p, values in content.items()}

    def append(self, new_rows):
        for a, p in new_rows:
            self.content.setdefault(p, []).append(a)
            self.content[p].sort()

    def overwrite_written(self, new_rows):
        for p in {p for _, p in new_rows}:
            self.content[p] = []
        self.append(new_rows)

    def overwrite_all(self, new_rows):
        self.content = {}
        self.append(new_rows)

    def rows(self):
        return sorted((a, p) for p, values in self.content.items() for a in values)

    def partitions(self):
        return ["p=%d" % p for p in sorted(p for p, values in self.content.items() if values)]


@pytest.fixture
def relocated(spark, tmp_path):
    """Table t (a int, p int) with p=1, p=2 in the table's folder, p=7 in folder `seven` (with
    data) and p=8 in folder `eight` (empty, added by ADD PARTITION ... LOCATION)."""
    session = open_session(spark, tmp_path / "warehouse")
    session.sql("CREATE TABLE t (a int, p int) USING parquet PARTITIONED BY (p)")
    session.sql("INSERT INTO t VALUES (1, 1), (2, 2)")
    write_parquet(session, tmp_path / "seven", [70])
    session.sql("ALTER TABLE t ADD PARTITION (p=7) LOCATION '%s'" % (tmp_path / "seven"))
    session.sql("ALTER TABLE t ADD PARTITION (p=8) LOCATION '%s'" % (tmp_path / "eight"))
    return session, Model({1: [1], 2: [2], 7: [70]})


def check(session, model, tmp_path, emptied=()):
    """The table reads as the model through spark.table and SQL (with a filter on a relocated
    partition), in this session and a second one; relocated rows are in their folders only."""
    expected = model.rows()
    second = open_session(session, tmp_path / "warehouse")
    for s in (session, second):
        assert rows(s) == expected
        assert sorted(tuple(r) for r in s.sql("SELECT a, p FROM t").collect()) == expected
        assert sorted(r.a for r in s.sql("SELECT a FROM t WHERE p = 7").collect()) == model.content.get(7, [])
        listed = partitions(s)
        for partition in model.partitions():
            assert partition in listed
        for partition in emptied:
            assert partition not in listed
    table_folder = tmp_path / "warehouse" / "t"
    assert not os.path.exists(table_folder / "p=7") and not os.path.exists(table_folder / "p=8")
    # no staging directory is left next to any folder
    for folder in (tmp_path, table_folder.parent):
        assert [n for n in os.listdir(folder) if ".ember-staging-" in n] == []


def sql_values(new_rows):
    return ", ".join("(%d, %d)" % r for r in new_rows)


def test_insert_into_with_and_without_a_dynamic_spec(relocated, tmp_path):
    session, model = relocated
    new_rows = [(71, 7), (80, 8), (10, 1), (90, 9)]
    session.sql("INSERT INTO t SELECT * FROM VALUES %s" % sql_values(new_rows))
    model.append(new_rows)
    check(session, model, tmp_path)
    assert data_files(tmp_path / "eight")
    assert len(data_files(tmp_path / "seven")) == 2  # the old file and the new one
    assert os.path.isdir(tmp_path / "warehouse" / "t" / "p=9")  # a new partition in its directory

    more = [(72, 7), (81, 8)]
    session.sql("INSERT INTO t PARTITION (p) SELECT * FROM VALUES %s" % sql_values(more))
    model.append(more)
    check(session, model, tmp_path)


def test_insert_into_a_two_level_table_with_a_partial_static_spec(spark, tmp_path):
    session = open_session(spark, tmp_path / "warehouse")
    session.sql("CREATE TABLE two (a int, p int, q string) USING parquet PARTITIONED BY (p, q)")
    session.sql("INSERT INTO two VALUES (1, 1, 'x')")
    folder = tmp_path / "one_y"
    session.sql("ALTER TABLE two ADD PARTITION (p=1, q='y') LOCATION '%s'" % folder)
    session.sql("INSERT INTO two PARTITION (p=1, q) SELECT * FROM VALUES (2, 'y'), (3, 'y'), (4, 'z')")
    expected = [(1, 1, "x"), (2, 1, "y"), (3, 1, "y"), (4, 1, "z")]
    assert sorted(tuple(r) for r in session.table("two").collect()) == expected
    assert data_files(folder)
    assert not os.path.exists(tmp_path / "warehouse" / "two" / "p=1" / "q=y")
    session.sql("INSERT OVERWRITE two PARTITION (p=1, q) SELECT * FROM VALUES (5, 'y')")
    # static mode: the spec's static values select every p=1 partition; the relocated one that
    # was written keeps its folder
    assert sorted(tuple(r) for r in open_session(spark, tmp_path / "warehouse").table("two").collect()) == [(5, 1, "y")]
    assert [r.partition for r in session.sql("SHOW PARTITIONS two").collect()] == ["p=1/q=y"]


def test_insert_overwrite_in_static_mode_replaces_every_partition(relocated, tmp_path):
    session, model = relocated
    new_rows = [(73, 7), (11, 1)]
    session.sql("INSERT OVERWRITE t PARTITION (p) SELECT * FROM VALUES %s" % sql_values(new_rows))
    model.overwrite_all(new_rows)
    # p=8, relocated and not written, leaves the table as Spark drops partitions it did not write
    check(session, model, tmp_path, emptied=["p=2", "p=8"])
    assert data_files(tmp_path / "seven") and len(data_files(tmp_path / "seven")) == 1

    # a static spec naming the relocated partition replaces only it
    session.sql("INSERT OVERWRITE t PARTITION (p=7) VALUES (74), (75)")
    model.content[7] = [74, 75]
    check(session, model, tmp_path)
    # with no rows it empties the partition, which stays (in its folder)
    session.sql("INSERT OVERWRITE t PARTITION (p=7) SELECT a FROM t WHERE a < 0")
    model.content[7] = []
    check(session, model, tmp_path)
    assert "p=7" in partitions(session) and data_files(tmp_path / "seven") == []
    session.sql("INSERT INTO t PARTITION (p=7) VALUES (76)")
    model.content[7] = [76]
    check(session, model, tmp_path)
    assert len(data_files(tmp_path / "seven")) == 1


def test_insert_overwrite_in_dynamic_mode_replaces_the_written_partitions(relocated, tmp_path):
    session, model = relocated
    session.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    new_rows = [(76, 7), (82, 8), (12, 1)]
    session.sql("INSERT OVERWRITE t SELECT * FROM VALUES %s" % sql_values(new_rows))
    model.overwrite_written(new_rows)
    check(session, model, tmp_path)
    assert partitions(session) == ["p=1", "p=2", "p=7", "p=8"]

    new_rows = [(77, 7)]
    session.sql("INSERT OVERWRITE t PARTITION (p) SELECT * FROM VALUES %s" % sql_values(new_rows))
    model.overwrite_written(new_rows)
    check(session, model, tmp_path)


def test_dataframe_writes(relocated, tmp_path):
    session, model = relocated
    frame = lambda data: session.createDataFrame(data, "a int, p int")  # noqa: E731

    batch = [(78, 7), (83, 8), (13, 3)]
    frame(batch).write.insertInto("t")
    model.append(batch)
    check(session, model, tmp_path)

    batch = [(79, 7), (14, 3)]
    frame(batch).write.mode("append").saveAsTable("t")
    model.append(batch)
    check(session, model, tmp_path)

    batch = [(84, 8)]
    frame(batch).writeTo("t").append()
    model.append(batch)
    check(session, model, tmp_path)

    batch = [(85, 8), (15, 1)]
    frame(batch).writeTo("t").overwritePartitions()
    model.overwrite_written(batch)
    check(session, model, tmp_path)

    session.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    batch = [(700, 7)]
    frame(batch).write.insertInto("t", overwrite=True)
    model.overwrite_written(batch)
    check(session, model, tmp_path)


def test_a_second_session_writes_and_the_first_reads(relocated, spark, tmp_path):
    session, model = relocated
    second = open_session(spark, tmp_path / "warehouse")
    batch = [(701, 7), (801, 8)]
    second.sql("INSERT INTO t SELECT * FROM VALUES %s" % sql_values(batch))
    model.append(batch)
    check(session, model, tmp_path)
    # the second session relocates p=1 and the first session writes into it
    write_parquet(session, tmp_path / "one", [100])
    second.sql("ALTER TABLE t PARTITION (p=1) SET LOCATION '%s'" % (tmp_path / "one"))
    model.content[1] = [100]
    batch = [(101, 1)]
    session.createDataFrame(batch, "a int, p int").write.insertInto("t")
    model.append(batch)
    check(session, model, tmp_path)
    assert len(data_files(tmp_path / "one")) == 2


def test_a_location_at_the_default_directory_or_inside_the_table(relocated, tmp_path):
    session, model = relocated
    # set back to its default directory, p=2 is an ordinary partition again for writes
    session.sql("ALTER TABLE t PARTITION (p=2) SET LOCATION '%s'" % (tmp_path / "warehouse" / "t" / "p=2"))
    batch = [(20, 2), (71, 7)]
    session.sql("INSERT INTO t SELECT * FROM VALUES %s" % sql_values(batch))
    model.append(batch)
    check(session, model, tmp_path)
    # a folder elsewhere inside the table's folder is refused rather than lost
    inside = tmp_path / "warehouse" / "t" / "kept_here"
    session.sql("ALTER TABLE t PARTITION (p=1) SET LOCATION '%s'" % inside)
    with pytest.raises(SparkRuntimeException) as error:
        session.sql("INSERT INTO t VALUES (3, 1)")
    assert error.value.getCondition() == "NOT_IMPLEMENTED"
    model.content[1] = []
    assert rows(session) == model.rows()
