"""collate and collation from Python: UTF8_BINARY strings compare byte-wise (checked against
Python's own comparison of the UTF-8 bytes); other collations are refused."""

import pytest
from pyspark.sql import functions as F


def test_collate_utf8_binary_keeps_values_and_byte_order(spark):
    words = ["b", "B", "a", "é", "Z"]
    df = spark.createDataFrame([(w,) for w in words], "w string")
    rows = df.select(F.collate("w", "UTF8_BINARY").alias("c"), F.collation("w").alias("n")).orderBy("c").collect()
    assert [r.c for r in rows] == sorted(words, key=lambda w: w.encode())
    assert {r.n for r in rows} == {"UTF8_BINARY"}


def test_other_collations_are_refused(spark):
    with pytest.raises(Exception, match="UNSUPPORTED_FEATURE"):
        spark.range(1).select(F.collate(F.lit("a"), "UTF8_LCASE")).collect()
    with pytest.raises(Exception, match="COLLATION_INVALID_NAME"):
        spark.range(1).select(F.collate(F.lit("a"), "NOPE")).collect()
