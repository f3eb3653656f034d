#include "common/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/error.h"

namespace ember {

std::optional<std::string> Config::Get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Config::GetOr(const std::string& key, const std::string& fallback) const {
  auto value = Get(key);
  return value ? *value : fallback;
}

bool ParseConfigBool(const std::string& key, const std::string& value) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "true") return true;
  if (lower == "false") return false;
  throw SparkError("INVALID_PARAMETER_VALUE",
                   {{"parameter", QuoteIdentifier(key)}, {"functionName", "`SET`"},
                    {"message", "expected a boolean, got '" + value + "'"}});
}

int64_t ParseByteSize(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  size_t digits = 0;
  while (digits < lower.size() && (isdigit(lower[digits]) || lower[digits] == '-')) ++digits;
  int64_t number = std::stoll(lower.substr(0, digits));
  std::string unit = lower.substr(digits);
  if (unit == "" || unit == "b") return number;
  if (unit == "k" || unit == "kb") return number << 10;
  if (unit == "m" || unit == "mb") return number << 20;
  if (unit == "g" || unit == "gb") return number << 30;
  if (unit == "t" || unit == "tb") return number << 40;
  throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "size"}, {"functionName", "`SET`"},
                                               {"message", "bad byte size '" + text + "'"}});
}

bool Config::AnsiEnabled() const {
  auto value = Get("spark.sql.ansi.enabled");
  return value ? ParseConfigBool("spark.sql.ansi.enabled", *value) : true;
}

std::string Config::SessionTimeZone() const {
  auto value = Get("spark.sql.session.timeZone");
  return value ? *value : MachineTimeZone();
}

int Config::ShufflePartitions() const {
  return std::stoi(GetOr("spark.sql.shuffle.partitions", "200"));
}

bool Config::CaseSensitive() const {
  auto value = Get("spark.sql.caseSensitive");
  return value ? ParseConfigBool("spark.sql.caseSensitive", *value) : false;
}

int64_t Config::MaxPartitionBytes() const {
  return ParseByteSize(GetOr("spark.sql.files.maxPartitionBytes", "128m"));
}

int64_t Config::ArrowMaxRecordsPerBatch() const {
  return std::stoll(GetOr("spark.sql.execution.arrow.maxRecordsPerBatch", "10000"));
}

std::string MachineTimeZone() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0')
    return *tz == ':' ? std::string(tz + 1) : std::string(tz);
  std::ifstream file("/etc/timezone");
  std::string name;
  if (file && std::getline(file, name) && !name.empty()) return name;
  std::error_code error;
  auto target = std::filesystem::read_symlink("/etc/localtime", error);
  if (!error) {
    std::string path = target.string();
    auto pos = path.find("zoneinfo/");
    if (pos != std::string::npos) return path.substr(pos + 9);
  }
  return "UTC";
}

}  // namespace ember
