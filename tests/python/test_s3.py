"""s3:// and s3a:// paths against a local s3rver: every format read and written, listing and
globs, save modes and the manifest commit, credentials from the session and the environment,
path-style and virtual-host addressing, multipart uploads, retries and missing paths. boto3 puts
the inputs and checks the objects Ember wrote; DuckDB reads the Parquet Ember wrote."""
import gzip
import json
import os
import subprocess

import pytest

from pyspark.errors import AnalysisException
from pyspark.sql import functions as F
from s3_server import ACCESS_KEY, ROOT, SECRET_KEY, RecordingProxy, S3Server

DUCKDB_QUERY = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")
SETTINGS = ("endpoint", "access.key", "secret.key", "path.style.access", "multipart.size",
            "retry.limit", "retry.interval")


@pytest.fixture(scope="module")
def server():
    s3 = S3Server()
    yield s3
    s3.stop()


@pytest.fixture
def s3(spark, server):
    """The server with the session's fs.s3a settings pointing at it (path style)."""
    spark.conf.set("spark.hadoop.fs.s3a.endpoint", server.endpoint)
    spark.conf.set("spark.hadoop.fs.s3a.access.key", ACCESS_KEY)
    spark.conf.set("spark.hadoop.fs.s3a.secret.key", SECRET_KEY)
    spark.conf.set("spark.hadoop.fs.s3a.path.style.access", "true")
    yield server
    for key in SETTINGS:
        spark.conf.unset("spark.hadoop.fs.s3a." + key)
        spark.conf.unset("fs.s3a." + key)


@pytest.fixture
def bucket(s3, request):
    name = "b-" + request.node.name.lower().replace("_", "-")[:50]
    s3.make_bucket(name)
    return name


def test_reads_json_csv_and_text(spark, s3, bucket):
    s3.put(bucket, "in/json/a.json", '{"id": 1, "name": "ann"}\n{"id": 2, "name": "bob"}\n')
    s3.put(bucket, "in/json/b.json", '{"id": 3, "name": "cy"}\n')
    s3.put(bucket, "in/csv/a.csv", "id,name\n1,ann\n2,bob\n")
    s3.put(bucket, "in/text/a.txt", "first line\nsecond line\n")
    s3.put(bucket, "in/gz/a.json.gz", gzip.compress(b'{"id": 7}\n{"id": 8}\n'))
    rows = spark.read.json(f"s3a://{bucket}/in/json/").orderBy("id").collect()
    assert [(r.id, r.name) for r in rows] == [(1, "ann"), (2, "bob"), (3, "cy")]
    rows = spark.read.csv(f"s3://{bucket}/in/csv/a.csv", header=True, inferSchema=True).collect()
    assert [(r.id, r.name) for r in rows] == [(1, "ann"), (2, "bob")]
    assert [r.value for r in spark.read.text(f"s3a://{bucket}/in/text").collect()] == ["first line", "second line"]
    assert sorted(r.id for r in spark.read.json(f"s3a://{bucket}/in/gz").collect()) == [7, 8]


def test_line_splits_over_ranged_reads(spark, s3, bucket):
    lines = [json.dumps({"n": i, "pad": "x" * (i % 50)}) for i in range(20000)]
    s3.put(bucket, "big/data.json", "\n".join(lines) + "\n")
    spark.conf.set("spark.sql.files.maxPartitionBytes", "65536")
    try:
        df = spark.read.schema("n long, pad string").json(f"s3a://{bucket}/big")
        assert df.select(F.spark_partition_id()).distinct().count() > 10
        assert sorted(r.n for r in df.collect()) == list(range(20000))
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")


def duckdb_rows(sql):
    out = subprocess.run(["node", DUCKDB_QUERY, sql], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines()[1:]]


def test_parquet_written_to_s3_reads_back_and_in_duckdb(spark, s3, bucket, tmp_path):
    df = spark.range(0, 50000).selectExpr("id", "id % 7 AS k", "CAST(id AS STRING) AS s")
    df.repartition(3).write.option("parquet.block.size", "65536").parquet(f"s3a://{bucket}/pq")
    keys = s3.keys(bucket, "pq/")
    assert "pq/_SUCCESS" in keys and "pq/_ember_manifest" in keys
    parts = s3.committed_keys(bucket, "pq/")
    assert len(parts) == 3 and all(p.endswith(".snappy.parquet") for p in parts)
    back = spark.read.parquet(f"s3a://{bucket}/pq")
    assert back.count() == 50000
    assert back.filter("k = 3").selectExpr("sum(id)").first()[0] == sum(i for i in range(50000) if i % 7 == 3)
    for index, key in enumerate(parts):
        (tmp_path / f"{index}.parquet").write_bytes(s3.get(bucket, key))
    rows = duckdb_rows(f"SELECT count(*), sum(id), count(DISTINCT s) FROM read_parquet('{tmp_path}/*.parquet')")
    assert [int(v) for v in rows[0]] == [50000, sum(range(50000)), 50000]


def test_listing_and_globs(spark, s3, bucket):
    for day, ids in (("2024-01-01", [1, 2]), ("2024-01-02", [3]), ("2024-02-01", [4])):
        s3.put(bucket, f"events/{day}/part.json", "".join(json.dumps({"id": i}) + "\n" for i in ids))
    s3.put(bucket, "events/2024-01-01/_SUCCESS", "")
    s3.put(bucket, "events/2024-01-01/.hidden.json", '{"id": 99}\n')
    s3.put(bucket, "events/top.json", '{"id": 0}\n')

    def ids(path):
        return sorted(r.id for r in spark.read.json(path).collect())

    assert ids(f"s3a://{bucket}/events") == [0]  # one level, like Spark without recursion
    assert ids(f"s3a://{bucket}/events/2024-01-01") == [1, 2]
    assert ids(f"s3a://{bucket}/events/2024-01-*") == [1, 2, 3]
    assert ids(f"s3a://{bucket}/events/2024-0[12]-01/*.json") == [1, 2, 4]
    assert ids(f"s3a://{bucket}/events/{{2024-01-02,2024-02-01}}") == [3, 4]
    assert ids(f"s3a://{bucket}/events/*/part.json") == [1, 2, 3, 4]
    assert ids([f"s3a://{bucket}/events/top.json", f"s3a://{bucket}/events/2024-01-02"]) == [0, 3]
    with pytest.raises(AnalysisException, match="PATH_NOT_FOUND"):
        spark.read.json(f"s3a://{bucket}/events/2023-*").collect()


def test_listing_goes_through_every_page(spark, s3, bucket):
    for i in range(45):
        s3.put(bucket, f"many/{i:03d}.csv", f"{i}\n")
    s3.put(bucket, "many/sub/x.csv", "99\n")
    spark.conf.set("spark.hadoop.fs.s3a.paging.maximum", "10")  # S3's own limit is 1000 keys a page
    try:
        assert sorted(int(r[0]) for r in spark.read.csv(f"s3a://{bucket}/many").collect()) == list(range(45))
        assert spark.read.csv(f"s3a://{bucket}/many/0[1-2]*.csv").count() == 20
        assert spark.read.csv(f"s3a://{bucket}/many/*/*.csv").count() == 1
    finally:
        spark.conf.unset("spark.hadoop.fs.s3a.paging.maximum")


def test_save_modes_and_manifest_commit(spark, s3, bucket):
    path = f"s3a://{bucket}/out"
    spark.createDataFrame([(1,), (2,)], "x int").write.json(path)
    first = s3.committed_keys(bucket, "out/")
    with pytest.raises(AnalysisException, match="PATH_ALREADY_EXISTS"):
        spark.createDataFrame([(9,)], "x int").write.json(path)
    spark.createDataFrame([(9,)], "x int").write.mode("ignore").json(path)
    assert sorted(r.x for r in spark.read.json(path).collect()) == [1, 2]

    spark.createDataFrame([(3,)], "x int").write.mode("append").json(path)
    assert sorted(r.x for r in spark.read.json(path).collect()) == [1, 2, 3]
    assert set(first) < set(s3.committed_keys(bucket, "out/"))

    spark.createDataFrame([(4,), (5,)], "x int").coalesce(1).write.mode("overwrite").json(path)
    assert sorted(r.x for r in spark.read.json(path).collect()) == [4, 5]
    committed = s3.committed_keys(bucket, "out/")
    # The replaced files are gone; what remains is the new files, the manifest and _SUCCESS.
    assert s3.keys(bucket, "out/") == sorted(committed + ["out/_SUCCESS", "out/_ember_manifest"])
    assert b"".join(s3.get(bucket, k) for k in committed).decode().split() == ['{"x":4}', '{"x":5}']


def test_files_of_an_uncommitted_job_stay_invisible(spark, s3, bucket):
    path = f"s3a://{bucket}/t"
    spark.createDataFrame([(1,)], "x int").write.parquet(path)
    # What a job killed before its commit leaves behind: a complete part file under its own id.
    orphan = [k for k in s3.keys(bucket, "t/") if k.endswith(".parquet")][0]
    s3.put(bucket, orphan.replace("part-00000-", "part-00007-").replace("-c000", "-c001"), s3.get(bucket, orphan))
    assert spark.read.parquet(path).count() == 1
    assert spark.read.parquet(f"s3a://{bucket}/t/*.parquet").count() == 1
    spark.createDataFrame([(2,)], "x int").write.mode("overwrite").parquet(path)
    assert [r.x for r in spark.read.parquet(path).collect()] == [2]
    assert len([k for k in s3.keys(bucket, "t/") if k.endswith(".parquet")]) == 1  # the orphan is cleaned up


def test_failed_job_leaves_the_old_output(spark, s3, bucket):
    path = f"s3a://{bucket}/keep"
    spark.createDataFrame([(1,)], "x int").write.parquet(path)
    before = s3.keys(bucket, "keep/")
    with pytest.raises(Exception):
        spark.range(3).selectExpr("assert_true(id < 1) AS a").write.mode("overwrite").parquet(path)
    assert [r.x for r in spark.read.parquet(path).collect()] == [1]
    assert s3.keys(bucket, "keep/") == before


def test_credentials_and_endpoint_from_the_environment(spark, server, monkeypatch):
    server.make_bucket("env-bucket")
    server.put("env-bucket", "d/a.csv", "1\n2\n")
    for name, value in server.environment().items():
        monkeypatch.setenv(name, value)
    assert spark.read.csv("s3://env-bucket/d").count() == 2
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "nobody")
    with pytest.raises(Exception, match="InvalidAccessKeyId"):
        spark.read.csv("s3://env-bucket/d").count()


def test_session_settings_win_over_the_environment(spark, s3, monkeypatch):
    s3.make_bucket("conf-bucket")
    s3.put("conf-bucket", "d/a.csv", "1\n")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "nobody")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong")
    assert spark.read.csv("s3a://conf-bucket/d").count() == 1
    # Plain fs.s3a.* keys (SparkSession.builder.config("fs.s3a.access.key", ...)) count too.
    spark.conf.unset("spark.hadoop.fs.s3a.access.key")
    spark.conf.set("fs.s3a.access.key", "someone")
    with pytest.raises(Exception, match="InvalidAccessKeyId"):
        spark.read.csv("s3a://conf-bucket/d").count()


def test_anonymous_requests_are_unsigned(spark, s3, bucket, proxy):
    s3.put(bucket, "public/a.csv", "1\n")
    spark.conf.set("spark.hadoop.fs.s3a.aws.credentials.provider",
                   "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider")
    try:
        assert spark.read.csv(f"s3a://{bucket}/public").count() == 1  # s3rver serves anyone
    finally:
        spark.conf.unset("spark.hadoop.fs.s3a.aws.credentials.provider")
    assert proxy.requests and not any("Authorization" in headers for headers in proxy.headers)


def test_virtual_host_addressing(spark, s3):
    s3.make_bucket("vhost-bucket")
    spark.conf.set("spark.hadoop.fs.s3a.endpoint", f"http://s3.localhost:{s3.port}")
    spark.conf.set("spark.hadoop.fs.s3a.path.style.access", "false")
    spark.createDataFrame([(1, "a")], "x int, y string").write.csv("s3a://vhost-bucket/v")
    assert [tuple(r) for r in spark.read.csv("s3a://vhost-bucket/v").collect()] == [("1", "a")]
    assert s3.keys("vhost-bucket", "v/")  # boto3, path style, sees what went through the vhost


@pytest.fixture
def proxy(spark, s3):
    """A recording proxy in front of the server, as the session's endpoint."""
    recorder = RecordingProxy(s3)
    spark.conf.set("spark.hadoop.fs.s3a.endpoint", recorder.endpoint)
    spark.conf.set("spark.hadoop.fs.s3a.retry.interval", "10ms")
    yield recorder
    recorder.stop()


def test_large_file_goes_up_in_parts(spark, s3, bucket, proxy):
    spark.conf.set("spark.hadoop.fs.s3a.multipart.size", "5m")
    df = spark.range(0, 700000).selectExpr("id", "sha2(CAST(id AS STRING), 256) AS h")
    df.coalesce(1).write.csv(f"s3a://{bucket}/large")
    [key] = s3.committed_keys(bucket, "large/")
    size = s3.client.head_object(Bucket=bucket, Key=key)["ContentLength"]
    assert size > 3 * 5 * 1024 * 1024
    parts = [path for method, path in proxy.requests if method == "PUT" and "partNumber=" in path]
    assert len(parts) == -(-size // (5 << 20))
    assert any(method == "POST" and path.endswith("?uploads=") or path.endswith("?uploads")
               for method, path in proxy.requests)
    assert not proxy.bad_signatures
    lines = s3.get(bucket, key).decode().splitlines()
    assert sorted(int(line.split(",")[0]) for line in lines) == list(range(700000))
    assert spark.read.csv(f"s3a://{bucket}/large").count() == 700000


def test_every_request_is_signed_as_botocore_signs_it(spark, s3, bucket, proxy):
    # Keys with characters that need encoding in the canonical URI.
    spark.createDataFrame([(1, "a b")], "x int, y string").write.json(f"s3a://{bucket}/signed dir/x=1")
    assert spark.read.json(f"s3a://{bucket}/signed dir/x=1").count() == 1
    assert len(proxy.requests) > 5 and not proxy.bad_signatures


def test_throttling_and_server_errors_are_retried(spark, s3, bucket, proxy):
    s3.put(bucket, "r/a.json", '{"x": 1}\n')
    proxy.failures_left = 3
    assert [r.x for r in spark.read.json(f"s3a://{bucket}/r").collect()] == [1]
    assert proxy.failures_left == 0 and len(proxy.requests) > 3


def test_unreachable_endpoints(spark, s3):
    from s3_server import free_port
    spark.conf.set("spark.hadoop.fs.s3a.endpoint", f"http://127.0.0.1:{free_port()}")  # nobody listens
    spark.conf.set("spark.hadoop.fs.s3a.retry.limit", "2")
    spark.conf.set("spark.hadoop.fs.s3a.retry.interval", "10ms")
    with pytest.raises(Exception, match="Cannot reach S3 at http://127.0.0.1"):
        spark.read.json("s3a://any-bucket/x").collect()
    # A host that cannot resolve fails at once, without the (default, long) retries.
    spark.conf.unset("spark.hadoop.fs.s3a.retry.limit")
    spark.conf.unset("spark.hadoop.fs.s3a.retry.interval")
    spark.conf.set("spark.hadoop.fs.s3a.endpoint", "http://no-such-host.invalid")
    with pytest.raises(Exception, match="no-such-host.invalid"):
        spark.read.json("s3a://any-bucket/x").collect()


def test_missing_bucket_and_key(spark, s3, bucket):
    with pytest.raises(AnalysisException, match=r"PATH_NOT_FOUND.*s3a://no-such-bucket/x"):
        spark.read.json("s3a://no-such-bucket/x").collect()
    with pytest.raises(AnalysisException, match=rf"PATH_NOT_FOUND.*s3://{bucket}/nothing/here.json"):
        spark.read.json(f"s3://{bucket}/nothing/here.json").collect()


def test_planning_reuses_the_listing(spark, s3, bucket, proxy):
    for i in range(6):
        s3.put(bucket, f"few/{i}.json", json.dumps({"i": i}) + "\n")
    assert spark.read.schema("i long").json(f"s3a://{bucket}/few").count() == 6
    heads = [path for method, path in proxy.requests if method == "HEAD"]
    assert heads == [f"/{bucket}/few"]  # the directory itself; each file's size came from the listing
    reads = [path for method, path in proxy.requests if method == "GET" and "list-type" not in path]
    assert sorted(reads) == [f"/{bucket}/few/{i}.json" for i in range(6)]


def test_external_tables_on_s3(spark, s3, bucket, tmp_path):
    location = f"s3a://{bucket}/tables/t"
    spark.sql(f"CREATE TABLE s3_t (x INT, s STRING) USING parquet LOCATION '{location}'")
    try:
        spark.sql("INSERT INTO s3_t VALUES (1, 'a'), (2, 'b')")
        spark.sql("INSERT INTO s3_t VALUES (3, 'c')")
        assert sorted(tuple(r) for r in spark.table("s3_t").collect()) == [(1, "a"), (2, "b"), (3, "c")]
        spark.sql("INSERT OVERWRITE s3_t VALUES (4, 'd')")
        assert [tuple(r) for r in spark.table("s3_t").collect()] == [(4, "d")]
        assert len(s3.committed_keys(bucket, "tables/t/")) == 1
        assert spark.sql("DESCRIBE TABLE EXTENDED s3_t").filter("col_name = 'Location'").first()[1] == location
    finally:
        spark.sql("DROP TABLE IF EXISTS s3_t")
    assert s3.keys(bucket, "tables/t/")  # dropping an external table keeps its data

    spark.range(3).write.option("path", f"s3a://{bucket}/tables/u").saveAsTable("s3_u")
    try:
        spark.range(5).selectExpr("id", "id * 2 AS twice").write.mode("overwrite").option(
            "path", f"s3a://{bucket}/tables/u").saveAsTable("s3_u")
        assert spark.table("s3_u").columns == ["id", "twice"]
        assert sorted(r.twice for r in spark.table("s3_u").collect()) == [0, 2, 4, 6, 8]
    finally:
        spark.sql("DROP TABLE IF EXISTS s3_u")


def test_commits_see_files_in_sub_directories(spark, s3, bucket):
    # A layout written by another tool: files at the top and in partition directories.
    s3.put(bucket, "nest/top.json", '{"x": 0}\n')
    s3.put(bucket, "nest/k=1/a.json", '{"x": 1}\n')
    s3.put(bucket, "nest/k=2/b.json", '{"x": 2}\n')
    path = f"s3a://{bucket}/nest"
    spark.createDataFrame([(3,)], "x int").coalesce(1).write.mode("append").json(path)
    manifest = s3.committed_keys(bucket, "nest/")
    assert "nest/k=1/a.json" in manifest and "nest/k=2/b.json" in manifest and "nest/top.json" in manifest
    # Partition directories make it partitioned data: as in Spark, the files at the top are no part of it.
    assert sorted((r.x, r.k) for r in spark.read.json(path).collect()) == [(1, 1), (2, 2)]
    spark.createDataFrame([(4,)], "x int").coalesce(1).write.mode("overwrite").json(path)
    [part] = s3.committed_keys(bucket, "nest/")
    assert s3.keys(bucket, "nest/") == sorted([part, "nest/_SUCCESS", "nest/_ember_manifest"])


def test_partitioned_output_follows_the_root_manifest(spark, s3, bucket):
    path = f"s3a://{bucket}/parts"
    spark.createDataFrame([(1, "a"), (2, "b")], "x int, k string").write.partitionBy("k").parquet(path)
    assert sorted(tuple(r) for r in spark.read.parquet(path).collect()) == [(1, "a"), (2, "b")]
    # A file no commit named (a job in progress or killed) stays invisible in its partition.
    [committed] = [key for key in s3.committed_keys(bucket, "parts/") if key.startswith("parts/k=a/")]
    s3.put(bucket, "parts/k=a/part-99999-stray.parquet", s3.get(bucket, committed))
    assert sorted(tuple(r) for r in spark.read.parquet(path).collect()) == [(1, "a"), (2, "b")]
