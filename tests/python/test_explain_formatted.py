"""EXPLAIN FORMATTED and explain(mode="formatted"): Spark's layout of a numbered operator tree
(children numbered first) followed by one section per operator."""


def test_sql_explain_formatted_is_a_one_column_plan(spark):
    spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string").createOrReplaceTempView("fmt_t")
    df = spark.sql("EXPLAIN FORMATTED SELECT id + 1 AS x FROM fmt_t WHERE id > 1")
    assert df.columns == ["plan"]
    [row] = df.collect()
    assert row.plan == (
        "== Physical Plan ==\n"
        "Project (3)\n"
        "+- Filter (2)\n"
        "   +- LocalTableScan (1)\n"
        "\n"
        "\n"
        "(1) LocalTableScan\n"
        "Output [2]: [id, s]\n"
        "Arguments: [id, s]\n"
        "\n"
        "(2) Filter\n"
        "Input [2]: [id, s]\n"
        "Condition : (id > 1)\n"
        "\n"
        "(3) Project\n"
        "Output [1]: [(id + 1) AS x]\n"
        "Input [2]: [id, s]\n")


def test_formatted_aggregate_under_adaptive_plan(spark, capsys):
    spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string").groupBy("s").count().explain("formatted")
    text = capsys.readouterr().out
    tree = text.split("\n\n\n")[0]
    assert tree == (
        "== Physical Plan ==\n"
        "AdaptiveSparkPlan (5)\n"
        "+- HashAggregate (4)\n"
        "   +- Exchange (3)\n"
        "      +- HashAggregate (2)\n"
        "         +- LocalTableScan (1)")
    assert "(2) HashAggregate\nInput [2]: [id, s]\nKeys [1]: [s]\nFunctions [1]: [partial_count(1)]\n" in text
    assert "(3) Exchange\n" in text and "Arguments: hashpartitioning(s, " in text
    assert text.endswith("(5) AdaptiveSparkPlan\nOutput [2]: [s, count]\nArguments: isFinalPlan=false\n\n")
