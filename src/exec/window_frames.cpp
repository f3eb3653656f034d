#include "exec/window_frames.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/error.h"
#include "exec/row_keys.h"

namespace ember {
namespace {

double Pow10(int scale) { return std::pow(10.0, scale); }

// Row `row` of a numeric, date, timestamp or interval column as a number in the column's own unit.
double KeyNumber(const Vector& key, int64_t row) {
  const DataType& type = *key.type();
  switch (type.id) {
    case TypeId::kByte: return key.Data<int8_t>()[row];
    case TypeId::kShort: return key.Data<int16_t>()[row];
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval: return key.Data<int32_t>()[row];
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval: return static_cast<double>(key.Data<int64_t>()[row]);
    case TypeId::kFloat: return key.Data<float>()[row];
    case TypeId::kDouble: return key.Data<double>()[row];
    case TypeId::kDecimal:
      if (type.IsWideDecimal()) return static_cast<double>(key.Data<__int128>()[row]) / Pow10(type.scale);
      return static_cast<double>(key.Data<int64_t>()[row]) / Pow10(type.scale);
    default: throw InternalError("a RANGE frame over " + type.ToString());
  }
}

// A RANGE frame offset in the unit of the ordering column `key_type`.
double OffsetNumber(const FrameBound& bound, const DataType& key_type) {
  const Value& value = bound.offset->literal;
  const DataType& type = *value.type;
  double number = 0;
  switch (type.id) {
    case TypeId::kFloat:
    case TypeId::kDouble: number = value.f64; break;
    case TypeId::kDecimal:
      number = (type.IsWideDecimal() ? static_cast<double>(value.i128) : static_cast<double>(value.i64)) / Pow10(type.scale);
      break;
    default: number = static_cast<double>(value.i64); break;
  }
  // A day-time interval is in microseconds; a date ordering counts days.
  if (key_type.id == TypeId::kDate && type.id == TypeId::kDayTimeInterval) number /= 86400e6;
  return bound.kind == FrameBound::kPreceding ? -number : number;
}

}  // namespace

std::vector<bool> GroupStarts(const std::vector<VectorPtr>& columns, int64_t rows) {
  std::vector<bool> starts(rows, false);
  if (rows > 0) starts[0] = true;
  if (columns.empty()) return starts;
  std::vector<TypePtr> types;
  for (const auto& column : columns) types.push_back(column->type());
  RowKeyEncoder keys(types);
  keys.Encode(columns, rows);
  for (int64_t i = 1; i < rows; ++i) {
    starts[i] = keys.packed() ? !(keys.Packed(i) == keys.Packed(i - 1)) : keys.Key(i) != keys.Key(i - 1);
  }
  return starts;
}

void FillSpans(const std::vector<bool>& starts, std::vector<int64_t>& begin, std::vector<int64_t>& end) {
  const int64_t n = static_cast<int64_t>(starts.size());
  begin.resize(n);
  end.resize(n);
  for (int64_t i = 0; i < n; ++i) begin[i] = starts[i] ? i : begin[i - 1];
  for (int64_t i = n; i-- > 0;) end[i] = i + 1 == n || starts[i + 1] ? i + 1 : end[i + 1];
}

NonNullRows::NonNullRows(const Vector& column) : before(column.length() + 1, 0) {
  for (int64_t i = 0; i < column.length(); ++i) {
    before[i + 1] = before[i] + (column.IsNull(i) ? 0 : 1);
    if (!column.IsNull(i)) non_null.push_back(i);
  }
}

int32_t NtileBucket(int64_t row, int64_t size, int64_t buckets) {
  int64_t base = size / buckets, extra = size % buckets;
  int64_t big = extra * (base + 1);
  return static_cast<int32_t>(row < big ? row / (base + 1) + 1 : extra + (row - big) / base + 1);
}

FrameRanges ComputeFrames(const WindowSpec& window, const WindowRows& rows, const Vector* order_key,
                          const Expr* order) {
  const int64_t n = rows.size();
  FrameRanges frames;
  frames.lo.resize(n);
  frames.hi.resize(n);
  const bool value_range = !window.rows && (window.lower.offset || window.upper.offset);
  const double direction = order != nullptr && !order->ascending ? -1 : 1;
  std::vector<double> position;
  if (value_range) {
    position.resize(n);
    for (int64_t i = 0; i < n; ++i) position[i] = order_key->IsNull(i) ? 0 : direction * KeyNumber(*order_key, i);
  }
  for (int64_t start = 0; start < n;) {
    const int64_t end = rows.partition_end[start];
    // Ordering nulls sit together at one end of the partition; value offsets search the others.
    int64_t valid_begin = start, valid_end = end;
    if (value_range) {
      while (valid_begin < end && order_key->IsNull(valid_begin)) ++valid_begin;
      while (valid_end > valid_begin && order_key->IsNull(valid_end - 1)) --valid_end;
    }
    for (int64_t i = start; i < end; ++i) {
      auto bound = [&](const FrameBound& b, bool lower) -> int64_t {
        switch (b.kind) {
          case FrameBound::kUnboundedPreceding: return start;
          case FrameBound::kUnboundedFollowing: return end;
          case FrameBound::kCurrentRow:
            if (window.rows) return lower ? i : i + 1;
            return lower ? rows.peer_start[i] : rows.peer_end[i];
          case FrameBound::kPreceding:
          case FrameBound::kFollowing:
            break;
        }
        if (window.rows) {
          int64_t offset = b.offset->literal.i64 * (b.kind == FrameBound::kPreceding ? -1 : 1);
          return std::clamp<int64_t>(i + offset + (lower ? 0 : 1), start, end);
        }
        // A null ordering value's frame is its peers, the other nulls.
        if (order_key->IsNull(i)) return lower ? rows.peer_start[i] : rows.peer_end[i];
        double target = position[i] + OffsetNumber(b, *order_key->type()) * 1.0;
        auto first = position.begin() + valid_begin, last = position.begin() + valid_end;
        auto found = lower ? std::lower_bound(first, last, target) : std::upper_bound(first, last, target);
        return found - position.begin();
      };
      int64_t lo = bound(window.lower, true);
      int64_t hi = bound(window.upper, false);
      frames.lo[i] = lo;
      frames.hi[i] = std::max(lo, hi);
    }
    start = end;
  }
  return frames;
}

VectorPtr AggregateOverFrames(const BoundAggregate& aggregate, const std::vector<VectorPtr>& args,
                              const FrameRanges& frames, EvalContext& ctx, const std::vector<VectorPtr>* prefix,
                              const std::vector<VectorPtr>* suffix) {
  const int64_t n = static_cast<int64_t>(frames.lo.size());
  std::vector<uint32_t> ids(n);
  std::iota(ids.begin(), ids.end(), 0u);
  // levels[k][c]: partial-state column c of the nodes of level k (node j covers rows
  // [j * 2^k, (j + 1) * 2^k)).
  std::vector<std::vector<VectorPtr>> levels;
  {
    std::unique_ptr<Accumulator> leaves = aggregate.create();
    leaves->Resize(n);
    leaves->Update(ids.data(), args, n);
    levels.push_back(leaves->Partial(0, n));
  }
  for (int64_t width = n; width > 1;) {
    int64_t up = (width + 1) / 2;
    std::vector<uint32_t> parents(width);
    for (int64_t i = 0; i < width; ++i) parents[i] = static_cast<uint32_t>(i / 2);
    std::unique_ptr<Accumulator> level = aggregate.create();
    level->Resize(up);
    level->Merge(parents.data(), levels.back(), width);
    levels.push_back(level->Partial(0, up));
    width = up;
  }

  std::unique_ptr<Accumulator> result = aggregate.create();
  result->Resize(n);
  // Merges a one-row state into every row's.
  auto merge_all = [&](const std::vector<VectorPtr>& state) {
    std::vector<int32_t> first(n, 0);
    std::vector<VectorPtr> states;
    for (const auto& column : state) states.push_back(TakeRows(*column, first.data(), n));
    result->Merge(ids.data(), states, n);
  };
  if (prefix != nullptr && n > 0) merge_all(*prefix);
  auto merge = [&](size_t level, const std::vector<uint32_t>& rows, const std::vector<int32_t>& nodes) {
    if (rows.empty()) return;
    std::vector<VectorPtr> states;
    for (const auto& column : levels[level]) states.push_back(TakeRows(*column, nodes.data(), static_cast<int64_t>(nodes.size())));
    result->Merge(rows.data(), states, static_cast<int64_t>(rows.size()));
  };
  std::vector<int64_t> lo = frames.lo, hi = frames.hi;
  std::vector<std::vector<uint32_t>> right_rows(levels.size());
  std::vector<std::vector<int32_t>> right_nodes(levels.size());
  for (size_t level = 0; level < levels.size(); ++level) {
    std::vector<uint32_t> left_rows;
    std::vector<int32_t> left_nodes;
    for (int64_t i = 0; i < n; ++i) {
      if (lo[i] >= hi[i]) continue;
      if (lo[i] & 1) {
        left_rows.push_back(static_cast<uint32_t>(i));
        left_nodes.push_back(static_cast<int32_t>(lo[i]++));
      }
      if (hi[i] & 1) {
        right_rows[level].push_back(static_cast<uint32_t>(i));
        right_nodes[level].push_back(static_cast<int32_t>(--hi[i]));
      }
      lo[i] >>= 1;
      hi[i] >>= 1;
    }
    // Left pieces lie left to right as the levels rise.
    merge(level, left_rows, left_nodes);
  }
  // Right pieces lie right to left as the levels rise: merge them from the top down.
  for (size_t level = levels.size(); level-- > 0;) merge(level, right_rows[level], right_nodes[level]);
  if (suffix != nullptr && n > 0) merge_all(*suffix);
  return result->Final(0, n, ctx);
}

}  // namespace ember
