"""PySpark 4.0 DataFrame and GroupedData members a classic batch session without PyArrow cannot
serve: each raises the error PySpark raises; GroupedData.apply runs a GROUPED_MAP pandas UDF."""

import importlib.util

import pytest

from pyspark.errors import (
    AnalysisException, PySparkImportError, PySparkTypeError, PySparkValueError,
)
from pyspark.sql import functions as F

HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None


def test_write_stream_needs_a_streaming_frame(spark):
    with pytest.raises(AnalysisException) as error:
        spark.range(3).writeStream
    assert error.value.getCondition() == "WRITE_STREAM_NOT_ALLOWED"


def test_execution_info_is_spark_connect_only(spark):
    with pytest.raises(PySparkValueError) as error:
        spark.range(3).executionInfo
    assert error.value.getCondition() == "CLASSIC_OPERATION_NOT_SUPPORTED_ON_DF"
    assert error.value.getMessageParameters() == {"member": "queryExecution"}


@pytest.mark.skipif(HAS_PYARROW, reason="PyArrow is installed")
def test_arrow_members_need_pyarrow(spark):
    df = spark.range(3)
    for call in (df.toArrow, lambda: df.mapInArrow(lambda it: it, "id long"), df.pandas_api,
                 lambda: df.groupBy("id").applyInArrow(lambda t: t, "id long")):
        with pytest.raises(PySparkImportError) as error:
            call()
        assert error.value.getCondition() == "PACKAGE_NOT_INSTALLED"
        assert error.value.getMessageParameters() == {"package_name": "PyArrow",
                                                      "minimum_version": "11.0.0"}


def test_grouped_apply_runs_a_grouped_map_udf(spark):
    from pyspark.sql.functions import PandasUDFType, pandas_udf
    df = spark.createDataFrame([(1, 1.0), (1, 3.0), (2, 5.0)], "k int, v double")

    @pandas_udf("k int, v double", PandasUDFType.GROUPED_MAP)
    def centered(pdf):
        return pdf.assign(v=pdf.v - pdf.v.mean())

    got = sorted(tuple(r) for r in df.groupBy("k").apply(centered).collect())
    assert got == [(1, -1.0), (1, 1.0), (2, 0.0)]

    @pandas_udf("double")
    def plus_one(v):
        return v + 1

    with pytest.raises(PySparkTypeError) as error:
        df.groupBy("k").apply(plus_one)
    assert error.value.getCondition() == "INVALID_UDF_EVAL_TYPE"
    assert F.col("v") is not None


@pytest.mark.skipif(importlib.util.find_spec("plotly") is not None, reason="plotly is installed")
def test_plots_need_plotly(spark):
    with pytest.raises(PySparkImportError) as error:
        spark.range(3).plot.line(x="id", y="id")
    assert error.value.getMessageParameters() == {"package_name": "plotly",
                                                  "minimum_version": "4.8"}


def test_merge_into_a_file_table_is_unsupported(spark, tmp_path):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    session.range(3).write.saveAsTable("merge_target")
    try:
        source = session.range(5)
        with pytest.raises(AnalysisException) as error:
            source.mergeInto("merge_target", F.col("id") == F.col("merge_target.id")).merge()
        assert error.value.getCondition() == "NO_MERGE_ACTION_SPECIFIED"
        writer = (source.mergeInto("merge_target", F.col("id") == F.col("merge_target.id"))
                  .whenMatched().updateAll().whenNotMatched().insertAll())
        with pytest.raises(AnalysisException) as error:
            writer.merge()
        assert error.value.getCondition() == "UNSUPPORTED_FEATURE.TABLE_OPERATION"
        assert error.value.getMessageParameters() == {
            "tableName": "`spark_catalog`.`default`.`merge_target`",
            "operation": "MERGE INTO TABLE"}
        with pytest.raises(AnalysisException) as error:
            source.mergeInto("no_such_table", F.lit(True)).whenMatched().delete().merge()
        assert error.value.getCondition() == "TABLE_OR_VIEW_NOT_FOUND"
    finally:
        session.sql("DROP TABLE IF EXISTS merge_target")


def test_with_metadata(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id int, name string")
    tagged = df.withMetadata("name", {"comment": "display name"})
    assert tagged.schema["name"].metadata == {"comment": "display name"}
    assert tagged.schema["id"].metadata == {}
    assert sorted(tuple(r) for r in tagged.collect()) == [(1, "a"), (2, "b")]
    # It goes along where the column stays as it is, not where it is replaced.
    kept = tagged.filter("id > 1").orderBy("id").limit(5)
    assert kept.schema["name"].metadata == {"comment": "display name"}
    assert tagged.withColumn("name", F.upper("name")).schema["name"].metadata == {}
    assert tagged.withColumn("x", F.lit(1)).schema["name"].metadata == {"comment": "display name"}
    assert df.schema["name"].metadata == {}
    with pytest.raises(PySparkTypeError) as error:
        df.withMetadata("name", "comment")
    assert error.value.getCondition() == "NOT_DICT"
    with pytest.raises(AnalysisException):
        df.withMetadata("nope", {}).schema
