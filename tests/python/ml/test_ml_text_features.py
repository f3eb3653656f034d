"""Tokenizer, RegexTokenizer, StopWordsRemover, NGram, HashingTF, CountVectorizer and IDF: each
output checked against plain Python (Java's split rules, a MurmurHash3 written here) and
scikit-learn (murmurhash3_32, CountVectorizer, TfidfTransformer), params, errors and save/load."""

import json
import math
import os
import re
import struct
from collections import Counter

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import (
    CountVectorizer, CountVectorizerModel, HashingTF, IDF, IDFModel, NGram, RegexTokenizer,
    StopWordsRemover, Tokenizer,
)
from pyspark.ml.linalg import SparseVector

TEXTS = [" Hi  I heard about Spark ", "I wish Java could use case classes",
         "Logistic regression models are neat", "", "spark SPARK Spark, spark!", None,
         "naïve café über Straße", "a b c d e f g"]


@pytest.fixture
def texts(spark):
    return spark.createDataFrame([(i, t) for i, t in enumerate(TEXTS)], "id int, text string")


def column(df, name):
    return [r[name] for r in df.orderBy("id").collect()]


def java_split(s, pattern):
    """Java's String.split(pattern): a zero-width match at the start gives no empty first part,
    trailing empty parts are dropped unless nothing matched. Java's \\s and \\w are ASCII."""
    parts, index, matched = [], 0, False
    for m in re.finditer(pattern, s, re.ASCII):
        if m.start() == 0 and m.end() == 0:
            continue
        parts.append(s[index:m.start()])
        index, matched = m.end(), True
    parts.append(s[index:])
    while matched and parts and parts[-1] == "":
        parts.pop()
    return parts


def test_tokenizer(texts):
    out = Tokenizer(inputCol="text", outputCol="words").transform(texts)
    expected = [None if t is None else java_split(t.lower(), r"\s") for t in TEXTS]
    assert column(out, "words") == expected
    assert expected[0][0] == "" and expected[3] == [""]  # leading whitespace; the empty string


@pytest.mark.parametrize("pattern,gaps,min_length,lower", [
    (r"\s+", True, 1, True), (r"[\s,!]+", True, 2, False), (r"\w+", False, 1, True),
    (r"[a-z]{3,}", False, 4, False), (r"\s", True, 0, True)])
def test_regex_tokenizer(texts, pattern, gaps, min_length, lower):
    tokenizer = RegexTokenizer(inputCol="text", outputCol="words", pattern=pattern, gaps=gaps,
                               minTokenLength=min_length, toLowercase=lower)
    out = tokenizer.transform(texts)
    expected = []
    for t in TEXTS:
        if t is None:
            expected.append(None)
            continue
        s = t.lower() if lower else t
        tokens = java_split(s, pattern) if gaps else re.findall(pattern, s, re.ASCII)
        expected.append([w for w in tokens if len(w) >= min_length])
    assert column(out, "words") == expected


def test_regex_tokenizer_params():
    tokenizer = RegexTokenizer()
    assert (tokenizer.getPattern(), tokenizer.getGaps(), tokenizer.getMinTokenLength(),
            tokenizer.getToLowercase()) == (r"\s+", True, 1, True)
    assert tokenizer.setMinTokenLength(3).getMinTokenLength() == 3


def test_tokenizer_rejects_non_strings(spark):
    df = spark.createDataFrame([(1,)], "x int")
    with pytest.raises(IllegalArgumentException, match="string"):
        Tokenizer(inputCol="x", outputCol="y").transform(df)


STOP = StopWordsRemover.loadDefaultStopWords("english")


def test_default_stop_words():
    assert len(STOP) == len(set(STOP)) == 181
    assert STOP[:4] == ["i", "me", "my", "myself"] and STOP[-1] == "would"
    assert "won't" in STOP and "won" not in STOP
    assert StopWordsRemover().getStopWords() == STOP
    assert StopWordsRemover().getCaseSensitive() is False
    with pytest.raises(ValueError):
        StopWordsRemover.loadDefaultStopWords("klingon")


def test_stop_words_remover(spark):
    rows = [(0, ["I", "saw", "the", "red", None, "balloon", "THE"]), (1, ["Mary", "had", "a"]),
            (2, []), (3, None)]
    df = spark.createDataFrame(rows, "id int, raw array<string>")
    out = column(StopWordsRemover(inputCol="raw", outputCol="f").transform(df), "f")
    assert out == [None if r is None else [w for w in r if w is None or w.lower() not in STOP]
                   for _, r in rows]
    assert out[0] == ["saw", "red", None, "balloon"]
    sensitive = StopWordsRemover(inputCol="raw", outputCol="f", caseSensitive=True,
                                 stopWords=["the", "Mary"])
    assert column(sensitive.transform(df), "f")[:2] == [
        ["I", "saw", "red", None, "balloon", "THE"], ["had", "a"]]
    several = StopWordsRemover(inputCols=["raw", "raw"], outputCols=["f1", "f2"],
                               stopWords=["saw"])
    got = several.transform(df).orderBy("id").collect()[0]
    assert got.f1 == got.f2 == ["I", "the", "red", None, "balloon", "THE"]


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_ngram(spark, n):
    rows = [(0, ["a", "b", "c", "d"]), (1, ["x"]), (2, []), (3, None), (4, list("spark"))]
    df = spark.createDataFrame(rows, "id int, words array<string>")
    out = column(NGram(n=n, inputCol="words", outputCol="grams").transform(df), "grams")
    assert out == [None if w is None else [" ".join(w[i:i + n]) for i in range(len(w) - n + 1)]
                   for _, w in rows]


def test_ngram_validates(spark):
    df = spark.createDataFrame([(["a"],)], "w array<string>")
    assert NGram().getN() == 2
    with pytest.raises(IllegalArgumentException):
        NGram(n=0, inputCol="w", outputCol="g").transform(df)


def murmur3_32(data, seed):
    """MurmurHash3_x86_32 of bytes, as a signed 32-bit int."""
    mask = 0xFFFFFFFF

    def rotl(x, r):
        return ((x << r) | (x >> (32 - r))) & mask

    def mix(k):
        return (rotl((k * 0xCC9E2D51) & mask, 15) * 0x1B873593) & mask

    h = seed
    whole = len(data) // 4 * 4
    for (k,) in struct.iter_unpack("<I", data[:whole]):
        h = (rotl(h ^ mix(k), 13) * 5 + 0xE6546B64) & mask
    tail = int.from_bytes(data[whole:], "little")
    if len(data) > whole:
        h ^= mix(tail)
    h ^= len(data)
    h = ((h ^ (h >> 16)) * 0x85EBCA6B) & mask
    h = ((h ^ (h >> 13)) * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h - (1 << 32) if h >= 1 << 31 else h


def test_murmur3_matches_scikit_learn():
    from sklearn.utils import murmurhash3_32
    for word in ["", "a", "ab", "abc", "abcd", "spark", "naïve café", "Straße über"]:
        assert murmur3_32(word.encode(), 42) == murmurhash3_32(word, seed=42)


def hashed(words, n, binary):
    counts = Counter()
    for w in words:
        i = murmur3_32(w.encode("utf-8"), 42) % n  # Python's % is already non-negative
        counts[i] = 1.0 if binary else counts[i] + 1.0
    return SparseVector(n, dict(counts))


@pytest.mark.parametrize("n,binary", [(1 << 18, False), (16, False), (7, True), (1, False)])
def test_hashing_tf(texts, n, binary):
    words = Tokenizer(inputCol="text", outputCol="words").transform(texts)
    tf = HashingTF(inputCol="words", outputCol="tf", numFeatures=n, binary=binary)
    out = tf.transform(words).orderBy("id").collect()
    for row in out:
        if row.words is None:
            assert row.tf is None
        else:
            assert row.tf == hashed(row.words, n, binary)


def test_hashing_tf_index_of(spark):
    from sklearn.utils import murmurhash3_32
    tf = HashingTF(numFeatures=1000)
    for term in ["spark", "a", "naïve", ""]:
        assert tf.indexOf(term) == murmurhash3_32(term, seed=42) % 1000


def test_hashing_tf_params_and_save(spark, tmp_path):
    tf = HashingTF(inputCol="w", outputCol="v")
    assert (tf.getNumFeatures(), tf.getBinary()) == (262144, False)
    path = str(tmp_path / "htf")
    tf.setNumFeatures(32).setBinary(True).save(path)
    meta = json.loads(open(os.path.join(path, "metadata", "part-00000")).readline())
    assert meta["class"] == "org.apache.spark.ml.feature.HashingTF"
    assert meta["paramMap"]["numFeatures"] == 32
    loaded = HashingTF.load(path)
    assert (loaded.getNumFeatures(), loaded.getBinary(), loaded.uid) == (32, True, tf.uid)
    df = spark.createDataFrame([(["x", "y", "x"],)], "w array<string>")
    assert loaded.transform(df).head().v == hashed(["x", "y", "x"], 32, True)


DOCS = [["a", "b", "c", "a"], ["a", "b", "b"], ["c", "d"], ["a"], [], ["e", "a", "b", "f"]]


@pytest.fixture
def docs(spark):
    return spark.createDataFrame(list(enumerate(DOCS)), "id int, words array<string>")


def expected_vocabulary(docs, vocab_size=1 << 18, min_df=None, max_df=None):
    tf = Counter(w for d in docs for w in d)
    df = Counter(w for d in docs for w in set(d))
    m = len(docs)
    lo = 1 if min_df is None else (min_df if min_df >= 1 else min_df * m)
    hi = 2 ** 63 if max_df is None else (max_df if max_df >= 1 else max_df * m)
    words = [w for w in tf if lo <= df[w] <= hi]
    return sorted(words, key=lambda w: (-tf[w], w))[:vocab_size]


@pytest.mark.parametrize("kwargs", [{}, {"vocabSize": 3}, {"minDF": 2.0}, {"minDF": 0.5},
                                    {"maxDF": 2.0}, {"maxDF": 0.4, "minDF": 0.1}])
def test_count_vectorizer_vocabulary(docs, kwargs):
    model = CountVectorizer(inputCol="words", outputCol="v", **kwargs).fit(docs)
    assert model.vocabulary == expected_vocabulary(
        DOCS, kwargs.get("vocabSize", 1 << 18), kwargs.get("minDF"), kwargs.get("maxDF"))


def test_count_vectorizer_counts_match_scikit_learn(docs):
    from sklearn.feature_extraction.text import CountVectorizer as SkCountVectorizer
    model = CountVectorizer(inputCol="words", outputCol="v").fit(docs)
    vocabulary = model.vocabulary
    assert vocabulary[:3] == ["a", "b", "c"]
    sk = SkCountVectorizer(analyzer=lambda d: d, vocabulary=vocabulary).fit_transform(DOCS)
    got = [r.v.toArray() for r in model.transform(docs).orderBy("id").collect()]
    assert np.array_equal(np.array(got), sk.toarray().astype(float))


@pytest.mark.parametrize("min_tf,binary", [(2.0, False), (0.5, False), (1.0, True),
                                           (0.3, True)])
def test_count_vectorizer_model_min_tf_binary(docs, min_tf, binary):
    vocabulary = ["a", "b", "c", "d"]
    model = CountVectorizerModel.from_vocabulary(vocabulary, inputCol="words", outputCol="v",
                                                 minTF=min_tf, binary=binary)
    for row in model.transform(docs).orderBy("id").collect():
        counts = Counter(w for w in row.words if w in vocabulary)
        threshold = min_tf if min_tf >= 1 else min_tf * len(row.words)
        expected = {vocabulary.index(w): (1.0 if binary else float(c))
                    for w, c in counts.items() if c >= threshold}
        assert row.v == SparseVector(len(vocabulary), expected)


def test_count_vectorizer_errors_and_save(spark, docs, tmp_path):
    estimator = CountVectorizer(inputCol="words", outputCol="v")
    assert (estimator.getVocabSize(), estimator.getMinDF(), estimator.getMaxDF(),
            estimator.getMinTF(), estimator.getBinary()) == (262144, 1.0, float(2 ** 63 - 1), 1.0, False)
    with pytest.raises(IllegalArgumentException, match="maxDF must be >= minDF"):
        CountVectorizer(inputCol="words", outputCol="v", minDF=3.0, maxDF=2.0).fit(docs)
    with pytest.raises(IllegalArgumentException, match="array<string>"):
        CountVectorizer(inputCol="id", outputCol="v").fit(docs)
    model = estimator.setVocabSize(4).fit(docs)
    path = str(tmp_path / "cv")
    model.save(path)
    data = spark.read.parquet(os.path.join(path, "data"))
    assert data.columns == ["vocabulary"] and data.head()[0] == model.vocabulary
    loaded = CountVectorizerModel.load(path)
    assert loaded.vocabulary == model.vocabulary and loaded.getVocabSize() == 4
    assert column(loaded.transform(docs), "v") == column(model.transform(docs), "v")


def test_idf_matches_scikit_learn(docs):
    from sklearn.feature_extraction.text import TfidfTransformer
    counts = CountVectorizer(inputCol="words", outputCol="tf").fit(docs).transform(docs)
    model = IDF(inputCol="tf", outputCol="tfidf").fit(counts)
    dense = np.array([r.tf.toArray() for r in counts.orderBy("id").collect()])
    sk = TfidfTransformer(smooth_idf=True, norm=None).fit(dense)
    # scikit-learn's smoothed idf is ln((1 + n) / (1 + df)) + 1; Spark's leaves out the + 1
    assert np.allclose(model.idf.toArray(), sk.idf_ - 1.0, rtol=1e-15, atol=0)
    assert model.numDocs == len(DOCS)
    assert model.docFreq == [int(c) for c in (dense > 0).sum(axis=0)]
    got = np.array([r.tfidf.toArray() for r in model.transform(counts).orderBy("id").collect()])
    assert np.allclose(got, dense * (sk.idf_ - 1.0), rtol=1e-15, atol=0)
    assert isinstance(model.transform(counts).head().tfidf, SparseVector)


def test_idf_min_doc_freq_and_save(spark, docs, tmp_path):
    counts = CountVectorizer(inputCol="words", outputCol="tf").fit(docs).transform(docs)
    model = IDF(inputCol="tf", outputCol="tfidf", minDocFreq=2).fit(counts)
    m = len(DOCS)
    expected = [math.log((m + 1) / (df + 1)) if df >= 2 else 0.0 for df in model.docFreq]
    assert model.idf.toArray().tolist() == expected
    assert IDF().getMinDocFreq() == 0
    path = str(tmp_path / "idf")
    model.save(path)
    data = spark.read.parquet(os.path.join(path, "data"))
    assert sorted(data.columns) == ["docFreq", "idf", "numDocs"]
    loaded = IDFModel.load(path)
    assert loaded.idf == model.idf and loaded.docFreq == model.docFreq and loaded.numDocs == m
    assert column(loaded.transform(counts), "tfidf") == column(model.transform(counts), "tfidf")


def test_text_pipeline_save_load(texts, tmp_path):
    pipeline = Pipeline(stages=[
        RegexTokenizer(inputCol="text", outputCol="words", pattern=r"\W+"),
        StopWordsRemover(inputCol="words", outputCol="kept"),
        NGram(n=2, inputCol="kept", outputCol="grams"),
        HashingTF(inputCol="kept", outputCol="tf", numFeatures=64),
        IDF(inputCol="tf", outputCol="tfidf")])
    model = pipeline.fit(texts.filter("text IS NOT NULL"))
    path = str(tmp_path / "text_pipeline")
    model.save(path)
    loaded = PipelineModel.load(path)
    for name in ["words", "kept", "grams", "tf", "tfidf"]:
        assert column(loaded.transform(texts), name) == column(model.transform(texts), name)
