"""Timestamps: naive datetimes are wall time in the session time zone, both ways."""

import datetime


def test_session_time_zone_governs_timestamps(spark, capsys):
    df = spark.createDataFrame([(datetime.datetime(2024, 1, 5, 10, 0),)], "t TIMESTAMP")
    assert df.collect()[0].t == datetime.datetime(2024, 1, 5, 10, 0)
    spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
    try:
        assert df.collect()[0].t == datetime.datetime(2024, 1, 5, 2, 0)
        df.show()
        assert "|2024-01-05 02:00:00|" in capsys.readouterr().out
        local = spark.createDataFrame([(datetime.datetime(2024, 7, 1, 12, 0),)], "t TIMESTAMP")
        assert local.collect()[0].t == datetime.datetime(2024, 7, 1, 12, 0)
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
    assert local.collect()[0].t == datetime.datetime(2024, 7, 1, 19, 0)


def test_timestamp_ntz_is_wall_clock(spark):
    value = datetime.datetime(2024, 3, 10, 2, 30, 0, 1)
    df = spark.createDataFrame([(value,)], "t TIMESTAMP_NTZ")
    spark.conf.set("spark.sql.session.timeZone", "Asia/Tokyo")
    try:
        assert df.collect()[0].t == value
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
