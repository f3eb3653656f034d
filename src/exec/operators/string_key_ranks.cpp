#include "exec/operators/string_key_ranks.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace ember {
namespace {

// The most distinct values ranked, and their most per row: past that, sorting the distinct
// values costs about as much as comparing the rows.
constexpr size_t kMaxDistinct = 1 << 16;
constexpr int64_t kRowsPerDistinct = 8;

}  // namespace

VectorPtr StringKeyRanks(const Vector& strings, int64_t rows) {
  const size_t limit = std::min<size_t>(kMaxDistinct, rows / kRowsPerDistinct + 1);
  const bool nulls = strings.MayHaveNulls();
  absl::flat_hash_map<std::string_view, int32_t> ids;
  std::vector<int32_t> row_ids(rows, 0);
  for (int64_t i = 0; i < rows; ++i) {
    if (nulls && strings.IsNull(i)) continue;
    auto [entry, added] = ids.try_emplace(strings.GetString(i), static_cast<int32_t>(ids.size()));
    if (added && ids.size() > limit) return nullptr;
    row_ids[i] = entry->second;
  }
  std::vector<std::string_view> values(ids.size());
  for (const auto& [value, id] : ids) values[id] = value;
  std::vector<int32_t> by_value(values.size());
  std::iota(by_value.begin(), by_value.end(), 0);
  std::sort(by_value.begin(), by_value.end(), [&values](int32_t a, int32_t b) { return values[a] < values[b]; });
  std::vector<int32_t> rank_of(values.size());
  for (size_t r = 0; r < by_value.size(); ++r) rank_of[by_value[r]] = static_cast<int32_t>(r);

  VectorPtr ranks = Vector::Make(IntType(), rows);
  int32_t* out = ranks->Data<int32_t>();
  for (int64_t i = 0; i < rows; ++i) {
    if (nulls && strings.IsNull(i)) {
      out[i] = 0;
      ranks->SetNull(i);
    } else {
      out[i] = rank_of[row_ids[i]];
    }
  }
  return ranks;
}

}  // namespace ember
