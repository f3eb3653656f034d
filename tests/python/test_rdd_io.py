"""RDDs from and to files and DataFrames: textFile (word count, Hadoop's splits), wholeTextFiles,
saveAsTextFile, df.rdd, rdd.toDF and spark.createDataFrame(rdd); checked against plain Python
reading the same files and rows."""

import gzip
import os
import re
from collections import Counter

import pytest

from pyspark.sql import Row
from pyspark.sql.types import LongType, StringType, StructField, StructType

TEXT = ("the quick brown fox\njumps over the lazy dog\n\nthe end\r\nof the\rstory  "
        "with   spaces\nünïcödé wörds the fox\n")


@pytest.fixture(scope="module")
def sc(spark):
    return spark.sparkContext


def plain_lines(text):
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if lines[-1] == "" else lines


def test_word_count(sc, tmp_path):
    path = tmp_path / "words.txt"
    path.write_text(TEXT * 50, encoding="utf-8")
    counts = (sc.textFile(str(path)).flatMap(lambda line: line.split())
              .map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b).collect())
    assert dict(counts) == Counter((TEXT * 50).split())
    assert len(counts) == len(dict(counts))


@pytest.mark.parametrize("min_partitions", [None, 1, 3, 7, 40])
def test_text_file_splits_read_every_line_once(sc, tmp_path, min_partitions):
    path = tmp_path / "lines.txt"
    text = "".join("line %d %s\n" % (i, "x" * (i % 13)) for i in range(200)) + "last\r\nend"
    path.write_bytes(text.encode("utf-8"))
    rdd = sc.textFile(str(path), min_partitions)
    assert rdd.getNumPartitions() >= (min_partitions or min(sc.defaultParallelism, 2))
    assert rdd.collect() == plain_lines(text)


def test_text_file_directories_globs_and_gzip(sc, tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    texts = {"a.txt": "one\ntwo\n", "b.txt": "three", "c.log": "four\nfive\n"}
    for name, text in texts.items():
        (folder / name).write_text(text)
    (folder / "_hidden").write_text("skipped\n")
    with gzip.open(str(folder / "d.txt.gz"), "wt") as f:
        f.write("six\nseven\n")
    everything = sorted(sc.textFile(str(folder)).collect())
    expected = [line for t in texts.values() for line in plain_lines(t)] + ["six", "seven"]
    assert everything == sorted(expected)
    assert sorted(sc.textFile(str(folder / "*.txt")).collect()) == ["one", "three", "two"]
    both = "%s,%s" % (folder / "a.txt", folder / "c.log")
    assert sc.textFile(both).collect() == ["one", "two", "four", "five"]
    with pytest.raises(FileNotFoundError):
        sc.textFile(str(tmp_path / "missing"))


def test_whole_text_files(sc, tmp_path):
    texts = {"x%d.txt" % i: "file %d\n%s" % (i, "y" * i) for i in range(5)}
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    rdd = sc.wholeTextFiles(str(tmp_path), 3)
    assert rdd.getNumPartitions() >= 2
    assert sorted(rdd.collect()) == \
        sorted(("file:" + str(tmp_path / n), t) for n, t in texts.items())


def test_save_as_text_file_round_trip(sc, tmp_path):
    data = [1, "two", None, (3, "x"), 4.5, "ünï"]
    out = str(tmp_path / "out")
    sc.parallelize(data, 3).saveAsTextFile(out)
    parts = sorted(n for n in os.listdir(out) if n.startswith("part-"))
    assert parts == ["part-00000", "part-00001", "part-00002"]
    assert os.path.exists(os.path.join(out, "_SUCCESS"))
    written = [line for p in parts
               for line in open(os.path.join(out, p), encoding="utf-8").read().splitlines()]
    assert written == [str(x) for x in data]
    assert sc.textFile(out).collect() == [str(x) for x in data]
    with pytest.raises(FileExistsError):
        sc.parallelize(data).saveAsTextFile(out)
    zipped = str(tmp_path / "zipped")
    sc.parallelize(data, 2).saveAsTextFile(zipped, "org.apache.hadoop.io.compress.GzipCodec")
    assert sorted(sc.textFile(zipped).collect()) == sorted(str(x) for x in data)


def test_dataframe_rdd_and_back(spark):
    rows = [(i, "n%d" % (i % 7), None if i % 5 == 0 else i * 1.5) for i in range(60)]
    df = spark.createDataFrame(rows, "id bigint, name string, score double").repartition(4)
    rdd = df.rdd
    assert rdd.getNumPartitions() == 4
    assert len(rdd.glom().collect()) == 4
    got = rdd.collect()
    assert all(isinstance(r, Row) for r in got)
    assert sorted(tuple(r) for r in got) == sorted(rows)
    assert sorted(rdd.map(lambda r: r.name).distinct().collect()) == sorted({r[1] for r in rows})
    back = rdd.toDF()
    assert back.schema == df.schema
    assert back.rdd.getNumPartitions() == 4  # the RDD's partitions become the DataFrame's
    assert sorted(tuple(r) for r in back.collect()) == sorted(rows)
    renamed = rdd.map(lambda r: (r.id, r.name)).toDF(["k", "v"])
    assert renamed.columns == ["k", "v"]
    assert sorted(tuple(r) for r in renamed.collect()) == sorted((r[0], r[1]) for r in rows)


def test_create_data_frame_from_rdd(spark):
    sc = spark.sparkContext
    schema = StructType([StructField("word", StringType()), StructField("n", LongType())])
    rdd = sc.parallelize([("a", 1), ("b", 2), ("c", None)], 2)
    df = spark.createDataFrame(rdd, schema)
    assert df.schema == schema and df.collect() == [Row(word="a", n=1), Row(word="b", n=2),
                                                    Row(word="c", n=None)]
    assert spark.createDataFrame(rdd, "w string, n long").columns == ["w", "n"]
    rows = sc.parallelize([Row(x=1, y="p"), Row(x=2, y="q")])
    assert spark.createDataFrame(rows).collect() == [Row(x=1, y="p"), Row(x=2, y="q")]
    # The first record has a None: the first 100 decide its type.
    nulls = sc.parallelize([(1, None), (2, "s")])
    assert spark.createDataFrame(nulls, ["a", "b"]).schema["b"].dataType == StringType()
    assert sc.parallelize([{"k": 1}]).toDF().collect() == [Row(k=1)]
    assert sc.parallelize([3, 4]).toDF("int").collect() == [Row(value=3), Row(value=4)]


def test_create_data_frame_checks_records_in_tasks(spark):
    from pyspark.errors import PythonException
    sc = spark.sparkContext
    schema = StructType([StructField("a", LongType(), False), StructField("b", StringType())])
    rdd = sc.parallelize([(1, "x"), ("bad", "y")], 2)
    df = spark.createDataFrame(rdd, schema)  # lazy: nothing is checked before an action
    with pytest.raises(PythonException) as error:
        df.collect()
    assert "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME" in str(error.value)
    with pytest.raises(PythonException) as error:
        spark.createDataFrame(sc.parallelize([(None, "x")]), schema).collect()
    assert "FIELD_NOT_NULLABLE_WITH_NAME" in str(error.value)
    unchecked = spark.createDataFrame(sc.parallelize([(1, "x")]), schema, verifySchema=False)
    assert unchecked.collect() == [Row(a=1, b="x")]
    seen = sc.accumulator(0)

    def counted(x):
        seen.add(1)
        return (x, str(x))
    lazy = spark.createDataFrame(sc.parallelize(range(100), 4).map(counted), schema)
    assert seen.value == 0
    assert lazy.filter("a >= 90").count() == 10 and seen.value == 100
