#include "io/csv/csv_schema_inference.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/strings/ascii.h"
#include "common/file_system.h"
#include "functions/csv/csv_type_inference.h"
#include "io/csv/csv_records.h"
#include "io/line_source.h"

namespace ember {
namespace {

std::vector<std::string> ColumnNames(const std::vector<CsvField>& first, bool header) {
  std::vector<std::string> names;
  for (size_t i = 0; i < first.size(); ++i) {
    std::string name = header ? first[i].text : "";
    names.push_back(name.empty() ? "_c" + std::to_string(i) : name);
  }
  for (size_t i = 0; i < names.size(); ++i) {
    bool repeated = false;
    for (size_t j = 0; j < names.size(); ++j) {
      repeated |= j != i && absl::AsciiStrToLower(names[j]) == absl::AsciiStrToLower(names[i]);
    }
    if (repeated && header) names[i] = first[i].text + std::to_string(i);
  }
  return names;
}

// The column types over the records of one split (the header line skipped).
CsvTypeInference InferSplit(const FileSplit& split, size_t columns, const CsvOptions& options, const absl::TimeZone& zone) {
  CsvTypeInference inference(options, zone, columns);
  CsvRecords records(split, options);
  const CsvTokenizer& tokenizer = records.tokenizer();
  std::vector<CsvField> fields;
  std::string record;
  bool closed = true;
  bool first_line = split.offset == 0;
  while (records.Next(&fields, &record, &closed)) {
    bool is_header = first_line && options.header;
    first_line = false;
    if (is_header) continue;
    for (size_t c = 0; c < columns && c < fields.size(); ++c) {
      if (const std::string* value = tokenizer.ValueOf(fields[c])) inference.Add(c, *value);
    }
  }
  return inference;
}

// Runs InferSplit over `splits` on up to one thread per core (Spark infers with a job over the
// files' partitions) and merges what they saw; rethrows the first error.
CsvTypeInference InferSplits(const std::vector<FileSplit>& splits, size_t columns, const CsvOptions& options,
                             const absl::TimeZone& zone) {
  std::vector<std::optional<CsvTypeInference>> results(splits.size());
  std::atomic<size_t> next{0};
  std::mutex error_mutex;
  std::exception_ptr error;
  auto work = [&] {
    for (size_t i = next++; i < splits.size(); i = next++) {
      try {
        results[i].emplace(InferSplit(splits[i], columns, options, zone));
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        next = splits.size();
      }
    }
  };
  size_t threads = std::min<size_t>(splits.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  if (error) std::rethrow_exception(error);
  CsvTypeInference merged(options, zone, columns);
  for (const auto& result : results) merged.Merge(*result);
  return merged;
}

constexpr int64_t kInferSplitBytes = 64 << 20;

}  // namespace

Schema InferCsvSchema(const std::vector<std::string>& files, const CsvOptions& options, const absl::TimeZone& zone) {
  // Column names from the first record of the files.
  std::vector<std::string> names;
  for (const auto& path : files) {
    int64_t size = FileSize(path);
    CsvRecords records(FileSplit{path, 0, size, size}, options);
    std::vector<CsvField> fields;
    std::string record;
    bool closed = true;
    if (records.Next(&fields, &record, &closed)) {
      names = ColumnNames(fields, options.header);
      break;
    }
  }
  bool infer = options.infer_schema && !names.empty();
  std::vector<TypePtr> types =
      infer ? InferSplits(PlanLineSplits(files, options.multi_line ? 0 : kInferSplitBytes), names.size(), options, zone).Types()
            : CsvTypeInference(options, zone, names.size()).Types();
  Schema schema;
  for (size_t c = 0; c < names.size(); ++c) schema.push_back(StructField{names[c], types[c], true});
  return schema;
}

}  // namespace ember
