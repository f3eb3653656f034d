#!/usr/bin/env python3
"""Writes the fuzz targets' seed files into tests/fuzz/seeds/<format>: small CSV and JSON files
covering the readers' syntax, and Parquet files from DuckDB (codecs, dictionary on and off, page
v2 with its DELTA encodings, nested types) and from Ember (every type it writes). Run once after
`make release`; the seeds are committed so fuzz runs need neither."""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "tests", "fuzz", "seeds")

CSV = {
    "header_types.csv": "id,price,day,ts,flag,name\n1,2.50,2024-01-05,2024-01-05 10:00:00,true,ann\n"
                        "-7,1e3,1999-12-31,2000-01-01T00:00:00Z,false,\"b,o\"\"b\"\n,,,,,\n",
    "quoted_multiline.csv": "a,b\n\"line one\nline two\",3\n\"x\"\"y\",\"\"\n\"open,4\n",
    "comments_nulls.csv": "# comment\n5,NA\n6,\\N\n\n7,seven,extra\n8\n",
    "numbers.csv": "1,2.5,NaN,Infinity,-Infinity,12345678901234567890,1.2.3\n0x10,+4,-0,1e-310,9.99\n",
    "crlf.csv": "a,b\r\n1,2\r\n3,\"4\r\n5\"\r\n",
}
JSON = {
    "flat.json": '{"a":1,"b":2.5,"c":"x","d":true,"e":null}\n{"a":-3,"b":1e300,"c":"\\u00e9\\n","d":false}\n',
    "nested.json": '{"a":{"b":[1,2,{"c":"d"}]},"m":{"k":1}}\n[{"a":{"b":[]}},{"m":{}}]\n',
    "types.json": '{"d":"2024-01-05","t":"2024-01-05T10:00:00.123+02:00","n":12345678901234567890,'
                  '"x":"AAEC","f":1.5}\n{"d":"05/01/2024","t":1700000000,"n":1.25e2,"x":"@@"}\n',
    "malformed.json": '{"a":1}\n{"a":\n not json\n{"a":"\\ud800"}\n{"a":[1,2}\n\n',
}


def write_text_seeds():
    for folder, files in (("csv", CSV), ("json", JSON)):
        os.makedirs(os.path.join(SEEDS, folder), exist_ok=True)
        for name, text in files.items():
            with open(os.path.join(SEEDS, folder, name), "w", newline="") as f:
                f.write(text)


DUCKDB_TABLE = """SELECT i::INTEGER AS n, (i * 1234567)::BIGINT AS l, i % 2 = 0 AS b,
  (i / 3)::DOUBLE AS d, (i / 7)::FLOAT AS f, 'v' || (i % 3) AS s, ('x' || i)::BLOB AS bl,
  DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) HOUR AS ts,
  (i * 1.25)::DECIMAL(9,2) AS d9, (i * 10.5)::DECIMAL(18,3) AS d18, (i * 7)::DECIMAL(30,4) AS d30,
  [i, i + 1] AS li, {'x': i, 'y': 's' || i} AS st, MAP {'k' || i: i} AS mp,
  CASE WHEN i % 4 = 1 THEN NULL ELSE i END AS nul
FROM range(12) t(i)"""


def write_parquet_seeds():
    folder = os.path.join(SEEDS, "parquet")
    os.makedirs(folder, exist_ok=True)
    node = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")
    variants = [("snappy", "true", 1), ("gzip", "false", 1), ("zstd", "true", 2),
                ("uncompressed", "false", 2), ("lz4_raw", "true", 1)]
    for codec, dictionary, version in variants:
        path = os.path.join(folder, "duckdb_%s_dict_%s_v%d.parquet" % (codec, dictionary, version))
        options = "FORMAT parquet, COMPRESSION %s, PARQUET_VERSION v%d, ROW_GROUP_SIZE 5%s" % (
            codec, version, "" if dictionary == "true" else ", DICTIONARY_SIZE_LIMIT 1")
        subprocess.run(["node", node, "COPY (%s) TO '%s' (%s)" % (DUCKDB_TABLE, path, options)],
                       check=True, cwd=os.path.dirname(node), stdout=subprocess.DEVNULL)
    sys.path.insert(0, os.path.join(ROOT, "python"))
    import ember
    ember.activate()
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    df = spark.sql("""SELECT CAST(id AS TINYINT) t, CAST(id AS SMALLINT) sm, CAST(id AS INT) i, id l,
        CAST(id AS FLOAT) f, CAST(id AS DOUBLE) d, CAST(id AS STRING) s, CAST(CAST(id AS STRING) AS BINARY) bi,
        DATE'2024-01-01' + CAST(id AS INT) dt, timestamp_seconds(1704067200 + id * 3600) ts,
        CAST(id AS DECIMAL(9,2)) d9, CAST(id AS DECIMAL(30,4)) d30, array(id, id + 1) a,
        named_struct('x', id, 'y', CAST(id AS STRING)) st, map(CAST(id AS STRING), id) m,
        IF(id % 3 = 0, NULL, id) n FROM range(10)""")
    for codec in ("snappy", "none"):
        with tempfile.TemporaryDirectory() as out:
            df.coalesce(1).write.option("compression", codec).parquet(os.path.join(out, "t"))
            part = [f for f in os.listdir(os.path.join(out, "t")) if f.endswith(".parquet")][0]
            os.replace(os.path.join(out, "t", part), os.path.join(folder, "ember_%s.parquet" % codec))
    spark.stop()


if __name__ == "__main__":
    write_text_seeds()
    write_parquet_seeds()
