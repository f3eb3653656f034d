"""session_window in groupBy: sessions recomputed in plain Python (per key, events sorted by
time; an event joins the open session when it starts at or before that session's end, which is
the latest event time + gap), with constant and per-row gaps."""

import datetime
import random

from pyspark.sql import functions as F


def python_sessions(events, gap_of):
    by_key = {}
    for key, t in events:
        if t is not None and gap_of(key) > datetime.timedelta(0):
            by_key.setdefault(key, []).append(t)
    sessions = []
    for key, times in by_key.items():
        times.sort()
        start, end, count = None, None, 0
        for t in times:
            if start is not None and t <= end:
                end, count = max(end, t + gap_of(key)), count + 1
                continue
            if start is not None:
                sessions.append((key, start, end, count))
            start, end, count = t, t + gap_of(key), 1
        sessions.append((key, start, end, count))
    return sorted(sessions)


def events():
    rng = random.Random(7)
    base = datetime.datetime(2024, 3, 1, 8, 0, 0)
    rows = [(rng.choice("xyz"), base + datetime.timedelta(seconds=rng.randrange(0, 4 * 3600))) for _ in range(300)]
    return rows + [("x", None)]


def collect(df):
    return sorted((r.k, r.session_window.start, r.session_window.end, r.n) for r in df.collect())


def test_constant_gap(spark):
    rows = events()
    df = spark.createDataFrame(rows, "k STRING, t TIMESTAMP")
    got = collect(df.groupBy("k", F.session_window("t", "4 minutes")).agg(F.count("*").alias("n")))
    assert got == python_sessions(rows, lambda k: datetime.timedelta(minutes=4))


def test_gap_per_row(spark):
    rows = events()
    gaps = {"x": "2 minutes", "y": "10 minutes", "z": "0 seconds"}
    df = spark.createDataFrame(rows, "k STRING, t TIMESTAMP")
    gap = F.when(F.col("k") == "x", "2 minutes").when(F.col("k") == "y", "10 minutes").otherwise("0 seconds")
    got = collect(df.groupBy("k", F.session_window("t", gap)).agg(F.count("*").alias("n")))
    minutes = {k: int(v.split()[0]) * (1 if "minute" in v else 0) for k, v in gaps.items()}
    assert got == python_sessions(rows, lambda k: datetime.timedelta(minutes=minutes[k]))
