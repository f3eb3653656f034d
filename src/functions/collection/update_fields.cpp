// with_field(s, name, value) and drop_fields(s, name, ...): the struct updates behind PySpark's
// Column.withField and Column.dropFields (Ember's own SQL names; Spark has no SQL form). A null
// struct stays null; the result shares the input's field vectors.
#include <algorithm>
#include <cctype>

#include "functions/executor.h"

namespace ember {
namespace {

bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const std::string& LiteralName(const std::string& function, const std::vector<BindArg>& args, size_t i) {
  if (!args[i].literal || args[i].literal->is_null || args[i].type->id != TypeId::kString) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                     {{"sqlExpr", QuoteIdentifier(function)}, {"inputName", "`fieldName`"},
                      {"inputType", "\"STRING\""}, {"inputExpr", "\"" + args[i].name + "\""}});
  }
  return args[i].literal->str;
}

// A struct of `type` with the input's validity and the children `sources` picks: an input field
// (>= 0) or argument -1 - k.
ScalarKernel Restructure(TypePtr type, std::vector<int> sources) {
  return [type, sources](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& input = *a[0];
    VectorPtr out = Vector::Make(type, rows);
    out->children().clear();
    for (int source : sources) out->children().push_back(source >= 0 ? input.child(source) : a[-1 - source]);
    if (const uint64_t* words = input.ValidityWords()) {
      std::copy(words, words + ValidityWordCount(rows), out->MutableValidityWords());
    }
    return out;
  };
}

BoundScalar BindWithField(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("with_field", args, 3, 3);
  const DataType& type = *args[0].type;
  if (type.id != TypeId::kStruct) ThrowUnexpectedType("with_field", 0, "\"STRUCT\"", type);
  const std::string& name = LiteralName("with_field", args, 1);
  std::vector<StructField> fields = type.fields;
  std::vector<int> sources;
  bool replaced = false;
  for (size_t f = 0; f < fields.size(); ++f) {
    if (SameName(fields[f].name, name)) {
      fields[f] = {fields[f].name, args[2].type, args[2].nullable};
      sources.push_back(-1 - 2);
      replaced = true;
    } else {
      sources.push_back(static_cast<int>(f));
    }
  }
  if (!replaced) {
    fields.push_back({name, args[2].type, args[2].nullable});
    sources.push_back(-1 - 2);
  }
  BoundScalar bound = FixedBinding({args[0].type, args[1].type, args[2].type}, StructType(fields), nullptr);
  bound.kernel = Restructure(bound.result_type, std::move(sources));
  bound.result_nullable = args[0].nullable;
  return bound;
}

BoundScalar BindDropFields(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("drop_fields", args, 2, 1 << 16);
  const DataType& type = *args[0].type;
  if (type.id != TypeId::kStruct) ThrowUnexpectedType("drop_fields", 0, "\"STRUCT\"", type);
  std::vector<std::string> dropped;
  for (size_t i = 1; i < args.size(); ++i) dropped.push_back(LiteralName("drop_fields", args, i));
  std::vector<StructField> fields;
  std::vector<int> sources;
  for (size_t f = 0; f < type.fields.size(); ++f) {
    bool drop = std::any_of(dropped.begin(), dropped.end(), [&](const std::string& d) { return SameName(type.fields[f].name, d); });
    if (drop) continue;
    fields.push_back(type.fields[f]);
    sources.push_back(static_cast<int>(f));
  }
  if (fields.empty()) throw SparkError("DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS", {{"sqlExpr", QuoteIdentifier("drop_fields")}});
  std::vector<TypePtr> arg_types;
  for (const auto& a : args) arg_types.push_back(a.type);
  BoundScalar bound = FixedBinding(arg_types, StructType(fields), nullptr);
  bound.kernel = Restructure(bound.result_type, std::move(sources));
  bound.result_nullable = args[0].nullable;
  return bound;
}

}  // namespace

void RegisterUpdateFieldsFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("with_field", "with_field(struct, name, value): the struct with field `name` set to value (added last when absent); Column.withField.",
                          BindWithField, {{"with_field(named_struct('a', 1), 'b', 2)", "{1, 2}"}}));
  registry.Add(MakeScalar("drop_fields", "drop_fields(struct, name, ...): the struct without the named fields; Column.dropFields.",
                          BindDropFields, {{"drop_fields(named_struct('a', 1, 'b', 2), 'a')", "{2}"}}));
}

}  // namespace ember
