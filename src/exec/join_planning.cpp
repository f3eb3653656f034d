#include "exec/join_planning.h"

#include <filesystem>
#include <limits>

#include "plan/data_source.h"
#include "plan/optimizer/plan_rewrite.h"

namespace ember {
namespace {

constexpr int64_t kUnknownBytes = std::numeric_limits<int64_t>::max();

// Which side of the join an expression reads: bit 1 = left columns, bit 2 = right columns.
int SidesRead(const Expr& expr, int left_width, int right_width) {
  std::vector<bool> used(left_width + right_width, false);
  CollectReferences(expr, used);
  int sides = 0;
  for (int i = 0; i < left_width + right_width; ++i) {
    if (used[i]) sides |= i < left_width ? 1 : 2;
  }
  return sides;
}

ExprPtr ShiftToRight(const ExprPtr& expr, int left_width, int right_width) {
  std::vector<int> mapping(left_width + right_width, -1);
  for (int i = 0; i < right_width; ++i) mapping[left_width + i] = i;
  return RemapReferences(expr, mapping);
}

int64_t DefaultSize(const DataType& type) {
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

int64_t SaturatingAdd(int64_t a, int64_t b) { return a > kUnknownBytes - b ? kUnknownBytes : a + b; }

int64_t ReadBytes(const LogicalPlan& plan) {
  const ReadSource& read = *plan.read;
  int64_t row_width = 8, all_width = 8;
  for (const auto& attribute : plan.output) row_width += DefaultSize(*attribute.type);
  for (const auto& field : read.data_schema) all_width += DefaultSize(*field.type);
  std::optional<int64_t> rows;
  try {
    rows = FindFileFormat(read.format)->Statistics(read.files, read.options).row_count;
  } catch (...) {
    rows.reset();  // no statistics: fall back to file sizes
  }
  if (rows) return *rows * row_width;
  int64_t bytes = 0;
  for (const auto& file : read.files) {
    std::error_code error;
    auto size = std::filesystem::file_size(file, error);
    if (!error) bytes = SaturatingAdd(bytes, static_cast<int64_t>(size));
  }
  return static_cast<int64_t>(static_cast<double>(bytes) * row_width / all_width);
}

}  // namespace

JoinKeys ExtractJoinKeys(const ExprPtr& condition, int left_width, int right_width) {
  JoinKeys keys;
  if (!condition) return keys;
  std::vector<ExprPtr> residual;
  for (const auto& conjunct : SplitConjuncts(condition)) {
    bool is_equality = conjunct->kind == ExprKind::kFunction && conjunct->args.size() == 2 &&
                       (conjunct->name == "=" || conjunct->name == "==" || conjunct->name == "<=>");
    if (is_equality) {
      int a = SidesRead(*conjunct->args[0], left_width, right_width);
      int b = SidesRead(*conjunct->args[1], left_width, right_width);
      if ((a == 1 && b == 2) || (a == 2 && b == 1)) {
        const ExprPtr& l = a == 1 ? conjunct->args[0] : conjunct->args[1];
        const ExprPtr& r = a == 1 ? conjunct->args[1] : conjunct->args[0];
        if (TypesEqual(l->type, r->type)) {
          keys.left.push_back(l);
          keys.right.push_back(ShiftToRight(r, left_width, right_width));
          keys.null_safe.push_back(conjunct->name == "<=>");
          continue;
        }
      }
    }
    residual.push_back(conjunct);
  }
  if (!residual.empty()) keys.residual = CombineConjuncts(residual);
  return keys;
}

int64_t EstimatePlanBytes(const LogicalPlan& plan) {
  switch (plan.kind) {
    case PlanKind::kRead:
      return ReadBytes(plan);
    case PlanKind::kLocalRelation: {
      int64_t bytes = 0;
      if (plan.local_batches) {
        for (const auto& batch : *plan.local_batches) bytes += batch.MemoryBytes();
      }
      return bytes;
    }
    case PlanKind::kLimit: {
      int64_t row_width = 8;
      for (const auto& attribute : plan.output) row_width += DefaultSize(*attribute.type);
      int64_t child = EstimatePlanBytes(*plan.children[0]);
      return plan.limit < kUnknownBytes / row_width ? std::min(child, plan.limit * row_width) : child;
    }
    case PlanKind::kUnion:
    case PlanKind::kJoin: {
      int64_t total = 0;
      for (const auto& child : plan.children) total = SaturatingAdd(total, EstimatePlanBytes(*child));
      return total;
    }
    default:
      return plan.children.empty() ? kUnknownBytes : EstimatePlanBytes(*plan.children[0]);
  }
}

}  // namespace ember
