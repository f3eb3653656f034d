// Expand: every input batch once per projection (GROUPING SETS, ROLLUP, CUBE, UNPIVOT), each
// projection's columns computed over the whole batch.
#include "exec/operators/operator.h"

namespace ember {
namespace {

class ExpandOperator : public Operator {
 public:
  ExpandOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : projections_(node.As<ExpandExec>().projections), ctx_(ctx), next_(next) {}

  bool Push(const Batch& batch) override {
    for (const auto& projection : projections_) {
      ctx_.CheckCancelled();
      Batch out;
      out.num_rows = batch.num_rows;
      for (const auto& expr : projection) out.columns.push_back(EvaluateColumn(*expr, batch, ctx_.eval));
      if (!next_.Push(out)) return false;
    }
    return true;
  }
  void Finish() override { next_.Finish(); }

 private:
  const std::vector<std::vector<ExprPtr>>& projections_;
  TaskContext& ctx_;
  Operator& next_;
};

}  // namespace

std::unique_ptr<Operator> MakeExpandOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<ExpandOperator>(node, ctx, next);
}

}  // namespace ember
