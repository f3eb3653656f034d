// Row keys: the values of several key columns of one row as one hashable, comparable key. Keys
// whose columns are all fixed-width and fit 16 bytes are packed into integers (exec/packed_keys.h);
// other keys are encoded as byte strings compared with memcmp. Per column: one byte (0 = null,
// 1 = valid), then for a valid value its fixed-width bytes or a 4-byte length and the bytes of a
// string; arrays, maps and structs value by value (row_keys.cpp). Floating-point keys are
// normalized first (-0.0 as 0.0, every NaN as one NaN) because Spark groups and partitions them as
// equal.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/vector.h"
#include "exec/packed_keys.h"

namespace ember {

class RowKeyEncoder {
 public:
  explicit RowKeyEncoder(std::vector<TypePtr> types);

  // Encodes `rows` rows of the key columns; Packed(i) or Key(i), and Hash(i) then describe row i.
  void Encode(const std::vector<VectorPtr>& columns, int64_t rows);
  // Whether keys are packed (Packed) rather than byte strings (Key); depends on the types only.
  bool packed() const { return packed_; }
  const PackedKey& Packed(int64_t row) const { return packed_keys_[row]; }
  std::string_view Key(int64_t row) const {
    return std::string_view(data_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]);
  }
  uint64_t Hash(int64_t row) const { return hashes_[row]; }
  const uint64_t* Hashes() const { return hashes_.data(); }
  const std::vector<TypePtr>& types() const { return types_; }
  int64_t MemoryBytes() const {
    return static_cast<int64_t>(packed_keys_.capacity() * sizeof(PackedKey) + offsets_.capacity() * 8 +
                                data_.capacity() + hashes_.capacity() * 8);
  }

  // Rebuilds key columns from encoded keys.
  static std::vector<VectorPtr> Decode(const std::vector<TypePtr>& types,
                                       const std::vector<std::string_view>& keys);

 private:
  std::vector<TypePtr> types_;
  bool packed_;
  std::vector<PackedKey> packed_keys_;
  std::vector<int64_t> offsets_;
  std::vector<char> data_;
  std::vector<uint64_t> hashes_;
};

// Assigns dense group ids 0, 1, 2... to distinct keys of the given types: packed keys in a
// PackedKeyMap, byte-string keys by open addressing with the keys kept in an arena.
class GroupTable {
 public:
  explicit GroupTable(std::vector<TypePtr> types);
  // group_ids[i] = the group of encoded row i, inserting new groups.
  void FindOrInsert(const RowKeyEncoder& keys, int64_t rows, uint32_t* group_ids);
  int64_t size() const {
    return static_cast<int64_t>(packed_ ? packed_group_keys_.size() : group_keys_.size());
  }
  // The key columns of groups [begin, end).
  std::vector<VectorPtr> Keys(int64_t begin, int64_t end) const;
  int64_t MemoryBytes() const;

 private:
  uint32_t FindOrInsert(std::string_view key, uint64_t hash);
  void Grow();
  std::string_view StoreKey(std::string_view key);

  std::vector<TypePtr> types_;
  bool packed_;
  PackedKeyMap packed_map_;
  std::vector<PackedKey> packed_group_keys_;

  // One slot holds a key's hash and its group id side by side, so a probe touches one cache line.
  struct Slot {
    uint64_t hash;
    uint32_t group;  // kEmptySlot or a group id
  };
  std::vector<Slot> slots_;
  uint64_t mask_;
  std::vector<std::string_view> group_keys_;
  std::vector<std::unique_ptr<char[]>> arena_chunks_;
  int64_t arena_used_ = 0;
  int64_t arena_capacity_ = 0;
  int64_t arena_bytes_ = 0;
};

}  // namespace ember
