// locate(substr, str, pos)'s rows, shared by its UTF8_BINARY and collated kernels: a null pos gives
// 0 (not null), as in Spark; a pos below 1 gives 0.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/vector.h"

namespace ember {

// `find(str, substr, from)`: the 1-based position of substr in str at or after 0-based character
// `from`, 0 when absent.
template <typename Find>
VectorPtr LocateRows(const std::vector<VectorPtr>& args, int64_t rows, Find&& find) {
  VectorPtr out = Vector::Make(IntType(), rows);
  int32_t* o = out->Data<int32_t>();
  const int32_t* pos = args[2]->Data<int32_t>();
  for (int64_t i = 0; i < rows; ++i) {
    o[i] = 0;
    if (args[2]->IsNull(i)) continue;
    if (args[0]->IsNull(i) || args[1]->IsNull(i)) {
      out->SetNull(i);
    } else if (pos[i] >= 1) {
      o[i] = find(args[1]->GetString(i), args[0]->GetString(i), pos[i] - 1);
    }
  }
  return out;
}

}  // namespace ember
