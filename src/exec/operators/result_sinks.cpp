// Sinks at the end of a result stage: collecting batches, or only counting rows.
#include "exec/operators/operator.h"

namespace ember {
namespace {

class CollectSink : public Operator {
 public:
  CollectSink(std::vector<Batch>* out, QueryMemory* memory) : out_(out), memory_(memory, MemoryPool::kExecution) {}
  bool Push(const Batch& batch) override {
    memory_.Grow(batch.MemoryBytes());
    out_->push_back(batch);
    return true;
  }
  void Finish() override {}

 private:
  std::vector<Batch>* out_;
  MemoryReservation memory_;
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

std::unique_ptr<Operator> MakeCollectSink(std::vector<Batch>* out, QueryMemory* memory) {
  return std::make_unique<CollectSink>(out, memory);
}

std::unique_ptr<Operator> MakeCountSink(int64_t* count) { return std::make_unique<CountSink>(count); }

}  // namespace ember
