"""SparkSession: the builder's singleton, runtime configuration, version and context."""

import pytest

from pyspark.errors import SparkNoSuchElementException
from pyspark.sql import SparkSession


def test_get_or_create_returns_the_running_session(spark):
    again = SparkSession.builder.appName("other").getOrCreate()
    assert again is spark
    assert SparkSession.getActiveSession() is spark


def test_version_and_context(spark):
    assert spark.version == "4.0.0"
    assert spark.sparkContext.master == "local[2]"
    assert spark.sparkContext.defaultParallelism == 2
    assert spark.sparkContext.appName in ("ember-tests", "other")


def test_runtime_conf(spark):
    assert spark.conf.get("spark.sql.session.timeZone") == "UTC"
    assert spark.conf.get("spark.sql.ansi.enabled") == "true"
    assert spark.conf.get("spark.sql.shuffle.partitions") == "200"
    spark.conf.set("spark.ember.test.flag", True)
    assert spark.conf.get("spark.ember.test.flag") == "true"
    spark.conf.unset("spark.ember.test.flag")
    assert spark.conf.get("spark.ember.test.flag", "fallback") == "fallback"
    with pytest.raises(SparkNoSuchElementException) as info:
        spark.conf.get("spark.ember.test.flag")
    assert info.value.getErrorClass() == "SQL_CONF_NOT_FOUND"
