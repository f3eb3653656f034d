// sequence(start, stop[, step]): integers, or dates and timestamps stepped by an interval (one
// day by default).
#include "functions/collection/nested_util.h"
#include "functions/datetime/datetime_util.h"
#include "functions/executor.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

// Spark's largest array (Integer.MAX_VALUE - 15).
constexpr int64_t kMaxArrayLength = 2147483632;

[[noreturn]] void ThrowBoundaries(const std::string& start, const std::string& stop, const std::string& step) {
  std::string message = "requirement failed: Illegal sequence boundaries: " + start + " to " + stop + " by " + step;
  throw SparkError("INVALID_PARAMETER_VALUE.SEQUENCE_BOUNDARIES", "22023", message, {});
}

void CheckLength(int64_t length) {
  if (length > kMaxArrayLength) {
    throw SparkError("COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER", "54000",
                     "Can't create array with " + std::to_string(length) +
                         " elements which exceeding the array size limit " + std::to_string(kMaxArrayLength) +
                         ", the value of parameter(s) `count` is invalid.",
                     {{"numberOfElements", std::to_string(length)}, {"maxRoundedArrayLength", std::to_string(kMaxArrayLength)}});
  }
}

// Integral sequences, built straight into the element vector.
template <typename T>
VectorPtr IntegralSequence(const TypePtr& type, const std::vector<VectorPtr>& args, int64_t rows) {
  const Vector& start = *args[0];
  const Vector& stop = *args[1];
  const Vector* step = args.size() > 2 ? args[2].get() : nullptr;
  std::vector<int32_t> offsets(rows + 1, 0);
  std::vector<uint8_t> nulls(rows, 0);
  std::vector<T> values;
  for (int64_t i = 0; i < rows; ++i) {
    offsets[i + 1] = offsets[i];
    if (start.IsNull(i) || stop.IsNull(i) || (step && step->IsNull(i))) {
      nulls[i] = 1;
      continue;
    }
    int64_t a = start.Data<T>()[i], b = stop.Data<T>()[i];
    int64_t s = step ? static_cast<int64_t>(step->Data<T>()[i]) : (a <= b ? 1 : -1);
    if (!((s > 0 && a <= b) || (s < 0 && a >= b) || (s == 0 && a == b))) {
      ThrowBoundaries(std::to_string(a), std::to_string(b), std::to_string(s));
    }
    int64_t length = s == 0 ? 1 : static_cast<int64_t>((static_cast<__int128>(b) - a) / s + 1);
    CheckLength(length);
    for (int64_t k = 0; k < length; ++k) values.push_back(static_cast<T>(a + k * s));
    offsets[i + 1] = static_cast<int32_t>(values.size());
  }
  VectorPtr elements = Vector::Make(type->element, static_cast<int64_t>(values.size()));
  std::copy(values.begin(), values.end(), elements->Data<T>());
  return MakeListVector(type, std::move(offsets), {elements}, nulls);
}

// Date and timestamp sequences: each next value is start plus k steps of months and micros.
VectorPtr TimeSequence(const TypePtr& type, const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
  bool date = type->element->id == TypeId::kDate;
  const Vector& start = *args[0];
  const Vector& stop = *args[1];
  const Vector* step = args.size() > 2 ? args[2].get() : nullptr;
  bool months_step = step && step->type()->id == TypeId::kYearMonthInterval;
  ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
  std::vector<int32_t> offsets(rows + 1, 0);
  std::vector<uint8_t> nulls(rows, 0);
  std::vector<int64_t> values;
  for (int64_t i = 0; i < rows; ++i) {
    offsets[i + 1] = offsets[i];
    if (start.IsNull(i) || stop.IsNull(i) || (step && step->IsNull(i))) {
      nulls[i] = 1;
      continue;
    }
    int64_t a = date ? start.Data<int32_t>()[i] : start.Data<int64_t>()[i];
    int64_t b = date ? stop.Data<int32_t>()[i] : stop.Data<int64_t>()[i];
    int64_t months = months_step ? step->Data<int32_t>()[i] : 0;
    int64_t micros = !step ? (a <= b ? 86400000000LL : -86400000000LL) : months_step ? 0 : step->Data<int64_t>()[i];
    if (date && micros % 86400000000LL != 0) {
      throw SparkError("INVALID_PARAMETER_VALUE.SEQUENCE_STEP", "22023",
                       "sequence step must be a day interval if start and end values are dates", {});
    }
    int64_t direction = months != 0 ? months : micros;
    if (!((direction > 0 && a <= b) || (direction < 0 && a >= b) || (direction == 0 && a == b))) {
      ThrowBoundaries(std::to_string(a), std::to_string(b), std::to_string(direction));
    }
    for (int64_t k = 0;; ++k) {
      int64_t value;
      if (date) {
        value = months_step ? AddMonthsToDate(a, k * months) : a + k * (micros / 86400000000LL);
      } else {
        value = (months_step ? AddMonthsToTimestamp(a, k * months, zone) : a) + k * micros;
      }
      if (direction == 0 ? k > 0 : direction > 0 ? value > b : value < b) break;
      values.push_back(value);
      CheckLength(static_cast<int64_t>(values.size()) - offsets[i]);
    }
    offsets[i + 1] = static_cast<int32_t>(values.size());
  }
  VectorPtr elements = Vector::Make(type->element, static_cast<int64_t>(values.size()));
  for (size_t k = 0; k < values.size(); ++k) {
    if (date) {
      elements->Data<int32_t>()[k] = static_cast<int32_t>(values[k]);
    } else {
      elements->Data<int64_t>()[k] = values[k];
    }
  }
  return MakeListVector(type, std::move(offsets), {elements}, nulls);
}

BoundScalar BindSequence(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("sequence", args, 2, 3);
  TypePtr common = FindTightestCommonType(args[0].type, args[1].type);
  bool integral = common && common->IsIntegral();
  bool time = common && (common->id == TypeId::kDate || common->id == TypeId::kTimestamp || common->id == TypeId::kTimestampNtz);
  if (!integral && !time) {
    ThrowUnexpectedType("sequence", common && !args[0].type->IsIntegral() ? 0 : 1,
                        "(\"INTEGRAL\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\")", *args[0].type);
  }
  std::vector<TypePtr> types = {common, common};
  if (args.size() == 3) {
    const DataType& step = *args[2].type;
    if (integral) {
      if (!step.IsIntegral() && step.id != TypeId::kNull) ThrowUnexpectedType("sequence", 2, "\"INTEGRAL\"", step);
      types.push_back(common);
    } else {
      if (!step.IsInterval()) ThrowUnexpectedType("sequence", 2, "\"INTERVAL\"", step);
      types.push_back(args[2].type);
    }
  }
  TypePtr type = ArrayType(common, false);
  BoundScalar bound = FixedBinding(types, type, nullptr);
  if (integral) {
    bound.kernel = DispatchIntegral(*common, [type](auto tag) -> ScalarKernel {
      using T = decltype(tag);
      return [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) { return IntegralSequence<T>(type, a, rows); };
    });
  } else {
    bound.kernel = [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& c) { return TimeSequence(type, a, rows, c); };
  }
  return bound;
}

}  // namespace

void RegisterSequenceFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("sequence",
                          "sequence(start, stop[, step]): the values from start to stop (inclusive) by step (1 or -1 for "
                          "integers, one day for dates and timestamps).",
                          BindSequence,
                          {{"sequence(1, 5, 2)", "[1, 3, 5]"}, {"sequence(3, 1)", "[3, 2, 1]"},
                           {"sequence(DATE '2024-01-30', DATE '2024-02-01')", "[2024-01-30, 2024-01-31, 2024-02-01]"}}));
}

}  // namespace ember
