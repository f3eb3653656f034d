"""The hidden `_metadata` column of file sources and DataFrame.metadataColumn: each row's file
path, name, size, block and modification time, checked against the files on disk (os.stat)."""

import datetime
import json
import os
import pathlib

import pytest

from pyspark.errors import AnalysisException, PySparkTypeError
from pyspark.sql import functions as F

FIELDS = ["file_path", "file_name", "file_size", "file_block_start", "file_block_length",
          "file_modification_time"]


def data_files(folder):
    return sorted(p for p in pathlib.Path(folder).rglob("*")
                  if p.is_file() and not p.name.startswith(("_", ".")))


def expected_row(path):
    stat = os.stat(path)
    modified = datetime.datetime.fromtimestamp(stat.st_mtime_ns // 1_000_000 / 1000)
    # Hadoop's Path URI of a local file: "file:/abs/path", without the empty authority.
    return (file_path(path), path.name, stat.st_size, 0, stat.st_size, modified)


def file_path(path):
    return "file:" + path.as_uri()[len("file://"):]


@pytest.fixture
def written(spark, tmp_path):
    """Writes the same six rows in each format, two files each (one per partition)."""
    rows = spark.createDataFrame([(i, "v%d" % i) for i in range(6)], "id int, s string")
    rows = rows.repartition(2, "id")
    folders = {}
    for fmt in ["parquet", "csv", "json"]:
        folders[fmt] = str(tmp_path / fmt)
        rows.write.format(fmt).save(folders[fmt])
    folders["text"] = str(tmp_path / "text")
    rows.select("s").write.text(folders["text"])
    return folders


def read(spark, fmt, folder):
    if fmt == "csv":
        return spark.read.schema("id int, s string").csv(folder)
    if fmt == "json":
        return spark.read.schema("id int, s string").json(folder)
    return spark.read.format(fmt).load(folder)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "json", "text"])
def test_metadata_struct_matches_the_files(spark, written, fmt):
    df = read(spark, fmt, written[fmt])
    assert "_metadata" not in df.columns
    got = df.select("_metadata").collect()
    assert len(got) == 6
    files = data_files(written[fmt])
    assert sorted(set(tuple(r[0]) for r in got)) == sorted(expected_row(p) for p in files)
    field = df.select("_metadata").schema["_metadata"]
    assert not field.nullable
    assert [f.name for f in field.dataType.fields] == FIELDS
    assert [f.dataType.simpleString() for f in field.dataType.fields] == \
        ["string", "string", "bigint", "bigint", "bigint", "timestamp"]


def test_star_leaves_it_out_and_fields_are_named(spark, written):
    df = read(spark, "parquet", written["parquet"])
    both = df.select("*", "_metadata")
    assert both.columns == ["id", "s", "_metadata"]
    named = df.select("id", "_metadata.file_name", F.col("_metadata.file_size"))
    assert named.columns == ["id", "file_name", "file_size"]
    sizes = {p.name: p.stat().st_size for p in data_files(written["parquet"])}
    for row in named.collect():
        assert sizes[row.file_name] == row.file_size


def test_filter_sort_and_group_on_it(spark, written):
    df = read(spark, "json", written["json"])
    files = data_files(written["json"])
    first = files[0].name
    kept = df.filter(F.col("_metadata.file_name") == first)
    assert kept.columns == ["id", "s"]
    on_disk = sum(1 for line in files[0].read_text().splitlines() if line)
    assert kept.count() == on_disk
    counts = df.groupBy("_metadata.file_name").count().collect()
    assert sorted((r[0], r[1]) for r in counts) == \
        sorted((p.name, sum(1 for line in p.read_text().splitlines() if line)) for p in files)
    ordered = df.orderBy("_metadata.file_name", "id").select("id")
    assert ordered.columns == ["id"]
    # The column goes on through a select, a filter and a repartition of the read, computed by
    # the scan (before the shuffle).
    assert df.select("id").filter("id > 2").select("_metadata.file_name").count() == 3
    moved = df.repartition(3).select("id", "_metadata.file_name").collect()
    names = {p.name: {json.loads(line)["id"] for line in p.read_text().splitlines()} for p in files}
    assert all(r.id in names[r.file_name] for r in moved) and len(moved) == 6


def test_sql_over_a_view_and_a_table(spark, written):
    read(spark, "csv", written["csv"]).createOrReplaceTempView("metadata_csv")
    files = data_files(written["csv"])
    got = spark.sql("SELECT _metadata.file_name AS f, count(*) AS n FROM metadata_csv "
                    "GROUP BY _metadata.file_name").collect()
    assert sorted((r.f, r.n) for r in got) == \
        sorted((p.name, len(p.read_text().splitlines())) for p in files)
    row = spark.sql("SELECT t._metadata.file_path FROM metadata_csv t WHERE id = 0").collect()
    assert [r[0] for r in row] == [file_path(p) for p in files
                                   if "0,v0" in p.read_text().splitlines()]


def test_metadata_column(spark, written):
    df = read(spark, "parquet", written["parquet"])
    column = df.metadataColumn("_metadata")
    paths = {r[0] for r in df.select(column.getField("file_path")).collect()}
    assert paths == {file_path(p) for p in data_files(written["parquet"])}
    with pytest.raises(PySparkTypeError) as error:
        df.metadataColumn(1)
    assert error.value.getCondition() == "NOT_STR"
    with pytest.raises(AnalysisException):
        spark.range(3).metadataColumn("_metadata")
    with pytest.raises(AnalysisException):
        spark.range(3).select("_metadata").collect()


def test_through_joins(spark, written):
    left = read(spark, "parquet", written["parquet"])
    right = read(spark, "json", written["json"])
    local = spark.createDataFrame([(1, "z")], "id int, z string")
    parquet_names = {p.name for p in data_files(written["parquet"])}
    json_names = {p.name for p in data_files(written["json"])}
    # One side reads files: its _metadata, whichever side that is.
    got = left.join(local, "id").select("id", "_metadata.file_name").collect()
    assert len(got) == 1 and got[0].file_name in parquet_names
    got = local.join(right, "id").select("z", "_metadata.file_name").collect()
    assert len(got) == 1 and got[0].file_name in json_names
    # Both do: by DataFrame (a full outer join pads the missing side's struct with null) ...
    both = left.join(right.filter("id < 3"), left.id == right.id, "full")
    rows = both.select(left.id, left.metadataColumn("_metadata").file_name.alias("lf"),
                       right.metadataColumn("_metadata").file_name.alias("rf")).collect()
    assert len(rows) == 6
    assert all(r.lf in parquet_names for r in rows)
    assert sorted(r.rf in json_names for r in rows) == [False, False, False, True, True, True]
    assert both.columns == ["id", "s", "id", "s"]
    # ... else ambiguous, as Spark reports it.
    with pytest.raises(AnalysisException) as error:
        left.join(right, "id").select("_metadata").collect()
    assert error.value.getCondition() == "AMBIGUOUS_REFERENCE"
