"""Column names of function calls as Spark prints them (its expressions' SQL text): upper-case math
names, arguments Spark's expressions fill in when a call leaves them out, aliases that print their
own expression's name; and PySpark parameters that take a column name or an int."""

import datetime

import pyspark.sql.functions as F


def names(frame):
    return frame.columns


def test_math_functions_print_upper_case_names(spark):
    df = spark.createDataFrame([(0.25,)], "x double")
    assert names(df.select(F.acos("x"), F.asinh("x"), F.atan2("x", "x"), F.cbrt("x"), F.cot("x"), F.degrees("x"),
                           F.exp("x"), F.hypot("x", F.lit(3)), F.log10("x"), F.log1p("x"), F.log2("x"),
                           F.log(3.0, "x"), F.signum("x"), F.tanh("x"), F.e(), F.pi())) == [
        "ACOS(x)", "ASINH(x)", "ATAN2(x, x)", "CBRT(x)", "COT(x)", "DEGREES(x)", "EXP(x)", "HYPOT(x, 3)",
        "LOG10(x)", "LOG1P(x)", "LOG2(x)", "LOG(3.0, x)", "SIGNUM(x)", "TANH(x)", "E()", "PI()"]
    # ln and the aliases registered under their own name stay in lower case
    assert names(df.select(F.log("x"), F.ceiling("x"), F.ceil("x"), F.floor("x"), F.pow("x", 2))) == [
        "ln(x)", "ceiling(x)", "CEIL(x)", "FLOOR(x)", "POWER(x, 2)"]
    assert names(spark.sql("SELECT sign(-2.5), pow(2, 3), power(2, 3), spark_partition_id()")) == [
        "sign(-2.5)", "pow(2, 3)", "POWER(2, 3)", "SPARK_PARTITION_ID()"]


def test_null_functions_and_negative_keep_their_names(spark):
    df = spark.createDataFrame([(None, 4)], "a int, b int")
    out = df.select(F.nvl("a", "b"), F.ifnull(df.a, F.lit(5)), F.nullif("b", F.lit(4)), F.nvl2("a", "b", F.lit(0)),
                    F.negative("b"), F.negate(df.b), -df.b, -(-F.col("b")), F.coalesce("a", "b"))
    assert names(out) == ["nvl(a, b)", "ifnull(a, 5)", "nullif(b, 4)", "nvl2(a, b, 0)", "negative(b)", "negative(b)",
                          "(- b)", "(- (- b))", "coalesce(a, b)"]
    assert tuple(out.first()) == (4, 5, None, 0, -4, -4, -4, 4, 4)
    assert str(F.nullif("b", "a")) == "Column<'nullif(b, a)'>"
    assert names(df.selectExpr("nvl(a, b)", "ifnull(a, b)", "nullif(a, b)", "negative(b)", "-b")) == [
        "nvl(a, b)", "ifnull(a, b)", "nullif(a, b)", "negative(b)", "(- b)"]


def test_trim_regexp_and_bitwise_not_texts(spark):
    df = spark.createDataFrame([("xxhixx", "x", 6)], "s string, t string, n int")
    out = df.select(F.trim("s", F.lit("x")), F.ltrim("s", "t"), F.rtrim("s", "t"), F.trim("s"),
                    F.regexp("s", F.lit("h.")), F.regexp_like("s", F.lit("i")), F.rlike("s", F.lit("q")),
                    F.bitwise_not("n"))
    assert names(out) == ["TRIM(BOTH x FROM s)", "TRIM(LEADING t FROM s)", "TRIM(TRAILING t FROM s)", "trim(s)",
                          "REGEXP(s, h.)", "REGEXP_LIKE(s, i)", "RLIKE(s, q)", "~n"]
    assert tuple(out.collect()[0]) == ("hi", "hixx", "xxhi", "xxhixx", True, True, False, -7)


def test_left_out_arguments_show_their_defaults(spark):
    df = spark.createDataFrame([("k7-z9", "2021-03-04 05:06:07")], "s string, ts string")
    out = df.select(F.regexp_extract_all("s", F.lit(r"([a-z])(\d)")), F.regexp_instr("s", F.lit(r"\d")),
                    F.regexp_replace("s", r"\d", "#"), F.position(F.lit("-"), "s"), F.substr("s", F.lit(4)),
                    F.to_unix_timestamp("ts"), F.sentences(F.lit("Go now.")), F.str_to_map(F.lit("p:1;q:2"), F.lit(";")))
    assert names(out) == [
        "regexp_extract_all(s, ([a-z])(\\d), 1)", "regexp_instr(s, \\d, 0)", "regexp_replace(s, \\d, #, 1)",
        "position(-, s, 1)", "substr(s, 4, 2147483647)", "to_unix_timestamp(ts, yyyy-MM-dd HH:mm:ss)",
        "sentences(Go now., , )", "str_to_map(p:1;q:2, ;, :)"]
    assert tuple(out.collect()[0]) == (["k", "z"], 2, "k#-z#", 3, "z9", 1614834367, [["Go", "now"]],
                                       {"p": "1", "q": "2"})
    # the same from SQL, where Spark's expressions fill them in as well
    assert names(spark.sql("SELECT regexp_extract('ab', 'a'), locate('b', 'ab'), substring('abc', 2)")) == [
        "regexp_extract(ab, a, 1)", "locate(b, ab, 1)", "substring(abc, 2, 2147483647)"]
    key = F.lit("abcdefghijklmnop")
    assert names(df.select(F.aes_encrypt("s", key), F.aes_decrypt(F.aes_encrypt("s", key, F.lit("ECB")), key,
                                                                  F.lit("ECB")))) == [
        "aes_encrypt(s, abcdefghijklmnop, GCM, DEFAULT, , )",
        "aes_decrypt(aes_encrypt(s, abcdefghijklmnop, ECB, DEFAULT, , ), abcdefghijklmnop, ECB, DEFAULT, )"]


def test_aggregate_texts(spark):
    df = spark.createDataFrame([("u", 3), ("v", 3), ("w", 8)], "s string, n int")
    out = df.select(F.listagg("s"), F.string_agg_distinct("s"), F.mode("n"), F.count(F.expr("*")),
                    F.approx_percentile("n", 0.5))
    assert names(out) == ["listagg(s, NULL)", "string_agg(DISTINCT s, NULL)", "mode(n)", "count(1)",
                          "approx_percentile(n, 0.5, 10000)"]
    assert tuple(out.collect()[0]) == ("uvw", "uvw", 3, 3, 3)


def test_formats_show_only_their_value_and_aliases_their_expression(spark):
    df = spark.createDataFrame([('{"q": 4}', datetime.date(2020, 2, 28))], "j string, d date")
    out = df.select(F.from_json("j", "q INT"), F.schema_of_json(F.lit('{"r": [1]}')),
                    F.to_json(F.struct("d"), {"dateFormat": "dd/MM"}), F.dateadd("d", 2), F.current_database())
    assert names(out) == ["from_json(j)", 'schema_of_json({"r": [1]})', "to_json(struct(d))", "date_add(d, 2)",
                          "current_schema()"]
    assert tuple(out.collect()[0])[1:4] == ("STRUCT<r: ARRAY<BIGINT>>", '{"d":"28/02"}', datetime.date(2020, 3, 1))


def test_count_or_int_parameters_take_column_names(spark):
    df = spark.createDataFrame([("ab-cd-ef", 2, 3, datetime.date(2024, 1, 31), "2024/05/06", "yyyy/MM/dd")],
                               "s string, n int, m int, d date, t string, f string")
    out = df.select(F.date_add("d", "n"), F.date_sub("d", "m"), F.add_months("d", "n"), F.repeat("s", "n"),
                    F.substring("s", "n", "m"), F.split("s", "-", "n"), F.width_bucket("n", F.lit(0), F.lit(10), "m"),
                    F.to_timestamp_ntz("t", "f"))
    assert tuple(out.collect()[0]) == (datetime.date(2024, 2, 2), datetime.date(2024, 1, 28),
                                       datetime.date(2024, 3, 31), "ab-cd-efab-cd-ef", "b-c", ["ab", "cd-ef"], 1,
                                       datetime.datetime(2024, 5, 6))


def test_cast_aliases_are_casts(spark):
    out = spark.sql("SELECT float('NaN'), int('42'), date('2023-12-31'), decimal('2.5'), boolean('yes'), "
                    "string(7), bigint(3.9d)")
    assert names(out) == ["CAST(NaN AS FLOAT)", "CAST(42 AS INT)", "CAST(2023-12-31 AS DATE)",
                          "CAST(2.5 AS DECIMAL(10,0))", "CAST(yes AS BOOLEAN)", "CAST(7 AS STRING)",
                          "CAST(3.9 AS BIGINT)"]
    row = out.collect()[0]
    assert row[0] != row[0] and tuple(row)[1:] == (42, datetime.date(2023, 12, 31), 3, True, "7", 3)


def test_column_substr_and_try_make_timestamp_texts(spark):
    df = spark.createDataFrame([("hello", 2021, 5, 6, 7, 8, 9.5, "UTC")], "s string, y int, mo int, d int, h int, mi int, sec double, z string")
    out = df.select(df.s.substr(2, 3), F.try_make_timestamp("y", "mo", "d", "h", "mi", "sec", "z"))
    assert names(out) == ["substr(s, 2, 3)", "try_make_timestamp(y, mo, d, h, mi, sec)"]
    assert tuple(out.collect()[0]) == ("ell", datetime.datetime(2021, 5, 6, 7, 8, 9, 500000))


def test_like_and_ilike_take_an_escape_character(spark):
    df = spark.createDataFrame([("10%", "10^%", "A_b")], "a string, p string, s string")
    out = df.select(F.like("a", "p", F.lit("^")), F.ilike("s", F.lit("a^_B"), F.lit("^")),
                    F.like("s", F.lit("a^_b"), F.lit("^")))
    assert names(out)[0] == "a LIKE p ESCAPE '^'"
    assert tuple(out.collect()[0]) == (True, True, False)


def test_listagg_of_binary_and_mode_texts(spark):
    df = spark.createDataFrame([(b"\x0a", 4), (b"\x0b", 4), (b"\x0a", -2)], "b binary, n int")
    out = df.select(F.listagg("b", b"\xff"), F.string_agg_distinct("b"), F.mode("n", True))
    assert names(out) == ["listagg(b, X'FF')", "string_agg(DISTINCT b, NULL)",
                          "mode() WITHIN GROUP (ORDER BY n DESC)"]
    # (a distinct aggregate beside the others may change the order the values come in)
    assert df.select(F.listagg("b", b"\xff")).first()[0] == bytearray(b"\x0a\xff\x0b\xff\x0a")
    assert tuple(out.collect()[0])[1:] == (bytearray(b"\x0a\x0b"), 4)


def test_an_alias_inside_a_builtin_call_is_no_keyword_argument(spark):
    # Only Python UDFs take arguments by name (`b => value`); a builtin shows its argument's alias.
    df = spark.createDataFrame([("ab", 1)], ["s", "n"])
    names = df.select(F.struct(F.col("s").alias("x"), "n"), F.upper(F.col("s").alias("x"))).columns
    assert [name.startswith(("struct(s AS ", "upper(s AS ")) and "=>" not in name for name in names] == [True, True]
