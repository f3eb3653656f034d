"""pyspark.ml.param and the Pipeline API: params, defaults, copies, explainParams, fit and
transform, and persistence of stages without data (metadata JSON in Spark's layout)."""

import json
import os
import subprocess
import sys

import pytest

from pyspark.ml import Estimator, Model, Pipeline, PipelineModel, Transformer
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasInputCol, HasOutputCol


class Doubler(HasInputCol, HasOutputCol, Transformer):
    factor = Param(Params._dummy(), "factor", "what to multiply by.", TypeConverters.toFloat)

    def __init__(self, inputCol=None, outputCol=None):
        super().__init__()
        self._setDefault(factor=2.0)
        self._set(inputCol=inputCol, outputCol=outputCol)

    def _transform(self, dataset):
        from pyspark.sql import functions as F
        return dataset.withColumn(self.getOutputCol(),
                                  F.col(self.getInputCol()) * self.getOrDefault(self.factor))


class MeanShift(HasInputCol, HasOutputCol, Estimator):
    def _fit(self, dataset):
        from pyspark.sql import functions as F
        mean = dataset.agg(F.avg(self.getInputCol())).head()[0]
        model = ShiftModel(mean)
        return self._copyValues(model)


class ShiftModel(HasInputCol, HasOutputCol, Model):
    def __init__(self, shift=0.0):
        super().__init__()
        self.shift = shift

    def _transform(self, dataset):
        from pyspark.sql import functions as F
        return dataset.withColumn(self.getOutputCol(), F.col(self.getInputCol()) - self.shift)


def test_params_are_per_instance_with_defaults():
    a, b = Doubler(inputCol="x"), Doubler()
    assert a.factor != b.factor and a.factor.parent == a.uid
    assert a.uid.startswith("Doubler_") and len(a.uid) == len("Doubler_") + 12
    assert [p.name for p in a.params] == ["factor", "inputCol", "outputCol"]
    assert a.getOrDefault("factor") == 2.0 and not a.isSet("factor") and a.hasDefault(a.factor)
    assert a.getOutputCol() == a.uid + "__output"
    assert a.isSet(a.inputCol) and not b.isDefined(b.inputCol)
    with pytest.raises(KeyError):
        b.getInputCol()
    a._set(factor=3)
    assert a.getOrDefault(a.factor) == 3.0 and isinstance(a.getOrDefault(a.factor), float)
    with pytest.raises(TypeError):
        a._set(factor="three")
    a.clear(a.factor)
    assert a.getOrDefault(a.factor) == 2.0
    assert a.hasParam("factor") and not a.hasParam("nope")
    with pytest.raises(ValueError):
        a.getParam("nope")


def test_explain_params_text():
    d = Doubler(inputCol="x")
    assert d.explainParam("factor") == "factor: what to multiply by. (default: 2.0)"
    assert d.explainParam(d.inputCol) == "inputCol: input column name. (current: x)"
    assert d.explainParams().splitlines()[2] == (
        "outputCol: output column name. (default: %s__output)" % d.uid)
    indexer = StringIndexer(inputCol="a", outputCol="b")
    assert "handleInvalid: how to handle invalid data (unseen or NULL values)" in \
        indexer.explainParams()
    assert indexer.explainParam("inputCols") == "inputCols: input column names. (undefined)"


def test_copy_and_extract_param_map():
    d = Doubler(inputCol="x")
    copy = d.copy({d.factor: 5.0})
    assert copy.uid == d.uid and copy.getOrDefault("factor") == 5.0
    assert d.getOrDefault("factor") == 2.0
    param_map = d.extractParamMap({d.outputCol: "y"})
    assert param_map[d.factor] == 2.0 and param_map[d.inputCol] == "x"
    assert param_map[d.outputCol] == "y"
    other = Doubler()
    with pytest.raises(ValueError):
        d.set(other.factor, 1.0)


def test_type_converters():
    assert TypeConverters.toListFloat([1, 2.5]) == [1.0, 2.5]
    assert TypeConverters.toListInt((1, 2.0)) == [1, 2]
    assert TypeConverters.toListString(["a"]) == ["a"]
    assert TypeConverters.toInt(3.0) == 3
    for converter, bad in [(TypeConverters.toInt, 2.5), (TypeConverters.toBoolean, 1),
                           (TypeConverters.toString, 1), (TypeConverters.toListString, [1])]:
        with pytest.raises(TypeError):
            converter(bad)


def test_keyword_only_constructor():
    with pytest.raises(TypeError):
        StringIndexer("a", "b")


def test_pipeline_fits_estimators_on_transformed_data(spark):
    df = spark.createDataFrame([(1.0,), (2.0,), (6.0,)], ["x"])
    pipeline = Pipeline(stages=[Doubler(inputCol="x", outputCol="d"),
                                MeanShift()._set(inputCol="d", outputCol="s")])
    model = pipeline.fit(df)
    assert isinstance(model, PipelineModel) and isinstance(model.stages[1], ShiftModel)
    assert model.stages[1].shift == pytest.approx((2 + 4 + 12) / 3)
    rows = model.transform(df).orderBy("x").collect()
    assert [r.s for r in rows] == pytest.approx([2 - 6, 4 - 6, 12 - 6])
    # fit with a param map overrides the stage's values for that fit only
    doubler = Doubler(inputCol="x", outputCol="d")
    tripled = doubler.transform(df, {doubler.factor: 3.0}).orderBy("x").collect()
    assert [r.d for r in tripled] == [3.0, 6.0, 18.0]
    assert doubler.getOrDefault("factor") == 2.0


def test_pipeline_rejects_non_stages(spark):
    with pytest.raises(TypeError):
        Pipeline(stages=[object()]).fit(spark.createDataFrame([(1,)], ["x"]))


def _metadata(path):
    with open(os.path.join(path, "metadata", "part-00000")) as f:
        return json.loads(f.readline())


def test_transformer_save_load_layout(tmp_path):
    assembler = VectorAssembler(inputCols=["a", "b"], outputCol="features", handleInvalid="keep")
    path = str(tmp_path / "assembler")
    assembler.save(path)
    meta = _metadata(path)
    assert meta["class"] == "org.apache.spark.ml.feature.VectorAssembler"
    assert meta["uid"] == assembler.uid and meta["sparkVersion"] == "4.0.0"
    assert meta["paramMap"] == {"inputCols": ["a", "b"], "outputCol": "features",
                                "handleInvalid": "keep"}
    assert meta["defaultParamMap"] == {"handleInvalid": "error",
                                       "outputCol": assembler.uid + "__output"}
    assert os.path.exists(os.path.join(path, "metadata", "_SUCCESS"))
    loaded = VectorAssembler.load(path)
    assert loaded.uid == assembler.uid and loaded.getInputCols() == ["a", "b"]
    assert loaded.getHandleInvalid() == "keep" and loaded.isSet("handleInvalid")
    with pytest.raises(IOError):
        assembler.save(path)
    assembler.setOutputCol("f2").write().overwrite().save(path)
    assert VectorAssembler.read().load(path).getOutputCol() == "f2"


def test_pipeline_save_layout_and_reload_in_another_process(tmp_path):
    pipeline = Pipeline(stages=[VectorAssembler(inputCols=["a"], outputCol="v"),
                                VectorAssembler(inputCols=["v", "a"], outputCol="w")])
    path = str(tmp_path / "pipeline")
    pipeline.save(path)
    meta = _metadata(path)
    assert meta["class"] == "org.apache.spark.ml.Pipeline"
    uids = [s.uid for s in pipeline.getStages()]
    assert meta["paramMap"] == {"stageUids": uids}
    assert sorted(os.listdir(os.path.join(path, "stages"))) == ["0_" + uids[0], "1_" + uids[1]]
    script = (
        "import sys; sys.path.insert(0, %r)\n"
        "import ember; ember.activate()\n"
        "from pyspark.ml import Pipeline\n"
        "p = Pipeline.load(%r)\n"
        "print([s.uid for s in p.getStages()], p.getStages()[1].getInputCols())\n"
        % (os.path.join(os.path.dirname(__file__), "..", "..", "..", "python"), path))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "%r %r" % (uids, ["v", "a"])


def test_load_of_missing_path_raises(tmp_path):
    from pyspark.errors import AnalysisException
    with pytest.raises(AnalysisException):
        Pipeline.load(str(tmp_path / "missing"))
