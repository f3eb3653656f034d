#include "io/csv/csv_schema_inference.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "common/file_system.h"
#include "common/names.h"
#include "functions/cast/java_number_format.h"
#include "functions/csv/csv_type_inference.h"
#include "functions/xorshift_random.h"
#include "io/csv/csv_records.h"
#include "io/line_source.h"

namespace ember {
namespace {

constexpr double kFullSampleRatio = 0.99;  // Spark reads every record from a ratio above this

std::vector<std::string> ColumnNames(const std::vector<CsvField>& first, bool header) {
  std::vector<std::string> names;
  for (size_t i = 0; i < first.size(); ++i) {
    std::string name = header ? first[i].text : "";
    names.push_back(name.empty() ? "_c" + std::to_string(i) : name);
  }
  for (size_t i = 0; i < names.size(); ++i) {
    bool repeated = false;
    for (size_t j = 0; j < names.size(); ++j) {
      repeated |= j != i && NamesEqual(names[j], names[i]);
    }
    if (repeated && header) names[i] = first[i].text + std::to_string(i);
  }
  return names;
}

// The column types over the records of one split (the header line skipped), or over a Bernoulli
// sample of them drawn as Spark samples a partition (XORShiftRandom seeded with 1 plus the index;
// Spark's partitions are not these splits, so the records drawn differ). Fields are checked in
// place where the line needs no unquoting; once every column is a string the rest is skipped.
CsvTypeInference InferSplit(const FileSplit& split, size_t index, size_t columns, const CsvOptions& options,
                            const absl::TimeZone& zone) {
  CsvTypeInference inference(options, zone, columns);
  CsvRecords records(split, options);
  const CsvTokenizer& tokenizer = records.tokenizer();
  const bool sampled = options.sampling_ratio <= kFullSampleRatio;
  XorShiftRandom random(1 + static_cast<int64_t>(index));
  std::vector<CsvField> fields;
  std::string record;
  bool closed = true;
  bool header = options.header && split.offset == 0;
  std::string_view line;
  while (records.NextLine(&line)) {
    if (header) {
      header = false;
      continue;
    }
    if (sampled && random.NextDouble() >= options.sampling_ratio) {
      if (options.multi_line) records.Tokenize(line, &fields, &record, &closed);  // skips the record's lines
      continue;
    }
    if (inference.AllStrings()) break;
    // (A multiLine record goes on over more lines only from a quoted field.)
    if (!options.multi_line && inference.AddPlainLine(tokenizer, line)) continue;
    records.Tokenize(line, &fields, &record, &closed);
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
        results[i].emplace(InferSplit(splits[i], i, columns, options, zone));
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
  if (!names.empty() && !(options.sampling_ratio > 0)) {
    // Spark's require() in its sampling of the records, which runs with or without inferSchema.
    std::string ratio;
    AppendJavaDouble(options.sampling_ratio, &ratio);
    throw std::invalid_argument("requirement failed: samplingRatio (" + ratio + ") should be greater than 0");
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
