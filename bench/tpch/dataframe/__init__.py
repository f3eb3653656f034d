"""TPC-H queries written with the PySpark DataFrame API, as a PySpark user would write them. Each
module's `query(spark)` reads the tables registered as temporary views (spark.table) and returns
the query's DataFrame, equal in rows and schema to the SQL text in bench/tpch/queries."""
