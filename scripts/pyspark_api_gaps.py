"""Lists the public methods of PySpark 4.0's DataFrame, Column, GroupedData, DataFrameNaFunctions
and DataFrameStatFunctions (as its API reference lists them) that Ember's pyspark lacks.

    /usr/bin/python3 scripts/pyspark_api_gaps.py
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

# The PySpark 4.0 API reference pages (python/docs/source/reference/pyspark.sql/*.rst).
REFERENCE = {
    "DataFrame": """__getattr__ __getitem__ agg alias approxQuantile cache checkpoint coalesce colRegex
        collect columns corr count cov createGlobalTempView createOrReplaceGlobalTempView
        createOrReplaceTempView createTempView crossJoin crosstab cube describe distinct drop
        dropDuplicates dropDuplicatesWithinWatermark drop_duplicates dropna dtypes exceptAll
        executionInfo exists explain fillna filter first foreach foreachPartition freqItems groupBy
        groupingSets head hint inputFiles intersect intersectAll isEmpty isLocal isStreaming join
        lateralJoin limit localCheckpoint mapInPandas mapInArrow melt mergeInto metadataColumn na
        observe offset orderBy pandas_api persist plot printSchema randomSplit rdd
        registerTempTable repartition repartitionByRange replace rollup sameSemantics sample
        sampleBy scalar schema select selectExpr semanticHash show sort sortWithinPartitions
        sparkSession stat storageLevel subtract summary tail take to toArrow toDF toJSON
        toLocalIterator toPandas transform transpose union unionAll unionByName unpersist unpivot
        where withColumn withColumns withColumnRenamed withColumnsRenamed withMetadata
        withWatermark write writeStream writeTo""",
    "Column": """__getattr__ __getitem__ alias asc asc_nulls_first asc_nulls_last astype between
        bitwiseAND bitwiseOR bitwiseXOR cast contains desc desc_nulls_first desc_nulls_last
        dropFields endswith eqNullSafe getField getItem ilike isNaN isNotNull isNull isin like
        name otherwise outer over rlike startswith substr try_cast when withField""",
    "GroupedData": """agg apply applyInArrow applyInPandas applyInPandasWithState avg cogroup count
        max mean min pivot sum transformWithStateInPandas""",
    "DataFrameNaFunctions": "drop fill replace",
    "DataFrameStatFunctions": "approxQuantile corr cov crosstab freqItems sampleBy",
}


def main():
    import pyspark.sql as sql
    from pyspark.sql import _na, _stat
    from pyspark.sql.group import GroupedData
    classes = {"DataFrame": sql.DataFrame, "Column": sql.Column, "GroupedData": GroupedData,
               "DataFrameNaFunctions": _na.DataFrameNaFunctions,
               "DataFrameStatFunctions": _stat.DataFrameStatFunctions}
    missing = 0
    for name, methods in REFERENCE.items():
        absent = [m for m in methods.split() if not hasattr(classes[name], m)]
        missing += len(absent)
        print("%s: %s" % (name, ", ".join(absent) if absent else "complete"))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
