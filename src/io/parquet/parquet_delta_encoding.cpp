#include "io/parquet/parquet_delta_encoding.h"

#include <cstring>

#include "io/parquet/parquet_metadata.h"

namespace ember::parquet {
namespace {

// Writers use 128 to 2048 values per block; larger ones are taken as corruption.
constexpr uint64_t kMaxBlockSize = 32768;

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= size_) throw ParquetDecodeError("truncated varint in a delta encoding");
      uint8_t byte = data_[pos_++];
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    throw ParquetDecodeError("varint too long in a delta encoding");
  }
  int64_t ZigZag() {
    uint64_t v = Varint();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  uint8_t Byte() {
    if (pos_ >= size_) throw ParquetDecodeError("truncated delta block");
    return data_[pos_++];
  }
  // Reads `count` values of `width` bits packed least significant bit first.
  void Unpack(int width, int64_t count, uint64_t* out) {
    size_t bytes = static_cast<size_t>((count * width + 7) / 8);
    if (bytes > size_ - pos_) throw ParquetDecodeError("truncated delta miniblock");
    const uint8_t* base = data_ + pos_;
    for (int64_t i = 0; i < count; ++i) {
      uint64_t value = 0;
      int64_t bit = i * width;
      for (int b = 0; b < width;) {
        int64_t at = bit + b;
        int take = std::min(8 - static_cast<int>(at & 7), width - b);
        value |= static_cast<uint64_t>((base[at >> 3] >> (at & 7)) & ((1u << take) - 1)) << b;
        b += take;
      }
      out[i] = value;
    }
    pos_ += bytes;
  }
  size_t pos() const { return pos_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

void AppendLength(uint32_t length, std::string* plain) {
  char bytes[4];
  std::memcpy(bytes, &length, 4);
  plain->append(bytes, 4);
}

// Splits DELTA_LENGTH_BYTE_ARRAY data into its lengths and the position of the bytes after them.
std::vector<int64_t> Lengths(const uint8_t* data, size_t size, size_t* bytes_start) {
  std::vector<int64_t> lengths = DecodeDeltaBinaryPacked(data, size, bytes_start);
  for (int64_t length : lengths) {
    if (length < 0 || length > static_cast<int64_t>(size)) throw ParquetDecodeError("bad byte array length");
  }
  return lengths;
}

}  // namespace

std::vector<int64_t> DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t* consumed) {
  ByteReader in(data, size);
  uint64_t block_size = in.Varint();
  uint64_t miniblocks = in.Varint();
  uint64_t total = in.Varint();
  if (block_size == 0 || block_size % 128 != 0 || miniblocks == 0 || block_size % miniblocks != 0 ||
      (block_size / miniblocks) % 32 != 0 || block_size > kMaxBlockSize)
    throw ParquetDecodeError("bad DELTA_BINARY_PACKED header");
  // A block costs at least its minimum delta and bit widths, even when every width is zero.
  if (total > (size / (1 + miniblocks) + 1) * block_size + 1) throw ParquetDecodeError("bad DELTA_BINARY_PACKED count");
  uint64_t per_miniblock = block_size / miniblocks;
  std::vector<int64_t> values;
  if (total == 0) {
    in.ZigZag();
    *consumed = in.pos();
    return values;
  }
  values.reserve(std::min<uint64_t>(total, uint64_t{1} << 20));
  uint64_t last = static_cast<uint64_t>(in.ZigZag());
  values.push_back(static_cast<int64_t>(last));
  std::vector<uint8_t> widths(miniblocks);
  std::vector<uint64_t> deltas(per_miniblock);
  while (values.size() < total) {
    uint64_t min_delta = static_cast<uint64_t>(in.ZigZag());
    for (auto& width : widths) {
      width = in.Byte();
      if (width > 64) throw ParquetDecodeError("bad miniblock bit width");
    }
    for (uint64_t m = 0; m < miniblocks && values.size() < total; ++m) {
      in.Unpack(widths[m], static_cast<int64_t>(per_miniblock), deltas.data());
      for (uint64_t i = 0; i < per_miniblock && values.size() < total; ++i) {
        last += min_delta + deltas[i];  // wraps, as the encoding intends
        values.push_back(static_cast<int64_t>(last));
      }
    }
  }
  *consumed = in.pos();
  return values;
}

void DeltaBinaryPackedToPlain(const uint8_t* data, size_t size, int width, std::string* plain) {
  size_t consumed;
  std::vector<int64_t> values = DecodeDeltaBinaryPacked(data, size, &consumed);
  for (size_t i = 0; i < values.size(); ++i) {
    if (width == 4) {
      uint32_t v = static_cast<uint32_t>(values[i]);
      plain->append(reinterpret_cast<const char*>(&v), 4);
    } else {
      plain->append(reinterpret_cast<const char*>(&values[i]), 8);
    }
  }
}

void DeltaLengthByteArrayToPlain(const uint8_t* data, size_t size, std::string* plain) {
  size_t pos;
  std::vector<int64_t> lengths = Lengths(data, size, &pos);
  for (int64_t length : lengths) {
    if (static_cast<size_t>(length) > size - pos) throw ParquetDecodeError("byte array past the page end");
    AppendLength(static_cast<uint32_t>(length), plain);
    plain->append(reinterpret_cast<const char*>(data + pos), length);
    pos += length;
  }
}

void DeltaByteArrayToPlain(const uint8_t* data, size_t size, std::string* plain) {
  size_t prefixes_size;
  std::vector<int64_t> prefixes = Lengths(data, size, &prefixes_size);
  size_t pos;
  std::vector<int64_t> suffixes = Lengths(data + prefixes_size, size - prefixes_size, &pos);
  pos += prefixes_size;
  if (prefixes.size() != suffixes.size()) throw ParquetDecodeError("DELTA_BYTE_ARRAY counts differ");
  std::string previous;
  for (size_t i = 0; i < prefixes.size(); ++i) {
    if (static_cast<size_t>(prefixes[i]) > previous.size() || static_cast<size_t>(suffixes[i]) > size - pos)
      throw ParquetDecodeError("bad DELTA_BYTE_ARRAY value");
    previous.resize(prefixes[i]);
    previous.append(reinterpret_cast<const char*>(data + pos), suffixes[i]);
    pos += suffixes[i];
    AppendLength(static_cast<uint32_t>(previous.size()), plain);
    plain->append(previous);
  }
}

void ByteStreamSplitToPlain(const uint8_t* data, size_t size, int width, std::string* plain) {
  if (width <= 0 || size % width != 0) throw ParquetDecodeError("bad BYTE_STREAM_SPLIT page size");
  size_t count = size / width;
  size_t start = plain->size();
  plain->resize(start + size);
  char* out = plain->data() + start;
  for (size_t i = 0; i < count; ++i) {
    for (int b = 0; b < width; ++b) out[i * width + b] = static_cast<char>(data[b * count + i]);
  }
}

}  // namespace ember::parquet
