#include "exec/operators/join_partitions.h"

#include "common/error.h"

namespace ember {

JoinPartitioner::JoinPartitioner(std::vector<TypePtr> key_types, int level, SpillFile& file)
    : encoder_(std::move(key_types)),
      shift_(64 - kBits * level),
      file_(file),
      partitions_(kPartitions),
      pending_(kPartitions),
      pending_rows_(kPartitions, 0),
      first_packed_(kPartitions),
      first_key_(kPartitions) {
  EMBER_CHECK(level >= 1 && level <= kMaxLevel, "join partition level out of range");
  for (auto& partition : partitions_) partition.file = &file_;
}

bool JoinPartitioner::SameKey(int partition, int64_t row) const {
  return encoder_.packed() ? encoder_.Packed(row) == first_packed_[partition]
                           : encoder_.Key(row) == first_key_[partition];
}

void JoinPartitioner::Add(const Batch& batch, const std::vector<VectorPtr>& keys, const uint8_t* skip) {
  encoder_.Encode(keys, batch.num_rows);
  std::vector<std::vector<int32_t>> rows(kPartitions);
  for (int64_t i = 0; i < batch.num_rows; ++i) {
    if (skip != nullptr && skip[i]) continue;
    int p = static_cast<int>((encoder_.Hash(i) >> shift_) & (kPartitions - 1));
    JoinPartition& partition = partitions_[p];
    if (partition.rows == 0 && rows[p].empty()) {
      if (encoder_.packed()) {
        first_packed_[p] = encoder_.Packed(i);
      } else {
        first_key_[p] = std::string(encoder_.Key(i));
      }
    } else if (partition.one_key && !SameKey(p, i)) {
      partition.one_key = false;
    }
    rows[p].push_back(static_cast<int32_t>(i));
  }
  for (int p = 0; p < kPartitions; ++p) {
    if (rows[p].empty()) continue;
    int64_t count = static_cast<int64_t>(rows[p].size());
    Batch part = count == batch.num_rows ? batch : TakeBatch(batch, rows[p].data(), count);
    partitions_[p].rows += count;
    pending_rows_[p] += count;
    pending_[p].push_back(std::move(part));
    if (pending_rows_[p] >= kBatchRows) Flush(p);
  }
}

void JoinPartitioner::Flush(int partition) {
  std::vector<Batch>& pending = pending_[partition];
  if (pending.empty()) return;
  Batch all;
  all.num_rows = pending_rows_[partition];
  for (size_t c = 0; c < pending[0].columns.size(); ++c) {
    std::vector<VectorPtr> parts;
    for (const auto& batch : pending) parts.push_back(batch.columns[c]);
    all.columns.push_back(parts.size() == 1 ? parts[0] : ConcatVectors(parts));
  }
  pending.clear();
  pending_rows_[partition] = 0;
  JoinPartition& out = partitions_[partition];
  out.frames.push_back(file_.Append(all).offset);
  out.bytes += all.MemoryBytes();
  ++frames_;
}

std::vector<JoinPartition> JoinPartitioner::Finish() {
  for (int p = 0; p < kPartitions; ++p) Flush(p);
  return std::move(partitions_);
}

}  // namespace ember
