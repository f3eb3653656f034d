"""TPC-H Q6, forecasting revenue change, with the DataFrame API."""
import datetime

from pyspark.sql import functions as F


def query(spark):
    return (spark.table("lineitem")
            .filter((F.col("l_shipdate") >= F.lit(datetime.date(1994, 1, 1)))
                    & (F.col("l_shipdate") < F.lit(datetime.date(1995, 1, 1)))
                    & F.col("l_discount").between(0.05, 0.07)
                    & (F.col("l_quantity") < 24))
            .agg(F.sum(F.col("l_extendedprice") * F.col("l_discount")).alias("revenue")))
