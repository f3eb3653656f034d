"""histogram_numeric against a plain-Python streaming histogram (sorted bins, an equal x adds to
its bin, past nb bins the closest adjacent pair merges into its weighted mean, ties broken by
java.util.Random(31183) re-implemented here), over one partition so the insertion order is
the rows' order."""

import random

from pyspark.sql import functions as F

from java_random_reference import JavaRandom


def python_histogram(values, nb):
    bins, rng = [], JavaRandom(31183)
    for v in values:
        xs = [b[0] for b in bins]
        if v in xs:
            bins[xs.index(v)][1] += 1
            continue
        bins.append([v, 1.0])
        bins.sort(key=lambda b: b[0])
        while len(bins) > nb:
            smallest, where, ties = bins[1][0] - bins[0][0], 0, 1
            for i in range(1, len(bins) - 1):
                diff = bins[i + 1][0] - bins[i][0]
                if diff < smallest:
                    smallest, where, ties = diff, i, 1
                elif diff == smallest:
                    ties += 1
                    if rng.next_double() <= 1.0 / ties:
                        where = i
            left, right = bins[where], bins[where + 1]
            total = left[1] + right[1]
            bins[where] = [left[0] * (left[1] / total) + right[0] / total * right[1], total]
            del bins[where + 1]
    return [(x, y) for x, y in bins]


def test_doubles_and_ties(spark):
    rng = random.Random(3)
    values = [float(rng.randrange(0, 50)) for _ in range(400)]
    df = spark.createDataFrame([(v,) for v in values], "v DOUBLE").coalesce(1)
    got = df.select(F.histogram_numeric("v", F.lit(7)).alias("h")).first().h
    assert [(r.x, r.y) for r in got] == python_histogram(values, 7)


def test_integer_input_keeps_its_type(spark):
    values = [1, 2, 4, 8, 16, 32]
    df = spark.createDataFrame([(v,) for v in values], "v INT").coalesce(1)
    got = df.select(F.histogram_numeric("v", 3).alias("h")).first().h
    assert [(r.x, r.y) for r in got] == [(int(x), y) for x, y in python_histogram(values, 3)]
