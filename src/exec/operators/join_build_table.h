// The build side of a join: every build row in one batch and, for a hash join, an index from
// encoded key to the rows holding it (a chain per distinct key, rows in input order; packed keys
// map to their chain in a PackedKeyMap, byte-string keys by open addressing over rows). Immutable
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
  // heads[i] = the first row whose key equals probe row i's (`probe` encodes keys of the same
  // types), or -1, also where skip[i]; Next gives the following ones until -1.
  void Find(const RowKeyEncoder& probe, const uint8_t* skip, int64_t rows, int32_t* heads) const;
  int32_t Next(int32_t row) const { return next_[row]; }
  int64_t MemoryBytes() const {
    return rows_.MemoryBytes() + encoder_.MemoryBytes() + packed_.MemoryBytes() +
           static_cast<int64_t>((slots_.size() + next_.size()) * sizeof(int32_t));
  }

 private:
  int32_t FindKey(std::string_view key, uint64_t hash) const;

  Batch rows_;
  RowKeyEncoder encoder_;
  PackedKeyMap packed_;  // packed key -> head row of its chain
  std::vector<int32_t> slots_;  // byte-string keys: head row of a key's chain, or -1
  std::vector<int32_t> next_;
  uint64_t mask_ = 0;
};

// Per row of `columns`: 1 when some key compared with `=` is null (the row can match nothing).
std::vector<uint8_t> NullKeyRows(const std::vector<VectorPtr>& columns, const std::vector<bool>& null_safe,
                                 int64_t rows);

}  // namespace ember
