"""The churn model's feature pipeline: an ordinary PySpark script, run unchanged on Ember.

    bin/ember submit examples/generate_churn_data.py     # writes silver.users, silver.user_events
    bin/ember submit examples/churn_features.py [OUTPUT_DIR]

Writes the features (user_id, features) as Parquet to OUTPUT_DIR when given, else shows them.
"""
import sys

from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn-features").getOrCreate()

from pyspark.sql import functions as F
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.ml import Pipeline

user_features = (spark.table("silver.user_events").groupBy("user_id")
    .agg(F.count("*").alias("event_count"),
         F.max("event_time").alias("last_event_time"),
         F.countDistinct("product_area").alias("product_area_count"))
    .withColumn("days_since_last_event", F.datediff(F.current_date(), F.to_date("last_event_time"))))
users = spark.table("silver.users")
training_base = user_features.join(users, on="user_id", how="inner")
indexer = StringIndexer(inputCol="plan_tier", outputCol="plan_tier_index")
assembler = VectorAssembler(inputCols=["event_count", "product_area_count", "days_since_last_event", "plan_tier_index"],
                            outputCol="features")
pipeline = Pipeline(stages=[indexer, assembler])
feature_model = pipeline.fit(training_base)
features_df = feature_model.transform(training_base).select("user_id", "features")

if __name__ == "__main__":  # examples/churn_model.py runs this script for its definitions
    if len(sys.argv) > 1:
        features_df.write.mode("overwrite").parquet(sys.argv[1])
    else:
        features_df.orderBy("user_id").show(truncate=False)
