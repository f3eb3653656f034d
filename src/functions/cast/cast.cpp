// CastVector and CanCast: Spark's Cast between all types, with ANSI errors, legacy nulls or wraps,
// and try_cast nulls. String conversions live in cast_to_string.cpp and cast_from_string.cpp.
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

#include "common/calendar_interval.h"
#include "common/error.h"
#include "common/interval.h"
#include "common/value.h"
#include "common/variant.h"
#include "functions/cast/cast_internal.h"
#include "functions/cast/java_number_format.h"
#include "functions/variant/variant_cast.h"
#include "functions/variant/variant_from_sql.h"
#include "functions/datetime/datetime_util.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"

namespace ember {

std::string QuotedSqlType(const DataType& type) {
  std::string text = type.id == TypeId::kTimestampNtz ? "timestamp_ntz" : type.ToString();
  for (auto& c : text) c = static_cast<char>(::toupper(c));
  return "\"" + text + "\"";
}

void ThrowCastInvalidInput(std::string_view text, const DataType& from, const DataType& to) {
  throw SparkError("CAST_INVALID_INPUT", {{"expression", "'" + std::string(text) + "'"},
                                          {"sourceType", QuotedSqlType(from)},
                                          {"targetType", QuotedSqlType(to)},
                                          {"ansiConfig", kAnsiConfigQuoted}});
}

void ThrowCastOverflow(const std::string& value_sql, const DataType& from, const DataType& to) {
  throw SparkError("CAST_OVERFLOW", {{"value", value_sql},
                                     {"sourceType", QuotedSqlType(from)},
                                     {"targetType", QuotedSqlType(to)},
                                     {"ansiConfig", kAnsiConfigQuoted}});
}

namespace {

// The value of row `row` as a SQL literal, for overflow messages (1L, 2S, 1.0E10D).
std::string SqlValueText(const Vector& v, int64_t row, const EvalContext& ctx) {
  std::string text;
  AppendValueText(v, row, TextStyle::kCast, ctx, &text);
  switch (v.type()->id) {
    case TypeId::kByte: return text + "Y";
    case TypeId::kShort: return text + "S";
    case TypeId::kLong: return text + "L";
    case TypeId::kFloat: return text + "F";
    case TypeId::kDouble: return text + "D";
    case TypeId::kDecimal: return text + "BD";
    case TypeId::kTimestamp: return "TIMESTAMP '" + text + "'";
    case TypeId::kDate: return "DATE '" + text + "'";
    default: return text;
  }
}

template <typename T>
constexpr bool kIsIntegral = std::is_integral_v<T> && !std::is_same_v<T, uint8_t>;

// Fixed-width to fixed-width where `convert(value, &out)` returns false on overflow.
template <typename From, typename To, typename Convert>
VectorPtr MapFixed(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool errors,
                   Convert convert) {
  const Vector& in = *input;
  int64_t rows = in.length();
  VectorPtr out = Vector::Make(target, rows);
  const From* a = in.Data<From>();
  To* o = out->Data<To>();
  AndValidity(*out, in);
  bool bad = false;
  for (int64_t i = 0; i < rows; ++i) bad |= !convert(a[i], &o[i]);
  if (bad) {
    for (int64_t i = 0; i < rows; ++i) {
      if (!out->IsValid(i) || convert(a[i], &o[i])) continue;
      if (errors) ThrowCastOverflow(SqlValueText(in, i, ctx), *in.type(), *target);
      out->SetNull(i);
    }
  }
  return out;
}

template <typename From, typename To>
bool ConvertNumber(From v, To* out, bool strict) {
  if constexpr (std::is_same_v<To, uint8_t>) {
    *out = v != 0;
    return true;
  } else if constexpr (std::is_same_v<From, uint8_t>) {
    *out = static_cast<To>(v);
    return true;
  } else if constexpr (std::is_floating_point_v<To>) {
    *out = static_cast<To>(v);
    return true;
  } else if constexpr (std::is_floating_point_v<From>) {
    // Floating to integral: truncate; out of range or NaN overflows when strict. Legacy saturates
    // to int/long and then narrows with wrap-around, as the JVM does.
    double d = static_cast<double>(v);
    double t = std::trunc(d);
    bool in_range = !std::isnan(d) && t >= static_cast<double>(std::numeric_limits<To>::min()) &&
                    t <= static_cast<double>(std::numeric_limits<To>::max());
    if constexpr (sizeof(To) == 8) {
      in_range = in_range && t < 9223372036854775808.0;
    }
    if (in_range) {
      *out = static_cast<To>(t);
      return true;
    }
    if (strict) return false;
    using Wide = std::conditional_t<sizeof(To) == 8, int64_t, int32_t>;
    Wide w;
    if (std::isnan(d)) {
      w = 0;
    } else if (d >= static_cast<double>(std::numeric_limits<Wide>::max())) {
      w = std::numeric_limits<Wide>::max();
    } else if (d <= static_cast<double>(std::numeric_limits<Wide>::min())) {
      w = std::numeric_limits<Wide>::min();
    } else {
      w = static_cast<Wide>(t);
    }
    *out = static_cast<To>(w);
    return true;
  } else {
    if (v < std::numeric_limits<To>::min() || v > std::numeric_limits<To>::max()) {
      *out = static_cast<To>(v);  // two's complement wrap, as legacy Spark
      return !strict;
    }
    *out = static_cast<To>(v);
    return true;
  }
}

// `strict`: overflow gives an error (errors) or null instead of wrapping (ANSI or try_cast).
VectorPtr CastNumeric(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool errors, bool strict) {
  return DispatchFixedWidth(*input->type(), [&](auto from_tag) -> VectorPtr {
    using From = decltype(from_tag);
    return DispatchFixedWidth(*target, [&](auto to_tag) -> VectorPtr {
      using To = decltype(to_tag);
      if constexpr (std::is_same_v<From, int128_t> || std::is_same_v<To, int128_t>) {
        throw InternalError("decimal casts take the decimal path");
      } else {
        return MapFixed<From, To>(input, target, ctx, errors,
                                  [strict](From v, To* out) { return ConvertNumber<From, To>(v, out, strict); });
      }
    });
  });
}

// Text -> double exactly (decimal to floating).
double DecimalToDouble(int128_t unscaled, int scale) {
  std::string text = DecimalToString(unscaled, scale);
  double d = 0;
  std::from_chars(text.data(), text.data() + text.size(), d);
  return d;
}

// Decimal source to any numeric or decimal target, and numeric sources to decimal targets.
VectorPtr CastDecimal(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool errors, bool strict) {
  const Vector& in = *input;
  const DataType& from = *in.type();
  int64_t rows = in.length();
  VectorPtr out = Vector::Make(target, rows);
  AndValidity(*out, in);
  auto fail = [&](int64_t i) {
    if (errors) {
      if (target->id == TypeId::kDecimal) {
        std::string text;
        AppendValueText(in, i, TextStyle::kCast, ctx, &text);
        ThrowDecimalOutOfRange(text, target->precision, target->scale);
      }
      ThrowCastOverflow(SqlValueText(in, i, ctx), from, *target);
    }
    out->SetNull(i);
  };
  if (target->id == TypeId::kDecimal) {
    for (int64_t i = 0; i < rows; ++i) {
      if (!out->IsValid(i)) {
        WriteDecimal(*out, i, 0);
        continue;
      }
      bool overflow = false;
      int128_t r = 0;
      if (from.id == TypeId::kDecimal) {
        r = RescaleHalfUp(ReadDecimal(in, i), from.scale, target->scale, &overflow);
      } else if (from.IsIntegral() || from.id == TypeId::kBoolean) {
        int64_t v = DispatchFixedWidth(from, [&](auto tag) -> int64_t {
          using T = decltype(tag);
          if constexpr (std::is_same_v<T, int128_t> || std::is_floating_point_v<T>) return 0;
          else return static_cast<int64_t>(in.Data<T>()[i]);
        });
        r = RescaleHalfUp(v, 0, target->scale, &overflow);
      } else {
        double d = from.id == TypeId::kFloat ? static_cast<double>(in.Data<float>()[i]) : in.Data<double>()[i];
        if (std::isnan(d) || std::isinf(d)) {
          overflow = true;
        } else {
          std::string text;
          if (from.id == TypeId::kFloat) {
            AppendJavaFloat(in.Data<float>()[i], &text);
          } else {
            AppendJavaDouble(d, &text);
          }
          VectorBuilder b(StringType(), 1);
          b.AppendString(text);
          VectorPtr parsed = CastFromString(b.Finish(), target, ctx, false, true);
          if (parsed->IsNull(0)) overflow = true;
          else r = ReadDecimal(*parsed, 0);
        }
      }
      if (overflow || !FitsPrecision(r, target->precision)) {
        WriteDecimal(*out, i, 0);
        fail(i);
        continue;
      }
      WriteDecimal(*out, i, r);
    }
    return out;
  }
  // Decimal to a numeric type.
  DispatchFixedWidth(*target, [&](auto tag) {
    using To = decltype(tag);
    To* o = out->Data<To>();
    for (int64_t i = 0; i < rows; ++i) {
      o[i] = To{};
      if (!out->IsValid(i)) continue;
      int128_t u = ReadDecimal(in, i);
      if constexpr (std::is_floating_point_v<To>) {
        o[i] = static_cast<To>(DecimalToDouble(u, from.scale));
      } else if constexpr (std::is_same_v<To, uint8_t>) {
        o[i] = u != 0;
      } else if constexpr (std::is_same_v<To, int128_t>) {
        throw InternalError("decimal to decimal handled above");
      } else {
        int128_t whole = u / Pow10(from.scale);
        if (whole < std::numeric_limits<To>::min() || whole > std::numeric_limits<To>::max()) {
          o[i] = static_cast<To>(whole);
          if (strict) fail(i);
          continue;
        }
        o[i] = static_cast<To>(whole);
      }
    }
  });
  return out;
}

bool IsTimestamp(TypeId id) { return id == TypeId::kTimestamp || id == TypeId::kTimestampNtz; }

VectorPtr CastDatetime(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool errors) {
  const DataType& from = *input->type();
  const absl::TimeZone& tz = ctx.time_zone;
  const absl::TimeZone utc = absl::UTCTimeZone();
  TypeId f = from.id, t = target->id;
  if (f == TypeId::kDate && IsTimestamp(t)) {
    ZoneCache& zone = ZoneCacheFor(t == TypeId::kTimestamp ? tz : utc);
    return MapFixed<int32_t, int64_t>(input, target, ctx, errors, [&zone](int32_t d, int64_t* o) {
      *o = DateToTimestamp(d, zone);
      return true;
    });
  }
  if (IsTimestamp(f) && t == TypeId::kDate) {
    ZoneCache& zone = ZoneCacheFor(f == TypeId::kTimestamp ? tz : utc);
    return MapFixed<int64_t, int32_t>(input, target, ctx, errors, [&zone](int64_t m, int32_t* o) {
      *o = TimestampToDate(m, zone);
      return true;
    });
  }
  if (f == TypeId::kTimestamp && t == TypeId::kTimestampNtz) {
    ZoneCache& zone = ZoneCacheFor(tz);
    return MapFixed<int64_t, int64_t>(input, target, ctx, errors, [&zone](int64_t m, int64_t* o) {
      // The wall-clock time in the session zone, kept without a zone.
      int64_t seconds = FloorDiv(m, kMicrosPerSecond);
      *o = m + static_cast<int64_t>(zone.OffsetAtUtc(seconds)) * kMicrosPerSecond;
      return true;
    });
  }
  if (f == TypeId::kTimestampNtz && t == TypeId::kTimestamp) {
    ZoneCache& zone = ZoneCacheFor(tz);
    return MapFixed<int64_t, int64_t>(input, target, ctx, errors, [&zone](int64_t m, int64_t* o) {
      int64_t seconds = FloorDiv(m, kMicrosPerSecond);
      *o = zone.LocalToUtc(seconds) * kMicrosPerSecond + (m - seconds * kMicrosPerSecond);
      return true;
    });
  }
  if (f == TypeId::kTimestamp && target->IsNumeric()) {
    if (t == TypeId::kDouble || t == TypeId::kFloat) {
      VectorPtr seconds = MapFixed<int64_t, double>(input, DoubleType(), ctx, errors, [](int64_t m, double* o) {
        *o = static_cast<double>(m) / kMicrosPerSecond;
        return true;
      });
      return t == TypeId::kDouble ? seconds : CastVector(seconds, target, ctx, !errors);
    }
    VectorPtr seconds = MapFixed<int64_t, int64_t>(input, LongType(), ctx, errors, [](int64_t m, int64_t* o) {
      *o = FloorDiv(m, kMicrosPerSecond);
      return true;
    });
    EvalContext inner = ctx;
    inner.ansi = errors;
    return CastVector(seconds, target, inner, !errors);
  }
  if (from.IsNumeric() && t == TypeId::kTimestamp) {
    if (from.id == TypeId::kFloat || from.id == TypeId::kDouble || from.id == TypeId::kDecimal) {
      VectorPtr d = from.id == TypeId::kDouble ? input : CastVector(input, DoubleType(), ctx, true);
      return MapFixed<double, int64_t>(d, target, ctx, errors, [](double s, int64_t* o) {
        double micros = s * kMicrosPerSecond;
        if (std::isnan(micros) || std::fabs(micros) >= 9.2e18) return false;
        *o = static_cast<int64_t>(micros);
        return true;
      });
    }
    VectorPtr longs = CastVector(input, LongType(), ctx, true);
    return MapFixed<int64_t, int64_t>(longs, target, ctx, errors, [](int64_t s, int64_t* o) {
      return !__builtin_mul_overflow(s, kMicrosPerSecond, o);
    });
  }
  throw InternalError("unsupported datetime cast " + from.ToString() + " -> " + target->ToString());
}

// Microseconds or months in one unit of a single-field interval type.
int64_t IntervalUnit(const DataType& type) {
  static const int64_t kDayTimeUnits[] = {kMicrosPerDay, kMicrosPerHour, kMicrosPerMinute, kMicrosPerSecond};
  if (type.id == TypeId::kYearMonthInterval) return type.start_field == kYearField ? 12 : 1;
  return kDayTimeUnits[type.start_field];
}

// Between interval types of one kind (truncating to the target's end field), and between
// single-field intervals and integral numbers of that field's unit.
VectorPtr CastInterval(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool errors) {
  const DataType& from = *input->type();
  if (from.IsInterval() && target->IsInterval()) {
    return DispatchFixedWidth(from, [&](auto tag) {
      using T = decltype(tag);
      return MapFixed<T, T>(input, target, ctx, errors, [&target](T v, T* o) {
        *o = static_cast<T>(TruncateInterval(v, *target));
        return true;
      });
    });
  }
  if (from.IsInterval()) {
    int64_t unit = IntervalUnit(from);
    VectorPtr longs = DispatchFixedWidth(from, [&](auto tag) {
      using T = decltype(tag);
      return MapFixed<T, int64_t>(input, LongType(), ctx, errors, [unit](T v, int64_t* o) {
        *o = static_cast<int64_t>(v) / unit;
        return true;
      });
    });
    return CastVector(longs, target, ctx, !errors);
  }
  int64_t unit = IntervalUnit(*target);
  VectorPtr longs = CastVector(input, LongType(), ctx, !errors);
  return DispatchFixedWidth(*target, [&](auto tag) {
    using T = decltype(tag);
    return MapFixed<int64_t, T>(longs, target, ctx, errors, [unit](int64_t v, T* o) {
      int64_t scaled;
      if (__builtin_mul_overflow(v, unit, &scaled)) return false;
      *o = static_cast<T>(scaled);
      return static_cast<int64_t>(*o) == scaled;
    });
  });
}

// A nested vector of `type` sharing the layout (offsets, validity) of `like`.
VectorPtr Relabel(const Vector& like, const TypePtr& type, std::vector<VectorPtr> children) {
  VectorPtr out = Vector::Make(type, like.length());
  if (type->id != TypeId::kStruct) {
    std::memcpy(out->values().data(), like.values().data(), like.values().size());
  }
  out->children() = std::move(children);
  if (const uint64_t* words = like.ValidityWords()) {
    std::memcpy(out->MutableValidityWords(), words, ValidityWordCount(like.length()) * 8);
  }
  return out;
}

// Text or a day-time interval (microseconds only) as a calendar interval. Spark casts text
// leniently in every mode: null when it does not parse.
VectorPtr CastToCalendarInterval(const Vector& input) {
  CalendarIntervalWriter out(input.length());
  AndValidity(out.vector(), input);
  bool text = input.type()->id == TypeId::kString;
  for (int64_t i = 0; i < input.length(); ++i) {
    if (!out.vector().IsValid(i)) continue;
    if (!text) {
      out.Set(i, CalendarInterval{0, 0, input.Data<int64_t>()[i]});
    } else if (std::optional<CalendarInterval> interval = ParseCalendarInterval(input.GetString(i))) {
      out.Set(i, *interval);
    } else {
      out.vector().SetNull(i);
    }
  }
  return out.Finish();
}

}  // namespace

bool CanCast(const DataType& from, const DataType& to) {
  if (from.Equals(to) || from.id == TypeId::kNull) return true;
  if (IsVariant(from)) return CanCastFromVariant(to);
  if (to.id == TypeId::kString) return true;
  if (IsCalendarInterval(to)) return from.id == TypeId::kString || from.id == TypeId::kDayTimeInterval;
  if (IsCalendarInterval(from)) return false;
  if (IsVariant(to)) return CanConvertToVariant(from, false);
  TypeId f = from.id, t = to.id;
  if (f == TypeId::kString) return !to.IsNested();
  bool f_num = from.IsNumeric() || f == TypeId::kBoolean;
  bool t_num = to.IsNumeric() || t == TypeId::kBoolean;
  if (f_num && t_num) return true;
  bool f_time = f == TypeId::kDate || IsTimestamp(f);
  bool t_time = t == TypeId::kDate || IsTimestamp(t);
  if (f_time && t_time) return true;
  if (f == TypeId::kTimestamp && to.IsNumeric()) return true;
  if (from.IsNumeric() && t == TypeId::kTimestamp) return true;
  if (f == TypeId::kBinary) return t == TypeId::kBinary;
  if (from.IsInterval() && to.IsInterval()) return f == t;
  bool f_single = from.IsInterval() && from.start_field == from.end_field;
  bool t_single = to.IsInterval() && to.start_field == to.end_field;
  if ((f_single && to.IsIntegral()) || (t_single && from.IsIntegral())) return true;
  if (f == TypeId::kArray && t == TypeId::kArray) return CanCast(*from.element, *to.element);
  if (f == TypeId::kMap && t == TypeId::kMap)
    return CanCast(*from.element, *to.element) && CanCast(*from.value, *to.value);
  if (f == TypeId::kStruct && t == TypeId::kStruct) {
    if (from.fields.size() != to.fields.size()) return false;
    for (size_t i = 0; i < from.fields.size(); ++i) {
      if (!CanCast(*from.fields[i].type, *to.fields[i].type)) return false;
    }
    return true;
  }
  return false;
}

VectorPtr CastVector(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool try_cast) {
  const DataType& from = *input->type();
  if (from.Equals(*target)) return input;
  if (from.id == TypeId::kString && target->id == TypeId::kString) return input;  // collations differ, bytes do not
  bool errors = ctx.ansi && !try_cast;
  if (from.id == TypeId::kNull) return Vector::MakeNulls(target, input->length());
  if (!CanCast(from, *target)) {
    throw SparkError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                     {{"sqlExpr", "\"CAST\""}, {"srcType", QuotedSqlType(from)}, {"targetType", QuotedSqlType(*target)}});
  }
  if (IsVariant(from)) return CastFromVariant(*input, target, ctx, try_cast);
  if (IsVariant(*target)) return ToVariantVector(*input);
  if (target->id == TypeId::kString) return CastToString(input, TextStyle::kCast, ctx);
  if (IsCalendarInterval(*target)) return CastToCalendarInterval(*input);
  if (from.id == TypeId::kString) return CastFromString(input, target, ctx, errors, ctx.ansi || try_cast);
  if (from.id == TypeId::kBinary) return input;
  if (from.IsInterval() || target->IsInterval()) return CastInterval(input, target, ctx, errors);
  bool f_time = from.id == TypeId::kDate || IsTimestamp(from.id);
  bool t_time = target->id == TypeId::kDate || IsTimestamp(target->id);
  if (f_time || t_time) return CastDatetime(input, target, ctx, errors);
  bool strict = ctx.ansi || try_cast;
  if (from.id == TypeId::kDecimal || target->id == TypeId::kDecimal)
    return CastDecimal(input, target, ctx, errors, strict);
  if (from.IsNested()) {
    std::vector<VectorPtr> children;
    if (from.id == TypeId::kArray) {
      children.push_back(CastVector(input->child(0), target->element, ctx, try_cast));
    } else if (from.id == TypeId::kMap) {
      children.push_back(CastVector(input->child(0), target->element, ctx, try_cast));
      children.push_back(CastVector(input->child(1), target->value, ctx, try_cast));
    } else {
      for (size_t i = 0; i < target->fields.size(); ++i)
        children.push_back(CastVector(input->child(i), target->fields[i].type, ctx, try_cast));
    }
    return Relabel(*input, target, std::move(children));
  }
  return CastNumeric(input, target, ctx, errors, strict);
}

}  // namespace ember
