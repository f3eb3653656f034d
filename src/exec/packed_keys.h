// Packed keys: the fast path of row keys (exec/row_keys.h) for key columns that are all fixed-width
// with at most 16 value bytes together (one or two bigints, a bigint with a date and an int...). A
// row's values are copied side by side into two 64-bit words, a null's bytes as zeros, and its
// nulls into a bit mask, so keys hash with a few multiplies and compare as three integers.
// Floating-point values are normalized like the byte-string keys: -0.0 as 0.0, every NaN as one NaN.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "common/vector.h"

namespace ember {

// A floating-point key value as keys compare it: Spark groups and partitions -0.0 with 0.0 and
// every NaN with every other NaN.
template <typename T>
T NormalizeKeyFloat(T value) {
  if (std::isnan(value)) return std::numeric_limits<T>::quiet_NaN();
  if (value == 0) return 0;
  return value;
}

struct PackedKey {
  uint64_t words[2] = {0, 0};
  uint32_t nulls = 0;  // bit c: key column c is null

  bool operator==(const PackedKey& other) const {
    return words[0] == other.words[0] && words[1] == other.words[1] && nulls == other.nulls;
  }
};

// Whether keys of these types pack: all fixed-width, at most 16 value bytes and 32 columns. Depends
// on the types only, so both sides of a join or shuffle with the same key types agree.
bool CanPackKeys(const std::vector<TypePtr>& types);
// Packs rows [begin, begin + rows) of the key columns into keys[0, rows).
void PackKeys(const std::vector<TypePtr>& types, const std::vector<VectorPtr>& columns, int64_t begin,
              int64_t rows, PackedKey* keys);
// Key columns holding `count` packed keys.
std::vector<VectorPtr> UnpackKeys(const std::vector<TypePtr>& types, const PackedKey* keys, int64_t count);

// A multiply-xorshift mixer.
inline uint64_t MixKeyWord(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  return x ^ (x >> 32);
}
// The words are combined with odd multipliers first, so that keys differing in a few bits of
// several fields do not cancel out, and then mixed once.
inline uint64_t HashPackedKey(const PackedKey& key) {
  return MixKeyWord(key.words[0] + key.words[1] * 0x9e3779b97f4a7c15ULL + key.nulls * 0xc2b2ae3d27d4eb4fULL);
}

// An open-addressing map from packed key to an int32 value. Each slot holds its key inline, so a
// lookup touches one cache line.
class PackedKeyMap {
 public:
  explicit PackedKeyMap(int64_t expected_keys = 0);
  // The value of `key` (hashed by HashPackedKey), inserted as -1 when new. The reference is valid
  // until the next Insert.
  int32_t& Insert(const PackedKey& key, uint64_t hash) {
    if (static_cast<uint64_t>(size_ + 1) * 2 > slots_.size()) Grow();
    for (uint64_t index = hash & mask_;; index = (index + 1) & mask_) {
      Slot& slot = slots_[index];
      if (slot.value == kEmpty) {
        slot = Slot{{key.words[0], key.words[1]}, key.nulls, -1};
        ++size_;
        return slot.value;
      }
      if (slot.Holds(key)) return slot.value;
    }
  }
  // The value of `key`, or -1 when absent.
  int32_t Find(const PackedKey& key, uint64_t hash) const {
    for (uint64_t index = hash & mask_;; index = (index + 1) & mask_) {
      const Slot& slot = slots_[index];
      if (slot.value == kEmpty) return -1;
      if (slot.Holds(key)) return slot.value;
    }
  }
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & mask_]); }
  int64_t size() const { return size_; }
  int64_t MemoryBytes() const { return static_cast<int64_t>(slots_.size() * sizeof(Slot)); }

 private:
  static constexpr int32_t kEmpty = INT32_MIN;
  // The key's fields and the value in 24 bytes (a PackedKey member would pad the slot to 32).
  struct Slot {
    uint64_t words[2];
    uint32_t nulls;
    int32_t value;  // kEmpty for a free slot
    bool Holds(const PackedKey& key) const {
      return words[0] == key.words[0] && words[1] == key.words[1] && nulls == key.nulls;
    }
  };
  void Grow();

  std::vector<Slot> slots_;
  uint64_t mask_;
  int64_t size_ = 0;
};

}  // namespace ember
