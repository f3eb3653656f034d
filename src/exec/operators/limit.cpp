// Limit: skips the first `offset` rows, passes the next `limit` rows (all when limit < 0) and then
// asks for no more input.
#include <limits>

#include "exec/operators/operator.h"

namespace ember {
namespace {

class LimitOperator : public Operator {
 public:
  LimitOperator(int64_t limit, int64_t offset, Operator& next)
      : remaining_(limit < 0 ? std::numeric_limits<int64_t>::max() : limit), to_skip_(offset), next_(next) {}

  bool Push(const Batch& input) override {
    if (remaining_ <= 0) return false;
    Batch skipped;
    if (to_skip_ > 0) {
      if (input.num_rows <= to_skip_) {
        to_skip_ -= input.num_rows;
        return true;
      }
      skipped = SliceBatch(input, to_skip_, input.num_rows - to_skip_);
      to_skip_ = 0;
    }
    const Batch& batch = skipped.num_rows > 0 ? skipped : input;
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
  int64_t to_skip_;
  Operator& next_;
};

}  // namespace

std::unique_ptr<Operator> MakeLimitOperator(const PhysicalNode& node, Operator& next) {
  return std::make_unique<LimitOperator>(node.As<LimitExec>().limit, node.As<LimitExec>().offset, next);
}

}  // namespace ember
