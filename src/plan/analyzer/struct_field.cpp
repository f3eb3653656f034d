#include "plan/analyzer/struct_field.h"

#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/name_resolution.h"

namespace ember {
namespace {

VectorPtr ExtractField(const Vector& input, size_t field) {
  const VectorPtr& child = input.child(field);
  if (!input.MayHaveNulls()) return child;
  VectorPtr result = SliceRows(*child, 0, input.length());
  for (int64_t i = 0; i < input.length(); ++i) {
    if (input.IsNull(i)) result->SetNull(i);
  }
  return result;
}

}  // namespace

ExprPtr GetStructField(const ExprPtr& input, const std::string& field, bool case_sensitive) {
  const DataType& type = *input->type;
  if (type.id != TypeId::kStruct) {
    throw SparkError("INVALID_EXTRACT_BASE_FIELD_TYPE", "42000",
                     "Can't extract a value from " + SqlExpr(*input) +
                         ". Need a complex type [STRUCT, ARRAY, MAP] but got " + SqlType(type) + ".",
                     {{"base", SqlExpr(*input)}, {"other", SqlType(type)}});
  }
  size_t ordinal = type.fields.size();
  for (size_t i = 0; i < type.fields.size(); ++i) {
    if (NamesEqual(type.fields[i].name, field, case_sensitive)) {
      ordinal = i;
      break;
    }
  }
  if (ordinal == type.fields.size()) ThrowFieldNotFound(field, type);
  const StructField& found = type.fields[ordinal];

  auto bound = std::make_shared<BoundScalar>();
  bound->result_type = found.type;
  bound->arg_types = {input->type, IntType()};
  bound->result_nullable = input->nullable || found.nullable;
  bound->kernel = [ordinal](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return ExtractField(*args[0], ordinal);
  };

  Expr node;
  node.kind = ExprKind::kFunction;
  node.name = kGetStructField;
  Expr index;
  index.kind = ExprKind::kLiteral;
  index.literal = Value::Int(static_cast<int32_t>(ordinal));
  index.type = IntType();
  index.nullable = false;
  node.args = {input, std::make_shared<const Expr>(std::move(index))};
  node.type = found.type;
  node.nullable = bound->result_nullable;
  node.scalar = std::move(bound);
  return std::make_shared<const Expr>(std::move(node));
}

}  // namespace ember
