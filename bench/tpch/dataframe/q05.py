"""TPC-H Q5, local supplier volume, with the DataFrame API."""
import datetime

from pyspark.sql import functions as F


def query(spark):
    region = spark.table("region").filter(F.col("r_name") == "ASIA")
    orders = spark.table("orders").filter(
        (F.col("o_orderdate") >= F.lit(datetime.date(1994, 1, 1)))
        & (F.col("o_orderdate") < F.lit(datetime.date(1995, 1, 1))))
    return (spark.table("customer")
            .join(orders, F.col("c_custkey") == F.col("o_custkey"))
            .join(spark.table("lineitem"), F.col("l_orderkey") == F.col("o_orderkey"))
            .join(spark.table("supplier"), (F.col("l_suppkey") == F.col("s_suppkey"))
                  & (F.col("c_nationkey") == F.col("s_nationkey")))
            .join(spark.table("nation"), F.col("s_nationkey") == F.col("n_nationkey"))
            .join(region, F.col("n_regionkey") == F.col("r_regionkey"))
            .groupBy("n_name")
            .agg(F.sum(F.col("l_extendedprice") * (1 - F.col("l_discount"))).alias("revenue"))
            .orderBy(F.col("revenue").desc()))
