"""ParamGridBuilder, CrossValidator and TrainValidationSplit: the grid's product, the choice of
the best param map by the evaluator's direction, folds from a fold column, and the best model
refitted on the whole data."""

import json

import numpy as np
import pytest

from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.linalg import Vectors
from pyspark.ml.regression import LinearRegression
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder, TrainValidationSplit


@pytest.fixture
def df(spark):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 2))
    y = X.dot([1.0, -2.0]) + 0.5 + rng.normal(scale=0.1, size=60)
    rows = [(Vectors.dense(x), float(v), i % 3) for i, (x, v) in enumerate(zip(X, y))]
    return spark.createDataFrame(rows, ["features", "label", "fold"])


def test_param_grid_builder():
    lr = LinearRegression()
    grid = (ParamGridBuilder().addGrid(lr.regParam, [0.0, 1.0, 10.0])
            .addGrid(lr.fitIntercept, [True, False]).baseOn({lr.maxIter: 5}).build())
    assert len(grid) == 6
    assert {(g[lr.regParam], g[lr.fitIntercept]) for g in grid} == {
        (r, f) for r in (0.0, 1.0, 10.0) for f in (True, False)}
    assert all(g[lr.maxIter] == 5 for g in grid)


def test_cross_validator_picks_least_regularized_model(df):
    lr = LinearRegression()
    grid = ParamGridBuilder().addGrid(lr.regParam, [10.0, 0.0, 1.0]).build()
    cv = CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=RegressionEvaluator(),
                        foldCol="fold", numFolds=3, parallelism=2)
    model = cv.fit(df)
    assert len(model.avgMetrics) == 3
    assert int(np.argmin(model.avgMetrics)) == 1
    # the fold column: fold i is validated by a model fitted on the other two folds
    rows = df.collect()
    expected = []
    for reg in (10.0, 0.0, 1.0):
        rmse = []
        for i in range(3):
            train = df.filter(df.fold != i)
            fitted = LinearRegression(regParam=reg).fit(train)
            rmse.append(RegressionEvaluator().evaluate(fitted.transform(df.filter(df.fold == i))))
        expected.append(np.mean(rmse))
    assert model.avgMetrics == pytest.approx(expected, rel=1e-9)
    best = LinearRegression(regParam=0.0).fit(df)
    assert model.bestModel.coefficients == best.coefficients
    assert len(rows) == model.transform(df).count()


def test_train_validation_split(df):
    lr = LinearRegression()
    grid = ParamGridBuilder().addGrid(lr.regParam, [0.0, 5.0]).build()
    evaluator = RegressionEvaluator(metricName="r2")
    tvs = TrainValidationSplit(estimator=lr, estimatorParamMaps=grid, evaluator=evaluator,
                               trainRatio=0.7, seed=7, collectSubModels=True)
    model = tvs.fit(df)
    assert len(model.validationMetrics) == 2 and len(model.subModels) == 2
    assert model.validationMetrics[0] > model.validationMetrics[1]
    assert model.bestModel.coefficients == LinearRegression().fit(df).coefficients


def test_save_load_validators_and_models(df, tmp_path):
    from pyspark.ml.tuning import CrossValidatorModel, TrainValidationSplitModel
    lr = LinearRegression()
    grid = ParamGridBuilder().addGrid(lr.regParam, [0.5, 0.0]).build()
    cv = CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=RegressionEvaluator(),
                        foldCol="fold", collectSubModels=True)
    cv.save(str(tmp_path / "cv"))
    loaded = CrossValidator.load(str(tmp_path / "cv"))
    assert loaded.uid == cv.uid and loaded.getFoldCol() == "fold"
    assert [{p.name: v for p, v in m.items()} for m in loaded.getEstimatorParamMaps()] == [
        {"regParam": 0.5}, {"regParam": 0.0}]
    assert loaded.getEstimatorParamMaps()[0].keys() <= set(loaded.getEstimator().params)
    with open(tmp_path / "cv" / "metadata" / "part-00000") as f:
        metadata = json.loads(f.readline())
    assert metadata["class"] == "org.apache.spark.ml.tuning.CrossValidator"
    assert metadata["paramMap"]["estimatorParamMaps"][0][0]["value"] == "0.5"

    model = cv.fit(df)
    path = str(tmp_path / "cv_model")
    model.write().option("persistSubModels", "true").save(path)
    restored = CrossValidatorModel.load(path)
    assert restored.avgMetrics == model.avgMetrics
    assert restored.bestModel.coefficients == model.bestModel.coefficients
    assert restored.subModels[2][1].intercept == model.subModels[2][1].intercept
    assert restored.getEvaluator().getMetricName() == "rmse"
    assert (restored.transform(df).select("prediction").collect()
            == model.transform(df).select("prediction").collect())

    tvs = TrainValidationSplit(estimator=lr, estimatorParamMaps=grid,
                               evaluator=RegressionEvaluator(), seed=1).fit(df)
    tvs.save(str(tmp_path / "tvs"))
    again = TrainValidationSplitModel.load(str(tmp_path / "tvs"))
    assert again.validationMetrics == tvs.validationMetrics and again.subModels is None
    with pytest.raises(ValueError, match="collectSubModels"):
        tvs.write().option("persistSubModels", "true").save(str(tmp_path / "tvs2"))
