#include "io/parquet/parquet_table_statistics.h"

#include <algorithm>
#include <cstring>

#include "io/parquet/parquet_reader.h"

namespace ember::parquet {
namespace {

// Running min/max/null count of one column across row groups and files; any chunk without the
// statistic makes it unknown.
struct ColumnAccumulator {
  std::optional<int64_t> min, max, nulls = 0;
  bool range_known = true;

  void Add(const FileColumn& column, const ColumnMetaData& meta) {
    const std::optional<Statistics>& stats = meta.statistics;
    if (!stats || !stats->null_count) nulls.reset();
    if (nulls) *nulls += *stats->null_count;
    bool all_null = stats && stats->null_count && *stats->null_count >= meta.num_values;
    if (all_null) return;
    const auto& low = stats ? (stats->min_value ? stats->min_value : stats->min) : std::nullopt;
    const auto& high = stats ? (stats->max_value ? stats->max_value : stats->max) : std::nullopt;
    std::optional<int64_t> lo = low ? IntegerStatistic(column, *low) : std::nullopt;
    std::optional<int64_t> hi = high ? IntegerStatistic(column, *high) : std::nullopt;
    if (!lo || !hi) {
      range_known = false;
      return;
    }
    min = min ? std::min(*min, *lo) : *lo;
    max = max ? std::max(*max, *hi) : *hi;
  }
};

}  // namespace

bool IsIntegerOrdered(const DataType& type) {
  switch (type.id) {
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return true;
    case TypeId::kDecimal:
      return !type.IsWideDecimal();
    default:
      return false;
  }
}

std::optional<int64_t> IntegerStatistic(const FileColumn& column, const std::string& stat) {
  if (column.element == nullptr) return std::nullopt;  // nested
  const SchemaElement& element = *column.element;
  LogicalType logical = AnnotationOf(element);
  if (logical.kind == LogicalType::kInteger && !logical.is_signed) return std::nullopt;  // unsigned order
  if (logical.kind == LogicalType::kTimestamp && logical.unit != TimeUnit::kMicros) return std::nullopt;
  if (!IsIntegerOrdered(*column.type)) return std::nullopt;
  int32_t physical = element.type.value_or(-1);
  if (physical == kInt32 && stat.size() == 4) {
    int32_t value;
    std::memcpy(&value, stat.data(), 4);
    return value;
  }
  if (physical == kInt64 && stat.size() == 8) {
    int64_t value;
    std::memcpy(&value, stat.data(), 8);
    return value;
  }
  return std::nullopt;
}

SourceStatistics TableStatistics(const std::vector<std::shared_ptr<const ParquetFile>>& files) {
  SourceStatistics table;
  int64_t rows = 0;
  std::map<std::string, ColumnAccumulator> columns;
  for (const auto& file : files) {
    table.size_bytes += file->size();
    rows += file->metadata().num_rows;
    for (const auto& row_group : file->metadata().row_groups) {
      for (const auto& column : file->columns()) {
        ColumnAccumulator& accumulator = columns[column.name];
        const ColumnChunk& chunk = row_group.columns[column.leaf_index];
        // a nested column's chunks are its leaves': their statistics are not the column's
        if (!column.type || !column.element || !chunk.meta_data) {
          accumulator.nulls.reset();
          accumulator.range_known = false;
          continue;
        }
        accumulator.Add(column, *chunk.meta_data);
      }
    }
  }
  table.row_count = rows;
  for (const auto& [name, accumulator] : columns) {
    ColumnStatistics& column = table.columns[name];
    column.null_count = accumulator.nulls;
    if (!accumulator.range_known) continue;
    int64_t non_null = rows - accumulator.nulls.value_or(0);
    if (!accumulator.min) {
      column.distinct_bound = 0;  // no non-null value anywhere
      continue;
    }
    // The span may overflow int64 for extreme ranges; then the row count is the bound.
    __int128 span = static_cast<__int128>(*accumulator.max) - *accumulator.min + 1;
    column.distinct_bound = span < non_null ? static_cast<int64_t>(span) : non_null;
  }
  return table;
}

}  // namespace ember::parquet
