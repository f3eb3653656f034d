"""BisectingKMeans of pyspark.ml.clustering: Spark's divisive k-means.

From the root cluster of every row, each level splits the active clusters that are large enough
(minDivisibleClusterSize) and not tight (cost above EPSILON * size), the largest first when
fewer are needed to reach k leaves: each split center becomes two centers moved by -/+ 1e-4
||center|| times a noise vector from java.util.Random(seed) (Spark's generator), refined by
maxIter passes over the cluster's rows. A row's cluster is found by walking down the tree to the
closer child of each split (ml_bisecting_assign), so every pass is one engine aggregate: the
rows grouped by their node, each group's ml_summary giving its weight, center and cost. The
model predicts with the same walk.
"""

import json
import math
import os

import numpy as np

from pyspark import keyword_only
from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Estimator, Model
from pyspark.ml.clustering import ClusteringSummary
from pyspark.ml.linalg import DenseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasFeaturesCol, HasMaxIter, HasPredictionCol, HasSeed, HasWeightCol,
)
from pyspark.ml.util import DefaultParamsReadable, DefaultParamsWritable, HasTrainingSummary
from pyspark.sql import functions as F

_EPSILON = np.finfo(float).eps
_LEVEL_LIMIT = math.log10(2 ** 63 - 1) / math.log10(2)


class _JavaRandom:
    """java.util.Random's generator, which Spark's splits draw their noise from."""

    _MULTIPLIER, _MASK = 0x5DEECE66D, (1 << 48) - 1

    def __init__(self, seed):
        self._state = (seed ^ self._MULTIPLIER) & self._MASK

    def _next(self, bits):
        self._state = (self._state * self._MULTIPLIER + 0xB) & self._MASK
        return self._state >> (48 - bits)

    def next_double(self):
        return ((self._next(26) << 27) + self._next(27)) * 2.0 ** -53


class _BisectingKMeansParams(HasMaxIter, HasFeaturesCol, HasSeed, HasPredictionCol,
                             HasWeightCol):
    k = Param(Params._dummy(), "k", "The desired number of leaf clusters. Must be > 1.",
              typeConverter=TypeConverters.toInt)
    minDivisibleClusterSize = Param(
        Params._dummy(), "minDivisibleClusterSize", "The minimum number of points (if >= 1.0) "
        "or the minimum proportion of points (if < 1.0) of a divisible cluster.",
        typeConverter=TypeConverters.toFloat)
    distanceMeasure = Param(Params._dummy(), "distanceMeasure", "the distance measure. "
                            "Supported options: 'euclidean' and 'cosine'.",
                            typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(maxIter=20, k=4, minDivisibleClusterSize=1.0,
                         distanceMeasure="euclidean")

    def getK(self):
        return self.getOrDefault(self.k)

    def getMinDivisibleClusterSize(self):
        return self.getOrDefault(self.minDivisibleClusterSize)

    def getDistanceMeasure(self):
        return self.getOrDefault(self.distanceMeasure)


def _tree_text(n, splits):
    """ml_bisecting_assign's text of the split nodes {node: (left center, right center)}."""
    parts = [float(n)]
    for node in sorted(splits):
        left, right = splits[node]
        parts += [float(node)] + list(left) + list(right)
    return fu.doubles_text(parts)


def _summaries(data, n, splits):
    """{node: (weight, center, cost)} of the rows grouped by the node they walk down to."""
    node = fu.engine_call("ml_bisecting_assign", _tree_text(n, splits), F.col(tr.FEATURES))
    rows = data.groupBy(node.alias("node")).agg(
        fu.engine_call("ml_summary", F.col(tr.FEATURES), F.col(tr.WEIGHT))).collect()
    out = {}
    for index, values in rows:
        if not values:
            continue
        summary = tr.Summary(values)
        squares = float(np.sum(summary.norm_l2 ** 2))
        cost = max(squares - summary.weight_sum * float(summary.mean.dot(summary.mean)), 0.0)
        out[int(index)] = (summary.weight_sum, summary.mean, cost)
    return out


class BisectingKMeans(_BisectingKMeansParams, Estimator, DefaultParamsWritable,
                      DefaultParamsReadable):
    """Divisive hierarchical k-means down to k leaf clusters."""

    @keyword_only
    def __init__(self, *, featuresCol="features", predictionCol="prediction", maxIter=20,
                 seed=None, k=4, minDivisibleClusterSize=1.0, distanceMeasure="euclidean",
                 weightCol=None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol="features", predictionCol="prediction", maxIter=20,
                  seed=None, k=4, minDivisibleClusterSize=1.0, distanceMeasure="euclidean",
                  weightCol=None):
        return self._set(**self._input_kwargs)

    def setK(self, value):
        return self._set(k=value)

    def setMinDivisibleClusterSize(self, value):
        return self._set(minDivisibleClusterSize=value)

    def _fit(self, dataset):
        if self.getK() < 2:
            fu.check_choice(self, "k", self.getK(), ())
        fu.require(self.getMaxIter() >= 1, "maxIter must be >= 1")
        fu.require(self.getMinDivisibleClusterSize() > 0,
                   "minDivisibleClusterSize must be > 0")
        if self.getDistanceMeasure() != "euclidean":
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={
                "feature": "BisectingKMeans with distanceMeasure %s" % self.getDistanceMeasure()})
        weight_col = self.getWeightCol() if self.isDefined(self.weightCol) else None
        fu.check_vector_column(dataset, self.getFeaturesCol())
        frame = tr.instances(dataset.withColumn("__ember_label", F.lit(0.0)),
                             self.getFeaturesCol(), "__ember_label", weight_col, False)
        with tr.Materialized(frame.filter(F.col(tr.FEATURES).isNotNull())) as data:
            n = tr.summarize(data).size
            clusters, splits = self._divide(data, n)
        model = BisectingKMeansModel._create(clusters, splits)
        model._resetUid(self.uid)
        model = self._copyValues(model)
        model._summary = BisectingKMeansSummary(
            model.transform(dataset), model.getPredictionCol(), model.getFeaturesCol(),
            len(model.clusterCenters()), self.getMaxIter(), model._training_cost())
        return model

    def _divide(self, data, n):
        """All clusters {node: (weight, center, cost)} and the splits {node: (left, right)}."""
        active = _summaries(data, n, {})
        clusters = dict(active)
        total = active[1][0]
        threshold = self.getMinDivisibleClusterSize()
        min_size = math.ceil(threshold) if threshold >= 1.0 else math.ceil(threshold * total)
        splits, needed, level = {}, self.getK() - 1, 1
        rng = _JavaRandom(self.getSeed())
        while active and needed > 0 and level < _LEVEL_LIMIT:
            divisible = {i: s for i, s in active.items()
                         if s[0] >= min_size and s[2] > _EPSILON * s[0]}
            if len(divisible) > needed:
                largest = sorted(divisible, key=lambda i: -divisible[i][0])[:needed]
                divisible = {i: divisible[i] for i in largest}
            if not divisible:
                break
            centers = {}
            for i in sorted(divisible):
                center = divisible[i][1]
                level_noise = 1e-4 * np.linalg.norm(center)
                noise = np.array([rng.next_double() for _ in range(n)])
                centers[2 * i], centers[2 * i + 1] = (center - level_noise * noise,
                                                      center + level_noise * noise)
            children = {}
            for _ in range(self.getMaxIter()):
                trial = dict(splits)
                trial.update({i: (centers[2 * i], centers[2 * i + 1]) for i in divisible})
                children = {c: s for c, s in _summaries(data, n, trial).items()
                            if c // 2 in divisible}
                centers.update({c: s[1] for c, s in children.items()})
            splits.update({i: (centers[2 * i], centers[2 * i + 1]) for i in divisible})
            clusters.update(children)
            active = children
            needed -= len(divisible)
            level += 1
        return clusters, splits


class BisectingKMeansModel(_BisectingKMeansParams, Model, HasTrainingSummary,
                           DefaultParamsWritable, DefaultParamsReadable):
    """The fitted tree: its leaves' centers (clusterCenters, in the tree's left-to-right order)
    and the split nodes a row walks down to reach one."""

    def __init__(self):
        super().__init__()
        self._nodes = {}   # node -> (weight, center, cost)
        self._splits = {}  # node -> (left center, right center)

    @classmethod
    def _create(cls, clusters, splits):
        model = cls()
        model._nodes = {i: (float(w), np.asarray(c, dtype=float), float(cost))
                        for i, (w, c, cost) in clusters.items()}
        model._splits = {i: s for i, s in splits.items() if 2 * i in clusters}
        return model

    def _leaves(self, node=1):
        if node in self._splits:
            return self._leaves(2 * node) + self._leaves(2 * node + 1)
        return [node]

    def clusterCenters(self):
        return [self._nodes[i][1].copy() for i in self._leaves()]

    def _training_cost(self):
        return float(sum(self._nodes[i][2] for i in self._leaves()))

    @property
    def numFeatures(self):
        return len(self._nodes[1][1])

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        if not self.getPredictionCol():
            return dataset
        leaves = fu.doubles_text([x for leaf, node in enumerate(self._leaves())
                                  for x in (node, leaf)])
        return dataset.withColumn(self.getPredictionCol(), fu.engine_call(
            "ml_bisecting_assign", _tree_text(self.numFeatures, self._splits),
            F.col(self.getFeaturesCol()), leaves))

    def predict(self, value):
        x = _convert_to_vector(value).toArray()
        node = 1
        while node in self._splits:
            left, right = self._splits[node]
            node = 2 * node + (1 if np.sum((x - right) ** 2) < np.sum((x - left) ** 2) else 0)
        return self._leaves().index(node)

    # Spark keeps the mllib model's layout under data/: a metadata JSON line and the nodes
    def _save_data(self, path, spark):
        from pyspark.ml.linalg import VectorUDT
        from pyspark.sql.types import (ArrayType, DoubleType, IntegerType, StructField,
                                       StructType)
        leaves = self._leaves()
        internal, pending = [], [1]  # splits in Spark's numbering order: depth first, left first
        while pending:
            node = pending.pop()
            if node in self._splits:
                internal.append(node)
                pending += [2 * node + 1, 2 * node]

        def spark_index(node):
            return leaves.index(node) if node in leaves else -1 - internal.index(node)

        rows = []
        for node in sorted(self._nodes):
            weight, center, cost = self._nodes[node]
            children = ([spark_index(2 * node), spark_index(2 * node + 1)]
                        if node in self._splits else [])
            height = (math.sqrt(max(np.sum((center - self._nodes[c][1]) ** 2)
                                    for c in (2 * node, 2 * node + 1)))
                      if node in self._splits else 0.0)
            rows.append((spark_index(node), weight, DenseVector(center),
                         float(np.linalg.norm(center)), cost, height, children))
        schema = StructType([StructField("index", IntegerType(), False),
                             StructField("size", DoubleType(), False),
                             StructField("center", VectorUDT(), True),
                             StructField("norm", DoubleType(), False),
                             StructField("cost", DoubleType(), False),
                             StructField("height", DoubleType(), False),
                             StructField("children", ArrayType(IntegerType(), False), True)])
        data = os.path.join(path, "data")
        spark.createDataFrame(rows, schema).write.parquet(os.path.join(data, "data"))
        os.makedirs(os.path.join(data, "metadata"), exist_ok=True)
        with open(os.path.join(data, "metadata", "part-00000"), "w") as f:
            f.write(json.dumps({
                "class": "org.apache.spark.mllib.clustering.BisectingKMeansModel",
                "version": "3.0", "rootId": spark_index(1), "k": len(leaves),
                "distanceMeasure": self.getDistanceMeasure(),
                "trainingCost": self._training_cost()}) + "\n")

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        rows = {r["index"]: r for r in
                spark.read.parquet(os.path.join(path, "data", "data")).collect()}
        children = {c for r in rows.values() for c in (r.children or [])}
        # Spark numbers leaves 0, 1... and splits -1, -2...: the root is nobody's child, and
        # node i's children become 2i and 2i + 1 as the walk numbers them
        pending = [(1, next(i for i in rows if i not in children))]
        model = cls()
        while pending:
            node, index = pending.pop()
            row = rows[index]
            model._nodes[node] = (row.size, row.center.toArray(), row.cost)
            if row.children:
                pending += [(2 * node, row.children[0]), (2 * node + 1, row.children[1])]
        model._splits = {i: (model._nodes[2 * i][1], model._nodes[2 * i + 1][1])
                         for i in model._nodes if 2 * i in model._nodes}
        return model

    def __repr__(self):
        return "BisectingKMeansModel: uid=%s, k=%d, distanceMeasure=%s" % (
            self.uid, len(self._leaves()), self.getDistanceMeasure())


class BisectingKMeansSummary(ClusteringSummary):
    """BisectingKMeans' clustering summary, with the training cost (the leaves' costs)."""

    def __init__(self, predictions, predictionCol, featuresCol, k, numIter, trainingCost):
        super().__init__(predictions, predictionCol, featuresCol, k, numIter)
        self._training_cost = trainingCost

    @property
    def trainingCost(self):
        return self._training_cost


for _cls in (BisectingKMeans, BisectingKMeansModel, BisectingKMeansSummary):
    _cls.__module__ = "pyspark.ml.clustering"
