// variant_explode(v) and variant_explode_outer(v), generators (functions/generators.h): a row per
// element of a variant array or field of a variant object, with columns pos (its position), key
// (the field's key; null for array elements) and value (a variant). Any other variant, and NULL,
// gives no row (the _outer form: one row of nulls).
#include "common/variant.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/variant/variant_cast.h"

namespace ember {
namespace {

TypePtr ExplodedType() {
  static const TypePtr type = ArrayType(
      StructType({{"pos", IntType(), false}, {"key", StringType(), true}, {"value", VariantType(), false}}), false);
  return type;
}

void AppendEntry(VectorBuilder& rows, int32_t pos, const std::string_view* key, const VariantView& value) {
  VectorBuilder& row = rows.Child(0);
  row.Child(0).Append<int32_t>(pos);
  if (key) {
    row.Child(1).AppendString(*key);
  } else {
    row.Child(1).AppendNull();
  }
  AppendVariantRow(row.Child(2), value.value().substr(0, value.Size()), value.metadata());
  row.FinishNested();
}

BoundScalar BindVariantExplode(const std::string& name, const std::vector<BindArg>& args) {
  CheckVariantArg(name, args);
  BoundScalar bound;
  bound.arg_types = {VariantType()};
  bound.result_type = ExplodedType();
  bound.kernel = [](const std::vector<VectorPtr>& in, int64_t rows, EvalContext&) {
    const Vector& input = *in[0];
    VectorBuilder out(ExplodedType(), rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) {
        out.AppendNull();
        continue;
      }
      VariantView v = VariantView::Of(input, i);
      if (v.kind() == VariantKind::kArray) {
        for (int64_t k = 0; k < v.ArraySize(); ++k) AppendEntry(out, static_cast<int32_t>(k), nullptr, v.Element(k));
      } else if (v.kind() == VariantKind::kObject) {
        for (int64_t k = 0; k < v.ObjectSize(); ++k) {
          std::string_view key = v.FieldKey(k);
          AppendEntry(out, static_cast<int32_t>(k), &key, v.FieldValue(k));
        }
      }
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

}  // namespace

void RegisterVariantExplodeFunctions(FunctionRegistry& registry) {
  for (std::string name : {"variant_explode", "variant_explode_outer"}) {
    registry.Add(MakeScalar(name,
                            name + "(v): a row (pos, key, value) per element of a variant array or field of a variant "
                                   "object" + (name.size() > 15 ? "; anything else still gives one row of nulls." : "."),
                            [name](const std::vector<BindArg>& a, const EvalContext&) { return BindVariantExplode(name, a); },
                            {{name + "(parse_json('[\"x\"]'))", "0"}}));
  }
}

}  // namespace ember
