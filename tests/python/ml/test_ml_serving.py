"""ember.ml.serving: a saved PipelineModel scores rows in process, bit for bit as the batch
transform of the reloaded model does, for every stage the runtime serves and their handleInvalid
modes; rejected rows name their field; `bin/ember serve` answers the same over HTTP."""
import contextlib
import itertools
import json
import math
import os
import socket
import struct
import subprocess
import urllib.error
import urllib.request

import numpy as np
import pytest

from ember.ml import serving
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import (
    DecisionTreeClassifier, GBTClassifier, LinearSVC, LogisticRegression, NaiveBayes, RandomForestClassifier,
)
from pyspark.ml.clustering import BisectingKMeans, GaussianMixture, KMeans
from pyspark.ml.feature import (
    DCT, IDF, PCA, Binarizer, CountVectorizer, FeatureHasher, HashingTF, NGram, RegexTokenizer, StopWordsRemover,
    Tokenizer, Bucketizer, ElementwiseProduct, Imputer, PolynomialExpansion, IndexToString, MaxAbsScaler, MinMaxScaler,
    Normalizer, OneHotEncoder, QuantileDiscretizer, RobustScaler, SQLTransformer, StandardScaler, StringIndexer, VectorAssembler,
    ChiSqSelector, Interaction, UnivariateFeatureSelector, VarianceThresholdSelector, VectorIndexer,
    VectorSlicer,
)
from pyspark.ml.linalg import DenseVector, SparseVector, Vector
from pyspark.ml.fpm import FPGrowth
from pyspark.ml.recommendation import ALS
from pyspark.ml.regression import (
    DecisionTreeRegressor, GBTRegressor, GeneralizedLinearRegression, LinearRegression,
    RandomForestRegressor,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

SCHEMA = "id int, cat string, cat2 string, x double, y double, n int, label double"
TRAIN = [
    (1, "a", "p", 1.0, 2.0, 3, 0.0), (2, "b", "q", 3.0, 1.0, 1, 1.0), (3, "a", "p", 2.0, None, 2, 1.0),
    (4, "c", "q", 0.5, 4.0, 7, 0.0), (5, "b", "r", 2.5, float("nan"), 4, 1.0),
    (6, "a", "q", 1.5, 3.5, 5, 0.0), (7, "c", "p", 4.0, 0.5, 2, 1.0), (8, "b", "p", 0.0, 2.5, 6, 0.0),
]
# unseen and null categories, null and NaN numbers
SCORE = TRAIN + [(9, "zz", "p", 1.0, 1.0, 1, 0.0), (10, None, "q", None, 1.0, None, 1.0),
                 (11, "b", None, float("nan"), None, 0, 0.0)]


def bits(value):
    """A value with its doubles as bit patterns, so that == compares bit for bit (NaN included)."""
    if isinstance(value, float):
        return ("double", struct.pack("<d", value))
    if isinstance(value, SparseVector):
        return ("sparse", value.size, list(value.indices), [bits(float(v)) for v in value.values])
    if isinstance(value, DenseVector):
        return ("dense", [bits(float(v)) for v in value.values])
    return value


def check_served(spark, tmp_path, stages, train=TRAIN, score=SCORE, schema=SCHEMA):
    """Fits, saves and reloads the pipeline, then checks every row of `score` serves as the batch
    transform scores it (rows the batch drops serve as None). Returns the scorer."""
    model = Pipeline(stages=stages).fit(spark.createDataFrame(train, schema))
    path = str(tmp_path / "model")
    model.write().overwrite().save(path)
    scorer = serving.load(path)
    frame = spark.createDataFrame(score, schema)
    batch = {row["id"]: row.asDict() for row in PipelineModel.load(path).transform(frame).collect()}
    rows = [row.asDict() for row in frame.collect()]
    served = scorer.transform_rows(rows)
    assert [scorer.transform_row(row) is None for row in rows] == [s is None for s in served]
    assert scorer.outputs, "the pipeline adds columns"
    for row, result in zip(rows, served):
        if result is None:
            assert row["id"] not in batch, "served drops row %d that the batch keeps" % row["id"]
            continue
        expected = batch[row["id"]]
        assert set(result) == set(expected)
        for name in scorer.outputs:
            assert bits(result[name]) == bits(expected[name]), (row["id"], name, result[name],
                                                                  expected[name])
    assert len(batch) == sum(s is not None for s in served)
    return scorer


def test_string_indexer_and_one_hot_encoder(spark, tmp_path):
    check_served(spark, tmp_path, [
        StringIndexer(inputCols=["cat", "cat2"], outputCols=["ci", "ci2"], handleInvalid="keep",
                      stringOrderType="alphabetDesc"),
        OneHotEncoder(inputCols=["ci", "ci2"], outputCols=["co", "co2"], handleInvalid="keep"),
        OneHotEncoder(inputCol="n", outputCol="no", dropLast=False, handleInvalid="keep")])


def test_string_indexer_skip_drops_rows(spark, tmp_path):
    scorer = check_served(spark, tmp_path, [
        StringIndexer(inputCol="cat", outputCol="ci", handleInvalid="skip"),
        OneHotEncoder(inputCol="ci", outputCol="co")])
    assert scorer.transform_row({"cat": "zz"}) is None
    assert scorer.transform_row({"cat": "b"})["ci"] == 1.0  # b and a tie at 3, a first


def test_vector_assembler_modes_and_scalers(spark, tmp_path):
    indexer = StringIndexer(inputCol="cat", outputCol="ci", handleInvalid="keep")
    for mode in ("keep", "skip"):
        check_served(spark, tmp_path / mode, [
            indexer, OneHotEncoder(inputCol="ci", outputCol="co", handleInvalid="keep"),
            VectorAssembler(inputCols=["x", "co", "n", "y"], outputCol="f", handleInvalid=mode),
            StandardScaler(inputCol="f", outputCol="s", withMean=True, withStd=True),
            StandardScaler(inputCol="f", outputCol="s2"),
            StandardScaler(inputCol="f", outputCol="s3", withMean=True, withStd=False),
            MinMaxScaler(inputCol="f", outputCol="m", min=-1.0, max=2.0)])


def test_imputer_and_bucketizer(spark, tmp_path):
    check_served(spark, tmp_path / "a", [
        Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
        Imputer(inputCol="x", outputCol="xm", strategy="median", missingValue=1.0),
        Binarizer(inputCol="y", outputCol="yb", threshold=2.0),
        Bucketizer(inputCol="x", outputCol="xb", splits=[-1.0, 1.0, 2.5, 10.0],
                   handleInvalid="keep"),
        Bucketizer(inputCols=["xi", "yi"], outputCols=["xb2", "yb2"],
                   splitsArray=[[-1.0, 2.0, 10.0], [-10.0, 0.0, 3.0, 10.0]])])
    check_served(spark, tmp_path / "b", [
        Bucketizer(inputCol="x", outputCol="xb", splits=[-1.0, 1.0, 2.5, 10.0],
                   handleInvalid="skip")])


def test_logistic_and_linear_regression(spark, tmp_path):
    features = [StringIndexer(inputCol="cat", outputCol="ci", handleInvalid="keep"),
                Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
                VectorAssembler(inputCols=["xi", "yi", "ci"], outputCol="features")]
    check_served(spark, tmp_path / "binomial", features + [
        StandardScaler(inputCol="features", outputCol="scaled"),
        LogisticRegression(featuresCol="scaled", regParam=0.1, threshold=0.4),
        LinearRegression(featuresCol="features", predictionCol="linear", regParam=0.05)])
    check_served(spark, tmp_path / "multinomial", features + [
        LogisticRegression(labelCol="n", family="multinomial", regParam=0.2, maxIter=20,
                           thresholds=[0.5, 1.0, 0.2, 0.3, 0.4, 0.2, 1.0, 0.6],
                           probabilityCol="")])


def test_linear_svc(spark, tmp_path):
    features = [StringIndexer(inputCol="cat", outputCol="ci", handleInvalid="keep"),
                Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
                VectorAssembler(inputCols=["xi", "yi", "ci"], outputCol="features")]
    check_served(spark, tmp_path / "svc", features + [
        LinearSVC(regParam=0.1, threshold=-0.2),
        LinearSVC(regParam=0.01, fitIntercept=False, standardization=False, predictionCol="p2",
                  rawPredictionCol="")])


def test_vector_indexer(spark, tmp_path):
    assembled = [Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
                 VectorAssembler(inputCols=["n", "xi", "yi"], outputCol="features",
                                 handleInvalid="keep")]
    for mode in ("keep", "skip"):
        # n and yi have 7 distinct values in TRAIN, categorical with maxCategories 7, xi 8; the
        # score rows bring unseen and null values of n
        check_served(spark, tmp_path / mode, assembled + [
            VectorIndexer(inputCol="features", outputCol="indexed", maxCategories=7,
                          handleInvalid=mode)])


def test_selectors(spark, tmp_path):
    check_served(spark, tmp_path, [
        Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
        VectorAssembler(inputCols=["n", "xi", "yi", "x"], outputCol="features",
                        handleInvalid="keep"),
        ChiSqSelector(numTopFeatures=2, outputCol="chi"),
        UnivariateFeatureSelector(outputCol="anova", selectionMode="numTopFeatures")
        .setFeatureType("continuous").setLabelType("categorical").setSelectionThreshold(3),
        VarianceThresholdSelector(outputCol="variance", varianceThreshold=1.0),
        Interaction(inputCols=["xi", "variance", "yi"], outputCol="products")])


def test_bisecting_kmeans(spark, tmp_path):
    check_served(spark, tmp_path, [
        Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
        VectorAssembler(inputCols=["xi", "yi", "n"], outputCol="features"),
        BisectingKMeans(k=3, seed=2, predictionCol="cluster")],
        score=[r for r in SCORE if r[5] is not None])


def test_gaussian_mixture(spark, tmp_path):
    score = [r for r in SCORE if r[5] is not None]
    scorer = check_served(spark, tmp_path, [
        Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
        VectorAssembler(inputCols=["xi", "yi", "n"], outputCol="features"),
        GaussianMixture(k=2, seed=3, probabilityCol="prob", predictionCol="cluster")],
        score=score)
    # the served probabilities against the densities written out with numpy from the saved model
    model = PipelineModel.load(str(tmp_path / "model")).stages[-1]
    for row in score:
        x = scorer.transform_row(dict(zip(["id", "cat", "cat2", "x", "y", "n", "label"], row)))
        densities = []
        for weight, g in zip(model.weights, model.gaussians):
            cov, d = g.cov.toArray(), x["features"].toArray() - g.mean.toArray()
            density = math.exp(-0.5 * d.dot(np.linalg.solve(cov, d))) / math.sqrt(
                np.linalg.det(2 * math.pi * cov))
            densities.append(np.finfo(float).eps + weight * density)
        expected = np.array(densities) / sum(densities)
        assert np.allclose(x["prob"].toArray(), expected, rtol=1e-8, atol=1e-12)
        assert x["cluster"] == int(np.argmax(expected))


RATINGS_SCHEMA = "id int, user int, item double, rating double"
RATINGS = [(i, u, float(it), float((u * 7 + it * 3) % 5 + 1)) for i, (u, it) in enumerate(
    [(u, it) for u in range(6) for it in range(5) if (u + it) % 3 != 0])]


@pytest.mark.parametrize("cold_start", ["nan", "drop"])
def test_als(spark, tmp_path, cold_start):
    # unknown and null users and items score NaN (or are dropped)
    score = RATINGS + [(100, 99, 1.0, 0.0), (101, 2, 42.0, 0.0), (102, None, 1.0, 0.0),
                       (103, 1, None, 0.0)]
    scorer = check_served(spark, tmp_path, [
        ALS(rank=3, maxIter=3, seed=5, userCol="user", itemCol="item", ratingCol="rating",
            coldStartStrategy=cold_start)], train=RATINGS, score=score, schema=RATINGS_SCHEMA)
    model = PipelineModel.load(str(tmp_path / "model")).stages[-1]
    users = {r.id: r.features for r in model.userFactors.collect()}
    items = {r.id: r.features for r in model.itemFactors.collect()}
    for row in RATINGS[:6]:
        total = np.float32(0)
        for a, b in zip(users[row[1]], items[int(row[2])]):
            total = np.float32(total + np.float32(np.float32(a) * np.float32(b)))
        got = scorer.transform_row({"user": row[1], "item": row[2]})["prediction"]
        assert got == float(total)
    with pytest.raises(serving.ServingError, match="ALS only supports values in Integer range .* "
                       "Value 1.5 was either") as error:
        scorer.transform_row({"user": 1.5, "item": 1})
    assert error.value.field == "user"


BASKETS = [(1, ["milk", "bread", "eggs"]), (2, ["milk", "bread"]), (3, ["bread", "jam"]),
           (4, ["milk", "eggs"]), (5, ["milk", "bread", "jam"]), (6, ["eggs"]),
           (7, ["bread", "milk", "eggs", "jam"]), (8, ["jam", "milk"])]


def test_fp_growth(spark, tmp_path):
    score = BASKETS + [(9, ["milk"]), (10, ["jam", "eggs", "tea"]), (11, []), (12, None),
                       (13, ["bread", None])]
    scorer = check_served(spark, tmp_path, [FPGrowth(minSupport=0.25, minConfidence=0.5)],
                          train=BASKETS, score=score, schema="id int, items array<string>")
    assert scorer.inputs == [("items", "strings")]
    # the rules by brute force: every itemset in at least 2 of the 8 baskets
    baskets = [set(b) for _, b in BASKETS]
    universe = sorted(set().union(*baskets))
    count = {}
    for size in range(1, len(universe) + 1):
        for subset in itertools.combinations(universe, size):
            n = sum(set(subset) <= b for b in baskets)
            if n >= 2:
                count[frozenset(subset)] = n
    rules = [(s - {c}, c) for s in count if len(s) > 1 for c in s
             if count[s] / count[s - {c}] >= 0.5]
    for _, items in score:
        held = set(items or [])
        expected = {c for a, c in rules if a <= held} - held
        got = scorer.transform_row({"items": items})["prediction"]
        assert len(got) == len(set(got)) and set(got) == expected, (items, got)
    with pytest.raises(serving.ServingError, match="field items must be a list of strings, not a string"):
        scorer.transform_row({"items": "milk"})


@pytest.mark.parametrize("family, link", [("gaussian", None), ("poisson", "log"), ("poisson", "sqrt"),
                                          ("binomial", "logit"), ("gamma", "inverse"),
                                          ("gaussian", "log")])
def test_generalized_linear_regression(spark, tmp_path, family, link):
    # labels that every family takes: counts for poisson, 0/1 for binomial, positive for gamma
    train = [r[:6] + ((r[0] % 2) * 1.0 if family == "binomial" else 1.0 + r[0] % 4,) for r in TRAIN]
    score = [r for r in SCORE if r[3] is not None and r[3] == r[3] and r[5] is not None]
    params = {"link": link} if link else {}
    scorer = check_served(spark, tmp_path, [
        VectorAssembler(inputCols=["x", "n"], outputCol="features"),
        GeneralizedLinearRegression(family=family, maxIter=10, regParam=0.1,
                                    linkPredictionCol="eta", **params)],
        train=train, score=score)
    model = PipelineModel.load(str(tmp_path / "model")).stages[-1]
    for row in score:
        got = scorer.transform_row({"x": row[3], "n": row[5]})
        eta = model.intercept + model.coefficients.dot([row[3], row[5]])
        assert got["eta"] == pytest.approx(eta, rel=1e-12, abs=1e-12)
        assert got["prediction"] == pytest.approx(model.predict(DenseVector([row[3], row[5]])),
                                                  rel=1e-12)


def test_naive_bayes_in_a_nested_pipeline(spark, tmp_path):
    inner = Pipeline(stages=[StringIndexer(inputCol="cat", outputCol="ci", handleInvalid="keep"),
                             VectorAssembler(inputCols=["x", "n", "ci"], outputCol="features",
                                             handleInvalid="skip")])
    check_served(spark, tmp_path / "multinomial", [
        inner, NaiveBayes(smoothing=0.5, thresholds=[0.3, 0.7])])
    check_served(spark, tmp_path / "bernoulli", [
        Binarizer(inputCol="x", outputCol="bx", threshold=1.5),
        Binarizer(inputCol="n", outputCol="bn", threshold=3.5),
        VectorAssembler(inputCols=["bx", "bn"], outputCol="features", handleInvalid="skip"),
        NaiveBayes(modelType="bernoulli", smoothing=0.5)])
    check_served(spark, tmp_path / "gaussian", [inner, NaiveBayes(modelType="gaussian")])
    check_served(spark, tmp_path / "complement", [
        inner, NaiveBayes(modelType="complement", thresholds=[0.6, 0.4])])


def test_feature_hasher_hashes_fields_by_their_values_type(spark, tmp_path):
    scorer = check_served(spark, tmp_path / "model", [
        FeatureHasher(inputCols=["x", "n", "cat", "y"], categoricalCols=["n"], outputCol="h",
                      numFeatures=64)])
    assert scorer.inputs == [("x", "scalar"), ("n", "string"), ("cat", "scalar"), ("y", "scalar")]
    # a boolean column is hashed as its text, and so is a boolean given to a scalar field
    schema = "id int, flag boolean, x double, label double"
    rows = [(1, True, 1.0, 0.0), (2, False, None, 1.0), (3, None, 2.5, 0.0)]
    scorer = check_served(spark, tmp_path / "flags", [
        FeatureHasher(inputCols=["flag", "x"], outputCol="h", numFeatures=16)],
        train=rows, score=rows, schema=schema)
    assert scorer.transform_row({"flag": True, "x": 1.0})["h"] == scorer.transform_row(
        {"flag": "true", "x": 1.0})["h"]
    assert served_error(scorer, {"flag": [1], "x": 1.0})[:2] == (400, "flag")


def test_tree_models(spark, tmp_path):
    features = [StringIndexer(inputCol="cat", outputCol="ci", handleInvalid="keep"),
                Imputer(inputCols=["x", "y"], outputCols=["xi", "yi"]),
                VectorAssembler(inputCols=["xi", "yi", "ci"], outputCol="features")]
    check_served(spark, tmp_path / "trees", features + [
        DecisionTreeClassifier(maxDepth=3, predictionCol="p1", rawPredictionCol="r1",
                               probabilityCol="q1"),
        RandomForestClassifier(numTrees=4, maxDepth=2, seed=5, labelCol="n", predictionCol="p2",
                               rawPredictionCol="r2", probabilityCol="q2", bootstrap=False,
                               subsamplingRate=0.8),
        DecisionTreeRegressor(maxDepth=2, labelCol="x", predictionCol="p3"),
        RandomForestRegressor(numTrees=3, maxDepth=2, seed=1, labelCol="n", predictionCol="p4"),
        GBTClassifier(maxIter=4, maxDepth=2, predictionCol="p5").setRawPredictionCol("r5")
        .setProbabilityCol("q5"),
        GBTRegressor(maxIter=3, maxDepth=2, stepSize=0.5, labelCol="n", predictionCol="p6")])


@pytest.fixture(scope="module")
def churn_like(spark, tmp_path_factory):
    """StringIndexer + VectorAssembler + StandardScaler + LogisticRegression, saved."""
    path = str(tmp_path_factory.mktemp("serving") / "model")
    Pipeline(stages=[
        StringIndexer(inputCol="cat", outputCol="ci"),
        VectorAssembler(inputCols=["x", "n", "ci"], outputCol="features"),
        StandardScaler(inputCol="features", outputCol="scaled"),
        LogisticRegression(featuresCol="scaled")]).fit(
            spark.createDataFrame(TRAIN, SCHEMA)).write().save(path)
    return path


def served_error(scorer, row):
    with pytest.raises(serving.ServingError) as error:
        scorer.transform_row(row)
    return error.value.status, error.value.field, str(error.value)


def test_rejected_rows_name_their_field(churn_like):
    scorer = serving.load(churn_like)
    assert scorer.inputs == [("cat", "string"), ("x", "number"), ("n", "number")]
    assert served_error(scorer, {"cat": "zz", "x": 1.0, "n": 2})[:2] == (422, "cat")
    assert "Unseen label: zz" in served_error(scorer, {"cat": "zz", "x": 1.0, "n": 2})[2]
    assert served_error(scorer, {"cat": "a", "n": 2}) == (400, "x", "missing field x (a number)")
    assert served_error(scorer, {"cat": "a", "x": "1", "n": 2}) == (
        400, "x", "field x must be a number, not a string")
    assert served_error(scorer, {"cat": "a", "x": [1.0], "n": 2})[:2] == (400, "x")
    assert served_error(scorer, {"cat": "a", "x": None, "n": 2})[:2] == (422, "x")
    assert isinstance(scorer.transform_row({"cat": "a", "x": 1, "n": True})["scaled"], Vector)


def test_vector_maps_index_to_string_and_kmeans(spark, tmp_path):
    check_served(spark, tmp_path, [
        StringIndexer(inputCol="cat", outputCol="ci", handleInvalid="keep"),
        IndexToString(inputCol="ci", outputCol="back", labels=["a", "b", "c", "other"]),
        VectorAssembler(inputCols=["x", "n", "ci"], outputCol="f", handleInvalid="keep"),
        MaxAbsScaler(inputCol="f", outputCol="m"),
        ElementwiseProduct(inputCol="f", outputCol="e", scalingVec=[2.0, -0.5, 0.0]),
        Normalizer(inputCol="f", outputCol="n1", p=1.0),
        Normalizer(inputCol="f", outputCol="ninf", p=float("inf")),
        VectorSlicer(inputCol="f", outputCol="s", indices=[2, 0]),
        DCT(inputCol="f", outputCol="d", inverse=True),
        RobustScaler(inputCol="f", outputCol="r", withCentering=True),
        RobustScaler(inputCol="f", outputCol="r2"),
        QuantileDiscretizer(inputCol="x", outputCol="q", numBuckets=3),
        KMeans(featuresCol="m", k=2, seed=1, predictionCol="cluster")],
        score=[r for r in SCORE if r[3] is not None and r[3] == r[3] and r[5] is not None])


def test_polynomial_expansion_idf_and_pca(spark, tmp_path):
    check_served(spark, tmp_path, [
        VectorAssembler(inputCols=["x", "n"], outputCol="f"),
        PolynomialExpansion(inputCol="f", outputCol="p", degree=3),
        IDF(inputCol="p", outputCol="w", minDocFreq=2),
        PCA(inputCol="p", outputCol="pca1", k=1),
        PCA(inputCol="w", outputCol="pca3", k=3)],
        score=[r for r in SCORE if r[3] is not None and r[3] == r[3] and r[5] is not None])


TEXT_SCHEMA = "id int, text string, label double"
TEXT_TRAIN = [(1, "Spark is fast and the engine is Ember", 1.0), (2, "the cat sat on the mat", 0.0),
              (3, "Fast engines win, slow ones lose", 1.0), (4, "a cat and a dog", 0.0),
              (5, "  Spark SQL  runs  queries ", 1.0), (6, "", 0.0)]
TEXT_SCORE = TEXT_TRAIN + [(7, "unseen words only", 1.0), (8, None, 0.0), (9, "Ünïcode ÄND the", 1.0)]


def test_text_features(spark, tmp_path):
    scorer = check_served(spark, tmp_path, [
        Tokenizer(inputCol="text", outputCol="tokens"),
        RegexTokenizer(inputCol="text", outputCol="words", pattern="[a-z]+", gaps=False,
                       minTokenLength=2),
        StopWordsRemover(inputCol="words", outputCol="kept"),
        StopWordsRemover(inputCols=["tokens", "words"], outputCols=["t2", "w2"],
                         caseSensitive=True, stopWords=["the", "Spark"]),
        NGram(inputCol="kept", outputCol="grams", n=2),
        HashingTF(inputCol="grams", outputCol="tf", numFeatures=32),
        CountVectorizer(inputCol="kept", outputCol="counts", minTF=1.0, binary=True),
        IDF(inputCol="counts", outputCol="tfidf"),
        VectorAssembler(inputCols=["tf", "tfidf"], outputCol="features"),
        LogisticRegression(featuresCol="features", labelCol="label", maxIter=5)],
        train=TEXT_TRAIN, score=[r for r in TEXT_SCORE if r[1] is not None],
        schema=TEXT_SCHEMA)
    assert scorer.transform_row({"text": "The cat"})["kept"] == ["cat"]


def test_unsupported_stage_is_named(spark, tmp_path):
    model = Pipeline(stages=[SQLTransformer(statement="SELECT *, x + 1 AS z FROM __THIS__")]).fit(
        spark.createDataFrame(TRAIN, SCHEMA))
    model.write().save(str(tmp_path / "model"))
    with pytest.raises(ValueError, match=r"does not support stage SQLTransformer \(uid SQLTransformer_"
                                         r"\w+\): its SQL statement needs the query engine"):
        serving.load(str(tmp_path / "model"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def http_server(path):
    """`bin/ember serve path` on a free port, yielding the port once it listens."""
    port = free_port()
    server = subprocess.Popen([os.path.join(ROOT, "bin", "ember"), "serve", path, "--port", str(port)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "listening on http://127.0.0.1:%d" % port
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def post(port, body):
    request = urllib.request.Request("http://127.0.0.1:%d/transform" % port,
                                     data=json.dumps(body).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def as_json(value):
    """A served value as the HTTP response writes it."""
    if isinstance(value, SparseVector):
        return {"size": value.size, "indices": list(map(int, value.indices)),
                "values": list(map(float, value.values))}
    if isinstance(value, DenseVector):
        return list(map(float, value.values))
    return value


def test_http_server_answers_as_the_scorer(churn_like):
    with http_server(churn_like) as port:
        scorer = serving.load(churn_like)
        rows = [{"cat": c, "x": x, "n": n} for c, x, n in [("a", 1.0, 3), ("b", 2.5, 0), ("c", -1e-3, 9)]]
        status, body = post(port, rows)
        assert status == 200
        expected = [{name: as_json(r[name]) for name in scorer.outputs}
                    for r in scorer.transform_rows(rows)]
        assert bits_json(body) == bits_json(expected)
        status, body = post(port, rows[0])
        assert (status, bits_json(body)) == (200, bits_json(expected[0]))
        assert post(port, {"cat": "zz", "x": 1.0, "n": 1})[0] == 422
        assert post(port, {"cat": "zz", "x": 1.0, "n": 1})[1]["field"] == "cat"
        assert post(port, {"cat": "a", "n": 1}) == (
            400, {"error": "missing field x (a number)", "field": "x"})
        assert post(port, {"cat": "a", "x": True, "n": [1]})[1]["field"] == "n"
        with urllib.request.urlopen("http://127.0.0.1:%d/schema" % port, timeout=10) as response:
            assert json.loads(response.read())["outputs"] == scorer.outputs


def bits_json(value):
    if isinstance(value, float):
        return struct.pack("<d", value) if not math.isnan(value) else "nan"
    if isinstance(value, list):
        return [bits_json(v) for v in value]
    if isinstance(value, dict):
        return {k: bits_json(v) for k, v in value.items()}
    return value


def test_http_server_takes_string_lists_and_gives_floats(spark, tmp_path):
    rows = [(i, BASKETS[i % len(BASKETS)][1], u, it, rating) for i, u, it, rating in RATINGS]
    model = Pipeline(stages=[FPGrowth(minSupport=0.25, minConfidence=0.5, predictionCol="basket"),
                             ALS(rank=2, maxIter=2, seed=1, userCol="user", itemCol="item")]).fit(
        spark.createDataFrame(rows, "id int, items array<string>, user int, item double, rating double"))
    path = str(tmp_path / "model")
    model.write().save(path)
    scorer = serving.load(path)
    with http_server(path) as port:
        requests = [{"items": ["milk", None, "jam"], "user": 1, "item": 2},
                    {"items": [], "user": 77, "item": 2.0}]
        status, body = post(port, requests)
        assert status == 200
        served = scorer.transform_rows(requests)
        assert [got["basket"] for got in body] == [s["basket"] for s in served]
        assert struct.pack("<f", body[0]["prediction"]) == struct.pack("<f", served[0]["prediction"])
        assert math.isnan(body[1]["prediction"])
        assert post(port, {"items": [1], "user": 1, "item": 2}) == (
            400, {"error": "field items must be a list of strings, not a list holding a number",
                  "field": "items"})


def test_http_server_takes_scalars(spark, tmp_path):
    model = Pipeline(stages=[FeatureHasher(inputCols=["x", "cat"], outputCol="h", numFeatures=32)]).fit(
        spark.createDataFrame(TRAIN, SCHEMA))
    path = str(tmp_path / "model")
    model.write().save(path)
    scorer = serving.load(path)
    with http_server(path) as port:
        requests = [{"x": 2.5, "cat": "a"}, {"x": "2.5", "cat": True}, {"x": 3, "cat": None}]
        status, body = post(port, requests)
        assert status == 200
        assert body == [{"h": as_json(s["h"])} for s in scorer.transform_rows(requests)]
        assert body[0] != body[1]  # the string "2.5" is hashed with the name, the number by it
        with urllib.request.urlopen("http://127.0.0.1:%d/schema" % port, timeout=10) as response:
            assert json.loads(response.read())["inputs"] == [{"name": "x", "type": "scalar"},
                                                             {"name": "cat", "type": "scalar"}]
        assert post(port, {"x": [1.0], "cat": "a"})[1]["field"] == "x"
