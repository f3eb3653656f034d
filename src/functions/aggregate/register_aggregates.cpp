// Binders of the aggregate functions: count, sum, avg (mean), min, max, first, last, and the
// statistical ones (stddev, variance, covariance, corr, percentile_approx).
#include <algorithm>
#include <cmath>

#include "common/interval.h"
#include "functions/aggregate/accumulators.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Wraps `bound.create` in the DISTINCT wrapper when asked.
BoundAggregate Finish(BoundAggregate bound, bool distinct) {
  if (distinct) {
    auto inner = bound.create;
    bound.create = [inner]() { return MakeDistinctAccumulator(inner()); };
  }
  return bound;
}

BoundAggregate BindCount(const std::vector<BindArg>& args, bool distinct, const EvalContext&) {
  if (args.empty()) CheckArgCount("count", args, 1, 1024);
  BoundAggregate bound;
  bound.result_type = LongType();
  bound.result_nullable = false;
  for (const auto& a : args) bound.arg_types.push_back(a.type);
  bound.partial_types = {LongType()};
  bound.create = [] { return MakeCountAccumulator(); };
  return Finish(bound, distinct);
}

// The numeric input type sum/avg work on: strings and nulls as double.
TypePtr NumericInput(const std::string& name, const BindArg& arg) {
  const DataType& t = *arg.type;
  if (t.id == TypeId::kString || t.id == TypeId::kNull) return DoubleType();
  if (!t.IsNumeric()) ThrowUnexpectedType(name, 0, "\"NUMERIC\"", t);
  return arg.type;
}

BoundAggregate BindSum(const std::vector<BindArg>& args, bool distinct, const EvalContext& ctx) {
  CheckArgCount("sum", args, 1, 1);
  TypePtr in = args[0].type->IsInterval() ? args[0].type : NumericInput("sum", args[0]);
  BoundAggregate bound;
  bool ansi = ctx.ansi;
  if (in->IsInterval()) {
    // Interval sums keep the interval type and always raise on overflow, as Spark's do.
    bound.arg_types = {in};
    bound.result_type = in;
    ansi = true;
  } else if (in->id == TypeId::kDecimal) {
    bound.arg_types = {in};
    bound.result_type = DecimalType(std::min(in->precision + 10, kMaxDecimalPrecision), in->scale);
  } else if (in->IsIntegral()) {
    bound.arg_types = {LongType()};
    bound.result_type = LongType();
  } else {
    bound.arg_types = {DoubleType()};
    bound.result_type = DoubleType();
  }
  bound.partial_types = {bound.result_type};
  TypePtr arg = bound.arg_types[0], result = bound.result_type;
  bound.create = [arg, result, ansi] { return MakeSumAccumulator(arg, result, ansi); };
  return Finish(bound, distinct);
}

BoundAggregate BindAvg(const std::vector<BindArg>& args, bool distinct, const EvalContext& ctx) {
  CheckArgCount("avg", args, 1, 1);
  TypePtr in = args[0].type->IsInterval() ? args[0].type : NumericInput("avg", args[0]);
  BoundAggregate bound;
  if (in->IsInterval()) {
    // The mean of intervals is an interval of the type's full range, rounded HALF_UP, as Spark's.
    bound.arg_types = {in};
    bound.result_type = in->id == TypeId::kYearMonthInterval ? YearMonthIntervalType() : DayTimeIntervalType();
    bound.partial_types = {in, LongType()};
  } else if (in->id == TypeId::kDecimal) {
    bound.arg_types = {in};
    bound.result_type = DecimalType(std::min(in->precision + 4, kMaxDecimalPrecision),
                                    std::min(in->scale + 4, kMaxDecimalPrecision));
    bound.partial_types = {DecimalType(std::min(in->precision + 10, kMaxDecimalPrecision), in->scale), LongType()};
  } else {
    bound.arg_types = {DoubleType()};
    bound.result_type = DoubleType();
    bound.partial_types = {DoubleType(), LongType()};
  }
  TypePtr arg = bound.arg_types[0], result = bound.result_type;
  bool ansi = ctx.ansi;
  bound.create = [arg, result, ansi] { return MakeAvgAccumulator(arg, result, ansi); };
  return Finish(bound, distinct);
}

// try_sum / try_avg: sum / avg giving null instead of an overflow error (intervals are refused).
BoundAggregate BindTry(const std::string& name, bool is_sum, const std::vector<BindArg>& args, bool distinct,
                       const EvalContext& ctx) {
  CheckArgCount(name, args, 1, 1);
  if (args[0].type->IsInterval()) ThrowUnexpectedType(name, 0, "\"NUMERIC\"", *args[0].type);
  TypePtr in = NumericInput(name, args[0]);
  EvalContext legacy;
  legacy.ansi = false;  // decimal overflow gives null there
  if (!is_sum) return BindAvg(args, distinct, legacy);
  BoundAggregate bound = BindSum(args, distinct, legacy);
  if (in->IsIntegral()) {
    bound.partial_types = {DecimalType(38, 0)};
    bound.create = [] { return MakeTrySumLongAccumulator(); };
    bound = Finish(bound, distinct);
  }
  return bound;
}

BoundAggregate BindMinMax(const std::string& name, bool is_max, const std::vector<BindArg>& args, bool distinct) {
  CheckArgCount(name, args, 1, 1);
  TypePtr type = args[0].type;
  if (type->IsNested()) ThrowUnexpectedType(name, 0, "an orderable type", *type);
  BoundAggregate bound;
  bound.arg_types = {type};
  bound.result_type = type;
  bound.partial_types = {type};
  bound.create = [type, is_max] { return MakeMinMaxAccumulator(type, is_max); };
  // DISTINCT does not change min or max.
  return bound;
}

BoundAggregate BindFirstLast(const std::string& name, bool is_last, const std::vector<BindArg>& args, bool distinct) {
  CheckArgCount(name, args, 1, 2);
  bool ignore_nulls = false;
  if (args.size() == 2) {
    if (args[1].literal == nullptr || args[1].type->id != TypeId::kBoolean || args[1].literal->is_null)
      ThrowUnexpectedType(name, 1, "a constant \"BOOLEAN\"", *args[1].type);
    ignore_nulls = args[1].literal->i64 != 0;
  }
  TypePtr type = args[0].type;
  BoundAggregate bound;
  bound.arg_types = {type};
  if (args.size() == 2) bound.arg_types.push_back(BooleanType());
  bound.result_type = type;
  bound.partial_types = {type, BooleanType()};
  bound.create = [type, is_last, ignore_nulls] { return MakeFirstLastAccumulator(type, is_last, ignore_nulls); };
  return Finish(bound, distinct);
}

// stddev/variance (one argument) and covariance/corr (two): numeric arguments as doubles, a
// double result, `partials` double columns of partial state.
using AccumulatorFactory = std::function<std::unique_ptr<Accumulator>()>;
BoundAggregate BindDoubleStatistic(const std::string& name, size_t arity, size_t partials, AccumulatorFactory create,
                                   const std::vector<BindArg>& args, bool distinct) {
  CheckArgCount(name, args, arity, arity);
  BoundAggregate bound;
  for (const auto& arg : args) {
    NumericInput(name, arg);
    bound.arg_types.push_back(DoubleType());
  }
  bound.result_type = DoubleType();
  bound.partial_types = std::vector<TypePtr>(partials, DoubleType());
  bound.create = std::move(create);
  return Finish(bound, distinct);
}

[[noreturn]] void ThrowOutOfRange(const std::string& name, const std::string& what, const std::string& range,
                                  const std::string& value) {
  throw SparkError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                   {{"sqlExpr", "\"" + name + "\""}, {"exprName", what}, {"valueRange", range},
                    {"currentValue", value}});
}

// percentile_approx(x, percentage or array of percentages[, accuracy]); both constants. `exact`:
// percentile(x, percentages[, frequency]) of numbers as doubles, interpolated, each value counted
// frequency (a positive constant) times.
BoundAggregate BindPercentile(const std::string& name, const std::vector<BindArg>& args, bool distinct, bool exact) {
  CheckArgCount(name, args, 2, 3);
  TypePtr type = args[0].type;
  if (exact) {
    if (!type->IsNumeric() && type->id != TypeId::kNull) ThrowUnexpectedType(name, 0, "\"NUMERIC\"", *type);
    type = DoubleType();
  }
  bool numeric = type->IsNumeric() && !type->IsWideDecimal() && type->id != TypeId::kDecimal;
  if (!numeric && type->id != TypeId::kDate && type->id != TypeId::kTimestamp &&
      type->id != TypeId::kTimestampNtz && type->id != TypeId::kNull) {
    ThrowUnexpectedType(name, 0, "(\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\")", *type);
  }
  if (type->id == TypeId::kNull) type = DoubleType();
  const Value* p = args[1].literal;
  bool as_array = args[1].type->id == TypeId::kArray;
  if (p == nullptr || p->is_null) ThrowUnexpectedType(name, 1, "a constant \"DOUBLE\"", *args[1].type);
  std::vector<double> percentages;
  auto add = [&](const Value& v) {
    double d = v.type->id == TypeId::kFloat || v.type->id == TypeId::kDouble ? v.f64
               : v.type->id == TypeId::kDecimal ? static_cast<double>(v.DecimalUnscaled()) / std::pow(10.0, v.type->scale)
                                                : static_cast<double>(v.i64);
    if (v.is_null || !(d >= 0 && d <= 1)) ThrowOutOfRange(name, "percentage", "[0.0, 1.0]", std::to_string(d));
    percentages.push_back(d);
  };
  if (as_array) {
    for (const auto& v : p->children) add(v);
  } else {
    add(*p);
  }
  int64_t accuracy = 10000, frequency = 0;
  if (exact) {
    frequency = 1;
    if (args.size() == 3) {
      if (args[2].literal == nullptr || args[2].literal->is_null || !args[2].type->IsIntegral())
        ThrowUnexpectedType(name, 2, "a constant \"BIGINT\"", *args[2].type);
      frequency = args[2].literal->i64;
      if (frequency <= 0) ThrowOutOfRange(name, "frequency", "[1, 9223372036854775807]", std::to_string(frequency));
    }
  } else if (args.size() == 3) {
    if (args[2].literal == nullptr || args[2].literal->is_null || !args[2].type->IsIntegral())
      ThrowUnexpectedType(name, 2, "a constant \"INT\"", *args[2].type);
    accuracy = args[2].literal->i64;
    if (accuracy <= 0 || accuracy > INT32_MAX)
      ThrowOutOfRange(name, "accuracy", "[1, 2147483647]", std::to_string(accuracy));
  }
  BoundAggregate bound;
  bound.arg_types = {type, args[1].type};
  if (args.size() == 3) bound.arg_types.push_back(args[2].type);
  bound.result_type = as_array ? ArrayType(type, false) : type;
  bound.partial_types = {BinaryType()};
  double relative_error = 1.0 / static_cast<double>(accuracy);
  bound.create = [type, percentages, relative_error, as_array, frequency] {
    return MakePercentileAccumulator(type, percentages, relative_error, as_array, frequency);
  };
  return Finish(bound, distinct);
}

}  // namespace

void RegisterAggregateFunctions(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("count", "count(x, ...): rows where all arguments are non-null; count(*) counts rows",
                             BindCount));
  registry.Add(MakeAggregate("sum", "sum(x): total of non-null values (bigint for integrals)", BindSum));
  registry.Add(MakeAggregate("avg", "avg(x): mean of non-null values as double (or decimal)", BindAvg));
  registry.AddAlias("mean", "avg");
  registry.Add(MakeAggregate("try_sum", "try_sum(x): sum(x), null where it overflows",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext& ctx) { return BindTry("try_sum", true, a, d, ctx); }));
  registry.Add(MakeAggregate("try_avg", "try_avg(x): avg(x), null where it overflows",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext& ctx) { return BindTry("try_avg", false, a, d, ctx); }));
  registry.Add(MakeAggregate("min", "min(x): smallest non-null value",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext&) { return BindMinMax("min", false, a, d); }));
  registry.Add(MakeAggregate("max", "max(x): largest non-null value",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext&) { return BindMinMax("max", true, a, d); }));
  registry.Add(MakeAggregate("first", "first(x[, ignoreNulls]): the first value of the group",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext&) { return BindFirstLast("first", false, a, d); }));
  registry.Add(MakeAggregate("last", "last(x[, ignoreNulls]): the last value of the group",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext&) { return BindFirstLast("last", true, a, d); }));
  registry.AddAlias("first_value", "first");
  registry.AddAlias("last_value", "last");
  registry.AddAlias("any_value", "first");
  struct Statistic {
    const char* name;
    const char* doc;
    size_t arity;
    size_t partials;
    AccumulatorFactory create;
  };
  const Statistic statistics[] = {
      {"stddev_samp", "stddev_samp(x): sample standard deviation", 1, 3,
       [] { return MakeMomentAccumulator(MomentKind::kStddevSamp); }},
      {"stddev_pop", "stddev_pop(x): population standard deviation", 1, 3,
       [] { return MakeMomentAccumulator(MomentKind::kStddevPop); }},
      {"var_samp", "var_samp(x): sample variance", 1, 3, [] { return MakeMomentAccumulator(MomentKind::kVarSamp); }},
      {"var_pop", "var_pop(x): population variance", 1, 3, [] { return MakeMomentAccumulator(MomentKind::kVarPop); }},
      {"skewness", "skewness(x): the skewness of the values (third standardized moment)", 1, 5,
       [] { return MakeMomentAccumulator(MomentKind::kSkewness); }},
      {"kurtosis", "kurtosis(x): the excess kurtosis of the values (fourth standardized moment minus 3)", 1, 5,
       [] { return MakeMomentAccumulator(MomentKind::kKurtosis); }},
      {"covar_samp", "covar_samp(x, y): sample covariance", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kCovarSamp); }},
      {"covar_pop", "covar_pop(x, y): population covariance", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kCovarPop); }},
      {"corr", "corr(x, y): Pearson correlation coefficient", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kCorr); }},
      {"regr_avgx", "regr_avgx(y, x): the mean of x over the rows where x and y are both non-null", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrAvgX); }},
      {"regr_avgy", "regr_avgy(y, x): the mean of y over the rows where x and y are both non-null", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrAvgY); }},
      {"regr_sxx", "regr_sxx(y, x): the sum of squared deviations of x (rows where both are non-null)", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrSxx); }},
      {"regr_syy", "regr_syy(y, x): the sum of squared deviations of y (rows where both are non-null)", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrSyy); }},
      {"regr_sxy", "regr_sxy(y, x): the sum of products of the deviations of x and y", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrSxy); }},
      {"regr_slope", "regr_slope(y, x): the slope of the least-squares line of y on x", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrSlope); }},
      {"regr_intercept", "regr_intercept(y, x): the intercept of the least-squares line of y on x", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrIntercept); }},
      {"regr_r2", "regr_r2(y, x): the coefficient of determination of the least-squares line of y on x", 2, 6,
       [] { return MakeCovarianceAccumulator(CovarianceKind::kRegrR2); }},
  };
  for (const Statistic& statistic : statistics) {
    std::string name = statistic.name;
    Statistic s = statistic;
    registry.Add(MakeAggregate(name, statistic.doc, [s](const std::vector<BindArg>& a, bool d, const EvalContext&) {
      return BindDoubleStatistic(s.name, s.arity, s.partials, s.create, a, d);
    }));
  }
  registry.Add(MakeAggregate("regr_count", "regr_count(y, x): the rows where x and y are both non-null",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext& ctx) {
                               CheckArgCount("regr_count", a, 2, 2);
                               for (const auto& arg : a) NumericInput("regr_count", arg);
                               return BindCount(a, d, ctx);
                             }));
  registry.AddAlias("stddev", "stddev_samp");
  registry.AddAlias("std", "stddev_samp");
  registry.AddAlias("variance", "var_samp");
  registry.Add(MakeAggregate(
      "percentile_approx",
      "percentile_approx(x, p[, accuracy]): the smallest value with at least p of the values at or below it "
      "(p a constant or an array of constants)",
      [](const std::vector<BindArg>& a, bool d, const EvalContext&) { return BindPercentile("percentile_approx", a, d, false); }));
  registry.Add(MakeAggregate(
      "percentile",
      "percentile(x, p[, frequency]): the exact percentile p (a constant or an array of constants) of the numbers, "
      "interpolated between the two nearest values",
      [](const std::vector<BindArg>& a, bool d, const EvalContext&) { return BindPercentile("percentile", a, d, true); }));
  registry.Add(MakeAggregate("median", "median(x): the exact 50th percentile of the numbers, as percentile(x, 0.5)",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext&) {
                               CheckArgCount("median", a, 1, 1);
                               static const Value half = Value::Double(0.5);
                               std::vector<BindArg> args = {a[0], BindArg{DoubleType(), &half, "0.5"}};
                               BoundAggregate bound = BindPercentile("median", args, d, true);
                               bound.arg_types.resize(1);
                               return bound;
                             }));
  registry.AddAlias("approx_percentile", "percentile_approx");
}

}  // namespace ember
