"""ChiSqSelector, UnivariateFeatureSelector and VarianceThresholdSelector: p-values against scipy
and scikit-learn (chi2_contingency, f_classif, f_regression), Spark's selection modes against a
plain-Python selection over those p-values, variances against numpy, transform of dense and
sparse vectors, params, save/load in Spark's layout and errors."""

import json
import os

import numpy as np
import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.ml._selectors import _f_survival
from pyspark.ml.feature import (
    ChiSqSelector, ChiSqSelectorModel, UnivariateFeatureSelector, UnivariateFeatureSelectorModel,
    VarianceThresholdSelector, VarianceThresholdSelectorModel,
)
from pyspark.ml.linalg import SparseVector, Vectors

MODES = [("numTopFeatures", 3), ("percentile", 0.5), ("fpr", 0.05), ("fdr", 0.05),
         ("fwe", 0.05)]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 200
    y_class = rng.integers(0, 3, n).astype(float)
    categorical = np.column_stack([
        (y_class + rng.integers(0, 2, n)) % 3,  # depends on the label
        rng.integers(0, 4, n),
        (y_class == 2) * 1.0 + (rng.random(n) < 0.1),
        rng.integers(0, 2, n),
        np.where(rng.random(n) < 0.7, y_class, 0.0),
        rng.integers(0, 3, n)]).astype(float)
    continuous = rng.normal(size=(n, 6))
    continuous[:, 1] += y_class
    continuous[:, 4] += 0.3 * y_class
    y_value = continuous[:, 0] * 2 + continuous[:, 3] * 0.2 + rng.normal(size=n)
    return categorical, continuous, y_class, y_value


def frame(spark, X, y):
    rows = [(i, Vectors.sparse(len(x), {j: v for j, v in enumerate(x) if v}) if i % 2
             else Vectors.dense(x), float(label)) for i, (x, label) in enumerate(zip(X, y))]
    return spark.createDataFrame(rows, ["id", "features", "label"])


def reference_selection(p, mode, threshold):
    n = len(p)
    ranked = sorted(range(n), key=lambda j: (p[j], j))
    if mode == "numTopFeatures":
        return ranked[:threshold]
    if mode == "percentile":
        return ranked[:int(n * threshold)]
    if mode == "fpr":
        return [j for j in range(n) if p[j] < threshold]
    if mode == "fwe":
        return [j for j in range(n) if p[j] < threshold / n]
    passing = [k for k, j in enumerate(ranked) if p[j] <= threshold * (k + 1) / n]
    return ranked[:max(passing) + 1] if passing else []


def check_transform(spark, model, X, y):
    out = model.transform(frame(spark, X, y)).orderBy("id").collect()
    kept = sorted(model.selectedFeatures)
    for i, row in enumerate(out):
        assert isinstance(row.selected, SparseVector) == bool(i % 2)
        assert list(row.selected.toArray()) == list(X[i, kept])


def chi2_p_values(X, y):
    stats = pytest.importorskip("scipy.stats")
    p = []
    for column in X.T:
        values, labels = np.unique(column), np.unique(y)
        table = np.array([[np.sum((column == v) & (y == c)) for c in labels] for v in values])
        p.append(stats.chi2_contingency(table, correction=False)[1])
    return p


@pytest.mark.parametrize("mode,threshold", MODES)
def test_chi_squared_selection(spark, data, mode, threshold):
    X, _, y, _ = data
    params = {"numTopFeatures": "numTopFeatures", "percentile": "percentile"}.get(mode, mode)
    selector = ChiSqSelector(selectorType=mode, outputCol="selected", **{params: threshold})
    model = selector.fit(frame(spark, X, y))
    assert model.selectedFeatures == reference_selection(chi2_p_values(X, y), mode, threshold)
    check_transform(spark, model, X, y)
    ufs = UnivariateFeatureSelector(outputCol="selected", selectionMode=mode).setFeatureType(
        "categorical").setLabelType("categorical").setSelectionThreshold(threshold)
    assert ufs.fit(frame(spark, X, y)).selectedFeatures == model.selectedFeatures


@pytest.mark.parametrize("mode,threshold", MODES)
def test_anova_and_f_regression_selection(spark, data, mode, threshold):
    selection = pytest.importorskip("sklearn.feature_selection")
    _, X, y_class, y_value = data
    for label, label_type, test in ((y_class, "categorical", selection.f_classif),
                                    (y_value, "continuous", selection.f_regression)):
        selector = UnivariateFeatureSelector(outputCol="selected", selectionMode=mode)
        selector.setFeatureType("continuous").setLabelType(label_type)
        selector.setSelectionThreshold(threshold)
        model = selector.fit(frame(spark, X, label))
        expected = reference_selection(list(test(X, label)[1]), mode, threshold)
        assert model.selectedFeatures == expected, label_type
        check_transform(spark, model, X, label)


def test_f_survival_against_scipy():
    stats = pytest.importorskip("scipy.stats")
    for f, d1, d2 in [(0.5, 1, 10), (3.2, 2, 197), (40.0, 1, 198), (1e-3, 5, 3), (7.7, 30, 12)]:
        assert _f_survival(f, d1, d2) == pytest.approx(stats.f.sf(f, d1, d2), rel=1e-9,
                                                       abs=1e-300)


def test_variance_threshold(spark, data):
    _, X, y, _ = data
    X = X.copy()
    X[:, 2] = 4.0  # constant
    X[:, 5] *= 0.1
    variance = X.var(axis=0, ddof=1)
    for threshold in (0.0, 0.5, 1.5):
        model = VarianceThresholdSelector(outputCol="selected",
                                          varianceThreshold=threshold).fit(frame(spark, X, y))
        assert model.selectedFeatures == [j for j in range(6) if variance[j] > threshold
                                          and j != 2]
        check_transform(spark, model, X, y)


def test_params_save_load(spark, data, tmp_path):
    X, _, y, _ = data
    chi = ChiSqSelector()
    assert (chi.getNumTopFeatures(), chi.getSelectorType(), chi.getPercentile(), chi.getFpr(),
            chi.getFdr(), chi.getFwe()) == (50, "numTopFeatures", 0.1, 0.05, 0.05, 0.05)
    ufs = UnivariateFeatureSelector()
    assert ufs.getSelectionMode() == "numTopFeatures" and not ufs.isSet(ufs.selectionThreshold)
    assert VarianceThresholdSelector().getVarianceThreshold() == 0.0
    df = frame(spark, X, y)
    for stage, model_class, name in [
            (ChiSqSelector(numTopFeatures=2, outputCol="selected"), ChiSqSelectorModel,
             "ChiSqSelectorModel"),
            (UnivariateFeatureSelector(outputCol="selected").setFeatureType("continuous")
             .setLabelType("categorical").setSelectionThreshold(2),
             UnivariateFeatureSelectorModel, "UnivariateFeatureSelectorModel"),
            (VarianceThresholdSelector(outputCol="selected", varianceThreshold=0.5),
             VarianceThresholdSelectorModel, "VarianceThresholdSelectorModel")]:
        model = stage.fit(df)
        path = str(tmp_path / name)
        model.save(path)
        with open(os.path.join(path, "metadata", "part-00000")) as f:
            assert json.loads(f.readline())["class"] == "org.apache.spark.ml.feature." + name
        data_frame = spark.read.parquet(os.path.join(path, "data"))
        assert data_frame.schema.simpleString() == "struct<selectedFeatures:array<int>>"
        loaded = model_class.load(path)
        assert loaded.selectedFeatures == model.selectedFeatures and loaded.uid == model.uid
        assert loaded.transform(df).collect() == model.transform(df).collect()
        stage.save(str(tmp_path / (name + "_estimator")))
        assert type(stage).load(str(tmp_path / (name + "_estimator"))).uid == stage.uid


def test_errors(spark, data):
    X, _, y, _ = data
    df = frame(spark, X, y)
    with pytest.raises(IllegalArgumentException, match="selectorType given invalid value"):
        ChiSqSelector(selectorType="best").fit(df)
    with pytest.raises(IllegalArgumentException, match="featureType and labelType need to be set"):
        UnivariateFeatureSelector().fit(df)
    with pytest.raises(IllegalArgumentException, match="Unsupported combination"):
        UnivariateFeatureSelector().setFeatureType("categorical").setLabelType(
            "continuous").fit(df)
    with pytest.raises(IllegalArgumentException, match="needs to be a positive Integer"):
        UnivariateFeatureSelector().setFeatureType("continuous").setLabelType(
            "categorical").setSelectionThreshold(2.5).fit(df)
    with pytest.raises(IllegalArgumentException, match=r"needs to be in the range \[0, 1\]"):
        UnivariateFeatureSelector(selectionMode="fpr").setFeatureType("continuous").setLabelType(
            "categorical").setSelectionThreshold(2.0).fit(df)
    with pytest.raises(IllegalArgumentException, match="must be of type"):
        VarianceThresholdSelector(featuresCol="label").fit(df)
    with pytest.raises(IllegalArgumentException, match="Output column label already exists"):
        VarianceThresholdSelector(outputCol="label").fit(df)
