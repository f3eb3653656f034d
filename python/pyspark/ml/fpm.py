"""pyspark.ml.fpm: FPGrowth, frequent itemsets and association rules.

Itemsets are counted by the engine level by level, as Apriori does (the same frequent itemsets
as Spark's FP-growth): the frequent single items from one aggregate grouped by item, the
transactions then written once as arrays of those items' ids, and each level k one aggregate
grouped by the k-item subsets that ml_apriori_subsets lists per transaction (every (k - 1)-item
subset frequent), keeping those in at least ceil(minSupport * transactions) of them. Only the
frequent itemsets reach the driver, which derives the association rules from them; transform
adds each row's predicted items as engine array expressions over the rules.
"""

import math
import os

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Estimator, Model
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasPredictionCol
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, DoubleType, LongType, StructField, StructType

__all__ = ["FPGrowth", "FPGrowthModel"]


class _FPGrowthParams(HasPredictionCol):
    itemsCol = Param(Params._dummy(), "itemsCol", "items column name",
                     typeConverter=TypeConverters.toString)
    minSupport = Param(Params._dummy(), "minSupport", "Minimal support level of the frequent "
                       "pattern. [0.0, 1.0]. Any pattern that appears more than (minSupport * "
                       "size-of-the-dataset) times will be output in the frequent itemsets.",
                       typeConverter=TypeConverters.toFloat)
    numPartitions = Param(Params._dummy(), "numPartitions", "Number of partitions (at least 1) "
                          "used by parallel FP-growth. By default the param is not set, and "
                          "partition number of the input dataset is used.",
                          typeConverter=TypeConverters.toInt)
    minConfidence = Param(Params._dummy(), "minConfidence", "Minimal confidence for generating "
                          "Association Rule. [0.0, 1.0]. minConfidence will not affect the "
                          "mining for frequent itemsets, but will affect the association rules "
                          "generation.", typeConverter=TypeConverters.toFloat)

    def __init__(self):
        super().__init__()
        self._setDefault(minSupport=0.3, itemsCol="items", minConfidence=0.8)

    def getItemsCol(self):
        return self.getOrDefault(self.itemsCol)

    def getMinSupport(self):
        return self.getOrDefault(self.minSupport)

    def getNumPartitions(self):
        return self.getOrDefault(self.numPartitions)

    def getMinConfidence(self):
        return self.getOrDefault(self.minConfidence)

    def _items_type(self, dataset):
        data_type = fu.column_type(dataset, self.getItemsCol())
        fu.require(isinstance(data_type, ArrayType), "The input column must be ArrayType, but "
                   "got %s." % data_type.simpleString())
        return data_type


class FPGrowth(_FPGrowthParams, Estimator, DefaultParamsWritable, DefaultParamsReadable):
    """Frequent itemsets of a column of item arrays, and association rules between them."""

    @keyword_only
    def __init__(self, *, minSupport=0.3, minConfidence=0.8, itemsCol="items",
                 predictionCol="prediction", numPartitions=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, minSupport=0.3, minConfidence=0.8, itemsCol="items",
                  predictionCol="prediction", numPartitions=None):
        return self._set(**self._input_kwargs)

    def setItemsCol(self, value):
        return self._set(itemsCol=value)

    def setMinSupport(self, value):
        return self._set(minSupport=value)

    def setNumPartitions(self, value):
        return self._set(numPartitions=value)

    def setMinConfidence(self, value):
        return self._set(minConfidence=value)

    def _fit(self, dataset):
        fu.require(0 <= self.getMinSupport() <= 1, "minSupport must be in [0, 1]")
        fu.require(0 <= self.getMinConfidence() <= 1, "minConfidence must be in [0, 1]")
        items_type = self._items_type(dataset)
        items = F.col(self.getItemsCol())
        unique = F.when(F.size(F.array_distinct(items)) != F.size(items), F.raise_error(F.concat(
            F.lit("Items in a transaction must be unique but got ArraySeq("),
            F.array_join(items.cast("array<string>"), ", "), F.lit(")."))))
        transactions = dataset.select(F.coalesce(unique, items).alias("items")).filter(
            F.col("items").isNotNull())
        spark = dataset.sparkSession
        with tr.Materialized(transactions) as data:
            count = data.count()
            min_count = math.ceil(self.getMinSupport() * count)
            singles = (data.select(F.explode("items").alias("item")).groupBy("item").count()
                       .filter(F.col("count") >= max(min_count, 1)).collect())
            # ids by decreasing frequency, ties by first appearance in the counts
            singles.sort(key=lambda r: -r[1])
            values = [r[0] for r in singles]
            frequent = {(i,): r[1] for i, r in enumerate(singles)}
            if values:
                known = F.array(*[F.lit(v) for v in values]).cast(items_type)
                ids = F.transform("items", lambda x: (F.array_position(known, x) - 1).cast("int"))
                encoded = data.select(F.array_sort(F.filter(ids, lambda i: i >= 0)).alias("ids"))
                frequent.update(self._levels(encoded, frequent, max(min_count, 1)))
        model = FPGrowthModel._create(spark, items_type.elementType, values, frequent, count)
        model._resetUid(self.uid)
        return self._copyValues(model)

    @staticmethod
    def _levels(encoded, singles, min_count):
        """The frequent itemsets of two items and more: {sorted id tuple: count}."""
        with tr.Materialized(encoded) as transactions:
            found, level, k = {}, dict(singles), 2
            while level:
                previous = "" if k == 2 else fu.doubles_text(
                    [i for itemset in sorted(level) for i in itemset])
                rows = (transactions.select(F.explode(fu.engine_call(
                    "ml_apriori_subsets", F.col("ids"), str(k), previous)).alias("key"))
                    .groupBy("key").count().filter(F.col("count") >= min_count).collect())
                level = {tuple(int(i) for i in key.split(",")): n for key, n in rows}
                found.update(level)
                k += 1
        return found


class FPGrowthModel(_FPGrowthParams, Model, DefaultParamsWritable, DefaultParamsReadable):
    """The frequent itemsets (freqItemsets), the association rules derived from them at
    minConfidence (associationRules), and transform's predicted items."""

    def __init__(self):
        super().__init__()
        self._freq_itemsets = None
        self._num_records = 0
        self._rules = None

    @classmethod
    def _create(cls, spark, element_type, values, frequent, num_records):
        model = cls()
        rows = [([values[i] for i in itemset], int(n)) for itemset, n in sorted(
            frequent.items(), key=lambda item: (len(item[0]), item[0]))]
        model._freq_itemsets = spark.createDataFrame(rows, StructType([
            StructField("items", ArrayType(element_type, True), False),
            StructField("freq", LongType(), False)]))
        model._num_records = num_records
        return model

    @property
    def freqItemsets(self):
        return self._freq_itemsets

    @property
    def associationRules(self):
        return self._association_rules()[1]

    def setItemsCol(self, value):
        return self._set(itemsCol=value)

    def setMinConfidence(self, value):
        self._rules = None
        return self._set(minConfidence=value)

    def setPredictionCol(self, value):
        return self._set(predictionCol=value)

    def _association_rules(self):
        """(rules as (antecedent, consequent) lists, their DataFrame) at minConfidence: for each
        frequent itemset and each of its items, that item as the consequent of the others."""
        if self._rules is not None and self._rules[0] == self.getMinConfidence():
            return self._rules[1:]
        rows = self._freq_itemsets.collect()
        element_type = self._freq_itemsets.schema["items"].dataType.elementType
        counts = {frozenset(r[0]): r[1] for r in rows}
        rules = []
        for itemset, freq in ((r[0], r[1]) for r in rows if len(r[0]) > 1):
            for consequent in itemset:
                antecedent = [i for i in itemset if i != consequent]
                confidence = freq / counts[frozenset(antecedent)]
                if confidence >= self.getMinConfidence():
                    support = freq / self._num_records
                    lift = confidence / (counts[frozenset([consequent])] / self._num_records)
                    rules.append((antecedent, [consequent], confidence, lift, support))
        spark = self._freq_itemsets.sparkSession
        frame = spark.createDataFrame(rules, StructType([
            StructField("antecedent", ArrayType(element_type, True), False),
            StructField("consequent", ArrayType(element_type, True), False),
            StructField("confidence", DoubleType(), False),
            StructField("lift", DoubleType(), True),
            StructField("support", DoubleType(), False)]))
        self._rules = (self.getMinConfidence(), [(r[0], r[1]) for r in rules], frame)
        return self._rules[1:]

    def _transform(self, dataset):
        items_type = self._items_type(dataset)
        rules, _ = self._association_rules()
        items = F.col(self.getItemsCol())

        def literal_array(values):
            return F.array(*[F.lit(v) for v in values]).cast(items_type)

        antecedents = F.array(*[literal_array(a) for a, _ in rules]).cast(
            ArrayType(items_type))
        consequents = literal_array([c[0] for _, c in rules])
        return dataset.withColumn(self.getPredictionCol(), fu.engine_call(
            "ml_fp_predict", items, antecedents, consequents))

    def _save_data(self, path, spark):
        self._freq_itemsets.write.parquet(os.path.join(path, "data"))

    def _extra_metadata(self):
        return {"numTrainingRecords": self._num_records}

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        model = cls()
        model._freq_itemsets = spark.read.parquet(os.path.join(path, "data"))
        model._num_records = int(metadata.get("numTrainingRecords", 0))
        return model

    def __repr__(self):
        return "FPGrowthModel: uid=%s, numTrainingRecords=%d" % (self.uid, self._num_records)
