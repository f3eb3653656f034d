#include "io/column_type_errors.h"

#include "absl/strings/ascii.h"
#include "common/error.h"

namespace ember {

void ThrowUnsupportedColumnType(const std::string& format, const StructField& field) {
  throw SparkError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                   {{"format", format},
                    {"columnName", QuoteIdentifier(field.name)},
                    {"columnType", "\"" + absl::AsciiStrToUpper(field.type->ToString()) + "\""}});
}

}  // namespace ember
