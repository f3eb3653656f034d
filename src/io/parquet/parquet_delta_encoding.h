// Decoders of Parquet's DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and
// BYTE_STREAM_SPLIT encodings (written by parquet-mr's v2 writer, Arrow and DuckDB). Each turns a
// page's values into their PLAIN encoding, so the reader has one value path. Malformed input
// raises ParquetDecodeError; arithmetic on deltas wraps as the format specifies.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ember::parquet {

// Decodes a DELTA_BINARY_PACKED stream; `*consumed` receives the bytes it spans.
std::vector<int64_t> DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t* consumed);

// Appends the PLAIN form (`width` = 4 or 8 bytes each) of the values of a DELTA_BINARY_PACKED page.
void DeltaBinaryPackedToPlain(const uint8_t* data, size_t size, int width, std::string* plain);
// Appends the PLAIN (length-prefixed) form of the byte arrays of a DELTA_LENGTH_BYTE_ARRAY page.
void DeltaLengthByteArrayToPlain(const uint8_t* data, size_t size, std::string* plain);
// Appends the PLAIN form of the byte arrays of a DELTA_BYTE_ARRAY (prefix-compressed) page.
void DeltaByteArrayToPlain(const uint8_t* data, size_t size, std::string* plain);
// Appends the PLAIN form of a BYTE_STREAM_SPLIT page of `width`-byte values.
void ByteStreamSplitToPlain(const uint8_t* data, size_t size, int width, std::string* plain);

}  // namespace ember::parquet
