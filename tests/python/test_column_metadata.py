"""StructField metadata through DataFrame transformations: Spark keeps an attribute's metadata
wherever the column itself goes (select, alias, rename, joins, grouping keys) and drops it for
computed expressions; alias(metadata=...) sets it."""

import pytest

from pyspark.errors import PySparkValueError
from pyspark.sql import functions as F

TAG = {"comment": "display name", "max_length": 20}


@pytest.fixture
def tagged(spark):
    df = spark.createDataFrame([(1, "ann"), (2, "bob")], "id int, name string")
    return df.withMetadata("name", TAG)


def metadata(df):
    return {f.name: f.metadata for f in df.schema.fields}


def test_select_keeps_metadata_of_referenced_columns(tagged):
    assert metadata(tagged.select("name", "id")) == {"name": TAG, "id": {}}
    assert metadata(tagged.select(F.col("name"))) == {"name": TAG}
    assert metadata(tagged.select(tagged["name"])) == {"name": TAG}
    assert metadata(tagged.select("*")) == {"id": {}, "name": TAG}
    assert metadata(tagged.selectExpr("name", "id + 1 AS next")) == {"name": TAG, "next": {}}
    assert metadata(tagged.alias("t").select("t.name")) == {"name": TAG}


def test_alias_and_rename_keep_it_under_the_new_name(tagged):
    assert metadata(tagged.select(F.col("name").alias("who"))) == {"who": TAG}
    renamed = tagged.withColumnRenamed("name", "who")
    assert metadata(renamed) == {"id": {}, "who": TAG}
    assert metadata(tagged.withColumnsRenamed({"name": "n", "id": "k"})) == {"k": {}, "n": TAG}
    assert metadata(tagged.withColumn("copy", F.col("name"))) == {"id": {}, "name": TAG, "copy": TAG}


def test_computed_columns_have_none(tagged):
    assert metadata(tagged.select(F.upper("name").alias("name"))) == {"name": {}}
    assert metadata(tagged.select(F.col("name").cast("string"))) == {"CAST(name AS STRING)": {}}
    assert metadata(tagged.withColumn("name", F.concat("name", F.lit("!")))) == {"id": {}, "name": {}}
    assert metadata(tagged.drop("name")) == {"id": {}}


def test_alias_with_metadata_sets_it(spark, tagged):
    out = tagged.select((F.col("id") * 2).alias("twice", metadata={"unit": "x2"}),
                        F.col("name").alias("n", metadata={"other": 1}))
    assert metadata(out) == {"twice": {"unit": "x2"}, "n": {"other": 1}}
    assert [tuple(r) for r in out.orderBy("twice").collect()] == [(2, "ann"), (4, "bob")]
    # It goes on along with the column.
    assert metadata(out.filter("twice > 2").select("n")) == {"n": {"other": 1}}
    with pytest.raises(PySparkValueError) as error:
        F.col("m").alias("k", "v", metadata={"a": 1})
    assert error.value.getCondition() == "ONLY_ALLOWED_FOR_SINGLE_COLUMN"


def test_joins_unions_and_grouping(spark, tagged):
    other = spark.createDataFrame([(1, 9.5)], "key int, score double") \
        .withMetadata("score", {"unit": "points"})
    joined = tagged.join(other, tagged["id"] == other["key"])
    assert metadata(joined) == {"id": {}, "name": TAG, "key": {}, "score": {"unit": "points"}}
    semi = tagged.join(other.withColumnRenamed("key", "id").withColumnRenamed("score", "name"),
                       "id", "left_semi")
    assert metadata(semi) == {"id": {}, "name": TAG}
    plain = spark.createDataFrame([(3, "cy")], "id int, name string")
    assert metadata(tagged.union(plain)) == {"id": {}, "name": TAG}
    assert metadata(plain.union(tagged)) == {"id": {}, "name": {}}
    grouped = tagged.groupBy("name").agg(F.count("id").alias("n"))
    assert metadata(grouped) == {"name": TAG, "n": {}}
    assert sorted(tuple(r) for r in grouped.collect()) == [("ann", 1), ("bob", 1)]
