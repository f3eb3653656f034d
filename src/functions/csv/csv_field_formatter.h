// Values as CSV fields, as the CSV writer and to_csv write them: strings as they are, dates and
// timestamps through dateFormat / timestampFormat (Spark's defaults otherwise), anything else as
// a cast to string prints it; leading/trailing white space dropped as the options say; a field
// quoted when it holds the separator, the quote or a line break, or is empty (always with
// quoteAll), quotes inside escaped with `escape` (escapeQuotes).
#pragma once

#include <string>
#include <string_view>

#include "common/vector.h"
#include "functions/csv/csv_options.h"
#include "functions/eval_context.h"
#include "functions/json/json_datetime_codec.h"

namespace ember {

class CsvFieldFormatter {
 public:
  CsvFieldFormatter(const CsvOptions& options, const EvalContext& ctx);

  // A column as text (nulls stay null).
  VectorPtr AsText(const VectorPtr& column, const DataType& type);
  // Appends one non-null field, quoted where needed.
  void AppendField(std::string_view value, std::string* out) const;

 private:
  CsvOptions options_;
  EvalContext ctx_;
  JsonDateTimeCodec datetimes_;
};

}  // namespace ember
