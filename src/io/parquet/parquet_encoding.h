// Parquet's RLE / bit-packing hybrid encoding (definition levels, dictionary indices, booleans)
// and little-endian bit packing. Decoders never read past the bytes they were given: a run that
// claims more data than exists raises ParquetDecodeError.
#pragma once

#include <cstdint>
#include <string>

namespace ember::parquet {

// Bits needed to store values up to `max_value` (0 for 0).
int BitWidthFor(uint64_t max_value);

// Appends `values` (each below 2^bit_width, bit_width <= 32) in the hybrid encoding, choosing RLE
// runs for repeats of 8 or more and bit-packed groups of 8 otherwise.
void AppendRleBitPacked(const uint32_t* values, int64_t count, int bit_width, std::string* out);

// Appends `count` bytes (0 or 1) bit-packed one bit each, least significant bit first (PLAIN booleans).
void AppendPackedBooleans(const uint8_t* values, int64_t count, std::string* out);

class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width);

  // Decodes the next `count` values into `out`; throws if the data runs out first.
  void Decode(uint32_t* out, int64_t count);
  // Consumes the next `count` values and returns true if they all lie in one RLE run of `value`;
  // otherwise consumes nothing and returns false.
  bool SkipRun(uint32_t value, int64_t count);

 private:
  void ReadRunHeader();
  uint32_t Unpack(int64_t bit_offset) const;
  void UnpackRun(uint32_t* out, int64_t count);

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  int bit_width_ = 0;
  int64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  int64_t packed_left_ = 0;
  int64_t packed_bit_ = 0;  // bit offset of the next packed value from data_
};

// Reads PLAIN booleans: one bit each, least significant first.
class PackedBooleanDecoder {
 public:
  PackedBooleanDecoder(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  void Decode(uint8_t* out, int64_t count);

 private:
  const uint8_t* data_;
  size_t size_;
  int64_t bit_ = 0;
};

}  // namespace ember::parquet
