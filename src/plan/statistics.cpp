#include "plan/statistics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "plan/conjuncts.h"
#include "plan/data_source.h"

namespace ember {
namespace {

constexpr double kEqualityGuess = 0.1;
constexpr double kRangeGuess = 0.33;
constexpr double kPatternGuess = 0.1;
constexpr double kIsNullGuess = 0.1;
constexpr double kNotEqualGuess = 0.9;
constexpr double kUnknownGuess = 0.5;

// The expression under aliases and casts (which keep distinct values apart, as far as estimates go).
const Expr& Unwrapped(const Expr& expr) {
  const Expr* node = &expr;
  while ((node->kind == ExprKind::kAlias || node->kind == ExprKind::kCast) && !node->args.empty()) {
    node = node->args[0].get();
  }
  return *node;
}

// The input column an expression reads as is; -1 for anything else.
int ColumnOf(const Expr& expr) {
  const Expr& node = Unwrapped(expr);
  return node.kind == ExprKind::kBoundRef ? node.index : -1;
}

bool IsLiteral(const Expr& expr) { return Unwrapped(expr).kind == ExprKind::kLiteral; }

double EqualitySelectivity(const Expr& a, const Expr& b, const std::vector<ColumnEstimate>& columns) {
  int left = ColumnOf(a), right = ColumnOf(b);
  auto valid = [&](int index) { return index >= 0 && static_cast<size_t>(index) < columns.size(); };
  if (valid(left) && valid(right)) {
    return 1.0 / std::max({columns[left].distinct, columns[right].distinct, 1.0});
  }
  int column = valid(left) && IsLiteral(b) ? left : valid(right) && IsLiteral(a) ? right : -1;
  if (column < 0 || !columns[column].distinct_known) return kEqualityGuess;
  const ColumnEstimate& estimate = columns[column];
  return (1 - estimate.null_fraction) / std::max(estimate.distinct, 1.0);
}

// A literal's value on the number line of column bounds (dates in days, timestamps in
// microseconds); none for other types and nulls.
std::optional<double> NumericLiteral(const Expr& expr) {
  const Expr& node = Unwrapped(expr);
  if (node.kind != ExprKind::kLiteral || node.literal.is_null) return std::nullopt;
  const Value& value = node.literal;
  switch (value.type->id) {
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return static_cast<double>(value.i64);
    case TypeId::kFloat:
    case TypeId::kDouble:
      return value.f64;
    case TypeId::kDecimal:
      return static_cast<double>(value.DecimalUnscaled()) / std::pow(10.0, value.type->scale);
    default:
      return std::nullopt;
  }
}

// `column < literal` and the like over a column whose bounds are known: the part of [min, max]
// the comparison keeps (values spread evenly, as Spark's estimate assumes); none when unknown.
std::optional<double> RangeSelectivity(const Expr& call, const std::vector<ColumnEstimate>& columns) {
  if (call.args.size() != 2) return std::nullopt;
  int column = ColumnOf(*call.args[0]);
  std::optional<double> literal = NumericLiteral(*call.args[1]);
  bool column_first = true;
  if (column < 0) {
    column = ColumnOf(*call.args[1]);
    literal = NumericLiteral(*call.args[0]);
    column_first = false;
  }
  if (column < 0 || static_cast<size_t>(column) >= columns.size() || !literal) return std::nullopt;
  const ColumnEstimate& estimate = columns[column];
  if (!estimate.min || !estimate.max) return std::nullopt;
  double low = *estimate.min, high = *estimate.max;
  // As `column < literal` or `column > literal` (a literal on the left turns the comparison round).
  bool less = (call.name[0] == '<') == column_first;
  double kept;
  if (high <= low) {
    bool inclusive = call.name.size() == 2;
    kept = (less ? low < *literal || (inclusive && low == *literal) : low > *literal || (inclusive && low == *literal)) ? 1 : 0;
  } else {
    double below = std::clamp((*literal - low) / (high - low), 0.0, 1.0);
    kept = less ? below : 1 - below;
  }
  return kept * (1 - estimate.null_fraction);
}

double FunctionSelectivity(const Expr& call, const std::vector<ColumnEstimate>& columns) {
  const std::string& name = call.name;
  if ((name == "=" || name == "==" || name == "<=>") && call.args.size() == 2) {
    return EqualitySelectivity(*call.args[0], *call.args[1], columns);
  }
  if (name == "<" || name == "<=" || name == ">" || name == ">=") {
    return RangeSelectivity(call, columns).value_or(kRangeGuess);
  }
  if (name == "!=" || name == "<>") return kNotEqualGuess;
  if (name == "like" || name == "ilike" || name == "rlike" || name == "startswith" || name == "endswith" ||
      name == "contains") {
    return kPatternGuess;
  }
  if ((name == "isnull" || name == "isnotnull") && call.args.size() == 1) {
    int column = ColumnOf(*call.args[0]);
    double nulls = column >= 0 && static_cast<size_t>(column) < columns.size() && columns[column].distinct_known
                       ? columns[column].null_fraction
                       : kIsNullGuess;
    return name == "isnull" ? nulls : 1 - nulls;
  }
  if (name == "not" && call.args.size() == 1) {
    return 1 - StatisticsEstimator::Selectivity(*call.args[0], columns);
  }
  return kUnknownGuess;
}

// The columns of `a = b` (or `a <=> b`) when one is a left column and the other a right column
// (left first); {-1, -1} otherwise.
std::pair<int, int> SidesOfEquality(const Expr& conjunct, const std::vector<int>& side) {
  bool equality = conjunct.kind == ExprKind::kFunction && conjunct.args.size() == 2 &&
                  (conjunct.name == "=" || conjunct.name == "==" || conjunct.name == "<=>");
  if (!equality) return {-1, -1};
  int a = ColumnOf(*conjunct.args[0]), b = ColumnOf(*conjunct.args[1]);
  auto side_of = [&](int column) { return column >= 0 && static_cast<size_t>(column) < side.size() ? side[column] : -1; };
  if (side_of(a) == 0 && side_of(b) == 1) return {a, b};
  if (side_of(a) == 1 && side_of(b) == 0) return {b, a};
  return {-1, -1};
}

ColumnEstimate Capped(ColumnEstimate column, double rows) {
  column.distinct = std::clamp(column.distinct, 1.0, std::max(rows, 1.0));
  return column;
}

// Statistics with the child's columns (capped at `rows`).
PlanStatistics PassThrough(const PlanStatistics& child, double rows) {
  PlanStatistics stats;
  stats.rows = rows;
  for (const auto& column : child.columns) stats.columns.push_back(Capped(column, rows));
  return stats;
}

ColumnEstimate Unknown(double rows) { return {.distinct = std::max(rows, 1.0), .distinct_known = false}; }

// The estimate of an expression's values over input `columns` with `rows` rows.
ColumnEstimate EstimateExpr(const Expr& expr, const std::vector<ColumnEstimate>& columns, double rows) {
  int column = ColumnOf(expr);
  if (column >= 0 && static_cast<size_t>(column) < columns.size()) return Capped(columns[column], rows);
  const Expr& value = Unwrapped(expr);
  if (value.kind == ExprKind::kLiteral) {
    return {.distinct = 1, .distinct_known = true, .null_fraction = value.literal.is_null ? 1.0 : 0.0};
  }
  return Unknown(rows);
}

PlanStatistics ReadStatistics(const LogicalPlan& plan) {
  const ReadNode& read = plan.As<ReadNode>();
  SourceStatistics source;
  if (read.table_statistics) {
    source = *read.table_statistics;
  } else {
    try {
      source = FindFileFormat(read.format)->Statistics(read.files, read.options);
    } catch (...) {
      source = {};  // unreadable statistics: estimate from file sizes
    }
  }
  double rows = 0;
  if (source.row_count) {
    rows = static_cast<double>(*source.row_count);
  } else {
    double bytes = static_cast<double>(source.size_bytes);
    if (bytes == 0 && !read.table_statistics) {
      for (const auto& file : read.files) {
        std::error_code error;
        auto size = std::filesystem::file_size(file, error);
        if (!error) bytes += static_cast<double>(size);
      }
    }
    double all_width = 8;
    for (const auto& field : read.data_schema) all_width += DefaultValueBytes(*field.type);
    rows = bytes / all_width;
  }
  PlanStatistics stats;
  stats.rows = rows;
  for (const auto& attribute : plan.output) {
    ColumnEstimate column = Unknown(rows);
    auto found = source.columns.find(attribute.name);
    if (found != source.columns.end() && rows > 0) {
      if (found->second.null_count) column.null_fraction = static_cast<double>(*found->second.null_count) / rows;
      if (found->second.distinct_bound) {
        column.distinct = static_cast<double>(*found->second.distinct_bound);
        column.distinct_known = true;
      }
      column.min = found->second.min;
      column.max = found->second.max;
    }
    stats.columns.push_back(Capped(column, rows));
  }
  return stats;
}

PlanStatistics LocalStatistics(const LogicalPlan& plan) {
  PlanStatistics stats;
  double bytes = 0;
  const auto& local = plan.As<LocalRelationNode>();
  if (local.batches) {
    for (const auto& batch : *local.batches) {
      stats.rows += static_cast<double>(batch.num_rows);
      bytes += static_cast<double>(batch.MemoryBytes());
    }
  }
  for (size_t i = 0; i < local.schema.size(); ++i) stats.columns.push_back(Unknown(stats.rows));
  if (stats.rows > 0) stats.row_bytes = bytes / stats.rows;
  return stats;
}

// Exact: the ids are known, each one distinct; 8 bytes a row as Spark counts a range.
PlanStatistics RangeStatistics(const LogicalPlan& plan) {
  PlanStatistics stats;
  stats.rows = static_cast<double>(plan.As<RangeNode>().NumRows());
  stats.row_bytes = 8;
  ColumnEstimate id;
  id.distinct = stats.rows;
  id.distinct_known = true;
  stats.columns.push_back(id);
  return stats;
}

PlanStatistics AggregateStatistics(const LogicalPlan& plan, const PlanStatistics& child) {
  double groups = 1;
  std::vector<ColumnEstimate> group_columns;
  const auto& group_exprs = plan.As<AggregateNode>().groups;
  for (const auto& group : group_exprs) {
    group_columns.push_back(EstimateExpr(*group, child.columns, child.rows));
    groups *= group_columns.back().distinct;
  }
  PlanStatistics stats;
  stats.rows = group_exprs.empty() ? 1 : std::min(child.rows, groups);
  for (size_t i = 0; i < plan.output.size(); ++i) {
    stats.columns.push_back(i < group_columns.size() ? Capped(group_columns[i], stats.rows) : Unknown(stats.rows));
  }
  return stats;
}

PlanStatistics UnionStatistics(const std::vector<const PlanStatistics*>& children, size_t width) {
  PlanStatistics stats;
  for (const PlanStatistics* child : children) stats.rows += child->rows;
  for (size_t i = 0; i < width; ++i) {
    double distinct = 0;
    for (const PlanStatistics* child : children) distinct += i < child->columns.size() ? child->columns[i].distinct : 0;
    stats.columns.push_back(Capped({.distinct = distinct}, stats.rows));
  }
  return stats;
}

// Spark's estimated bytes of one row of `output`: 8 of overhead plus each column's default size.
double RowWidth(const std::vector<Attribute>& output) {
  double width = 8;
  for (const auto& attribute : output) width += DefaultValueBytes(*attribute.type);
  return width;
}

}  // namespace

double DefaultValueBytes(const DataType& type) {
  switch (type.id) {
    case TypeId::kBoolean:
    case TypeId::kByte: return 1;
    case TypeId::kShort: return 2;
    case TypeId::kInt:
    case TypeId::kFloat:
    case TypeId::kDate: return 4;
    case TypeId::kString:
    case TypeId::kBinary: return 20;
    case TypeId::kDecimal: return type.IsFixedWidth() ? type.ByteWidth() : 16;
    default: return 8;
  }
}

double StatisticsEstimator::Selectivity(const Expr& condition, const std::vector<ColumnEstimate>& columns) {
  switch (condition.kind) {
    case ExprKind::kAnd:
      return Selectivity(*condition.args[0], columns) * Selectivity(*condition.args[1], columns);
    case ExprKind::kOr: {
      double a = Selectivity(*condition.args[0], columns), b = Selectivity(*condition.args[1], columns);
      return a + b - a * b;
    }
    case ExprKind::kLiteral:
      return !condition.literal.is_null && condition.literal.i64 != 0 ? 1 : 0;
    case ExprKind::kFunction:
      return FunctionSelectivity(condition, columns);
    default:
      return kUnknownGuess;
  }
}

double StatisticsEstimator::JoinSelectivity(const std::vector<ExprPtr>& conjuncts,
                                            const std::vector<ColumnEstimate>& columns, const std::vector<int>& side,
                                            double left_rows, double right_rows) {
  double other = 1, left_key = 1, right_key = 1;
  bool has_key = false;
  for (const auto& conjunct : conjuncts) {
    auto [left_column, right_column] = SidesOfEquality(*conjunct, side);
    if (left_column < 0) {
      other *= Selectivity(*conjunct, columns);
      continue;
    }
    has_key = true;
    left_key *= columns[left_column].distinct;
    right_key *= columns[right_column].distinct;
  }
  if (!has_key) return other;
  double key_distinct = std::max({std::min(left_key, left_rows), std::min(right_key, right_rows), 1.0});
  return other / key_distinct;
}

PlanStatistics StatisticsEstimator::Join(const PlanStatistics& left, const PlanStatistics& right,
                                         const ExprPtr& condition, JoinType type) {
  std::vector<ColumnEstimate> columns = left.columns;
  columns.insert(columns.end(), right.columns.begin(), right.columns.end());
  std::vector<int> side(columns.size(), 1);
  std::fill(side.begin(), side.begin() + static_cast<std::ptrdiff_t>(left.columns.size()), 0);
  std::vector<ExprPtr> conjuncts;
  if (condition) conjuncts = SplitConjuncts(condition);
  double matched = left.rows * right.rows * JoinSelectivity(conjuncts, columns, side, left.rows, right.rows);
  for (const auto& conjunct : conjuncts) {
    auto [left_column, right_column] = SidesOfEquality(*conjunct, side);
    if (left_column < 0) continue;
    double distinct = std::min(columns[left_column].distinct, columns[right_column].distinct);
    columns[left_column].distinct = columns[right_column].distinct = distinct;
  }
  double rows = matched;
  switch (type) {
    case JoinType::kLeftOuter: rows = std::max(matched, left.rows); break;
    case JoinType::kRightOuter: rows = std::max(matched, right.rows); break;
    case JoinType::kFullOuter: rows = std::max({matched, left.rows, right.rows}); break;
    case JoinType::kLeftSemi: rows = std::min(matched, left.rows); break;
    case JoinType::kLeftAnti: rows = std::max(left.rows - std::min(matched, left.rows), 1.0); break;
    default: break;
  }
  bool left_only = type == JoinType::kLeftSemi || type == JoinType::kLeftAnti;
  if (left_only) columns.resize(left.columns.size());
  PlanStatistics stats;
  stats.rows = rows;
  for (const auto& column : columns) stats.columns.push_back(Capped(column, rows));
  stats.row_bytes = left_only ? left.row_bytes : left.row_bytes + right.row_bytes - 8;
  return stats;
}

const PlanStatistics& StatisticsEstimator::Estimate(const PlanPtr& plan) {
  auto found = memo_.find(plan.get());
  if (found != memo_.end()) return found->second.second;
  PlanStatistics stats = Compute(*plan);
  if (plan->kind() != PlanKind::kLocalRelation && plan->kind() != PlanKind::kJoin && plan->kind() != PlanKind::kRange) {
    stats.row_bytes = RowWidth(plan->output);
  }
  stats.columns.resize(plan->output.size(), Unknown(stats.rows));
  EstimateSizeOnly(*plan, stats);
  return memo_.emplace(plan.get(), std::make_pair(plan, std::move(stats))).first->second.second;
}

void StatisticsEstimator::EstimateSizeOnly(const LogicalPlan& plan, PlanStatistics& stats) {
  if (plan.children.empty()) {
    // A local relation's rows at their default widths, as Spark counts one (not their memory).
    stats.size_only_bytes = plan.kind() == PlanKind::kLocalRelation ? stats.rows * RowWidth(plan.output) : stats.bytes();
    if (plan.kind() == PlanKind::kRange) stats.size_only_rows = stats.rows;
    return;
  }
  const PlanStatistics& child = Estimate(plan.children[0]);
  // The child's rows at the output's width, at least 1 byte (a product of sides stays non-zero).
  auto scaled = [&] {
    return std::max(child.size_only_bytes * RowWidth(plan.output) / RowWidth(plan.children[0]->output), 1.0);
  };
  auto rows_wide = [&](double rows) { return rows > 0 ? rows * RowWidth(plan.output) : 1.0; };
  auto left_side = [&] {
    stats.size_only_bytes = child.size_only_bytes;
    stats.size_only_rows = child.size_only_rows;
  };
  switch (plan.kind()) {
    case PlanKind::kProject:
    case PlanKind::kFilter:
    case PlanKind::kWindow:
    case PlanKind::kDistinct:
      stats.size_only_bytes = scaled();
      return;
    case PlanKind::kAggregate:
      if (!plan.As<AggregateNode>().groups.empty()) {
        stats.size_only_bytes = scaled();
        return;
      }
      stats.size_only_rows = 1;
      stats.size_only_bytes = rows_wide(1);
      return;
    case PlanKind::kExpand:
      stats.size_only_bytes = scaled() * static_cast<double>(plan.As<ExpandNode>().projections.size());
      return;
    case PlanKind::kLimit: {
      double limit = static_cast<double>(plan.As<LimitNode>().limit);
      stats.size_only_rows = child.size_only_rows ? std::min(*child.size_only_rows, limit) : limit;
      stats.size_only_bytes = rows_wide(*stats.size_only_rows);
      return;
    }
    case PlanKind::kJoin: {
      JoinType type = plan.As<JoinNode>().type;
      if (type == JoinType::kLeftSemi || type == JoinType::kLeftAnti) return left_side();
      break;
    }
    case PlanKind::kSetOperation:
      if (plan.As<SetOperationNode>().op == SetOperation::kExcept) return left_side();
      stats.size_only_bytes = std::min(child.size_only_bytes, Estimate(plan.children[1]).size_only_bytes);
      return;
    case PlanKind::kUnion:
      stats.size_only_bytes = 0;
      for (const auto& input : plan.children) stats.size_only_bytes += Estimate(input).size_only_bytes;
      return;
    default:
      break;
  }
  // Joins, sorts, repartitions, generators and the rest: the product of the children's sizes.
  stats.size_only_bytes = 1;
  for (const auto& input : plan.children) {
    double size = Estimate(input).size_only_bytes;
    if (size > 0) stats.size_only_bytes *= size;
  }
}

PlanStatistics StatisticsEstimator::Compute(const LogicalPlan& plan) {
  switch (plan.kind()) {
    case PlanKind::kRead:
      return ReadStatistics(plan);
    case PlanKind::kLocalRelation:
      return LocalStatistics(plan);
    case PlanKind::kRange:
      return RangeStatistics(plan);
    default:
      break;
  }
  std::vector<const PlanStatistics*> children;
  for (const auto& child : plan.children) children.push_back(&Estimate(child));
  if (children.empty()) return PlanStatistics{};
  const PlanStatistics& child = *children[0];
  switch (plan.kind()) {
    case PlanKind::kFilter:
      return PassThrough(child, std::max(child.rows * Selectivity(*plan.As<FilterNode>().condition, child.columns),
                                         std::min(child.rows, 1.0)));
    case PlanKind::kProject: {
      PlanStatistics stats;
      stats.rows = child.rows;
      for (const auto& expr : plan.As<ProjectNode>().exprs) stats.columns.push_back(EstimateExpr(*expr, child.columns, child.rows));
      return stats;
    }
    case PlanKind::kAggregate:
      return AggregateStatistics(plan, child);
    case PlanKind::kLimit:
      return PassThrough(child, std::min(child.rows, static_cast<double>(plan.As<LimitNode>().limit)));
    case PlanKind::kExpand:
      return PassThrough(child, child.rows * static_cast<double>(plan.As<ExpandNode>().projections.size()));
    case PlanKind::kOffset:
      return PassThrough(child, std::max(child.rows - static_cast<double>(plan.As<OffsetNode>().offset), 0.0));
    case PlanKind::kUnion:
      return UnionStatistics(children, plan.output.size());
    case PlanKind::kJoin: {
      const auto& join = plan.As<JoinNode>();
      return Join(child, *children[1], join.condition, join.type);
    }
    case PlanKind::kSetOperation:
      return PassThrough(child, plan.As<SetOperationNode>().op == SetOperation::kIntersect
                                    ? std::min(child.rows, children[1]->rows)
                                    : child.rows);
    default:
      return PassThrough(child, child.rows);
  }
}

}  // namespace ember
