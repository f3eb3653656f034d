// histogram_numeric(expr, nb): Spark's streaming histogram (Ben-Haim and Tom-Tov, as Hive's
// NumericHistogram computes it): values go into sorted bins (x, count), an equal x adds to its
// bin, and past nb bins the two closest adjacent bins merge into their count-weighted mean, ties
// between equally close pairs broken by java.util.Random(31183) as Spark breaks them. Partial
// histograms merge by pooling their bins and trimming again. The result is array<struct<x, y>>
// with x of the input's type and y the count as a double; null for no values.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "functions/aggregate/accumulators.h"
#include "functions/collection/nested_util.h"
#include "functions/java_random.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"

namespace ember {
namespace {

struct Bin {
  double x;
  double y;
};

struct Histogram {
  std::vector<Bin> bins;
  JavaRandom random{31183};

  void Add(double v, size_t limit) {
    auto at = std::lower_bound(bins.begin(), bins.end(), v, [](const Bin& b, double value) { return b.x < value; });
    if (at != bins.end() && at->x == v) {
      at->y += 1;
      return;
    }
    bins.insert(at, Bin{v, 1});
    Trim(limit);
  }

  void Merge(const Bin* other, size_t count, size_t limit) {
    bins.insert(bins.end(), other, other + count);
    std::stable_sort(bins.begin(), bins.end(), [](const Bin& a, const Bin& b) { return a.x < b.x; });
    Trim(limit);
  }

  void Trim(size_t limit) {
    while (bins.size() > limit) {
      double smallest = bins[1].x - bins[0].x;
      size_t where = 0;
      int ties = 1;
      for (size_t i = 1; i + 1 < bins.size(); ++i) {
        double diff = bins[i + 1].x - bins[i].x;
        if (diff < smallest) {
          smallest = diff;
          where = i;
          ties = 1;
        } else if (diff == smallest && random.NextDouble() <= 1.0 / ++ties) {
          where = i;
        }
      }
      Bin& left = bins[where];
      const Bin& right = bins[where + 1];
      double total = left.y + right.y;
      left.x = left.x * (left.y / total) + right.x / total * right.y;
      left.y = total;
      bins.erase(bins.begin() + static_cast<std::ptrdiff_t>(where) + 1);
    }
  }
};

class HistogramAccumulator : public Accumulator {
 public:
  HistogramAccumulator(size_t limit, TypePtr input, TypePtr result) : limit_(limit), input_(std::move(input)), result_(std::move(result)) {}

  void Resize(int64_t groups) override { histograms_.resize(groups); }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    VectorPtr values = args[0]->type()->id == TypeId::kDouble ? args[0] : CastVector(args[0], DoubleType(), ctx_);
    const double* v = values->Data<double>();
    for (int64_t i = 0; i < rows; ++i) {
      if (values->IsValid(i)) histograms_[group_ids[i]].Add(v[i], limit_);
    }
  }

  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& partial = *states[0];
    std::vector<Bin> bins;
    for (int64_t i = 0; i < rows; ++i) {
      std::string_view bytes = partial.GetString(i);
      bins.resize(bytes.size() / sizeof(Bin));
      if (bins.empty()) continue;
      std::memcpy(bins.data(), bytes.data(), bins.size() * sizeof(Bin));
      Histogram& target = histograms_[group_ids[i]];
      if (target.bins.empty()) {
        target.bins = bins;
      } else {
        target.Merge(bins.data(), bins.size(), limit_);
      }
    }
  }

  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorBuilder out(BinaryType(), end - begin);
    for (int64_t g = begin; g < end; ++g) {
      const auto& bins = histograms_[g].bins;
      out.AppendString(std::string_view(reinterpret_cast<const char*>(bins.data()), bins.size() * sizeof(Bin)));
    }
    return {out.Finish()};
  }

  VectorPtr Final(int64_t begin, int64_t end, EvalContext& ctx) override {
    std::vector<int32_t> offsets{0};
    VectorBuilder xs(DoubleType()), ys(DoubleType());
    std::vector<bool> nulls;
    for (int64_t g = begin; g < end; ++g) {
      for (const Bin& bin : histograms_[g].bins) {
        xs.Append<double>(bin.x);
        ys.Append<double>(bin.y);
      }
      offsets.push_back(static_cast<int32_t>(xs.length()));
      nulls.push_back(histograms_[g].bins.empty());
    }
    TypePtr element = result_->element;
    VectorPtr x = input_->id == TypeId::kDouble ? xs.Finish() : CastVector(xs.Finish(), input_, ctx);
    VectorPtr structs = Vector::Make(element, offsets.back());
    structs->children() = {x, ys.Finish()};
    VectorPtr out = MakeListVector(result_, std::move(offsets), {structs});
    for (size_t k = 0; k < nulls.size(); ++k) {
      if (nulls[k]) out->SetNull(static_cast<int64_t>(k));
    }
    return out;
  }

  int64_t MemoryBytes() const override {
    int64_t bytes = static_cast<int64_t>(histograms_.capacity() * sizeof(Histogram));
    for (const auto& h : histograms_) bytes += static_cast<int64_t>(h.bins.capacity() * sizeof(Bin));
    return bytes;
  }

 private:
  size_t limit_;
  TypePtr input_;
  TypePtr result_;
  EvalContext ctx_;
  std::vector<Histogram> histograms_;
};

BoundAggregate BindHistogramNumeric(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckArgCount("histogram_numeric", args, 2, 2);
  const TypePtr& input = args[0].type;
  if (!input->IsNumeric()) ThrowUnexpectedType("histogram_numeric", 0, "\"NUMERIC\"", *input);
  const BindArg& nb = args[1];
  if (nb.literal == nullptr || !nb.type->IsIntegral()) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"histogram_numeric\""},
                                                              {"inputName", "`nb`"},
                                                              {"inputType", "\"INT\""},
                                                              {"inputExpr", "argument 2"}});
  }
  int64_t bins = nb.literal->is_null ? 0 : nb.literal->i64;
  if (bins < 2) {
    throw SparkError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", {{"sqlExpr", "\"histogram_numeric\""},
                                                              {"exprName", "`nb`"},
                                                              {"valueRange", "[2, 2147483647]"},
                                                              {"currentValue", std::to_string(bins)}});
  }
  TypePtr result = ArrayType(StructType({{"x", input, true}, {"y", DoubleType(), true}}), true);
  BoundAggregate bound;
  bound.arg_types = {input, IntType()};
  bound.result_type = result;
  bound.partial_types = {BinaryType()};
  bound.create = [bins, input, result] { return std::make_unique<HistogramAccumulator>(static_cast<size_t>(bins), input, result); };
  return bound;
}

}  // namespace

void RegisterHistogramNumeric(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("histogram_numeric",
                             "histogram_numeric(expr, nb): a histogram of expr in at most nb bins, array<struct<x, y>>",
                             BindHistogramNumeric));
}

}  // namespace ember
