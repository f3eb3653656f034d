// Sinks at the end of a result stage: collecting batches, or only counting rows.
#include "exec/operators/operator.h"

namespace ember {
namespace {

class CollectSink : public Operator {
 public:
  explicit CollectSink(std::vector<Batch>* out) : out_(out) {}
  bool Push(const Batch& batch) override {
    out_->push_back(batch);
    return true;
  }
  void Finish() override {}

 private:
  std::vector<Batch>* out_;
};

class CountSink : public Operator {
 public:
  explicit CountSink(int64_t* count) : count_(count) {}
  bool Push(const Batch& batch) override {
    *count_ += batch.num_rows;
    return true;
  }
  void Finish() override {}

 private:
  int64_t* count_;
};

}  // namespace

std::unique_ptr<Operator> MakeCollectSink(std::vector<Batch>* out) {
  return std::make_unique<CollectSink>(out);
}

std::unique_ptr<Operator> MakeCountSink(int64_t* count) { return std::make_unique<CountSink>(count); }

}  // namespace ember
