// A query's rows handed over a few batches at a time while its job runs on a background thread
// (toLocalIterator): partitions in order, memory bounded by `max_batches` queued batches plus one
// batch held by each running result task. A result task whose partition is not yet the one being
// read waits; the pool starts tasks in partition order, so the partition being read always runs.
// Destroying the stream early cancels the rest of the job.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/types.h"
#include "common/vector.h"
#include "exec/job.h"

namespace ember {

class ResultStream : public ResultHandler {
 public:
  // `run_job` runs the job with this stream as its result handler (on the stream's own thread).
  ResultStream(Schema schema, size_t max_batches, std::function<void(ResultHandler*)> run_job);
  ~ResultStream() override;

  const Schema& schema() const { return schema_; }
  // The next batch in order; false after the last. Rethrows the job's error.
  bool Next(Batch* out);

  void Prepare(int num_partitions) override;
  Operator* Sink(int partition) override { return sinks_[partition].get(); }
  void Abort() override;

 private:
  class PartitionSink;
  bool Offer(int partition, const Batch& batch);
  void FinishPartition(int partition);

  Schema schema_;
  size_t max_batches_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  int current_ = 0;          // the partition whose batches are being queued
  int num_partitions_ = -1;  // set by Prepare
  bool job_done_ = false;
  bool stopped_ = false;     // the consumer is gone or a task failed: sinks stop waiting
  std::exception_ptr error_;
  std::vector<std::unique_ptr<Operator>> sinks_;
  std::thread thread_;
};

}  // namespace ember
