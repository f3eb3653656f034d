#include "exec/operators/normalized_sort.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace ember {
namespace {

// The byte width of a key type's normalized value (0: not encodable).
int KeyBytes(const DataType& type) {
  switch (type.id) {
    case TypeId::kBoolean:
    case TypeId::kByte:
      return 1;
    case TypeId::kShort:
      return 2;
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
    case TypeId::kFloat:
      return 4;
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
    case TypeId::kDouble:
      return 8;
    case TypeId::kDecimal:
      return type.IsWideDecimal() ? 16 : 8;
    default:
      return 0;
  }
}

// A signed value as unsigned bits of `bytes` width ordered as the signed values are.
template <typename T>
uint64_t SignFlipped(T value) {
  using U = std::make_unsigned_t<T>;
  return static_cast<uint64_t>(static_cast<U>(value) ^ (U{1} << (sizeof(T) * 8 - 1)));
}

template <typename F, typename U>
uint64_t FloatBits(F value) {
  if (std::isnan(value)) value = std::numeric_limits<F>::quiet_NaN();
  if (value == 0) value = 0;  // -0.0 as 0.0
  U bits;
  std::memcpy(&bits, &value, sizeof(bits));
  constexpr U kSign = U{1} << (sizeof(U) * 8 - 1);
  return static_cast<uint64_t>(bits & kSign ? ~bits : bits | kSign);
}

// Row i's key value as unsigned bits in the key's order (the high part of a wide decimal through
// `high`).
uint64_t Normalized(const Vector& key, int64_t i, uint64_t* high) {
  const DataType& type = *key.type();
  switch (type.id) {
    case TypeId::kBoolean:
      return key.Data<uint8_t>()[i];
    case TypeId::kByte:
      return SignFlipped(key.Data<int8_t>()[i]);
    case TypeId::kShort:
      return SignFlipped(key.Data<int16_t>()[i]);
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return SignFlipped(key.Data<int32_t>()[i]);
    case TypeId::kFloat:
      return FloatBits<float, uint32_t>(key.Data<float>()[i]);
    case TypeId::kDouble:
      return FloatBits<double, uint64_t>(key.Data<double>()[i]);
    case TypeId::kDecimal:
      if (type.IsWideDecimal()) {
        const auto value = static_cast<unsigned __int128>(key.Data<int128_t>()[i]);
        *high = static_cast<uint64_t>(value >> 64) ^ (uint64_t{1} << 63);
        return static_cast<uint64_t>(value);
      }
      return SignFlipped(key.Data<int64_t>()[i]);
    default:
      return SignFlipped(key.Data<int64_t>()[i]);
  }
}

// Writes the low `bytes` bytes of `value` big-endian at `out`.
void PutBigEndian(uint64_t value, int bytes, uint8_t* out) {
  for (int b = bytes - 1; b >= 0; --b) {
    out[b] = static_cast<uint8_t>(value);
    value >>= 8;
  }
}

// Below this many rows a comparison sort is faster than the radix sort's passes.
constexpr int64_t kRadixSortRows = 2048;

template <int kWords>
struct KeyRow {
  uint64_t words[kWords];
  int32_t row;
  bool operator<(const KeyRow& other) const {
    for (int w = 0; w < kWords; ++w) {
      if (words[w] != other.words[w]) return words[w] < other.words[w];
    }
    return row < other.row;
  }
};

template <int kWords>
uint8_t ByteOf(const KeyRow<kWords>& row, int byte) {
  return static_cast<uint8_t>(row.words[kWords - 1 - byte / 8] >> (byte % 8 * 8));
}

// Stable LSD radix sort by the words (most significant first), a byte at a time from the least
// significant; a byte that is the same in every row is skipped (most of a key's high bytes are).
template <int kWords>
void RadixSort(std::vector<KeyRow<kWords>>& rows) {
  constexpr int kBytes = kWords * 8;
  const size_t n = rows.size();
  std::vector<std::array<uint32_t, 256>> counts(kBytes, std::array<uint32_t, 256>{});
  for (const auto& row : rows) {
    for (int b = 0; b < kBytes; ++b) ++counts[b][ByteOf(row, b)];
  }
  std::vector<KeyRow<kWords>> buffer(n);
  for (int b = 0; b < kBytes; ++b) {
    if (counts[b][ByteOf(rows[0], b)] == n) continue;
    uint32_t next = 0;
    for (uint32_t& count : counts[b]) {
      uint32_t here = count;
      count = next;
      next += here;
    }
    for (const auto& row : rows) buffer[counts[b][ByteOf(row, b)]++] = row;
    rows.swap(buffer);
  }
}

// How one key is encoded: a null byte when the key has nulls, then `bytes` bytes big-endian of its
// normalized value minus the smallest one (`min`; the range of the values decides `bytes`, so keys
// take only the bytes their values differ in), reversed for a descending key. Wide decimals take
// their 16 bytes.
struct KeyLayout {
  bool nullable = false;
  bool wide = false;
  int bytes = 0;
  uint64_t min = 0, range = 0;
};

KeyLayout Layout(const Vector& key, int64_t rows) {
  KeyLayout layout;
  layout.nullable = key.MayHaveNulls();
  if (key.type()->id == TypeId::kDecimal && key.type()->IsWideDecimal()) {
    layout.wide = true;
    layout.bytes = 16;
    return layout;
  }
  uint64_t min = ~uint64_t{0}, max = 0, high = 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (layout.nullable && key.IsNull(i)) continue;
    const uint64_t value = Normalized(key, i, &high);
    min = std::min(min, value);
    max = std::max(max, value);
  }
  if (min > max) return layout;  // all null
  layout.min = min;
  layout.range = max - min;
  for (uint64_t rest = layout.range; rest != 0; rest >>= 8) ++layout.bytes;
  return layout;
}

// Encodes every row's keys big-endian into its words (so that comparing the words as integers
// compares the bytes in order), sorts, and returns the row numbers in order.
template <int kWords>
std::vector<int32_t> EncodeAndSort(const std::vector<VectorPtr>& keys, const std::vector<KeyLayout>& layouts,
                                   const std::vector<ExprPtr>& orders, int64_t rows) {
  std::vector<KeyRow<kWords>> encoded(rows);
  int offset = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    const Vector& key = *keys[k];
    const KeyLayout& layout = layouts[k];
    const bool descending = !orders[k]->ascending, nulls_first = orders[k]->nulls_first;
    for (int64_t i = 0; i < rows; ++i) {
      uint8_t* out = reinterpret_cast<uint8_t*>(encoded[i].words) + offset;
      if (layout.nullable) {
        const bool null = key.IsNull(i);
        *out++ = null == nulls_first ? 0 : 1;
        if (null) continue;  // value bytes stay zero
      }
      uint64_t high = 0;
      uint64_t low = Normalized(key, i, &high);
      if (layout.wide) {
        if (descending) high = ~high, low = ~low;
        PutBigEndian(high, 8, out);
        PutBigEndian(low, 8, out + 8);
      } else {
        low -= layout.min;
        PutBigEndian(descending ? layout.range - low : low, layout.bytes, out);
      }
    }
    offset += layout.bytes + (layout.nullable ? 1 : 0);
  }
  for (int64_t i = 0; i < rows; ++i) {
    for (int w = 0; w < kWords; ++w) encoded[i].words[w] = __builtin_bswap64(encoded[i].words[w]);
    encoded[i].row = static_cast<int32_t>(i);
  }
  if (rows < kRadixSortRows) {
    std::sort(encoded.begin(), encoded.end());
  } else {
    RadixSort(encoded);
  }
  std::vector<int32_t> order(rows);
  for (int64_t i = 0; i < rows; ++i) order[i] = encoded[i].row;
  return order;
}

}  // namespace

std::vector<int32_t> NormalizedSortOrder(const std::vector<VectorPtr>& keys, const std::vector<ExprPtr>& orders,
                                         int64_t rows) {
  std::vector<KeyLayout> layouts;
  int total = 0;
  for (const auto& key : keys) {
    if (KeyBytes(*key->type()) == 0) return {};
    layouts.push_back(Layout(*key, rows));
    total += layouts.back().bytes + (layouts.back().nullable ? 1 : 0);
  }
  switch ((total + 7) / 8) {
    case 0: {  // every row's keys are equal
      std::vector<int32_t> order(rows);
      for (int64_t i = 0; i < rows; ++i) order[i] = static_cast<int32_t>(i);
      return order;
    }
    case 1: return EncodeAndSort<1>(keys, layouts, orders, rows);
    case 2: return EncodeAndSort<2>(keys, layouts, orders, rows);
    case 3: return EncodeAndSort<3>(keys, layouts, orders, rows);
    case 4: return EncodeAndSort<4>(keys, layouts, orders, rows);
    default: return {};
  }
}

}  // namespace ember
