// libFuzzer target: any bytes read as JSON Lines with an inferred schema, with a given nested schema
// in small splits, and failing fast.
#include "tests/fuzz/file_source_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<ember::fuzz::ReadCase> kCases = {
      {{}, "", ember::fuzz::kWholeFile},
      {{{"timestampFormat", "yyyy-MM-dd HH:mm:ss.SSS"}, {"dateFormat", "dd/MM/yyyy"}},
       "a INT, b ARRAY<STRUCT<x: DOUBLE, y: STRING>>, c MAP<STRING, BIGINT>, d TIMESTAMP, "
       "e DECIMAL(12,3), f BINARY, g DATE, _corrupt_record STRING",
       9},
      {{{"mode", "FAILFAST"}}, "a STRING, b STRUCT<c: ARRAY<INT>>, d DATE, e DOUBLE",
       ember::fuzz::kWholeFile},
  };
  ember::fuzz::ReadEveryCase("json", ".json", kCases, data, size);
  return 0;
}
