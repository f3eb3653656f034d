// Project: computes the output columns of each batch.
#include "exec/operators/empty_partition.h"
#include "exec/operators/operator.h"
#include "functions/partition_end.h"

namespace ember {
namespace {

class ProjectOperator : public Operator {
 public:
  ProjectOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : node_(node), exprs_(node.As<ProjectExec>().exprs), ctx_(ctx), next_(next) {}

  bool Push(const Batch& batch) override {
    pushed_ = true;
    Batch out;
    out.num_rows = batch.num_rows;
    for (const auto& expr : exprs_) {
      const Expr& value = expr->kind == ExprKind::kAlias ? *expr->args[0] : *expr;
      out.columns.push_back(EvaluateColumn(value, batch, ctx_.eval));
    }
    ClaimPartitionEnds(ctx_.eval, &ends_);
    return next_.Push(out);
  }
  void Finish() override {
    if (!pushed_ && CallsPandasFunction(node_, ctx_.eval)) {
      Batch none = NullInput(node_, 0);
      for (const auto& expr : exprs_) EvaluateColumn(expr->kind == ExprKind::kAlias ? *expr->args[0] : *expr, none, ctx_.eval);
      ClaimPartitionEnds(ctx_.eval, &ends_);
    }
    FinishPartitionEnds(ctx_.eval, ends_);
    next_.Finish();
  }

 private:
  const PhysicalNode& node_;
  const std::vector<ExprPtr>& exprs_;
  TaskContext& ctx_;
  Operator& next_;
  std::vector<std::shared_ptr<PartitionEnd>> ends_;  // of functions over whole partitions
  bool pushed_ = false;
};

}  // namespace

std::unique_ptr<Operator> MakeProjectOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<ProjectOperator>(node, ctx, next);
}

}  // namespace ember
