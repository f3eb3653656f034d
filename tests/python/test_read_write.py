"""Writing Parquet and JSON and reading them back through spark.read."""

import pytest

from pyspark.errors import AnalysisException
from pyspark.sql import Row
from pyspark.sql import functions as F


def test_parquet_round_trip(spark, tmp_path):
    df = spark.createDataFrame([(1, "a"), (2, None)], "id BIGINT, s STRING")
    out = str(tmp_path / "out")
    df.write.mode("overwrite").parquet(out)
    back = spark.read.parquet(out)
    assert back.dtypes == [("id", "bigint"), ("s", "string")]
    assert sorted(back.collect()) == [Row(id=1, s="a"), Row(id=2, s=None)]
    with pytest.raises(AnalysisException) as info:
        df.write.parquet(out)
    assert info.value.getErrorClass() == "PATH_ALREADY_EXISTS"
    df.write.mode("append").format("parquet").save(out)
    assert spark.read.format("parquet").load(out).count() == 4


def test_json_with_schema(spark, tmp_path):
    path = tmp_path / "in.json"
    path.write_text('{"user_id": "u1", "timestamp": 1704448800}\n'
                    '{"user_id": null, "timestamp": 5}\n')
    df = spark.read.schema("user_id STRING, timestamp BIGINT").json(str(path))
    assert df.filter(F.col("user_id").isNotNull()).collect() == [
        Row(user_id="u1", timestamp=1704448800)]
    out = str(tmp_path / "json_out")
    df.write.json(out)
    assert sorted(spark.read.schema("user_id STRING, timestamp BIGINT").json(out).collect(),
                  key=lambda r: r.timestamp) == [Row(user_id=None, timestamp=5),
                                                 Row(user_id="u1", timestamp=1704448800)]
