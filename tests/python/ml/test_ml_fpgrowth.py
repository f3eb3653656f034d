"""FPGrowth: frequent itemsets, association rules (confidence, lift, support) and predictions
against a brute-force count of every subset of every transaction in plain Python; string and
integer items, params, save/load in Spark's layout and errors."""

import itertools
import json
import math
import os
import random

import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml.fpm import FPGrowth, FPGrowthModel


def transactions(seed, count, universe):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        size = rng.randint(1, 6)
        # skewed item popularity, so that itemsets of several sizes are frequent
        items = set()
        while len(items) < size:
            items.add(universe[min(int(rng.expovariate(0.35)), len(universe) - 1)])
        out.append(sorted(items))
    return out


def brute_force(baskets, min_support):
    counts = {}
    for basket in baskets:
        for size in range(1, len(basket) + 1):
            for subset in itertools.combinations(sorted(basket), size):
                counts[frozenset(subset)] = counts.get(frozenset(subset), 0) + 1
    min_count = math.ceil(min_support * len(baskets))
    return {s: n for s, n in counts.items() if n >= min_count}


def brute_rules(frequent, n, min_confidence):
    rules = {}
    for itemset, freq in frequent.items():
        for consequent in itemset:
            if len(itemset) < 2:
                continue
            antecedent = itemset - {consequent}
            confidence = freq / frequent[antecedent]
            if confidence >= min_confidence:
                lift = confidence / (frequent[frozenset([consequent])] / n)
                rules[(antecedent, consequent)] = (confidence, lift, freq / n)
    return rules


@pytest.mark.parametrize("universe", [list("abcdefghij"), list(range(100, 112))])
@pytest.mark.parametrize("min_support,min_confidence", [(0.1, 0.5), (0.25, 0.8), (0.05, 0.0)])
def test_against_brute_force(spark, universe, min_support, min_confidence):
    baskets = transactions(len(universe), 120, universe)
    df = spark.createDataFrame([(i, b) for i, b in enumerate(baskets)] + [(999, None)],
                               ["id", "items"])
    model = FPGrowth(minSupport=min_support, minConfidence=min_confidence).fit(df)
    frequent = brute_force(baskets, min_support)
    found = {frozenset(r.items): r.freq for r in model.freqItemsets.collect()}
    assert found == frequent
    assert max(len(s) for s in found) >= 3
    rules = {(frozenset(r.antecedent), r.consequent[0]): (r.confidence, r.lift, r.support)
             for r in model.associationRules.collect()}
    expected_rules = brute_rules(frequent, len(baskets), min_confidence)
    assert rules.keys() == expected_rules.keys()
    for key, values in expected_rules.items():
        assert rules[key] == pytest.approx(values, rel=1e-12)
    out = model.transform(df).orderBy("id").collect()
    for row in out:
        basket = set(row["items"] or [])
        expected = {c for (a, c) in expected_rules if row["items"] is not None and a <= basket}
        assert set(row.prediction) == expected - basket
        assert len(row.prediction) == len(set(row.prediction))


def test_params_save_load(spark, tmp_path):
    fp = FPGrowth()
    assert (fp.getMinSupport(), fp.getMinConfidence(), fp.getItemsCol(),
            fp.getPredictionCol()) == (0.3, 0.8, "items", "prediction")
    assert not fp.isSet(fp.numPartitions)
    baskets = transactions(3, 60, list("pqrstu"))
    df = spark.createDataFrame([(b,) for b in baskets], ["basket"])
    model = FPGrowth(itemsCol="basket", minSupport=0.2, minConfidence=0.6).fit(df)
    path = str(tmp_path / "fp")
    model.save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        metadata = json.loads(f.readline())
    assert metadata["class"] == "org.apache.spark.ml.fpm.FPGrowthModel"
    assert metadata["numTrainingRecords"] == 60
    assert spark.read.parquet(os.path.join(path, "data")).columns == ["items", "freq"]
    loaded = FPGrowthModel.load(path)
    assert sorted(map(tuple, loaded.freqItemsets.collect())) == sorted(
        map(tuple, model.freqItemsets.collect()))
    assert sorted(map(tuple, loaded.associationRules.collect())) == sorted(
        map(tuple, model.associationRules.collect()))
    assert loaded.transform(df).collect() == model.transform(df).collect()
    # a lower minConfidence on the model gives more rules
    assert loaded.setMinConfidence(0.0).associationRules.count() > model.associationRules.count()
    FPGrowth(minSupport=0.7, itemsCol="basket").save(str(tmp_path / "estimator"))
    assert FPGrowth.load(str(tmp_path / "estimator")).getMinSupport() == 0.7


def test_errors(spark):
    duplicated = spark.createDataFrame([(["a", "b", "a"],)], ["items"])
    with pytest.raises(SparkRuntimeException,
                       match=r"Items in a transaction must be unique but got ArraySeq\(a, b, a\)"):
        FPGrowth().fit(duplicated)
    with pytest.raises(IllegalArgumentException, match="must be ArrayType"):
        FPGrowth(itemsCol="x").fit(spark.createDataFrame([(1,)], ["x"]))
    with pytest.raises(IllegalArgumentException, match="minSupport must be in"):
        FPGrowth(minSupport=1.5).fit(duplicated)
    # nothing frequent: empty itemsets and rules, empty predictions
    model = FPGrowth(minSupport=1.0).fit(spark.createDataFrame([(["a"],), (["b"],)], ["items"]))
    assert model.freqItemsets.count() == 0 and model.associationRules.count() == 0
    assert [r.prediction for r in model.transform(
        spark.createDataFrame([(["a"],)], ["items"])).collect()] == [[]]
