// The fuzz targets' shared body: the input bytes become a file that a registered file format
// reads completely (schema inference when asked, every split, every batch). Any SparkError is a
// normal outcome but must name the file; anything else (another exception, a crash, a sanitizer
// report, a hang, an oversized allocation) is a bug the fuzzer reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/options.h"

namespace ember::fuzz {

// A split size larger than any fuzz input: one split per file.
constexpr int64_t kWholeFile = int64_t{1} << 30;

struct ReadCase {
  Options options;
  std::string schema_ddl;         // empty: infer the schema from the file
  int64_t max_split_bytes = kWholeFile;
};

// Writes `data` to a temporary file with `extension` and reads it once per case.
void ReadEveryCase(const std::string& format, const std::string& extension,
                   const std::vector<ReadCase>& cases, const uint8_t* data, size_t size);

}  // namespace ember::fuzz
