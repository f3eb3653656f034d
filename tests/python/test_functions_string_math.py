"""pyspark.sql.functions signatures for string, math, hash and null functions: column names and
Columns where PySpark takes them, Python literals where PySpark takes literals."""

import math

import pytest

import pyspark.sql.functions as F
from pyspark.errors import PySparkValueError
from pyspark.sql import Row


@pytest.fixture(scope="module")
def df(spark):
    return spark.createDataFrame([("Ab cD", 2, -7, 2.5), (None, 3, 7, None)], "s string, n int, k int, d double")


def first(frame):
    return tuple(frame.collect()[0])


def test_string_functions_take_names_and_literals(df):
    row = first(df.select(F.initcap("s"), F.lpad("s", 7, "*"), F.rpad(F.col("s"), 6, "."), F.repeat("s", 2),
                          F.instr("s", "cD"), F.locate("b", "s"), F.substring_index("s", " ", 1),
                          F.translate("s", "Ab", "xy"), F.left("s", "n"), F.right("s", F.lit(1))))
    assert row == ("Ab Cd", "**Ab cD", "Ab cD.", "Ab cDAb cD", 4, 2, "Ab", "xy cD", "Ab", "D")


def test_trim_overlay_replace_and_case(df):
    row = first(df.select(F.trim(F.lit("--a--"), F.lit("-")), F.btrim(F.lit(" a ")),
                          F.overlay("s", F.lit("__"), 2), F.overlay("s", F.lit("X"), F.lit(1), F.lit(0)),
                          F.replace("s", F.lit(" "), F.lit("_")), F.ucase("s"), F.lcase("s"), F.reverse("s")))
    assert row == ("a", "a", "A__cD", "XAb cD", "Ab_cD", "AB CD", "ab cd", "Dc bA")


def test_encodings_and_format(df):
    row = first(df.select(F.base64(F.encode("s", "UTF-8")), F.decode(F.unbase64(F.lit("QWI=")), "UTF-8"),
                          F.format_string("%s/%d", "s", "n"), F.printf(F.lit("%05.1f"), "d"),
                          F.url_encode(F.lit("a b")), F.url_decode(F.lit("a%20b")), F.ascii("s"), F.chr(F.lit(66))))
    assert row == ("QWIgY0Q=", "Ab", "Ab cD/2", "002.5", "a+b", "a b", 65, "B")


def test_concat_ws_joins_array_columns(spark):
    frame = spark.createDataFrame([(["x", None, "y"], "z"), (None, None)], "a array<string>, s string")
    rows = frame.select(F.concat_ws("+", "a", F.col("s")).alias("j")).collect()
    assert [r.j for r in rows] == ["+".join(["x", "y", "z"]), ""]


def test_mask_levenshtein_soundex_luhn(df):
    row = first(df.select(F.mask("s"), F.mask("s", lowerChar=F.lit("-")), F.levenshtein("s", F.lit("Ab")),
                          F.levenshtein("s", F.lit("Ab"), 2), F.soundex(F.lit("Rupert")), F.luhn_check(F.lit("0"))))
    assert row == ("Xx xX", "X- -X", 3, -1, "R163", True)


def test_math_functions_take_python_numbers(df):
    row = first(df.select(F.round("d"), F.bround("d"), F.pmod("k", F.lit(3)), F.pow("n", 3), F.atan2(0, 1.0),
                          F.log(2.0, F.lit(8)), F.log("d"), F.hex(F.lit(255)), F.conv(F.lit("ff"), 16, 2),
                          F.shiftleft("n", 2), F.bitwise_not("n"), F.factorial("n"), F.signum("k")))
    assert row[:6] == (3.0, 2.0, 2, 8.0, 0.0, 3.0)
    assert math.isclose(row[6], math.log(2.5))
    assert row[7:] == ("FF", "11111111", 8, -3, 2, -1.0)


def test_ceil_and_floor_take_a_scale(spark):
    from decimal import Decimal
    from pyspark.errors import AnalysisException
    df = spark.createDataFrame([(-1.25, 1234)], "d double, n int")
    out = df.select(F.ceil("d", 1), F.floor(F.col("d"), F.lit(1)), F.ceiling("n", -2), F.floor("n", -2),
                    F.ceil("d"))
    assert out.columns == ["ceil(d, 1)", "floor(d, 1)", "ceiling(n, -2)", "floor(n, -2)", "CEIL(d)"]
    # a double rounds as decimal(30,15): one more integral digit, min(scale, 15) decimals
    assert [f.dataType.simpleString() for f in out.schema.fields] == [
        "decimal(17,1)", "decimal(17,1)", "decimal(11,0)", "decimal(11,0)", "bigint"]
    assert tuple(out.first()) == (Decimal("-1.2"), Decimal("-1.3"), Decimal("1300"), Decimal("1200"), -1)
    with pytest.raises(AnalysisException, match="NON_FOLDABLE_ARGUMENT"):
        df.select(F.ceil("d", F.col("n"))).collect()


def test_try_arithmetic_gives_null_where_ansi_raises(spark):
    row = first(spark.range(1).select(F.try_add(F.lit(2147483647), F.lit(1)), F.try_divide(F.lit(1), F.lit(0)),
                                       F.try_multiply(F.lit(6), F.lit(7)), F.try_subtract(F.lit(1), F.lit(2))))
    assert row == (None, None, 42, -1)


def test_hashes(spark):
    row = first(spark.range(1).select(F.hash(F.lit(1)), F.md5(F.lit("a")), F.sha2(F.lit("a"), 224), F.crc32(F.lit("a"))))
    assert row == (-559580957, "0cc175b9c0f1b6a831c399e269772661",
                   "abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5", 3904355907)
    with pytest.raises(PySparkValueError):
        F.sha2(F.lit("a"), 100)


def test_null_functions(df):
    rows = df.select(F.nvl2("s", F.lit("yes"), F.lit("no")), F.nullif("n", F.lit(2)), F.zeroifnull("d"),
                     F.equal_null("s", F.lit(None)), F.nanvl(F.lit(float("nan")), "d")).collect()
    assert [tuple(r) for r in rows] == [("yes", None, 2.5, False, 2.5), ("no", 3, 0.0, True, None)]


def test_missing_function_list_counts():
    from ember.function_coverage import missing_functions, pyspark_function_names
    names = pyspark_function_names()
    assert len(names) == len(set(names)) and "format_string" in names
    # Spark 4.1/4.2 additions stay off the 4.0 list.
    assert "is_valid_variant" not in names and "quote" not in names and "listagg_distinct" in names
    missing = missing_functions()
    assert "format_string" not in missing and set(missing) < set(names)


def test_datetime_functions(spark):
    import datetime
    frame = spark.createDataFrame([(datetime.date(2024, 2, 29), datetime.datetime(2024, 5, 17, 10, 30))], "d date, ts timestamp")
    row = first(frame.select(F.weekofyear("d"), F.last_day("d"), F.next_day("d", "Mon"), F.make_date(F.lit(2024), F.lit(1), F.lit(2)),
                             F.date_trunc("month", "ts"), F.trunc("d", "year"), F.unix_seconds("ts"),
                             F.from_utc_timestamp("ts", "Asia/Tokyo"), F.try_to_timestamp(F.lit("x")), F.dayname("d")))
    assert row == (9, datetime.date(2024, 2, 29), datetime.date(2024, 3, 4), datetime.date(2024, 1, 2),
                   datetime.datetime(2024, 5, 1), datetime.date(2024, 1, 1), 1715941800,
                   datetime.datetime(2024, 5, 17, 19, 30), None, "Thu")


def test_regex_functions(df):
    row = first(df.select(F.regexp_replace("s", r"\s", "_"), F.regexp_extract("s", r"(\w+) (\w+)", 2), F.rlike("s", F.lit("^A")),
                          F.split("s", " "), F.split("s", "", 2), F.regexp_count("s", F.lit("[a-z]")), F.size(F.split("s", " "))))
    assert row == ("Ab_cD", "cD", True, ["Ab", "cD"], ["A", "b cD"], 2, 2)


def test_misc_string_functions(spark):
    row = first(spark.range(1).select(F.elt(F.lit(2), F.lit("a"), F.lit("b")), F.split_part(F.lit("a.b"), F.lit("."), F.lit(-1)),
                                       F.quote(F.lit("x")), F.format_number(F.lit(1234.5), 1), F.is_valid_utf8(F.lit("é")),
                                       F.call_function("upper", F.lit("a")), F.like(F.lit("abc"), F.lit("a%"))))
    assert row == ("b", "b", "'x'", "1,234.5", True, "A", True)


def test_timestamp_variants_and_urls(spark):
    import datetime
    row = first(spark.range(1).select(F.to_timestamp_ntz(F.lit("2024-01-05 10:00:00")), F.try_to_date(F.lit("2024-02-30")),
                                       F.make_timestamp_ntz(F.lit(2024), F.lit(1), F.lit(5), F.lit(1), F.lit(2), F.lit(3)),
                                       F.convert_timezone(None, F.lit("Asia/Tokyo"), F.lit("2024-01-05 00:00:00").cast("timestamp_ntz")),
                                       F.parse_url(F.lit("http://h.com/p?q=1"), F.lit("QUERY"), F.lit("q")),
                                       F.to_binary(F.lit("6162")), F.make_dt_interval(F.lit(1))))
    assert row == (datetime.datetime(2024, 1, 5, 10), None, datetime.datetime(2024, 1, 5, 1, 2, 3),
                   datetime.datetime(2024, 1, 5, 9), "1", bytearray(b"ab"), datetime.timedelta(days=1))


def test_any_value_and_first_value(spark):
    frame = spark.createDataFrame([(1, None), (1, 5)], "k int, v int")
    row = first(frame.groupBy("k").agg(F.first_value("v", True), F.any_value("v", F.lit(True))))
    assert row == (1, 5, 5)


def test_partition_functions_follow_the_partitions(spark):
    rows = spark.range(0, 6, 1, 3).select("id", F.spark_partition_id().alias("p"), F.monotonically_increasing_id().alias("m"),
                                          F.rand(42).alias("r"), F.rand(42).alias("r2")).collect()
    by_partition = {}
    for r in rows:
        assert r.m >> 33 == r.p and 0 <= r.r < 1 and r.r == r.r2
        by_partition.setdefault(r.p, []).append(r.m & ((1 << 33) - 1))
    assert all(sorted(ms) == list(range(len(ms))) for ms in by_partition.values())
