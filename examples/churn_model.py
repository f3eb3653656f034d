"""The churn model: goes on from examples/churn_features.py (run for its definitions: the
training base and the feature stages) to a logistic regression trained, evaluated on held-out
users, saved, reloaded and served. An ordinary PySpark script, but for the last step, Ember's
serving runtime (ember.ml.serving) scoring each held-out user from the saved folder:

    bin/ember submit examples/generate_churn_data.py     # writes silver.users, silver.user_events
    bin/ember submit examples/churn_model.py [MODEL_DIR [PREDICTIONS_DIR]]

Saves the fitted PipelineModel to MODEL_DIR (churn_model/ by default) in Spark's layout, reloads
it and checks that it predicts the same, and that serving scores every held-out user bit for bit
as the batch transform does (`bin/ember serve MODEL_DIR` answers the same over HTTP); prints the test metrics as one JSON line, and writes the
test predictions (user_id, label, probability) as Parquet to PREDICTIONS_DIR if given.
"""
import json
import os
import runpy
import sys

from pyspark.sql import functions as F
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler

model_dir = sys.argv[1] if len(sys.argv) > 1 else "churn_model"
features = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                       "churn_features.py"), run_name="churn_features")
training_base = features["training_base"].withColumn("label", F.col("churned").cast("double"))

# one user in five, chosen by a hash of the id, is held out for evaluation
held_out = F.abs(F.hash("user_id")) % 5 == 0
train, test = training_base.filter(~held_out), training_base.filter(held_out)

pipeline = Pipeline(stages=[
    features["indexer"], features["assembler"],
    StandardScaler(inputCol="features", outputCol="scaled_features"),
    LogisticRegression(featuresCol="scaled_features", regParam=0.01, elasticNetParam=0.5)])
model = pipeline.fit(train)
lr_model = model.stages[-1]

predictions = model.transform(test)
metrics = {
    "areaUnderROC": BinaryClassificationEvaluator().evaluate(predictions),
    "areaUnderPR": BinaryClassificationEvaluator(metricName="areaUnderPR").evaluate(predictions),
    "accuracy": MulticlassClassificationEvaluator(metricName="accuracy").evaluate(predictions),
    "trainingAreaUnderROC": lr_model.summary.areaUnderROC,
    "iterations": lr_model.summary.totalIterations,
    "coefficients": list(lr_model.coefficients.toArray()),
    "intercept": lr_model.intercept,
}

model.write().overwrite().save(model_dir)
reloaded = PipelineModel.load(model_dir)
original = predictions.select("user_id", "probability").orderBy("user_id").collect()
again = reloaded.transform(test).select("user_id", "probability").orderBy("user_id").collect()
assert original == again, "the reloaded model predicts differently"

from ember.ml import serving  # noqa: E402

scorer = serving.load(model_dir)
test_rows = test.orderBy("user_id").collect()
served = scorer.transform_rows([row.asDict() for row in test_rows])
batch = {row.user_id: row for row in reloaded.transform(test).collect()}
for row in served:
    expected = batch[row["user_id"]]
    for column in scorer.outputs:
        assert row[column] == expected[column], "serving scores %s differently" % column
metrics["servedRows"] = len(served)

print(json.dumps(metrics))
if len(sys.argv) > 2:
    (predictions.select("user_id", "label", "probability")
     .write.mode("overwrite").parquet(sys.argv[2]))
