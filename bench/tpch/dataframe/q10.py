"""TPC-H Q10, returned item reporting, with the DataFrame API."""
import datetime

from pyspark.sql import functions as F


def query(spark):
    orders = spark.table("orders").filter(
        (F.col("o_orderdate") >= F.lit(datetime.date(1993, 10, 1)))
        & (F.col("o_orderdate") < F.lit(datetime.date(1994, 1, 1))))
    lineitem = spark.table("lineitem").filter(F.col("l_returnflag") == "R")
    return (spark.table("customer")
            .join(orders, F.col("c_custkey") == F.col("o_custkey"))
            .join(lineitem, F.col("l_orderkey") == F.col("o_orderkey"))
            .join(spark.table("nation"), F.col("c_nationkey") == F.col("n_nationkey"))
            .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address",
                     "c_comment")
            .agg(F.sum(F.col("l_extendedprice") * (1 - F.col("l_discount"))).alias("revenue"))
            .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address",
                    "c_phone", "c_comment")
            .orderBy(F.col("revenue").desc())
            .limit(20))
