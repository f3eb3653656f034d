"""Word2Vec of pyspark.ml.feature: skip-gram with hierarchical softmax, as Spark trains it.

The vocabulary (the words seen at least minCount times, by decreasing count) is one engine
aggregate grouped by word. The sentences are spread over numPartitions partitions in a fixed order
and collected per partition once (cached); each of maxIter iterations is one engine job in which
ml_word2vec_train trains each partition's copy of the model over its sentences, and the driver
averages each vector over the partitions that changed it. Word2VecModel's transform is the engine
function ml_word2vec_average, which the serving runtime calls too."""

import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml.base import Estimator, Model
from pyspark.ml.linalg import DenseVector, Vector, VectorUDT
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasInputCol, HasMaxIter, HasOutputCol, HasSeed, HasStepSize
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, StringType


class _Word2VecParams(HasStepSize, HasMaxIter, HasSeed, HasInputCol, HasOutputCol):
    vectorSize = Param(Params._dummy(), "vectorSize",
                       "the dimension of codes after transforming from words",
                       typeConverter=TypeConverters.toInt)
    numPartitions = Param(Params._dummy(), "numPartitions",
                          "number of partitions for sentences of words",
                          typeConverter=TypeConverters.toInt)
    minCount = Param(Params._dummy(), "minCount",
                     "the minimum number of times a token must appear to be included in the "
                     "word2vec model's vocabulary", typeConverter=TypeConverters.toInt)
    windowSize = Param(Params._dummy(), "windowSize",
                       "the window size (context words from [-window, window]). Default value "
                       "is 5", typeConverter=TypeConverters.toInt)
    maxSentenceLength = Param(Params._dummy(), "maxSentenceLength",
                              "Maximum length (in words) of each sentence in the input data. Any "
                              "sentence longer than this threshold will be divided into chunks up "
                              "to the size.", typeConverter=TypeConverters.toInt)

    def __init__(self):
        super().__init__()
        self._setDefault(vectorSize=100, minCount=5, numPartitions=1, stepSize=0.025, maxIter=1,
                         windowSize=5, maxSentenceLength=1000)

    def getVectorSize(self):
        return self.getOrDefault(self.vectorSize)

    def getNumPartitions(self):
        return self.getOrDefault(self.numPartitions)

    def getMinCount(self):
        return self.getOrDefault(self.minCount)

    def getWindowSize(self):
        return self.getOrDefault(self.windowSize)

    def getMaxSentenceLength(self):
        return self.getOrDefault(self.maxSentenceLength)

    def _check_input(self, dataset):
        data_type = fu.column_type(dataset, self.getInputCol())
        fu.require(isinstance(data_type, ArrayType) and isinstance(data_type.elementType,
                                                                   StringType),
                   "Column %s must be of type equal to one of the following types: "
                   "[array<string>, array<string>] but was actually of type %s."
                   % (self.getInputCol(), data_type.simpleString()))


class Word2Vec(_Word2VecParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Learns a vector of vectorSize for each word of the vocabulary (skip-gram, hierarchical
    softmax); the model maps a document to the average of its words' vectors."""

    @keyword_only
    def __init__(self, *, vectorSize=100, minCount=5, numPartitions=1, stepSize=0.025, maxIter=1,
                 seed=None, inputCol=None, outputCol=None, windowSize=5, maxSentenceLength=1000):
        super().__init__()
        self._set(**{k: v for k, v in self._input_kwargs.items() if v is not None or k != "seed"})

    @keyword_only
    def setParams(self, *, vectorSize=100, minCount=5, numPartitions=1, stepSize=0.025,
                  maxIter=1, seed=None, inputCol=None, outputCol=None, windowSize=5,
                  maxSentenceLength=1000):
        return self._set(**{k: v for k, v in self._input_kwargs.items()
                            if v is not None or k != "seed"})

    def setVectorSize(self, value):
        return self._set(vectorSize=value)

    def setNumPartitions(self, value):
        return self._set(numPartitions=value)

    def setMinCount(self, value):
        return self._set(minCount=value)

    def setWindowSize(self, value):
        return self._set(windowSize=value)

    def setMaxSentenceLength(self, value):
        return self._set(maxSentenceLength=value)

    def _fit(self, dataset):
        size, partitions = self.getVectorSize(), self.getNumPartitions()
        for name, value, low in (("vectorSize", size, 1), ("numPartitions", partitions, 1),
                                 ("windowSize", self.getWindowSize(), 1),
                                 ("maxSentenceLength", self.getMaxSentenceLength(), 1),
                                 ("minCount", self.getMinCount(), 0),
                                 ("maxIter", self.getMaxIter(), 0)):
            fu.require(value >= low, "%s must be >= %d but was %s" % (name, low, value))
        fu.require(self.getStepSize() > 0, "stepSize must be > 0")
        self._check_input(dataset)
        terms = dataset.select(F.col(self.getInputCol()).alias("terms"))
        words, counts = _vocabulary(terms, self.getMinCount())
        fu.require(len(words) > 0, "The vocabulary size should be > 0. You may need to check the "
                   "setting of minCount, which could be large enough to remove all your words in "
                   "sentences.")
        fu.require(len(words) * size < 2 ** 31 - 1, "The vocabulary size (%d) times the vector "
                   "size (%d) must be below Int.MaxValue" % (len(words), size))
        seed = self.getSeed()
        init = np.random.RandomState(seed & 0xFFFFFFFF)
        syn0 = (init.random_sample((len(words), size)) - 0.5) / size
        syn1 = np.zeros((len(words), size))
        # the sentences in a fixed order on each partition, whatever the input's partitioning
        sentences = (terms.filter(F.col("terms").isNotNull())
                     .withColumn("seq", F.monotonically_increasing_id())
                     .repartition(partitions, "seq").sortWithinPartitions("seq")
                     .groupBy(F.spark_partition_id().alias("part"))
                     .agg(F.collect_list("terms").alias("sentences")).cache())
        counts_text = fu.doubles_text(counts)
        for iteration in range(1, self.getMaxIter() + 1):
            config = fu.doubles_text([size, self.getWindowSize(), self.getStepSize(), iteration,
                                      self.getMaxIter(), partitions, self.getMaxSentenceLength()])
            step = fu.engine_call("ml_word2vec_train", config, str(seed), counts_text,
                                  fu.doubles_text(np.concatenate([syn0.ravel(), syn1.ravel()])),
                                  F.col("part"), F.col("sentences"), *words)
            rows = sentences.select(step).collect()
            syn0, syn1 = _average([row[0] for row in rows if row[0]], syn0, syn1)
        sentences.unpersist()
        model = Word2VecModel(words, syn0.astype(np.float32))
        model._resetUid(self.uid)
        return self._copyValues(model)


def _vocabulary(terms, min_count):
    """The words seen at least min_count times and their counts, by decreasing count (ties by
    the word)."""
    rows = (terms.select(F.explode("terms").alias("word")).filter(F.col("word").isNotNull())
            .groupBy("word").count().filter(F.col("count") >= min_count)
            .orderBy(F.col("count").desc(), F.col("word")).collect())
    return [r[0] for r in rows], [r[1] for r in rows]


def _average(results, syn0, syn1):
    """The model after one iteration: each vector a partition changed, averaged over the
    partitions that changed it (ml_word2vec_train's lists of index, values)."""
    words, size = syn0.shape
    sums = np.zeros((2 * words, size))
    times = np.zeros(2 * words)
    for values in results:
        entries = np.asarray(values).reshape(-1, size + 1)
        index = entries[:, 0].astype(np.int64)
        sums[index] += entries[:, 1:]
        times[index] += 1
    model = np.concatenate([syn0, syn1])
    changed = times > 0
    model[changed] = sums[changed] / times[changed][:, None]
    return model[:words], model[words:]


class Word2VecModel(_Word2VecParams, Model, DefaultParamsWritable, DefaultParamsReadable):
    """The fitted Word2Vec: a float vector per vocabulary word. transform gives each document
    (an array of words) the average of its words' vectors, words outside the vocabulary counting
    as zero vectors, and an empty document the zero vector."""

    def __init__(self, words=None, vectors=None):
        super().__init__()
        self._words = list(words or [])
        self._vectors = (np.asarray(vectors, dtype=np.float32) if vectors is not None
                         else np.zeros((0, 0), dtype=np.float32))
        self._index = {w: i for i, w in enumerate(self._words)}

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def copy(self, extra=None):
        that = super().copy(extra)
        that._words, that._vectors, that._index = self._words, self._vectors, self._index
        return that

    def getVectors(self):
        """A DataFrame of word (string) and vector (its vector)."""
        from pyspark.ml.util import _session
        from pyspark.sql.types import StructField, StructType
        schema = StructType([StructField("word", StringType(), True),
                             StructField("vector", VectorUDT(), True)])
        rows = [(w, DenseVector(v.astype(np.float64))) for w, v in zip(self._words, self._vectors)]
        return _session().createDataFrame(rows, schema)

    def findSynonyms(self, word, num):
        """A DataFrame of the num words closest to `word` (a word or a vector) by cosine
        similarity: word, similarity."""
        from pyspark.ml.util import _session
        return _session().createDataFrame(self.findSynonymsArray(word, num),
                                          "word string, similarity double")

    def findSynonymsArray(self, word, num):
        """[(word, similarity)] of the num words closest to `word` (a word or a vector), the
        most similar first; a word is not its own synonym."""
        if isinstance(word, str):
            if word not in self._index:
                from pyspark.errors import SparkRuntimeException
                raise SparkRuntimeException(message="%s not in vocabulary" % word)
            query, exclude = self._vectors[self._index[word]], word
        else:
            vector = word.toArray() if isinstance(word, Vector) else np.asarray(word)
            query, exclude = np.asarray(vector, dtype=np.float32), None
        fu.require(num >= 0, "num must be >= 0")
        query = query.astype(np.float64)
        query_norm = np.linalg.norm(query)
        if query_norm != 0:
            query = query / query_norm
        vectors = self._vectors.astype(np.float64)
        norms = np.linalg.norm(vectors, axis=1)
        dots = vectors @ query
        similarity = np.divide(dots, norms, out=np.zeros_like(dots), where=norms != 0)
        order = sorted(range(len(self._words)), key=lambda i: (-similarity[i], i))
        found = [(self._words[i], float(similarity[i])) for i in order
                 if self._words[i] != exclude]
        return found[:num]

    def _transform(self, dataset):
        self._check_input(dataset)
        fu.check_new_column(dataset, self.getOutputCol())
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_word2vec_average", F.col(self.getInputCol()), str(self._vectors.shape[1]),
            fu.doubles_text(self._vectors.astype(np.float64).ravel()), *self._words))

    def _save_data(self, path, spark):
        rows = [(w, [float(x) for x in v]) for w, v in zip(self._words, self._vectors)]
        spark.createDataFrame(rows, "word string, vector array<float>").coalesce(1) \
            .write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        rows = spark.read.parquet(os.path.join(path, "data")).select("word", "vector").collect()
        vectors = np.array([r[1] for r in rows], dtype=np.float32)
        return cls([r[0] for r in rows], vectors)

    def __repr__(self):
        return "Word2VecModel: uid=%s, numWords=%d, vectorSize=%d" % (
            self.uid, len(self._words), self.getVectorSize())


for _cls in (Word2Vec, Word2VecModel):
    _cls.__module__ = "pyspark.ml.feature"
