#include "runtime/result_stream.h"

namespace ember {

class ResultStream::PartitionSink : public Operator {
 public:
  PartitionSink(ResultStream& stream, int partition) : stream_(stream), partition_(partition) {}
  bool Push(const Batch& batch) override { return stream_.Offer(partition_, batch); }
  void Finish() override { stream_.FinishPartition(partition_); }

 private:
  ResultStream& stream_;
  int partition_;
};

ResultStream::ResultStream(Schema schema, size_t max_batches,
                           std::function<void(ResultHandler*)> run_job)
    : schema_(std::move(schema)), max_batches_(std::max<size_t>(max_batches, 1)) {
  thread_ = std::thread([this, run_job = std::move(run_job)] {
    std::exception_ptr error;
    try {
      run_job(this);
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    error_ = error;
    job_done_ = true;
    changed_.notify_all();
  });
}

ResultStream::~ResultStream() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

void ResultStream::Prepare(int num_partitions) {
  std::lock_guard lock(mutex_);
  num_partitions_ = num_partitions;
  current_ = 0;
  sinks_.clear();
  for (int p = 0; p < num_partitions; ++p) sinks_.push_back(std::make_unique<PartitionSink>(*this, p));
}

void ResultStream::Abort() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

bool ResultStream::Offer(int partition, const Batch& batch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    return stopped_ || (partition == current_ && queue_.size() < max_batches_);
  });
  if (stopped_) return false;
  queue_.push_back(batch);
  changed_.notify_all();
  return true;
}

void ResultStream::FinishPartition(int partition) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopped_ || partition == current_; });
  if (partition == current_) ++current_;
  changed_.notify_all();
}

bool ResultStream::Next(Batch* out) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !queue_.empty() || job_done_; });
  if (!queue_.empty()) {
    *out = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return true;
  }
  if (error_) std::rethrow_exception(error_);
  return false;
}

}  // namespace ember
