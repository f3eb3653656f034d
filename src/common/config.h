// Session configuration: Spark's string key/value settings with typed accessors for the keys the
// engine reads. Defaults follow Spark 4.0.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace ember {

class Config {
 public:
  void Set(const std::string& key, const std::string& value) { values_[key] = value; }
  void Unset(const std::string& key) { values_.erase(key); }
  std::optional<std::string> Get(const std::string& key) const;
  std::string GetOr(const std::string& key, const std::string& fallback) const;
  const std::map<std::string, std::string>& values() const { return values_; }

  // spark.sql.ansi.enabled (true)
  bool AnsiEnabled() const;
  // spark.sql.session.timeZone (the machine's zone, from TZ or /etc/localtime; UTC otherwise)
  std::string SessionTimeZone() const;
  // spark.sql.shuffle.partitions (200)
  int ShufflePartitions() const;
  // spark.sql.caseSensitive (false)
  bool CaseSensitive() const;
  // spark.sql.files.maxPartitionBytes (128 MB)
  int64_t MaxPartitionBytes() const;
  // spark.sql.execution.arrow.maxRecordsPerBatch (10000): the most rows a pandas UDF sees at once;
  // zero or negative: no limit
  int64_t ArrowMaxRecordsPerBatch() const;

 private:
  std::map<std::string, std::string> values_;
};

// Parses Spark's boolean settings ("true"/"false", any case).
bool ParseConfigBool(const std::string& key, const std::string& value);
// Parses sizes such as "10485760", "10m", "1g", "512k" into bytes.
int64_t ParseByteSize(const std::string& text);

// The machine's time zone name (TZ, then /etc/timezone, then the /etc/localtime link; else UTC).
std::string MachineTimeZone();

}  // namespace ember
