"""pyspark.sql.pandas: pandas UDFs (pandas_udf, PandasUDFType)."""
