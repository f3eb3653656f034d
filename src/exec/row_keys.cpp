#include "exec/row_keys.h"

#include <algorithm>

#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "common/error.h"

namespace ember {
namespace {

constexpr uint32_t kEmptySlot = UINT32_MAX;
constexpr int64_t kArenaChunkBytes = 1 << 20;
constexpr int64_t kFirstArenaChunkBytes = 64 << 10;

enum class KeyLayout { kNull, kFixed, kFloat, kDouble, kVariable };

KeyLayout LayoutOf(const DataType& type) {
  if (type.id == TypeId::kNull) return KeyLayout::kNull;
  if (type.id == TypeId::kFloat) return KeyLayout::kFloat;
  if (type.id == TypeId::kDouble) return KeyLayout::kDouble;
  if (type.IsVariableWidth()) return KeyLayout::kVariable;
  if (type.IsNested()) {
    throw InternalError("grouping or partitioning by " + type.ToString() + " is not supported yet");
  }
  return KeyLayout::kFixed;
}

template <int kWidth>
void WriteFixedWidth(const Vector& column, int64_t rows, char* out, int64_t* cursor) {
  const uint8_t* values = column.values().data();
  for (int64_t i = 0; i < rows; ++i) {
    char* p = out + cursor[i];
    if (!column.IsValid(i)) {
      *p = 0;
      cursor[i] += 1;
      continue;
    }
    *p = 1;
    std::memcpy(p + 1, values + i * kWidth, kWidth);
    cursor[i] += 1 + kWidth;
  }
}

void WriteFixed(const Vector& column, int width, int64_t rows, char* out, int64_t* cursor) {
  switch (width) {
    case 1: return WriteFixedWidth<1>(column, rows, out, cursor);
    case 2: return WriteFixedWidth<2>(column, rows, out, cursor);
    case 4: return WriteFixedWidth<4>(column, rows, out, cursor);
    case 8: return WriteFixedWidth<8>(column, rows, out, cursor);
    case 16: return WriteFixedWidth<16>(column, rows, out, cursor);
    default: throw InternalError("unexpected key width");
  }
}

template <typename T>
void WriteFloating(const Vector& column, int64_t rows, char* out, int64_t* cursor) {
  const T* values = column.Data<T>();
  for (int64_t i = 0; i < rows; ++i) {
    char* p = out + cursor[i];
    if (!column.IsValid(i)) {
      *p = 0;
      cursor[i] += 1;
      continue;
    }
    T value = NormalizeKeyFloat(values[i]);
    *p = 1;
    std::memcpy(p + 1, &value, sizeof(T));
    cursor[i] += 1 + sizeof(T);
  }
}

uint64_t HashKeyBytes(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

}  // namespace

RowKeyEncoder::RowKeyEncoder(std::vector<TypePtr> types)
    : types_(std::move(types)), packed_(CanPackKeys(types_)) {
  for (const auto& type : types_) LayoutOf(*type);
}

void RowKeyEncoder::Encode(const std::vector<VectorPtr>& columns, int64_t rows) {
  hashes_.resize(rows);
  if (packed_) {
    packed_keys_.resize(rows);
    PackKeys(types_, columns, 0, rows, packed_keys_.data());
    for (int64_t i = 0; i < rows; ++i) hashes_[i] = HashPackedKey(packed_keys_[i]);
    return;
  }
  offsets_.assign(rows + 1, 0);
  int64_t* lengths = offsets_.data() + 1;
  for (size_t c = 0; c < types_.size(); ++c) {
    const Vector& column = *columns[c];
    KeyLayout layout = LayoutOf(*types_[c]);
    if (layout == KeyLayout::kNull) {
      for (int64_t i = 0; i < rows; ++i) lengths[i] += 1;
    } else if (layout == KeyLayout::kVariable) {
      const int32_t* offsets = column.Offsets();
      for (int64_t i = 0; i < rows; ++i) {
        lengths[i] += 1 + (column.IsValid(i) ? 4 + offsets[i + 1] - offsets[i] : 0);
      }
    } else {
      int width = types_[c]->ByteWidth();
      if (!column.MayHaveNulls()) {
        for (int64_t i = 0; i < rows; ++i) lengths[i] += 1 + width;
      } else {
        for (int64_t i = 0; i < rows; ++i) lengths[i] += 1 + (column.IsValid(i) ? width : 0);
      }
    }
  }
  for (int64_t i = 0; i < rows; ++i) offsets_[i + 1] += offsets_[i];
  data_.resize(offsets_[rows]);

  std::vector<int64_t> cursor(offsets_.begin(), offsets_.end() - 1);
  char* out = data_.data();
  for (size_t c = 0; c < types_.size(); ++c) {
    const Vector& column = *columns[c];
    switch (LayoutOf(*types_[c])) {
      case KeyLayout::kNull:
        for (int64_t i = 0; i < rows; ++i) out[cursor[i]++] = 0;
        break;
      case KeyLayout::kFixed:
        WriteFixed(column, types_[c]->ByteWidth(), rows, out, cursor.data());
        break;
      case KeyLayout::kFloat:
        WriteFloating<float>(column, rows, out, cursor.data());
        break;
      case KeyLayout::kDouble:
        WriteFloating<double>(column, rows, out, cursor.data());
        break;
      case KeyLayout::kVariable: {
        const int32_t* offsets = column.Offsets();
        const char* bytes = reinterpret_cast<const char*>(column.bytes().data());
        for (int64_t i = 0; i < rows; ++i) {
          char* p = out + cursor[i];
          if (!column.IsValid(i)) {
            *p = 0;
            cursor[i] += 1;
            continue;
          }
          int32_t length = offsets[i + 1] - offsets[i];
          *p = 1;
          std::memcpy(p + 1, &length, 4);
          std::memcpy(p + 5, bytes + offsets[i], length);
          cursor[i] += 5 + length;
        }
        break;
      }
    }
  }
  for (int64_t i = 0; i < rows; ++i) hashes_[i] = HashKeyBytes(Key(i));
}

std::vector<VectorPtr> RowKeyEncoder::Decode(const std::vector<TypePtr>& types,
                                             const std::vector<std::string_view>& keys) {
  std::vector<const char*> cursor;
  for (const auto& key : keys) cursor.push_back(key.data());
  std::vector<VectorPtr> columns;
  for (const auto& type : types) {
    KeyLayout layout = LayoutOf(*type);
    VectorBuilder builder(type, static_cast<int64_t>(keys.size()));
    int width = layout == KeyLayout::kNull ? 0 : type->ByteWidth();
    for (auto& p : cursor) {
      if (*p++ == 0) {
        builder.AppendNull();
        continue;
      }
      if (layout == KeyLayout::kVariable) {
        int32_t length;
        std::memcpy(&length, p, 4);
        builder.AppendString(std::string_view(p + 4, length));
        p += 4 + length;
        continue;
      }
      switch (width) {
        case 1: builder.Append<uint8_t>(static_cast<uint8_t>(*p)); break;
        case 2: { int16_t v; std::memcpy(&v, p, 2); builder.Append(v); break; }
        case 4: { int32_t v; std::memcpy(&v, p, 4); builder.Append(v); break; }
        case 8: { int64_t v; std::memcpy(&v, p, 8); builder.Append(v); break; }
        case 16: { int128_t v; std::memcpy(&v, p, 16); builder.Append(v); break; }
        default: throw InternalError("unexpected key width");
      }
      p += width;
    }
    columns.push_back(builder.Finish());
  }
  return columns;
}

GroupTable::GroupTable(std::vector<TypePtr> types)
    : types_(std::move(types)), packed_(CanPackKeys(types_)), slots_(1024, Slot{0, kEmptySlot}), mask_(1023) {}

std::string_view GroupTable::StoreKey(std::string_view key) {
  if (key.empty()) return std::string_view();
  if (arena_used_ + static_cast<int64_t>(key.size()) > arena_capacity_) {
    // Small tables (a spilling aggregate's under a small budget) start with a small chunk.
    int64_t chunk = std::clamp<int64_t>(arena_bytes_, kFirstArenaChunkBytes, kArenaChunkBytes);
    int64_t capacity = std::max<int64_t>(chunk, key.size());
    arena_chunks_.push_back(std::make_unique<char[]>(capacity));
    arena_capacity_ = capacity;
    arena_used_ = 0;
    arena_bytes_ += capacity;
  }
  char* p = arena_chunks_.back().get() + arena_used_;
  std::memcpy(p, key.data(), key.size());
  arena_used_ += key.size();
  return std::string_view(p, key.size());
}

void GroupTable::Grow() {
  std::vector<Slot> slots(slots_.size() * 2, Slot{0, kEmptySlot});
  uint64_t mask = slots.size() - 1;
  for (const Slot& old : slots_) {
    if (old.group == kEmptySlot) continue;
    uint64_t index = old.hash & mask;
    while (slots[index].group != kEmptySlot) index = (index + 1) & mask;
    slots[index] = old;
  }
  slots_ = std::move(slots);
  mask_ = mask;
}

uint32_t GroupTable::FindOrInsert(std::string_view key, uint64_t hash) {
  uint64_t index = hash & mask_;
  while (true) {
    const Slot& slot = slots_[index];
    if (slot.group == kEmptySlot) break;
    if (slot.hash == hash && group_keys_[slot.group] == key) return slot.group;
    index = (index + 1) & mask_;
  }
  uint32_t group = static_cast<uint32_t>(group_keys_.size());
  group_keys_.push_back(StoreKey(key));
  slots_[index] = Slot{hash, group};
  if (group_keys_.size() * 2 > slots_.size()) Grow();
  return group;
}

void GroupTable::FindOrInsert(const RowKeyEncoder& keys, int64_t rows, uint32_t* group_ids) {
  // With many groups most probes miss the cache: prefetch the slot of a row a few rows ahead.
  constexpr int64_t kPrefetchDistance = 16;
  const uint64_t* hashes = keys.Hashes();
  if (packed_) {
    for (int64_t i = 0; i < rows; ++i) {
      if (i + kPrefetchDistance < rows) packed_map_.Prefetch(hashes[i + kPrefetchDistance]);
      int32_t& group = packed_map_.Insert(keys.Packed(i), hashes[i]);
      if (group < 0) {
        group = static_cast<int32_t>(packed_group_keys_.size());
        packed_group_keys_.push_back(keys.Packed(i));
      }
      group_ids[i] = static_cast<uint32_t>(group);
    }
    return;
  }
  for (int64_t i = 0; i < rows; ++i) {
    if (i + kPrefetchDistance < rows) __builtin_prefetch(&slots_[hashes[i + kPrefetchDistance] & mask_]);
    group_ids[i] = FindOrInsert(keys.Key(i), hashes[i]);
  }
}

std::vector<VectorPtr> GroupTable::Keys(int64_t begin, int64_t end) const {
  if (packed_) return UnpackKeys(types_, packed_group_keys_.data() + begin, end - begin);
  return RowKeyEncoder::Decode(types_, std::vector<std::string_view>(group_keys_.begin() + begin,
                                                                     group_keys_.begin() + end));
}

int64_t GroupTable::MemoryBytes() const {
  return arena_bytes_ + static_cast<int64_t>(slots_.size() * sizeof(Slot)) +
         static_cast<int64_t>(group_keys_.size()) * sizeof(std::string_view) + packed_map_.MemoryBytes() +
         static_cast<int64_t>(packed_group_keys_.size() * sizeof(PackedKey));
}

}  // namespace ember
