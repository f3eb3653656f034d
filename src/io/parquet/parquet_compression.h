// Page compression codecs of Parquet: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW and BROTLI. Decompression checks
// that the result has exactly the size the page header promised.
#pragma once

#include <cstdint>
#include <string>

namespace ember::parquet {

// Maps the writer option `compression` ("snappy", "none", "uncompressed", "zstd", "gzip",
// "lz4_raw", "brotli"; any
// case) to a codec; throws INVALID_PARAMETER_VALUE-style SparkError for others.
int32_t CodecFromOption(const std::string& name);
// Short name used in part-file extensions: "snappy", "zstd", "gz", "lz4raw", "br"; empty for
// uncompressed.
std::string CodecExtension(int32_t codec);

// Appends the compressed form of `data` to `out`.
void Compress(int32_t codec, const uint8_t* data, size_t size, std::string* out);
// Decompresses into exactly `out_size` bytes at `out`; throws ParquetDecodeError otherwise.
void Decompress(int32_t codec, const uint8_t* data, size_t size, uint8_t* out, size_t out_size);

}  // namespace ember::parquet
