// Runs the examples every registered function carries (FunctionExample): `SELECT <sql>` must show
// the documented result, so each function's documentation is checked on every test run.
#include <gtest/gtest.h>

#include <set>

#include "common/error.h"
#include "functions/registry.h"
#include "runtime/session.h"

namespace ember {
namespace {

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

TEST(FunctionExamples, EveryExampleShowsItsResult) {
  Session session("local[1]", Config());
  session.config().Set("spark.sql.session.timeZone", "UTC");
  const FunctionRegistry& registry = FunctionRegistry::Instance();
  std::set<const ScalarFunction*> seen;
  int examples = 0;
  for (const std::string& name : registry.Names()) {
    const ScalarFunction* function = registry.FindScalar(name);
    if (function == nullptr || !seen.insert(function).second) continue;
    for (const FunctionExample& example : function->examples) {
      SCOPED_TRACE(function->name + ": " + example.sql);
      ++examples;
      try {
        QueryResult result = session.Collect("{\"op\":\"sql\",\"text\":" + JsonString("SELECT " + example.sql) + "}");
        std::vector<std::string> shown;
        EvalContext ctx;
        for (const Batch& batch : result.batches) {
          if (batch.num_rows == 0) continue;
          VectorPtr text = ToPrettyString(batch.columns[0], ctx);
          for (int64_t r = 0; r < batch.num_rows; ++r) shown.emplace_back(text->GetString(r));
        }
        EXPECT_EQ(shown, std::vector<std::string>{example.result});
      } catch (const SparkError& error) {
        ADD_FAILURE() << error.what();
      }
    }
  }
  EXPECT_GT(examples, 50);
}

}  // namespace
}  // namespace ember
