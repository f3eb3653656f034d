"""Word2Vec: the vocabulary, determinism by seed, transform as the average of the word vectors
(checked in plain Python), synonyms on a corpus of two unrelated topics, params and errors, save
and load in Spark's layout, and serving as the batch transform does."""
import json
import math
import os
import random

import pytest

from ember.ml import serving
from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import Tokenizer, Word2Vec, Word2VecModel
from pyspark.ml.linalg import DenseVector, SparseVector

ANIMALS = ["cat", "dog", "pet", "fur"]
VEHICLES = ["car", "bus", "road", "wheel"]


def corpus(seed=3, documents=300):
    """Documents each of one topic's words (shuffled) and two "the"s."""
    rng = random.Random(seed)
    docs = []
    for i in range(documents):
        words = list(ANIMALS if i % 2 else VEHICLES)
        rng.shuffle(words)
        docs.append(words + ["the", "the"])
    return docs


@pytest.fixture(scope="module")
def frame(spark):
    return spark.createDataFrame([(d,) for d in corpus()], "text array<string>").repartition(3)


@pytest.fixture(scope="module")
def model(frame):
    return Word2Vec(vectorSize=8, minCount=1, seed=42, maxIter=5, numPartitions=2,
                    inputCol="text", outputCol="vec").fit(frame)


def vectors_of(model):
    return {row["word"]: list(row["vector"]) for row in model.getVectors().collect()}


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def test_vocabulary_and_vector_size(spark, model):
    vectors = vectors_of(model)
    assert set(vectors) == set(ANIMALS + VEHICLES + ["the"])
    assert all(len(v) == 8 for v in vectors.values())
    assert model.getVectors().schema.simpleString() == "struct<word:string,vector:vector>"
    # minCount drops the rarer words: "rare" twice, "once" once
    docs = spark.createDataFrame([(["a", "rare", "a"],), (["rare", "a", "once"],)],
                                 "t array<string>")
    small = Word2Vec(vectorSize=3, minCount=2, inputCol="t", seed=1).fit(docs)
    assert sorted(vectors_of(small)) == ["a", "rare"]


def test_same_seed_gives_the_same_vectors(frame, model):
    again = Word2Vec(vectorSize=8, minCount=1, seed=42, maxIter=5, numPartitions=2,
                     inputCol="text", outputCol="vec").fit(frame)
    assert vectors_of(again) == vectors_of(model)
    other = Word2Vec(vectorSize=8, minCount=1, seed=7, maxIter=5, numPartitions=2,
                     inputCol="text").fit(frame)
    assert vectors_of(other) != vectors_of(model)


def test_transform_averages_the_word_vectors(spark, model):
    vectors = vectors_of(model)
    docs = [["cat", "road", "unknown"], ["the"], [], ["bus", "bus", "fur", None]]
    frame = spark.createDataFrame([(i, d) for i, d in enumerate(docs)] + [(9, None)],
                                  "id int, text array<string>")
    result = {row["id"]: row["vec"] for row in model.transform(frame).collect()}
    for i, doc in enumerate(docs):
        if not doc:
            assert result[i] == SparseVector(8, [], [])
            continue
        total = [0.0] * 8
        for word in doc:
            for k, x in enumerate(vectors.get(word, [0.0] * 8)):
                total[k] += x
        expected = [x * (1.0 / len(doc)) for x in total]  # words outside the vocabulary count
        assert isinstance(result[i], DenseVector)
        assert list(result[i]) == pytest.approx(expected, rel=1e-12, abs=1e-15)
    assert result[9] is None


def test_synonyms_come_from_the_same_topic(model):
    vectors = vectors_of(model)
    for word, same, other in (("cat", ANIMALS, VEHICLES), ("car", VEHICLES, ANIMALS)):
        found = model.findSynonymsArray(word, 2)
        assert [w for w, _ in found] and all(w in same and w != word for w, _ in found)
        for w, similarity in found:
            assert similarity == pytest.approx(cosine(vectors[word], vectors[w]), rel=1e-6)
        # every word of its topic is closer than any word of the other
        ranked = [w for w, _ in model.findSynonymsArray(word, 8)]
        assert word not in ranked
        assert max(ranked.index(w) for w in same if w != word) < min(ranked.index(w) for w in other)
    frame = model.findSynonyms("dog", 3)
    assert frame.columns == ["word", "similarity"]
    rows = frame.collect()
    assert [tuple(r) for r in rows] == model.findSynonymsArray("dog", 3)
    # a vector query keeps the word itself, the closest to its own vector
    assert model.findSynonymsArray(DenseVector(vectors["bus"]), 1)[0][0] == "bus"
    with pytest.raises(SparkRuntimeException, match="zebra not in vocabulary"):
        model.findSynonymsArray("zebra", 2)


def test_params_and_errors(spark, frame):
    w2v = Word2Vec(inputCol="text")
    assert (w2v.getVectorSize(), w2v.getMinCount(), w2v.getNumPartitions(), w2v.getStepSize(),
            w2v.getMaxIter(), w2v.getWindowSize(), w2v.getMaxSentenceLength()) == (
        100, 5, 1, 0.025, 1, 5, 1000)
    assert "maxSentenceLength" in w2v.explainParams()
    w2v.setVectorSize(4).setWindowSize(2).setMaxSentenceLength(3).setMinCount(1).setSeed(5)
    model = w2v.fit(frame)
    assert model.getVectorSize() == 4 and model.getWindowSize() == 2
    with pytest.raises(IllegalArgumentException, match="vocabulary size should be > 0"):
        Word2Vec(inputCol="text", minCount=10 ** 6).fit(frame)
    numbers = spark.createDataFrame([(1,)], "text int")
    with pytest.raises(IllegalArgumentException, match="array<string>"):
        Word2Vec(inputCol="text").fit(numbers)
    with pytest.raises(IllegalArgumentException, match="vectorSize"):
        Word2Vec(inputCol="text", vectorSize=0).fit(frame)


def test_save_and_load_in_sparks_layout(spark, model, tmp_path):
    path = str(tmp_path / "w2v")
    model.write().overwrite().save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        metadata = json.loads(f.readline())
    assert metadata["class"] == "org.apache.spark.ml.feature.Word2VecModel"
    assert metadata["paramMap"]["vectorSize"] == 8
    data = spark.read.parquet(os.path.join(path, "data"))
    assert data.schema.simpleString() == "struct<word:string,vector:array<float>>"
    loaded = Word2VecModel.load(path)
    assert vectors_of(loaded) == vectors_of(model)
    assert loaded.uid == model.uid and loaded.getOutputCol() == "vec"
    docs = spark.createDataFrame([(["cat", "bus"],), (["x"],)], "text array<string>")
    assert loaded.transform(docs).collect() == model.transform(docs).collect()
    assert loaded.findSynonymsArray("cat", 3) == model.findSynonymsArray("cat", 3)


def test_served_as_the_batch_transform(spark, tmp_path):
    train = spark.createDataFrame([(" ".join(d),) for d in corpus(documents=60)], "line string")
    pipeline = Pipeline(stages=[Tokenizer(inputCol="line", outputCol="words"),
                                Word2Vec(vectorSize=5, minCount=1, seed=3, inputCol="words",
                                         outputCol="vec")]).fit(train)
    path = str(tmp_path / "model")
    pipeline.write().save(path)
    scorer = serving.load(path)
    assert scorer.outputs == ["words", "vec"]
    lines = ["cat dog the", "bus unknown", "", "CAR road road"]
    batch = PipelineModel.load(path).transform(spark.createDataFrame([(x,) for x in lines],
                                                                     "line string")).collect()
    served = scorer.transform_rows([{"line": x} for x in lines])
    for row, result in zip(batch, served):
        assert result["vec"] == row["vec"] and type(result["vec"]) is type(row["vec"])
        assert [float(x).hex() for x in result["vec"].toArray()] == [
            float(x).hex() for x in row["vec"].toArray()]
    # the array of words itself as the input
    direct = Pipeline(stages=[Word2Vec(vectorSize=4, minCount=1, seed=3, inputCol="text",
                                       outputCol="vec")]).fit(
        spark.createDataFrame([(d,) for d in corpus(documents=40)], "text array<string>"))
    direct.write().save(str(tmp_path / "direct"))
    scorer = serving.load(str(tmp_path / "direct"))
    expected = direct.transform(
        spark.createDataFrame([(["cat", "car"],)], "text array<string>")).head()
    assert scorer.transform_row({"text": ["cat", "car"]})["vec"] == expected["vec"]
