// Helpers for sort tests: sort order expressions, and the expected stable order of rows found by
// comparing key values one pair at a time (Spark's null placement per key).
#pragma once

#include <algorithm>
#include <vector>

#include "exec/operators/sort_keys.h"
#include "expr/expr.h"

namespace ember::exec_test {

inline ExprPtr Order(bool ascending, bool nulls_first) {
  auto order = std::make_shared<Expr>();
  order->kind = ExprKind::kSortOrder;
  order->ascending = ascending;
  order->nulls_first = nulls_first;
  return order;
}

inline std::vector<int32_t> ReferenceOrder(const std::vector<VectorPtr>& keys, const std::vector<ExprPtr>& orders) {
  std::vector<int32_t> order(keys[0]->length());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const Vector& key = *keys[k];
      bool a_null = key.IsNull(a), b_null = key.IsNull(b);
      int c = 0;
      if (a_null || b_null) {
        c = a_null == b_null ? 0 : (a_null == orders[k]->nulls_first ? -1 : 1);
      } else {
        c = CompareKeyValues(key, a, key, b);
        if (!orders[k]->ascending) c = -c;
      }
      if (c != 0) return c < 0;
    }
    return false;
  });
  return order;
}

}  // namespace ember::exec_test
