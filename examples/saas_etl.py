"""The nightly SaaS clickstream ETL: daily event counts and active users per account.

An ordinary PySpark script; only its input and output paths come from the command line:
    bin/ember submit examples/saas_etl.py INPUT_DIR OUTPUT_DIR
"""
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import StructType, StructField, StringType, LongType
from pyspark.sql import functions as F

input_path, output_path = sys.argv[1], sys.argv[2]

spark = SparkSession.builder.appName("saas-etl").getOrCreate()
schema = StructType([
    StructField("user_id", StringType(), True),
    StructField("account_id", StringType(), True),
    StructField("event_name", StringType(), True),
    StructField("timestamp", LongType(), True)])
events = (spark.read.schema(schema).json(input_path))
clean = (events
    .withColumn("event_time", F.to_timestamp(F.from_unixtime("timestamp")))
    .withColumn("event_date", F.to_date("event_time"))
    .filter(F.col("user_id").isNotNull()))
daily_usage = (clean.groupBy("account_id", "event_date")
    .agg(F.count("*").alias("event_count"),
         F.countDistinct("user_id").alias("active_users")))
daily_usage.write.mode("overwrite").parquet(output_path)

if "--show" in sys.argv[3:]:
    result = spark.read.parquet(output_path)
    result.printSchema()
    result.orderBy(F.col("event_count").desc(), "account_id", "event_date").show()
    print("rows written:", result.count())
