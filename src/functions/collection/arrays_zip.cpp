// arrays_zip(a1, a2, ...): an array of structs whose n-th holds the n-th element of each array
// (null past an array's end); fields are named after the argument columns, else "0", "1", ...
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

VectorPtr Zip(const TypePtr& type, const std::vector<VectorPtr>& arrays, int64_t rows) {
  size_t n = arrays.size();
  std::vector<int32_t> offsets(rows + 1, 0);
  std::vector<uint8_t> nulls(rows, 0);
  std::vector<std::vector<int32_t>> take(n);
  for (int64_t i = 0; i < rows; ++i) {
    offsets[i + 1] = offsets[i];
    bool valid = true;
    int32_t length = 0;
    for (const auto& a : arrays) {
      valid &= a->IsValid(i);
      if (valid) length = std::max(length, a->Offsets()[i + 1] - a->Offsets()[i]);
    }
    if (!valid) {
      nulls[i] = 1;
      continue;
    }
    for (size_t j = 0; j < n; ++j) {
      const int32_t* o = arrays[j]->Offsets();
      for (int32_t k = 0; k < length; ++k) take[j].push_back(o[i] + k < o[i + 1] ? o[i] + k : -1);
    }
    offsets[i + 1] = offsets[i] + length;
  }
  int64_t total = offsets[rows];
  const TypePtr& element = type->element;
  VectorPtr structs = Vector::Make(element, total);
  std::vector<VectorPtr> fields;
  for (size_t j = 0; j < n; ++j) fields.push_back(GatherOrNull(*arrays[j]->child(0), take[j]));
  structs->children() = std::move(fields);
  return MakeListVector(type, std::move(offsets), {structs}, nulls);
}

BoundScalar BindZip(const std::vector<BindArg>& args, const EvalContext&) {
  std::vector<StructField> fields;
  std::vector<TypePtr> types;
  for (size_t i = 0; i < args.size(); ++i) {
    const TypePtr& element = RequireArray("arrays_zip", args, i);
    fields.push_back({args[i].name.empty() ? std::to_string(i) : args[i].name, element, true});
    types.push_back(args[i].type);
  }
  TypePtr type = ArrayType(StructType(std::move(fields)), false);
  return FixedBinding(types, type, [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return Zip(type, a, rows);
  });
}

}  // namespace

void RegisterArraysZipFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("arrays_zip", "arrays_zip(a1, a2, ...): the arrays merged element by element into structs.", BindZip,
                          {{"arrays_zip(array(1, 2), array('a'))", "[{1, a}, {2, NULL}]"}}));
}

}  // namespace ember
