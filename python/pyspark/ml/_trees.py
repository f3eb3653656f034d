"""Decision trees and random forests (classification and regression), trained level by level as
Spark does: candidate thresholds per feature come from a sample of the rows (Spark's
findSplits), then each level of every tree of the forest is one engine aggregate
(ml_tree_histogram: per frontier node, feature and bin the instance count and label statistics,
with bootstrap multiplicities drawn from a hash of the seed, tree and row id); the driver picks
each node's best split from those histograms. Models predict with ml_tree_predict and save
Spark's nodeData rows. classification.py and regression.py export the estimators and models."""

import json
import os
import random

import numpy as np

from pyspark.ml import _feature_util as fu
from pyspark.ml import _training as tr
from pyspark.ml.base import Model
from pyspark.ml.linalg import SparseVector, _convert_to_vector
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import (
    HasFeaturesCol, HasLabelCol, HasPredictionCol, HasProbabilityCol, HasRawPredictionCol,
    HasSeed, HasThresholds, HasWeightCol,
)
from pyspark.sql import functions as F

ROW_ID = "row_id"


class _DecisionTreeParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasSeed, HasWeightCol):
    maxDepth = Param(Params._dummy(), "maxDepth", "Maximum depth of the tree. (>= 0) E.g., "
                     "depth 0 means 1 leaf node; depth 1 means 1 internal node + 2 leaf nodes. "
                     "Must be in range [0, 30].", typeConverter=TypeConverters.toInt)
    maxBins = Param(Params._dummy(), "maxBins", "Max number of bins for discretizing continuous "
                    "features.  Must be >=2 and >= number of categories for any categorical "
                    "feature.", typeConverter=TypeConverters.toInt)
    minInstancesPerNode = Param(Params._dummy(), "minInstancesPerNode", "Minimum number of "
                                "instances each child must have after split. If a split causes "
                                "the left or right child to have fewer than "
                                "minInstancesPerNode, the split will be discarded as invalid. "
                                "Should be >= 1.", typeConverter=TypeConverters.toInt)
    minWeightFractionPerNode = Param(Params._dummy(), "minWeightFractionPerNode", "Minimum "
                                     "fraction of the weighted sample count that each child "
                                     "must have after split. Should be in [0.0, 0.5).",
                                     typeConverter=TypeConverters.toFloat)
    minInfoGain = Param(Params._dummy(), "minInfoGain", "Minimum information gain for a split "
                        "to be considered at a tree node.", typeConverter=TypeConverters.toFloat)
    maxMemoryInMB = Param(Params._dummy(), "maxMemoryInMB", "Maximum memory in MB allocated to "
                          "histogram aggregation.", typeConverter=TypeConverters.toInt)
    cacheNodeIds = Param(Params._dummy(), "cacheNodeIds", "If false, the algorithm will pass "
                         "trees to executors to match instances with nodes.",
                         typeConverter=TypeConverters.toBoolean)
    checkpointInterval = Param(Params._dummy(), "checkpointInterval", "set checkpoint interval "
                               "(>= 1) or disable checkpoint (-1).",
                               typeConverter=TypeConverters.toInt)
    impurity = Param(Params._dummy(), "impurity", "Criterion used for information gain "
                     "calculation (case-insensitive).", typeConverter=TypeConverters.toString)
    leafCol = Param(Params._dummy(), "leafCol", "Leaf indices column name. Predicted leaf index "
                    "of each instance in each tree by preorder.",
                    typeConverter=TypeConverters.toString)

    _IMPURITIES = ()

    def __init__(self):
        super().__init__()
        self._setDefault(maxDepth=5, maxBins=32, minInstancesPerNode=1,
                         minWeightFractionPerNode=0.0, minInfoGain=0.0, maxMemoryInMB=256,
                         cacheNodeIds=False, checkpointInterval=10, leafCol="")

    def getMaxDepth(self):
        return self.getOrDefault(self.maxDepth)

    def getMaxBins(self):
        return self.getOrDefault(self.maxBins)

    def getMinInstancesPerNode(self):
        return self.getOrDefault(self.minInstancesPerNode)

    def getMinWeightFractionPerNode(self):
        return self.getOrDefault(self.minWeightFractionPerNode)

    def getMinInfoGain(self):
        return self.getOrDefault(self.minInfoGain)

    def getMaxMemoryInMB(self):
        return self.getOrDefault(self.maxMemoryInMB)

    def getCacheNodeIds(self):
        return self.getOrDefault(self.cacheNodeIds)

    def getCheckpointInterval(self):
        return self.getOrDefault(self.checkpointInterval)

    def getImpurity(self):
        return self.getOrDefault(self.impurity)

    def getLeafCol(self):
        return self.getOrDefault(self.leafCol)

    def setMaxDepth(self, value):
        return self._set(maxDepth=value)

    def setMaxBins(self, value):
        return self._set(maxBins=value)

    def setMinInstancesPerNode(self, value):
        return self._set(minInstancesPerNode=value)

    def setMinInfoGain(self, value):
        return self._set(minInfoGain=value)

    def setImpurity(self, value):
        return self._set(impurity=value)

    def _check_tree_params(self):
        fu.require(0 <= self.getMaxDepth() <= 30, "maxDepth given invalid value %d."
                   % self.getMaxDepth())
        fu.require(self.getMaxBins() >= 2, "maxBins given invalid value %d." % self.getMaxBins())
        fu.require(self.getMinInstancesPerNode() >= 1, "minInstancesPerNode given invalid "
                   "value %d." % self.getMinInstancesPerNode())
        fu.require(0.0 <= self.getMinWeightFractionPerNode() < 0.5, "minWeightFractionPerNode "
                   "given invalid value %s." % self.getMinWeightFractionPerNode())
        fu.check_choice(self, "impurity", self.getImpurity().lower(), self._IMPURITIES)
        if self.getLeafCol():
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
                                             messageParameters={"feature": "leafCol"})


class _TreeEnsembleParams(_DecisionTreeParams):
    subsamplingRate = Param(Params._dummy(), "subsamplingRate", "Fraction of the training data "
                            "used for learning each decision tree, in range (0, 1].",
                            typeConverter=TypeConverters.toFloat)
    featureSubsetStrategy = Param(
        Params._dummy(), "featureSubsetStrategy",
        "The number of features to consider for splits at each tree node. Supported options: "
        "'auto' (choose automatically for task: If numTrees == 1, set to 'all'. If numTrees > 1 "
        "(forest), set to 'sqrt' for classification and to 'onethird' for regression), 'all' "
        "(use all features), 'onethird' (use 1/3 of the features), 'sqrt' (use sqrt(number of "
        "features)), 'log2' (use log2(number of features)), 'n' (when n is in the range (0, "
        "1.0], use n * number of features. When n is in the range (1, number of features), use"
        " n features). default = 'auto'", typeConverter=TypeConverters.toString)

    def __init__(self):
        super().__init__()
        self._setDefault(subsamplingRate=1.0, featureSubsetStrategy="auto")

    def getSubsamplingRate(self):
        return self.getOrDefault(self.subsamplingRate)

    def getFeatureSubsetStrategy(self):
        return self.getOrDefault(self.featureSubsetStrategy)

    def setSubsamplingRate(self, value):
        return self._set(subsamplingRate=value)

    def setFeatureSubsetStrategy(self, value):
        return self._set(featureSubsetStrategy=value)


class _RandomForestParams(_TreeEnsembleParams):
    numTrees = Param(Params._dummy(), "numTrees", "Number of trees to train (>= 1).",
                     typeConverter=TypeConverters.toInt)
    bootstrap = Param(Params._dummy(), "bootstrap", "Whether bootstrap samples are used when "
                      "building trees.", typeConverter=TypeConverters.toBoolean)

    def __init__(self):
        super().__init__()
        self._setDefault(numTrees=20, bootstrap=True)

    def getNumTrees(self):
        return self.getOrDefault(self.numTrees)

    def getBootstrap(self):
        return self.getOrDefault(self.bootstrap)

    def setNumTrees(self, value):
        return self._set(numTrees=value)

    def setBootstrap(self, value):
        return self._set(bootstrap=value)


class _ClassifierParams(HasProbabilityCol, HasRawPredictionCol, HasThresholds):
    _IMPURITIES = ("gini", "entropy")

    def __init__(self):
        super().__init__()
        self._setDefault(impurity="gini")


class _RegressorParams:
    _IMPURITIES = ("variance",)

    def __init__(self):
        super().__init__()
        self._setDefault(impurity="variance")


# ---- training -------------------------------------------------------------------------------

def candidate_thresholds(values, max_bins):
    """Spark's thresholds of one continuous feature from sampled values: midpoints between
    consecutive distinct values when there are few, else midpoints chosen where the cumulative
    count comes closest to each of max_bins - 1 evenly spaced targets."""
    distinct, counts = np.unique(values, return_counts=True)
    splits = max_bins - 1
    if len(distinct) <= 1:
        return []
    if len(distinct) - 1 <= splits:
        return [float((a + b) / 2.0) for a, b in zip(distinct[:-1], distinct[1:])]
    stride = float(len(values)) / (splits + 1)
    chosen, cumulative, target = [], float(counts[0]), stride
    for i in range(1, len(distinct)):
        before = cumulative
        cumulative += counts[i]
        if abs(before - target) < abs(cumulative - target):
            chosen.append(float((distinct[i - 1] + distinct[i]) / 2.0))
            target += stride
    return chosen


def impurity(stats, kind):
    """Impurity of a node from its statistics: class weights, or (w, sum wy, sum wy^2)."""
    if kind == "variance":
        w, s, q = stats
        return 0.0 if w <= 0 else max(q / w - (s / w) ** 2, 0.0)
    total = float(np.sum(stats))
    if total <= 0:
        return 0.0
    p = np.asarray(stats) / total
    if kind == "gini":
        return float(1.0 - np.sum(p * p))
    nz = p[p > 0]
    return float(-np.sum(nz * np.log2(nz)))


def subset_size(strategy, n, classification, num_trees):
    strategy = strategy.lower()
    if strategy == "auto":
        strategy = "all" if num_trees == 1 else ("sqrt" if classification else "onethird")
    if strategy == "all":
        return n
    if strategy == "sqrt":
        return max(1, int(np.ceil(np.sqrt(n))))
    if strategy == "log2":
        return max(1, int(np.ceil(np.log2(n))))
    if strategy == "onethird":
        return max(1, int(np.ceil(n / 3.0)))
    try:
        value = float(strategy)
    except ValueError:
        raise fu.IllegalArgumentException(
            message="featureSubsetStrategy given invalid value %s." % strategy)
    if 0 < value <= 1.0 and "." in strategy:
        return max(1, int(np.ceil(value * n)))
    fu.require(value >= 1 and value == int(value), "featureSubsetStrategy given invalid value %s."
               % strategy)
    return min(n, int(value))


class Node:
    __slots__ = ("feature", "threshold", "left", "right", "stats", "count", "gain")

    def __init__(self, stats, count):
        self.feature, self.threshold, self.left, self.right = -1, 0.0, -1, -1
        self.stats, self.count, self.gain = np.asarray(stats, dtype=float), count, -1.0

    def weight(self, classification):
        return float(np.sum(self.stats)) if classification else float(self.stats[0])


def forest_text(k, trees, values):
    """ml_util.h's Forest text of `trees` (lists of Node) with values(node) of k numbers."""
    parts = [k, len(trees)]
    for nodes in trees:
        parts.append(len(nodes))
        for node in nodes:
            parts.extend([node.feature, node.threshold, node.left, node.right])
            parts.extend(values(node))
    return fu.doubles_text(parts)


def grow(data, num_features, num_classes, params):
    """The trees (lists of Node, root first, children after parents) grown on the materialized
    instances `data` (features, label, weight, row_id). num_classes is 0 for a regression."""
    classification = num_classes > 0
    kind = params["impurity"]
    max_depth, max_bins = params["maxDepth"], params["maxBins"]
    min_instances, min_gain = params["minInstancesPerNode"], params["minInfoGain"]
    min_fraction = params["minWeightFractionPerNode"]
    min_weight = {}  # per tree: the least weight a child may have
    num_trees, seed = params["numTrees"], params["seed"]
    count = data.count()
    fraction = min(1.0, max(max_bins * max_bins, 10000) / float(max(count, 1)))
    sample = data if fraction >= 1.0 else data.sample(False, fraction, seed)
    matrix = np.array([r[0].toArray() for r in sample.select(tr.FEATURES).collect()])
    thresholds = [candidate_thresholds(matrix[:, f], max_bins) if len(matrix) else []
                  for f in range(num_features)]
    threshold_text = fu.doubles_text([num_features] + [v for t in thresholds
                                                       for v in [len(t)] + t])
    bagging = "%d,%r,%d" % (seed & 0x7FFFFFFFFFFFFFFF, float(params["subsamplingRate"]),
                            1 if params["bootstrap"] else 0)
    stats_width = 1 + num_classes if classification else 4
    subset = subset_size(params["featureSubsetStrategy"], num_features, classification,
                         num_trees)
    rng = random.Random(seed)
    trees = [[Node(np.zeros(num_classes if classification else 3), 0)] for _ in range(num_trees)]
    frontier = [(t, 0) for t in range(num_trees)]
    for depth in range(max_depth + 1):
        if not frontier:
            break
        slots = {key: i for i, key in enumerate(frontier)}
        slot_of = {id(trees[t][index]): slot for (t, index), slot in slots.items()}
        forest = forest_text(1, trees, lambda node: [slot_of.get(id(node), -1)])
        row = data.agg(fu.engine_call(
            "ml_tree_histogram", str(num_classes), threshold_text, forest, bagging,
            F.col(tr.FEATURES), F.col(tr.LABEL), F.col(tr.WEIGHT),
            F.col(ROW_ID))).head()
        if row is None or row[0] is None:
            break
        bins = sum(len(t) + 1 for t in thresholds)
        histogram = np.array(row[0]).reshape(len(slots), bins, stats_width)
        next_frontier = []
        for (t, index), slot in slots.items():
            node = trees[t][index]
            first = histogram[slot, :len(thresholds[0]) + 1] if num_features else np.zeros((1, stats_width))
            totals = first.sum(axis=0)
            node.count = int(round(totals[0]))
            node.stats = totals[1:] if classification else totals[1:4]
            if index == 0:
                min_weight[t] = min_fraction * node.weight(classification)
            if depth == max_depth or node.count < 2 * min_instances:
                continue
            parent_impurity = impurity(node.stats, kind)
            features = (range(num_features) if subset >= num_features
                        else sorted(rng.sample(range(num_features), subset)))
            best = None
            offset_of = np.cumsum([0] + [len(t) + 1 for t in thresholds])
            for f in features:
                block = histogram[slot, offset_of[f]:offset_of[f + 1]]
                left = np.cumsum(block, axis=0)[:-1]
                for j in range(len(left)):
                    lc, rc = left[j][0], totals[0] - left[j][0]
                    if lc < min_instances or rc < min_instances:
                        continue
                    ls = left[j][1:] if classification else left[j][1:4]
                    rs = node.stats - ls
                    lw = float(np.sum(ls)) if classification else ls[0]
                    rw = float(np.sum(rs)) if classification else rs[0]
                    total = lw + rw
                    if lw <= 0 or rw <= 0 or lw < min_weight[t] or rw < min_weight[t]:
                        continue
                    gain = (parent_impurity - lw / total * impurity(ls, kind)
                            - rw / total * impurity(rs, kind))
                    if best is None or gain > best[0]:
                        best = (gain, f, thresholds[f][j], ls, rs, lc, rc)
            if best is None or best[0] <= 0 or best[0] < min_gain:
                continue
            gain, f, threshold, ls, rs, lc, rc = best
            node.feature, node.threshold, node.gain = f, threshold, gain
            node.left, node.right = len(trees[t]), len(trees[t]) + 1
            trees[t].append(Node(ls, int(round(lc))))
            trees[t].append(Node(rs, int(round(rc))))
            if depth + 1 < max_depth:
                next_frontier += [(t, node.left), (t, node.right)]
            # children at the last level keep the statistics their parent's split gave them
        frontier = next_frontier
    return trees


def fit(estimator, dataset, classification, num_trees, ensemble):
    estimator._check_tree_params()
    weight_col = estimator.getWeightCol() if estimator.isDefined(estimator.weightCol) else None
    frame = tr.instances(dataset, estimator.getFeaturesCol(), estimator.getLabelCol(),
                         weight_col, classification)
    frame = frame.withColumn(ROW_ID, F.monotonically_increasing_id())
    with tr.Materialized(frame) as data:
        first = data.select(tr.FEATURES).head()
        fu.require(first is not None, "Nothing has been added to this summarizer.")
        num_features = len(first[0])
        num_classes = 0
        if classification:
            num_classes = max(2, len(tr.label_histogram(data)))
        params = {
            "impurity": estimator.getImpurity().lower(), "maxDepth": estimator.getMaxDepth(),
            "maxBins": estimator.getMaxBins(),
            "minInstancesPerNode": estimator.getMinInstancesPerNode(),
            "minInfoGain": estimator.getMinInfoGain(), "numTrees": num_trees,
            "minWeightFractionPerNode": estimator.getMinWeightFractionPerNode(),
            "seed": estimator.getSeed(),
            "subsamplingRate": estimator.getSubsamplingRate() if ensemble else 1.0,
            "bootstrap": estimator.getBootstrap() if ensemble else False,
            "featureSubsetStrategy":
                estimator.getFeatureSubsetStrategy() if ensemble else "all",
        }
        fu.require(params["subsamplingRate"] > 0, "subsamplingRate given invalid value.")
        trees = grow(data, num_features, num_classes, params)
    return trees, num_features, num_classes


# ---- models ---------------------------------------------------------------------------------

class _TreeModel(Model):
    """A forest of trees (one for a decision tree model). Subclasses give _classification and
    _ensemble."""

    _classification = False
    _ensemble = False
    _importances_per_tree = True  # each tree's importances normalized before they are summed

    def __init__(self, trees=None, numFeatures=0, numClasses=0, treeWeights=None):
        super().__init__()
        self._trees = trees or []
        self._num_features = numFeatures
        self._num_classes = numClasses
        self._tree_weights = list(treeWeights) if treeWeights else [1.0] * len(self._trees)

    def copy(self, extra=None):
        that = super().copy(extra)
        that._trees, that._num_features = self._trees, self._num_features
        that._num_classes, that._tree_weights = self._num_classes, self._tree_weights
        return that

    @property
    def numFeatures(self):
        return self._num_features

    @property
    def featureImportances(self):
        """Spark's importances: per tree, each split's gain times its node's weight, summed per
        feature (and normalized, except for boosted trees); then summed over the trees and
        normalized."""
        total = np.zeros(self._num_features)
        for nodes in self._trees:
            importance = np.zeros(self._num_features)
            for node in nodes:
                if node.feature >= 0:
                    importance[node.feature] += node.gain * node.weight(self._classification)
            if self._importances_per_tree and importance.sum() > 0:
                importance /= importance.sum()
            total += importance
        if total.sum() > 0:
            total /= total.sum()
        nonzero = np.nonzero(total)[0]
        return SparseVector(self._num_features, nonzero.tolist(), total[nonzero].tolist())

    def _leaf_values(self, node):
        if not self._classification:
            return [node.stats[1] / node.stats[0] if node.stats[0] > 0 else 0.0]
        if not self._ensemble:
            return list(node.stats)
        total = float(np.sum(node.stats))
        return list(node.stats / total) if total > 0 else list(node.stats)

    def _engine(self, kind, features):
        k = self._num_classes if self._classification else 1
        return fu.engine_call("ml_tree_predict", kind,
                              forest_text(k, self._trees, self._leaf_values), features)

    def _transform(self, dataset):
        fu.check_vector_column(dataset, self.getFeaturesCol())
        features = F.col(self.getFeaturesCol())
        columns = {}
        if self._classification and self.isDefined(self.thresholds):
            from pyspark.errors import PySparkNotImplementedError
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={
                "feature": "thresholds of tree models"})
        if self._classification:
            if self.getRawPredictionCol():
                columns[self.getRawPredictionCol()] = self._engine("raw", features)
            if self.getProbabilityCol():
                columns[self.getProbabilityCol()] = self._engine("probability", features)
            if self.getPredictionCol():
                columns[self.getPredictionCol()] = self._engine("prediction", features)
        elif self.getPredictionCol():
            columns[self.getPredictionCol()] = self._engine("regression", features)
        return dataset.withColumns(columns) if columns else dataset

    def _raw(self, value):
        x = _convert_to_vector(value).toArray()
        raw = np.zeros(self._num_classes if self._classification else 1)
        for nodes in self._trees:
            node = nodes[0]
            while node.feature >= 0:
                node = nodes[node.left if x[node.feature] <= node.threshold else node.right]
            raw += self._leaf_values(node)
        return raw

    def predict(self, value):
        raw = self._raw(value)
        return float(np.argmax(raw)) if self._classification else float(raw[0] / len(self._trees))

    # ---- Spark's nodeData rows ----

    _NODE_FIELDS = (("id", "int"), ("prediction", "double"), ("impurity", "double"),
                    ("impurityStats", "array<double>"), ("rawCount", "long"), ("gain", "double"),
                    ("leftChild", "int"), ("rightChild", "int"),
                    ("split", "struct<featureIndex:int,leftCategoriesOrThreshold:array<double>,"
                              "numCategories:int>"))

    def _node_rows(self, nodes, kind):
        rows = []
        for i, node in enumerate(nodes):
            if self._classification:
                prediction = float(np.argmax(node.stats))
                stats = [float(v) for v in node.stats]
            else:
                w, s, q = node.stats
                prediction = s / w if w > 0 else 0.0
                stats = [float(w), float(s), float(q)]
            split = ((node.feature, [float(node.threshold)], -1) if node.feature >= 0
                     else (-1, [], -1))
            rows.append((i, float(prediction), impurity(node.stats, kind), stats, node.count,
                         float(node.gain), node.left, node.right, split))
        return rows

    @staticmethod
    def _nodes_from_rows(rows):
        nodes = [None] * len(rows)
        for r in rows:
            node = Node(r["impurityStats"], r["rawCount"])
            split = r["split"]
            if r["leftChild"] >= 0:
                node.feature, node.threshold = split["featureIndex"], split["leftCategoriesOrThreshold"][0]
                node.left, node.right, node.gain = r["leftChild"], r["rightChild"], r["gain"]
            nodes[r["id"]] = node
        return nodes

    def _extra_metadata(self):
        extra = {"numFeatures": self._num_features}
        if self._classification:
            extra["numClasses"] = self._num_classes
        if self._ensemble:
            extra["numTrees"] = len(self._trees)
        return extra

    def _save_data(self, path, spark):
        kind = self.getImpurity().lower()
        if not self._ensemble:
            schema = ", ".join("%s %s" % f for f in self._NODE_FIELDS)
            spark.createDataFrame(self._node_rows(self._trees[0], kind), schema) \
                .write.parquet(os.path.join(path, "data"))
            return
        rows = [(t, row) for t, nodes in enumerate(self._trees)
                for row in self._node_rows(nodes, kind)]
        schema = "treeID int, nodeData struct<%s>" % ",".join("%s:%s" % f
                                                              for f in self._NODE_FIELDS)
        spark.createDataFrame(rows, schema).write.parquet(os.path.join(path, "data"))
        metadata = [(t, json.dumps({"class": "tree", "uid": "%s_tree_%d" % (self.uid, t)}),
                     float(self._tree_weights[t])) for t in range(len(self._trees))]
        spark.createDataFrame(metadata, "treeID int, metadata string, weights double") \
            .write.parquet(os.path.join(path, "treesMetadata"))

    @classmethod
    def _from_saved(cls, path, metadata, spark):
        frame = spark.read.parquet(os.path.join(path, "data"))
        if not cls._ensemble:
            trees = [cls._nodes_from_rows([r.asDict(recursive=True) for r in frame.collect()])]
        else:
            by_tree = {}
            for r in frame.collect():
                by_tree.setdefault(r["treeID"], []).append(r["nodeData"].asDict(recursive=True))
            trees = [cls._nodes_from_rows(by_tree[t]) for t in sorted(by_tree)]
            weights = {r["treeID"]: r["weights"] for r in
                       spark.read.parquet(os.path.join(path, "treesMetadata")).collect()}
            return cls(trees, metadata.get("numFeatures", 0), metadata.get("numClasses", 0),
                       [weights.get(t, 1.0) for t in sorted(by_tree)])
        return cls(trees, metadata.get("numFeatures", 0), metadata.get("numClasses", 0))


class _SingleTree:
    @property
    def depth(self):
        def depth_of(index):
            node = self._trees[0][index]
            return 0 if node.feature < 0 else 1 + max(depth_of(node.left), depth_of(node.right))
        return depth_of(0)

    @property
    def numNodes(self):
        return len(self._trees[0])


class _Forest:
    @property
    def getNumTrees(self):
        return len(self._trees)

    @property
    def treeWeights(self):
        return list(self._tree_weights)

    @property
    def totalNumNodes(self):
        return sum(len(nodes) for nodes in self._trees)

    @property
    def trees(self):
        single = self._single_class()
        models = []
        for nodes in self._trees:
            model = single([nodes], self._num_features, self._num_classes)
            self._copyValues(model)
            models.append(model)
        return models
