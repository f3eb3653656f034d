#include "io/parquet/parquet_compression.h"

#include <algorithm>
#include <cstring>

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include "common/error.h"
#include "io/parquet/parquet_metadata.h"

namespace ember::parquet {
namespace {

void GzipCompress(const uint8_t* data, size_t size, std::string* out) {
  z_stream stream{};
  // 15 window bits + 16 selects the gzip wrapper Parquet's GZIP codec uses.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw InternalError("deflateInit2 failed");
  size_t start = out->size();
  out->resize(start + deflateBound(&stream, size) + 32);
  stream.next_in = const_cast<uint8_t*>(data);
  stream.avail_in = static_cast<uInt>(size);
  stream.next_out = reinterpret_cast<Bytef*>(out->data() + start);
  stream.avail_out = static_cast<uInt>(out->size() - start);
  int rc = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) throw InternalError("gzip compression failed");
  out->resize(start + stream.total_out);
}

void GzipDecompress(const uint8_t* data, size_t size, uint8_t* out, size_t out_size) {
  z_stream stream{};
  // +32: accept both zlib and gzip headers.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) throw InternalError("inflateInit2 failed");
  stream.next_in = const_cast<uint8_t*>(data);
  stream.avail_in = static_cast<uInt>(size);
  stream.next_out = out;
  stream.avail_out = static_cast<uInt>(out_size);
  int rc = inflate(&stream, Z_FINISH);
  size_t produced = stream.total_out;
  inflateEnd(&stream);
  if (rc != Z_STREAM_END || produced != out_size) throw ParquetDecodeError("gzip decompression failed");
}

}  // namespace

int32_t CodecFromOption(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "snappy") return kSnappy;
  if (lower == "none" || lower == "uncompressed") return kUncompressed;
  if (lower == "zstd") return kZstd;
  if (lower == "gzip") return kGzip;
  throw SparkError("INVALID_PARAMETER_VALUE",
                   {{"parameter", "`compression`"},
                    {"functionName", "`parquet`"},
                    {"message", "Codec [" + name + "] is not available. Available codecs are "
                                "uncompressed, none, snappy, gzip, zstd."}});
}

std::string CodecExtension(int32_t codec) {
  switch (codec) {
    case kSnappy: return "snappy";
    case kGzip: return "gz";
    case kZstd: return "zstd";
    default: return "";
  }
}

void Compress(int32_t codec, const uint8_t* data, size_t size, std::string* out) {
  switch (codec) {
    case kUncompressed:
      out->append(reinterpret_cast<const char*>(data), size);
      return;
    case kSnappy: {
      size_t start = out->size();
      out->resize(start + snappy::MaxCompressedLength(size));
      size_t written = 0;
      snappy::RawCompress(reinterpret_cast<const char*>(data), size, out->data() + start, &written);
      out->resize(start + written);
      return;
    }
    case kZstd: {
      size_t start = out->size();
      out->resize(start + ZSTD_compressBound(size));
      size_t written = ZSTD_compress(out->data() + start, out->size() - start, data, size, 1);
      if (ZSTD_isError(written)) throw InternalError("zstd compression failed");
      out->resize(start + written);
      return;
    }
    case kGzip: GzipCompress(data, size, out); return;
    default: throw InternalError("unsupported Parquet codec for writing");
  }
}

void Decompress(int32_t codec, const uint8_t* data, size_t size, uint8_t* out, size_t out_size) {
  switch (codec) {
    case kUncompressed:
      if (size != out_size) throw ParquetDecodeError("page size mismatch");
      if (size > 0) std::memcpy(out, data, size);
      return;
    case kSnappy: {
      size_t length = 0;
      const char* input = reinterpret_cast<const char*>(data);
      if (!snappy::GetUncompressedLength(input, size, &length) || length != out_size ||
          !snappy::RawUncompress(input, size, reinterpret_cast<char*>(out)))
        throw ParquetDecodeError("snappy decompression failed");
      return;
    }
    case kZstd: {
      size_t produced = ZSTD_decompress(out, out_size, data, size);
      if (ZSTD_isError(produced) || produced != out_size) throw ParquetDecodeError("zstd decompression failed");
      return;
    }
    case kGzip: GzipDecompress(data, size, out, out_size); return;
    default:
      throw ParquetDecodeError("unsupported compression codec " + std::to_string(codec));
  }
}

}  // namespace ember::parquet
