"""Partition transform functions: F.years/months/days/hours/bucket (deprecated in 4.0, with a
FutureWarning) and pyspark.sql.functions.partitioning. They only mean something inside
DataFrameWriterV2.partitionedBy: the session catalog's file tables refuse every transform but
bucket (UNSUPPORTED_PARTITION_TRANSFORM) and Ember's tables refuse buckets as bucketBy; used as a
value anywhere else they fail with PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY."""

import datetime
import os
import warnings

import pytest
from pyspark.errors import (AnalysisException, PySparkTypeError, UnknownException,
                            UnsupportedOperationException)
from pyspark.sql import functions as F
from pyspark.sql.functions import partitioning as P

TRANSFORMS = ["years", "months", "days", "hours"]


@pytest.fixture
def session(spark, tmp_path):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    return session


@pytest.fixture
def frame(session):
    return session.createDataFrame(
        [(1, datetime.datetime(2024, 3, 5, 7, 30)), (2, datetime.datetime(2025, 11, 1, 23, 0))],
        "id int, ts timestamp")


@pytest.mark.parametrize("name", TRANSFORMS)
def test_deprecated_functions_warn_and_build_the_partitioning_transform(name):
    with pytest.warns(FutureWarning, match="Deprecated in 4.0.0, use partitioning.%s instead." % name):
        column = getattr(F, name)("ts")
    assert repr(column) == repr(getattr(P, name)("ts")) == "Column<'%s(ts)'>" % name


def test_bucket_warns_and_checks_its_bucket_count():
    with pytest.warns(FutureWarning, match="use partitioning.bucket instead"):
        column = F.bucket(4, F.col("id"))
    assert repr(column) == "Column<'bucket(4, id)'>"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        P.bucket(F.lit(3), "id")  # the partitioning module does not warn
    with pytest.raises(PySparkTypeError) as error:
        P.bucket("4", "id")
    assert error.value.getErrorClass() == "NOT_COLUMN_OR_INT"
    assert error.value.getMessageParameters() == {"arg_name": "numBuckets", "arg_type": "str"}


def test_partitioning_module_imports_as_a_submodule():
    import importlib
    module = importlib.import_module("pyspark.sql.functions.partitioning")
    assert sorted(module.__all__) == ["bucket", "days", "hours", "months", "years"]


@pytest.mark.parametrize("name", TRANSFORMS)
def test_transform_outside_partitioned_by_is_refused(frame, name):
    # Spark raises a SparkException when it comes to evaluate the expression: PySpark's
    # UnknownException.
    with pytest.raises(UnknownException) as error:
        frame.select(getattr(P, name)("ts")).collect()
    assert error.value.getErrorClass() == "PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY"
    assert error.value.getMessageParameters() == {"expression": '"%s(ts)"' % name}


def test_bucket_and_nested_transforms_are_refused_as_values(frame):
    for column in (P.bucket(4, "id"), P.days("ts") + 1):
        with pytest.raises(UnknownException) as error:
            frame.withColumn("p", column).collect()
        assert error.value.getErrorClass() == "PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY"
    with pytest.raises(UnknownException) as error:
        frame.where(P.years("ts") > 2024).collect()
    assert error.value.getMessageParameters() == {"expression": '"years(ts)"'}
    with pytest.raises(UnknownException) as error:
        frame.select(P.bucket(4, "id")).collect()
    # Spark's bucket expression prints only the column it buckets.
    assert error.value.getMessageParameters() == {"expression": '"bucket(id)"'}


def test_sql_has_no_partition_transform_functions(session):
    with pytest.raises(AnalysisException) as error:
        session.sql("SELECT years(current_timestamp())").collect()
    assert error.value.getErrorClass() == "UNRESOLVED_ROUTINE"


@pytest.mark.parametrize("name", TRANSFORMS)
def test_file_table_refuses_time_transforms(session, frame, tmp_path, name):
    writer = frame.writeTo("t_%s" % name).using("parquet").partitionedBy(F.col("id"), getattr(P, name)("ts"))
    for create in (writer.create, writer.createOrReplace):
        with pytest.raises(UnsupportedOperationException) as error:
            create()
        assert error.value.getErrorClass() == "UNSUPPORTED_PARTITION_TRANSFORM"
        assert error.value.getMessageParameters() == {"transform": "`%s(ts)`" % name}
        assert "The supported transforms are `identity`, `bucket`, and `clusterBy`" in str(error.value)
    assert not os.path.exists(str(tmp_path / "warehouse" / ("t_%s" % name)))
    assert "t_%s" % name not in [t.name for t in session.catalog.listTables()]


def test_file_table_refuses_bucket_transform_as_bucketing(session, frame, tmp_path):
    with pytest.raises(AnalysisException) as error:
        frame.writeTo("tb").partitionedBy(P.bucket(4, "id")).create()
    assert "does not support bucketBy" in str(error.value)
    assert not os.path.exists(str(tmp_path / "warehouse" / "tb"))


def test_a_time_transform_is_refused_before_a_bucket(session, frame):
    writer = frame.writeTo("tc").partitionedBy(P.bucket(2, "id"), P.hours("ts"))
    with pytest.raises(UnsupportedOperationException) as error:
        writer.create()
    assert error.value.getMessageParameters() == {"transform": "`hours(ts)`"}


def test_plain_columns_still_partition(session, frame, tmp_path):
    frame.writeTo("tp").partitionedBy("id").create()
    folders = os.listdir(str(tmp_path / "warehouse" / "tp"))
    assert sorted(f for f in folders if f.startswith("id=")) == ["id=1", "id=2"]
    assert sorted(r.id for r in session.table("tp").collect()) == [1, 2]


def test_function_list_has_nothing_missing():
    from ember.function_coverage import missing_functions, pyspark_function_names
    names = pyspark_function_names()
    assert {"years", "months", "days", "hours", "bucket", "countDistinct"} <= set(names)
    assert len(names) == len(set(names)) == 457
    assert missing_functions() == []
