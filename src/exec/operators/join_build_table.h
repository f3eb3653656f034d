// The build side of a join: every build row in one batch and, for a hash join, an index from
// encoded key to the rows holding it (a chain per distinct key, rows in input order). Immutable
// once built, so a broadcast join's probe tasks share one table. Rows whose key holds a null in a
// key compared with `=` are kept (outer joins emit them) but never indexed: they match nothing.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/vector.h"
#include "exec/row_keys.h"
#include "expr/expr.h"
#include "functions/eval_context.h"

namespace ember {

class JoinBuildTable {
 public:
  // `keys` are resolved over `schema`; no keys: a plain row store for nested-loop joins.
  JoinBuildTable(const std::vector<Batch>& batches, const Schema& schema, const std::vector<ExprPtr>& keys,
                 const std::vector<bool>& null_safe, EvalContext& ctx);

  const Batch& rows() const { return rows_; }
  int64_t size() const { return rows_.num_rows; }
  // The first row whose key equals `key`, or -1; Next gives the following ones until -1.
  int32_t Find(std::string_view key, uint64_t hash) const;
  int32_t Next(int32_t row) const { return next_[row]; }

 private:
  Batch rows_;
  RowKeyEncoder encoder_;
  std::vector<int32_t> slots_;  // head row of a key's chain, or -1
  std::vector<int32_t> next_;
  uint64_t mask_ = 0;
};

// Per row of `columns`: 1 when some key compared with `=` is null (the row can match nothing).
std::vector<uint8_t> NullKeyRows(const std::vector<VectorPtr>& columns, const std::vector<bool>& null_safe,
                                 int64_t rows);

}  // namespace ember
