// Date and time functions: to_date, to_timestamp, from_unixtime, unix_timestamp, date_format,
// field extractors (year ... second), datediff, date_add, date_sub, current_date,
// current_timestamp. Times are read and shown in the session time zone (EvalContext).
#include <memory>
#include <optional>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/cast/cast_internal.h"
#include "functions/datetime/datetime_pattern.h"
#include "functions/datetime/datetime_util.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

constexpr const char* kDefaultPattern = "yyyy-MM-dd HH:mm:ss";

// A pattern argument: compiled once when it is a literal, otherwise per distinct row value. Bound
// kernels run on many threads at once, so each kernel call works on its own copy (the compiled
// literal pattern is shared read-only).
class PatternArg {
 public:
  explicit PatternArg(const BindArg* arg) {
    if (arg == nullptr) {
      fixed_ = std::make_shared<DateTimePattern>(kDefaultPattern);
    } else if (arg->literal != nullptr && !arg->literal->is_null && arg->type->id == TypeId::kString) {
      fixed_ = std::make_shared<DateTimePattern>(arg->literal->str);
    }
  }
  // The pattern for `row` of the pattern vector (ignored for fixed patterns); nullptr when null.
  const DateTimePattern* Get(const Vector* patterns, int64_t row) {
    if (fixed_) return fixed_.get();
    if (patterns->IsNull(row)) return nullptr;
    std::string_view text = patterns->GetString(row);
    if (!last_ || last_->pattern() != text) last_ = std::make_shared<DateTimePattern>(text);
    return last_.get();
  }

 private:
  std::shared_ptr<DateTimePattern> fixed_;
  std::shared_ptr<DateTimePattern> last_;
};

[[noreturn]] void ThrowCannotParse(std::string_view text, size_t index) {
  std::string message = "Text '" + std::string(text) + "' could not be parsed";
  if (index != std::string_view::npos) {
    message += " at index " + std::to_string(index);
  } else {
    message += ": Invalid date";
  }
  throw SparkError("CANNOT_PARSE_TIMESTAMP", "22007",
                   message + ". If necessary set " + kAnsiConfigQuoted + " to \"false\" to bypass this error.",
                   {{"message", message}, {"ansiConfig", kAnsiConfigQuoted}});
}

// Parses strings with a pattern into microseconds; failures raise (ANSI) or give null.
VectorPtr ParseWithPattern(const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx,
                           PatternArg pattern) {
  VectorPtr out = Vector::Make(TimestampType(), rows);
  int64_t* o = out->Data<int64_t>();
  const Vector& in = *args[0];
  const Vector* patterns = args.size() > 1 ? args[1].get() : nullptr;
  PropagateNulls(*out, args);
  for (int64_t i = 0; i < rows; ++i) {
    o[i] = 0;
    if (!out->IsValid(i)) continue;
    const DateTimePattern* p = pattern.Get(patterns, i);
    size_t error_index = 0;
    std::string_view text = in.GetString(i);
    if (!p->Parse(text, ctx.time_zone, &o[i], &error_index)) {
      if (ctx.ansi) ThrowCannotParse(text, error_index);
      out->SetNull(i);
    }
  }
  return out;
}

bool IsTimeLike(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampNtz;
}

// to_timestamp(x[, fmt]) and to_date(x[, fmt]).
BoundScalar BindToDatetime(const std::string& name, bool to_date, const std::vector<BindArg>& args,
                           const EvalContext&) {
  CheckArgCount(name, args, 1, 2);
  TypePtr result = to_date ? DateType() : TimestampType();
  const DataType& in = *args[0].type;
  BoundScalar bound;
  bound.result_type = result;
  if (args.size() == 1 || in.id != TypeId::kString) {
    // Without a pattern (or for non-string input) this is a cast.
    if (!IsTimeLike(in.id) && in.id != TypeId::kString && in.id != TypeId::kNull && !(!to_date && in.IsNumeric()))
      ThrowUnexpectedType(name, 0, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\")", in);
    bound.arg_types = {in.id == TypeId::kNull ? StringType() : args[0].type};
    if (args.size() == 2) bound.arg_types.push_back(StringType());
    bound.kernel = [result](const std::vector<VectorPtr>& a, int64_t, EvalContext& ctx) {
      return CastVector(a[0], result, ctx);
    };
    return bound;
  }
  bound.arg_types = {StringType(), StringType()};
  auto pattern = std::make_shared<PatternArg>(&args[1]);
  bound.kernel = [pattern, to_date](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorPtr ts = ParseWithPattern(a, rows, ctx, *pattern);
    return to_date ? CastVector(ts, DateType(), ctx) : ts;
  };
  return bound;
}

BoundScalar BindFromUnixtime(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("from_unixtime", args, 1, 2);
  BoundScalar bound;
  bound.result_type = StringType();
  bound.arg_types = {LongType()};
  if (args.size() == 2) bound.arg_types.push_back(StringType());
  auto pattern = std::make_shared<PatternArg>(args.size() == 2 ? &args[1] : nullptr);
  bound.kernel = [pattern](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorBuilder builder(StringType(), rows);
    const int64_t* seconds = a[0]->Data<int64_t>();
    const Vector* patterns = a.size() > 1 ? a[1].get() : nullptr;
    ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
    PatternArg local = *pattern;
    std::string text;
    for (int64_t i = 0; i < rows; ++i) {
      const DateTimePattern* p = a[0]->IsNull(i) ? nullptr : local.Get(patterns, i);
      int64_t micros = 0;
      if (p == nullptr || __builtin_mul_overflow(seconds[i], kMicrosPerSecond, &micros)) {
        builder.AppendNull();
        continue;
      }
      text.clear();
      p->Format(micros, zone, &text);
      builder.AppendString(text);
    }
    return builder.Finish();
  };
  return bound;
}

BoundScalar BindUnixTimestamp(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("unix_timestamp", args, 0, 2);
  BoundScalar bound;
  bound.result_type = LongType();
  if (args.empty()) {
    bound.kernel = [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
      VectorPtr out = Vector::Make(LongType(), rows);
      std::fill_n(out->Data<int64_t>(), rows, FloorDiv(ctx.query_start_micros, kMicrosPerSecond));
      return out;
    };
    return bound;
  }
  const DataType& in = *args[0].type;
  std::shared_ptr<PatternArg> pattern;
  if (in.id == TypeId::kString || in.id == TypeId::kNull) {
    bound.arg_types = {StringType()};
    pattern = std::make_shared<PatternArg>(args.size() == 2 ? &args[1] : nullptr);
  } else if (IsTimeLike(in.id)) {
    bound.arg_types = {in.id == TypeId::kDate ? DateType() : TimestampType()};
  } else {
    ThrowUnexpectedType("unix_timestamp", 0, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\")", in);
  }
  if (args.size() == 2) bound.arg_types.push_back(StringType());
  bound.kernel = [pattern](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorPtr micros = pattern ? ParseWithPattern(a, rows, ctx, *pattern) : CastVector(a[0], TimestampType(), ctx);
    VectorPtr out = Vector::Make(LongType(), rows);
    const int64_t* m = micros->Data<int64_t>();
    int64_t* o = out->Data<int64_t>();
    for (int64_t i = 0; i < rows; ++i) o[i] = FloorDiv(m[i], kMicrosPerSecond);
    AndValidity(*out, *micros);
    return out;
  };
  return bound;
}

BoundScalar BindDateFormat(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("date_format", args, 2, 2);
  BoundScalar bound;
  bound.result_type = StringType();
  bound.arg_types = {TimestampType(), StringType()};
  auto pattern = std::make_shared<PatternArg>(&args[1]);
  bound.kernel = [pattern](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorBuilder builder(StringType(), rows);
    const int64_t* micros = a[0]->Data<int64_t>();
    ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
    PatternArg local = *pattern;
    std::string text;
    for (int64_t i = 0; i < rows; ++i) {
      const DateTimePattern* p = a[0]->IsNull(i) ? nullptr : local.Get(a[1].get(), i);
      if (p == nullptr) {
        builder.AppendNull();
        continue;
      }
      text.clear();
      p->Format(micros[i], zone, &text);
      builder.AppendString(text);
    }
    return builder.Finish();
  };
  return bound;
}

// One int field of a date (`from_date`) or of a timestamp in the session zone.
template <typename Field>
BoundScalar BindField(const std::string& name, bool from_date, Field field, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  BoundScalar bound;
  bound.result_type = IntType();
  bound.arg_types = {from_date ? DateType() : TimestampType()};
  bound.kernel = [from_date, field](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorPtr out = Vector::Make(IntType(), rows);
    int32_t* o = out->Data<int32_t>();
    if (from_date) {
      const int32_t* d = a[0]->Data<int32_t>();
      LocalTime t;
      for (int64_t i = 0; i < rows; ++i) {
        t.days = d[i];
        CivilFromDays(t.days, &t.year, &t.month, &t.day);
        o[i] = field(t);
      }
    } else {
      const int64_t* m = a[0]->Data<int64_t>();
      ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
      for (int64_t i = 0; i < rows; ++i) o[i] = a[0]->IsValid(i) ? field(ToLocalTime(m[i], zone)) : 0;
    }
    PropagateNulls(*out, a);
    return out;
  };
  return bound;
}

template <typename Field>
void AddField(FunctionRegistry& registry, const char* name, bool from_date, const char* doc, Field field) {
  std::string fname = name;
  registry.Add(MakeScalar(fname, doc, [fname, from_date, field](const std::vector<BindArg>& args, const EvalContext&) {
    return BindField(fname, from_date, field, args);
  }));
}

BoundScalar BindDateDiff(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("datediff", args, 2, 2);
  BoundScalar bound;
  bound.result_type = IntType();
  bound.arg_types = {DateType(), DateType()};
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(IntType(), rows);
    const int32_t* end = a[0]->Data<int32_t>();
    const int32_t* start = a[1]->Data<int32_t>();
    int32_t* o = out->Data<int32_t>();
    for (int64_t i = 0; i < rows; ++i) o[i] = end[i] - start[i];
    PropagateNulls(*out, a);
    return out;
  };
  return bound;
}

BoundScalar BindDateShift(const std::string& name, int sign, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  const DataType& n = *args[1].type;
  if (!n.IsIntegral() && n.id != TypeId::kNull && n.id != TypeId::kString)
    ThrowUnexpectedType(name, 1, "(\"INT\" or \"SMALLINT\" or \"TINYINT\")", n);
  BoundScalar bound;
  bound.result_type = DateType();
  bound.arg_types = {DateType(), IntType()};
  bound.kernel = [sign](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(DateType(), rows);
    const int32_t* d = a[0]->Data<int32_t>();
    const int32_t* k = a[1]->Data<int32_t>();
    int32_t* o = out->Data<int32_t>();
    for (int64_t i = 0; i < rows; ++i) o[i] = static_cast<int32_t>(d[i] + static_cast<int64_t>(sign) * k[i]);
    PropagateNulls(*out, a);
    return out;
  };
  return bound;
}

BoundScalar BindCurrent(const std::string& name, bool date, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 0, 0);
  BoundScalar bound;
  bound.result_type = date ? DateType() : TimestampType();
  bound.result_nullable = false;
  bound.kernel = [date](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
    VectorPtr out = Vector::Make(date ? DateType() : TimestampType(), rows);
    if (date) {
      std::fill_n(out->Data<int32_t>(), rows, TimestampToDate(ctx.query_start_micros, ctx.time_zone));
    } else {
      std::fill_n(out->Data<int64_t>(), rows, ctx.query_start_micros);
    }
    return out;
  };
  return bound;
}

}  // namespace

void RegisterDatetimeFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("to_date", "to_date(x[, fmt]): date of a string, timestamp or date. to_date('2024-01-05') = 2024-01-05",
                          [](const std::vector<BindArg>& a, const EvalContext& c) { return BindToDatetime("to_date", true, a, c); }));
  registry.Add(MakeScalar("to_timestamp", "to_timestamp(x[, fmt]): timestamp of a string. to_timestamp('2024-01-05 10:00:00')",
                          [](const std::vector<BindArg>& a, const EvalContext& c) { return BindToDatetime("to_timestamp", false, a, c); }));
  registry.Add(MakeScalar("from_unixtime", "from_unixtime(seconds[, fmt]): text of epoch seconds. from_unixtime(0) = '1970-01-01 00:00:00' in UTC",
                          BindFromUnixtime));
  registry.Add(MakeScalar("unix_timestamp", "unix_timestamp([x[, fmt]]): epoch seconds. unix_timestamp('1970-01-01 00:00:00') = 0 in UTC",
                          BindUnixTimestamp));
  registry.Add(MakeScalar("date_format", "date_format(ts, fmt): timestamp as text. date_format(ts, 'yyyy') = '2024'",
                          BindDateFormat));
  AddField(registry, "year", true, "year(d): the year. year('2024-01-05') = 2024",
           [](const LocalTime& t) { return static_cast<int32_t>(t.year); });
  AddField(registry, "month", true, "month(d): month 1-12. month('2024-01-05') = 1",
           [](const LocalTime& t) { return t.month; });
  AddField(registry, "dayofmonth", true, "dayofmonth(d): day of month. dayofmonth('2024-01-05') = 5",
           [](const LocalTime& t) { return t.day; });
  registry.AddAlias("day", "dayofmonth");
  AddField(registry, "dayofyear", true, "dayofyear(d): day of year 1-366. dayofyear('2024-02-01') = 32",
           [](const LocalTime& t) { return static_cast<int32_t>(t.days - DaysFromCivil(t.year, 1, 1) + 1); });
  AddField(registry, "dayofweek", true, "dayofweek(d): 1 = Sunday ... 7 = Saturday. dayofweek('2024-01-05') = 6",
           // 1970-01-01 was a Thursday (5 when Sunday is 1).
           [](const LocalTime& t) { return static_cast<int32_t>(FloorMod(t.days + 4, 7) + 1); });
  AddField(registry, "quarter", true, "quarter(d): quarter 1-4. quarter('2024-05-01') = 2",
           [](const LocalTime& t) { return (t.month - 1) / 3 + 1; });
  AddField(registry, "hour", false, "hour(ts): hour 0-23. hour('2024-01-05 10:30:00') = 10",
           [](const LocalTime& t) { return t.hour; });
  AddField(registry, "minute", false, "minute(ts): minute 0-59. minute('2024-01-05 10:30:00') = 30",
           [](const LocalTime& t) { return t.minute; });
  AddField(registry, "second", false, "second(ts): second 0-59. second('2024-01-05 10:30:15') = 15",
           [](const LocalTime& t) { return t.second; });
  registry.Add(MakeScalar("datediff", "datediff(end, start): days from start to end. datediff('2024-01-05', '2024-01-01') = 4",
                          BindDateDiff));
  registry.Add(MakeScalar("date_add", "date_add(d, n): n days after d. date_add('2024-01-05', 1) = 2024-01-06",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindDateShift("date_add", 1, a); }));
  registry.Add(MakeScalar("date_sub", "date_sub(d, n): n days before d. date_sub('2024-01-05', 1) = 2024-01-04",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindDateShift("date_sub", -1, a); }));
  registry.Add(MakeScalar("current_date", "current_date(): the query's start date in the session zone",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindCurrent("current_date", true, a); }));
  registry.Add(MakeScalar("current_timestamp", "current_timestamp(): the query's start time",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindCurrent("current_timestamp", false, a); }));
  registry.AddAlias("now", "current_timestamp");
}

}  // namespace ember
