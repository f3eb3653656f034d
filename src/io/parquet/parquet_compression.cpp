#include "io/parquet/parquet_compression.h"

#include <algorithm>
#include <cstring>

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
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

void Lz4RawCompress(const uint8_t* data, size_t size, std::string* out) {
  if (size > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) throw InternalError("page too large for lz4");
  size_t start = out->size();
  out->resize(start + LZ4_compressBound(static_cast<int>(size)));
  int written = LZ4_compress_default(reinterpret_cast<const char*>(data), out->data() + start,
                                     static_cast<int>(size), static_cast<int>(out->size() - start));
  if (written <= 0) throw InternalError("lz4 compression failed");
  out->resize(start + written);
}

void Lz4RawDecompress(const uint8_t* data, size_t size, uint8_t* out, size_t out_size) {
  if (size > static_cast<size_t>(LZ4_MAX_INPUT_SIZE) || out_size > static_cast<size_t>(LZ4_MAX_INPUT_SIZE) * 2)
    throw ParquetDecodeError("lz4 page too large");
  int produced = LZ4_decompress_safe(reinterpret_cast<const char*>(data), reinterpret_cast<char*>(out),
                                     static_cast<int>(size), static_cast<int>(out_size));
  if (produced < 0 || static_cast<size_t>(produced) != out_size) throw ParquetDecodeError("lz4 decompression failed");
}

void BrotliCompress(const uint8_t* data, size_t size, std::string* out) {
  size_t start = out->size();
  size_t written = BrotliEncoderMaxCompressedSize(size);
  if (written == 0) written = size + 1024;
  out->resize(start + written);
  if (!BrotliEncoderCompress(1, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, size, data, &written,
                             reinterpret_cast<uint8_t*>(out->data() + start)))
    throw InternalError("brotli compression failed");
  out->resize(start + written);
}

void BrotliDecompress(const uint8_t* data, size_t size, uint8_t* out, size_t out_size) {
  size_t produced = out_size;
  if (BrotliDecoderDecompress(size, data, &produced, out) != BROTLI_DECODER_RESULT_SUCCESS || produced != out_size)
    throw ParquetDecodeError("brotli decompression failed");
}

}  // namespace

int32_t CodecFromOption(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "snappy") return kSnappy;
  if (lower == "none" || lower == "uncompressed") return kUncompressed;
  if (lower == "zstd") return kZstd;
  if (lower == "gzip") return kGzip;
  if (lower == "lz4_raw") return kLz4Raw;
  if (lower == "brotli") return kBrotli;
  throw SparkError("INVALID_PARAMETER_VALUE",
                   {{"parameter", "`compression`"},
                    {"functionName", "`parquet`"},
                    {"message", "Codec [" + name + "] is not available. Available codecs are "
                                "uncompressed, none, snappy, gzip, zstd, lz4_raw, brotli."}});
}

std::string CodecExtension(int32_t codec) {
  switch (codec) {
    case kSnappy: return "snappy";
    case kGzip: return "gz";
    case kZstd: return "zstd";
    case kLz4Raw: return "lz4raw";
    case kBrotli: return "br";
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
    case kLz4Raw: Lz4RawCompress(data, size, out); return;
    case kBrotli: BrotliCompress(data, size, out); return;
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
    case kLz4Raw: Lz4RawDecompress(data, size, out, out_size); return;
    case kBrotli: BrotliDecompress(data, size, out, out_size); return;
    default:
      throw ParquetDecodeError("unsupported compression codec " + std::to_string(codec));
  }
}

}  // namespace ember::parquet
