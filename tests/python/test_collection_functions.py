"""pyspark.sql.functions collection functions and generators with PySpark's signatures: columns
or column names, Python literals where PySpark takes literals."""

import pytest

import pyspark.sql.functions as F
from pyspark.sql import Row


@pytest.fixture(scope="module")
def df(spark):
    return spark.createDataFrame([(1, [3, 1, None, 3], {"a": 1}, "x"), (2, [], {}, None)],
                                 "id int, a array<int>, m map<string,int>, s string")


def first(frame):
    return tuple(frame.orderBy("id").collect()[0])[1:]


def test_array_functions_take_names_and_literals(df):
    got = first(df.select("id", F.array_contains("a", 3), F.array_position(df.a, 1), F.array_remove("a", 3),
                          F.array_distinct("a"), F.array_union("a", F.array(F.lit(7))), F.array_except("a", F.array(F.lit(3))),
                          F.array_intersect(df.a, F.array(F.lit(1), F.lit(3))), F.arrays_overlap("a", F.array(F.lit(1)))))
    assert got == (True, 2, [1, None], [3, 1, None], [3, 1, None, 7], [1, None], [3, 1], True)


def test_edit_slice_sort_functions(df):
    got = first(df.select("id", F.array_append("a", 9), F.array_prepend("a", 0), F.array_insert("a", 2, 8),
                          F.array_compact("a"), F.slice("a", 2, 2), F.slice("a", F.lit(-1), F.lit(1)),
                          F.sort_array("a"), F.sort_array("a", asc=False), F.array_sort("a"), F.reverse("a"),
                          F.array_max("a"), F.array_min("a"), F.array_size("a"), F.size("a")))
    assert got == ([3, 1, None, 3, 9], [0, 3, 1, None, 3], [3, 8, 1, None, 3], [3, 1, 3], [1, None], [3],
                   [None, 1, 3, 3], [3, 3, 1, None], [1, 3, 3, None], [3, None, 1, 3], 3, 1, 4, 4)


def test_constructing_functions(spark):
    row = spark.range(1).select(F.array_repeat(F.lit("ab"), 2), F.sequence(F.lit(1), F.lit(5), F.lit(2)),
                                F.array_join(F.array(F.lit("a"), F.lit(None).cast("string")), "-", "?"),
                                F.flatten(F.array(F.array(F.lit(1)), F.array(F.lit(2)))),
                                F.arrays_zip(F.array(F.lit(1)).alias("x"), F.array(F.lit("b")).alias("y")),
                                F.concat(F.array(F.lit(1)), F.array(F.lit(2)))).collect()[0]
    assert tuple(row) == (["ab", "ab"], [1, 3, 5], "a-?", [1, 2], [Row(x=1, y="b")], [1, 2])


def test_map_functions(df, spark):
    got = first(df.select("id", F.map_keys("m"), F.map_values("m"), F.map_entries("m"), F.map_contains_key("m", "a"),
                          F.map_concat("m", F.create_map(F.lit("b"), F.lit(2))), F.element_at("m", "a"), F.cardinality("m")))
    assert got == (["a"], [1], [Row(key="a", value=1)], True, {"a": 1, "b": 2}, 1, 1)
    row = spark.range(1).select(F.map_from_arrays(F.array(F.lit(1)), F.array(F.lit("x"))),
                                F.map_from_entries(F.array(F.struct(F.lit("k"), F.lit(2)))),
                                F.str_to_map(F.lit("a=1&b=2"), "&", "="), F.str_to_map(F.lit("k:v"))).collect()[0]
    assert tuple(row) == ({1: "x"}, {"k": 2}, {"a": "1", "b": "2"}, {"k": "v"})


def test_shuffle_keeps_the_elements(spark):
    got = spark.range(1).select(F.shuffle(F.sequence(F.lit(1), F.lit(20))).alias("s")).collect()[0].s
    assert sorted(got) == list(range(1, 21))


def test_generators_in_select(df, spark):
    assert df.select("id", F.explode("a")).where("id = 1").collect() == [Row(id=1, col=3), Row(id=1, col=1),
                                                                         Row(id=1, col=None), Row(id=1, col=3)]
    assert df.select("id", F.explode_outer("a").alias("v")).where("id = 2").collect() == [Row(id=2, v=None)]
    assert df.select(F.posexplode("m")).collect() == [Row(pos=0, key="a", value=1)]
    assert df.select(F.explode(df.m)).columns == ["key", "value"]
    assert spark.range(1).select(F.inline(F.array(F.struct(F.lit(1).alias("a"), F.lit("z").alias("b"))))).collect() == \
        [Row(a=1, b="z")]
    assert spark.range(1).select(F.stack(F.lit(2), F.lit(1), F.lit(2))).collect() == [Row(col0=1), Row(col0=2)]
    assert df.withColumn("e", F.explode("a")).where("id = 1").count() == 4


def test_generator_show_and_inline_outer(spark, capsys):
    spark.sql("SELECT id, x FROM VALUES (1, array('p', 'q')) AS t(id, a) LATERAL VIEW explode(a) v AS x").show()
    assert capsys.readouterr().out == (
        "+---+---+\n"
        "| id|  x|\n"
        "+---+---+\n"
        "|  1|  p|\n"
        "|  1|  q|\n"
        "+---+---+\n"
        "\n")


def test_generator_with_several_aliases(df, spark):
    assert df.select(F.posexplode("m").alias("p", "k", "v")).columns == ["p", "k", "v"]
    assert spark.sql("SELECT explode(map(1, 'a')) AS (k, v)").collect() == [Row(k=1, v="a")]


def test_star_beside_a_generator_is_the_input_columns(df, spark):
    out = df.where("id = 1").select("*", F.posexplode("m"))
    assert out.columns == ["id", "a", "m", "s", "pos", "key", "value"]
    assert out.collect() == [Row(id=1, a=[3, 1, None, 3], m={"a": 1}, s="x", pos=0, key="a", value=1)]
    two = spark.sql("SELECT *, stack(2, p, q) AS (r) FROM VALUES (5, 6) AS t(p, q)")
    assert two.columns == ["p", "q", "r"] and [tuple(r) for r in two.collect()] == [(5, 6, 5), (5, 6, 6)]
    nested = spark.sql("SELECT named_struct('u', 1, 'w', array(7, 8)) AS s").select("s.*", F.explode("s.w"))
    assert nested.columns == ["u", "w", "col"] and [r.col for r in nested.collect()] == [7, 8]
