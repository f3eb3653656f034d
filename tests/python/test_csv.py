"""The CSV source: reading with Spark's options (header, sep, quote, escape, comment, nullValue,
inferSchema, date/timestamp formats, parse modes and the corrupt record column) and writing."""

import datetime
import gzip

import pytest
from pyspark.errors import AnalysisException, IllegalArgumentException
from pyspark.sql import Row


def write(path, text):
    path.write_text(text)
    return str(path)


def test_header_and_inferred_types(spark, tmp_path):
    path = write(tmp_path / "people.csv",
                 "id,name,score,joined,at,active,big\n"
                 "1,ann,1.5,2024-01-05,2024-01-05 10:30:00,true,12345678901\n"
                 "2,bob,2,2024-02-29,2024-02-29 00:00:00,FALSE,3\n"
                 "3,,,,,,\n")
    df = spark.read.csv(path, header=True, inferSchema=True)
    assert [(f.name, f.dataType.simpleString()) for f in df.schema.fields] == [
        ("id", "int"), ("name", "string"), ("score", "double"), ("joined", "date"),
        ("at", "timestamp"), ("active", "boolean"), ("big", "bigint")]
    rows = df.orderBy("id").collect()
    assert rows[0] == Row(id=1, name="ann", score=1.5, joined=datetime.date(2024, 1, 5),
                          at=datetime.datetime(2024, 1, 5, 10, 30), active=True, big=12345678901)
    assert rows[2] == Row(id=3, name=None, score=None, joined=None, at=None, active=None, big=None)


def test_inference_merges_the_types_of_every_file(spark, tmp_path):
    # Each file is inferred on its own (in parallel) and the kinds widen across files; every
    # file's header line is skipped.
    folder = tmp_path / "parts"
    folder.mkdir()
    write(folder / "a.csv", "n,x,d,s\n1,2,2024-01-01,5\n2,3,2024-01-02,6\n")
    write(folder / "b.csv", "n,x,d,s\n3,4.5,2024-01-03,7\n")
    write(folder / "c.csv", "n,x,d,s\n12345678901,1e3,2024-01-04 10:00:00,oops\n")
    df = spark.read.csv(str(folder), header=True, inferSchema=True)
    assert [f.dataType.simpleString() for f in df.schema.fields] == ["bigint", "double", "timestamp", "string"]
    assert sorted(r.n for r in df.collect()) == [1, 2, 3, 12345678901]


def test_without_header_or_inference_every_column_is_a_string(spark, tmp_path):
    path = write(tmp_path / "plain.csv", "1,a\n2,b\n")
    df = spark.read.csv(path)
    assert df.columns == ["_c0", "_c1"]
    assert df.collect() == [Row(_c0="1", _c1="a"), Row(_c0="2", _c1="b")]


def test_quotes_escapes_separator_comments_and_null_value(spark, tmp_path):
    path = write(tmp_path / "tricky.csv",
                 '# a comment line\n'
                 'a;"x; y";"say \\"hi\\"";NA\n'
                 '\n'
                 'b;"";"two ""quotes""";z\n')
    df = (spark.read.option("sep", ";").option("comment", "#").option("nullValue", "NA")
          .schema("k STRING, v STRING, w STRING, n STRING").csv(path))
    assert df.collect() == [Row(k="a", v="x; y", w='say "hi"', n=None),
                            Row(k="b", v="", w='two "quotes"', n="z")]


def test_missing_and_extra_fields(spark, tmp_path):
    path = write(tmp_path / "ragged.csv", "1,2,3,4\n5\n")
    df = spark.read.schema("a INT, b INT, c INT").csv(path)
    assert df.collect() == [Row(a=1, b=2, c=3), Row(a=5, b=None, c=None)]


def test_parse_modes_and_corrupt_record_column(spark, tmp_path):
    path = write(tmp_path / "bad.csv", "1,2024-01-01\nx,2024-01-02\n3,not a date\n")
    schema = "n INT, d DATE"
    permissive = spark.read.schema(schema + ", _corrupt_record STRING").csv(path).collect()
    assert permissive == [Row(n=1, d=datetime.date(2024, 1, 1), _corrupt_record=None),
                          Row(n=None, d=datetime.date(2024, 1, 2), _corrupt_record="x,2024-01-02"),
                          Row(n=3, d=None, _corrupt_record="3,not a date")]
    renamed = (spark.read.schema(schema + ", bad STRING").option("columnNameOfCorruptRecord", "bad")
               .csv(path).collect())
    assert [r.bad for r in renamed] == [None, "x,2024-01-02", "3,not a date"]
    dropped = spark.read.schema(schema).option("mode", "DROPMALFORMED").csv(path).collect()
    assert dropped == [Row(n=1, d=datetime.date(2024, 1, 1))]
    with pytest.raises(Exception) as error:
        spark.read.schema(schema).option("mode", "FAILFAST").csv(path).collect()
    assert "MALFORMED_RECORD_IN_PARSING" in str(error.value)
    assert "x,2024-01-02" in str(error.value) and "bad.csv" in str(error.value)


def test_date_and_timestamp_formats(spark, tmp_path):
    path = write(tmp_path / "dates.csv", "05/01/2024|2024.01.05 07:08\n")
    df = (spark.read.option("sep", "|").option("dateFormat", "dd/MM/yyyy")
          .option("timestampFormat", "yyyy.MM.dd HH:mm").schema("d DATE, t TIMESTAMP").csv(path))
    assert df.collect() == [Row(d=datetime.date(2024, 1, 5), t=datetime.datetime(2024, 1, 5, 7, 8))]


def test_special_floating_values(spark, tmp_path):
    path = write(tmp_path / "floats.csv", "NaN\nInf\n-Inf\nnope\n")
    values = [r.x for r in spark.read.schema("x DOUBLE").csv(path).collect()]
    assert values[0] != values[0] and values[1:3] == [float("inf"), float("-inf")]
    assert values[3] is None


def test_write_and_read_back(spark, tmp_path):
    df = spark.createDataFrame(
        [(1, "plain", 1.5, datetime.date(2024, 1, 5)), (2, 'a,b "c"', None, None), (3, "", 2.0, None)],
        "id INT, text STRING, x DOUBLE, d DATE")
    out = tmp_path / "out"
    df.write.option("header", True).csv(str(out))
    files = sorted(out.glob("part-*.csv"))
    assert files and (out / "_SUCCESS").exists()
    # One file per partition that has rows, each with the header.
    parts = [f.read_text().splitlines() for f in files]
    assert all(part[0] == "id,text,x,d" for part in parts)
    lines = [line for part in parts for line in part[1:]]
    assert sorted(lines) == ['1,plain,1.5,2024-01-05', '2,"a,b \\"c\\"",,', '3,"",2.0,']
    back = spark.read.csv(str(out), header=True, inferSchema=True).orderBy("id").collect()
    assert back == [Row(id=1, text="plain", x=1.5, d=datetime.date(2024, 1, 5)),
                    Row(id=2, text='a,b "c"', x=None, d=None),
                    Row(id=3, text="", x=2.0, d=None)]


def test_write_options_and_gzip(spark, tmp_path):
    df = spark.createDataFrame([("x", None)], "a STRING, b STRING")
    out = tmp_path / "gz"
    df.write.option("sep", "\t").option("quoteAll", True).option("nullValue", "-") \
        .option("compression", "gzip").csv(str(out))
    files = list(out.glob("part-*.csv.gz"))
    assert len(files) == 1
    assert gzip.decompress(files[0].read_bytes()).decode() == '"x"\t-\n'
    assert spark.read.option("sep", "\t").option("nullValue", "-").csv(str(out)).collect() == [
        Row(_c0="x", _c1=None)]


def test_csv_refuses_nested_columns_and_bad_options(spark, tmp_path):
    with pytest.raises(AnalysisException) as error:
        spark.createDataFrame([([1],)], "a ARRAY<INT>").write.csv(str(tmp_path / "nested"))
    assert error.value.getErrorClass() == "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE"
    path = write(tmp_path / "x.csv", "1\n")
    with pytest.raises(AnalysisException) as error:
        spark.read.option("encoding", "latin1").csv(path).collect()
    assert error.value.getErrorClass() == "UNSUPPORTED_FEATURE"


def test_multi_line_records(spark, tmp_path):
    path = write(tmp_path / "multi.csv",
                 'id,note\n1,"first line\nsecond line"\n2,plain\n3,"open\n')
    df = spark.read.option("header", True).option("multiLine", True) \
        .schema("id INT, note STRING, _corrupt_record STRING").csv(path)
    assert df.collect() == [Row(id=1, note="first line\nsecond line", _corrupt_record=None),
                            Row(id=2, note="plain", _corrupt_record=None),
                            Row(id=3, note="open", _corrupt_record='3,"open')]
    inferred = spark.read.csv(path, header=True, multiLine=True, inferSchema=True)
    assert inferred.schema.simpleString() == "struct<id:int,note:string>"
    # without multiLine, a line break ends the record
    assert spark.read.csv(path, header=True).count() == 4


def test_csv_tables(spark, tmp_path):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    session.sql("CREATE TABLE t (id INT, name STRING) USING csv OPTIONS (header 'true')")
    session.sql("INSERT INTO t VALUES (1, 'one'), (2, 'two, too')")
    assert sorted(session.table("t").collect()) == [Row(id=1, name="one"), Row(id=2, name="two, too")]
    files = list((tmp_path / "warehouse" / "t").glob("part-*.csv"))
    assert all(f.read_text().startswith("id,name\n") for f in files)


def test_temporary_view_of_files(spark, tmp_path):
    path = write(tmp_path / "v.csv", "id,name\n1,ann\n2,bob\n")
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW csv_people USING csv "
              "OPTIONS (path '%s', header 'true', inferSchema 'true')" % path)
    assert spark.sql("SELECT name FROM csv_people WHERE id = 2").collect() == [Row(name="bob")]
    spark.sql("CREATE OR REPLACE TEMP VIEW csv_typed (id BIGINT, name STRING) USING csv "
              "OPTIONS (path '%s', header true)" % path)
    assert spark.table("csv_typed").schema.simpleString() == "struct<id:bigint,name:string>"
    assert spark.table("csv_typed").count() == 2
    spark.catalog.dropTempView("csv_people")
    spark.catalog.dropTempView("csv_typed")


def test_sampling_ratio_infers_from_a_sample(spark, tmp_path):
    # One value in 2000 is not a number: the full pass (the default ratio) sees it, a 1% sample
    # (Bernoulli with a fixed seed, so the same every time) almost surely not; a ratio above 0.99
    # reads everything, as in Spark.
    lines = ["n,q"] + ["%d,%d" % (i, i % 7) for i in range(2000)]
    lines[1234] = "oops,1"
    path = write(tmp_path / "sampled.csv", "\n".join(lines) + "\n")

    def types(**options):
        df = spark.read.options(header=True, inferSchema=True, **options).csv(path)
        return [f.dataType.simpleString() for f in df.schema.fields]
    assert types() == ["string", "int"]
    assert types(samplingRatio=0.995) == ["string", "int"]
    assert types(samplingRatio=0.01) == types(samplingRatio=0.01) == ["int", "int"]
    # the sample still decides every row's value: the unsampled text reads as null
    df = spark.read.options(header=True, inferSchema=True, samplingRatio=0.01).csv(path)
    assert df.where("n IS NULL").count() == 1


def test_sampling_ratio_must_be_positive(spark, tmp_path):
    # Spark's requirement on the sample, checked whenever the schema comes from the files (with or
    # without inferSchema); with a schema given nothing is sampled.
    path = write(tmp_path / "ratio.csv", "n\n1\n2\n")
    for ratio, shown in [(0, "0.0"), (-0.5, "-0.5"), ("-1", "-1.0")]:
        for infer in (True, False):
            with pytest.raises(IllegalArgumentException) as error:
                spark.read.options(header=True, inferSchema=infer, samplingRatio=ratio).csv(path).collect()
            assert str(error.value) == "requirement failed: samplingRatio (%s) should be greater than 0" % shown
            assert error.value.getCondition() is None
    assert spark.read.schema("n int").options(header=True, samplingRatio=0).csv(path).collect() == [Row(n=1), Row(n=2)]


def test_plain_and_quoted_lines_mix(spark, tmp_path):
    # Lines without quotes are split in place; a quoted field anywhere (even after the columns
    # read) sends its line through the full tokenizer, which reports an unclosed quote.
    path = write(tmp_path / "mixed.csv",
                 "a,b,c\n1,x,2\n\"2\",\"y,z\",3\n3,w,\"open\n4,v,\"5\"\n")
    df = spark.read.options(header=True, inferSchema=True).csv(path)
    assert [f.dataType.simpleString() for f in df.schema.fields] == ["int", "string", "string"]
    assert sorted(tuple(r) for r in df.collect()) == [(1, "x", "2"), (2, "y,z", "3"), (3, "w", "open"), (4, "v", "5")]
    rows = spark.read.schema("a int, b string, c string, _corrupt_record string").option("header", True) \
        .csv(path).select("a", "_corrupt_record").collect()
    assert sorted((r.a, r._corrupt_record) for r in rows) == [(1, None), (2, None), (3, '3,w,"open'), (4, None)]
