"""DataFrame methods beyond the basics: dropDuplicates(subset), offset, sortWithinPartitions,
unionByName with missing columns, withColumnsRenamed, colRegex, observe, checkpoints, and the
plan questions (isLocal, inputFiles, sameSemantics, semanticHash)."""

import pytest

from pyspark.errors import (
    AnalysisException, PySparkAssertionError, PySparkTypeError, PySparkValueError,
)
from pyspark.sql import Observation, Row
from pyspark.sql import functions as F


@pytest.fixture
def people(spark):
    return spark.createDataFrame(
        [("alice", "nyc", 30), ("bob", "sf", 25), ("alice", "nyc", 31), ("carol", "sf", None),
         ("bob", "la", 25)], "name STRING, city STRING, age INT")


def test_drop_duplicates_subset(people):
    rows = people.dropDuplicates(["name"]).collect()
    assert people.dropDuplicates(["name"]).columns == ["name", "city", "age"]
    assert sorted(r.name for r in rows) == ["alice", "bob", "carol"]
    source = {tuple(r) for r in people.collect()}
    assert all(tuple(r) in source for r in rows)  # whole rows, not mixed values
    pairs = people.drop_duplicates(["name", "city"]).collect()
    assert sorted((r.name, r.city) for r in pairs) == \
        sorted({("alice", "nyc"), ("bob", "sf"), ("carol", "sf"), ("bob", "la")})
    assert people.dropDuplicates().count() == 5
    assert people.dropDuplicates(["age"]).count() == 4  # null is one group


def test_drop_duplicates_errors(people):
    with pytest.raises(PySparkTypeError) as e:
        people.dropDuplicates("name")
    assert e.value.getErrorClass() == "NOT_LIST_OR_TUPLE"
    with pytest.raises(PySparkTypeError) as e:
        people.dropDuplicates([F.col("name")])
    assert e.value.getErrorClass() == "NOT_STR"
    with pytest.raises(AnalysisException) as e:
        people.dropDuplicates(["zip"])
    assert e.value.getErrorClass() == "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES"


def test_offset_and_sort_within_partitions(spark):
    df = spark.range(10)
    assert [r.id for r in df.orderBy("id").offset(7).collect()] == [7, 8, 9]
    assert df.offset(20).collect() == []
    unsorted = spark.createDataFrame([(3,), (1,), (2,)], "v INT").repartition(1)
    assert [r.v for r in unsorted.sortWithinPartitions("v").collect()] == [1, 2, 3]
    assert [r.v for r in unsorted.sortWithinPartitions(F.desc("v")).collect()] == [3, 2, 1]
    union = spark.createDataFrame([(4,), (2,), (3,), (1,)], "v INT").union(
        spark.createDataFrame([(9,), (5,), (8,), (6,)], "v INT"))
    # each input partition is sorted on its own, the partitions keep their order: on local[2]
    # each side's 4 rows are sliced into [4, 2] [3, 1] and [9, 5] [8, 6]
    assert [r.v for r in union.sortWithinPartitions("v").collect()] == [2, 4, 1, 3, 5, 9, 6, 8]
    with pytest.raises(PySparkValueError):
        df.sortWithinPartitions()


def test_union_by_name_allow_missing(spark):
    a = spark.createDataFrame([(1, "x")], "id INT, s STRING")
    b = spark.createDataFrame([(2.5, 2)], "f DOUBLE, id INT")
    out = a.unionByName(b, allowMissingColumns=True)
    assert out.columns == ["id", "s", "f"]
    assert out.collect() == [Row(id=1, s="x", f=None), Row(id=2, s=None, f=2.5)]
    with pytest.raises(AnalysisException):
        a.unionByName(b).collect()


def test_with_columns_renamed(people):
    out = people.withColumnsRenamed({"name": "who", "age": "years", "missing": "x"})
    assert out.columns == ["who", "city", "years"]
    with pytest.raises(PySparkTypeError) as e:
        people.withColumnsRenamed([("name", "who")])
    assert e.value.getErrorClass() == "NOT_DICT"


def test_col_regex(spark):
    df = spark.createDataFrame([(1, 2, 3)], "Col1 INT, Col2 INT, other INT")
    assert df.select(df.colRegex("`(Col1)?+.+`")).columns == ["Col2", "other"]
    assert df.select(df.colRegex("`col.`")).columns == ["Col1", "Col2"]
    assert df.select(df.colRegex("other")).collect() == [Row(other=3)]


def test_observe(spark):
    df = spark.createDataFrame([(1,), (2,), (None,)], "v INT")
    observation = Observation("metrics")
    observed = df.observe(observation, F.count(F.lit(1)).alias("rows"),
                          F.max("v").alias("top"))
    assert observed.filter("v > 1").count() == 1
    assert observation.get == {"rows": 3, "top": 2}
    with pytest.raises(PySparkAssertionError) as e:
        df.observe(observation, F.count("v"))
    assert e.value.getErrorClass() == "REUSE_OBSERVATION"
    with pytest.raises(PySparkAssertionError) as e:
        Observation().get
    assert e.value.getErrorClass() == "NO_OBSERVE_BEFORE_GET"
    with pytest.raises(PySparkValueError) as e:
        df.observe(Observation())
    assert e.value.getErrorClass() == "CANNOT_BE_EMPTY"
    with pytest.raises(PySparkValueError) as e:
        Observation("")
    assert e.value.getErrorClass() == "VALUE_NOT_NON_EMPTY_STR"
    assert df.observe("named", F.count("v")).count() == 3


def test_checkpoint_cuts_lineage(spark, tmp_path):
    path = str(tmp_path / "data")
    spark.createDataFrame([(1,), (2,)], "v INT").write.parquet(path)
    df = spark.read.parquet(path).withColumn("w", F.col("v") * 10)
    kept = df.localCheckpoint()
    also = df.checkpoint()
    assert kept.isLocal() and not df.isLocal()
    assert kept.inputFiles() == []
    spark.createDataFrame([(3,)], "v INT").write.mode("append").parquet(path)
    assert sorted(r.w for r in kept.collect()) == [10, 20]
    assert sorted(r.w for r in also.collect()) == [10, 20]
    assert sorted(r.w for r in spark.read.parquet(path).withColumn(
        "w", F.col("v") * 10).collect()) == [10, 20, 30]


def test_input_files(spark, tmp_path):
    path = tmp_path / "j"
    spark.createDataFrame([(1,), (2,)], "v INT").repartition(1).write.json(str(path))
    files = sorted("file:" + str(p) for p in path.iterdir() if p.name.endswith(".json"))
    df = spark.read.json(str(path))
    assert df.inputFiles() == files
    assert df.union(df).filter("v > 1").inputFiles() == files


def test_same_semantics(spark):
    df = spark.range(10)
    a = df.withColumn("x", F.col("id") * 2)
    b = df.withColumn("x", F.col("id") * 2)
    c = df.withColumn("x", F.col("id") * 3)
    assert a.sameSemantics(b) and not a.sameSemantics(c)
    assert a.semanticHash() == b.semanticHash()
    assert isinstance(a.semanticHash(), int)
    with pytest.raises(PySparkTypeError) as e:
        a.sameSemantics(1)
    assert e.value.getErrorClass() == "NOT_DATAFRAME"


def test_batch_forms_of_streaming_methods(people):
    assert sorted(r.name for r in people.dropDuplicatesWithinWatermark(["name"]).collect()) == \
        ["alice", "bob", "carol"]
    assert people.withWatermark("name", "1 minute").count() == 5
    with pytest.raises(PySparkTypeError) as e:
        people.withWatermark(None, "1 minute")
    assert e.value.getErrorClass() == "NOT_STR"
    assert people.isStreaming is False


def test_to_schema_and_foreach(people):
    from pyspark.sql.types import LongType, StringType, StructField, StructType
    out = people.to(StructType([StructField("age", LongType()), StructField("name", StringType())]))
    assert out.dtypes == [("age", "bigint"), ("name", "string")]
    assert out.first() == Row(age=30, name="alice")
    with pytest.raises(AnalysisException):
        people.to(StructType([StructField("zip", StringType())]))
    seen = []
    people.foreach(lambda row: seen.append(row.name))
    assert sorted(seen) == sorted(r.name for r in people.collect())


def test_register_temp_table(people, spark):
    with pytest.warns(FutureWarning):
        people.registerTempTable("people_legacy")
    assert spark.sql("SELECT count(*) AS n FROM people_legacy").first().n == 5
    spark.catalog.dropTempView("people_legacy")


def test_global_temp_views(people, spark):
    people.createGlobalTempView("people_global")
    assert spark.sql("SELECT count(*) AS n FROM global_temp.people_global").first().n == 5
    with pytest.raises(AnalysisException) as e:
        people.createGlobalTempView("people_global")
    assert e.value.getErrorClass() == "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS"
    people.limit(2).createOrReplaceGlobalTempView("people_global")
    assert spark.table("global_temp.people_global").count() == 2
    spark.catalog.dropGlobalTempView("people_global")


def test_to_json(spark):
    import json
    df = spark.createDataFrame([(2, "Alice", None), (5, "Bob", [1, 2])],
                               "age INT, name STRING, tags ARRAY<INT>")
    out = df.toJSON()
    assert out.columns == ["value"]
    values = [r.value for r in out.collect()]
    assert values == ['{"age":2,"name":"Alice"}', '{"age":5,"name":"Bob","tags":[1,2]}']
    assert [json.loads(v) for v in values] == [{"age": 2, "name": "Alice"},
                                               {"age": 5, "name": "Bob", "tags": [1, 2]}]
    assert spark.createDataFrame([], "a INT").toJSON().collect() == []
