#include "functions/json/json_datetime_codec.h"

#include "functions/datetime/datetime_util.h"

namespace ember {
namespace {

std::unique_ptr<DateTimePattern> CompileIfSet(const std::string& pattern) {
  return pattern.empty() ? nullptr : std::make_unique<DateTimePattern>(pattern);
}

std::string OrDefault(const std::string& pattern, const char* fallback) {
  return pattern.empty() ? fallback : pattern;
}

}  // namespace

JsonDateTimeCodec::JsonDateTimeCodec(const JsonOptions& options, const absl::TimeZone& zone)
    : JsonDateTimeCodec(options.date_format, options.timestamp_format, options.timestamp_ntz_format, zone) {}

JsonDateTimeCodec::JsonDateTimeCodec(const std::string& date_format, const std::string& timestamp_format,
                                     const std::string& timestamp_ntz_format, const absl::TimeZone& zone)
    : zone_(zone),
      read_date_(CompileIfSet(date_format)),
      read_timestamp_(CompileIfSet(timestamp_format)),
      read_timestamp_ntz_(CompileIfSet(timestamp_ntz_format)),
      write_date_(OrDefault(date_format, "yyyy-MM-dd")),
      write_timestamp_(OrDefault(timestamp_format, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")),
      write_timestamp_ntz_(OrDefault(timestamp_ntz_format, "yyyy-MM-dd'T'HH:mm:ss.SSS")) {}

bool JsonDateTimeCodec::ParseDate(std::string_view text, int32_t* days) const {
  if (!read_date_) return ember::ParseDate(text, days);
  int64_t micros = 0;
  size_t error_index = 0;
  if (!read_date_->Parse(text, absl::UTCTimeZone(), &micros, &error_index)) return false;
  *days = static_cast<int32_t>(FloorDiv(micros, kMicrosPerDay));
  return true;
}

bool JsonDateTimeCodec::ParseTimestamp(std::string_view text, int64_t* micros) const {
  if (!read_timestamp_) return ember::ParseTimestamp(text, zone_, micros);
  size_t error_index = 0;
  return read_timestamp_->Parse(text, zone_, micros, &error_index);
}

bool JsonDateTimeCodec::ParseTimestampNtz(std::string_view text, int64_t* micros) const {
  if (!read_timestamp_ntz_) return ember::ParseTimestamp(text, absl::UTCTimeZone(), micros, true);
  size_t error_index = 0;
  return read_timestamp_ntz_->Parse(text, absl::UTCTimeZone(), micros, &error_index);
}

void JsonDateTimeCodec::FormatDate(int32_t days, std::string* out) const {
  write_date_.Format(days * kMicrosPerDay, absl::UTCTimeZone(), out);
}

void JsonDateTimeCodec::FormatTimestamp(int64_t micros, std::string* out) const {
  write_timestamp_.Format(micros, zone_, out);
}

void JsonDateTimeCodec::FormatTimestampNtz(int64_t micros, std::string* out) const {
  write_timestamp_ntz_.Format(micros, absl::UTCTimeZone(), out);
}

}  // namespace ember
