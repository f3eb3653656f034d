"""LogisticRegression: fit, transform (raw predictions, probabilities, predictions checked with
numpy from the fitted coefficients), thresholds, params, training summary, save/load round trip
and errors. Coefficients are checked against scikit-learn in test_ml_sklearn_linear.py; here the
fitted model must be a stationary point of Spark's objective, computed with numpy."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException, SparkRuntimeException
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import LogisticRegression, LogisticRegressionModel
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.linalg import DenseVector, Vectors

X = np.array([[0.0, 1.0], [1.0, 0.5], [2.0, -1.0], [3.0, 0.0], [0.5, 2.0], [2.5, 1.5],
              [1.5, -0.5], [3.5, 1.0], [0.2, -1.2], [2.2, 0.3]])
Y = np.array([0, 0, 1, 1, 0, 1, 0, 1, 0, 1], dtype=float)
Y3 = np.array([0, 1, 2, 2, 0, 2, 1, 2, 0, 1], dtype=float)


@pytest.fixture
def df(spark):
    rows = [(i, Vectors.dense(x), float(y), float(y3))
            for i, (x, y, y3) in enumerate(zip(X, Y, Y3))]
    return spark.createDataFrame(rows, ["id", "features", "label", "label3"])


def sigmoid(m):
    return 1 / (1 + np.exp(-m))


def test_binomial_fit_is_stationary_point_of_spark_objective(df):
    reg = 0.1
    model = LogisticRegression(regParam=reg, standardization=False, tol=1e-12).fit(df)
    beta, b = model.coefficients.toArray(), model.intercept
    residual = sigmoid(X.dot(beta) + b) - Y
    grad_beta = X.T.dot(residual) / len(Y) + reg * beta
    grad_b = residual.mean()
    assert np.abs(grad_beta).max() < 1e-6 and abs(grad_b) < 1e-6
    assert model.numClasses == 2 and model.numFeatures == 2
    history = model.summary.objectiveHistory
    assert history == sorted(history, reverse=True) and len(history) > 2
    assert model.summary.totalIterations == len(history) - 1
    loss = np.mean(np.log1p(np.exp(X.dot(beta) + b)) - Y * (X.dot(beta) + b))
    assert history[-1] == pytest.approx(loss + reg / 2 * beta.dot(beta), rel=1e-9)


def test_transform_outputs(df):
    model = LogisticRegression(regParam=0.05).fit(df)
    out = model.transform(df).orderBy("id").collect()
    margins = X.dot(model.coefficients.toArray()) + model.intercept
    for row, m in zip(out, margins):
        assert isinstance(row.rawPrediction, DenseVector)
        assert np.allclose(row.rawPrediction.toArray(), [-m, m], rtol=1e-12)
        assert np.allclose(row.probability.toArray(), [1 - sigmoid(m), sigmoid(m)], rtol=1e-12)
        assert row.prediction == (1.0 if sigmoid(m) > 0.5 else 0.0)
        assert model.predict(row.features) == row.prediction
        assert np.allclose(model.predictProbability(row.features).toArray(),
                           row.probability.toArray())
    high = model.copy().setThreshold(0.9).transform(df).orderBy("id").collect()
    assert [r.prediction for r in high] == [1.0 if sigmoid(m) > 0.9 else 0.0 for m in margins]
    only = model.copy().setRawPredictionCol("").setProbabilityCol("").transform(df)
    assert only.columns == ["id", "features", "label", "label3", "prediction"]


def test_multinomial(df):
    model = LogisticRegression(labelCol="label3", regParam=0.05, standardization=False,
                               tol=1e-12).fit(df)
    assert model.numClasses == 3
    W, c = model.coefficientMatrix.toArray(), model.interceptVector.toArray()
    assert W.shape == (3, 2) and abs(c.sum()) < 1e-9
    margins = X.dot(W.T) + c
    p = np.exp(margins - margins.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    onehot = np.eye(3)[Y3.astype(int)]
    grad = (p - onehot).T.dot(X) / len(X) + 0.05 * W
    assert np.abs(grad).max() < 1e-6
    rows = model.transform(df).orderBy("id").collect()
    assert np.allclose([r.probability.toArray() for r in rows], p, rtol=1e-10)
    assert [r.prediction for r in rows] == list(np.argmax(margins, axis=1).astype(float))
    thresholds = [0.2, 0.5, 0.3]
    shifted = model.copy().setThresholds(thresholds).transform(df).orderBy("id").collect()
    assert [r.prediction for r in shifted] == list(
        np.argmax(p / np.array(thresholds), axis=1).astype(float))
    with pytest.raises(SparkRuntimeException, match="use coefficientMatrix"):
        model.coefficients
    assert not hasattr(model.summary, "roc")


def test_binomial_family_on_two_classes_of_multinomial(df):
    model = LogisticRegression(family="multinomial", regParam=0.1).fit(df)
    assert model.coefficientMatrix.numRows == 2
    with pytest.raises(IllegalArgumentException, match="Binomial family only supports"):
        LogisticRegression(family="binomial", labelCol="label3").fit(df)


def test_elastic_net_zeroes_coefficients(df):
    model = LogisticRegression(regParam=0.3, elasticNetParam=1.0).fit(df)
    assert 0.0 in list(model.coefficients.toArray())


def test_weights_equal_repeated_rows(spark, df):
    weighted = df.withColumn("w", (df.id % 3 + 1).cast("double"))
    a = LogisticRegression(regParam=0.1, weightCol="w", standardization=False,
                           tol=1e-12).fit(weighted)
    repeated_rows = []
    for i, (x, y) in enumerate(zip(X, Y)):
        repeated_rows += [(Vectors.dense(x), float(y))] * (i % 3 + 1)
    b = LogisticRegression(regParam=0.1, standardization=False, tol=1e-12).fit(
        spark.createDataFrame(repeated_rows, ["features", "label"]))
    assert np.allclose(a.coefficients.toArray(), b.coefficients.toArray(), rtol=1e-5)


def test_summary_roc_and_area(df):
    model = LogisticRegression(regParam=0.05).fit(df)
    summary = model.summary
    p = sigmoid(X.dot(model.coefficients.toArray()) + model.intercept)
    # area under ROC: probability that a positive scores above a negative (ties count half)
    pos, neg = p[Y == 1], p[Y == 0]
    auc = np.mean([(a > b) + 0.5 * (a == b) for a in pos for b in neg])
    assert summary.areaUnderROC == pytest.approx(auc, rel=1e-12)
    roc = summary.roc.collect()
    assert (roc[0].FPR, roc[0].TPR) == (0.0, 0.0) and (roc[-1].FPR, roc[-1].TPR) == (1.0, 1.0)
    assert len(roc) == len(set(p)) + 2
    assert summary.accuracy == pytest.approx(np.mean((p > 0.5) == Y))
    assert summary.labels == [0.0, 1.0]
    assert set(summary.pr.columns) == {"recall", "precision"}
    evaluated = model.evaluate(df)
    assert evaluated.areaUnderROC == pytest.approx(summary.areaUnderROC)


def test_params_and_thresholds():
    lr = LogisticRegression()
    assert lr.getMaxIter() == 100 and lr.getRegParam() == 0.0 and lr.getTol() == 1e-6
    assert lr.getFamily() == "auto" and lr.getThreshold() == 0.5 and lr.getStandardization()
    lr.setThresholds([0.4, 0.6])
    assert not lr.isSet(lr.threshold) and lr.getThreshold() == pytest.approx(0.6)
    lr.setThreshold(0.3)
    assert lr.getThresholds() == pytest.approx([0.7, 0.3])
    with pytest.raises(ValueError, match="inconsistent values"):
        LogisticRegression(threshold=0.2, thresholds=[0.5, 0.5])
    assert "elasticNetParam" in lr.explainParams()


def test_save_load_round_trip(df, tmp_path):
    model = LogisticRegression(regParam=0.05, threshold=0.4).fit(df)
    path = str(tmp_path / "lr")
    model.write().overwrite().save(path)
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        metadata = json.loads(f.readline())
    assert metadata["class"] == "org.apache.spark.ml.classification.LogisticRegressionModel"
    data = tmp_path / "lr" / "data"
    assert any(name.endswith(".parquet") for name in os.listdir(data))
    loaded = LogisticRegressionModel.load(path)
    assert loaded.uid == model.uid and loaded.getThreshold() == 0.4
    assert loaded.coefficients == model.coefficients and loaded.intercept == model.intercept
    assert not loaded.hasSummary
    a = [r.probability for r in model.transform(df).orderBy("id").collect()]
    b = [r.probability for r in loaded.transform(df).orderBy("id").collect()]
    assert a == b
    estimator_path = str(tmp_path / "estimator")
    LogisticRegression(regParam=0.2, family="multinomial").save(estimator_path)
    restored = LogisticRegression.load(estimator_path)
    assert restored.getRegParam() == 0.2 and restored.getFamily() == "multinomial"


def test_in_pipeline(spark, tmp_path):
    rows = [(float(x[0]), float(x[1]), float(y)) for x, y in zip(X, Y)]
    frame = spark.createDataFrame(rows, ["a", "b", "label"])
    pipeline = Pipeline(stages=[VectorAssembler(inputCols=["a", "b"], outputCol="features"),
                                LogisticRegression(regParam=0.1)])
    model = pipeline.fit(frame)
    path = str(tmp_path / "pipeline")
    model.save(path)
    loaded = PipelineModel.load(path)
    assert ([r.prediction for r in loaded.transform(frame).collect()]
            == [r.prediction for r in model.transform(frame).collect()])


def test_errors(spark, df):
    bad = spark.createDataFrame([(Vectors.dense([1.0]), 0.5)], ["features", "label"])
    with pytest.raises(SparkRuntimeException, match="Labels MUST be Integers"):
        LogisticRegression().fit(bad)
    negative = spark.createDataFrame([(Vectors.dense([1.0]), 1.0, -1.0)],
                                     ["features", "label", "w"])
    with pytest.raises(SparkRuntimeException, match="Weights MUST NOT be Negative"):
        LogisticRegression(weightCol="w").fit(negative)
    with pytest.raises(IllegalArgumentException, match="must be of type"):
        LogisticRegression(featuresCol="label").fit(df)
    with pytest.raises(IllegalArgumentException, match="Unsupported family"):
        LogisticRegression(family="poisson").fit(df)
    model = LogisticRegression().fit(df)
    wrong_size = spark.createDataFrame([(Vectors.dense([1.0, 2.0, 3.0]),)], ["features"])
    with pytest.raises(SparkRuntimeException, match="does not match"):
        model.transform(wrong_size).collect()
