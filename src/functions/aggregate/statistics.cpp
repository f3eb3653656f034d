// Statistical aggregates: the central moments (stddev/variance, sample and population; skewness
// and kurtosis),
// covariance and Pearson correlation, updated and merged as Spark's CentralMomentAgg and
// Covariance are (Welford's update, Chan's merge) so results match to the last digit; and
// percentile_approx, which keeps every value and so gives the exact answer of Spark's
// quantile summary query (the value at rank ceil(p * n)).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "common/value.h"
#include "functions/aggregate/accumulators.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Reads the valid doubles of `args[k]` rows where every argument is valid.
inline bool AllValid(const std::vector<VectorPtr>& args, int64_t i) {
  for (const auto& a : args) {
    if (a->type()->id == TypeId::kNull || !a->IsValid(i)) return false;
  }
  return true;
}

VectorPtr DoubleColumn(const std::vector<double>& values, int64_t begin, int64_t end) {
  VectorPtr out = Vector::Make(DoubleType(), end - begin);
  std::copy(values.begin() + begin, values.begin() + end, out->Data<double>());
  return out;
}

// n, mean and the central moment sums m2 (and m3, m4 for skewness and kurtosis), updated value by
// value (Welford; Terriberry's third and fourth moments) and merged as Chan and Pebay give.
class MomentAccumulator : public Accumulator {
 public:
  explicit MomentAccumulator(MomentKind kind)
      : kind_(kind), higher_(kind == MomentKind::kSkewness || kind == MomentKind::kKurtosis) {}
  void Resize(int64_t groups) override {
    n_.resize(groups, 0);
    avg_.resize(groups, 0);
    m2_.resize(groups, 0);
    if (higher_) {
      m3_.resize(groups, 0);
      m4_.resize(groups, 0);
    }
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    if (args[0]->type()->id == TypeId::kNull) return;
    const double* x = args[0]->Data<double>();
    bool nulls = args[0]->MayHaveNulls();
    for (int64_t i = 0; i < rows; ++i) {
      if (nulls && !args[0]->IsValid(i)) continue;
      uint32_t g = group_ids[i];
      double n = n_[g] + 1;
      double delta = x[i] - avg_[g];
      double delta_n = delta / n;
      double term = delta * (delta - delta_n);
      if (higher_) {
        double delta_n2 = delta_n * delta_n;
        m4_[g] += term * delta_n2 * (n * n - 3 * n + 3) + 6 * delta_n2 * m2_[g] - 4 * delta_n * m3_[g];
        m3_[g] += term * delta_n * (n - 2) - 3 * delta_n * m2_[g];
      }
      avg_[g] += delta_n;
      m2_[g] += term;
      n_[g] = n;
    }
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const double* n2 = states[0]->Data<double>();
    const double* avg2 = states[1]->Data<double>();
    const double* m2 = states[2]->Data<double>();
    const double* m3 = higher_ ? states[3]->Data<double>() : nullptr;
    const double* m4 = higher_ ? states[4]->Data<double>() : nullptr;
    for (int64_t i = 0; i < rows; ++i) {
      uint32_t g = group_ids[i];
      double n1 = n_[g], n = n1 + n2[i];
      double delta = avg2[i] - avg_[g];
      double delta_n = n == 0 ? 0 : delta / n;
      if (higher_ && n != 0) {
        double b = n2[i];
        m4_[g] += m4[i] + delta * delta_n * delta_n * delta_n * n1 * b * (n1 * n1 - n1 * b + b * b) +
                  6 * delta_n * delta_n * (n1 * n1 * m2[i] + b * b * m2_[g]) + 4 * delta_n * (n1 * m3[i] - b * m3_[g]);
        m3_[g] += m3[i] + delta * delta_n * delta_n * n1 * b * (n1 - b) + 3 * delta_n * (n1 * m2[i] - b * m2_[g]);
      }
      avg_[g] += delta_n * n2[i];
      m2_[g] += m2[i] + delta * delta_n * n1 * n2[i];
      n_[g] = n;
    }
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    std::vector<VectorPtr> out = {DoubleColumn(n_, begin, end), DoubleColumn(avg_, begin, end), DoubleColumn(m2_, begin, end)};
    if (higher_) {
      out.push_back(DoubleColumn(m3_, begin, end));
      out.push_back(DoubleColumn(m4_, begin, end));
    }
    return out;
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorPtr out = Vector::Make(DoubleType(), end - begin);
    double* o = out->Data<double>();
    for (int64_t g = begin; g < end; ++g) {
      std::optional<double> value = Result(g);
      o[g - begin] = value.value_or(0);
      if (!value) out->SetNull(g - begin);
    }
    return out;
  }
  int64_t MemoryBytes() const override { return n_.capacity() * (higher_ ? 40 : 24); }

 private:
  // Spark 3.1+ gives null, not NaN, where the divisor is zero.
  std::optional<double> Result(int64_t g) const {
    double n = n_[g];
    if (n == 0) return std::nullopt;
    switch (kind_) {
      case MomentKind::kSkewness:
        if (m2_[g] == 0) return std::nullopt;
        return std::sqrt(n) * m3_[g] / std::sqrt(m2_[g] * m2_[g] * m2_[g]);
      case MomentKind::kKurtosis:
        if (m2_[g] == 0) return std::nullopt;
        return n * m4_[g] / (m2_[g] * m2_[g]) - 3.0;
      default:
        break;
    }
    bool sample = kind_ == MomentKind::kStddevSamp || kind_ == MomentKind::kVarSamp;
    bool root = kind_ == MomentKind::kStddevSamp || kind_ == MomentKind::kStddevPop;
    if (sample && n == 1) return std::nullopt;
    double v = m2_[g] / (sample ? n - 1 : n);
    return root ? std::sqrt(v) : v;
  }

  MomentKind kind_;
  bool higher_;
  std::vector<double> n_, avg_, m2_, m3_, m4_;
};

class CovarianceAccumulator : public Accumulator {
 public:
  explicit CovarianceAccumulator(CovarianceKind kind) : kind_(kind) {}
  void Resize(int64_t groups) override {
    for (auto* s : States()) s->resize(groups, 0);
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    if (args[0]->type()->id == TypeId::kNull || args[1]->type()->id == TypeId::kNull) return;
    const double* x = args[0]->Data<double>();
    const double* y = args[1]->Data<double>();
    bool nulls = args[0]->MayHaveNulls() || args[1]->MayHaveNulls();
    for (int64_t i = 0; i < rows; ++i) {
      if (nulls && !AllValid(args, i)) continue;
      uint32_t g = group_ids[i];
      double n = n_[g] + 1;
      double dx = x[i] - x_avg_[g], dy = y[i] - y_avg_[g];
      x_avg_[g] += dx / n;
      y_avg_[g] += dy / n;
      ck_[g] += dx * (y[i] - y_avg_[g]);
      x_mk_[g] += dx * (x[i] - x_avg_[g]);
      y_mk_[g] += dy * (y[i] - y_avg_[g]);
      n_[g] = n;
    }
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const double* n2 = states[0]->Data<double>();
    const double* x_avg2 = states[1]->Data<double>();
    const double* y_avg2 = states[2]->Data<double>();
    const double* ck2 = states[3]->Data<double>();
    const double* x_mk2 = states[4]->Data<double>();
    const double* y_mk2 = states[5]->Data<double>();
    for (int64_t i = 0; i < rows; ++i) {
      uint32_t g = group_ids[i];
      double n1 = n_[g], n = n1 + n2[i];
      double dx = x_avg2[i] - x_avg_[g], dy = y_avg2[i] - y_avg_[g];
      double dx_n = n == 0 ? 0 : dx / n, dy_n = n == 0 ? 0 : dy / n;
      x_avg_[g] += dx_n * n2[i];
      y_avg_[g] += dy_n * n2[i];
      ck_[g] += ck2[i] + dx * dy_n * n1 * n2[i];
      x_mk_[g] += x_mk2[i] + dx * dx_n * n1 * n2[i];
      y_mk_[g] += y_mk2[i] + dy * dy_n * n1 * n2[i];
      n_[g] = n;
    }
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    std::vector<VectorPtr> out;
    for (auto* s : States()) out.push_back(DoubleColumn(*s, begin, end));
    return out;
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorPtr out = Vector::Make(DoubleType(), end - begin);
    double* o = out->Data<double>();
    for (int64_t g = begin; g < end; ++g) {
      int64_t i = g - begin;
      std::optional<double> value = Result(g);
      o[i] = value.value_or(0);
      if (!value) out->SetNull(i);
    }
    return out;
  }
  int64_t MemoryBytes() const override { return n_.capacity() * 48; }

 private:
  // For regr_*(y, x) the accumulator's first argument ("x" below) is y, its second x.
  std::optional<double> Result(int64_t g) const {
    double n = n_[g];
    if (n == 0) return std::nullopt;
    switch (kind_) {
      case CovarianceKind::kCovarSamp:
        return n == 1 ? std::nullopt : std::optional<double>(ck_[g] / (n - 1));
      case CovarianceKind::kCovarPop:
        return ck_[g] / n;
      case CovarianceKind::kCorr:
        return n == 1 ? std::nullopt : std::optional<double>(ck_[g] / std::sqrt(x_mk_[g] * y_mk_[g]));
      case CovarianceKind::kRegrAvgX:
        return y_avg_[g];
      case CovarianceKind::kRegrAvgY:
        return x_avg_[g];
      case CovarianceKind::kRegrSxx:
        return y_mk_[g];
      case CovarianceKind::kRegrSyy:
        return x_mk_[g];
      case CovarianceKind::kRegrSxy:
        return ck_[g];
      case CovarianceKind::kRegrSlope:
        return y_mk_[g] == 0 ? std::nullopt : std::optional<double>(ck_[g] / y_mk_[g]);
      case CovarianceKind::kRegrIntercept:
        return y_mk_[g] == 0 ? std::nullopt : std::optional<double>(x_avg_[g] - ck_[g] / y_mk_[g] * y_avg_[g]);
      case CovarianceKind::kRegrR2:
        if (y_mk_[g] == 0) return std::nullopt;
        if (x_mk_[g] == 0) return 1.0;
        return ck_[g] * ck_[g] / y_mk_[g] / x_mk_[g];
    }
    return std::nullopt;
  }

  std::vector<std::vector<double>*> States() { return {&n_, &x_avg_, &y_avg_, &ck_, &x_mk_, &y_mk_}; }
  CovarianceKind kind_;
  std::vector<double> n_, x_avg_, y_avg_, ck_, x_mk_, y_mk_;
};

// Values are kept as S (double for float/double, int64_t for the other fixed-width types) and
// cross exchanges as one binary cell of raw S values per group.
template <typename S>
class PercentileAccumulator : public Accumulator {
 public:
  PercentileAccumulator(TypePtr type, std::vector<double> percentages, double relative_error, bool as_array,
                        int64_t frequency)
      : type_(std::move(type)), percentages_(std::move(percentages)),
        relative_error_(relative_error), as_array_(as_array), frequency_(frequency) {}
  void Resize(int64_t groups) override { values_.resize(groups); }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& in = *args[0];
    if (in.type()->id == TypeId::kNull) return;
    DispatchFixedWidth(*type_, [&](auto t) {
      using T = decltype(t);
      const T* v = in.Data<T>();
      for (int64_t i = 0; i < rows; ++i) {
        if (!in.IsValid(i)) continue;
        S value = static_cast<S>(v[i]);
        if constexpr (std::is_floating_point_v<S>) {
          if (std::isnan(value)) continue;  // as Spark's summaries, NaN is not counted
        }
        values_[group_ids[i]].push_back(value);
        bytes_ += sizeof(S);
      }
    });
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& in = *states[0];
    for (int64_t i = 0; i < rows; ++i) {
      std::string_view cell = in.GetString(i);
      auto& dest = values_[group_ids[i]];
      size_t count = cell.size() / sizeof(S), old = dest.size();
      if (count == 0) continue;
      dest.resize(old + count);
      std::memcpy(dest.data() + old, cell.data(), count * sizeof(S));
      bytes_ += count * sizeof(S);
    }
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorBuilder out(BinaryType(), end - begin);
    for (int64_t g = begin; g < end; ++g) {
      const auto& v = values_[g];
      if (v.empty()) {
        out.AppendString("");
        continue;
      }
      out.AppendString(std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(S)));
    }
    return {out.Finish()};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorBuilder out(as_array_ ? ArrayType(type_, false) : type_, end - begin);
    for (int64_t g = begin; g < end; ++g) {
      auto& v = values_[g];
      if (v.empty()) {
        out.AppendNull();
        continue;
      }
      std::sort(v.begin(), v.end());
      VectorBuilder& target = as_array_ ? out.Child(0) : out;
      for (double p : percentages_) {
        if (frequency_ > 0) {
          target.Append<double>(Interpolated(v, p));
        } else {
          AppendAs(target, v[RankIndex(p, v.size())]);
        }
      }
      if (as_array_) out.FinishNested();
    }
    return out.Finish();
  }
  int64_t MemoryBytes() const override { return bytes_ + values_.capacity() * sizeof(values_[0]); }

 private:
  // Spark's summary query with every sample kept: the extremes within the relative error, else
  // the value of rank ceil(p * n).
  size_t RankIndex(double p, size_t n) const {
    if (p <= relative_error_) return 0;
    if (p >= 1 - relative_error_) return n - 1;
    double rank = std::ceil(p * static_cast<double>(n));
    return std::min(n, static_cast<size_t>(std::max(rank, 1.0))) - 1;
  }
  // Spark's exact percentile: linear interpolation between the values around position p * (n - 1)
  // of the sorted values, each counted `frequency_` times.
  double Interpolated(const std::vector<S>& v, double p) const {
    double position = p * static_cast<double>(static_cast<int64_t>(v.size()) * frequency_ - 1);
    double lower = std::floor(position), higher = std::ceil(position);
    double low = static_cast<double>(v[static_cast<size_t>(lower) / frequency_]);
    double high = static_cast<double>(v[static_cast<size_t>(higher) / frequency_]);
    return lower == higher ? low : (higher - position) * low + (position - lower) * high;
  }
  void AppendAs(VectorBuilder& b, S value) const {
    DispatchFixedWidth(*type_, [&](auto t) { b.Append(static_cast<decltype(t)>(value)); });
  }

  TypePtr type_;
  std::vector<double> percentages_;
  double relative_error_;
  bool as_array_;
  int64_t frequency_;  // > 0: the exact percentile (percentile, median), else percentile_approx
  std::vector<std::vector<S>> values_;
  int64_t bytes_ = 0;
};

}  // namespace

std::unique_ptr<Accumulator> MakeMomentAccumulator(MomentKind kind) {
  return std::make_unique<MomentAccumulator>(kind);
}

std::unique_ptr<Accumulator> MakeCovarianceAccumulator(CovarianceKind kind) {
  return std::make_unique<CovarianceAccumulator>(kind);
}

std::unique_ptr<Accumulator> MakePercentileAccumulator(const TypePtr& type, std::vector<double> percentages,
                                                       double relative_error, bool as_array, int64_t frequency) {
  if (type->id == TypeId::kFloat || type->id == TypeId::kDouble) {
    return std::make_unique<PercentileAccumulator<double>>(type, std::move(percentages), relative_error, as_array, frequency);
  }
  return std::make_unique<PercentileAccumulator<int64_t>>(type, std::move(percentages), relative_error, as_array, frequency);
}

}  // namespace ember
