#include "exec/packed_keys.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "common/error.h"

namespace ember {
namespace {

constexpr int kMaxPackedBytes = sizeof(PackedKey::words);
constexpr size_t kMaxPackedColumns = 32;

char* KeyBytes(PackedKey& key) { return reinterpret_cast<char*>(key.words); }
const char* KeyBytes(const PackedKey& key) { return reinterpret_cast<const char*>(key.words); }

template <int kWidth>
void PackValues(const uint8_t* values, int offset, int64_t rows, PackedKey* keys) {
  for (int64_t i = 0; i < rows; ++i) std::memcpy(KeyBytes(keys[i]) + offset, values + i * kWidth, kWidth);
}

template <typename T>
void PackFloats(const T* values, int offset, int64_t rows, PackedKey* keys) {
  for (int64_t i = 0; i < rows; ++i) {
    T value = NormalizeKeyFloat(values[i]);
    std::memcpy(KeyBytes(keys[i]) + offset, &value, sizeof(T));
  }
}

// Packs values [begin, begin + rows) of the column at byte `offset` of the keys.
void PackColumnValues(const DataType& type, const Vector& column, int64_t begin, int offset, int64_t rows,
                      PackedKey* keys) {
  if (type.id == TypeId::kFloat) return PackFloats(column.Data<float>() + begin, offset, rows, keys);
  if (type.id == TypeId::kDouble) return PackFloats(column.Data<double>() + begin, offset, rows, keys);
  const uint8_t* values = column.values().data() + begin * type.ByteWidth();
  switch (type.ByteWidth()) {
    case 1: return PackValues<1>(values, offset, rows, keys);
    case 2: return PackValues<2>(values, offset, rows, keys);
    case 4: return PackValues<4>(values, offset, rows, keys);
    case 8: return PackValues<8>(values, offset, rows, keys);
    case 16: return PackValues<16>(values, offset, rows, keys);
    default: throw InternalError("unexpected key width");
  }
}

}  // namespace

bool CanPackKeys(const std::vector<TypePtr>& types) {
  if (types.size() > kMaxPackedColumns) return false;
  int bytes = 0;
  for (const auto& type : types) {
    if (type->id != TypeId::kNull && !type->IsFixedWidth()) return false;
    bytes += type->ByteWidth();
  }
  return bytes <= kMaxPackedBytes;
}

void PackKeys(const std::vector<TypePtr>& types, const std::vector<VectorPtr>& columns, int64_t begin,
              int64_t rows, PackedKey* keys) {
  std::fill(keys, keys + rows, PackedKey{});
  int offset = 0;
  for (size_t c = 0; c < types.size(); ++c) {
    const Vector& column = *columns[c];
    uint32_t bit = 1u << c;
    if (types[c]->id == TypeId::kNull) {
      for (int64_t i = 0; i < rows; ++i) keys[i].nulls |= bit;
      continue;
    }
    int width = types[c]->ByteWidth();
    PackColumnValues(*types[c], column, begin, offset, rows, keys);
    if (column.MayHaveNulls()) {
      for (int64_t i = 0; i < rows; ++i) {
        if (column.IsValid(begin + i)) continue;
        std::memset(KeyBytes(keys[i]) + offset, 0, width);
        keys[i].nulls |= bit;
      }
    }
    offset += width;
  }
}

std::vector<VectorPtr> UnpackKeys(const std::vector<TypePtr>& types, const PackedKey* keys, int64_t count) {
  std::vector<VectorPtr> columns;
  int offset = 0;
  for (size_t c = 0; c < types.size(); ++c) {
    if (types[c]->id == TypeId::kNull) {
      columns.push_back(Vector::MakeNulls(types[c], count));
      continue;
    }
    int width = types[c]->ByteWidth();
    uint32_t bit = 1u << c;
    VectorPtr column = Vector::Make(types[c], count);
    uint8_t* out = column->values().data();
    for (int64_t i = 0; i < count; ++i) {
      std::memcpy(out + i * width, KeyBytes(keys[i]) + offset, width);  // a null's bytes are zeros
      if (keys[i].nulls & bit) column->SetNull(i);
    }
    offset += width;
    columns.push_back(std::move(column));
  }
  return columns;
}

PackedKeyMap::PackedKeyMap(int64_t expected_keys) {
  uint64_t capacity = std::bit_ceil(static_cast<uint64_t>(std::max<int64_t>(expected_keys * 2, 16)));
  slots_.assign(capacity, Slot{{0, 0}, 0, kEmpty});
  mask_ = capacity - 1;
}

void PackedKeyMap::Grow() {
  std::vector<Slot> slots(slots_.size() * 2, Slot{{0, 0}, 0, kEmpty});
  uint64_t mask = slots.size() - 1;
  for (const Slot& old : slots_) {
    if (old.value == kEmpty) continue;
    PackedKey key;
    key.words[0] = old.words[0];
    key.words[1] = old.words[1];
    key.nulls = old.nulls;
    uint64_t index = HashPackedKey(key) & mask;
    while (slots[index].value != kEmpty) index = (index + 1) & mask;
    slots[index] = old;
  }
  slots_ = std::move(slots);
  mask_ = mask;
}

}  // namespace ember
