// Casting any type to string, and show()'s pretty rendering (ToPrettyString).
#include "common/calendar_interval.h"
#include "common/interval.h"
#include "common/value.h"
#include "common/variant.h"
#include "functions/cast/cast_internal.h"
#include "functions/cast/java_number_format.h"
#include "functions/datetime/datetime_util.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/variant/variant_codec.h"

namespace ember {
namespace {

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  int n = 0;
  uint64_t u = v < 0 ? -static_cast<uint64_t>(v) : v;
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) out->push_back('-');
  while (n) out->push_back(buf[--n]);
}

// Java's BigDecimal.toString, which Spark uses for decimals: plain notation unless the value's
// adjusted exponent is below -6, then "d.dddE-n" (so zero at scale 8 prints as "0E-8").
void AppendJavaDecimal(int128_t unscaled, int scale, std::string* out) {
  if (unscaled < 0) out->push_back('-');
  std::string digits = Int128ToString(unscaled < 0 ? -unscaled : unscaled);
  int64_t n = static_cast<int64_t>(digits.size());
  int64_t adjusted = -static_cast<int64_t>(scale) + (n - 1);
  if (scale == 0) {
    out->append(digits);
  } else if (adjusted >= -6) {
    if (n > scale) {
      out->append(digits, 0, n - scale);
      out->push_back('.');
      out->append(digits, n - scale, std::string::npos);
    } else {
      out->append("0.");
      out->append(scale - n, '0');
      out->append(digits);
    }
  } else {
    out->push_back(digits[0]);
    if (n > 1) {
      out->push_back('.');
      out->append(digits, 1, std::string::npos);
    }
    out->append("E" + std::to_string(adjusted));
  }
}

void AppendNested(const Vector& v, int64_t row, TextStyle style, const EvalContext& ctx,
                  std::string* out) {
  if (v.IsNull(row)) {
    out->append(style == TextStyle::kPretty ? "NULL" : "null");
    return;
  }
  AppendValueText(v, row, style, ctx, out);
}

void AppendJoined(const Vector& list, int64_t row, bool doubles, std::string* out) {
  if (list.IsNull(row)) return;
  const int32_t* offsets = list.Offsets();
  const Vector& elements = *list.child(0);
  for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
    if (i > offsets[row]) out->push_back(',');
    if (doubles) {
      AppendJavaDouble(elements.Data<double>()[i], out);
    } else {
      AppendInt(elements.Data<int32_t>()[i], out);
    }
  }
}

// Spark ML's Vector.toString: dense "[1.0,2.0]", sparse "(4,[0,2],[1.0,3.0])".
void AppendVectorText(const Vector& v, int64_t row, std::string* out) {
  bool dense = v.child(0)->Data<int8_t>()[row] == 1;
  if (dense) {
    out->push_back('[');
    AppendJoined(*v.child(3), row, true, out);
    out->push_back(']');
    return;
  }
  out->push_back('(');
  AppendInt(v.child(1)->Data<int32_t>()[row], out);
  out->append(",[");
  AppendJoined(*v.child(2), row, false, out);
  out->append("],[");
  AppendJoined(*v.child(3), row, true, out);
  out->append("])");
}

}  // namespace

void AppendValueText(const Vector& v, int64_t row, TextStyle style, const EvalContext& ctx,
                     std::string* out) {
  const DataType& type = *v.type();
  switch (type.id) {
    case TypeId::kNull: out->append(style == TextStyle::kPretty ? "NULL" : "null"); break;
    case TypeId::kBoolean: out->append(v.Data<uint8_t>()[row] ? "true" : "false"); break;
    case TypeId::kByte: AppendInt(v.Data<int8_t>()[row], out); break;
    case TypeId::kShort: AppendInt(v.Data<int16_t>()[row], out); break;
    case TypeId::kInt: AppendInt(v.Data<int32_t>()[row], out); break;
    case TypeId::kLong: AppendInt(v.Data<int64_t>()[row], out); break;
    case TypeId::kFloat: AppendJavaFloat(v.Data<float>()[row], out); break;
    case TypeId::kDouble: AppendJavaDouble(v.Data<double>()[row], out); break;
    case TypeId::kDecimal: AppendJavaDecimal(ReadDecimal(v, row), type.scale, out); break;
    case TypeId::kString: out->append(v.GetString(row)); break;
    case TypeId::kBinary:
      if (style == TextStyle::kPretty) {
        static const char* hex = "0123456789ABCDEF";
        std::string_view bytes = v.GetString(row);
        out->push_back('[');
        for (size_t i = 0; i < bytes.size(); ++i) {
          if (i) out->push_back(' ');
          uint8_t b = static_cast<uint8_t>(bytes[i]);
          out->push_back(hex[b >> 4]);
          out->push_back(hex[b & 15]);
        }
        out->push_back(']');
      } else {
        out->append(v.GetString(row));
      }
      break;
    case TypeId::kDate: AppendDate(v.Data<int32_t>()[row], out); break;
    case TypeId::kTimestamp: AppendTimestamp(v.Data<int64_t>()[row], ctx.time_zone, out); break;
    case TypeId::kTimestampNtz: AppendTimestamp(v.Data<int64_t>()[row], absl::UTCTimeZone(), out); break;
    case TypeId::kYearMonthInterval: out->append(IntervalToString(v.Data<int32_t>()[row], type)); break;
    case TypeId::kDayTimeInterval: out->append(IntervalToString(v.Data<int64_t>()[row], type)); break;
    case TypeId::kArray: {
      const int32_t* offsets = v.Offsets();
      out->push_back('[');
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out->append(", ");
        AppendNested(*v.child(0), i, style, ctx, out);
      }
      out->push_back(']');
      break;
    }
    case TypeId::kMap: {
      const int32_t* offsets = v.Offsets();
      out->push_back('{');
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out->append(", ");
        AppendNested(*v.child(0), i, style, ctx, out);
        out->append(" -> ");
        AppendNested(*v.child(1), i, style, ctx, out);
      }
      out->push_back('}');
      break;
    }
    case TypeId::kStruct: {
      if (type.udt == kVectorUdtClass) {
        AppendVectorText(v, row, out);
        break;
      }
      if (IsCalendarInterval(type)) {
        out->append(CalendarIntervalToString(ReadCalendarInterval(v, row)));
        break;
      }
      if (IsVariant(type)) {
        AppendVariantJson(VariantView::Of(v, row), ctx.time_zone, out);
        break;
      }
      out->push_back('{');
      for (size_t f = 0; f < v.children().size(); ++f) {
        if (f) out->append(", ");
        AppendNested(*v.child(f), row, style, ctx, out);
      }
      out->push_back('}');
      break;
    }
  }
}

VectorPtr CastToString(const VectorPtr& input, TextStyle style, EvalContext& ctx) {
  const Vector& in = *input;
  int64_t rows = in.length();
  VectorBuilder builder(StringType(), rows);
  std::string text;
  for (int64_t i = 0; i < rows; ++i) {
    if (in.IsNull(i) || in.type()->id == TypeId::kNull) {
      if (style == TextStyle::kPretty) {
        builder.AppendString("NULL");
      } else {
        builder.AppendNull();
      }
      continue;
    }
    text.clear();
    AppendValueText(in, i, style, ctx, &text);
    builder.AppendString(text);
  }
  return builder.Finish();
}

VectorPtr ToPrettyString(const VectorPtr& input, EvalContext& ctx) {
  return CastToString(input, TextStyle::kPretty, ctx);
}

}  // namespace ember
