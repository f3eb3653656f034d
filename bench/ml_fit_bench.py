"""fit time of LogisticRegression and RandomForestClassifier on Ember against scikit-learn on the
same data in the same run: 1M rows of 10 features from sklearn's make_classification (seeded),
80% to train, 20% held out for the accuracy of each model. Ember runs local[2]; scikit-learn's
forest uses n_jobs=2, its logistic regression lbfgs. Times are the median of the runs.

    /usr/bin/python3 bench/ml_fit_bench.py [--rows 1000000] [--runs 3]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

import ember  # noqa: E402

ember.activate()

from pyspark.ml.classification import LogisticRegression, RandomForestClassifier  # noqa: E402
from pyspark.ml.feature import VectorAssembler  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402
from sklearn.ensemble import RandomForestClassifier as SkForest  # noqa: E402
from sklearn.linear_model import LogisticRegression as SkLogistic  # noqa: E402


def timed(runs, fit):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fit()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    x, y = make_classification(n_samples=args.rows, n_features=10, n_informative=6,
                               random_state=0)
    split = int(args.rows * 0.8)
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    names = ["f%d" % i for i in range(10)]
    pdf = pd.DataFrame(x, columns=names)
    pdf["label"] = y.astype(float)
    assembler = VectorAssembler(inputCols=names, outputCol="features")
    frame = assembler.transform(spark.createDataFrame(pdf)).select("features", "label")
    train = frame.limit(split).cache()
    test = frame.offset(split).cache()
    train.count(), test.count()

    def accuracy(model):
        rows = model.transform(test).select("prediction", "label").toPandas()
        return float((rows["prediction"] == rows["label"]).mean())

    reg = 0.01
    results = []
    seconds, model = timed(args.runs, lambda: LogisticRegression(regParam=reg).fit(train))
    theirs_seconds, theirs = timed(args.runs, lambda: SkLogistic(
        C=1.0 / (reg * split), max_iter=1000).fit(x[:split], y[:split]))
    results.append(("LogisticRegression", seconds, accuracy(model), theirs_seconds,
                    theirs.score(x[split:], y[split:])))
    seconds, model = timed(args.runs, lambda: RandomForestClassifier(
        numTrees=20, maxDepth=5, seed=1).fit(train))
    theirs_seconds, theirs = timed(args.runs, lambda: SkForest(
        n_estimators=20, max_depth=5, n_jobs=2, random_state=0).fit(x[:split], y[:split]))
    results.append(("RandomForestClassifier (20 trees, depth 5)", seconds, accuracy(model),
                    theirs_seconds, theirs.score(x[split:], y[split:])))
    print("| model | Ember fit (s) | accuracy | scikit-learn fit (s) | accuracy | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, ours, ours_accuracy, sk, sk_accuracy in results:
        print("| %s | %.2f | %.4f | %.2f | %.4f | %.2fx |" % (name, ours, ours_accuracy, sk,
                                                          sk_accuracy, ours / sk))
    spark.stop()


if __name__ == "__main__":
    main()
