// window(time, windowDuration[, slideDuration[, startTime]]): the time windows holding each
// timestamp, as a generator (functions/generators.h) of one column `window` struct<start, end>:
// windows start every slideDuration at startTime + k * slideDuration (floored, before the epoch
// too) and last windowDuration; a time belongs to ceil(window / slide) of them at most, to one when
// tumbling (slide = window). A null time gives no row. The analyzer puts the call under the select
// or aggregate that holds it (plan/analyzer/time_window_resolution.h), as Spark's TimeWindowing
// does. Durations are interval texts ("10 minutes", "1 hour 30 minutes", "2 days") without months.
// window_time(window): the window's last instant, end - 1 microsecond.
// session_window(time, gap): the event's own session struct<start, end> = [time, time + gap), null
// for a null time or a gap that is null, not an interval text or not positive (Spark drops such
// rows); an aggregate grouping by it merges the sessions of each group's other keys
// (plan/analyzer/time_window_resolution.h). The gap is an interval text or a day-time interval,
// constant or per row.
#include <cctype>

#include "common/error.h"
#include "common/interval.h"
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

// Microseconds of an interval text: "[interval] n unit [n unit ...]" with units week, day, hour,
// minute, second (fractions allowed), millisecond, microsecond, singular or plural.
std::optional<int64_t> ParseDuration(std::string_view text, bool* has_months) {
  auto words = [&](size_t& pos) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    size_t start = pos;
    while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    std::string word(text.substr(start, pos - start));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return word;
  };
  size_t pos = 0;
  std::string word = words(pos);
  if (word == "interval") word = words(pos);
  if (word.empty()) return std::nullopt;
  int64_t total = 0;
  while (!word.empty()) {
    std::string unit = words(pos);
    if (!unit.empty() && unit.back() == 's') unit.pop_back();
    size_t used = 0;
    long double amount = 0;
    try {
      amount = std::stold(word, &used);
    } catch (...) {
      return std::nullopt;
    }
    if (used != word.size()) return std::nullopt;
    long double micros = 0;
    if (unit == "week") micros = amount * 7 * kMicrosPerDay;
    else if (unit == "day") micros = amount * kMicrosPerDay;
    else if (unit == "hour") micros = amount * kMicrosPerHour;
    else if (unit == "minute") micros = amount * kMicrosPerMinute;
    else if (unit == "second") micros = amount * kMicrosPerSecond;
    else if (unit == "millisecond") micros = amount * 1000;
    else if (unit == "microsecond") micros = amount;
    else if (unit == "month" || unit == "year") {
      *has_months = *has_months || amount != 0;
    } else {
      return std::nullopt;
    }
    total += static_cast<int64_t>(micros);
    word = words(pos);
  }
  return total;
}

// A duration argument: a string literal (or a day-time interval literal) in microseconds.
int64_t DurationArg(const std::vector<BindArg>& args, size_t index, const char* what) {
  const BindArg& arg = args[index];
  if (arg.literal == nullptr || arg.literal->is_null) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"window\""}, {"inputName", std::string("`") + what + "`"},
                                                              {"inputType", "\"STRING\""}, {"inputExpr", "argument " + std::to_string(index + 1)}});
  }
  if (arg.type->id == TypeId::kDayTimeInterval) return arg.literal->i64;
  if (arg.type->id != TypeId::kString) ThrowUnexpectedType("window", index, "\"STRING\"", *arg.type);
  bool has_months = false;
  std::optional<int64_t> micros = ParseDuration(arg.literal->str, &has_months);
  if (!micros) {
    throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", std::string("`") + what + "`"}, {"functionName", "`window`"},
                                                 {"message", "not an interval: '" + arg.literal->str + "'"}});
  }
  if (has_months) {
    throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", std::string("`") + what + "`"}, {"functionName", "`window`"},
                                                 {"message", "intervals greater than a month are not supported (" + arg.literal->str + ")"}});
  }
  return *micros;
}

[[noreturn]] void ThrowOutOfRange(const char* name, int64_t value) {
  throw SparkError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", {{"sqlExpr", "\"window\""}, {"exprName", std::string("`") + name + "`"},
                                                            {"valueRange", "(0, 9223372036854775807]"}, {"currentValue", std::to_string(value) + "L"}});
}

// The time column's type: a timestamp as it is; a string or a date cast to TIMESTAMP, as Spark's
// implicit casts to AnyTimestampType do.
TypePtr TimeArgType(const char* function, const BindArg& arg) {
  TypeId time = arg.type->id;
  if (time == TypeId::kTimestamp || time == TypeId::kTimestampNtz) return arg.type;
  if (time == TypeId::kString || time == TypeId::kDate) return TimestampType();
  ThrowUnexpectedType(function, 0, "(\"TIMESTAMP\" or \"TIMESTAMP_NTZ\")", *arg.type);
}

BoundScalar BindWindow(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("window", args, 2, 4);
  TypePtr ts = TimeArgType("window", args[0]);
  int64_t window = DurationArg(args, 1, "window_duration");
  int64_t slide = args.size() > 2 ? DurationArg(args, 2, "slide_duration") : window;
  int64_t start = args.size() > 3 ? DurationArg(args, 3, "start_time") : 0;
  if (window <= 0) ThrowOutOfRange("window_duration", window);
  if (slide <= 0) ThrowOutOfRange("slide_duration", slide);
  if (slide > window) {
    throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`slide_duration`"}, {"functionName", "`window`"},
                                                 {"message", "the slide duration must be less than or equal to the window duration"}});
  }
  if (start <= -slide || start >= slide) {
    throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`start_time`"}, {"functionName", "`window`"},
                                                 {"message", "the absolute start time must be less than the slide duration"}});
  }
  TypePtr window_type = StructType({{"start", ts, true}, {"end", ts, true}});
  TypePtr result = ArrayType(StructType({{"window", window_type, false}}), false);
  std::vector<TypePtr> arg_types{ts};
  for (size_t i = 1; i < args.size(); ++i) arg_types.push_back(args[i].type);
  int64_t overlapping = (window + slide - 1) / slide;
  return FixedBinding(arg_types, result, [result, window_type, window, slide, start, overlapping](
                                             const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& times = *a[0];
    const int64_t* t = times.Data<int64_t>();
    std::vector<int64_t> starts;
    std::vector<int32_t> offsets(rows + 1, 0);
    starts.reserve(rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (times.IsValid(i)) {
        // The latest window start at or before t, then earlier ones while the window still holds t.
        int64_t remainder = (t[i] - start) % slide;
        int64_t last = t[i] - (remainder < 0 ? remainder + slide : remainder);
        for (int64_t k = 0; k < overlapping && last - k * slide + window > t[i]; ++k) starts.push_back(last - k * slide);
      }
      offsets[i + 1] = static_cast<int32_t>(starts.size());
    }
    int64_t total = static_cast<int64_t>(starts.size());
    VectorPtr windows = Vector::Make(window_type, total);
    int64_t* s = windows->children()[0]->Data<int64_t>();
    int64_t* e = windows->children()[1]->Data<int64_t>();
    for (int64_t k = 0; k < total; ++k) {
      s[k] = starts[k];
      e[k] = starts[k] + window;
    }
    VectorPtr elements = Vector::Make(result->element, total);
    elements->children() = {windows};
    return MakeListVector(result, std::move(offsets), {elements});
  });
}

// The session gap of each row in microseconds; nullopt where it is no positive duration.
std::optional<int64_t> RowGap(const Vector& gaps, int64_t i) {
  if (gaps.IsNull(i)) return std::nullopt;
  std::optional<int64_t> micros;
  if (gaps.type()->id == TypeId::kDayTimeInterval) {
    micros = gaps.Data<int64_t>()[i];
  } else {
    bool has_months = false;
    micros = ParseDuration(gaps.GetString(i), &has_months);
    if (has_months) return std::nullopt;
  }
  if (!micros || *micros <= 0) return std::nullopt;
  return micros;
}

BoundScalar BindSessionWindow(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("session_window", args, 2, 2);
  TypePtr ts = TimeArgType("session_window", args[0]);
  TypeId gap = args[1].type->id;
  if (gap != TypeId::kString && gap != TypeId::kDayTimeInterval && gap != TypeId::kNull) {
    ThrowUnexpectedType("session_window", 1, "(\"STRING\" or \"INTERVAL DAY TO SECOND\")", *args[1].type);
  }
  TypePtr result = StructType({{"start", ts, true}, {"end", ts, true}});
  TypePtr gap_type = gap == TypeId::kNull ? StringType() : args[1].type;
  return FixedBinding({ts, gap_type}, result, [result](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& times = *a[0];
    VectorPtr out = Vector::Make(result, rows);
    VectorPtr starts = Vector::Make(result->fields[0].type, rows), ends = Vector::Make(result->fields[1].type, rows);
    int64_t* s = starts->Data<int64_t>();
    int64_t* e = ends->Data<int64_t>();
    for (int64_t i = 0; i < rows; ++i) {
      std::optional<int64_t> gap = times.IsValid(i) ? RowGap(*a[1], i) : std::nullopt;
      s[i] = gap ? times.Data<int64_t>()[i] : 0;
      e[i] = gap ? s[i] + *gap : 0;
      if (!gap) out->SetNull(i);
    }
    out->children() = {starts, ends};
    return out;
  });
}

BoundScalar BindWindowTime(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("window_time", args, 1, 1);
  const DataType& type = *args[0].type;
  bool window = type.id == TypeId::kStruct && type.fields.size() == 2 && type.fields[0].name == "start" &&
                type.fields[1].name == "end" && type.fields[1].type->id == type.fields[0].type->id &&
                (type.fields[0].type->id == TypeId::kTimestamp || type.fields[0].type->id == TypeId::kTimestampNtz);
  if (!window) ThrowUnexpectedType("window_time", 0, "\"STRUCT<start: TIMESTAMP, end: TIMESTAMP>\"", type);
  TypePtr result = type.fields[1].type;
  return FixedBinding({args[0].type}, result, [result](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& windows = *a[0];
    const Vector& ends = *windows.child(1);
    VectorPtr out = Vector::Make(result, rows);
    int64_t* o = out->Data<int64_t>();
    for (int64_t i = 0; i < rows; ++i) {
      bool valid = windows.IsValid(i) && ends.IsValid(i);
      o[i] = valid ? ends.Data<int64_t>()[i] - 1 : 0;
      if (!valid) out->SetNull(i);
    }
    return out;
  });
}

}  // namespace

void RegisterTimeWindowFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("window",
                          "window(time, windowDuration[, slideDuration[, startTime]]): a row per time window "
                          "struct<start, end> holding the time (one when tumbling, several when sliding).",
                          BindWindow,
                          {{"window(TIMESTAMP'2024-01-05 10:17:00', '15 minutes')", "{2024-01-05 10:15:00, 2024-01-05 10:30:00}"},
                           {"window(TIMESTAMP'2024-01-05 10:17:00', '1 hour', '1 hour', '10 minutes')",
                            "{2024-01-05 10:10:00, 2024-01-05 11:10:00}"}}));
  registry.Add(MakeScalar("session_window",
                          "session_window(time, gap): the session struct<start, end> of each event; grouped by, the "
                          "sessions of events less than gap apart merge.",
                          BindSessionWindow,
                          {{"session_window(TIMESTAMP'2024-01-05 10:17:00', '5 minutes')", "{2024-01-05 10:17:00, 2024-01-05 10:22:00}"}}));
  registry.Add(MakeScalar("window_time", "window_time(window): the last instant of a time window (its end minus 1 microsecond).",
                          BindWindowTime,
                          {{"window_time(window(TIMESTAMP'2024-01-05 10:17:00', '15 minutes'))", "2024-01-05 10:29:59.999999"}}));
}

}  // namespace ember
