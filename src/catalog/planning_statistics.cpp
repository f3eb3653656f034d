#include "catalog/planning_statistics.h"

#include <cmath>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/time/time.h"

namespace ember {
namespace {

std::optional<int64_t> IntegerProperty(const Properties& properties, const std::string& key) {
  auto found = properties.find(key);
  int64_t value = 0;
  if (found == properties.end() || !absl::SimpleAtoi(found->second, &value)) return std::nullopt;
  return value;
}

// A stored min or max on the number line estimates use: numbers as they are, dates in days,
// timestamps (stored in UTC) in microseconds; none for other types.
std::optional<double> Bound(const DataType& type, const std::string& text) {
  double number = 0;
  absl::Time time;
  std::string error;
  switch (type.id) {
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      if (absl::SimpleAtod(text, &number)) return number;
      return std::nullopt;
    case TypeId::kDate:
      if (!absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &time, &error)) return std::nullopt;
      return std::floor(static_cast<double>(absl::ToUnixSeconds(time)) / 86400);
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", text, absl::UTCTimeZone(), &time, &error)) return std::nullopt;
      return static_cast<double>(absl::ToUnixMicros(time));
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<SourceStatistics> PlanningStatistics(const CatalogTable& table, bool with_rows) {
  std::optional<int64_t> size = IntegerProperty(table.properties, kTotalSizeProperty);
  if (!size) return std::nullopt;
  SourceStatistics stats;
  stats.size_bytes = *size;
  std::optional<int64_t> rows = IntegerProperty(table.properties, kNumRowsProperty);
  if (!with_rows || !rows) return stats;
  stats.row_count = rows;
  for (const StructField& field : table.schema) {
    std::string prefix = std::string(kColumnStatisticsPrefix) + field.name + ".";
    std::optional<int64_t> distinct = IntegerProperty(table.properties, prefix + "distinctCount");
    if (!distinct) continue;
    ColumnStatistics column;
    column.distinct_bound = distinct;
    column.null_count = IntegerProperty(table.properties, prefix + "nullCount");
    for (auto [key, bound] : {std::pair{"min", &column.min}, std::pair{"max", &column.max}}) {
      auto found = table.properties.find(prefix + key);
      if (found != table.properties.end()) *bound = Bound(*field.type, found->second);
    }
    stats.columns[field.name] = column;
  }
  return stats;
}

}  // namespace ember
