#!/usr/bin/env python3
"""Runs TPC-H queries on Ember through the PySpark API and prints one JSON line per query (the
protocol in harness.py). The timed span is `spark.sql(text).collect()`: parsing, planning,
execution over the Parquet files and collecting the rows, nothing of the process start-up. The
environment variable EMBER_TPCH_DRIVER_MEMORY, when set, is the session's spark.driver.memory.

    ember_runner.py DATA_DIR 1,3,5 RUNS THREADS [QUERIES_DIR]
"""
import datetime
import decimal
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "python"))
sys.path.insert(0, HERE)

import ember  # noqa: E402

ember.activate()

import harness  # noqa: E402


def to_json(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def session(threads):
    from pyspark.sql import SparkSession
    builder = (SparkSession.builder.master(f"local[{threads}]").appName("ember-tpch")
               .config("spark.sql.session.timeZone", "UTC"))
    if os.environ.get("EMBER_TPCH_DRIVER_MEMORY"):  # a memory budget (run.py --ember-memory)
        builder = builder.config("spark.driver.memory", os.environ["EMBER_TPCH_DRIVER_MEMORY"])
    return builder.getOrCreate()


def register(spark, data):
    for table in harness.TABLES:
        spark.read.parquet(os.path.join(data, table)).createOrReplaceTempView(table)


def describe(df, rows):
    """The result object of the protocol: Spark type names (simpleString) and JSON values."""
    fields = df.schema.fields
    return {"names": [f.name for f in fields],
            "types": [f.dataType.simpleString() for f in fields],
            "rows": [[to_json(v) for v in row] for row in rows]}


def main():
    data, queries, runs, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    folder = sys.argv[5] if len(sys.argv) > 5 else harness.QUERIES_DIR
    spark = session(threads)
    register(spark, data)
    for q in (int(x) for x in queries.split(",")):
        text = harness.query_text(q, folder)
        try:
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                df = spark.sql(text)
                rows = df.collect()
                times.append(time.perf_counter() - start)
                print(json.dumps({"query": q, "run": len(times), "time": times[-1]}), flush=True)
            result = describe(df, rows)
            result.update(query=q, times=times)
        except Exception as e:  # noqa: BLE001 - reported per query, the others still run
            result = {"query": q, "error": f"{type(e).__name__}: {e}".splitlines()[0][:500]}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
