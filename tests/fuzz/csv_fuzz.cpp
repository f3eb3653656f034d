// libFuzzer target: any bytes read as a CSV file with inferred and with given schemas, line by line
// in small splits and as multi-line records.
#include "tests/fuzz/file_source_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<ember::fuzz::ReadCase> kCases = {
      {{{"header", "true"}, {"inferSchema", "true"}}, "", ember::fuzz::kWholeFile},
      {{{"multiLine", "true"}, {"inferSchema", "true"}, {"escape", "\""}}, "",
       ember::fuzz::kWholeFile},
      {{{"mode", "FAILFAST"}, {"timestampFormat", "yyyy-MM-dd HH:mm"}},
       "a INT, b DOUBLE, c DATE, d TIMESTAMP, e DECIMAL(10,2), f STRING, g BOOLEAN",
       ember::fuzz::kWholeFile},
      {{{"comment", "#"}, {"nullValue", "NA"}, {"columnNameOfCorruptRecord", "bad"}},
       "a BIGINT, b STRING, bad STRING", 7},
  };
  ember::fuzz::ReadEveryCase("csv", ".csv", kCases, data, size);
  return 0;
}
