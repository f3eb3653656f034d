// count, sum and avg accumulators.
#include <cmath>
#include <type_traits>

#include "common/error.h"
#include "common/value.h"
#include "functions/aggregate/accumulators.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// The end of the run of rows of group_ids[begin]'s group starting at begin. Past a few rows it
// compares blocks of ids at once: a global aggregate's batch is one run.
int64_t RunEnd(const uint32_t* group_ids, int64_t begin, int64_t rows) {
  constexpr int64_t kBlock = 64;
  const uint32_t g = group_ids[begin];
  int64_t end = begin + 1;
  while (end < rows && end - begin < 8 && group_ids[end] == g) ++end;
  if (end - begin == 8) {
    while (end + kBlock <= rows) {
      uint32_t differ = 0;
      for (int64_t j = 0; j < kBlock; ++j) differ |= group_ids[end + j] ^ g;
      if (differ != 0) break;
      end += kBlock;
    }
    while (end < rows && group_ids[end] == g) ++end;
  }
  return end;
}

class CountAccumulator : public Accumulator {
 public:
  void Resize(int64_t groups) override { counts_.resize(groups, 0); }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    bool any_nulls = false;
    for (const auto& a : args) any_nulls |= a->MayHaveNulls() || a->type()->id == TypeId::kNull;
    if (!any_nulls) {
      // A run of rows of one group (a whole batch for a global aggregate) counts at once.
      for (int64_t i = 0; i < rows;) {
        int64_t end = RunEnd(group_ids, i, rows);
        counts_[group_ids[i]] += end - i;
        i = end;
      }
      return;
    }
    for (int64_t i = 0; i < rows; ++i) {
      bool valid = true;
      for (const auto& a : args) valid &= a->type()->id != TypeId::kNull && a->IsValid(i);
      counts_[group_ids[i]] += valid;
    }
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const int64_t* c = states[0]->Data<int64_t>();
    for (int64_t i = 0; i < rows; ++i) counts_[group_ids[i]] += c[i];
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override { return {Counts(begin, end)}; }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override { return Counts(begin, end); }
  int64_t MemoryBytes() const override { return counts_.capacity() * 8; }

 private:
  VectorPtr Counts(int64_t begin, int64_t end) const {
    VectorPtr out = Vector::Make(LongType(), end - begin);
    std::copy(counts_.begin() + begin, counts_.begin() + end, out->Data<int64_t>());
    return out;
  }
  std::vector<int64_t> counts_;
};

[[noreturn]] void ThrowSumOverflow(bool long_overflow = true) {
  throw SparkError("ARITHMETIC_OVERFLOW",
                   {{"message", long_overflow ? "long overflow" : "integer overflow"},
                    {"alternative", " Use 'try_sum' to tolerate overflow and return NULL instead."},
                    {"config", kAnsiConfigQuoted}});
}

// The sum of n values added in independent lanes (vectorized instead of one add's latency per
// value); Spark fixes no order for a sum of doubles (it follows the partitioning).
template <typename In>
double LaneSum(const In* v, int64_t n) {
  // Eight named lanes (not an array): the compiler keeps them in registers.
  double l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    l0 += static_cast<double>(v[i]);
    l1 += static_cast<double>(v[i + 1]);
    l2 += static_cast<double>(v[i + 2]);
    l3 += static_cast<double>(v[i + 3]);
    l4 += static_cast<double>(v[i + 4]);
    l5 += static_cast<double>(v[i + 5]);
    l6 += static_cast<double>(v[i + 6]);
    l7 += static_cast<double>(v[i + 7]);
  }
  double tail = 0;
  for (; i < n; ++i) tail += static_cast<double>(v[i]);
  return (((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))) + tail;
}

// Runs at least this long add in lanes; shorter ones add one value after the other.
constexpr int64_t kMinLaneRun = 256;

// Running sums per group in S (int64_t, double or int128_t for decimals), with a has-value flag.
// Year-month interval sums run in int64_t and must fit int32 months at the end.
template <typename S>
struct SumState {
  std::vector<S> sums;
  std::vector<uint8_t> has;
  std::vector<uint8_t> overflow;  // integral/decimal wrap-around seen (legacy: result is wrapped)

  void Resize(int64_t groups) {
    sums.resize(groups, S{});
    has.resize(groups, 0);
    overflow.resize(groups, 0);
  }
  void Add(uint32_t g, S v, bool ansi) {
    if constexpr (std::is_floating_point_v<S>) {
      sums[g] += v;
    } else {
      if (__builtin_add_overflow(sums[g], v, &sums[g])) {
        if (ansi && std::is_same_v<S, int64_t>) ThrowSumOverflow();
        overflow[g] = 1;
      }
    }
    has[g] = 1;
  }
  // Adds valid rows of `values` (physical type In, converted to S).
  template <typename In>
  void AddVector(const uint32_t* group_ids, const Vector& values, int64_t rows, bool ansi) {
    const In* v = values.Data<In>();
    if constexpr (std::is_same_v<S, int128_t> && sizeof(In) <= 8) {
      // An int128 sum of int64 values cannot overflow before 2^64 rows: no check per row.
      if (!values.MayHaveNulls()) {
        for (int64_t i = 0; i < rows; ++i) {
          sums[group_ids[i]] += v[i];
          has[group_ids[i]] = 1;
        }
        return;
      }
    }
    if (!values.MayHaveNulls()) {
      // Runs of rows of one group (a whole batch for a global aggregate) add into a local sum,
      // in the same order: no store and reload of the group's sum per row.
      for (int64_t i = 0; i < rows;) {
        const uint32_t g = group_ids[i];
        const int64_t end = RunEnd(group_ids, i, rows);
        S sum = sums[g];
        if constexpr (std::is_floating_point_v<S>) {
          if (end - i >= kMinLaneRun) {
            sum += LaneSum(v + i, end - i);
            i = end;
          }
        }
        for (; i < end; ++i) {
          if constexpr (std::is_floating_point_v<S>) {
            sum += static_cast<S>(v[i]);
          } else if (__builtin_add_overflow(sum, static_cast<S>(v[i]), &sum)) {
            if (ansi && std::is_same_v<S, int64_t>) ThrowSumOverflow();
            overflow[g] = 1;
          }
        }
        sums[g] = sum;
        has[g] = 1;
      }
    } else {
      for (int64_t i = 0; i < rows; ++i) {
        if (values.IsValid(i)) Add(group_ids[i], static_cast<S>(v[i]), ansi);
      }
    }
  }
  void AddValues(const uint32_t* group_ids, const Vector& values, int64_t rows, bool ansi) {
    if (values.type()->id == TypeId::kNull) return;
    if (values.type()->IsWideDecimal()) {
      AddVector<int128_t>(group_ids, values, rows, ansi);
    } else if (values.type()->id == TypeId::kDouble) {
      AddVector<double>(group_ids, values, rows, ansi);
    } else if (values.type()->id == TypeId::kYearMonthInterval) {
      AddVector<int32_t>(group_ids, values, rows, ansi);
    } else {
      AddVector<int64_t>(group_ids, values, rows, ansi);
    }
  }
  // Sums of groups [begin, end) as a vector of `type` (null for empty groups).
  VectorPtr Column(const TypePtr& type, int64_t begin, int64_t end) const {
    VectorPtr out = Vector::Make(type, end - begin);
    for (int64_t g = begin; g < end; ++g) {
      int64_t i = g - begin;
      if (type->id == TypeId::kDecimal) {
        WriteDecimal(*out, i, static_cast<int128_t>(sums[g]));
      } else if (type->id == TypeId::kDouble) {
        out->Data<double>()[i] = static_cast<double>(sums[g]);
      } else if (type->id == TypeId::kYearMonthInterval) {
        int64_t months = static_cast<int64_t>(sums[g]);
        if (months > INT32_MAX || months < INT32_MIN) ThrowSumOverflow(false);
        out->Data<int32_t>()[i] = static_cast<int32_t>(months);
      } else {
        out->Data<int64_t>()[i] = static_cast<int64_t>(sums[g]);
      }
      if (!has[g]) out->SetNull(i);
    }
    return out;
  }
};

template <typename S>
class SumAccumulator : public Accumulator {
 public:
  SumAccumulator(TypePtr result, bool ansi) : result_(std::move(result)), ansi_(ansi) {}
  void Resize(int64_t groups) override { state_.Resize(groups); }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    state_.AddValues(group_ids, *args[0], rows, ansi_);
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    state_.AddValues(group_ids, *states[0], rows, ansi_);
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    return {state_.Column(result_, begin, end)};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext& ctx) override {
    VectorPtr out = state_.Column(result_, begin, end);
    if (result_->id == TypeId::kDecimal) {
      for (int64_t g = begin; g < end; ++g) {
        if (!state_.has[g]) continue;
        int128_t v = static_cast<int128_t>(state_.sums[g]);
        if (state_.overflow[g] || !FitsPrecision(v, result_->precision)) {
          if (ansi_) ThrowDecimalOutOfRange(DecimalToString(v, result_->scale), result_->precision, result_->scale);
          out->SetNull(g - begin);
        }
      }
    }
    return out;
  }
  int64_t MemoryBytes() const override { return state_.sums.capacity() * (sizeof(S) + 2); }

 private:
  TypePtr result_;
  bool ansi_;
  SumState<S> state_;
};

template <typename S>
class AvgAccumulator : public Accumulator {
 public:
  AvgAccumulator(TypePtr sum_type, TypePtr result, bool ansi)
      : sum_type_(std::move(sum_type)), result_(std::move(result)), ansi_(ansi) {}
  void Resize(int64_t groups) override {
    state_.Resize(groups);
    counts_.resize(groups, 0);
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    state_.AddValues(group_ids, *args[0], rows, false);
    const Vector& v = *args[0];
    if (v.type()->id == TypeId::kNull) return;
    for (int64_t i = 0; i < rows; ++i) counts_[group_ids[i]] += v.IsValid(i);
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    state_.AddValues(group_ids, *states[0], rows, false);
    const int64_t* c = states[1]->Data<int64_t>();
    for (int64_t i = 0; i < rows; ++i) counts_[group_ids[i]] += c[i];
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorPtr counts = Vector::Make(LongType(), end - begin);
    std::copy(counts_.begin() + begin, counts_.begin() + end, counts->Data<int64_t>());
    return {state_.Column(sum_type_, begin, end), counts};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorPtr out = Vector::Make(result_, end - begin);
    for (int64_t g = begin; g < end; ++g) {
      int64_t i = g - begin;
      if (counts_[g] == 0) {
        if (result_->id == TypeId::kDouble) out->Data<double>()[i] = 0;
        else if (result_->id == TypeId::kYearMonthInterval) out->Data<int32_t>()[i] = 0;
        else if (result_->id == TypeId::kDayTimeInterval) out->Data<int64_t>()[i] = 0;
        else WriteDecimal(*out, i, 0);
        out->SetNull(i);
        continue;
      }
      if constexpr (std::is_floating_point_v<S>) {
        out->Data<double>()[i] = state_.sums[g] / static_cast<double>(counts_[g]);
      } else if (result_->IsInterval()) {
        // Interval sums raise on overflow whatever the ANSI mode, as Spark's do.
        if (state_.overflow[g]) ThrowSumOverflow();
        int128_t mean = DivideHalfUp(state_.sums[g], counts_[g]);
        if (result_->id == TypeId::kYearMonthInterval) out->Data<int32_t>()[i] = static_cast<int32_t>(mean);
        else out->Data<int64_t>()[i] = static_cast<int64_t>(mean);
      } else {
        // sum at scale s, result at scale rs: sum * 10^(rs - s) / count, HALF_UP.
        bool overflow = state_.overflow[g];
        int128_t scaled = RescaleHalfUp(state_.sums[g], sum_type_->scale, result_->scale, &overflow);
        int128_t q = overflow ? 0 : DivideHalfUp(scaled, counts_[g]);
        if (overflow || !FitsPrecision(q, result_->precision)) {
          if (ansi_) ThrowDecimalOutOfRange("overflow", result_->precision, result_->scale);
          WriteDecimal(*out, i, 0);
          out->SetNull(i);
          continue;
        }
        WriteDecimal(*out, i, q);
      }
    }
    return out;
  }
  int64_t MemoryBytes() const override { return counts_.capacity() * (sizeof(S) + 10); }

 private:
  TypePtr sum_type_;
  TypePtr result_;
  bool ansi_;
  SumState<S> state_;
  std::vector<int64_t> counts_;
};

}  // namespace

std::unique_ptr<Accumulator> MakeCountAccumulator() { return std::make_unique<CountAccumulator>(); }

std::unique_ptr<Accumulator> MakeSumAccumulator(const TypePtr& input, const TypePtr& result, bool ansi) {
  if (result->id == TypeId::kDecimal) return std::make_unique<SumAccumulator<int128_t>>(result, ansi);
  if (result->id == TypeId::kDouble) return std::make_unique<SumAccumulator<double>>(result, ansi);
  return std::make_unique<SumAccumulator<int64_t>>(result, ansi);
}

std::unique_ptr<Accumulator> MakeAvgAccumulator(const TypePtr& input, const TypePtr& result, bool ansi) {
  if (input->IsInterval()) return std::make_unique<AvgAccumulator<int64_t>>(input, result, ansi);
  if (result->id == TypeId::kDecimal) {
    TypePtr sum_type = DecimalType(std::min(input->precision + 10, kMaxDecimalPrecision), input->scale);
    return std::make_unique<AvgAccumulator<int128_t>>(sum_type, result, ansi);
  }
  return std::make_unique<AvgAccumulator<double>>(DoubleType(), result, ansi);
}

}  // namespace ember

namespace ember {
namespace {

// try_sum of bigints: an int128 sum (which cannot overflow before 2^64 rows) carried between
// instances as decimal(38, 0), null at the end when it does not fit a bigint.
class TrySumLongAccumulator : public Accumulator {
 public:
  void Resize(int64_t groups) override {
    sums_.resize(groups, 0);
    has_.resize(groups, 0);
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    Add<int64_t>(group_ids, *args[0], rows);
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    Add<int128_t>(group_ids, *states[0], rows);
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorPtr out = Vector::Make(DecimalType(38, 0), end - begin);
    int128_t* o = out->Data<int128_t>();
    for (int64_t g = begin; g < end; ++g) {
      o[g - begin] = sums_[g];
      if (!has_[g]) out->SetNull(g - begin);
    }
    return {out};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorPtr out = Vector::Make(LongType(), end - begin);
    int64_t* o = out->Data<int64_t>();
    for (int64_t g = begin; g < end; ++g) {
      bool fits = sums_[g] >= INT64_MIN && sums_[g] <= INT64_MAX;
      o[g - begin] = fits ? static_cast<int64_t>(sums_[g]) : 0;
      if (!has_[g] || !fits) out->SetNull(g - begin);
    }
    return out;
  }
  int64_t MemoryBytes() const override { return static_cast<int64_t>(sums_.capacity() * (sizeof(int128_t) + 1)); }

 private:
  template <typename T>
  void Add(const uint32_t* group_ids, const Vector& input, int64_t rows) {
    if (input.type()->id == TypeId::kNull) return;
    const T* v = input.Data<T>();
    for (int64_t i = 0; i < rows; ++i) {
      if (!input.IsValid(i)) continue;
      sums_[group_ids[i]] += v[i];
      has_[group_ids[i]] = 1;
    }
  }
  std::vector<int128_t> sums_;
  std::vector<uint8_t> has_;
};

}  // namespace

std::unique_ptr<Accumulator> MakeTrySumLongAccumulator() { return std::make_unique<TrySumLongAccumulator>(); }

}  // namespace ember
