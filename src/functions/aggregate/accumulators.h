// Factories of the built-in accumulators (internal to the functions layer; the registry binds
// them). Each keeps its per-group state in flat arrays indexed by group id.
#pragma once

#include <memory>
#include <vector>

#include "functions/function.h"

namespace ember {

// count(args...): rows where every argument is non-null. Partial state: [bigint].
std::unique_ptr<Accumulator> MakeCountAccumulator();
// sum: `input` is bigint, double or decimal (the binder casts narrower types), `result` the same
// or decimal(p+10,s). Partial state: [result type, null when no value was added].
std::unique_ptr<Accumulator> MakeSumAccumulator(const TypePtr& input, const TypePtr& result, bool ansi);
// try_sum of bigints: null when the sum does not fit a bigint. Partial state: [decimal(38, 0)].
std::unique_ptr<Accumulator> MakeTrySumLongAccumulator();
// avg: `input` double or decimal; result double or decimal(p+4,s+4).
// Partial state: [double or decimal(p+10,s) sum, bigint count].
std::unique_ptr<Accumulator> MakeAvgAccumulator(const TypePtr& input, const TypePtr& result, bool ansi);
// min / max of any non-nested type. Partial state: [the type].
std::unique_ptr<Accumulator> MakeMinMaxAccumulator(const TypePtr& type, bool is_max);
// first / last, skipping nulls when `ignore_nulls`. Partial state: [the type, boolean value_set].
std::unique_ptr<Accumulator> MakeFirstLastAccumulator(const TypePtr& type, bool is_last, bool ignore_nulls);
// stddev/variance over double input. Partial state: [double n, double avg, double m2], and m3, m4
// for skewness and kurtosis.
enum class MomentKind { kStddevSamp, kStddevPop, kVarSamp, kVarPop, kSkewness, kKurtosis };
std::unique_ptr<Accumulator> MakeMomentAccumulator(MomentKind kind);
// covar_samp/covar_pop/corr over two doubles, and the regr_* functions of (y, x) (the first
// argument the dependent one). Partial state: six doubles (n, means, co-moments).
enum class CovarianceKind {
  kCovarSamp, kCovarPop, kCorr,
  kRegrAvgX, kRegrAvgY, kRegrSxx, kRegrSyy, kRegrSxy, kRegrSlope, kRegrIntercept, kRegrR2
};
std::unique_ptr<Accumulator> MakeCovarianceAccumulator(CovarianceKind kind);
// percentile_approx of a numeric, date or timestamp `type` at `percentages` (an array result when
// `as_array`); with a `frequency` > 0, the exact percentile of double values each counted that
// many times (percentile, median), as doubles. Partial state: [binary of the raw values].
std::unique_ptr<Accumulator> MakePercentileAccumulator(const TypePtr& type, std::vector<double> percentages,
                                                       double relative_error, bool as_array, int64_t frequency = 0);
// Feeds `inner` each distinct argument tuple of a group once.
std::unique_ptr<Accumulator> MakeDistinctAccumulator(std::unique_ptr<Accumulator> inner);

}  // namespace ember
