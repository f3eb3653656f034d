#include "io/csv/csv_schema_inference.h"

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>

#include "absl/strings/ascii.h"
#include "common/file_system.h"
#include "io/csv/csv_records.h"
#include "functions/json/json_datetime_codec.h"

namespace ember {
namespace {

// What a column's values fit so far; later kinds are wider.
enum class Kind { kNull, kInt, kLong, kDecimal, kDouble, kDate, kTimestamp, kBoolean, kString };

bool IsDigits(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsDouble(std::string_view text, const CsvOptions& options) {
  if (text == options.nan_value || text == options.positive_inf || text == options.negative_inf) return true;
  if (text.empty()) return false;
  if (text.find_first_of("xXnNiI") != std::string_view::npos) return false;
  if (!absl::ascii_isspace(static_cast<unsigned char>(text[0]))) {
    // strtod's grammar without its copy: one sign, then what from_chars accepts, to the end.
    std::string_view body = text;
    if (body[0] == '+' || body[0] == '-') body.remove_prefix(1);
    if (body.empty() || body[0] == '+' || body[0] == '-') return false;
    double value = 0;
    auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
    return end == body.data() + body.size() && (ec == std::errc() || ec == std::errc::result_out_of_range);
  }
  std::string copy(text);
  char* end = nullptr;
  std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

bool IsIsoDate(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && IsDigits(text.substr(0, 4)) &&
         IsDigits(text.substr(5, 2)) && IsDigits(text.substr(8, 2));
}

class KindInferrer {
 public:
  KindInferrer(const CsvOptions& options, const absl::TimeZone& zone)
      : options_(options), datetimes_(options.date_format, options.timestamp_format, options.timestamp_ntz_format, zone) {}

  // True when a value leaves a column of kind `current` as it is (Merge(current, Of(text)) ==
  // current), found without classifying the value from the narrowest kind up.
  bool Keeps(Kind current, std::string_view text) const {
    switch (current) {
      case Kind::kDouble: return IsDouble(text, options_);
      case Kind::kDate: {
        int32_t days = 0;
        return options_.date_format.empty() && IsIsoDate(text) && datetimes_.ParseDate(text, &days);
      }
      default: return false;
    }
  }

  Kind Of(std::string_view text, int* digits) const {
    if (IsDigits(text)) {
      int64_t value = 0;
      const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
      auto result = std::from_chars(begin, text.data() + text.size(), value);
      if (result.ec == std::errc()) return value >= INT32_MIN && value <= INT32_MAX ? Kind::kInt : Kind::kLong;
      *digits = static_cast<int>(text.size()) - (text[0] == '-' || text[0] == '+' ? 1 : 0);
      return *digits <= 38 ? Kind::kDecimal : Kind::kDouble;
    }
    if (IsDouble(text, options_)) return Kind::kDouble;
    int32_t days = 0;
    bool date_shape = options_.date_format.empty() ? IsIsoDate(text) : true;
    if (date_shape && datetimes_.ParseDate(text, &days)) return Kind::kDate;
    int64_t micros = 0;
    if (datetimes_.ParseTimestamp(text, &micros)) return Kind::kTimestamp;
    std::string lower = absl::AsciiStrToLower(std::string(text));
    if (lower == "true" || lower == "false") return Kind::kBoolean;
    return Kind::kString;
  }

 private:
  const CsvOptions& options_;
  JsonDateTimeCodec datetimes_;
};

// Spark's compatible type of two inferred kinds.
Kind Merge(Kind a, Kind b) {
  if (a == b || b == Kind::kNull) return a;
  if (a == Kind::kNull) return b;
  auto numeric = [](Kind k) { return k == Kind::kInt || k == Kind::kLong || k == Kind::kDecimal || k == Kind::kDouble; };
  if (numeric(a) && numeric(b)) {
    if (a == Kind::kDouble || b == Kind::kDouble) return Kind::kDouble;
    return a > b ? a : b;
  }
  if ((a == Kind::kDate && b == Kind::kTimestamp) || (a == Kind::kTimestamp && b == Kind::kDate)) return Kind::kTimestamp;
  return Kind::kString;
}

TypePtr TypeOf(Kind kind, int decimal_digits) {
  switch (kind) {
    case Kind::kInt: return IntType();
    case Kind::kLong: return LongType();
    case Kind::kDecimal: return DecimalType(decimal_digits, 0);
    case Kind::kDouble: return DoubleType();
    case Kind::kDate: return DateType();
    case Kind::kTimestamp: return TimestampType();
    case Kind::kBoolean: return BooleanType();
    default: return StringType();
  }
}

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

// The kinds of every column over the records of one split (the header line skipped).
struct SplitKinds {
  std::vector<Kind> kinds;
  std::vector<int> digits;
};

SplitKinds InferSplit(const FileSplit& split, size_t columns, const CsvOptions& options,
                      const absl::TimeZone& zone) {
  KindInferrer inferrer(options, zone);
  SplitKinds out{std::vector<Kind>(columns, Kind::kNull), std::vector<int>(columns, 0)};
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
      const std::string* value = tokenizer.ValueOf(fields[c]);
      if (!value || out.kinds[c] == Kind::kString || inferrer.Keeps(out.kinds[c], *value)) continue;
      int value_digits = 0;
      out.kinds[c] = Merge(out.kinds[c], inferrer.Of(*value, &value_digits));
      out.digits[c] = std::max(out.digits[c], value_digits);
    }
  }
  return out;
}

// Runs InferSplit over `splits` on up to one thread per core (Spark infers with a job over the
// files' partitions); rethrows the first error.
std::vector<SplitKinds> InferSplits(const std::vector<FileSplit>& splits, size_t columns,
                                    const CsvOptions& options, const absl::TimeZone& zone) {
  std::vector<SplitKinds> results(splits.size());
  std::atomic<size_t> next{0};
  std::mutex error_mutex;
  std::exception_ptr error;
  auto work = [&] {
    for (size_t i = next++; i < splits.size(); i = next++) {
      try {
        results[i] = InferSplit(splits[i], columns, options, zone);
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
  return results;
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
  std::vector<Kind> kinds(names.size(), Kind::kNull);
  std::vector<int> digits(names.size(), 0);
  if (options.infer_schema && !names.empty()) {
    auto splits = PlanLineSplits(files, options.multi_line ? 0 : kInferSplitBytes);
    for (const SplitKinds& split : InferSplits(splits, names.size(), options, zone)) {
      for (size_t c = 0; c < names.size(); ++c) {
        kinds[c] = Merge(kinds[c], split.kinds[c]);
        digits[c] = std::max(digits[c], split.digits[c]);
      }
    }
  }
  Schema schema;
  for (size_t c = 0; c < names.size(); ++c) {
    int precision = std::max(digits[c], kinds[c] == Kind::kDecimal ? 20 : 0);
    schema.push_back(StructField{names[c], TypeOf(kinds[c], std::min(precision, 38)), true});
  }
  return schema;
}

}  // namespace ember
