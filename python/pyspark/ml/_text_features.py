"""Text and hashing feature transformers of pyspark.ml.feature: Tokenizer, RegexTokenizer,
StopWordsRemover, NGram, HashingTF, CountVectorizer, IDF, FeatureHasher and PolynomialExpansion.
Tokens come from the engine function ml_tokenize, term vectors from ml_hashing_tf,
ml_feature_hash and ml_count_vectorize; CountVectorizer and IDF fit with engine aggregates and
collect only the vocabulary or the document frequencies."""

import math
import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml.base import Estimator, Model, Transformer
from pyspark.ml.linalg import DenseVector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasInputCol, HasInputCols, HasOutputCol, HasOutputCols,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, StringType

# Spark's default English stop words, in its order.
_ENGLISH_STOP_WORDS = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
hers herself it its itself they them their theirs themselves what which who whom this that these
those am is are was were be been being have has had having do does did doing a an the and but if
or because as until while of at by for with about against between into through during before
after above below to from up down in out on off over under again further then once here there when
where why how all any both each few more most other some such no nor not only own same so than too
very s t can will just don should now i'll you'll he'll she'll we'll they'll i'd you'd he'd
she'd we'd they'd i'm you're he's she's it's we're they're i've we've you've they've isn't aren't
wasn't weren't haven't hasn't hadn't don't doesn't didn't won't wouldn't shan't shouldn't mustn't
can't couldn't cannot could here's how's let's ought that's there's what's when's where's who's
why's would
""".split()


def _flag(value):
    return "true" if value else "false"


def _check_string_array(dataset, name):
    data_type = fu.column_type(dataset, name)
    fu.require(isinstance(data_type, ArrayType) and isinstance(data_type.elementType, StringType),
               "Input type must be array<string> but got %s." % data_type.simpleString())


def _check_string(dataset, name):
    data_type = fu.column_type(dataset, name)
    fu.require(isinstance(data_type, StringType),
               "Input type must be string type but got %s." % data_type.simpleString())


# ---- Tokenizer, RegexTokenizer -------------------------------------------------------------

class Tokenizer(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                DefaultParamsReadable):
    """Lowercases each string and splits it at whitespace (Java's split("\\s"): an empty first
    token for leading whitespace, no trailing empty tokens)."""

    @keyword_only
    def __init__(self, *, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def _transform(self, dataset):
        return _tokenize(dataset, self.getInputCol(), self.getOutputCol(), "\\s", True, 0, True)


def _tokenize(dataset, name, output, pattern, gaps, min_length, lowercase):
    _check_string(dataset, name)
    fu.check_new_column(dataset, output)
    return dataset.withColumn(output, fu.engine_call("ml_tokenize", F.col(name), pattern,
                                                     _flag(gaps), str(min_length),
                                                     _flag(lowercase)))


class RegexTokenizer(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                     DefaultParamsReadable):
    """Tokens between matches of a Java regular expression (gaps) or the matches themselves,
    keeping those of at least minTokenLength characters."""

    minTokenLength = Param(Params._dummy(), "minTokenLength", "minimum token length (>= 0)",
                           typeConverter=TypeConverters.toInt)
    gaps = Param(Params._dummy(), "gaps", "whether regex splits on gaps (True) or matches tokens "
                 "(False)", typeConverter=TypeConverters.toBoolean)
    pattern = Param(Params._dummy(), "pattern", "regex pattern (Java dialect) used for "
                    "tokenizing", typeConverter=TypeConverters.toString)
    toLowercase = Param(Params._dummy(), "toLowercase", "whether to convert all characters to "
                        "lowercase before tokenizing", typeConverter=TypeConverters.toBoolean)

    @keyword_only
    def __init__(self, *, minTokenLength=1, gaps=True, pattern="\\s+", inputCol=None,
                 outputCol=None, toLowercase=True):
        super().__init__()
        self._setDefault(minTokenLength=1, gaps=True, pattern="\\s+", toLowercase=True)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, minTokenLength=1, gaps=True, pattern="\\s+", inputCol=None,
                  outputCol=None, toLowercase=True):
        return self._set(**self._input_kwargs)

    def setMinTokenLength(self, value):
        return self._set(minTokenLength=value)

    def getMinTokenLength(self):
        return self.getOrDefault(self.minTokenLength)

    def setGaps(self, value):
        return self._set(gaps=value)

    def getGaps(self):
        return self.getOrDefault(self.gaps)

    def setPattern(self, value):
        return self._set(pattern=value)

    def getPattern(self):
        return self.getOrDefault(self.pattern)

    def setToLowercase(self, value):
        return self._set(toLowercase=value)

    def getToLowercase(self):
        return self.getOrDefault(self.toLowercase)

    def _transform(self, dataset):
        fu.require(self.getMinTokenLength() >= 0, "minTokenLength must be >= 0")
        return _tokenize(dataset, self.getInputCol(), self.getOutputCol(), self.getPattern(),
                         self.getGaps(), self.getMinTokenLength(), self.getToLowercase())


# ---- StopWordsRemover, NGram ---------------------------------------------------------------

class StopWordsRemover(HasInputCol, HasOutputCol, HasInputCols, HasOutputCols, Transformer,
                       DefaultParamsWritable, DefaultParamsReadable):
    """Drops the stop words from arrays of strings (nulls stay), comparing lowercased words
    unless caseSensitive (ASCII lowercasing, as the engine's lower; locale is not used)."""

    stopWords = Param(Params._dummy(), "stopWords", "The words to be filtered out",
                      typeConverter=TypeConverters.toListString)
    caseSensitive = Param(Params._dummy(), "caseSensitive", "whether to do a case sensitive "
                          "comparison over the stop words", typeConverter=TypeConverters.toBoolean)
    locale = Param(Params._dummy(), "locale", "locale of the input. ignored when case sensitive "
                   "is true", typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, inputCol=None, outputCol=None, stopWords=None, caseSensitive=False,
                 locale=None, inputCols=None, outputCols=None):
        super().__init__()
        self._setDefault(stopWords=StopWordsRemover.loadDefaultStopWords("english"),
                         caseSensitive=False, locale="en_US")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCol=None, outputCol=None, stopWords=None, caseSensitive=False,
                  locale=None, inputCols=None, outputCols=None):
        return self._set(**self._input_kwargs)

    def setStopWords(self, value):
        return self._set(stopWords=value)

    def getStopWords(self):
        return self.getOrDefault(self.stopWords)

    def setCaseSensitive(self, value):
        return self._set(caseSensitive=value)

    def getCaseSensitive(self):
        return self.getOrDefault(self.caseSensitive)

    def setLocale(self, value):
        return self._set(locale=value)

    def getLocale(self):
        return self.getOrDefault(self.locale)

    @staticmethod
    def loadDefaultStopWords(language):
        """The default stop words of `language`; Ember has Spark's English list only."""
        if language != "english":
            raise ValueError("Ember has the default stop words of english only, not %s."
                             % language)
        return list(_ENGLISH_STOP_WORDS)

    def _transform(self, dataset):
        inputs, outputs = fu.single_or_multi_columns(self)
        for name, output in zip(inputs, outputs):
            _check_string_array(dataset, name)
            fu.check_new_column(dataset, output)
            dataset = dataset.withColumn(output, fu.engine_call(
                "ml_remove_stop_words", F.col(name), _flag(self.getCaseSensitive()),
                *self.getStopWords()))
        return dataset


class NGram(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable, DefaultParamsReadable):
    """The sequences of n consecutive tokens joined by a space (none when there are fewer
    than n tokens)."""

    n = Param(Params._dummy(), "n", "number of elements per n-gram (>=1)",
              typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, n=2, inputCol=None, outputCol=None):
        super().__init__()
        self._setDefault(n=2)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, n=2, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setN(self, value):
        return self._set(n=value)

    def getN(self):
        return self.getOrDefault(self.n)

    def _transform(self, dataset):
        n = self.getN()
        fu.require(n >= 1, "n must be >= 1")
        name = self.getInputCol()
        _check_string_array(dataset, name)
        fu.check_new_column(dataset, self.getOutputCol())
        return dataset.withColumn(self.getOutputCol(),
                                  fu.engine_call("ml_ngram", F.col(name), str(n)))


# ---- HashingTF -----------------------------------------------------------------------------

class HashingTF(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                DefaultParamsReadable):
    """Term frequencies of arrays of strings in numFeatures buckets: a term goes to
    MurmurHash3_x86_32 of its UTF-8 bytes (seed 42) modulo numFeatures, made non-negative."""

    numFeatures = Param(Params._dummy(), "numFeatures", "Number of features. Should be greater "
                        "than 0.", typeConverter=TypeConverters.toInt)
    binary = Param(Params._dummy(), "binary", "If True, all non zero counts are set to 1. This "
                   "is useful for discrete probabilistic models that model binary events rather "
                   "than integer counts. Default False.", typeConverter=TypeConverters.toBoolean)

    @keyword_only
    def __init__(self, *, numFeatures=1 << 18, binary=False, inputCol=None, outputCol=None):
        super().__init__()
        self._setDefault(numFeatures=1 << 18, binary=False)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, numFeatures=1 << 18, binary=False, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setNumFeatures(self, value):
        return self._set(numFeatures=value)

    def getNumFeatures(self):
        return self.getOrDefault(self.numFeatures)

    def setBinary(self, value):
        return self._set(binary=value)

    def getBinary(self):
        return self.getOrDefault(self.binary)

    def indexOf(self, term):
        """The index `term` (a string) hashes to, computed by the engine as transform does."""
        from pyspark.ml.util import _session
        fu.require(self.getNumFeatures() > 0, "numFeatures must be > 0")
        vector = _session().range(1).select(fu.engine_call(
            "ml_hashing_tf", F.array(F.lit(term).cast("string")), str(self.getNumFeatures()),
            "false")).head()[0]
        return int(vector.indices[0])

    def _transform(self, dataset):
        fu.require(self.getNumFeatures() > 0, "numFeatures must be > 0")
        name = self.getInputCol()
        _check_string_array(dataset, name)
        fu.check_new_column(dataset, self.getOutputCol())
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_hashing_tf", F.col(name), str(self.getNumFeatures()), _flag(self.getBinary())))


# ---- CountVectorizer -----------------------------------------------------------------------

class _CountVectorizerParams(HasInputCol, HasOutputCol):
    minTF = Param(Params._dummy(), "minTF", "Filter to ignore rare words in a document. For each "
                  "document, terms with frequency/count less than the given threshold are "
                  "ignored. If this is an integer >= 1, then this specifies a count (of times "
                  "the term must appear in the document); if this is a double in [0,1), then "
                  "this specifies a fraction (out of the document's token count). Note that the "
                  "parameter is only used in transform of CountVectorizerModel and does not "
                  "affect fitting. Default 1.0", typeConverter=TypeConverters.toFloat)
    minDF = Param(Params._dummy(), "minDF", "Specifies the minimum number of different documents "
                  "a term must appear in to be included in the vocabulary. If this is an "
                  "integer >= 1, this specifies the number of documents the term must appear "
                  "in; if this is a double in [0,1), then this specifies the fraction of "
                  "documents. Default 1.0", typeConverter=TypeConverters.toFloat)
    maxDF = Param(Params._dummy(), "maxDF", "Specifies the maximum number of different documents "
                  "a term could appear in to be included in the vocabulary. A term that appears "
                  "more than the threshold will be ignored. If this is an integer >= 1, this "
                  "specifies the maximum number of documents the term could appear in; if this "
                  "is a double in [0,1), then this specifies the maximum fraction of documents "
                  "the term could appear in. Default (2^63) - 1",
                  typeConverter=TypeConverters.toFloat)
    vocabSize = Param(Params._dummy(), "vocabSize", "max size of the vocabulary. Default 1 << 18.",
                      typeConverter=TypeConverters.toInt)
    binary = Param(Params._dummy(), "binary", "Binary toggle to control the output vector "
                   "values. If True, all nonzero counts (after minTF filter applied) are set to "
                   "1. This is useful for discrete probabilistic models that model binary events "
                   "rather than integer counts. Default False",
                   typeConverter=TypeConverters.toBoolean)

    def __init__(self):
        super().__init__()
        self._setDefault(minTF=1.0, minDF=1.0, maxDF=2 ** 63 - 1, vocabSize=1 << 18,
                         binary=False)

    def getMinTF(self):
        return self.getOrDefault(self.minTF)

    def getMinDF(self):
        return self.getOrDefault(self.minDF)

    def getMaxDF(self):
        return self.getOrDefault(self.maxDF)

    def getVocabSize(self):
        return self.getOrDefault(self.vocabSize)

    def getBinary(self):
        return self.getOrDefault(self.binary)

    def setMinTF(self, value):
        return self._set(minTF=value)

    def setBinary(self, value):
        return self._set(binary=value)


class CountVectorizer(_CountVectorizerParams, Estimator, DefaultParamsWritable,
                      DefaultParamsReadable):
    """Builds a vocabulary of the vocabSize terms most frequent over the data (ties by the term),
    among those in at least minDF and at most maxDF documents: one engine aggregate grouped by
    term counts each term's occurrences and documents."""

    @keyword_only
    def __init__(self, *, minTF=1.0, minDF=1.0, maxDF=2 ** 63 - 1, vocabSize=1 << 18,
                 binary=False, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, minTF=1.0, minDF=1.0, maxDF=2 ** 63 - 1, vocabSize=1 << 18,
                  binary=False, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setMinDF(self, value):
        return self._set(minDF=value)

    def setMaxDF(self, value):
        return self._set(maxDF=value)

    def setVocabSize(self, value):
        return self._set(vocabSize=value)

    def _fit(self, dataset):
        _check_params(self)
        fu.require(self.getVocabSize() > 0, "vocabSize must be > 0")
        fu.require(self.getMinDF() >= 0 and self.getMaxDF() >= 0,
                   "minDF and maxDF must be >= 0")
        name = self.getInputCol()
        _check_string_array(dataset, name)
        documents = dataset.select(F.col(name).alias("terms")).filter(F.col("terms").isNotNull())
        min_df, max_df = self.getMinDF(), self.getMaxDF()
        if min_df < 1 or max_df < 1:
            count = documents.count()
            min_df = min_df if min_df >= 1 else min_df * count
            max_df = max_df if max_df >= 1 else max_df * count
        fu.require(max_df >= min_df, "maxDF must be >= minDF.")
        terms = (documents.withColumn("doc", F.monotonically_increasing_id())
                 .select("doc", F.explode("terms").alias("term"))
                 .filter(F.col("term").isNotNull())
                 .groupBy("term").agg(F.count(F.lit(1)).alias("tf"),
                                      F.countDistinct("doc").alias("df")))
        if self.isSet(self.minDF) or self.isSet(self.maxDF):
            terms = terms.filter((F.col("df") >= min_df) & (F.col("df") <= max_df))
        rows = (terms.orderBy(F.col("tf").desc(), F.col("term")).limit(self.getVocabSize())
                .select("term").collect())
        model = CountVectorizerModel([r[0] for r in rows])
        model._resetUid(self.uid)
        return self._copyValues(model)


def _check_params(stage):
    fu.require(stage.getMinTF() >= 0, "minTF must be >= 0")


class CountVectorizerModel(_CountVectorizerParams, Model, DefaultParamsWritable,
                           DefaultParamsReadable):
    """The fitted CountVectorizer: counts of its vocabulary's terms in each array, as sparse
    vectors (ml_count_vectorize)."""

    def __init__(self, vocabulary=None):
        super().__init__()
        self._vocabulary = list(vocabulary or [])

    @classmethod
    def from_vocabulary(cls, vocabulary, inputCol, outputCol=None, minTF=None, binary=None):
        model = cls(vocabulary)
        model._set(inputCol=inputCol)
        for name, value in (("outputCol", outputCol), ("minTF", minTF), ("binary", binary)):
            if value is not None:
                model._set(**{name: value})
        return model

    @property
    def vocabulary(self):
        return list(self._vocabulary)

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def copy(self, extra=None):
        that = super().copy(extra)
        that._vocabulary = list(self._vocabulary)
        return that

    def _transform(self, dataset):
        _check_params(self)
        name = self.getInputCol()
        _check_string_array(dataset, name)
        fu.check_new_column(dataset, self.getOutputCol())
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_count_vectorize", F.col(name), repr(float(self.getMinTF())),
            _flag(self.getBinary()), *self._vocabulary))

    def _save_data(self, path, spark):
        spark.createDataFrame([(self._vocabulary,)], "vocabulary array<string>") \
            .write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        return cls(spark.read.parquet(os.path.join(path, "data")).select("vocabulary").head()[0])


# ---- IDF -----------------------------------------------------------------------------------

class _IDFParams(HasInputCol, HasOutputCol):
    minDocFreq = Param(Params._dummy(), "minDocFreq", "minimum number of documents in which a "
                       "term should appear for filtering", typeConverter=TypeConverters.toInt)

    def __init__(self):
        super().__init__()
        self._setDefault(minDocFreq=0)

    def getMinDocFreq(self):
        return self.getOrDefault(self.minDocFreq)


class IDF(_IDFParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Inverse document frequencies log((m + 1) / (df + 1)) of the vector elements over m
    documents, df counting the documents where an element is non-zero (one ml_summary
    aggregate); 0 for elements in fewer than minDocFreq documents."""

    @keyword_only
    def __init__(self, *, minDocFreq=0, inputCol=None, outputCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, minDocFreq=0, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setMinDocFreq(self, value):
        return self._set(minDocFreq=value)

    def _fit(self, dataset):
        from pyspark.ml import _training as tr
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        rows = dataset.filter(F.col(name).isNotNull())
        summary = tr.summarize(rows.select(F.col(name).alias(tr.FEATURES),
                                           F.lit(1.0).alias(tr.WEIGHT)), check=False)
        doc_freq = [int(round(d)) for d in summary.num_nonzeros]
        m = summary.count
        idf = [math.log((m + 1.0) / (df + 1.0)) if df >= self.getMinDocFreq() else 0.0
               for df in doc_freq]
        model = IDFModel(DenseVector(idf), doc_freq, m)
        model._resetUid(self.uid)
        return self._copyValues(model)


class IDFModel(_IDFParams, Model, DefaultParamsWritable, DefaultParamsReadable):
    """The fitted IDF: scales each vector by the idf element by element (sparse stays sparse)."""

    def __init__(self, idf=None, docFreq=None, numDocs=0):
        super().__init__()
        self._idf = idf
        self._doc_freq = list(docFreq or [])
        self._num_docs = int(numDocs)

    @property
    def idf(self):
        return self._idf

    @property
    def docFreq(self):
        return list(self._doc_freq)

    @property
    def numDocs(self):
        return self._num_docs

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def copy(self, extra=None):
        that = super().copy(extra)
        that._idf, that._doc_freq, that._num_docs = self._idf, list(self._doc_freq), self._num_docs
        return that

    def _transform(self, dataset):
        from pyspark.ml.feature import _scale_elements
        return _scale_elements(dataset, self.getInputCol(), self.getOutputCol(),
                               self._idf.toArray())

    def _save_data(self, path, spark):
        from pyspark.ml.linalg import VectorUDT
        from pyspark.sql.types import LongType, StructField, StructType
        schema = StructType([StructField("idf", VectorUDT()),
                             StructField("docFreq", ArrayType(LongType(), False)),
                             StructField("numDocs", LongType())])
        spark.createDataFrame([(self._idf, self._doc_freq, self._num_docs)], schema) \
            .write.parquet(os.path.join(path, "data"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        row = spark.read.parquet(os.path.join(path, "data")).select(
            "idf", "docFreq", "numDocs").head()
        return cls(row[0], row[1], row[2])


for _cls in (Tokenizer, RegexTokenizer, StopWordsRemover, NGram, HashingTF, CountVectorizer,
             CountVectorizerModel, IDF, IDFModel):
    _cls.__module__ = "pyspark.ml.feature"


# ---- FeatureHasher -------------------------------------------------------------------------

class FeatureHasher(HasInputCols, HasOutputCol, Transformer, DefaultParamsWritable,
                    DefaultParamsReadable):
    """Hashes columns into a sparse vector of numFeatures: a number adds its value at the hash
    of the column name, a string, boolean or categorical column adds 1.0 at the hash of
    "name=value" (MurmurHash3, seed 42, as HashingTF; ml_feature_hash); nulls add nothing."""

    numFeatures = HashingTF.numFeatures
    categoricalCols = Param(Params._dummy(), "categoricalCols", "numeric columns to treat as "
                            "categorical", typeConverter=TypeConverters.toListString)

    @keyword_only
    def __init__(self, *, numFeatures=1 << 18, inputCols=None, outputCol=None,
                 categoricalCols=None):
        super().__init__()
        self._setDefault(numFeatures=1 << 18)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, numFeatures=1 << 18, inputCols=None, outputCol=None,
                  categoricalCols=None):
        return self._set(**self._input_kwargs)

    def setNumFeatures(self, value):
        return self._set(numFeatures=value)

    def getNumFeatures(self):
        return self.getOrDefault(self.numFeatures)

    def setCategoricalCols(self, value):
        return self._set(categoricalCols=value)

    def getCategoricalCols(self):
        return self.getOrDefault(self.categoricalCols)

    def _transform(self, dataset):
        from pyspark.sql.types import BooleanType
        fu.require(self.getNumFeatures() > 0, "numFeatures must be > 0")
        fu.check_new_column(dataset, self.getOutputCol())
        categorical = set(self.getCategoricalCols() if self.isDefined(self.categoricalCols)
                          else [])
        args = []
        for name in self.getInputCols():
            data_type = fu.column_type(dataset, name)
            fu.require(fu.is_numeric(data_type) or isinstance(data_type, (StringType, BooleanType)),
                       "FeatureHasher requires columns to be of NumericType, BooleanType or "
                       "StringType. Column %s was %s" % (name, data_type.simpleString()))
            numeric = fu.is_numeric(data_type) and name not in categorical
            args += [name, F.col(name).cast("double" if numeric else "string")]
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_feature_hash", str(self.getNumFeatures()), *args))


# ---- PolynomialExpansion -------------------------------------------------------------------

class PolynomialExpansion(HasInputCol, HasOutputCol, Transformer, DefaultParamsWritable,
                          DefaultParamsReadable):
    """Every product of the vector's elements up to `degree` (no constant term), in Spark's
    order: by the last element's exponent first ([x, y] of degree 2: x, x², y, xy, y²)."""

    degree = Param(Params._dummy(), "degree", "the polynomial degree to expand (>= 1)",
                   typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, degree=2, inputCol=None, outputCol=None):
        super().__init__()
        self._setDefault(degree=2)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, degree=2, inputCol=None, outputCol=None):
        return self._set(**self._input_kwargs)

    def setDegree(self, value):
        return self._set(degree=value)

    def getDegree(self):
        return self.getOrDefault(self.degree)

    def _transform(self, dataset):
        fu.require(self.getDegree() >= 1, "degree must be >= 1")
        name = self.getInputCol()
        fu.check_vector_column(dataset, name)
        fu.check_new_column(dataset, self.getOutputCol())
        return dataset.withColumn(self.getOutputCol(), fu.engine_call(
            "ml_polynomial_expand", F.col(name), str(self.getDegree())))


for _cls in (FeatureHasher, PolynomialExpansion):
    _cls.__module__ = "pyspark.ml.feature"
