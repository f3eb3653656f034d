#include "functions/csv/csv_field_formatter.h"

#include "functions/registry.h"

namespace ember {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

CsvFieldFormatter::CsvFieldFormatter(const CsvOptions& options, const EvalContext& ctx)
    : options_(options),
      ctx_(ctx),
      datetimes_(options.date_format, options.timestamp_format, options.timestamp_ntz_format, ctx.time_zone) {}

VectorPtr CsvFieldFormatter::AsText(const VectorPtr& column, const DataType& type) {
  switch (type.id) {
    case TypeId::kString:
      return column;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: {
      VectorBuilder builder(StringType(), column->length());
      std::string text;
      for (int64_t row = 0; row < column->length(); ++row) {
        if (column->IsNull(row)) {
          builder.AppendNull();
          continue;
        }
        text.clear();
        if (type.id == TypeId::kDate) {
          datetimes_.FormatDate(column->Data<int32_t>()[row], &text);
        } else if (type.id == TypeId::kTimestamp) {
          datetimes_.FormatTimestamp(column->Data<int64_t>()[row], &text);
        } else {
          datetimes_.FormatTimestampNtz(column->Data<int64_t>()[row], &text);
        }
        builder.AppendString(text);
      }
      return builder.Finish();
    }
    default:
      return CastVector(column, StringType(), ctx_);
  }
}

void CsvFieldFormatter::AppendField(std::string_view value, std::string* out) const {
  if (options_.ignore_leading_space) {
    while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
  }
  if (options_.ignore_trailing_space) {
    while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
  }
  const char quote = options_.quote;
  bool needs_quotes = options_.quote_all || value.empty() ||
                      value.find_first_of(std::string{options_.separator, '\n', '\r'}) != std::string_view::npos ||
                      (quote != '\0' && value.find(quote) != std::string_view::npos);
  if (!needs_quotes || quote == '\0') {
    out->append(value);
    return;
  }
  out->push_back(quote);
  for (char c : value) {
    if (c == quote && options_.escape_quotes) out->push_back(options_.escape);
    out->push_back(c);
  }
  out->push_back(quote);
}

}  // namespace ember
