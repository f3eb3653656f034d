// The Parquet file format: registers a FileFormat named "parquet" that reads and writes Parquet
// files with Ember's own implementation (footer metadata over Thrift's compact protocol, PLAIN and
// dictionary encodings, snappy/zstd/gzip/uncompressed pages). Call once at start-up.
#pragma once

namespace ember {

void RegisterParquetFormat();

}  // namespace ember
