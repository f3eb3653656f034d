"""TPC-H Q3, shipping priority, with the DataFrame API."""
import datetime

from pyspark.sql import functions as F


def query(spark):
    day = F.lit(datetime.date(1995, 3, 15))
    customer = spark.table("customer").filter(F.col("c_mktsegment") == "BUILDING")
    orders = spark.table("orders").filter(F.col("o_orderdate") < day)
    lineitem = spark.table("lineitem").filter(F.col("l_shipdate") > day)
    return (customer
            .join(orders, F.col("c_custkey") == F.col("o_custkey"))
            .join(lineitem, F.col("l_orderkey") == F.col("o_orderkey"))
            .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
            .agg(F.sum(F.col("l_extendedprice") * (1 - F.col("l_discount"))).alias("revenue"))
            .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
            .orderBy(F.col("revenue").desc(), "o_orderdate")
            .limit(10))
