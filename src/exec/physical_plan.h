// Physical plans: immutable trees of plain data that say how a query runs. Nothing in a node
// changes while it runs; operator instances (exec/operators/) carry the per-task state. Every node
// declares its output schema and partitioning. Exchange nodes cut the tree into stages: a stage is
// the fragment from its sources (scans, or exchanges it reads) up to the exchange it feeds or to
// the query result; a task is a stage plus a partition index. Plans serialize to JSON
// (physical_plan_json.h) so tasks can be shipped to executors.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/types.h"
#include "common/vector.h"
#include "expr/expr.h"
#include "plan/data_source.h"
#include "plan/logical_plan.h"

namespace ember {

enum class PhysicalKind : uint8_t {
  kFileScan,       // format, splits (one task each), data_schema, read_schema, filters, options
  kLocalScan,      // local_batches, one partition
  kFilter,         // exprs[0] = predicate
  kProject,        // exprs = output expressions
  kHashAggregate,  // groups, aggregates, aggregate_mode
  kSort,           // exprs = kSortOrder expressions; sorts each partition
  kLimit,          // limit rows per partition (local) or of its single partition (global)
  kUnion,          // partitions of the children one after another
  kExchange,       // repartitions its child by `partitioning`; the boundary between two stages
  kFileWrite,      // writes each partition as one part file (write_spec)
  // Joins: children = {left, right}; output = left then right columns (left only for semi/anti).
  // The build side (the right when build_right) is an exchange read whole before the probe side
  // streams: a broadcast exchange (`broadcast`) or, for a shuffled join, the hash exchange
  // partition range the task's probe range matches. kHashJoin matches rows on left_keys/right_keys
  // (null_safe per key) and then `join_condition`; kNestedLoopJoin pairs every probe row with every
  // build row and applies `join_condition`.
  kHashJoin,
  kNestedLoopJoin,
  kReplicateRows,  // exprs[0] = bigint count: each row that many times (none when <= 0 or NULL)
};

enum class PartitioningKind : uint8_t {
  kUnknown,     // some number of partitions with no known key placement
  kSingle,      // one partition
  kHash,        // rows with equal `keys` share a partition
  kRoundRobin,  // rows dealt out in turn
  kBroadcast,   // one partition that every task of the reading stage reads whole (keys: display only)
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
  // A DISTINCT call whose inputs are already unique per group (last step of the distinct rewrite):
  // `call` is bound to the plain, non-distinct function.
  bool plain = false;
};

struct WriteSpec {
  std::string format;
  std::string task_dir;  // directory where each task writes its part file before the job commits
  std::string job_uuid;  // part of every part file name
  Options options;
};

struct PhysicalNode;
using PhysicalPtr = std::shared_ptr<const PhysicalNode>;

struct PhysicalNode {
  PhysicalKind kind;
  std::vector<PhysicalPtr> children;
  Schema output;
  Partitioning partitioning;  // of the output

  std::vector<ExprPtr> exprs;  // kFilter, kProject, kSort

  // kFileScan
  std::string format;
  std::vector<FileSplit> splits;
  Schema data_schema;
  Schema read_schema;
  std::vector<ExprPtr> filters;
  Options options;
  int64_t input_files = 0;  // for explain

  // kLocalScan
  std::shared_ptr<const std::vector<Batch>> local_batches;

  // kHashAggregate: output = group keys, then per aggregate its partial-state columns (partial and
  // partial-merge modes) or its final value (final and complete modes).
  AggregateMode aggregate_mode = AggregateMode::kComplete;
  std::vector<ExprPtr> groups;
  std::vector<PhysicalAggregate> aggregates;

  // kLimit
  int64_t limit = 0;
  bool global_limit = false;
  // kLimit (global only): rows skipped before `limit` applies (SQL OFFSET); limit < 0 means no limit.
  int64_t offset = 0;

  // kExchange: its id within the query; partitioning is the target partitioning.
  int exchange_id = -1;

  // kFileWrite
  WriteSpec write;

  // kHashJoin, kNestedLoopJoin
  JoinType join_type = JoinType::kInner;
  std::vector<ExprPtr> left_keys;   // over the left child's output
  std::vector<ExprPtr> right_keys;  // over the right child's output, same types as left_keys
  std::vector<bool> null_safe;      // per key: <=> (nulls match nulls) instead of =
  ExprPtr join_condition;           // residual over left ++ right columns, or null
  bool build_right = true;
  bool broadcast = false;

  bool OutputsFinalAggregates() const {
    return aggregate_mode == AggregateMode::kFinal || aggregate_mode == AggregateMode::kComplete;
  }
  // Spark's explain text of the tree ("HashAggregate(keys=[a], functions=[count(1)])\n+- ...").
  std::string ToString() const;
  // The one-line description of this node alone.
  std::string Describe() const;
};

PhysicalPtr MakePhysical(PhysicalNode node);

}  // namespace ember
