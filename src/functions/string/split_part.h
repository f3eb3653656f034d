// split_part's choice of a part, shared by its UTF8_BINARY and collated kernels.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ember {

// Appends the n-th of `parts` (negative n counts from the end; out of range appends nothing);
// n = 0 raises INVALID_INDEX_OF_ZERO.
void AppendSplitPart(std::string& out, const std::vector<std::string_view>& parts, int32_t n);

}  // namespace ember
