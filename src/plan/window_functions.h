// The window-only functions (computed by the window operator, not bound from the registry):
// ranking functions, lag/lead, nth_value. Shared by the analyzer, the physical plan's serialization
// and the window operator.
#pragma once

#include <string>

namespace ember {

// row_number, rank, dense_rank, percent_rank, cume_dist, ntile.
inline bool IsRankingFunction(const std::string& name) {
  return name == "row_number" || name == "rank" || name == "dense_rank" || name == "percent_rank" ||
         name == "cume_dist" || name == "ntile";
}

inline bool IsWindowFunctionName(const std::string& name) {
  return IsRankingFunction(name) || name == "lag" || name == "lead" || name == "nth_value";
}

}  // namespace ember
