#!/usr/bin/env python3
"""Benchmark: the boundary between Python and the engine, against the physical limit measured in
the same process (the same data copied by pandas/numpy).

  - createDataFrame(pdf).count() of ROWS x 4 columns (int64, float64, string, timestamp) vs
    pdf.copy(deep=True);
  - toPandas() of that DataFrame vs the same copy;
  - spark.range(RANGE).selectExpr("sum(id)") vs numpy.arange(RANGE).sum();
  - a pandas UDF `s + 1` over UDF_ROWS doubles (summed by the engine) vs pandas' `s + 1` over the
    same column (summed by pandas);
  - a row-at-a-time udf `x + 1` over ROW_UDF_ROWS doubles, in rows per second;
  - peak RSS of the createDataFrame + toPandas round trip (a fresh process) vs the frame's size.

Times are the median of the runs, with a local[THREADS] session.

    bench/python_boundary.py [--rows 10000000] [--range 100000000] [--udf-rows 10000000]
                             [--row-udf-rows 1000000] [--threads 2] [--runs 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))


def make_frame(rows):
    import numpy as np
    import pandas as pd
    ids = np.arange(rows, dtype=np.int64)
    return pd.DataFrame({
        "id": ids,
        "value": np.random.default_rng(1).random(rows),
        "name": pd.Series(ids % 100_000).map(lambda i: "customer-%06d" % i).to_numpy(dtype=object),
        "ts": pd.Timestamp("2024-01-01") + pd.to_timedelta(ids, unit="s"),
    })


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def session(threads):
    import ember
    ember.activate()
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master("local[%d]" % threads)
            .config("spark.sql.session.timeZone", "UTC").getOrCreate())


def rss_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def round_trip_memory(rows, threads):
    """Runs in a fresh process: the frame's size and the round trip's peak RSS above the process
    before the frame existed."""
    spark = session(threads)
    spark.range(1).toPandas()  # engine and pandas loaded before the baseline
    baseline = rss_mb("VmRSS")
    pdf = make_frame(rows)
    frame_mb = pdf.memory_usage(deep=True).sum() / 2 ** 20
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # resets VmHWM to the current RSS
    out = spark.createDataFrame(pdf).toPandas()
    assert len(out) == rows
    return {"frame_mb": frame_mb, "peak_mb": rss_mb("VmHWM") - baseline}


def pandas_udf_times(spark, rows, runs):
    """A pandas UDF `s + 1` over `rows` doubles summed by the engine, and pandas' own `s + 1`
    summed by pandas, over the same values."""
    import numpy as np
    import pandas as pd
    from pyspark.sql import functions as F

    @F.pandas_udf("double")
    def plus_one(s: pd.Series) -> pd.Series:
        return s + 1

    values = pd.Series(np.random.default_rng(2).random(rows))
    df = spark.createDataFrame(pd.DataFrame({"x": values}))
    query = df.select(F.sum(plus_one("x")))
    expected = (values + 1).sum()
    assert abs(query.collect()[0][0] - expected) < 1e-6 * rows
    return (median_time(lambda: query.collect(), runs),
            median_time(lambda: (values + 1).sum(), runs))


def row_udf_time(spark, rows, runs):
    import numpy as np
    import pandas as pd
    from pyspark.sql import functions as F
    plus_one = F.udf(lambda x: x + 1, "double")
    df = spark.createDataFrame(pd.DataFrame({"x": np.random.default_rng(3).random(rows)}))
    query = df.select(F.sum(plus_one("x")))
    return median_time(lambda: query.collect(), runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--range", type=int, default=100_000_000)
    parser.add_argument("--udf-rows", type=int, default=10_000_000)
    parser.add_argument("--row-udf-rows", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        print(json.dumps(round_trip_memory(args.rows, args.threads)))
        return

    import numpy as np
    spark = session(args.threads)
    pdf = make_frame(args.rows)
    copy_s = median_time(lambda: pdf.copy(deep=True), args.runs)
    create_s = median_time(lambda: spark.createDataFrame(pdf).count(), args.runs)
    df = spark.createDataFrame(pdf)
    to_pandas_s = median_time(df.toPandas, args.runs)
    out = df.toPandas()
    assert out.equals(pdf), "the round trip changed the frame"
    del out, df
    arange_s = median_time(lambda: np.arange(args.range).sum(), args.runs)
    expected = args.range * (args.range - 1) // 2
    range_s = median_time(
        lambda: spark.range(args.range).selectExpr("sum(id)").collect()[0][0] == expected,
        args.runs)
    assert spark.range(args.range).selectExpr("sum(id)").collect()[0][0] == expected

    udf_s, pandas_s = pandas_udf_times(spark, args.udf_rows, args.runs)
    row_udf_s = row_udf_time(spark, args.row_udf_rows, args.runs)

    child = subprocess.run([sys.executable, __file__, "--memory-child", "--rows", str(args.rows),
                            "--threads", str(args.threads)],
                           check=True, capture_output=True, text=True)
    memory = json.loads(child.stdout.strip().splitlines()[-1])

    rows = [
        ("createDataFrame(pdf).count()", create_s, "pdf.copy(deep=True)", copy_s, 3),
        ("df.toPandas()", to_pandas_s, "pdf.copy(deep=True)", copy_s, 3),
        ("range(%d) sum(id)" % args.range, range_s, "numpy.arange(..).sum()", arange_s, 2),
        ("pandas UDF s + 1, %d doubles" % args.udf_rows, udf_s, "pandas s + 1", pandas_s, 2),
    ]
    print("| operation | Ember (s) | limit | limit (s) | ratio | goal |")
    print("|---|---:|---|---:|---:|---:|")
    for name, ember_s, limit_name, limit_s, goal in rows:
        print("| %s | %.3f | %s | %.3f | %.2fx | <= %dx |"
              % (name, ember_s, limit_name, limit_s, ember_s / limit_s, goal))
    print("| row-at-a-time udf x + 1, %d doubles | %.3f | %.0f rows/s | | | reported |"
          % (args.row_udf_rows, row_udf_s, args.row_udf_rows / row_udf_s))
    print("| round-trip peak RSS above baseline | %.0f MB | frame size | %.0f MB | %.2fx | <= 3x |"
          % (memory["peak_mb"], memory["frame_mb"], memory["peak_mb"] / memory["frame_mb"]))


if __name__ == "__main__":
    main()
