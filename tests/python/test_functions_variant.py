"""pyspark.sql.functions variant signatures and VariantVal values: parse_json / try_parse_json,
variant_get / try_variant_get paths and types, the VARIANT type in schemas and printSchema.
Parquet files hold Spark's struct of value and metadata binaries (read back by DuckDB). Expected
values come from Python's json module (decimals as decimal.Decimal, as variants keep them) and
from the published Variant encoding."""

import json
import os
import subprocess
from decimal import Decimal

import pytest

import pyspark.sql.functions as F
from pyspark.errors import PySparkException
from pyspark.sql.types import StructField, StructType, VariantType, VariantVal

DOCS = [
    '{"name": "ada", "tags": ["x", "y"], "age": 36, "score": 9.75, "ok": true}',
    '[1, -200, 70000, 5000000000, null, {"k": []}]',
    '"text with \\"quotes\\" and \\u00fc"',
    '{"z": {"b": 1, "a": 2}, "a": 0.000}',
]


@pytest.fixture(scope="module")
def docs(spark):
    return spark.createDataFrame([(i, d) for i, d in enumerate(DOCS)], "id int, s string")


def test_parse_json_values_match_python_json(docs):
    rows = docs.select("id", F.parse_json("s").alias("v")).orderBy("id").collect()
    for row in rows:
        assert isinstance(row.v, VariantVal)
        assert row.v.toPython() == json.loads(DOCS[row.id], parse_float=Decimal)


def test_to_json_sorts_keys_and_is_compact(docs):
    texts = [r[0] for r in docs.orderBy("id").select(F.to_json(F.parse_json("s"))).collect()]
    expected = [json.dumps(json.loads(d), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                for d in DOCS]
    # Decimals print without trailing zeros, doubles as Java does: fix the two number spellings.
    expected[3] = expected[3].replace("0.0", "0")
    assert texts == expected
    row = docs.where("id = 1").select(F.parse_json("s").alias("v")).first()
    assert row.v.toJson() == str(row.v) == texts[1]


def test_variant_bytes_follow_the_encoding(spark):
    v = spark.sql("SELECT parse_json('1') AS v").first().v
    # One int8 primitive (header type 3 << 2), an empty dictionary (version 1, no keys, offset 0).
    assert bytes(v.value) == b"\x0c\x01"
    assert bytes(v.metadata) == b"\x01\x00\x00"


def test_schema_and_print_schema(docs, capsys):
    frame = docs.select(F.parse_json("s").alias("v"))
    assert frame.schema == StructType([StructField("v", VariantType(), True)])
    frame.printSchema()
    assert " |-- v: variant (nullable = true)" in capsys.readouterr().out
    assert VariantType().simpleString() == "variant"


def test_try_parse_json_and_malformed(spark):
    frame = spark.createDataFrame([("{",), ("[1]",), (None,)], "s string")
    got = [r[0] for r in frame.select(F.try_parse_json("s")).collect()]
    assert got[0] is None and got[2] is None and got[1].toPython() == [1]
    with pytest.raises(PySparkException, match="MALFORMED_RECORD_IN_PARSING"):
        frame.select(F.parse_json("s")).collect()


def test_variant_get_paths_and_types(docs):
    row = docs.where("id = 0").select(
        F.variant_get(F.parse_json("s"), "$.age", "int").alias("age"),
        F.variant_get(F.parse_json("s"), "$.tags[1]", "string").alias("tag"),
        F.variant_get(F.parse_json("s"), "$.score", "decimal(5,2)").alias("score"),
        F.try_variant_get(F.parse_json("s"), "$.name", "int").alias("bad"),
        F.variant_get(F.parse_json("s"), "$.tags", "variant").alias("tags")).first()
    source = json.loads(DOCS[0], parse_float=Decimal)
    assert row.age == source["age"] and row.tag == source["tags"][1]
    assert row.score == source["score"] and row.bad is None
    assert row.tags.toPython() == source["tags"]
    with pytest.raises(PySparkException, match="INVALID_VARIANT_CAST"):
        docs.where("id = 0").select(F.variant_get(F.parse_json("s"), "$.name", "int")).collect()


def test_schema_null_and_object_functions(spark):
    frame = spark.createDataFrame([('{"a": [1, 2], "b": null}',), ('{"a": "x"}',)], "s string")
    v = F.parse_json("s")
    rows = frame.select(F.schema_of_variant(v), F.is_variant_null(F.variant_get(v, "$.b", "variant")),
                        F.is_valid_variant(v)).collect()
    assert [tuple(r) for r in rows] == [("OBJECT<a: ARRAY<BIGINT>, b: VOID>", True, True),
                                        ("OBJECT<a: STRING>", False, True)]
    assert frame.select(F.schema_of_variant_agg(v)).first()[0] == "OBJECT<a: VARIANT, b: VOID>"
    # Partial schemas from four partitions merge, quoted field names included.
    parts = spark.range(0, 4, 1, 4).select(
        F.parse_json(F.format_string('{"a b": %d, "c": [%d]}', "id", "id")).alias("v"))
    assert parts.select(F.schema_of_variant_agg("v")).first()[0] == "OBJECT<`a b`: BIGINT, c: ARRAY<BIGINT>>"
    nested = spark.range(1).select(F.to_variant_object(
        F.struct(F.lit(2).alias("y"), F.array(F.lit("p")).alias("x"))).alias("v")).first().v
    assert nested.toPython() == {"x": ["p"], "y": 2}


def test_parquet_stores_value_and_metadata_binaries(spark, tmp_path):
    frame = spark.createDataFrame([(1, '{"k": [1, "x"]}'), (2, None), (3, '7')], "id int, s string") \
        .select("id", F.parse_json("s").alias("v"))
    path = str(tmp_path / "variants")
    frame.write.parquet(path)
    back = spark.read.parquet(path)
    assert back.schema["v"].dataType == VariantType()
    stored = {r.id: r.v for r in back.collect()}
    assert stored[2] is None and stored[1].toPython() == {"k": [1, "x"]} and stored[3].toPython() == 7
    # DuckDB sees Spark's layout: a struct of the value and metadata binaries, in that order.
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    def duckdb(sql):
        out = subprocess.run(["node", os.path.join(root, "tools", "node", "duckdb_query.mjs"), sql, "2"],
                             check=True, capture_output=True, text=True).stdout.splitlines()
        return [json.loads(line) for line in out[1:]]

    source = "read_parquet('%s/*.parquet')" % path
    types = {r[0]: r[1] for r in duckdb("DESCRIBE SELECT * FROM " + source)}
    assert types["v"].replace('"', "") == "STRUCT(value BLOB, metadata BLOB)"
    got = duckdb('SELECT id, hex(v."value"), hex(v.metadata) FROM %s WHERE v IS NOT NULL ORDER BY id' % source)
    assert [(r[0], r[1].lower(), r[2].lower()) for r in got] == \
        [(i, bytes(stored[i].value).hex(), bytes(stored[i].metadata).hex()) for i in (1, 3)]


def test_variant_explode_table_function(spark):
    doc = {"b": [1, 2], "a": "x", "c": None}
    rows = spark.sql("SELECT * FROM variant_explode(parse_json('%s'))" % json.dumps(doc)).collect()
    assert [(r.pos, r.key, r.value.toPython()) for r in rows] == \
        [(i, k, doc[k]) for i, k in enumerate(sorted(doc))]


def test_create_data_frame_from_variant_values(spark):
    v = spark.sql("""SELECT parse_json('{"a": [1, null]}') AS v""").first().v
    inferred = spark.createDataFrame([(1, v)])
    assert inferred.schema["_2"].dataType == VariantType()
    declared = spark.createDataFrame([(1, v)], "id int, v variant")
    for frame in (inferred, declared):
        got = frame.select(F.variant_get(frame.columns[1], "$.a[0]", "int")).first()[0]
        assert got == 1 and frame.first()[1].toJson() == '{"a":[1,null]}'


def test_from_json_variant_schema_and_variant_fields(docs):
    whole = docs.orderBy("id").select(F.from_json("s", "variant").alias("v")).collect()
    assert [r.v.toPython() for r in whole] == [json.loads(d, parse_float=Decimal) for d in DOCS]
    rows = docs.orderBy("id").select(F.from_json("s", "name STRING, tags VARIANT, score VARIANT, z VARIANT").alias("r")).collect()
    for doc, row in zip(DOCS, rows):
        parsed = json.loads(doc, parse_float=Decimal)
        fields = parsed if isinstance(parsed, dict) else {}
        for name in ("tags", "score", "z"):
            got = row.r[name] if row.r is not None else None
            assert (got.toPython() if got is not None else None) == fields.get(name)


JSON_LINES = ['{"a": 2.50, "b": [true, null]}', "", "[3, 4e0]", '"s"', '{"a": 1,}', '{"k": 0, "k": 1}', "null"]


def write_lines(tmp_path):
    path = tmp_path / "records.json"
    path.write_text("\n".join(JSON_LINES) + "\n")
    return str(path)


def expected_variants():
    """Each non-blank line as Python's json reads it; None where it is not one JSON value or repeats
    a key (a malformed record)."""
    out = []
    for line in JSON_LINES:
        if not line:
            continue
        try:
            pairs_ok = []
            value = json.loads(line, parse_float=Decimal,
                               object_pairs_hook=lambda ps: pairs_ok.append(len(ps) == len(dict(ps))) or dict(ps))
            out.append(("ok", value) if all(pairs_ok) else ("bad", None))
        except ValueError:
            out.append(("bad", None))
    return out


def test_json_reader_single_variant_column(spark, tmp_path):
    path = write_lines(tmp_path)
    frame = spark.read.option("singleVariantColumn", "var").json(path)
    assert frame.schema == StructType([StructField("var", VariantType(), True)])
    got = [r.var for r in frame.collect()]
    expected = expected_variants()
    assert len(got) == len(expected)
    for value, (state, want) in zip(got, expected):
        assert (value is None) if state == "bad" else (value.toPython() == want)
    dropped = spark.read.option("singleVariantColumn", "var").option("mode", "DROPMALFORMED").json(path)
    assert dropped.count() == sum(1 for state, _ in expected if state == "ok")
    with pytest.raises(PySparkException, match="MALFORMED_RECORD_IN_PARSING"):
        spark.read.option("singleVariantColumn", "var").option("mode", "FAILFAST").json(path).collect()


def test_json_reader_single_variant_column_refuses_a_schema(spark, tmp_path):
    with pytest.raises(PySparkException, match="INVALID_SINGLE_VARIANT_COLUMN"):
        spark.read.option("singleVariantColumn", "v").schema("v variant")
    with pytest.raises(PySparkException, match="INVALID_SINGLE_VARIANT_COLUMN"):
        spark.read.schema("v variant").option("singleVariantColumn", "v")


def test_json_reader_variant_fields_of_a_user_schema(spark, tmp_path):
    path = tmp_path / "fields.json"
    lines = ['{"a": 1.50, "b": null, "c": {"d": [1e1, "x"]}}', '{"a": [], "c": 7}', '[1, 2]']
    path.write_text("\n".join(lines) + "\n")
    rows = spark.read.schema("a variant, b variant, c variant").json(str(path)).collect()
    assert rows[0].a.toPython() == Decimal("1.50") and rows[0].b.toPython() is None
    assert rows[0].c.toPython() == {"d": [10.0, "x"]}
    assert rows[1].a.toPython() == [] and rows[1].b is None and rows[1].c.toPython() == 7
    assert tuple(rows[2]) == (None, None, None)
    # A JSON null is a variant null (is_variant_null), an absent field a SQL NULL.
    flags = spark.read.schema("b variant").json(str(path)).select(F.is_variant_null("b")).collect()
    assert [r[0] for r in flags] == [True, False, False]


def test_from_json_variant_fields_hold_the_bytes_of_their_own_text(spark):
    # A variant field is laid out as parse_json lays out the field's text: keys in the dictionary
    # as first seen, values in the text's order (unsorted keys and a nested repeat of a key name).
    field = '{"z": [2.50, {"y": 1, "a": "s"}], "b": {"z": null}}'
    frame = spark.createDataFrame([('{"n": 1, "v": %s}' % field, field)], "doc string, text string")
    schema = StructType([StructField("n", VariantType()), StructField("v", VariantType())])
    row = frame.select(F.from_json("doc", schema).alias("r"), F.parse_json("text").alias("p")).first()
    assert (bytes(row.r.v.value), bytes(row.r.v.metadata)) == (bytes(row.p.value), bytes(row.p.metadata))
    assert row.r.v.toPython() == json.loads(field, parse_float=Decimal) and row.r.n.toPython() == 1
    # The metadata dictionary lists z, y, a, b: the order the keys first appear in the text.
    assert bytes(row.r.v.metadata)[-4:] == b"zyab"


def test_json_reader_variant_containers_and_repeated_keys(spark, tmp_path):
    path = tmp_path / "containers.json"
    lines = ['{"m": {"p": 1.5, "q": null}, "l": [true, {"z": 1}], "n": 1}',
             '{"m": {"p": {"k": 1, "k": 2}}, "l": [], "n": 2}',
             '{"m": null, "l": [null], "n": 3}']
    path.write_text("\n".join(lines) + "\n")
    schema = "m map<string, variant>, l array<variant>, n int, _corrupt_record string"
    rows = spark.read.schema(schema).json(str(path)).collect()
    first = {k: v.toPython() for k, v in rows[0].m.items()}
    assert first == {"p": Decimal("1.5"), "q": None} and [v.toPython() for v in rows[0].l] == [True, {"z": 1}]
    # A repeated key inside a variant makes the record malformed: every field null, the line kept.
    assert tuple(rows[1]) == (None, None, None, lines[1])
    assert rows[2].m is None and rows[2].l[0].toPython() is None and rows[2].n == 3
    kept = spark.read.schema(schema).option("mode", "DROPMALFORMED").json(str(path)).collect()
    assert [r.n for r in kept] == [1, 3]


def test_single_variant_column_with_partition_directories(spark, tmp_path):
    part = tmp_path / "a=7" / "b=x"
    part.mkdir(parents=True)
    lines = ['{"k": [1, 2.5]}', '"s"']
    (part / "f.json").write_text("\n".join(lines) + "\n")
    frame = spark.read.option("singleVariantColumn", "var").json(str(tmp_path))
    assert [f.name for f in frame.schema.fields] == ["var", "a", "b"]
    rows = frame.collect()
    assert [(r.a, r.b, r.var.toPython()) for r in rows] == [
        (7, "x", json.loads(line, parse_float=Decimal)) for line in lines]


def test_duplicate_keys_setting_keeps_last_value_and_drops_the_others(spark):
    frame = spark.createDataFrame([('{"b": 1, "a": 2, "b": 3}',)], "s string")
    with pytest.raises(PySparkException, match="MALFORMED_RECORD_IN_PARSING"):
        frame.select(F.parse_json("s")).collect()
    assert frame.select(F.try_parse_json("s").isNull()).first()[0]
    spark.conf.set("spark.sql.variant.allowDuplicateKeys", "true")
    try:
        v = frame.select(F.parse_json("s").alias("v")).first().v
    finally:
        spark.conf.unset("spark.sql.variant.allowDuplicateKeys")
    assert v.toPython() == {"a": 2, "b": 3}
    # Object header (1-byte ids and offsets), 2 fields, ids of a and b (the dictionary holds b, a in
    # the order first seen), offsets 0 and 2, 4 bytes of data: int8 2, int8 3. The first b's value
    # is gone, as Spark's builder leaves it out.
    assert bytes(v.value) == bytes([0x02, 2, 1, 0, 0, 2, 4, 0x0C, 2, 0x0C, 3])
    assert bytes(v.metadata)[-2:] == b"ba"


DUPLICATE_DOCS = [
    '{"b": 1, "a": {"x": 1, "y": [1, 2]}, "b": {"z": 1.50, "z": 2}}',
    '[{"k": 1, "k": {"q": 0}}, {"k": 3}]',
    '{"a": {"c": {"d": 1, "d": 2}, "c": 5}}',
]


def test_duplicate_keys_setting_reaches_from_json_fields_and_the_json_reader(spark, tmp_path):
    """A variant field of a from_json schema or of the JSON reader's schema takes a repeated key's
    last value under the setting, bit for bit as parse_json of its text (the values left out keep
    their keys in the dictionary); without it the record is malformed."""
    records = ['{"v": %s, "n": 5}' % d for d in DUPLICATE_DOCS]
    (tmp_path / "part.json").write_text("\n".join(records) + "\n")
    frame = spark.createDataFrame(list(zip(records, DUPLICATE_DOCS)), "r string, d string")
    parsed = F.from_json("r", "v variant, n int").alias("s")

    def reader_rows():
        return spark.read.schema("v variant, n int, _corrupt_record string").json(str(tmp_path)).collect()

    assert [r.s.asDict() for r in frame.select(parsed).collect()] == [{"v": None, "n": None}] * 3
    assert [(r.v, r.n, r._corrupt_record) for r in reader_rows()] == [(None, None, rec) for rec in records]
    spark.conf.set("spark.sql.variant.allowDuplicateKeys", "true")
    try:
        rows = frame.select(parsed, F.parse_json("d").alias("p")).collect()
        read = reader_rows()
        single = spark.read.option("singleVariantColumn", "v").json(str(tmp_path)).collect()
    finally:
        spark.conf.unset("spark.sql.variant.allowDuplicateKeys")
    for row, record, doc in zip(rows, read, DUPLICATE_DOCS):
        expected = json.loads(doc, parse_float=Decimal)  # Python keeps a repeated key's last value
        for v in (row.s.v, record.v):
            assert v.toPython() == expected
            assert (bytes(v.value), bytes(v.metadata)) == (bytes(row.p.value), bytes(row.p.metadata))
        assert (row.s.n, record.n, record._corrupt_record) == (5, 5, None)
    assert [r.v.toPython() for r in single] == [json.loads(rec, parse_float=Decimal) for rec in records]


def test_duplicate_keys_setting_reaches_variants_inside_arrays_and_maps(spark):
    frame = spark.createDataFrame([('{"vs": [{"k": 1, "k": 2}, 3], "m": {"x": {"d": 1, "d": null}}}',)], "r string")
    schema = "vs array<variant>, m map<string, variant>"
    assert frame.select(F.from_json("r", schema).alias("s")).first().s.asDict() == {"vs": None, "m": None}
    spark.conf.set("spark.sql.variant.allowDuplicateKeys", "true")
    try:
        s = frame.select(F.from_json("r", schema).alias("s")).first().s
    finally:
        spark.conf.unset("spark.sql.variant.allowDuplicateKeys")
    assert [v.toPython() for v in s.vs] == [{"k": 2}, 3]
    assert s.m["x"].toPython() == {"d": None}
