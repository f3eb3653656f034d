#include "runtime/result_stream.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace ember {
namespace {

Batch RowsBatch(int64_t rows) { return Batch({}, rows); }

// A job of two result partitions whose tasks run at once; partition 1 pushes first.
void TwoPartitions(ResultHandler* handler) {
  handler->Prepare(2);
  std::thread later([handler] {
    handler->Sink(1)->Push(RowsBatch(10));
    handler->Sink(1)->Push(RowsBatch(11));
    handler->Sink(1)->Finish();
  });
  handler->Sink(0)->Push(RowsBatch(1));
  handler->Sink(0)->Finish();
  later.join();
}

TEST(ResultStreamTest, HandsOverPartitionsInOrder) {
  ResultStream stream({}, 1, TwoPartitions);
  std::vector<int64_t> rows;
  Batch batch;
  while (stream.Next(&batch)) rows.push_back(batch.num_rows);
  EXPECT_EQ(rows, (std::vector<int64_t>{1, 10, 11}));
}

TEST(ResultStreamTest, StopsTheJobWhenDroppedEarly) {
  Batch batch;
  {
    ResultStream stream({}, 1, TwoPartitions);
    ASSERT_TRUE(stream.Next(&batch));
    EXPECT_EQ(batch.num_rows, 1);
  }  // the tasks still pushing stop; the destructor returns
}

TEST(ResultStreamTest, RethrowsTheJobErrorAfterItsRows) {
  ResultStream stream({}, 4, [](ResultHandler* handler) {
    handler->Prepare(2);
    handler->Sink(0)->Push(RowsBatch(3));
    handler->Abort();  // partition 0 failed; partition 1 must not wait for it
    EXPECT_FALSE(handler->Sink(1)->Push(RowsBatch(4)));
    throw std::runtime_error("task failed");
  });
  Batch batch;
  ASSERT_TRUE(stream.Next(&batch));
  EXPECT_EQ(batch.num_rows, 3);
  EXPECT_THROW(stream.Next(&batch), std::runtime_error);
}

}  // namespace
}  // namespace ember
