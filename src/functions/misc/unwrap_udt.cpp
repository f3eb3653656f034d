// unwrap_udt(udt_value): a user-defined type's value (ML vectors and matrices) as its underlying
// struct, sharing the input's child columns.
#include "common/calendar_interval.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"

namespace ember {
namespace {

BoundScalar BindUnwrapUdt(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("unwrap_udt", args, 1, 1);
  const DataType& type = *args[0].type;
  if (type.udt.empty() || IsCalendarInterval(type)) ThrowUnexpectedType("unwrap_udt", 0, "\"USERDEFINEDTYPE\"", type);
  TypePtr underlying = StructType(type.fields);
  BoundScalar bound;
  bound.arg_types = {args[0].type};
  bound.result_type = underlying;
  bound.kernel = [underlying](const std::vector<VectorPtr>& in, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(underlying, rows);
    out->children() = in[0]->children();
    AndValidity(*out, *in[0]);
    return out;
  };
  return bound;
}

}  // namespace

void RegisterUnwrapUdtFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("unwrap_udt", "unwrap_udt(udt_value): the value of a user-defined type (an ML vector or matrix) as its struct.",
                          BindUnwrapUdt));
}

}  // namespace ember
