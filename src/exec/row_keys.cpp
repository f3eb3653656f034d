#include "exec/row_keys.h"

#include <algorithm>

#include <cstring>
#include <string>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "common/error.h"

namespace ember {
namespace {

constexpr uint32_t kEmptySlot = UINT32_MAX;
constexpr int64_t kArenaChunkBytes = 1 << 20;
constexpr int64_t kFirstArenaChunkBytes = 64 << 10;

enum class KeyLayout { kNull, kFixed, kFloat, kDouble, kVariable, kNested };

KeyLayout LayoutOf(const DataType& type) {
  if (type.id == TypeId::kNull) return KeyLayout::kNull;
  if (type.id == TypeId::kFloat) return KeyLayout::kFloat;
  if (type.id == TypeId::kDouble) return KeyLayout::kDouble;
  if (type.IsVariableWidth()) return KeyLayout::kVariable;
  if (type.IsNested()) return KeyLayout::kNested;
  return KeyLayout::kFixed;
}

// Appends the fixed-width key value at p to `builder`; returns the position after it.
const char* AppendFixedKey(const char* p, int width, VectorBuilder& builder) {
  switch (width) {
    case 1: builder.Append<uint8_t>(static_cast<uint8_t>(*p)); break;
    case 2: { int16_t v; std::memcpy(&v, p, 2); builder.Append(v); break; }
    case 4: { int32_t v; std::memcpy(&v, p, 4); builder.Append(v); break; }
    case 8: { int64_t v; std::memcpy(&v, p, 8); builder.Append(v); break; }
    case 16: { int128_t v; std::memcpy(&v, p, 16); builder.Append(v); break; }
    default: throw InternalError("unexpected key width");
  }
  return p + width;
}

// Nested key values (arrays, maps, structs) are encoded value by value, self-delimiting: the
// validity byte, then an array's or map's element count and its elements (a map's keys, then its
// values), or a struct's fields; leaves as in flat keys, floating point normalized.
void EncodeNested(const Vector& v, int64_t row, std::string* out) {
  if (!v.IsValid(row)) {
    out->push_back(0);
    return;
  }
  out->push_back(1);
  const DataType& type = *v.type();
  switch (type.id) {
    case TypeId::kNull: return;
    case TypeId::kFloat: {
      float value = NormalizeKeyFloat(v.Data<float>()[row]);
      out->append(reinterpret_cast<const char*>(&value), sizeof value);
      return;
    }
    case TypeId::kDouble: {
      double value = NormalizeKeyFloat(v.Data<double>()[row]);
      out->append(reinterpret_cast<const char*>(&value), sizeof value);
      return;
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      std::string_view s = v.GetString(row);
      int32_t length = static_cast<int32_t>(s.size());
      out->append(reinterpret_cast<const char*>(&length), 4);
      out->append(s);
      return;
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      const int32_t* offsets = v.Offsets();
      int32_t count = offsets[row + 1] - offsets[row];
      out->append(reinterpret_cast<const char*>(&count), 4);
      for (const auto& child : v.children()) {
        for (int32_t k = offsets[row]; k < offsets[row + 1]; ++k) EncodeNested(*child, k, out);
      }
      return;
    }
    case TypeId::kStruct:
      for (const auto& child : v.children()) EncodeNested(*child, row, out);
      return;
    default: {
      int width = type.ByteWidth();
      out->append(reinterpret_cast<const char*>(v.values().data()) + row * width, width);
    }
  }
}

// Reads one value EncodeNested wrote into `builder`; returns the position after it.
const char* DecodeNested(const char* p, VectorBuilder& builder) {
  if (*p++ == 0) {
    builder.AppendNull();
    return p;
  }
  const DataType& type = *builder.type();
  switch (type.id) {
    case TypeId::kNull:
      builder.AppendNull();
      return p;
    case TypeId::kString:
    case TypeId::kBinary: {
      int32_t length;
      std::memcpy(&length, p, 4);
      builder.AppendString(std::string_view(p + 4, length));
      return p + 4 + length;
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      int32_t count;
      std::memcpy(&count, p, 4);
      p += 4;
      size_t children = type.id == TypeId::kMap ? 2 : 1;
      for (size_t c = 0; c < children; ++c) {
        for (int32_t k = 0; k < count; ++k) p = DecodeNested(p, builder.Child(c));
      }
      builder.FinishNested();
      return p;
    }
    case TypeId::kStruct:
      for (size_t c = 0; c < type.fields.size(); ++c) p = DecodeNested(p, builder.Child(c));
      builder.FinishNested();
      return p;
    default:
      return AppendFixedKey(p, type.ByteWidth(), builder);
  }
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
  // Nested columns are encoded first, one string per row, and copied in below.
  std::vector<std::vector<std::string>> nested(types_.size());
  for (size_t c = 0; c < types_.size(); ++c) {
    const Vector& column = *columns[c];
    KeyLayout layout = LayoutOf(*types_[c]);
    if (layout == KeyLayout::kNested) {
      nested[c].resize(rows);
      for (int64_t i = 0; i < rows; ++i) {
        EncodeNested(column, i, &nested[c][i]);
        lengths[i] += static_cast<int64_t>(nested[c][i].size());
      }
    } else if (layout == KeyLayout::kNull) {
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
      case KeyLayout::kNested:
        for (int64_t i = 0; i < rows; ++i) {
          std::memcpy(out + cursor[i], nested[c][i].data(), nested[c][i].size());
          cursor[i] += static_cast<int64_t>(nested[c][i].size());
        }
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
    if (layout == KeyLayout::kNested) {
      for (auto& p : cursor) p = DecodeNested(p, builder);
      columns.push_back(builder.Finish());
      continue;
    }
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
      p = AppendFixedKey(p, width, builder);
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
