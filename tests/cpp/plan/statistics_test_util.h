// A file format for estimate tests ("counted"): the fake format's schema (id, name, score) with
// the row count and distinct ids its options give, so plans over it have known statistics.
#pragma once

#include <string>

#include "plan_test_util.h"

namespace ember::testing {

class CountedFormat : public FakeFormat {
 public:
  std::string name() const override { return "counted"; }
  SourceStatistics Statistics(const std::vector<std::string>&, const Options& options) override {
    SourceStatistics stats;
    stats.row_count = std::stoll(*GetOption(options, "rows"));
    stats.columns["id"].distinct_bound = std::stoll(*GetOption(options, "ids"));
    return stats;
  }
};

// A read of `rows` rows whose id column has `ids` distinct values.
inline std::string CountedRead(int64_t rows, int64_t ids) {
  static bool registered = [] {
    RegisterFileFormat(std::make_shared<CountedFormat>());
    return true;
  }();
  (void)registered;
  return std::string(R"({"op": "read", "format": "counted", "paths": [")") + EMBER_SOURCE_DIR +
         R"(/docs/plan-format.md"], "schema": null, "options": {"rows": ")" + std::to_string(rows) +
         R"(", "ids": ")" + std::to_string(ids) + R"("}})";
}

inline std::string Alias(const std::string& input, const std::string& name) {
  return R"({"op": "alias", "input": )" + input + R"(, "name": ")" + name + R"("})";
}

inline std::string Join(const std::string& left, const std::string& right, const std::string& how,
                        const std::string& on) {
  return R"({"op": "join", "left": )" + left + R"(, "right": )" + right + R"(, "how": ")" + how +
         R"(", "on": )" + on + "}";
}

}  // namespace ember::testing
