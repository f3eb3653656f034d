"""input_file_name, input_file_block_start, input_file_block_length: each row names the file it
was read from as a file:// URI (characters a URI path cannot hold percent-encoded, as Java's URI
does), with the byte range of the split; "" and -1 where no file is read. Expected values come
from the files this test writes (os.path, os.path.getsize)."""

import os
import urllib.parse

from pyspark.sql import functions as F


def file_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path), safe="/_-!.~'()*:@&=+$,;")


def test_rows_name_their_file(spark, tmp_path):
    folder = tmp_path / "in put"
    folder.mkdir()
    contents = {"a.csv": "1\n2\n", "b#1.csv": "30\n"}
    for name, text in contents.items():
        (folder / name).write_text(text)
    rows = (spark.read.schema("v INT").csv(str(folder))
            .select("v", F.input_file_name().alias("f"), F.input_file_block_start().alias("s"),
                    F.input_file_block_length().alias("n"))
            .collect())
    expected = sorted((int(line), file_uri(folder / name), 0, os.path.getsize(folder / name))
                      for name, text in contents.items() for line in text.split())
    assert sorted(tuple(r) for r in rows) == expected
    assert " " not in rows[0].f and "%20" in rows[0].f


def test_parquet_files_and_sql_names(spark, tmp_path):
    out = str(tmp_path / "pq")
    spark.range(5).coalesce(1).write.parquet(out)
    (part,) = [n for n in os.listdir(out) if n.endswith(".parquet")]
    spark.read.parquet(out).createOrReplaceTempView("input_file_pq")
    rows = spark.sql("SELECT DISTINCT input_file_name(), input_file_block_start(), "
                     "input_file_block_length() FROM input_file_pq").collect()
    assert [tuple(r) for r in rows] == [(file_uri(os.path.join(out, part)), 0, os.path.getsize(os.path.join(out, part)))]


def test_no_file_gives_empty_and_minus_one(spark):
    row = spark.range(2).select(F.input_file_name(), F.input_file_block_start(),
                                F.input_file_block_length()).first()
    assert tuple(row) == ("", -1, -1)
    types = spark.range(1).select(F.input_file_name(), F.input_file_block_start()).dtypes
    assert [t for _, t in types] == ["string", "bigint"]
