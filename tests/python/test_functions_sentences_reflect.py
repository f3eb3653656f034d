"""sentences (word lists per sentence, compared with a plain-Python split of simple texts) and
reflect / java_method / try_reflect (no JVM: Spark's class-not-found analysis error)."""

import re

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import functions as F

TEXTS = ["Red fox runs. Blue sky!", "Why now? Because", "one", "Tabs\tand  spaces here."]


def python_sentences(text):
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text) if p]
    return [re.findall(r"[A-Za-z0-9]+", p) for p in parts]


def test_sentences_of_plain_texts(spark):
    df = spark.createDataFrame([(t,) for t in TEXTS] + [(None,)], "s STRING")
    got = [r[0] for r in df.select(F.sentences("s")).collect()]
    assert got == [python_sentences(t) for t in TEXTS] + [None]
    assert df.select(F.sentences("s", F.lit("en"), F.lit("US"))).dtypes[0][1] == "array<array<string>>"


@pytest.mark.parametrize("function", [F.reflect, F.java_method, F.try_reflect])
def test_reflect_finds_no_class(spark, function):
    with pytest.raises(AnalysisException, match="UNEXPECTED_CLASS_TYPE"):
        spark.range(1).select(function(F.lit("java.util.UUID"), F.lit("randomUUID"))).collect()
