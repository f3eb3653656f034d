"""from_xml, to_xml, schema_of_xml: records built here and read back with Python's own XML parser
(xml.etree.ElementTree), so the expected values come from the standard library's reading of the
same text, not from Ember."""

import xml.etree.ElementTree as ET

import pytest
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, IntegerType, StringType, StructField, StructType

RECORDS = [
    '<book id="1" lang="en"><title>  Dune </title><year>1965</year><tag>sf</tag><tag>classic</tag></book>',
    '<book id="2"><title>A &amp; B</title><tag>x</tag><extra><deep>1</deep></extra></book>',
    '<book id="3"><title><![CDATA[<raw>]]></title><year></year></book>',
    '<book><year>2001</year></book>',
]


def expected_row(text):
    root = ET.fromstring(text)
    title = root.find("title")
    year = root.find("year")
    tags = [t.text for t in root.findall("tag")]
    return (int(root.get("id")) if root.get("id") else None,
            root.get("lang"),
            title.text.strip() if title is not None else None,
            int(year.text) if year is not None and year.text else None,
            tags or None)


def test_from_xml_reads_attributes_elements_and_arrays(spark):
    df = spark.createDataFrame([(r,) for r in RECORDS] + [(None,)], "x string")
    schema = "_id INT, _lang STRING, title STRING, year INT, tag ARRAY<STRING>"
    rows = df.select(F.from_xml("x", schema).alias("r")).collect()
    assert [tuple(r.r) if r.r is not None else None for r in rows] == [expected_row(t) for t in RECORDS] + [None]


def test_from_xml_takes_a_struct_type_and_options(spark):
    schema = StructType([StructField("@id", IntegerType()), StructField("v", ArrayType(IntegerType())),
                         StructField("note", StructType([StructField("text", StringType()), StructField("@by", StringType())]))])
    text = '<r id="9"><v>1</v><v> 2 </v><v>NA</v><note by="me">hello</note></r>'
    row = spark.createDataFrame([(text,)], "x string").select(
        F.from_xml("x", schema, {"attributePrefix": "@", "valueTag": "text", "nullValue": "NA"}).alias("r")).first().r
    root = ET.fromstring(text)
    assert row["@id"] == int(root.get("id"))
    assert row.v == [None if v.text.strip() == "NA" else int(v.text) for v in root.findall("v")]
    assert (row.note.text, row.note["@by"]) == (root.find("note").text, root.find("note").get("by"))


def test_malformed_records_permissive_and_failfast(spark):
    df = spark.createDataFrame([("<r><a>1</a>",), ("<r><a>x</a><b>5</b></r>",), ("<r><a>2</a></r>",)], "x string")
    rows = df.select(F.from_xml("x", "a INT, b INT, _corrupt_record STRING").alias("r")).collect()
    assert [tuple(r.r) for r in rows] == [(None, None, "<r><a>1</a>"), (None, 5, "<r><a>x</a><b>5</b></r>"), (2, None, None)]
    with pytest.raises(Exception, match="MALFORMED_RECORD_IN_PARSING"):
        df.select(F.from_xml("x", "a INT", {"mode": "FAILFAST"})).collect()


def test_to_xml_round_trips_through_the_standard_parser(spark):
    df = spark.createDataFrame([(1, "a<b & c", [3, 4], ("x", 2)), (2, None, [], None)],
                               "_id int, name string, vals array<int>, inner struct<s:string, n:int>")
    texts = [r[0] for r in df.select(F.to_xml(F.struct(*df.columns))).collect()]
    for (i, name, vals, inner), text in zip([(1, "a<b & c", [3, 4], ("x", 2)), (2, None, [], None)], texts):
        root = ET.fromstring(text)
        assert root.tag == "ROW" and root.get("id") == str(i)
        assert (root.find("name").text if root.find("name") is not None else None) == name
        assert [int(v.text) for v in root.findall("vals")] == vals
        if inner is None:
            assert root.find("inner") is None
        else:
            assert (root.find("inner/s").text, int(root.find("inner/n").text)) == inner
    assert texts[0].split("\n")[1] == "    <name>a&lt;b &amp; c</name>"


def test_to_xml_row_tag_and_null_value(spark):
    text = spark.range(1).select(F.to_xml(F.struct(F.lit(None).cast("int").alias("a")),
                                          {"rowTag": "item", "nullValue": "-"})).first()[0]
    root = ET.fromstring(text)
    assert (root.tag, root.find("a").text) == ("item", "-")


def test_schema_of_xml_and_use_as_schema(spark):
    text = '<o k="1"><n>12</n><d>1.5</d><b>true</b><s>x</s><l>1</l><l>2</l><c><z>q</z></c><e/></o>'
    schema = spark.range(1).select(F.schema_of_xml(text)).first()[0]
    assert schema == ("STRUCT<_k: BIGINT, b: BOOLEAN, c: STRUCT<z: STRING>, d: DOUBLE, e: STRING, "
                      "l: ARRAY<BIGINT>, n: BIGINT, s: STRING>")
    row = spark.createDataFrame([(text,)], "x string").select(F.from_xml("x", F.schema_of_xml(F.lit(text))).alias("r")).first().r
    assert (row._k, row.n, row.d, row.b, row.l, row.c.z) == (1, 12, 1.5, True, [1, 2], "q")
