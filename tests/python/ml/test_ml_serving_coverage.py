"""Every fitted model and transformer issue #13 lists, saved in a pipeline: ember.ml.serving
loads it, or rejects it naming the stage (the list of stages it does not serve, with why)."""
import pytest

from ember.ml import serving
from pyspark.ml import Pipeline
from pyspark.ml import classification as C
from pyspark.ml import clustering as K
from pyspark.ml import feature as F
from pyspark.ml import regression as R
from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.fpm import FPGrowth
from pyspark.ml.recommendation import ALS
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder, TrainValidationSplit

SCHEMA = ("id int, cat string, text string, x double, y double, n int, label double, user int, "
          "item double, rating double, items array<string>")
ROWS = [(i, "abc"[i % 3], ["the cat sat", "a dog ran far", "the dog sat down"][i % 3],
         float(i % 5) + 0.5, float((i * 7) % 4), i % 6, float(i % 2), i % 4, float(i % 3),
         float(1 + i % 5), [["milk", "bread"], ["milk"], ["bread", "jam", "milk"]][i % 3])
        for i in range(24)]


def features():
    return F.VectorAssembler(inputCols=["x", "y", "n"], outputCol="features")


def tokens():
    return F.Tokenizer(inputCol="text", outputCol="words")


def tuned(validator, **params):
    lr = R.LinearRegression()
    grid = ParamGridBuilder().addGrid(lr.regParam, [0.0, 0.1]).build()
    return validator(estimator=lr, estimatorParamMaps=grid, evaluator=RegressionEvaluator(),
                     **params)


# stage name -> the stages of a pipeline that ends with it
SERVED = {
    "StringIndexer": lambda: [F.StringIndexer(inputCol="cat", outputCol="ci")],
    "IndexToString": lambda: [F.IndexToString(inputCol="label", outputCol="l", labels=["no", "yes"])],
    "VectorAssembler": lambda: [features()],
    "OneHotEncoder": lambda: [F.OneHotEncoder(inputCol="n", outputCol="o")],
    "StandardScaler": lambda: [features(), F.StandardScaler(inputCol="features", outputCol="s")],
    "MinMaxScaler": lambda: [features(), F.MinMaxScaler(inputCol="features", outputCol="s")],
    "MaxAbsScaler": lambda: [features(), F.MaxAbsScaler(inputCol="features", outputCol="s")],
    "RobustScaler": lambda: [features(), F.RobustScaler(inputCol="features", outputCol="s")],
    "Normalizer": lambda: [features(), F.Normalizer(inputCol="features", outputCol="s")],
    "Imputer": lambda: [F.Imputer(inputCols=["x"], outputCols=["xi"])],
    "Bucketizer": lambda: [F.Bucketizer(inputCol="x", outputCol="b", splits=[-1e9, 1.0, 1e9])],
    "QuantileDiscretizer": lambda: [F.QuantileDiscretizer(inputCol="x", outputCol="q", numBuckets=2)],
    "Tokenizer": lambda: [tokens()],
    "RegexTokenizer": lambda: [F.RegexTokenizer(inputCol="text", outputCol="words")],
    "StopWordsRemover": lambda: [tokens(), F.StopWordsRemover(inputCol="words", outputCol="k")],
    "HashingTF": lambda: [tokens(), F.HashingTF(inputCol="words", outputCol="h")],
    "CountVectorizer": lambda: [tokens(), F.CountVectorizer(inputCol="words", outputCol="c")],
    "IDF": lambda: [tokens(), F.HashingTF(inputCol="words", outputCol="h"),
                    F.IDF(inputCol="h", outputCol="i")],
    "NGram": lambda: [tokens(), F.NGram(inputCol="words", outputCol="g")],
    "Word2Vec": lambda: [tokens(), F.Word2Vec(vectorSize=3, minCount=1, inputCol="words",
                                              outputCol="w")],
    "PCA": lambda: [features(), F.PCA(k=2, inputCol="features", outputCol="p")],
    "PolynomialExpansion": lambda: [features(), F.PolynomialExpansion(inputCol="features",
                                                                      outputCol="p")],
    "Interaction": lambda: [F.Interaction(inputCols=["x", "y"], outputCol="i")],
    "ElementwiseProduct": lambda: [features(), F.ElementwiseProduct(
        inputCol="features", outputCol="e", scalingVec=[1.0, 2.0, 3.0])],
    "VectorSlicer": lambda: [features(), F.VectorSlicer(inputCol="features", outputCol="v",
                                                        indices=[1])],
    "VectorIndexer": lambda: [features(), F.VectorIndexer(inputCol="features", outputCol="v")],
    "UnivariateFeatureSelector": lambda: [features(), F.UnivariateFeatureSelector()
                                          .setFeatureType("continuous")
                                          .setLabelType("categorical").setSelectionThreshold(2)],
    "ChiSqSelector": lambda: [features(), F.ChiSqSelector(numTopFeatures=2)],
    "Binarizer": lambda: [F.Binarizer(inputCol="x", outputCol="b")],
    "DCT": lambda: [features(), F.DCT(inputCol="features", outputCol="d")],
    "LogisticRegression": lambda: [features(), C.LogisticRegression(maxIter=5)],
    "LinearRegression": lambda: [features(), R.LinearRegression(maxIter=5)],
    "DecisionTreeClassifier": lambda: [features(), C.DecisionTreeClassifier(maxDepth=2)],
    "RandomForestClassifier": lambda: [features(), C.RandomForestClassifier(numTrees=2)],
    "GBTClassifier": lambda: [features(), C.GBTClassifier(maxIter=2)],
    "DecisionTreeRegressor": lambda: [features(), R.DecisionTreeRegressor(maxDepth=2)],
    "RandomForestRegressor": lambda: [features(), R.RandomForestRegressor(numTrees=2)],
    "GBTRegressor": lambda: [features(), R.GBTRegressor(maxIter=2)],
    "NaiveBayes (multinomial)": lambda: [features(), C.NaiveBayes()],
    "NaiveBayes (bernoulli)": lambda: [F.Binarizer(inputCol="x", outputCol="bx"), F.VectorAssembler(
        inputCols=["bx"], outputCol="features"), C.NaiveBayes(modelType="bernoulli")],
    "NaiveBayes (gaussian)": lambda: [features(), C.NaiveBayes(modelType="gaussian")],
    "NaiveBayes (complement)": lambda: [features(), C.NaiveBayes(modelType="complement")],
    "FeatureHasher": lambda: [F.FeatureHasher(inputCols=["x", "cat"], outputCol="h")],
    "LinearSVC": lambda: [features(), C.LinearSVC(maxIter=5)],
    "GeneralizedLinearRegression": lambda: [features(), R.GeneralizedLinearRegression(maxIter=2)],
    "KMeans": lambda: [features(), K.KMeans(k=2, seed=1)],
    "BisectingKMeans": lambda: [features(), K.BisectingKMeans(k=2, seed=1)],
    "GaussianMixture": lambda: [features(), K.GaussianMixture(k=2, seed=1)],
    "ALS": lambda: [ALS(rank=2, maxIter=1, userCol="user", itemCol="item")],
    "FPGrowth": lambda: [FPGrowth(minSupport=0.3)],
    "CrossValidator": lambda: [features(), tuned(CrossValidator, numFolds=2)],
    "TrainValidationSplit": lambda: [features(), tuned(TrainValidationSplit)],
}

# stage name -> (its stages, why the runtime does not serve it)
NOT_SERVED = {
    # a query over the row: serving it needs the SQL engine the runtime leaves out
    "SQLTransformer": ([F.SQLTransformer(statement="SELECT *, x + 1 AS z FROM __THIS__")],
                       "SQLTransformer"),
}


@pytest.fixture(scope="module")
def frame(spark):
    return spark.createDataFrame(ROWS, SCHEMA)


def save(frame, stages, path):
    Pipeline(stages=stages).fit(frame).write().save(str(path))
    return str(path)


@pytest.mark.parametrize("name", sorted(SERVED))
def test_listed_stage_is_served(frame, tmp_path, name):
    scorer = serving.load(save(frame, SERVED[name](), tmp_path / "model"))
    assert scorer.outputs


@pytest.mark.parametrize("name", sorted(NOT_SERVED))
def test_stage_not_served_is_named(frame, tmp_path, name):
    stages, message = NOT_SERVED[name]
    path = save(frame, stages, tmp_path / "model")
    with pytest.raises(ValueError, match="does not support stage " + message):
        serving.load(path)
