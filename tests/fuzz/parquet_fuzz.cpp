// libFuzzer target: any bytes read as a Parquet file (footer, schema, pages, every column), whole
// and in small splits that divide its row groups.
#include "tests/fuzz/file_source_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<ember::fuzz::ReadCase> kCases = {{{}, "", ember::fuzz::kWholeFile},
                                                            {{}, "", 1500}};
  ember::fuzz::ReadEveryCase("parquet", ".parquet", kCases, data, size);
  return 0;
}
