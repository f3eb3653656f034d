"""The persistent catalog through the Python API: spark.sql statements, saveAsTable/insertInto,
spark.table/read.table, spark.catalog, and a warehouse shared by sessions, processes and
restarts."""

import os
import subprocess
import textwrap

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import Row

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMBER = os.path.join(ROOT, "bin", "ember")


@pytest.fixture
def new_session(spark):
    """new_session(warehouse): a session of its own on that warehouse (the catalog opens it on
    first use), leaving the shared `spark` session as it is."""
    def make(warehouse):
        session = spark.newSession()
        session.conf.set("spark.sql.warehouse.dir", str(warehouse))
        return session
    return make


@pytest.fixture
def session(new_session, tmp_path):
    return new_session(tmp_path / "warehouse")


def run_job(warehouse, body):
    """Runs `body` as a PySpark script in a new process on the same warehouse; returns stdout."""
    script = warehouse.parent / ("job_%d.py" % len(list(warehouse.parent.glob("job_*.py"))))
    script.write_text("from pyspark.sql import SparkSession\n"
                      "spark = SparkSession.builder.getOrCreate()\n" + textwrap.dedent(body))
    out = subprocess.run([EMBER, "submit", "--conf", "spark.sql.warehouse.dir=%s" % warehouse,
                          str(script)], capture_output=True, text=True, cwd=str(warehouse.parent))
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_statements_return_spark_results(session):
    ddl = session.sql("CREATE DATABASE silver")
    assert ddl.columns == [] and ddl.collect() == []
    session.sql("CREATE TABLE silver.user_events (user_id BIGINT, event STRING) USING parquet")
    session.sql("INSERT INTO silver.user_events VALUES (1, 'login'), (2, 'click')")
    tables = session.sql("SHOW TABLES IN silver")
    assert tables.columns == ["namespace", "tableName", "isTemporary"]
    assert tables.collect() == [Row(namespace="silver", tableName="user_events", isTemporary=False)]
    described = session.sql("DESCRIBE silver.user_events").collect()
    assert [(r.col_name, r.data_type, r.comment) for r in described] == [
        ("user_id", "bigint", None), ("event", "string", None)]
    assert session.sql("SET spark.sql.shuffle.partitions = 7").collect() == [
        Row(key="spark.sql.shuffle.partitions", value="7")]
    assert session.conf.get("spark.sql.shuffle.partitions") == "7"
    rows = session.table("silver.user_events").orderBy("user_id").collect()
    assert rows == [Row(user_id=1, event="login"), Row(user_id=2, event="click")]
    assert session.read.table("silver.user_events").count() == 2


def test_save_as_table_modes(session, tmp_path):
    df = session.createDataFrame([(1, "a"), (2, "b")], "id INT, name STRING")
    df.write.saveAsTable("people")
    assert sorted(session.table("people").collect()) == [Row(id=1, name="a"), Row(id=2, name="b")]
    assert (tmp_path / "warehouse" / "people").is_dir()

    with pytest.raises(AnalysisException) as error:
        df.write.saveAsTable("people")
    assert error.value.getErrorClass() == "TABLE_OR_VIEW_ALREADY_EXISTS"

    df.write.mode("ignore").saveAsTable("people")
    assert session.table("people").count() == 2

    # append matches columns by name
    session.createDataFrame([("c", 3)], "name STRING, id INT").write.mode("append").saveAsTable("people")
    assert sorted(r.id for r in session.table("people").collect()) == [1, 2, 3]

    # overwrite replaces rows and schema
    session.createDataFrame([(9.5,)], "score DOUBLE").write.mode("overwrite").format("json") \
        .saveAsTable("people")
    assert session.table("people").collect() == [Row(score=9.5)]
    assert session.catalog.getTable("people").tableType == "MANAGED"


def test_insert_into_by_position_and_overwrite(session):
    session.sql("CREATE TABLE scores (player STRING, points BIGINT) USING json")
    session.createDataFrame([("ann", 3)], "who STRING, n INT").write.insertInto("scores")
    session.createDataFrame([("bob", 5)], "who STRING, n INT").write.insertInto("scores")
    assert sorted(session.table("scores").collect()) == [Row(player="ann", points=3),
                                                         Row(player="bob", points=5)]
    session.createDataFrame([("cy", 1)], "a STRING, b INT").write.insertInto("scores", overwrite=True)
    assert session.table("scores").collect() == [Row(player="cy", points=1)]
    with pytest.raises(AnalysisException) as error:
        session.createDataFrame([(1,)], "a INT").write.insertInto("scores")
    assert error.value.getErrorClass() == "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"


def test_failed_insert_keeps_old_rows(session):
    session.sql("CREATE TABLE counts (n INT) USING parquet")
    session.sql("INSERT INTO counts VALUES (1), (2)")
    with pytest.raises(Exception) as error:
        session.sql("INSERT OVERWRITE counts SELECT CAST(s AS INT) FROM VALUES ('3'), ('x') AS t(s)")
    assert "CAST_INVALID_INPUT" in str(error.value)
    assert sorted(r.n for r in session.table("counts").collect()) == [1, 2]


def test_catalog_api(session, tmp_path):
    catalog = session.catalog
    assert catalog.currentDatabase() == "default"
    assert catalog.currentCatalog() == "spark_catalog"
    session.sql("CREATE DATABASE analytics COMMENT 'reports'")
    assert catalog.databaseExists("analytics") and not catalog.databaseExists("nope")
    databases = {d.name: d for d in catalog.listDatabases()}
    assert set(databases) == {"default", "analytics"}
    assert databases["analytics"].description == "reports"
    assert databases["analytics"].locationUri == "file:%s" % (tmp_path / "warehouse" / "analytics.db")

    catalog.setCurrentDatabase("analytics")
    assert catalog.currentDatabase() == "analytics"
    session.range(3).write.saveAsTable("ids")
    session.range(1).createOrReplaceTempView("tmp")
    tables = catalog.listTables()
    assert [(t.name, t.namespace, t.tableType, t.isTemporary) for t in tables] == [
        ("ids", ["analytics"], "MANAGED", False), ("tmp", [], "TEMPORARY", True)]
    assert tables[0].database == "analytics" and tables[0].catalog == "spark_catalog"
    assert [c.name for c in catalog.listColumns("ids")] == ["id"]
    assert catalog.listColumns("ids")[0].dataType == "bigint"
    assert catalog.tableExists("ids") and catalog.tableExists("ids", "analytics")
    assert catalog.tableExists("analytics.ids") and not catalog.tableExists("ids", "default")
    assert catalog.getTable("analytics.ids").name == "ids"
    with pytest.raises(AnalysisException) as error:
        catalog.getTable("missing")
    assert error.value.getErrorClass() == "TABLE_OR_VIEW_NOT_FOUND"
    with pytest.raises(AnalysisException) as error:
        catalog.setCurrentDatabase("nope")
    assert error.value.getErrorClass() == "SCHEMA_NOT_FOUND"

    external = tmp_path / "external"
    session.createDataFrame([(1, "x")], "k INT, v STRING").write.json(str(external))
    table = catalog.createTable("ext", path=str(external), source="json")
    assert table.collect() == [Row(k=1, v="x")]
    assert catalog.getTable("ext").tableType == "EXTERNAL"
    session.sql("DROP TABLE ext")
    assert external.is_dir(), "dropping an external table keeps its data"

    assert catalog.dropTempView("tmp") and not catalog.dropTempView("tmp")
    session.sql("CREATE GLOBAL TEMP VIEW g AS SELECT 1 AS one")
    assert session.table("global_temp.g").collect() == [Row(one=1)]
    assert catalog.dropGlobalTempView("g") and not catalog.dropGlobalTempView("g")


def test_two_sessions_share_the_warehouse(new_session, tmp_path):
    first = new_session(tmp_path / "warehouse")
    second = new_session(tmp_path / "warehouse")
    first.sql("CREATE DATABASE shared")
    first.range(4).write.saveAsTable("shared.nums")
    assert second.table("shared.nums").count() == 4
    second.sql("INSERT INTO shared.nums VALUES (10)")
    assert first.table("shared.nums").count() == 5
    first.range(1).createTempView("mine")  # temporary views stay in their session
    with pytest.raises(AnalysisException):
        second.table("mine")


def test_another_process_and_restart_see_the_catalog(new_session, tmp_path):
    warehouse = tmp_path / "warehouse"
    run_job(warehouse, """
        spark.sql("CREATE DATABASE silver")
        spark.createDataFrame([(1, "a"), (2, "b")], "id INT, tag STRING").write.saveAsTable("silver.tags")
        spark.sql("CREATE VIEW silver.first_tag AS SELECT tag FROM silver.tags WHERE id = 1")
    """)
    session = new_session(warehouse)
    assert sorted(session.table("silver.tags").collect()) == [Row(id=1, tag="a"), Row(id=2, tag="b")]
    assert session.table("silver.first_tag").collect() == [Row(tag="a")]
    session.sql("INSERT INTO silver.tags VALUES (3, 'c')")
    out = run_job(warehouse, """
        print(spark.table("silver.tags").count(), [d.name for d in spark.catalog.listDatabases()])
    """)
    assert out.strip() == "3 ['default', 'silver']"


def test_concurrent_writers_keep_the_metastore_consistent(new_session, tmp_path):
    warehouse = tmp_path / "warehouse"
    new_session(warehouse).sql("CREATE DATABASE busy")
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent("""
        import sys
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        for i in range(8):
            spark.sql("CREATE TABLE busy.t_%s_%d (x INT) USING json" % (sys.argv[1], i))
    """))
    procs = [subprocess.Popen([EMBER, "submit", "--conf", "spark.sql.warehouse.dir=%s" % warehouse,
                               str(script), name], stderr=subprocess.PIPE, text=True)
             for name in "ab"]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    names = sorted(t.name for t in new_session(warehouse).catalog.listTables("busy"))
    assert names == sorted("t_%s_%d" % (w, i) for w in "ab" for i in range(8))


def test_write_to(session):
    df = session.createDataFrame([(1, "a")], "id INT, tag STRING")
    df.writeTo("v2").using("json").create()
    with pytest.raises(AnalysisException) as error:
        df.writeTo("v2").create()
    assert error.value.getErrorClass() == "TABLE_OR_VIEW_ALREADY_EXISTS"
    session.createDataFrame([("b", 2)], "tag STRING, id INT").writeTo("v2").append()
    assert sorted(session.table("v2").collect()) == [Row(id=1, tag="a"), Row(id=2, tag="b")]
    session.createDataFrame([(7,)], "n BIGINT").writeTo("v2").replace()
    assert session.table("v2").collect() == [Row(n=7)]
    with pytest.raises(AnalysisException) as error:
        df.writeTo("missing").append()
    assert error.value.getErrorClass() == "TABLE_OR_VIEW_NOT_FOUND"
    df.writeTo("made").createOrReplace()
    assert session.catalog.getTable("made").tableType == "MANAGED"


def test_text_tables_and_files(session, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("first line\n\nthird, with comma\n")
    df = session.read.text(str(path))
    assert df.columns == ["value"]
    assert df.collect() == [Row(value="first line"), Row(value=""), Row(value="third, with comma")]
    assert session.read.option("wholetext", True).text(str(path)).collect() == [
        Row(value="first line\n\nthird, with comma")]
    df.write.text(str(tmp_path / "copy"))
    assert "".join(p.read_text() for p in sorted((tmp_path / "copy").glob("part-*.txt"))) == \
        "first line\n\nthird, with comma\n"
    with pytest.raises(AnalysisException) as error:
        session.range(1).write.text(str(tmp_path / "bad"))
    assert error.value.getErrorClass() == "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE"
    session.sql("CREATE TABLE lines USING text AS SELECT 'x' AS value")
    assert session.table("lines").collect() == [Row(value="x")]


def test_show_create_table_and_functions(session, tmp_path):
    session.sql("CREATE TABLE shown (id INT, `odd name` STRING) USING json OPTIONS ('compression' = 'gzip') "
                "COMMENT 'about' TBLPROPERTIES ('k' = 'v')")
    text = session.sql("SHOW CREATE TABLE shown").collect()[0].createtab_stmt
    assert text == ("CREATE TABLE spark_catalog.default.shown (\n  id INT,\n  `odd name` STRING)\n"
                    "USING json\nOPTIONS (\n  'compression' = 'gzip')\nCOMMENT 'about'\n"
                    "LOCATION 'file:%s'\nTBLPROPERTIES (\n  'k' = 'v')\n"
                    % (tmp_path / "warehouse" / "shown"))
    session.sql("CREATE VIEW shown_names AS SELECT `odd name` FROM shown")
    assert session.sql("SHOW CREATE TABLE shown_names").collect()[0][0] == (
        "CREATE VIEW spark_catalog.default.shown_names (\n  `odd name`)\n"
        "AS SELECT `odd name` FROM shown\n")
    catalog = session.catalog
    assert catalog.functionExists("upper") and not catalog.functionExists("no_such_function")
    names = [f.name for f in catalog.listFunctions(pattern="upp*")]
    assert names == ["upper"]
    catalog.refreshTable("shown")
    with pytest.raises(AnalysisException):
        catalog.refreshTable("nowhere")
