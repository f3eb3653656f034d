#include "io/parquet/parquet_row_group_filter.h"

#include <cmath>
#include <cstring>
#include <optional>

#include "io/parquet/parquet_reader.h"
#include "io/parquet/parquet_table_statistics.h"

namespace ember::parquet {
namespace {

// -1, 0 or 1 as a three-way comparison of a statistic with the literal.
template <typename T>
int Compare(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

// Compares statistic bytes `stat` (PLAIN form of the physical type) with `literal`; nullopt when
// the order is not known for this column.
std::optional<int> CompareStatistic(const FileColumn& column, const std::string& stat, const Value& literal) {
  if (IsIntegerOrdered(*column.type)) {
    std::optional<int64_t> value = IntegerStatistic(column, stat);
    if (!value) return std::nullopt;
    return Compare<int64_t>(*value, literal.i64);
  }
  int32_t physical = column.element->type.value_or(-1);
  switch (column.type->id) {
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double value;
      if (physical == kFloat && stat.size() == 4) {
        float v;
        std::memcpy(&v, stat.data(), 4);
        value = v;
      } else if (physical == kDouble && stat.size() == 8) {
        std::memcpy(&value, stat.data(), 8);
      } else {
        return std::nullopt;
      }
      if (std::isnan(value) || std::isnan(literal.f64)) return std::nullopt;
      return Compare<double>(value, literal.f64);
    }
    case TypeId::kString:
    case TypeId::kBinary:
      // std::string compares bytes as unsigned, which is Parquet's order for these types.
      return stat.compare(literal.str) < 0 ? -1 : (stat == literal.str ? 0 : 1);
    default: return std::nullopt;
  }
}

bool PredicateMayMatch(const FileColumn& column, const ColumnMetaData& meta, const StatisticsPredicate& predicate) {
  if (!meta.statistics) return true;
  const Statistics& stats = *meta.statistics;
  if (predicate.op == StatisticsPredicate::kIsNull) return !stats.null_count || *stats.null_count > 0;
  bool all_null = stats.null_count && *stats.null_count >= meta.num_values;
  if (predicate.op == StatisticsPredicate::kIsNotNull) return !all_null;
  if (all_null) return false;  // comparisons with NULL are never true
  if (predicate.literal.is_null || !predicate.literal.type->Equals(*column.type)) return true;
  // Legacy min/max are only trusted for types whose legacy (signed) order is the right one.
  bool bytes = column.type->id == TypeId::kString || column.type->id == TypeId::kBinary;
  const std::optional<std::string>& min = stats.min_value ? stats.min_value : (bytes ? std::nullopt : stats.min);
  const std::optional<std::string>& max = stats.max_value ? stats.max_value : (bytes ? std::nullopt : stats.max);
  if (!min || !max) return true;
  std::optional<int> low = CompareStatistic(column, *min, predicate.literal);   // min vs literal
  std::optional<int> high = CompareStatistic(column, *max, predicate.literal);  // max vs literal
  if (!low || !high) return true;
  switch (predicate.op) {
    case StatisticsPredicate::kEq: return *low <= 0 && *high >= 0;
    case StatisticsPredicate::kLt: return *low < 0;
    case StatisticsPredicate::kLe: return *low <= 0;
    case StatisticsPredicate::kGt: return *high > 0;
    case StatisticsPredicate::kGe: return *high >= 0;
    default: return true;
  }
}

}  // namespace

bool RowGroupMayMatch(const ParquetFile& file, int group, const std::vector<StatisticsPredicate>& predicates) {
  const RowGroup& row_group = file.metadata().row_groups[group];
  for (const auto& predicate : predicates) {
    int index = FindFileColumn(file, predicate.column);
    if (index < 0) continue;
    const FileColumn& column = file.columns()[index];
    if (!column.type) continue;
    const ColumnChunk& chunk = row_group.columns[column.leaf_index];
    if (!chunk.meta_data) continue;
    if (!PredicateMayMatch(column, *chunk.meta_data, predicate)) return false;
  }
  return true;
}

}  // namespace ember::parquet
