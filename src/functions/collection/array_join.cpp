// array_join(array, delimiter[, nullReplacement]): the elements as text joined by the delimiter;
// null elements are skipped unless replaced.
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

VectorPtr Join(const std::vector<VectorPtr>& args, int64_t rows) {
  const Vector& array = *args[0];
  const Vector& delimiter = *args[1];
  const Vector* replacement = args.size() > 2 ? args[2].get() : nullptr;
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  VectorBuilder builder(StringType(), rows);
  std::string text;
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i) || delimiter.IsNull(i) || (replacement && replacement->IsNull(i))) {
      builder.AppendNull();
      continue;
    }
    text.clear();
    bool first = true;
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (elements.IsNull(k) && !replacement) continue;
      if (!first) text.append(delimiter.GetString(i));
      text.append(elements.IsNull(k) ? replacement->GetString(i) : elements.GetString(k));
      first = false;
    }
    builder.AppendString(text);
  }
  return builder.Finish();
}

BoundScalar BindJoin(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("array_join", args, 2, 3);
  RequireArray("array_join", args, 0);
  std::vector<TypePtr> types = {ArrayType(StringType(), args[0].type->contains_null), StringType()};
  if (args.size() == 3) types.push_back(StringType());
  return FixedBinding(types, StringType(), [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) { return Join(a, rows); });
}

}  // namespace

void RegisterArrayJoinFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("array_join",
                          "array_join(array, delimiter[, nullReplacement]): the elements joined by delimiter (nulls "
                          "skipped, or replaced by nullReplacement).",
                          BindJoin, {{"array_join(array('a', NULL, 'b'), '-')", "a-b"}, {"array_join(array('a', NULL), ',', '?')", "a,?"}}));
}

}  // namespace ember
