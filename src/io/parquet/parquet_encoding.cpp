#include "io/parquet/parquet_encoding.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>
#include <vector>

#include "io/parquet/parquet_metadata.h"

namespace ember::parquet {
namespace {

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Bit-packs `count` values (a multiple of 8) of `bit_width` bits, least significant bit first.
void AppendPacked(const uint32_t* values, int64_t count, int bit_width, std::string* out) {
  size_t start = out->size();
  out->resize(start + count * bit_width / 8, '\0');
  auto* bytes = reinterpret_cast<uint8_t*>(out->data() + start);
  int64_t bit = 0;
  for (int64_t i = 0; i < count; ++i) {
    uint64_t value = values[i];
    for (int b = 0; b < bit_width;) {
      int64_t at = bit + b;
      int room = 8 - static_cast<int>(at & 7);
      int take = std::min(room, bit_width - b);
      bytes[at >> 3] |= static_cast<uint8_t>(((value >> b) & ((1u << take) - 1)) << (at & 7));
      b += take;
    }
    bit += bit_width;
  }
}

// Groups of 8 values per bit-packed run header; 63 groups keep the header one byte long.
constexpr int64_t kMaxPackedValues = 63 * 8;

void FlushLiterals(std::vector<uint32_t>& literals, int bit_width, std::string* out) {
  size_t done = 0;
  while (done < literals.size()) {
    int64_t take = std::min<int64_t>(kMaxPackedValues, literals.size() - done);
    int64_t groups = (take + 7) / 8;
    uint32_t padded[kMaxPackedValues] = {};
    std::copy(literals.begin() + done, literals.begin() + done + take, padded);
    AppendVarint(static_cast<uint64_t>(groups) << 1 | 1, out);
    AppendPacked(padded, groups * 8, bit_width, out);
    done += take;
  }
  literals.clear();
}

void AppendRun(uint32_t value, int64_t count, int bit_width, std::string* out) {
  AppendVarint(static_cast<uint64_t>(count) << 1, out);
  for (int b = 0; b < (bit_width + 7) / 8; ++b) out->push_back(static_cast<char>(value >> (8 * b)));
}

}  // namespace

int BitWidthFor(uint64_t max_value) { return max_value == 0 ? 0 : 64 - __builtin_clzll(max_value); }

void AppendRleBitPacked(const uint32_t* values, int64_t count, int bit_width, std::string* out) {
  std::vector<uint32_t> literals;
  int64_t i = 0;
  while (i < count) {
    int64_t run = 1;
    while (i + run < count && values[i + run] == values[i]) ++run;
    // Bit-packed runs hold whole groups of 8, so top the pending literals up from this run first.
    int64_t fill = std::min<int64_t>(run, (8 - literals.size() % 8) % 8);
    if (run - fill >= 8) {
      literals.insert(literals.end(), fill, values[i]);
      FlushLiterals(literals, bit_width, out);
      AppendRun(values[i], run - fill, bit_width, out);
    } else {
      literals.insert(literals.end(), run, values[i]);
    }
    i += run;
  }
  // The last group may be padded: readers stop after the values they expect.
  FlushLiterals(literals, bit_width, out);
}

void AppendPackedBooleans(const uint8_t* values, int64_t count, std::string* out) {
  size_t start = out->size();
  out->resize(start + (count + 7) / 8, '\0');
  auto* bytes = reinterpret_cast<uint8_t*>(out->data() + start);
  for (int64_t i = 0; i < count; ++i) bytes[i >> 3] |= static_cast<uint8_t>((values[i] & 1) << (i & 7));
}

RleBitPackedDecoder::RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width)
    : data_(data), size_(size), bit_width_(bit_width) {
  if (bit_width < 0 || bit_width > 32) throw ParquetDecodeError("invalid bit width " + std::to_string(bit_width));
}

void RleBitPackedDecoder::ReadRunHeader() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ >= size_ || shift > 35) throw ParquetDecodeError("truncated RLE/bit-packed data");
    uint8_t byte = data_[pos_++];
    header |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) break;
  }
  if (header & 1) {
    int64_t values = static_cast<int64_t>(header >> 1) * 8;
    int64_t available = bit_width_ == 0 ? values : static_cast<int64_t>(size_ - pos_) * 8 / bit_width_;
    // Writers may cut the final group short; keep what is there.
    packed_left_ = std::min(values, available);
    if (packed_left_ <= 0) throw ParquetDecodeError("empty bit-packed run");
    packed_bit_ = static_cast<int64_t>(pos_) * 8;
    pos_ += std::min<size_t>(size_ - pos_, static_cast<size_t>((values * bit_width_ + 7) / 8));
  } else {
    rle_left_ = static_cast<int64_t>(header >> 1);
    if (rle_left_ == 0) throw ParquetDecodeError("empty RLE run");
    int bytes = (bit_width_ + 7) / 8;
    if (pos_ + bytes > size_) throw ParquetDecodeError("truncated RLE run");
    uint32_t value = 0;
    for (int b = 0; b < bytes; ++b) value |= static_cast<uint32_t>(data_[pos_ + b]) << (8 * b);
    pos_ += bytes;
    rle_value_ = value;
  }
}

namespace {

// Unpacks `groups` groups of 8 values of W bits starting at a byte boundary. Reads 8 bytes at a
// time, so `in` must have W + 8 readable bytes per group.
template <int W>
void UnpackGroups(const uint8_t* in, int64_t groups, uint32_t* out) {
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
  for (int64_t g = 0; g < groups; ++g, in += W, out += 8) {
    // Unrolled, every offset and shift is a constant.
#pragma GCC unroll 8
    for (int i = 0; i < 8; ++i) {
      uint64_t word;
      std::memcpy(&word, in + i * W / 8, 8);
      out[i] = static_cast<uint32_t>((word >> (i * W % 8)) & kMask);
    }
  }
}

using UnpackFn = void (*)(const uint8_t*, int64_t, uint32_t*);

template <size_t... W>
constexpr std::array<UnpackFn, sizeof...(W)> MakeUnpackers(std::index_sequence<W...>) {
  return {&UnpackGroups<static_cast<int>(W)>...};
}

// Indexed by bit width 0..32.
constexpr auto kUnpackers = MakeUnpackers(std::make_index_sequence<33>());

}  // namespace

uint32_t RleBitPackedDecoder::Unpack(int64_t bit_offset) const {
  size_t byte = static_cast<size_t>(bit_offset >> 3);
  int shift = static_cast<int>(bit_offset & 7);
  uint64_t word = 0;
  if (byte + 8 <= size_) {
    std::memcpy(&word, data_ + byte, 8);
  } else {
    for (size_t b = 0; byte + b < size_ && b < 8; ++b) word |= static_cast<uint64_t>(data_[byte + b]) << (8 * b);
  }
  return static_cast<uint32_t>((word >> shift) & ((uint64_t{1} << bit_width_) - 1));
}

void RleBitPackedDecoder::UnpackRun(uint32_t* out, int64_t count) {
  int64_t i = 0;
  // One value at a time up to a byte boundary, then whole groups of 8 while the wide reads stay in
  // bounds, then the tail one at a time.
  for (; i < count && (packed_bit_ & 7) != 0; ++i, packed_bit_ += bit_width_) out[i] = Unpack(packed_bit_);
  size_t byte = static_cast<size_t>(packed_bit_ >> 3);
  int64_t safe_bytes = static_cast<int64_t>(size_) - static_cast<int64_t>(byte) - 8;
  int64_t groups = std::min((count - i) / 8, safe_bytes > 0 ? safe_bytes / bit_width_ : 0);
  if (groups > 0) {
    kUnpackers[bit_width_](data_ + byte, groups, out + i);
    i += groups * 8;
    packed_bit_ += groups * 8 * bit_width_;
  }
  for (; i < count; ++i, packed_bit_ += bit_width_) out[i] = Unpack(packed_bit_);
}

void RleBitPackedDecoder::Decode(uint32_t* out, int64_t count) {
  while (count > 0) {
    if (rle_left_ == 0 && packed_left_ == 0) ReadRunHeader();
    int64_t take;
    if (rle_left_ > 0) {
      take = std::min(count, rle_left_);
      std::fill(out, out + take, rle_value_);
      rle_left_ -= take;
    } else {
      take = std::min(count, packed_left_);
      if (bit_width_ == 0) {
        std::fill(out, out + take, 0u);
      } else {
        UnpackRun(out, take);
      }
      packed_left_ -= take;
    }
    out += take;
    count -= take;
  }
}

bool RleBitPackedDecoder::SkipRun(uint32_t value, int64_t count) {
  if (rle_left_ == 0 && packed_left_ == 0) ReadRunHeader();
  if (rle_left_ < count || rle_value_ != value) return false;
  rle_left_ -= count;
  return true;
}

void PackedBooleanDecoder::Decode(uint8_t* out, int64_t count) {
  if (bit_ + count > static_cast<int64_t>(size_) * 8) throw ParquetDecodeError("truncated boolean data");
  for (int64_t i = 0; i < count; ++i, ++bit_) out[i] = (data_[bit_ >> 3] >> (bit_ & 7)) & 1;
}

}  // namespace ember::parquet
