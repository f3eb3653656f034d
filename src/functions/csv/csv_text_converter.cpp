#include "functions/csv/csv_text_converter.h"

#include "functions/registry.h"

namespace ember {

CsvTextConverter::CsvTextConverter(const CsvOptions& options, const EvalContext& ctx)
    : options_(options),
      ctx_(ctx),
      datetimes_(options.date_format, options.timestamp_format, options.timestamp_ntz_format, ctx.time_zone) {}

VectorPtr CsvTextConverter::Convert(const VectorPtr& text, const TypePtr& type, std::vector<bool>* malformed) {
  VectorPtr result;
  switch (type->id) {
    case TypeId::kString:
      return text;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      result = ConvertDateTimes(*text, type);
      break;
    case TypeId::kFloat:
    case TypeId::kDouble:
      result = CastVector(WithJavaSpecialValues(*text), type, ctx_, true);
      break;
    default:
      result = CastVector(text, type, ctx_, true);
  }
  for (int64_t row = 0; row < text->length(); ++row) {
    if (text->IsValid(row) && result->IsNull(row)) (*malformed)[row] = true;
  }
  return result;
}

VectorPtr CsvTextConverter::ConvertDateTimes(const Vector& text, const TypePtr& type) const {
  VectorBuilder builder(type, text.length());
  for (int64_t row = 0; row < text.length(); ++row) {
    if (text.IsNull(row)) {
      builder.AppendNull();
      continue;
    }
    std::string_view value = text.GetString(row);
    bool ok;
    if (type->id == TypeId::kDate) {
      int32_t days = 0;
      ok = datetimes_.ParseDate(value, &days);
      if (ok) builder.Append<int32_t>(days);
    } else {
      int64_t micros = 0;
      ok = type->id == TypeId::kTimestamp ? datetimes_.ParseTimestamp(value, &micros)
                                          : datetimes_.ParseTimestampNtz(value, &micros);
      if (ok) builder.Append<int64_t>(micros);
    }
    if (!ok) builder.AppendNull();
  }
  return builder.Finish();
}

// The nanValue / positiveInf / negativeInf spellings replaced by the ones a cast reads.
VectorPtr CsvTextConverter::WithJavaSpecialValues(const Vector& text) const {
  VectorBuilder builder(StringType(), text.length());
  for (int64_t row = 0; row < text.length(); ++row) {
    if (text.IsNull(row)) {
      builder.AppendNull();
      continue;
    }
    std::string_view value = text.GetString(row);
    if (value == options_.nan_value) {
      builder.AppendString("NaN");
    } else if (value == options_.positive_inf) {
      builder.AppendString("Infinity");
    } else if (value == options_.negative_inf) {
      builder.AppendString("-Infinity");
    } else {
      builder.AppendString(value);
    }
  }
  return builder.Finish();
}

}  // namespace ember
