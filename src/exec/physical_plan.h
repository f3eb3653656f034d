// Physical plans: immutable trees of plain data that say how a query runs. Nothing in a node
// changes while it runs; operator instances (exec/operators/) carry the per-task state. Every node
// declares its output schema and partitioning. Exchange nodes cut the tree into stages: a stage is
// the fragment from its sources (scans, or exchanges it reads) up to the exchange it feeds or to
// the query result; a task is a stage plus a partition index. Plans serialize to JSON
// (physical_plan_json.h) so tasks can be shipped to executors.
#pragma once

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "common/error.h"
#include "common/types.h"
#include "common/vector.h"
#include "expr/expr.h"
#include "plan/data_source.h"
#include "plan/logical_plan.h"

namespace ember {

// The kinds, in the order of PhysicalPayload's alternatives.
enum class PhysicalKind : uint8_t {
  kFileScan,
  kLocalScan,
  kFilter,
  kProject,
  kHashAggregate,
  kSort,
  kLimit,
  kUnion,
  kExchange,
  kFileWrite,
  kHashJoin,
  kNestedLoopJoin,
  kReplicateRows,
  kWindow,
  kRange,
  kGenerate,
  kExpand,
  kWindowGroupLimit,
};

enum class PartitioningKind : uint8_t {
  kUnknown,     // some number of partitions with no known key placement
  kSingle,      // one partition
  kHash,        // rows with equal `keys` share a partition
  kRoundRobin,  // rows dealt out in turn
  kBroadcast,   // one partition that every task of the reading stage reads whole (keys: display only)
  kPartitionId,  // keys[0] is each row's partition number (range partitioning with known bounds)
  kRange,        // keys: kSortOrder expressions; rows go by the range bounds the job samples first
};

struct Partitioning {
  PartitioningKind kind = PartitioningKind::kUnknown;
  std::vector<ExprPtr> keys;  // kHash: expressions over the exchange's input
  int num_partitions = 1;
};

// Spark's aggregation modes. A partial-merge aggregate merges partial states and emits partial
// states again (the middle step of the distinct rewrite).
enum class AggregateMode : uint8_t { kPartial, kPartialMerge, kFinal, kComplete };

// One aggregate of a hash aggregate node.
struct PhysicalAggregate {
  // The resolved aggregate call (kAggregate) whose bound function makes the accumulator.
  ExprPtr call;
  // True: `inputs` are partial-state columns merged with Accumulator::Merge. False: `inputs` are
  // argument values added with Accumulator::Update.
  bool merge = false;
  std::vector<ExprPtr> inputs;  // resolved over the node's input
  ExprPtr filter;               // Update only: rows where it is not true are left out (FILTER (WHERE ...))
  // A DISTINCT call whose inputs are already unique per group (last step of the distinct rewrite):
  // `call` is bound to the plain, non-distinct function.
  bool plain = false;
};

struct WriteSpec {
  std::string format;
  std::string task_dir;  // directory where each task writes its part file before the job commits
  std::string job_uuid;  // part of every part file name
  Options options;
  // df.write.partitionBy: input columns whose values name the directories (`k=v/...`) the rows
  // go to, left out of the files; the input arrives sorted by them within each task.
  std::vector<int> partition_columns;
  int64_t max_records_per_file = 0;  // a task starts a new file after that many rows (0: never)
};

struct PhysicalNode;
using PhysicalPtr = std::shared_ptr<const PhysicalNode>;

// Reads files: one task per split.
struct FileScanExec {
  std::string format;
  std::vector<FileSplit> splits;
  Schema data_schema;
  Schema read_schema;
  std::vector<ExprPtr> filters;
  Options options;
  int64_t input_files = 0;  // for explain
  // Partitioned reads: output column i is the reader's column output_sources[i] when that is
  // >= 0, else the split's partition value -output_sources[i] - 1 (of type partition_schema[..]).
  // Empty: the reader's columns are the output.
  std::vector<int> output_sources;
  Schema partition_schema;
};

// Rows held in the plan, in the partitions of LocalRelationNode::partition_ends.
struct LocalScanExec {
  std::shared_ptr<const std::vector<Batch>> batches;
  std::vector<size_t> partition_ends;
  // Batches [first, second) of partition p.
  std::pair<size_t, size_t> PartitionBatches(int p) const {
    if (partition_ends.empty()) return {0, batches->size()};
    return {p == 0 ? 0 : partition_ends[p - 1], partition_ends[p]};
  }
};

struct FilterExec {
  ExprPtr predicate;
};

struct ProjectExec {
  std::vector<ExprPtr> exprs;
};

// output = group keys, then per aggregate its partial-state columns (partial and partial-merge
// modes) or its final value (final and complete modes).
struct HashAggregateExec {
  AggregateMode mode = AggregateMode::kComplete;
  std::vector<ExprPtr> groups;
  std::vector<PhysicalAggregate> aggregates;
  bool OutputsFinalAggregates() const { return mode == AggregateMode::kFinal || mode == AggregateMode::kComplete; }
};

// Sorts each partition by kSortOrder expressions.
struct SortExec {
  std::vector<ExprPtr> orders;
  bool global = true;  // false: the partitions are sorted where they are (sortWithinPartitions)
};

// `limit` rows per partition (local) or of its single partition (global); a global limit first
// skips `offset` rows (SQL OFFSET), and limit < 0 means no limit.
struct LimitExec {
  int64_t limit = 0;
  bool global = false;
  int64_t offset = 0;
};

// The partitions of the children one after another.
struct UnionExec {};

// Repartitions its child by the node's `partitioning`; the boundary between two stages. `id`
// numbers the exchanges of a query.
struct ExchangeExec {
  int id = -1;
  // The user chose the number of partitions (repartition, coalesce): each is read by its own
  // task, never coalesced with others.
  bool fixed_partitions = false;
};

// Writes each partition as one part file.
struct FileWriteExec {
  WriteSpec spec;
};

// Joins: children = {left, right}; output = left then right columns (left only for semi/anti).
// The build side (the right when build_right) is an exchange read whole before the probe side
// streams: a broadcast exchange (`broadcast`) or, for a shuffled join, the hash exchange partition
// range the task's probe range matches. A hash join matches rows on left_keys/right_keys (null_safe
// per key) and then `condition`; a nested loop join pairs every probe row with every build row and
// applies `condition`.
struct JoinExec {
  JoinType type = JoinType::kInner;
  std::vector<ExprPtr> left_keys;   // over the left child's output
  std::vector<ExprPtr> right_keys;  // over the right child's output, same types as left_keys
  std::vector<bool> null_safe;      // per key: <=> (nulls match nulls) instead of =
  ExprPtr condition;                // residual over left ++ right columns, or null
  bool build_right = true;
  bool broadcast = false;
};
struct HashJoinExec : JoinExec {};
struct NestedLoopJoinExec : JoinExec {};

// Each row `count` times (a bigint; none when <= 0 or NULL).
struct ReplicateRowsExec {
  ExprPtr count;
};

// Window expressions sharing one partitioning and ordering, over input sorted by the partition keys
// then the ordering within each task partition (all rows of a window partition in one task); output
// = the input columns, then one per expression.
struct WindowExec {
  std::vector<ExprPtr> exprs;
};

// The rows of each window partition whose rank-like function `window` (row_number, rank or
// dense_rank) is at most `limit`, over input sorted as the window operator's (plan/logical_plan.h
// WindowGroupLimitNode); output = the input.
struct WindowGroupLimitExec {
  ExprPtr window;
  int64_t limit = 0;
};

// Generates the ids of a resolved range (num_partitions set): task i makes partition i's ids.
struct RangeExec {
  RangeNode range;
};

// A generator over each input row (plan/logical_plan.h GenerateNode): `generator` returns the
// row's generated rows as an array of structs; output = the input columns but the dropped ones,
// then one per field.
struct GenerateExec {
  ExprPtr generator;
  bool outer = false;
  std::vector<int> dropped_child_columns;
};

// Each input row once per projection: projections[p][c] computes output column c.
struct ExpandExec {
  std::vector<std::vector<ExprPtr>> projections;
};

using PhysicalPayload = std::variant<FileScanExec, LocalScanExec, FilterExec, ProjectExec, HashAggregateExec, SortExec,
                                     LimitExec, UnionExec, ExchangeExec, FileWriteExec, HashJoinExec,
                                     NestedLoopJoinExec, ReplicateRowsExec, WindowExec, RangeExec, GenerateExec,
                                     ExpandExec, WindowGroupLimitExec>;

// A node: what every kind has (children, output schema, output partitioning) and one payload
// struct for its kind (`node.As<SortExec>().orders`). Adding a kind: a payload struct above, its
// PhysicalKind in the same position as in PhysicalPayload, then its handling in the physical
// planner, physical_plan_json, Describe and an operator.
struct PhysicalNode {
  template <typename Payload, typename = std::enable_if_t<!std::is_same_v<std::decay_t<Payload>, PhysicalNode>>>
  explicit PhysicalNode(Payload payload) : payload(std::move(payload)) {}

  PhysicalPayload payload;
  std::vector<PhysicalPtr> children;
  Schema output;
  Partitioning partitioning;  // of the output

  PhysicalKind kind() const { return static_cast<PhysicalKind>(payload.index()); }
  template <typename T> bool Is() const { return std::holds_alternative<T>(payload); }
  template <typename T> const T& As() const {
    const T* found = std::get_if<T>(&payload);
    EMBER_CHECK(found, "physical node of another kind");
    return *found;
  }
  template <typename T> T& As() {
    T* found = std::get_if<T>(&payload);
    EMBER_CHECK(found, "physical node of another kind");
    return *found;
  }
  // The join fields of a hash or nested loop join.
  const JoinExec& Join() const;
  JoinExec& Join();

  // Spark's explain text of the tree ("HashAggregate(keys=[a], functions=[count(1)])\n+- ...").
  std::string ToString() const;
  // The one-line description of this node alone.
  std::string Describe() const;
};

PhysicalPtr MakePhysical(PhysicalNode node);

}  // namespace ember
