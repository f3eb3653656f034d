// Writes vector values as JSON text the way Spark's JacksonGenerator does (df.write.json and
// to_json): struct fields in schema order, NULL struct fields omitted unless ignoreNullFields=false,
// NULL array elements and map values as null, dates and timestamps as text in the options'
// patterns (Spark's defaults otherwise), doubles as Java prints them (non-finite ones quoted),
// binary as base64, maps as objects whose keys are the keys' text.
#pragma once

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "common/vector.h"
#include "functions/json/json_datetime_codec.h"
#include "functions/json/json_options.h"

namespace ember {

// Appends `text` as a quoted JSON string with Jackson's escapes.
void AppendJsonString(std::string_view text, std::string* out);

class JsonValueWriter {
 public:
  JsonValueWriter(const JsonOptions& options, const absl::TimeZone& zone);

  // Writes row `row` of `vector` (valid) as JSON.
  void Write(const Vector& vector, int64_t row, std::string* out) const;
  void WriteOrNull(const Vector& vector, int64_t row, std::string* out) const;
  bool ignore_null_fields() const { return ignore_null_fields_; }

 private:
  void WriteKey(const Vector& keys, int64_t row, std::string* out) const;

  JsonDateTimeCodec datetimes_;
  bool ignore_null_fields_;
};

}  // namespace ember
