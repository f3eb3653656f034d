// CSV field text into typed columns, as the CSV source and from_csv convert it: what a cast
// reads, dates and timestamps through dateFormat / timestampFormat / timestampNTZFormat, NaN and
// infinities through nanValue / positiveInf / negativeInf.
#pragma once

#include <vector>

#include "common/vector.h"
#include "functions/csv/csv_options.h"
#include "functions/eval_context.h"
#include "functions/json/json_datetime_codec.h"

namespace ember {

class CsvTextConverter {
 public:
  CsvTextConverter(const CsvOptions& options, const EvalContext& ctx);

  // The text column (null where a field was null or missing) as `type`; rows whose text does not
  // convert become null and are flagged in `malformed` (one flag per row).
  VectorPtr Convert(const VectorPtr& text, const TypePtr& type, std::vector<bool>* malformed);

 private:
  VectorPtr ConvertDateTimes(const Vector& text, const TypePtr& type) const;
  VectorPtr WithJavaSpecialValues(const Vector& text) const;

  CsvOptions options_;
  EvalContext ctx_;
  JsonDateTimeCodec datetimes_;
};

}  // namespace ember
