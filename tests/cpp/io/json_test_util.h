// Helpers for the JSON source tests: temporary files and reading a whole file through the format.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/value.h"
#include "functions/eval_context.h"
#include "io/json/json_format.h"

namespace ember::json_test {

// A directory removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("ember_json_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& contents) const {
    std::string file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << contents;
    return file;
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline EvalContext UtcContext() { return EvalContext{}; }

// All rows of `files` read with `schema` through the json format, as Values (one per column).
inline std::vector<std::vector<Value>> ReadRows(const std::vector<std::string>& files, const Schema& schema,
                                                const Options& options = {},
                                                int64_t max_split_bytes = 128 << 20,
                                                const EvalContext& ctx = UtcContext()) {
  JsonFileFormat format;
  std::vector<std::vector<Value>> rows;
  for (const FileSplit& split : format.PlanSplits(files, options, max_split_bytes)) {
    auto reader = format.Open(split, schema, schema, {}, options, ctx);
    Batch batch;
    while (reader->Next(&batch)) {
      EXPECT_EQ(batch.columns.size(), schema.size());
      for (int64_t row = 0; row < batch.num_rows; ++row) {
        std::vector<Value> values;
        for (const auto& column : batch.columns) {
          EXPECT_EQ(column->length(), batch.num_rows);
          values.push_back(GetValue(*column, row));
        }
        rows.push_back(std::move(values));
      }
    }
  }
  return rows;
}

}  // namespace ember::json_test
