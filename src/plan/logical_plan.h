// Logical plans. DataFrame transformations and SQL build an unresolved tree; the analyzer
// returns a resolved copy in which every node's `output` is filled in and every expression is
// resolved against the concatenated outputs of the node's children (kBoundRef ordinals); the
// optimizer rewrites resolved trees; the physical planner turns them into stages.
//
// A node holds what every kind has (children, output, plan id) and one payload struct for its kind
// (`plan.As<ProjectNode>().exprs`). Adding a kind: a payload struct below with `ForEachExpr` over
// its expressions, its PlanKind in the same position as in PlanPayload, then its handling where
// kinds are switched on (plan_json, the analyzer, logical_plan.cpp's text, statistics, the
// physical planner).
#pragma once

#include <memory>
#include <optional>
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
#include "plan/join_type.h"

namespace ember {

// The kinds, in the order of PlanPayload's alternatives.
enum class PlanKind : uint8_t {
  kRead,
  kLocalRelation,
  kProject,
  kFilter,
  kAggregate,
  kSort,
  kLimit,
  kDistinct,
  kUnion,
  kWithColumns,
  kDrop,
  kRename,
  kJoin,
  kSubqueryAlias,
  kUnresolvedRelation,
  kOffset,
  kSetOperation,
  kReplicateRows,
  kWindow,
  kRange,
  kGenerate,
  kRepartition,
  kExpand,
  kPivot,
  kUnpivot,
  kHint,
  kWindowGroupLimit,
};

enum class SetOperation : uint8_t { kIntersect, kExcept };

// The resolved form (what Analyze returns, what the optimizer and the physical planner consume):
//  - Only these kinds remain: kRead, kLocalRelation, kRange, kProject, kFilter, kAggregate, kSort,
//    kLimit, kOffset, kUnion, kJoin, kReplicateRows, kWindow, kGenerate, kExpand (and
//    kWindowGroupLimit, which only the optimizer adds). kWithColumns, kDrop and
//    kRename become a kProject;
//    kDistinct becomes a kAggregate grouping by every column with no aggregate calls.
//  - Every expression is resolved (typed; kColumn/kStar gone, references are kBoundRef ordinals
//    into the concatenated output of the node's children; functions bound; argument casts
//    inserted so argument types equal the binding's arg_types).
//  - The payloads below say what each kind's fields hold once resolved.
struct LogicalPlan;
using PlanPtr = std::shared_ptr<const LogicalPlan>;

// A column of a plan's output. `qualifier` is the alias of the relation it comes from, if any.
struct Attribute {
  std::string name;
  TypePtr type;
  bool nullable = true;
  std::string qualifier;
  // Plan ids of the DataFrames whose output carried this column: `df.id` resolves to a column
  // that came through `df` (so df1.id and df2.id differ in a join of both).
  std::vector<int64_t> origins;
};

// A file source. Resolved: files and data_schema filled; output = the read columns (data_schema,
// or the `projection` ordinals of it once the optimizer pruned columns); pushed_filters are
// resolved over that output and are only hints (a kFilter above still applies them).
struct ReadNode {
  std::string format;
  std::vector<std::string> paths;
  std::optional<Schema> user_schema;
  Options options;
  // Filled by the analyzer and optimizer:
  std::vector<std::string> files;       // listed input files
  Schema data_schema;                   // all columns: the files', then the partition columns
  // The trailing data_schema columns that come from `k=v` directories, and each file's values.
  Schema partition_schema;
  std::vector<std::vector<Value>> partition_values;  // per file of `files`
  std::vector<int> projection;          // data_schema ordinals to read (all when empty)
  std::vector<ExprPtr> pushed_filters;  // resolved over the projected columns
  // A catalog table's statistics (ANALYZE TABLE), which estimates take instead of the files': the
  // size always, the row count and column statistics only under spark.sql.cbo.enabled.
  std::optional<SourceStatistics> table_statistics;
  // A catalog table's partitions kept in folders of their own (ADD PARTITION ... LOCATION, SET
  // LOCATION): their `k=v/...` names under the table's folder and their folders, read in place of
  // the table's folders of those names.
  std::vector<std::pair<std::string, std::string>> partition_locations;
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : pushed_filters) fn(e); }
};

// Rows given by the user (createDataFrame, VALUES).
struct LocalRelationNode {
  Schema schema;
  std::shared_ptr<const std::vector<Batch>> batches;
  // The partitions the rows are sliced into (createDataFrame slices them as PySpark does): partition
  // p holds batches [partition_ends[p - 1], partition_ends[p]), from 0 for p = 0. Empty: one
  // partition holding every batch (Spark plans such data without partitions when it has no rows).
  std::vector<size_t> partition_ends;
  template <typename F> void ForEachExpr(F&&) {}
};

// Resolved: exprs[i] computes output[i]; a top-level kAlias carries the output name.
struct ProjectNode {
  std::vector<ExprPtr> exprs;
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : exprs) fn(e); }
};

// A boolean condition; output = the child's output.
struct FilterNode {
  ExprPtr condition;
  template <typename F> void ForEachExpr(F&& fn) { fn(condition); }
};

// Unresolved: `groups` and the output expressions `exprs` (from SQL with `select_list`: exprs are
// the whole output, no groups prepended). Resolved (normalized): groups[i] are plain expressions
// over the child (no kAlias); exprs[j] are exactly one kAggregate call each (no kAlias, no
// expression around it; arguments resolved over the child); output = one attribute per group,
// then one per aggregate call. Anything computed from aggregate results (`sum(a) + 1`, aliases,
// reordering, grouping columns used in expressions) is a kProject on top whose kBoundRefs index
// that output. A select/agg without groupBy is a kAggregate with empty `groups`.
// Unresolved only: `grouping_sets` (GROUPING SETS, ROLLUP, CUBE), each a list of `groups` indexes;
// the analyzer groups a kExpand (one row per input row and set) instead, see
// analyzer/grouping_sets.h.
struct AggregateNode {
  std::vector<ExprPtr> groups;
  std::vector<ExprPtr> exprs;
  bool select_list = false;
  std::vector<std::vector<int>> grouping_sets;
  template <typename F> void ForEachExpr(F&& fn) {
    for (auto& e : groups) fn(e);
    for (auto& e : exprs) fn(e);
  }
};

// A global sort: kSortOrder expressions over the child. From SQL, by_ordinal[i] marks an order
// whose key is a select-list position (an integer literal) until the analyzer resolves it.
struct SortNode {
  std::vector<ExprPtr> orders;
  std::vector<bool> by_ordinal;
  bool global = true;  // false: each partition sorted on its own (sortWithinPartitions)
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : orders) fn(e); }
};

struct LimitNode {
  int64_t limit = 0;
  template <typename F> void ForEachExpr(F&&) {}
};

// All output columns; the analyzer rewrites it into an aggregate.
struct DistinctNode {
  template <typename F> void ForEachExpr(F&&) {}
};

// Children by position (by_name: by name). Resolved: all children have the same number of columns
// with the same types (the analyzer adds a kProject with casts or reordering under a child that
// needs one); output = first child's names, the widened types, nullable when any child's column is.
struct UnionNode {
  bool by_name = false;
  bool allow_missing_columns = false;  // unionByName(allowMissingColumns=True)
  template <typename F> void ForEachExpr(F&&) {}
};

// names[i] = exprs[i], replacing a column of that name or appending.
struct WithColumnsNode {
  std::vector<std::string> names;
  std::vector<ExprPtr> exprs;
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : exprs) fn(e); }
};

// Columns to drop.
struct DropNode {
  std::vector<std::string> names;
  template <typename F> void ForEachExpr(F&&) {}
};

// withColumnRenamed: pairs old, new.
struct RenameNode {
  std::vector<std::string> names;
  template <typename F> void ForEachExpr(F&&) {}
};

// children = left, right; `condition` may be null; `using_columns` (USING) is resolved away: see
// plan/analyzer/join_resolution.h (resolved condition over left ++ right).
struct JoinNode {
  JoinType type = JoinType::kInner;
  ExprPtr condition;
  std::vector<std::string> using_columns;
  bool natural = false;  // NATURAL JOIN: USING every column name both sides have
  // LATERAL: the right side reads the left side's columns (kOuterRef over the left output, the
  // right being evaluated per left row; inner, cross or left outer). The optimizer's first step
  // rewrites it into plain joins (optimizer/rewrite_lateral_joins.h).
  bool lateral = false;
  JoinHint left_hint = JoinHint::kNone;  // strategy hints on each side (resolved)
  JoinHint right_hint = JoinHint::kNone;
  template <typename F> void ForEachExpr(F&& fn) {
    if (condition) fn(condition);
  }
};

// The child's output qualified by `alias` (df.alias, FROM t AS x), and renamed by `columns` when
// given (FROM t AS x(a, b), WITH x(a, b) AS ...).
struct SubqueryAliasNode {
  std::string alias;
  std::vector<std::string> columns;
  template <typename F> void ForEachExpr(F&&) {}
};

// A multi-part table or view name (SQL FROM, spark.table).
struct UnresolvedRelationNode {
  std::vector<std::string> name;
  template <typename F> void ForEachExpr(F&&) {}
};

// Rows to skip.
struct OffsetNode {
  int64_t offset = 0;
  template <typename F> void ForEachExpr(F&&) {}
};

// INTERSECT / EXCEPT of two children (`all`: INTERSECT ALL / EXCEPT ALL).
struct SetOperationNode {
  SetOperation op = SetOperation::kIntersect;
  bool all = false;
  template <typename F> void ForEachExpr(F&&) {}
};

// Each child row `count` times (a bigint over the child; none when <= 0 or NULL); output = the
// child's (INTERSECT ALL / EXCEPT ALL).
struct ReplicateRowsNode {
  ExprPtr count;
  template <typename F> void ForEachExpr(F&& fn) { fn(count); }
};

// Resolved only: window expressions (kWindow, resolved over the child) that share one partitioning
// and ordering; output = the child's columns, then one per window expression.
struct WindowNode {
  std::vector<ExprPtr> exprs;
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : exprs) fn(e); }
};

// spark.range / SQL range(): the bigint column `id` (not null) of start, start + step, ... up to
// `end` (exclusive; down to it for a negative step), in `num_partitions` partitions (0: the default
// parallelism), partition i holding rows [i * n / p, (i + 1) * n / p). From SQL, `args` holds the 1 to
// 4 argument expressions until the analyzer evaluates them into the fields (resolved: args empty).
struct RangeNode {
  int64_t start = 0;
  int64_t end = 0;
  int64_t step = 1;
  int num_partitions = 0;
  std::vector<ExprPtr> args;
  // The number of ids (up to 2^64 - 1 for the widest ranges).
  uint64_t NumRows() const;
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : args) fn(e); }
};

// A generator (explode, posexplode, inline, stack... functions/generators.h) run over each child
// row: output = the child's columns, then the generated ones (named `names`, else the generator's
// own names; qualified by `qualifier`, LATERAL VIEW's table alias). `outer`: a row that generates
// nothing still gives one row, its generated columns null. Resolved, `generator` is the bound call
// that returns each row's generated rows as an array of structs.
struct GenerateNode {
  ExprPtr generator;
  bool outer = false;
  std::vector<std::string> names;
  std::string qualifier;
  // Child columns (ascending ordinals) that only the generator reads: not repeated into the output
  // rows (Spark's unrequiredChildIndex). Set by column pruning.
  std::vector<int> dropped_child_columns;
  template <typename F> void ForEachExpr(F&& fn) { fn(generator); }
};

// The child's rows dealt into partitions (df.repartition, coalesce, repartitionByRange); output =
// the child's. By a hash of `keys`; without keys in turn (round robin); `coalesce` only merges
// partitions; `by_partition_id`: keys[0] is the partition number itself (range partitioning,
// whose bounds the caller computed). num_partitions 0: spark.sql.shuffle.partitions.
struct RepartitionNode {
  int num_partitions = 0;
  std::vector<ExprPtr> keys;
  bool coalesce = false;
  bool by_partition_id = false;
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : keys) fn(e); }
};

// Resolved only: each child row once per projection; projections[p][c] computes output column c
// over the child (grouping sets: the grouping columns nulled outside the set, and its grouping id).
struct ExpandNode {
  std::vector<std::vector<ExprPtr>> projections;
  template <typename F> void ForEachExpr(F&& fn) {
    for (auto& projection : projections) {
      for (auto& e : projection) fn(e);
    }
  }
};

// PIVOT / groupBy().pivot(): `aggregates` per group and per value of `pivot` among `values` (literals;
// a kAlias names its columns), one column per value and aggregate. Groups: `groups`, or when
// !has_groups (SQL) every child column that neither the aggregates nor the pivot column read.
// Unresolved only (analyzer/pivot.h).
struct PivotNode {
  std::vector<ExprPtr> groups;
  bool has_groups = false;
  ExprPtr pivot;
  std::vector<ExprPtr> values;
  std::vector<ExprPtr> aggregates;
  template <typename F> void ForEachExpr(F&& fn) {
    for (auto& e : groups) fn(e);
    fn(pivot);
    for (auto& e : values) fn(e);
    for (auto& e : aggregates) fn(e);
  }
};

// UNPIVOT / df.unpivot(): one row per input row and entry of `values` (each entry one column per
// name in `value_columns`): the `ids` columns (when !has_ids, SQL: every column not unpivoted), the
// entry's name in column `variable` (names[i] when not empty, else its columns' names joined by
// "_"), then the entry's columns in their common type. No `values` (DataFrame API): every non-id
// column. !include_nulls (SQL's default) drops rows whose values are all NULL. Unresolved only.
// A hint over its child, unresolved only: a join strategy (its parameters name the relations it
// applies to; none: the child itself) or a partitioning hint (REPARTITION, REPARTITION_BY_RANGE,
// COALESCE, REBALANCE with a partition count and/or columns). Unknown hints are ignored.
struct HintNode {
  std::string name;
  std::vector<ExprPtr> params;
  template <typename F> void ForEachExpr(F&& fn) { for (auto& e : params) fn(e); }
};

// Optimizer only (rules/infer_window_group_limit): the rows of each window partition whose rank-like
// function `window` (a resolved kWindow of row_number, rank or dense_rank: its partitioning and
// ordering) is at most `limit`; output = the child's. Sits below the kWindow that computes that
// function, under the filter that keeps those rows, so the window only sees the rows it keeps.
struct WindowGroupLimitNode {
  ExprPtr window;
  int64_t limit = 0;
  template <typename F> void ForEachExpr(F&& fn) { fn(window); }
};

struct UnpivotNode {
  std::vector<ExprPtr> ids;
  bool has_ids = false;
  std::vector<std::vector<ExprPtr>> values;
  std::vector<std::string> names;
  std::string variable;
  std::vector<std::string> value_columns;
  bool include_nulls = true;
  template <typename F> void ForEachExpr(F&& fn) {
    for (auto& e : ids) fn(e);
    for (auto& entry : values) {
      for (auto& e : entry) fn(e);
    }
  }
};

using PlanPayload =
    std::variant<ReadNode, LocalRelationNode, ProjectNode, FilterNode, AggregateNode, SortNode, LimitNode,
                 DistinctNode, UnionNode, WithColumnsNode, DropNode, RenameNode, JoinNode, SubqueryAliasNode,
                 UnresolvedRelationNode, OffsetNode, SetOperationNode, ReplicateRowsNode, WindowNode, RangeNode,
                 GenerateNode, RepartitionNode, ExpandNode, PivotNode, UnpivotNode, HintNode,
                 WindowGroupLimitNode>;

struct LogicalPlan {
  template <typename Payload, typename = std::enable_if_t<!std::is_same_v<std::decay_t<Payload>, LogicalPlan>>>
  explicit LogicalPlan(Payload payload, std::vector<PlanPtr> children = {})
      : payload(std::move(payload)), children(std::move(children)) {}

  PlanPayload payload;
  std::vector<PlanPtr> children;
  std::vector<Attribute> output;  // set on resolved plans
  int64_t plan_id = 0;            // the DataFrame this node is the plan of (0: none)

  PlanKind kind() const { return static_cast<PlanKind>(payload.index()); }
  template <typename T> bool Is() const { return std::holds_alternative<T>(payload); }
  template <typename T> const T& As() const {
    const T* found = std::get_if<T>(&payload);
    EMBER_CHECK(found, "plan node of another kind");
    return *found;
  }
  template <typename T> T& As() {
    T* found = std::get_if<T>(&payload);
    EMBER_CHECK(found, "plan node of another kind");
    return *found;
  }
  // Calls fn(ExprPtr&) on each expression of the payload.
  template <typename F> void ForEachExpr(F&& fn) {
    std::visit([&](auto& node) { node.ForEachExpr(fn); }, payload);
  }
  // The payload's expressions, in ForEachExpr's order.
  std::vector<ExprPtr> Exprs() const;

  bool resolved() const { return !output.empty() || kind() == PlanKind::kLocalRelation; }

  // Multi-line tree text for explain(): "Aggregate [a], [a, count(1) AS n]\n+- Filter ...".
  std::string ToString() const;
};

Schema OutputSchema(const std::vector<Attribute>& output);
PlanPtr MakePlan(LogicalPlan node);
template <typename Payload>
PlanPtr MakePlan(Payload payload, std::vector<PlanPtr> children) {
  return MakePlan(LogicalPlan(std::move(payload), std::move(children)));
}

}  // namespace ember
