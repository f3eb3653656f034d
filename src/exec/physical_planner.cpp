#include "exec/physical_planner.h"

#include <filesystem>
#include <map>

#include "common/error.h"
#include "common/memory_manager.h"
#include "exec/job.h"
#include "exec/join_planning.h"
#include "functions/registry.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"
#include "plan/statistics.h"

namespace ember {
namespace {

// A broadcast side is at most this fraction of the memory budget.
constexpr int64_t kBroadcastBudgetShare = 4;

int NumPartitions(const PhysicalNode& node) { return node.partitioning.num_partitions; }

Partitioning PartitionsOf(int count) {
  Partitioning partitioning;
  partitioning.kind = count == 1 ? PartitioningKind::kSingle : PartitioningKind::kUnknown;
  partitioning.num_partitions = count;
  return partitioning;
}

ExprPtr Ref(int index, const StructField& field) {
  return BoundRef(index, field.type, field.nullable, field.name);
}

// A node that keeps its only child's partitioning.
PhysicalPtr Unary(PhysicalNode node, PhysicalPtr child) {
  node.partitioning = PartitionsOf(NumPartitions(*child));
  node.children = {std::move(child)};
  return MakePhysical(std::move(node));
}

PhysicalPtr Exchange(PhysicalPtr child, std::vector<ExprPtr> keys, int partitions, int* next_exchange_id) {
  PhysicalNode node(ExchangeExec{(*next_exchange_id)++});
  node.output = child->output;
  if (keys.empty()) {
    node.partitioning = PartitionsOf(1);
  } else {
    node.partitioning.kind = PartitioningKind::kHash;
    node.partitioning.keys = std::move(keys);
    node.partitioning.num_partitions = partitions;
  }
  node.children = {std::move(child)};
  return MakePhysical(std::move(node));
}

// An exchange into the user's number of partitions, of the given kind (hash, round robin, or by a
// partition number in keys[0]).
PhysicalPtr ExchangeOfKind(PhysicalPtr child, PartitioningKind kind, std::vector<ExprPtr> keys, int partitions,
                           int* next_exchange_id) {
  PhysicalNode node(ExchangeExec{(*next_exchange_id)++, true});
  if (partitions == 1) {
    kind = PartitioningKind::kSingle;
    keys.clear();
  }
  node.output = child->output;
  node.partitioning.kind = kind;
  node.partitioning.keys = std::move(keys);
  node.partitioning.num_partitions = partitions;
  node.children = {std::move(child)};
  return MakePhysical(std::move(node));
}

PhysicalPtr GatherToOne(PhysicalPtr child, int* next_exchange_id) {
  if (NumPartitions(*child) == 1) return child;
  return Exchange(std::move(child), {}, 1, next_exchange_id);
}

bool SameExprs(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i]->ToSql() != b[i]->ToSql() || !TypesEqual(a[i]->type, b[i]->type)) return false;
  }
  return true;
}

class Planner {
 public:
  explicit Planner(const PhysicalPlannerContext& ctx)
      : ctx_(ctx), statistics_(ParseConfigBool("spark.sql.cbo.enabled", ctx.config.GetOr("spark.sql.cbo.enabled", "false"))) {}

  PhysicalPtr Plan(const PlanPtr& plan) {
    const LogicalPlan& node = *plan;
    switch (node.kind()) {
      case PlanKind::kRead:
        return PlanRead(node);
      case PlanKind::kLocalRelation: {
        const auto& relation = node.As<LocalRelationNode>();
        PhysicalNode local(
            LocalScanExec{relation.batches ? relation.batches : std::make_shared<const std::vector<Batch>>(),
                          relation.partition_ends});
        local.output = relation.schema;
        local.partitioning = PartitionsOf(std::max<int>(1, static_cast<int>(relation.partition_ends.size())));
        return MakePhysical(std::move(local));
      }
      case PlanKind::kRange: {
        RangeExec range{node.As<RangeNode>()};
        if (range.range.num_partitions == 0) range.range.num_partitions = LeafNodeParallelism(ctx_.config, ctx_.parallelism);
        int partitions = range.range.num_partitions;
        PhysicalNode physical(std::move(range));
        physical.output = OutputSchema(node.output);
        physical.partitioning = PartitionsOf(partitions);
        return MakePhysical(std::move(physical));
      }
      case PlanKind::kProject: {
        PhysicalNode physical(ProjectExec{node.As<ProjectNode>().exprs});
        physical.output = OutputSchema(node.output);
        return Unary(std::move(physical), Plan(node.children[0]));
      }
      case PlanKind::kFilter: {
        PhysicalNode physical(FilterExec{node.As<FilterNode>().condition});
        physical.output = OutputSchema(node.output);
        return Unary(std::move(physical), Plan(node.children[0]));
      }
      case PlanKind::kAggregate:
        return PlanAggregate(node, node.As<AggregateNode>().groups, node.As<AggregateNode>().exprs);
      case PlanKind::kDistinct: {
        std::vector<ExprPtr> groups;
        const auto& input = node.children[0]->output;
        for (size_t i = 0; i < input.size(); ++i) {
          groups.push_back(BoundRef(static_cast<int>(i), input[i].type, input[i].nullable, input[i].name));
        }
        return PlanAggregate(node, groups, {});
      }
      case PlanKind::kSort: {
        const auto& logical = node.As<SortNode>();
        PhysicalNode sort(SortExec{logical.orders, logical.global});
        sort.output = OutputSchema(node.output);
        PhysicalPtr child = Plan(node.children[0]);
        return Unary(std::move(sort), logical.global ? GatherToOne(std::move(child), &next_exchange_id_) : child);
      }
      case PlanKind::kLimit:
        return PlanLimit(node);
      case PlanKind::kOffset: {
        // Rows are skipped in one partition, after the child's order (a sort below is global).
        PhysicalNode offset(LimitExec{-1, true, node.As<OffsetNode>().offset});
        offset.output = OutputSchema(node.output);
        return Unary(std::move(offset), GatherToOne(Plan(node.children[0]), &next_exchange_id_));
      }
      case PlanKind::kUnion: {
        PhysicalNode physical(UnionExec{});
        physical.output = OutputSchema(node.output);
        int partitions = 0;
        for (const auto& child : node.children) {
          physical.children.push_back(Plan(child));
          partitions += NumPartitions(*physical.children.back());
        }
        physical.partitioning = PartitionsOf(partitions);
        return MakePhysical(std::move(physical));
      }
      case PlanKind::kJoin:
        return PlanJoin(node);
      case PlanKind::kWindow:
        return PlanWindow(node);
      case PlanKind::kWindowGroupLimit:
        return PlanWindowGroupLimit(node);
      case PlanKind::kRepartition:
        return PlanRepartition(node);
      case PlanKind::kExpand: {
        PhysicalNode expand(ExpandExec{node.As<ExpandNode>().projections});
        expand.output = OutputSchema(node.output);
        return Unary(std::move(expand), Plan(node.children[0]));
      }
      case PlanKind::kReplicateRows: {
        PhysicalNode replicate(ReplicateRowsExec{node.As<ReplicateRowsNode>().count});
        replicate.output = OutputSchema(node.output);
        return Unary(std::move(replicate), Plan(node.children[0]));
      }
      case PlanKind::kGenerate: {
        const auto& generate = node.As<GenerateNode>();
        PhysicalNode physical(GenerateExec{generate.generator, generate.outer, generate.dropped_child_columns});
        physical.output = OutputSchema(node.output);
        return Unary(std::move(physical), Plan(node.children[0]));
      }
      default:
        throw InternalError("the physical planner got an unnormalized plan node");
    }
  }

 private:
  PhysicalPtr PlanRepartition(const LogicalPlan& node) {
    const auto& repartition = node.As<RepartitionNode>();
    PhysicalPtr child = Plan(node.children[0]);
    int partitions = repartition.num_partitions > 0 ? repartition.num_partitions : ctx_.config.ShufflePartitions();
    if (repartition.coalesce) {
      // Merging only: never more partitions than the child has.
      if (partitions >= NumPartitions(*child)) return child;
      return ExchangeOfKind(child, PartitioningKind::kRoundRobin, {}, partitions, &next_exchange_id_);
    }
    if (repartition.by_partition_id) {
      return ExchangeOfKind(child, PartitioningKind::kPartitionId, repartition.keys, partitions, &next_exchange_id_);
    }
    if (repartition.keys.empty()) {
      return ExchangeOfKind(child, PartitioningKind::kRoundRobin, {}, partitions, &next_exchange_id_);
    }
    return ExchangeOfKind(child, PartitioningKind::kHash, repartition.keys, partitions, &next_exchange_id_);
  }

  PhysicalPtr PlanRead(const LogicalPlan& node) {
    const ReadNode& read = node.As<ReadNode>();
    std::shared_ptr<FileFormat> format = FindFileFormat(read.format);
    FileScanExec scan;
    scan.format = format->name();
    scan.splits = format->PlanSplits(read.files, read.options,
                                     MaxSplitBytes(read.files, ctx_.config, ctx_.parallelism));
    size_t first_partition = read.data_schema.size() - read.partition_schema.size();
    scan.data_schema.assign(read.data_schema.begin(), read.data_schema.begin() + static_cast<long>(first_partition));
    std::vector<int> columns = read.projection;
    if (columns.empty()) {
      for (size_t i = 0; i < read.data_schema.size(); ++i) columns.push_back(static_cast<int>(i));
    }
    std::vector<int> partition_columns;  // partition_schema ordinals read, in output order
    for (int ordinal : columns) {
      if (static_cast<size_t>(ordinal) < first_partition) {
        scan.output_sources.push_back(static_cast<int>(scan.read_schema.size()));
        scan.read_schema.push_back(read.data_schema[ordinal]);
      } else {
        scan.output_sources.push_back(-static_cast<int>(partition_columns.size()) - 1);
        partition_columns.push_back(ordinal - static_cast<int>(first_partition));
        scan.partition_schema.push_back(read.data_schema[ordinal]);
      }
    }
    if (partition_columns.empty()) {
      scan.output_sources.clear();
      scan.filters = read.pushed_filters;
    } else {
      // Only a file's row count is needed: still read one column.
      if (scan.read_schema.empty() && first_partition > 0) scan.read_schema.push_back(read.data_schema[0]);
      scan.filters = FilesOnlyFilters(read.pushed_filters, scan.output_sources);
      std::map<std::string, size_t> file_index;
      for (size_t f = 0; f < read.files.size(); ++f) file_index[read.files[f]] = f;
      for (FileSplit& split : scan.splits) {
        const std::vector<Value>& values = read.partition_values.at(file_index.at(split.path));
        for (int column : partition_columns) split.partition_values.push_back(values[column]);
      }
    }
    scan.options = read.options;
    scan.input_files = static_cast<int64_t>(read.files.size());
    int partitions = static_cast<int>(scan.splits.size());
    PhysicalNode physical(std::move(scan));
    physical.output = OutputSchema(node.output);
    physical.partitioning = PartitionsOf(partitions);
    return MakePhysical(std::move(physical));
  }

  // The pushed filters a reader may use: those over file columns only, renumbered to its columns.
  static std::vector<ExprPtr> FilesOnlyFilters(const std::vector<ExprPtr>& filters, const std::vector<int>& sources) {
    std::vector<ExprPtr> result;
    for (const auto& filter : filters) {
      std::vector<bool> used(sources.size(), false);
      CollectReferences(*filter, used);
      bool files_only = true;
      for (size_t i = 0; i < used.size(); ++i) files_only &= !used[i] || sources[i] >= 0;
      if (files_only) result.push_back(RemapReferences(filter, sources));
    }
    return result;
  }

  // Window: rows of a window partition meet in one task (hash exchange on the partition keys, or
  // one partition without keys), sorted by the keys and then the window's ordering. A window group
  // limit right below the window (same partitioning and ordering) filters the sorted rows.
  PhysicalPtr PlanWindow(const LogicalPlan& node) {
    const auto& exprs = node.As<WindowNode>().exprs;
    const PlanPtr& input = node.children[0];
    PhysicalPtr sorted = input->Is<WindowGroupLimitNode>() ? PlanWindowGroupLimit(*input)
                                                           : PlanWindowInput(*exprs[0], input);
    PhysicalNode window(WindowExec{exprs});
    window.output = OutputSchema(node.output);
    return Unary(std::move(window), sorted);
  }

  PhysicalPtr PlanWindowGroupLimit(const LogicalPlan& node) {
    const auto& group_limit = node.As<WindowGroupLimitNode>();
    PhysicalPtr sorted = PlanWindowInput(*group_limit.window, node.children[0]);
    PhysicalNode limit(WindowGroupLimitExec{group_limit.window, group_limit.limit});
    limit.output = sorted->output;
    return Unary(std::move(limit), sorted);
  }

  // `input` with the rows of each partition of `window` (a kWindow) in one task, sorted.
  PhysicalPtr PlanWindowInput(const Expr& window, const PlanPtr& input) {
    auto split = window.args.begin() + 1 + static_cast<long>(window.window->num_partition);
    std::vector<ExprPtr> keys(window.args.begin() + 1, split);
    PhysicalPtr child = Plan(input);
    child = keys.empty() ? GatherToOne(child, &next_exchange_id_)
                         : Exchange(child, keys, ctx_.config.ShufflePartitions(), &next_exchange_id_);
    std::vector<ExprPtr> orders;
    for (const auto& key : keys) orders.push_back(AsSortOrder(key));
    orders.insert(orders.end(), split, window.args.end());
    PhysicalNode sort(SortExec{std::move(orders)});
    sort.output = child->output;
    return Unary(std::move(sort), child);
  }

  // Joins: how each runs is ChooseJoinStrategy's decision over the estimated sizes of its sides.
  PhysicalPtr PlanJoin(const LogicalPlan& node) {
    const LogicalPlan& left = *node.children[0];
    const LogicalPlan& right = *node.children[1];
    JoinType type = node.As<JoinNode>().type;
    JoinKeys keys = ExtractJoinKeys(node.As<JoinNode>().condition,
                                    static_cast<int>(left.output.size()), static_cast<int>(right.output.size()));
    std::string threshold_text = ctx_.config.GetOr("spark.sql.autoBroadcastJoinThreshold", "10485760");
    int64_t threshold = !threshold_text.empty() && threshold_text[0] == '-' ? -1 : ParseByteSize(threshold_text);
    // Every task probes the whole broadcast side: one that may take much of the memory budget is
    // shuffled instead (a broadcast that turns out too big at run time is joined in partitions).
    threshold = std::min(threshold, MemoryManager::LimitFromConfig(ctx_.config) / kBroadcastBudgetShare);
    JoinStrategy strategy = ChooseJoinStrategy(type, !keys.left.empty(), statistics_.SizeInBytes(node.children[0]),
                                               statistics_.SizeInBytes(node.children[1]), threshold,
                                               node.As<JoinNode>().left_hint, node.As<JoinNode>().right_hint);

    JoinExec fields;
    fields.type = type;
    fields.left_keys = keys.left;
    fields.right_keys = keys.right;
    fields.null_safe = keys.null_safe;
    fields.condition = keys.residual;
    fields.build_right = strategy.build_right;
    fields.broadcast = strategy.broadcast;
    PhysicalNode join = keys.left.empty() ? PhysicalNode(NestedLoopJoinExec{fields}) : PhysicalNode(HashJoinExec{fields});
    join.output = OutputSchema(node.output);
    PhysicalPtr left_plan = Plan(node.children[0]);
    PhysicalPtr right_plan = Plan(node.children[1]);

    if (!strategy.broadcast) {
      int partitions = ctx_.config.ShufflePartitions();
      join.children = {Exchange(left_plan, keys.left, partitions, &next_exchange_id_),
                       Exchange(right_plan, keys.right, partitions, &next_exchange_id_)};
    } else {
      if (type == JoinType::kFullOuter) {
        // Unmatched build rows are emitted by the one probe task.
        left_plan = GatherToOne(left_plan, &next_exchange_id_);
      }
      if (fields.build_right) {
        right_plan = BroadcastExchange(right_plan, keys.right);
      } else {
        left_plan = BroadcastExchange(left_plan, keys.left);
      }
      join.children = {left_plan, right_plan};
    }
    join.partitioning = PartitionsOf(NumPartitions(*join.children[fields.build_right ? 0 : 1]));
    return MakePhysical(std::move(join));
  }

  PhysicalPtr BroadcastExchange(PhysicalPtr child, std::vector<ExprPtr> keys) {
    PhysicalNode node(ExchangeExec{next_exchange_id_++});
    node.output = child->output;
    node.partitioning.kind = PartitioningKind::kBroadcast;
    node.partitioning.keys = std::move(keys);
    node.partitioning.num_partitions = 1;
    node.children = {std::move(child)};
    return MakePhysical(std::move(node));
  }

  PhysicalPtr PlanLimit(const LogicalPlan& node) {
    PhysicalPtr child = Plan(node.children[0]);
    PhysicalNode limit(LimitExec{node.As<LimitNode>().limit, false, 0});
    limit.output = child->output;
    if (NumPartitions(*child) != 1) {
      child = Unary(limit, child);
      child = Exchange(child, {}, 1, &next_exchange_id_);
    }
    limit.As<LimitExec>().global = true;
    return Unary(std::move(limit), child);
  }

  // Output fields of an aggregate stage: keys, then each aggregate's partial-state columns.
  static Schema PartialSchema(const Schema& keys, const std::vector<ExprPtr>& calls) {
    Schema schema = keys;
    for (size_t a = 0; a < calls.size(); ++a) {
      const auto& types = calls[a]->aggregate->partial_types;
      for (size_t s = 0; s < types.size(); ++s) {
        schema.push_back({calls[a]->name + "_state" + std::to_string(a) + "_" + std::to_string(s),
                          types[s], true});
      }
    }
    return schema;
  }

  // Merge inputs of `calls` from a partial schema whose states start at `first_state`.
  static std::vector<PhysicalAggregate> MergeAggregates(const std::vector<ExprPtr>& calls,
                                                        const Schema& schema, int first_state) {
    std::vector<PhysicalAggregate> aggregates;
    int column = first_state;
    for (const auto& call : calls) {
      PhysicalAggregate aggregate{.call = call, .merge = true};
      for (size_t s = 0; s < call->aggregate->partial_types.size(); ++s, ++column) {
        aggregate.inputs.push_back(Ref(column, schema[column]));
      }
      aggregates.push_back(std::move(aggregate));
    }
    return aggregates;
  }

  static std::vector<ExprPtr> Refs(const Schema& schema, int begin, int end) {
    std::vector<ExprPtr> refs;
    for (int i = begin; i < end; ++i) refs.push_back(Ref(i, schema[i]));
    return refs;
  }

  PhysicalPtr HashAggregate(AggregateMode mode, std::vector<ExprPtr> groups,
                            std::vector<PhysicalAggregate> aggregates, Schema output, PhysicalPtr child) {
    PhysicalNode node(HashAggregateExec{mode, std::move(groups), std::move(aggregates)});
    node.output = std::move(output);
    return Unary(std::move(node), std::move(child));
  }

  PhysicalPtr PlanAggregate(const LogicalPlan& node, const std::vector<ExprPtr>& groups,
                            const std::vector<ExprPtr>& calls) {
    PhysicalPtr child = Plan(node.children[0]);
    Schema output = OutputSchema(node.output);
    int k = static_cast<int>(groups.size());
    Schema keys(output.begin(), output.begin() + k);
    int partitions = ctx_.config.ShufflePartitions();

    std::vector<ExprPtr> distinct_calls, plain_calls;
    for (const auto& call : calls) {
      EMBER_CHECK(call->kind == ExprKind::kAggregate && call->aggregate, "aggregate not normalized");
      (call->distinct ? distinct_calls : plain_calls).push_back(call);
    }
    // A filtered DISTINCT call keeps its own distinct values: it runs in one complete aggregate.
    bool one_distinct_set = true;
    for (const auto& call : distinct_calls) {
      one_distinct_set = one_distinct_set && !call->has_filter && SameExprs(call->args, distinct_calls[0]->args);
    }

    if (distinct_calls.empty()) {
      Schema partial_schema = PartialSchema(keys, calls);
      std::vector<PhysicalAggregate> updates;
      for (const auto& call : calls) updates.push_back(Update(call));
      PhysicalPtr partial = HashAggregate(AggregateMode::kPartial, groups, std::move(updates),
                                          partial_schema, child);
      PhysicalPtr exchange =
          Exchange(partial, Refs(partial_schema, 0, k), partitions, &next_exchange_id_);
      return HashAggregate(AggregateMode::kFinal, Refs(partial_schema, 0, k),
                           MergeAggregates(calls, partial_schema, k), output, exchange);
    }

    if (!one_distinct_set) {
      PhysicalPtr exchange = Exchange(child, groups, partitions, &next_exchange_id_);
      std::vector<PhysicalAggregate> updates;
      for (const auto& call : calls) updates.push_back(Update(call));
      return HashAggregate(AggregateMode::kComplete, groups, std::move(updates), output, exchange);
    }

    // Spark's rewrite for one set of distinct arguments.
    const std::vector<ExprPtr>& distinct_args = distinct_calls[0]->args;
    int d = static_cast<int>(distinct_args.size());
    std::vector<ExprPtr> first_groups = groups;
    Schema first_keys = keys;
    for (const auto& arg : distinct_args) {
      first_groups.push_back(arg);
      first_keys.push_back({arg->OutputName(), arg->type, arg->nullable});
    }
    Schema partial_schema = PartialSchema(first_keys, plain_calls);
    std::vector<PhysicalAggregate> updates;
    for (const auto& call : plain_calls) updates.push_back(Update(call));
    PhysicalPtr partial = HashAggregate(AggregateMode::kPartial, first_groups, std::move(updates),
                                        partial_schema, child);
    PhysicalPtr exchange = Exchange(partial, Refs(partial_schema, 0, k), partitions, &next_exchange_id_);
    PhysicalPtr merged = HashAggregate(AggregateMode::kPartialMerge, Refs(partial_schema, 0, k + d),
                                       MergeAggregates(plain_calls, partial_schema, k + d),
                                       partial_schema, exchange);

    std::vector<PhysicalAggregate> finals;
    std::vector<PhysicalAggregate> plain_merges = MergeAggregates(plain_calls, partial_schema, k + d);
    size_t next_plain = 0;
    for (const auto& call : calls) {
      if (!call->distinct) {
        finals.push_back(plain_merges[next_plain++]);
        continue;
      }
      finals.push_back({.call = PlainForm(*call),
                        .merge = false,
                        .inputs = Refs(partial_schema, k, k + d),
                        .plain = true});
    }
    return HashAggregate(AggregateMode::kFinal, Refs(partial_schema, 0, k), std::move(finals), output,
                         merged);
  }

  // The aggregate adding the rows of its input (those its FILTER keeps).
  static PhysicalAggregate Update(const ExprPtr& call) {
    return {.call = call, .merge = false, .inputs = call->FunctionArgs(), .filter = call->Filter()};
  }

  // The call bound to the non-distinct function, keeping its DISTINCT mark for display.
  ExprPtr PlainForm(const Expr& call) const {
    const AggregateFunction* function = FunctionRegistry::Instance().FindAggregate(call.name);
    EMBER_CHECK(function != nullptr, "unknown aggregate " + call.name);
    std::vector<BindArg> args = BindArgsOf(call.args);
    Expr plain = call;
    plain.aggregate = std::make_shared<const BoundAggregate>(function->bind(args, false, ctx_.eval));
    return MakeExpr(std::move(plain));
  }

  const PhysicalPlannerContext& ctx_;
  StatisticsEstimator statistics_;
  int next_exchange_id_ = 0;
};

}  // namespace

int64_t MaxSplitBytes(const std::vector<std::string>& files, const Config& config, int parallelism) {
  int64_t open_cost = ParseByteSize(config.GetOr("spark.sql.files.openCostInBytes", "4194304"));
  int64_t total = 0;
  for (const auto& file : files) {
    std::error_code error;
    auto size = std::filesystem::file_size(file, error);
    total += (error ? 0 : static_cast<int64_t>(size)) + open_cost;
  }
  int64_t per_core = total / std::max(parallelism, 1);
  return std::min(config.MaxPartitionBytes(), std::max(open_cost, per_core));
}

int LeafNodeParallelism(const Config& config, int parallelism) {
  auto configured = config.Get("spark.sql.leafNodeDefaultParallelism");
  if (!configured) configured = config.Get("spark.default.parallelism");
  if (!configured) return std::max(parallelism, 1);
  return std::max(std::stoi(*configured), 1);
}

PhysicalPtr PlanPhysical(const PlanPtr& plan, const PhysicalPlannerContext& ctx) {
  PhysicalPtr root = Planner(ctx).Plan(plan);
  if (root->kind() != PhysicalKind::kExchange) return root;
  // A query ending in a repartition: a result stage reads the exchange's partitions.
  std::vector<ExprPtr> columns;
  for (size_t i = 0; i < root->output.size(); ++i) columns.push_back(Ref(static_cast<int>(i), root->output[i]));
  PhysicalNode project(ProjectExec{std::move(columns)});
  project.output = root->output;
  return Unary(std::move(project), root);
}

PhysicalPtr SortByRanges(const PhysicalPtr& plan, const Config& config) {
  if (plan->kind() != PhysicalKind::kSort || !plan->As<SortExec>().global) return plan;
  // The sort's input: a file scan of one split, or of several gathered into one partition.
  PhysicalPtr scan = plan->children[0];
  PhysicalNode exchange(ExchangeExec{0});  // the plan's only exchange when the sort reads the scan itself
  if (scan->kind() == PhysicalKind::kExchange && scan->partitioning.kind == PartitioningKind::kSingle) {
    exchange = *scan;
    scan = scan->children[0];
  }
  if (scan->kind() != PhysicalKind::kFileScan) return plan;
  int64_t bytes = 0;
  for (const FileSplit& split : scan->As<FileScanExec>().splits) bytes += split.length;
  if (bytes < JobSettings::FromConfig(config).advisory_partition_bytes) return plan;
  exchange.output = scan->output;
  exchange.children = {scan};
  exchange.partitioning.kind = PartitioningKind::kRange;
  exchange.partitioning.keys = plan->As<SortExec>().orders;
  exchange.partitioning.num_partitions = config.ShufflePartitions();
  PhysicalNode sort = *plan;
  sort.partitioning = exchange.partitioning;
  sort.children = {MakePhysical(std::move(exchange))};
  return MakePhysical(std::move(sort));
}

PhysicalPtr PlanFileWrite(const PhysicalPtr& input, WriteSpec spec) {
  PhysicalPtr rows = input;
  if (!spec.partition_columns.empty()) {
    // As Spark: each task sorts its rows by the partition columns and writes one directory at a time.
    std::vector<ExprPtr> orders;
    for (int column : spec.partition_columns) orders.push_back(AsSortOrder(Ref(column, input->output[column])));
    PhysicalNode sort(SortExec{std::move(orders), false});
    sort.output = input->output;
    rows = Unary(std::move(sort), input);
  }
  PhysicalNode write(FileWriteExec{std::move(spec)});
  write.output = rows->output;
  write.partitioning = rows->partitioning;
  write.children = {rows};
  return MakePhysical(std::move(write));
}

}  // namespace ember
