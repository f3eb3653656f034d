// is_variant_null(v): whether v is a JSON null (false for a SQL NULL); is_valid_variant(v):
// whether v's bytes follow the Variant encoding (null for NULL).
#include "common/error.h"
#include "common/variant.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/variant/variant_cast.h"

namespace ember {
namespace {

// Reads every part of `v`: throws MALFORMED_VARIANT where the encoding breaks; false when object
// keys are not in strictly increasing order.
bool WellFormed(const VariantView& v) {
  switch (v.kind()) {
    case VariantKind::kObject:
      for (int64_t i = 0; i < v.ObjectSize(); ++i) {
        if (i > 0 && !(v.FieldKey(i - 1) < v.FieldKey(i))) return false;
        if (!WellFormed(v.FieldValue(i))) return false;
      }
      break;
    case VariantKind::kArray:
      for (int64_t i = 0; i < v.ArraySize(); ++i) {
        if (!WellFormed(v.Element(i))) return false;
      }
      break;
    case VariantKind::kString:
    case VariantKind::kBinary: v.GetString(); break;
    default: break;
  }
  return v.Size() <= static_cast<int64_t>(v.value().size());
}

bool IsValid(const VariantView& v) {
  try {
    return WellFormed(v) && v.Size() == static_cast<int64_t>(v.value().size());
  } catch (const SparkError&) {
    return false;
  }
}

BoundScalar BindIsVariantNull(const std::vector<BindArg>& args, const EvalContext&) {
  CheckVariantArg("is_variant_null", args);
  BoundScalar bound;
  bound.arg_types = {VariantType()};
  bound.result_type = BooleanType();
  bound.result_nullable = false;
  bound.kernel = [](const std::vector<VectorPtr>& in, int64_t rows, EvalContext&) {
    const Vector& input = *in[0];
    VectorPtr out = Vector::Make(BooleanType(), rows);
    uint8_t* values = out->Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) {
      values[i] = input.IsValid(i) && VariantView::Of(input, i).kind() == VariantKind::kNull;
    }
    return out;
  };
  return bound;
}

BoundScalar BindIsValidVariant(const std::vector<BindArg>& args, const EvalContext&) {
  CheckVariantArg("is_valid_variant", args);
  BoundScalar bound;
  bound.arg_types = {VariantType()};
  bound.result_type = BooleanType();
  bound.kernel = [](const std::vector<VectorPtr>& in, int64_t rows, EvalContext&) {
    const Vector& input = *in[0];
    VectorPtr out = Vector::Make(BooleanType(), rows);
    uint8_t* values = out->Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) values[i] = input.IsValid(i) && IsValid(VariantView::Of(input, i));
    AndValidity(*out, input);
    return out;
  };
  return bound;
}

}  // namespace

void RegisterVariantPredicateFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("is_variant_null",
                          "is_variant_null(v): whether v is a variant null (a JSON null); false for a SQL NULL.",
                          BindIsVariantNull,
                          {{"is_variant_null(parse_json('null'))", "true"}, {"is_variant_null(parse_json(NULL))", "false"}}));
  registry.Add(MakeScalar("is_valid_variant",
                          "is_valid_variant(v): whether v's bytes follow the Variant encoding; null for NULL.",
                          BindIsValidVariant, {{"is_valid_variant(parse_json('[{\"b\": 1, \"a\": 2}]'))", "true"}}));
}

}  // namespace ember
