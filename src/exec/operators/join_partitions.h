// Grace hash join partitions: the rows of one join side written to a spill file in 16 partitions
// by bits of their join key's hash, so that rows that can match land in partitions of the same
// index on both sides. Level 1 takes the top 4 bits of the hash, level 2 the next 4, and so on: a
// partition still too big is split again by bits its keys do not share yet (hash tables index by
// the low bits). Rows are buffered per partition into batches of about kBatchRows rows before they
// are written, so what is in flight is bounded by 16 batches.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/vector.h"
#include "exec/row_keys.h"
#include "exec/spill_file.h"

namespace ember {

struct JoinPartition {
  const SpillFile* file = nullptr;
  std::vector<int64_t> frames;
  int64_t rows = 0;
  int64_t bytes = 0;     // in memory, once read back
  bool one_key = true;   // every row has the same key: splitting it again cannot shrink it
};

class JoinPartitioner {
 public:
  static constexpr int kBits = 4;
  static constexpr int kPartitions = 1 << kBits;
  static constexpr int kMaxLevel = 64 / kBits;

  JoinPartitioner(std::vector<TypePtr> key_types, int level, SpillFile& file);
  // Adds the rows of `batch` whose key (`keys`, its key columns) is not skipped (`skip` nullable).
  void Add(const Batch& batch, const std::vector<VectorPtr>& keys, const uint8_t* skip);
  // Writes what is buffered; the partitions, kPartitions of them.
  std::vector<JoinPartition> Finish();
  // Frames written so far.
  int64_t frames() const { return frames_; }

 private:
  void Flush(int partition);
  bool SameKey(int partition, int64_t row) const;

  RowKeyEncoder encoder_;
  int shift_;
  SpillFile& file_;
  std::vector<JoinPartition> partitions_;
  std::vector<std::vector<Batch>> pending_;
  std::vector<int64_t> pending_rows_;
  std::vector<PackedKey> first_packed_;
  std::vector<std::string> first_key_;
  int64_t frames_ = 0;
};

}  // namespace ember
