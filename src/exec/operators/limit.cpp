// Limit: passes the first `limit` rows and then asks for no more input.
#include "exec/operators/operator.h"

namespace ember {
namespace {

class LimitOperator : public Operator {
 public:
  LimitOperator(int64_t limit, Operator& next) : remaining_(limit), next_(next) {}

  bool Push(const Batch& batch) override {
    if (remaining_ <= 0) return false;
    if (batch.num_rows <= remaining_) {
      remaining_ -= batch.num_rows;
      return next_.Push(batch) && remaining_ > 0;
    }
    Batch head = SliceBatch(batch, 0, remaining_);
    remaining_ = 0;
    next_.Push(head);
    return false;
  }
  void Finish() override { next_.Finish(); }

 private:
  int64_t remaining_;
  Operator& next_;
};

}  // namespace

std::unique_ptr<Operator> MakeLimitOperator(const PhysicalNode& node, Operator& next) {
  return std::make_unique<LimitOperator>(node.limit, next);
}

}  // namespace ember
