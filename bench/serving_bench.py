"""Serving latency: a saved StringIndexer + VectorAssembler + StandardScaler + LogisticRegression
pipeline scored one row at a time in process (ember.ml.serving) and over HTTP on loopback
(`bin/ember serve`, a keep-alive connection from http.client, whose own time is included).
Checks first that serving scores every row bit for bit as the batch transform of the reloaded
model does. Goals: in-process p50 under 50 us per row, HTTP p99 under 2 ms.

    /usr/bin/python3 bench/serving_bench.py [--rows 20000] [--http-rows 5000]
"""
import argparse
import http.client
import json
import os
import random
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

import ember  # noqa: E402

ember.activate()

from ember.ml import serving  # noqa: E402
from pyspark.ml import Pipeline, PipelineModel  # noqa: E402
from pyspark.ml.classification import LogisticRegression  # noqa: E402
from pyspark.ml.feature import StandardScaler, StringIndexer, VectorAssembler  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

TIERS = ["free", "starter", "pro", "team", "enterprise"]


def make_rows(count, seed):
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        tier = rng.choice(TIERS)
        events = rng.randint(0, 500)
        areas = rng.randint(0, 8)
        days = rng.randint(0, 90)
        margin = 0.01 * events + 0.3 * areas - 0.05 * days + TIERS.index(tier) * 0.2 - 1
        rows.append((i, tier, events, areas, days, 1.0 if rng.random() < 1 / (1 + 2.718 ** margin) else 0.0))
    return rows


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(p / 100.0 * len(sorted_values)))]


def bits(row, columns):
    out = []
    for name in columns:
        value = row[name]
        values = value.toArray() if hasattr(value, "toArray") else [value]
        out.append([struct.pack("<d", float(v)) for v in values])
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000, help="single-row calls in process")
    parser.add_argument("--http-rows", type=int, default=5000, help="single-row HTTP requests")
    args = parser.parse_args()

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    schema = "user_id int, plan_tier string, event_count int, product_area_count int, " \
             "days_since_last_event int, label double"
    train = spark.createDataFrame(make_rows(5000, 1), schema)
    pipeline = Pipeline(stages=[
        StringIndexer(inputCol="plan_tier", outputCol="plan_tier_index"),
        VectorAssembler(inputCols=["event_count", "product_area_count", "days_since_last_event",
                                   "plan_tier_index"], outputCol="features"),
        StandardScaler(inputCol="features", outputCol="scaled", withMean=True),
        LogisticRegression(featuresCol="scaled", regParam=0.01)])
    folder = tempfile.mkdtemp(prefix="ember-serving-bench-")
    try:
        path = os.path.join(folder, "model")
        pipeline.fit(train).write().save(path)
        pool_frame = spark.createDataFrame(make_rows(1000, 2), schema)
        pool = [r.asDict() for r in pool_frame.collect()]
        scorer = serving.load(path)

        # bit for bit against the batch transform
        batch = {r["user_id"]: r for r in PipelineModel.load(path).transform(pool_frame).collect()}
        served = scorer.transform_rows(pool)
        same = sum(bits(s, scorer.outputs) == bits(batch[s["user_id"]], scorer.outputs)
                   for s in served)
        print("bit-identical to batch transform: %d of %d rows" % (same, len(pool)))

        for row in pool[:2000]:  # warm up
            scorer.transform_row(row)
        times = []
        clock = time.perf_counter_ns
        for i in range(args.rows):
            row = pool[i % len(pool)]
            start = clock()
            scorer.transform_row(row)
            times.append(clock() - start)
        times.sort()
        single_rate = 1e9 * len(times) / sum(times)
        start = time.perf_counter()
        batches = max(1, args.rows // 100)
        for i in range(batches):
            scorer.transform_rows(pool[(i % 10) * 100:(i % 10) * 100 + 100])
        batch_rate = batches * 100 / (time.perf_counter() - start)

        port = free_port()
        server = subprocess.Popen([os.path.join(ROOT, "bin", "ember"), "serve", path,
                                   "--port", str(port)], stdout=subprocess.PIPE, text=True)
        try:
            server.stdout.readline()
            connection = http.client.HTTPConnection("127.0.0.1", port)
            bodies = [json.dumps({k: v for k, v in r.items() if k != "label"}).encode() for r in pool]
            headers = {"Content-Type": "application/json"}
            http_times = []
            for i in range(args.http_rows + 500):
                start = clock()
                connection.request("POST", "/transform", bodies[i % len(bodies)], headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise SystemExit("HTTP %d" % response.status)
                if i >= 500:  # after warm-up
                    http_times.append(clock() - start)
            connection.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
        http_times.sort()

        print()
        print("| path | p50 (us) | p99 (us) | rows/s |")
        print("|---|---:|---:|---:|")
        print("| transform_row, in process | %.1f | %.1f | %.0f |" % (
            percentile(times, 50) / 1e3, percentile(times, 99) / 1e3, single_rate))
        print("| transform_rows, batches of 100 | | | %.0f |" % batch_rate)
        print("| HTTP POST /transform, one row, loopback | %.1f | %.1f | %.0f |" % (
            percentile(http_times, 50) / 1e3, percentile(http_times, 99) / 1e3,
            1e9 * len(http_times) / sum(http_times)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        spark.stop()


if __name__ == "__main__":
    main()
