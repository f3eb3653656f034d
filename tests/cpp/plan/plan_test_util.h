// Shared helpers for the plan tests: analyzing JSON plans with a given config, and a fake file
// format ("fake") with a fixed schema, so reads resolve without real data.
#pragma once

#include <string>

#include "common/config.h"
#include "common/error.h"
#include "functions/eval_context.h"
#include "plan/analyzer.h"
#include "plan/data_source.h"
#include "plan/optimizer.h"
#include "plan/plan_json.h"

namespace ember::testing {

class FakeFormat : public FileFormat {
 public:
  std::string name() const override { return "fake"; }
  Schema InferSchema(const std::vector<std::string>& files, const Options& options,
                     const EvalContext& ctx) override {
    inferred_files = files;
    return {{"id", LongType(), false}, {"name", StringType(), true}, {"score", DoubleType(), true}};
  }
  std::vector<FileSplit> PlanSplits(const std::vector<std::string>&, const Options&, int64_t) override { return {}; }
  std::unique_ptr<BatchReader> Open(const FileSplit&, const Schema&, const Schema&, const std::vector<ExprPtr>&,
                                    const Options&, const EvalContext&) override {
    return nullptr;
  }
  std::unique_ptr<FileWriter> CreateWriter(const std::string&, const Schema&, const Options&,
                                           const EvalContext&) override {
    return nullptr;
  }
  std::string FileExtension(const Options&) const override { return ".fake"; }

  std::vector<std::string> inferred_files;
};

inline std::shared_ptr<FakeFormat> RegisterFakeFormat() {
  static auto format = [] {
    auto created = std::make_shared<FakeFormat>();
    RegisterFileFormat(created);
    return created;
  }();
  return format;
}

// A read of the fake format over an existing file of the source tree.
inline std::string FakeRead(const std::string& schema = "null") {
  RegisterFakeFormat();
  return std::string(R"({"op": "read", "format": "fake", "paths": [")") + EMBER_SOURCE_DIR +
         R"(/docs/plan-format.md"], "schema": )" + schema + R"(, "options": {}})";
}

// A local relation: a int, b string, c double (one row).
inline std::string Local() {
  return R"({"op": "local", "schema": [{"name": "a", "type": "int", "nullable": true},
      {"name": "b", "type": "string", "nullable": true}, {"name": "c", "type": "double", "nullable": false}],
      "rows": [[1, "x", 2.5]]})";
}

inline std::string Col(const std::string& name) { return R"({"e": "col", "name": ")" + name + R"("})"; }
inline std::string IntLit(int v) { return R"({"e": "lit", "value": )" + std::to_string(v) + R"(, "type": "int"})"; }
inline std::string Fn(const std::string& name, const std::string& args) {
  return R"({"e": "fn", "name": ")" + name + R"(", "args": [)" + args + "]}";
}
inline std::string Agg(const std::string& name, const std::string& args, bool distinct = false) {
  return R"({"e": "agg", "name": ")" + name + R"(", "args": [)" + args + R"(], "distinct": )" +
         (distinct ? "true" : "false") + "}";
}
inline std::string As(const std::string& expr, const std::string& name) {
  return R"({"e": "alias", "name": ")" + name + R"(", "child": )" + expr + "}";
}
inline std::string Project(const std::string& input, const std::string& exprs) {
  return R"({"op": "project", "input": )" + input + R"(, "exprs": [)" + exprs + "]}";
}
inline std::string Filter(const std::string& input, const std::string& condition) {
  return R"({"op": "filter", "input": )" + input + R"(, "condition": )" + condition + "}";
}

inline PlanPtr AnalyzeJson(const std::string& json, const Config& config = Config()) {
  EvalContext eval;
  eval.ansi = config.AnsiEnabled();
  AnalyzerContext ctx{config, eval};
  return Analyze(ParsePlanJson(json), ctx);
}

inline PlanPtr OptimizeJson(const std::string& json, const Config& config = Config()) {
  EvalContext eval;
  eval.ansi = config.AnsiEnabled();
  return Optimize(AnalyzeJson(json, config), config, eval);
}

// The message of the SparkError `fn` throws ("" when it throws nothing).
template <typename Fn>
std::string ErrorOf(Fn fn) {
  try {
    fn();
  } catch (const SparkError& e) {
    return e.what();
  }
  return "";
}

}  // namespace ember::testing
