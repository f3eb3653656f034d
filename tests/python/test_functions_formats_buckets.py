"""pyspark.sql.functions window / window_time, the bitmap bucket functions and the number formats."""

import datetime

import pyspark.sql.functions as F
from pyspark.sql import Row


def test_window_buckets_and_window_time(spark):
    frame = spark.createDataFrame([(datetime.datetime(2024, 1, 5, 10, 17),)], "ts timestamp")
    assert frame.select(F.window("ts", "15 minutes")).columns == ["window"]
    assert frame.select(F.window("ts", "15 minutes")).first()[0] == Row(
        start=datetime.datetime(2024, 1, 5, 10, 15), end=datetime.datetime(2024, 1, 5, 10, 30))
    assert frame.select(F.window(F.col("ts"), "1 hour", startTime="10 minutes").alias("w")).first()[0] == Row(
        start=datetime.datetime(2024, 1, 5, 10, 10), end=datetime.datetime(2024, 1, 5, 11, 10))
    assert frame.select(F.window_time(F.window("ts", "1 minute"))).first()[0] == datetime.datetime(2024, 1, 5, 10, 17, 59, 999999)


def test_sliding_windows_in_group_by(spark):
    times = [datetime.datetime(2024, 1, 5, 10, m) for m in (1, 4, 7, 12)] + [None]
    frame = spark.createDataFrame([(t,) for t in times], "ts timestamp")
    counts = frame.groupBy(F.window("ts", "10 minutes", "5 minutes")).count().orderBy("window.start")
    assert counts.columns == ["window", "count"]
    # Windows [9:55, 10:05), [10:00, 10:10), [10:05, 10:15), [10:10, 10:20); a null time is in none.
    got = [(r.window.start.strftime("%H:%M"), r["count"]) for r in counts.collect()]
    assert got == [("09:55", 2), ("10:00", 3), ("10:05", 2), ("10:10", 1)]
    assert frame.withColumn("w", F.window("ts", "10 minutes", "5 minutes")).count() == 8


def test_bitmap_functions(spark):
    row = spark.range(1).select(F.bitmap_bucket_number(F.lit(32769)), F.bitmap_bit_position(F.lit(32769)),
                                F.bitmap_count(F.unhex(F.lit("0F01")))).first()
    assert tuple(row) == (2, 0, 5)


def test_number_formats(spark):
    import decimal
    frame = spark.createDataFrame([("$1,234.5",)], "s string")
    row = frame.select(F.to_number("s", F.lit("$9,999.99")), F.try_to_number(F.lit("x"), F.lit("9")),
                       F.to_char(F.lit(-12454.8), F.lit("99,999.9S")), F.to_varchar(F.lit(7), F.lit("000"))).first()
    assert tuple(row) == (decimal.Decimal("1234.50"), None, "12,454.8-", "007")


def test_uniform_and_randstr_are_seeded_per_partition(spark):
    row = spark.range(1).select(F.uniform(10, 20, 0), F.uniform(F.lit(1.5), F.lit(1.5), 3), F.randstr(6, 1),
                                F.randstr(6, 1), F.length(F.randstr(4))).first()
    assert isinstance(row[0], int) and 10 <= row[0] < 20 and row[1] == 1.5 and row[4] == 4
    assert row[2] == row[3] and len(row[2]) == 6 and row[2].isalnum()


def test_bitmap_aggregates_count_distinct_values(spark):
    values = [3, 7, 7, 40000, None]
    df = spark.createDataFrame([(v,) for v in values], "v long")
    rows = (df.groupBy(F.bitmap_bucket_number("v").alias("bucket"))
              .agg(F.bitmap_count(F.bitmap_construct_agg(F.bitmap_bit_position("v"))).alias("n"),
                   F.bitmap_construct_agg(F.bitmap_bit_position("v")).alias("bits"))
              .orderBy("bucket").collect())
    by_bucket = {r.bucket: r.n for r in rows}
    expected = {}
    for v in set(v for v in values if v is not None):
        bucket = 1 + (v - 1) // 32768
        expected[bucket] = expected.get(bucket, 0) + 1
    assert by_bucket == {None: 0, **expected}
    assert all(len(r.bits) == 4096 for r in rows)
    merged = spark.createDataFrame([(bytearray(b"\x01"),), (bytearray(b"\x04\x02"),)], "b binary")
    out = merged.select(F.bitmap_or_agg("b").alias("m")).collect()[0].m
    assert bytes(out[:2]) == bytes([0x01 | 0x04, 0x02]) and len(out) == 4096
