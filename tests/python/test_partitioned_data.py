"""Hive-style partitioned data: partitionBy writes (escaped values, nulls, maxRecordsPerFile,
dynamic partition overwrite, tables), discovery on read (type inference, basePath,
recursiveFileLookup, pathGlobFilter, modifiedBefore/After) and partition pruning. Expected
values come from plain Python and from DuckDB (tools/node) reading the same files."""

import datetime
import json
import os
import subprocess

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import Row

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUCKDB_QUERY = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")
# The characters Spark escapes in partition directory names (besides control characters).
ESCAPED = set('"#%\'*/:=?\\{[]^')


def duckdb_rows(sql):
    out = subprocess.run(["node", DUCKDB_QUERY, sql], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines()[1:]]


def escape(text):
    return "".join("%%%02X" % ord(c) if c in ESCAPED or ord(c) < 32 or ord(c) == 127 else c for c in text)


def unescape(text):
    out, i = "", 0
    while i < len(text):
        if text[i] == "%" and i + 2 < len(text) + 0 and len(text) - i >= 3:
            try:
                out += chr(int(text[i + 1:i + 3], 16))
                i += 3
                continue
            except ValueError:
                pass
        out += text[i]
        i += 1
    return out


def partition_dirs(root):
    """Relative directories that hold data files."""
    found = set()
    for directory, _, files in os.walk(root):
        if any(not f.startswith(("_", ".")) for f in files):
            found.add(os.path.relpath(directory, root))
    return found


def put_json(path, rows, mtime=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    if mtime is not None:
        os.utime(path, (mtime, mtime))


ROWS = [(i, "k%d" % (i % 3), None if i % 5 == 0 else ["a/b:c", "x=y", "", "plain", "50%"][i % 4]) for i in range(40)]


def test_partition_by_writes_escaped_hive_directories_that_duckdb_reads(spark, tmp_path):
    out = str(tmp_path / "out")
    df = spark.createDataFrame(ROWS, "id long, k string, s string").repartition(3)
    df.write.partitionBy("k", "s").parquet(out)
    expected_dirs = {"k=%s/s=%s" % (k, "__HIVE_DEFAULT_PARTITION__" if not s else escape(s)) for _, k, s in ROWS}
    assert partition_dirs(out) == expected_dirs
    assert os.path.exists(os.path.join(out, "_SUCCESS"))
    # DuckDB reads the data files; the directory of each file gives its partition values.
    files = duckdb_rows("SELECT id, filename FROM read_parquet('%s/**/*.parquet', filename=true, "
                        "hive_partitioning=false)" % out)
    rebuilt = []
    for ident, filename in files:
        parts = os.path.relpath(os.path.dirname(filename), out).split("/")
        values = {p.split("=", 1)[0]: unescape(p.split("=", 1)[1]) for p in parts}
        s = None if values["s"] == "__HIVE_DEFAULT_PARTITION__" else values["s"]
        rebuilt.append((int(ident), values["k"], s))
    # Spark writes "" as the default partition too, so it reads back as null.
    assert sorted(rebuilt) == sorted((i, k, s or None) for i, k, s in ROWS)
    back = spark.read.parquet(out)
    assert back.columns == ["id", "k", "s"]
    assert sorted(tuple(r) for r in back.collect()) == sorted((i, k, s or None) for i, k, s in ROWS)


def test_every_format_writes_partitions(spark, tmp_path):
    df = spark.createDataFrame([(i, i % 2, "v%d" % i) for i in range(10)], "id long, p int, v string")
    for fmt in ("parquet", "json", "csv"):
        out = str(tmp_path / fmt)
        writer = df.write.format(fmt).partitionBy("p")
        if fmt == "csv":
            writer = writer.option("header", True)
        writer.save(out)
        assert partition_dirs(out) == {"p=0", "p=1"}
        reader = spark.read.format(fmt)
        if fmt == "csv":
            reader = reader.option("header", True).option("inferSchema", True)
        back = reader.load(out)
        assert back.columns[-1] == "p"
        got = sorted((r.id, r.p, r.v) for r in back.collect())
        assert got == [(i, i % 2, "v%d" % i) for i in range(10)], fmt


def test_discovery_matches_duckdb_hive_output(spark, tmp_path):
    out = str(tmp_path / "duck")
    duckdb_rows("COPY (SELECT i AS id, 2020 + i %% 2 AS year, 1 + i %% 3 AS m, 'x' || i AS v FROM range(30) t(i)) "
                "TO '%s' (FORMAT parquet, PARTITION_BY (year, m))" % out)
    df = spark.read.parquet(out)
    assert [(f.name, f.dataType.simpleString()) for f in df.schema.fields] == \
        [("id", "bigint"), ("v", "string"), ("year", "int"), ("m", "int")]
    expected = duckdb_rows("SELECT id, v, year, m FROM read_parquet('%s/**/*.parquet', hive_partitioning=true)" % out)
    assert sorted(tuple(r) for r in df.collect()) == sorted((int(a), b, int(c), int(d)) for a, b, c, d in expected)


@pytest.mark.parametrize("values, expected", [
    (["1", "2"], ("int", [1, 2])),
    (["1", "3000000000"], ("bigint", [1, 3000000000])),
    (["1", "12345678901234567890"], ("decimal(20,0)", [1, 12345678901234567890])),
    (["1.5", "2"], ("double", [1.5, 2.0])),
    (["2020-01-31", "2021-02-01"], ("date", [datetime.date(2020, 1, 31), datetime.date(2021, 2, 1)])),
    (["2020-01-31 10%3A00%3A00", "2020-01-31"],
     ("timestamp", [datetime.datetime(2020, 1, 31, 10), datetime.datetime(2020, 1, 31)])),
    (["x", "1"], ("string", ["x", "1"])),
    (["01", "__HIVE_DEFAULT_PARTITION__"], ("int", [1, None])),
])
def test_partition_types_are_inferred_from_all_values(spark, tmp_path, values, expected):
    for n, value in enumerate(values):
        put_json(str(tmp_path / "t" / ("p=" + value) / "f.json"), [{"n": n}])
    df = spark.read.json(str(tmp_path / "t"))
    assert df.schema["p"].dataType.simpleString() == expected[0]
    got = [r.p for r in df.orderBy("n").collect()]
    if expected[0] == "decimal(20,0)":
        got = [int(v) for v in got]
    assert got == expected[1]


def test_type_inference_can_be_disabled(spark, tmp_path):
    put_json(str(tmp_path / "t" / "p=01" / "f.json"), [{"n": 1}])
    spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    try:
        df = spark.read.json(str(tmp_path / "t"))
        assert df.schema["p"].dataType.simpleString() == "string"
        assert df.collect() == [Row(n=1, p="01")]
    finally:
        spark.conf.unset("spark.sql.sources.partitionColumnTypeInference.enabled")


def test_user_schema_types_partition_columns(spark, tmp_path):
    put_json(str(tmp_path / "t" / "p=7" / "f.json"), [{"n": 1}])
    df = spark.read.schema("n long, p string").json(str(tmp_path / "t"))
    assert df.collect() == [Row(n=1, p="7")]


def test_base_path_recursive_lookup_and_file_filters(spark, tmp_path):
    root = tmp_path / "t"
    old, new = 1_600_000_000, 1_700_000_000  # 2020-09-13 and 2023-11-14
    put_json(str(root / "y=2020" / "a.json"), [{"n": 1}], old)
    put_json(str(root / "y=2021" / "b.json"), [{"n": 2}], new)
    put_json(str(root / "y=2021" / "c.txt"), [{"n": 3}], new)
    # A partition directory read directly is its own base: no partition column.
    assert spark.read.json(str(root / "y=2020")).collect() == [Row(n=1)]
    df = spark.read.option("basePath", str(root)).json(str(root / "y=2020"))
    assert df.collect() == [Row(n=1, y=2020)]
    df = spark.read.option("recursiveFileLookup", "true").json(str(root))
    assert df.columns == ["n"] and sorted(r.n for r in df.collect()) == [1, 2, 3]
    df = spark.read.option("pathGlobFilter", "*.json").json(str(root) + "/")
    assert sorted(tuple(r) for r in df.collect()) == [(1, 2020), (2, 2021)]
    df = spark.read.option("modifiedAfter", "2021-01-01T00:00:00").option("pathGlobFilter", "*.json").json(str(root))
    assert df.collect() == [Row(n=2, y=2021)]
    df = spark.read.option("modifiedBefore", "2021-01-01T00:00:00").json(str(root))
    assert df.collect() == [Row(n=1, y=2020)]


def test_conflicting_directory_structures_are_refused(spark, tmp_path):
    put_json(str(tmp_path / "t" / "a=1" / "f.json"), [{"n": 1}])
    put_json(str(tmp_path / "t" / "b=1" / "f.json"), [{"n": 2}])
    with pytest.raises(Exception) as error:
        spark.read.json(str(tmp_path / "t")).collect()
    assert "CONFLICTING_DIRECTORY_STRUCTURES" in str(error.value)


def test_filters_on_partition_columns_prune_files(spark, tmp_path, capsys):
    root = tmp_path / "t"
    for year in (2020, 2021, 2022):
        put_json(str(root / ("year=%d" % year) / "f.json"), [{"n": year * 10 + i} for i in range(3)])
    # A file the pruned read must never open.
    (root / "year=2019").mkdir()
    (root / "year=2019" / "bad.json").write_text("{not json")
    df = spark.read.schema("n long").option("mode", "FAILFAST").json(str(root))
    got = df.filter("year >= 2021 AND n % 2 = 0").collect()
    assert sorted(tuple(r) for r in got) == [(20210, 2021), (20212, 2021), (20220, 2022), (20222, 2022)]
    df.filter("year = 2020").select("year").explain()
    assert "InMemoryFileIndex(1 paths)" in capsys.readouterr().out
    assert df.filter("year = 2020").count() == 3
    with pytest.raises(Exception):
        df.filter("n > 0").collect()  # every file is read: the bad one fails


def test_max_records_per_file(spark, tmp_path):
    out = str(tmp_path / "out")
    df = spark.createDataFrame([(i, i % 2) for i in range(25)], "id long, p int").coalesce(1)
    df.write.option("maxRecordsPerFile", 4).partitionBy("p").json(out)
    for part in ("p=0", "p=1"):
        files = sorted(os.listdir(os.path.join(out, part)))
        counts = [len(open(os.path.join(out, part, f)).read().splitlines()) for f in files]
        assert max(counts) <= 4 and sum(counts) == (13 if part == "p=0" else 12)
        assert [f.split("-")[-1].split(".")[0] for f in files] == ["c%03d" % i for i in range(len(files))]
    out2 = str(tmp_path / "flat")
    spark.conf.set("spark.sql.files.maxRecordsPerFile", "10")
    try:
        df.write.json(out2)
    finally:
        spark.conf.unset("spark.sql.files.maxRecordsPerFile")
    assert len([f for f in os.listdir(out2) if f.startswith("part-")]) == 3


def test_dynamic_partition_overwrite_replaces_only_written_partitions(spark, tmp_path):
    out = str(tmp_path / "out")
    first = spark.createDataFrame([(1, "old"), (2, "old"), (3, "old")], "p int, v string")
    second = spark.createDataFrame([(2, "new"), (4, "new")], "p int, v string")
    first.write.partitionBy("p").parquet(out)
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    try:
        second.write.mode("overwrite").partitionBy("p").parquet(out)
    finally:
        spark.conf.unset("spark.sql.sources.partitionOverwriteMode")
    assert sorted((r.p, r.v) for r in spark.read.parquet(out).collect()) == [(1, "old"), (2, "new"), (3, "old"), (4, "new")]
    second.write.mode("overwrite").partitionBy("p").parquet(out)  # static: everything is replaced
    assert sorted((r.p, r.v) for r in spark.read.parquet(out).collect()) == [(2, "new"), (4, "new")]
    first.write.mode("append").partitionBy("p").parquet(out)
    assert spark.read.parquet(out).count() == 5


def test_partitioned_tables(spark, tmp_path):
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    df = session.createDataFrame([(1, "a", 10), (2, "b", 20), (3, "a", 30)], "id int, k string, x int")
    df.write.partitionBy("k").saveAsTable("t")
    table = session.table("t")
    assert table.columns == ["id", "x", "k"]
    assert sorted(tuple(r) for r in table.collect()) == [(1, 10, "a"), (2, 20, "b"), (3, 30, "a")]
    assert partition_dirs(str(tmp_path / "warehouse" / "t")) == {"k=a", "k=b"}
    session.sql("INSERT INTO t VALUES (4, 40, 'c')")
    assert sorted(r.k for r in session.table("t").collect()) == ["a", "a", "b", "c"]
    session.sql("CREATE TABLE s USING json PARTITIONED BY (k) AS SELECT k, id FROM t")
    assert session.table("s").columns == ["id", "k"]
    assert session.sql("SELECT count(*) FROM s WHERE k = 'a'").first()[0] == 2


def test_partition_by_errors(spark, tmp_path):
    df = spark.createDataFrame([(1, 2)], "a int, b int")
    with pytest.raises(AnalysisException) as error:
        df.write.partitionBy("zz").parquet(str(tmp_path / "x"))
    assert error.value.getErrorClass() == "COLUMN_NOT_FOUND"
    with pytest.raises(AnalysisException) as error:
        df.write.partitionBy("a", "b").parquet(str(tmp_path / "y"))
    assert error.value.getErrorClass() == "ALL_PARTITION_COLUMNS_NOT_ALLOWED"
    with pytest.raises(AnalysisException) as error:
        df.write.bucketBy(2, "a").parquet(str(tmp_path / "z"))
    assert "does not support bucketBy" in str(error.value)
    assert not os.path.exists(str(tmp_path / "z"))


def test_write_to_partitioned_by(spark, tmp_path):
    from pyspark.sql import functions as F
    session = spark.newSession()
    session.conf.set("spark.sql.warehouse.dir", str(tmp_path / "warehouse"))
    df = session.createDataFrame([(1, "a"), (2, "b")], "id int, k string")
    df.writeTo("w").partitionedBy(F.col("k")).create()
    assert session.table("w").columns == ["id", "k"]
    assert partition_dirs(str(tmp_path / "warehouse" / "w")) == {"k=a", "k=b"}
