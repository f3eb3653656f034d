"""The binaryFile source: one row per file with its URI, modification time, length and content,
checked against os.stat and the bytes read in Python; the listing options apply; writes are
refused with Spark's error."""

import datetime
import os

import pytest

from pyspark.errors import AnalysisException


@pytest.fixture
def files(tmp_path):
    contents = {"a.bin": bytes(range(256)) * 3, "empty.bin": b"", "note.txt": "héllo\n".encode()}
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
    os.utime(tmp_path / "a.bin", (1700000000.25, 1700000000.25))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.bin").write_bytes(b"\x01\x02")
    return tmp_path, contents


def expected_row(path):
    stat = os.stat(path)
    modified = datetime.datetime.fromtimestamp(stat.st_mtime_ns // 1_000_000 / 1000,
                                               datetime.timezone.utc).replace(tzinfo=None)
    with open(path, "rb") as f:
        return ("file:" + str(path), modified, stat.st_size, f.read())


def test_rows_are_the_files(spark, files):
    root, contents = files
    df = spark.read.format("binaryFile").load(str(root))
    assert [(f.name, f.dataType.simpleString()) for f in df.schema.fields] == [
        ("path", "string"), ("modificationTime", "timestamp"), ("length", "bigint"),
        ("content", "binary")]
    rows = sorted((r.path, r.modificationTime, r.length, bytes(r.content)) for r in df.collect())
    assert rows == sorted(expected_row(root / name) for name in contents)


def test_listing_options_and_projection(spark, files):
    root, contents = files
    only_bin = spark.read.format("binaryFile").option("pathGlobFilter", "*.bin").load(str(root))
    assert sorted(r.path for r in only_bin.select("path").collect()) == \
        ["file:" + str(root / "a.bin"), "file:" + str(root / "empty.bin")]
    everything = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(str(root))
    assert everything.count() == len(contents) + 1
    lengths = {r.path.rsplit("/", 1)[1]: r.length for r in everything.select("path", "length").collect()}
    assert lengths == {**{name: len(data) for name, data in contents.items()}, "deep.bin": 2}
    assert everything.filter("length > 10").count() == 1


def test_writing_is_refused(spark, files, tmp_path):
    df = spark.read.format("binaryFile").load(str(files[0]))
    with pytest.raises(AnalysisException) as error:
        df.write.format("binaryFile").save(str(tmp_path / "out"))
    assert error.value.getErrorClass() == "UNSUPPORTED_FEATURE.WRITE_FOR_BINARY_SOURCE"
