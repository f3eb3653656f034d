// Logical plans. DataFrame transformations (and later SQL) build an unresolved tree; the analyzer
// returns a resolved copy in which every node's `output` is filled in and every expression is
// resolved against the concatenated outputs of the node's children (kBoundRef ordinals); the
// optimizer rewrites resolved trees; the physical planner turns them into stages.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/types.h"
#include "common/vector.h"
#include "expr/expr.h"
#include "plan/data_source.h"
#include "plan/join_type.h"

namespace ember {

enum class PlanKind : uint8_t {
  kRead,           // file source: format, paths, schema, options
  kLocalRelation,  // rows given by the user (createDataFrame)
  kProject,        // exprs = output expressions
  kFilter,         // exprs[0] = condition
  kAggregate,      // groups = grouping expressions, exprs = output expressions
  kSort,           // exprs = kSortOrder expressions; global
  kLimit,          // limit
  kDistinct,       // all output columns; the analyzer may rewrite it into an aggregate
  kUnion,          // children by position (union_by_name: by name)
  kWithColumns,    // names[i] = exprs[i], replacing a column of that name or appending
  kDrop,           // names: columns to drop
  kRename,         // names: pairs old, new (withColumnRenamed)
  kJoin,           // children = left, right; join_type; exprs[0] = condition if any; names = USING
  kSubqueryAlias,  // names[0] = alias: the child's output qualified by it (df.alias, FROM t AS x)
  kUnresolvedRelation,  // names = multi-part table or view name (SQL FROM, spark.table)
  kOffset,         // limit = number of rows to skip
  kSetOperation,   // INTERSECT / EXCEPT of two children: set_operation, set_all
  kReplicateRows,  // each child row exprs[0] times (a bigint; none when <= 0 or NULL); output = the child's
};

enum class SetOperation : uint8_t { kIntersect, kExcept };

// The resolved form (what Analyze returns, what the optimizer and the physical planner consume):
//  - Only these kinds remain: kRead, kLocalRelation, kProject, kFilter, kAggregate, kSort, kLimit,
//    kUnion. kWithColumns, kDrop and kRename become a kProject; kDistinct becomes a kAggregate
//    grouping by every column with no aggregate calls.
//  - Every expression is resolved (typed; kColumn/kStar gone, references are kBoundRef ordinals
//    into the concatenated output of the node's children; functions bound; argument casts
//    inserted so argument types equal the binding's arg_types).
//  - kProject: exprs[i] computes output[i]; a top-level kAlias carries the output name.
//  - kFilter: exprs[0] is a boolean condition; output = the child's output.
//  - kAggregate (normalized): groups[i] are plain expressions over the child (no kAlias);
//    exprs[j] are exactly one kAggregate call each (no kAlias, no expression around it; arguments
//    resolved over the child); output = one attribute per group, then one per aggregate call.
//    Anything computed from aggregate results (`sum(a) + 1`, aliases, reordering, grouping
//    columns used in expressions) is a kProject on top whose kBoundRefs index that output.
//    A select/agg without groupBy is a kAggregate with empty `groups`.
//  - kSort: exprs are kSortOrder over the child; kLimit: `limit` rows.
//  - kReplicateRows (INTERSECT ALL / EXCEPT ALL): exprs[0] is a bigint over the child.
//  - kUnion: all children have the same number of columns with the same types (the analyzer adds
//    a kProject with casts or reordering under a child that needs one); output = first child's
//    names, the widened types, nullable when any child's column is.
//  - kJoin: see plan/analyzer/join_resolution.h (condition over left ++ right, USING resolved away).
//  - kRead: read->files, data_schema filled; output = the read columns (data_schema, or the
//    `projection` ordinals of it once the optimizer pruned columns); pushed_filters are resolved
//    over that output and are only hints (a kFilter above still applies them).
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

struct ReadSource {
  std::string format;
  std::vector<std::string> paths;
  std::optional<Schema> user_schema;
  Options options;
  // Filled by the analyzer and optimizer:
  std::vector<std::string> files;             // listed input files
  Schema data_schema;                         // all columns of the data
  std::vector<int> projection;                // data_schema ordinals to read (all when empty)
  std::vector<ExprPtr> pushed_filters;        // resolved over the projected columns
};

struct LogicalPlan {
  PlanKind kind;
  std::vector<PlanPtr> children;
  std::vector<ExprPtr> exprs;
  std::vector<ExprPtr> groups;
  std::vector<std::string> names;
  int64_t limit = 0;
  bool union_by_name = false;
  bool allow_missing_columns = false;      // unionByName(allowMissingColumns=True)
  JoinType join_type = JoinType::kInner;   // kJoin
  SetOperation set_operation = SetOperation::kIntersect;  // kSetOperation
  bool set_all = false;                    // kSetOperation: INTERSECT ALL / EXCEPT ALL
  bool select_list = false;                // kAggregate from SQL: exprs are the whole output (no groups prepended)
  int64_t plan_id = 0;                     // the DataFrame this node is the plan of (0: none)
  std::shared_ptr<ReadSource> read;        // kRead
  Schema local_schema;                     // kLocalRelation
  std::shared_ptr<const std::vector<Batch>> local_batches;  // kLocalRelation

  std::vector<Attribute> output;  // set on resolved plans
  bool resolved() const { return !output.empty() || kind == PlanKind::kLocalRelation; }

  // Multi-line tree text for explain(): "Aggregate [a], [a, count(1) AS n]\n+- Filter ...".
  std::string ToString() const;
};

Schema OutputSchema(const std::vector<Attribute>& output);
PlanPtr MakePlan(LogicalPlan node);

}  // namespace ember
