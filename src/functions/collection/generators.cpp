// The generator functions (functions/generators.h): each returns the rows to generate for an input
// row as an array of structs, sharing the input's vectors where it can.
#include "functions/generators.h"

#include "functions/collection/nested_util.h"
#include "functions/executor.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

const char* const kGenerators[] = {"explode", "explode_outer", "posexplode", "posexplode_outer",
                                   "inline", "inline_outer", "stack", "json_tuple", "window",
                                   "variant_explode", "variant_explode_outer"};

// explode / posexplode of an array or map: struct<[pos,] col> or struct<[pos,] key, value>.
BoundScalar BindExplode(const std::string& name, bool with_position, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  const DataType& input = *args[0].type;
  std::vector<StructField> fields;
  if (with_position) fields.push_back({"pos", IntType(), false});
  if (input.id == TypeId::kArray) {
    fields.push_back({"col", input.element, input.contains_null});
  } else if (input.id == TypeId::kMap) {
    fields.push_back({"key", input.element, false});
    fields.push_back({"value", input.value, input.contains_null});
  } else {
    ThrowUnexpectedType(name, 0, "(\"ARRAY\" or \"MAP\")", input);
  }
  TypePtr type = ArrayType(StructType(std::move(fields)), false);
  return FixedBinding({args[0].type}, type, [type, with_position](const std::vector<VectorPtr>& a, int64_t, EvalContext&) {
    const Vector& input = *a[0];
    int64_t total = input.child(0)->length();
    std::vector<VectorPtr> columns;
    if (with_position) {
      VectorPtr pos = Vector::Make(IntType(), total);
      int32_t* p = pos->Data<int32_t>();
      const int32_t* o = input.Offsets();
      for (int64_t i = 0; i < input.length(); ++i) {
        for (int32_t k = o[i]; k < o[i + 1]; ++k) p[k] = k - o[i];
      }
      columns.push_back(pos);
    }
    for (const auto& child : input.children()) columns.push_back(child);
    VectorPtr elements = Vector::Make(type->element, total);
    elements->children() = std::move(columns);
    return MakeListVector(type, OffsetsOf(input), {elements}, NullsOf(input));
  });
}

BoundScalar BindInline(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  const TypePtr& element = RequireArray(name, args, 0);
  if (element->id != TypeId::kStruct) ThrowUnexpectedType(name, 0, "\"ARRAY<STRUCT>\"", *args[0].type);
  return FixedBinding({args[0].type}, args[0].type, [](const std::vector<VectorPtr>& a, int64_t, EvalContext&) { return a[0]; });
}

// stack(n, v1, ..., vk): n rows of ceil(k / n) columns col0, col1, ..., filled row by row.
BoundScalar BindStack(const std::vector<BindArg>& args, const EvalContext& ctx) {
  if (args.size() < 2) CheckArgCount("stack", args, 2, 1 << 16);
  if (!args[0].type->IsIntegral() || !args[0].literal || args[0].literal->is_null || args[0].literal->i64 <= 0) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                     {{"sqlExpr", QuoteIdentifier("stack")}, {"inputName", "`n`"}, {"inputType", "\"INT\""},
                      {"inputExpr", "\"" + args[0].name + "\""}});
  }
  int64_t n = args[0].literal->i64;
  int64_t values = static_cast<int64_t>(args.size()) - 1;
  int64_t width = (values + n - 1) / n;
  std::vector<StructField> fields;
  std::vector<TypePtr> arg_types(args.size());
  arg_types[0] = args[0].type;
  for (int64_t c = 0; c < width; ++c) {
    std::vector<TypePtr> types;
    bool nullable = false;
    for (int64_t r = 0; r < n; ++r) {
      int64_t k = 1 + r * width + c;
      if (k < static_cast<int64_t>(args.size())) {
        types.push_back(args[k].type);
        nullable |= args[k].nullable;
      } else {
        nullable = true;
      }
    }
    TypePtr common = FindWiderCommonType(types, ctx.ansi);
    if (!common) {
      throw SparkError("DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES",
                       {{"sqlExpr", QuoteIdentifier("stack")}, {"columnIndex", std::to_string(c)},
                        {"leftParamIndex", "1"}, {"leftType", QuotedUpperType(*types[0])},
                        {"rightParamIndex", "2"}, {"rightType", QuotedUpperType(*types.back())}});
    }
    for (int64_t r = 0; r < n; ++r) {
      int64_t k = 1 + r * width + c;
      if (k < static_cast<int64_t>(args.size())) arg_types[k] = common;
    }
    fields.push_back({"col" + std::to_string(c), common, nullable});
  }
  TypePtr type = ArrayType(StructType(fields), false);
  return FixedBinding(arg_types, type, [type, n, width](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const auto& fields = type->element->fields;
    std::vector<VectorPtr> columns;
    for (int64_t c = 0; c < width; ++c) {
      // Column c of generated row r of input row i is argument 1 + r * width + c at row i.
      std::vector<VectorPtr> parts;
      std::vector<int64_t> part_of_row;
      for (int64_t r = 0; r < n; ++r) {
        size_t k = 1 + r * width + c;
        part_of_row.push_back(k < a.size() ? static_cast<int64_t>(parts.size()) : -1);
        if (k < a.size()) parts.push_back(a[k]);
      }
      VectorPtr all = parts.empty() ? Vector::Make(fields[c].type, 0) : ConcatVectors(parts);
      std::vector<int32_t> take;
      take.reserve(rows * n);
      for (int64_t i = 0; i < rows; ++i) {
        for (int64_t r = 0; r < n; ++r) {
          take.push_back(part_of_row[r] < 0 ? -1 : static_cast<int32_t>(part_of_row[r] * rows + i));
        }
      }
      columns.push_back(GatherOrNull(*all, take));
    }
    VectorPtr elements = Vector::Make(type->element, rows * n);
    elements->children() = std::move(columns);
    std::vector<int32_t> offsets(rows + 1);
    for (int64_t i = 0; i <= rows; ++i) offsets[i] = static_cast<int32_t>(i * n);
    return MakeListVector(type, std::move(offsets), {elements});
  });
}

}  // namespace

bool IsGeneratorFunction(const std::string& name) {
  for (const char* generator : kGenerators) {
    if (name == generator) return true;
  }
  return false;
}

bool IsOuterGenerator(const std::string& name) {
  return name.size() > 6 && name.compare(name.size() - 6, 6, "_outer") == 0;
}

void RegisterGeneratorFunctions(FunctionRegistry& registry) {
  for (std::string name : {"explode", "explode_outer", "posexplode", "posexplode_outer"}) {
    bool position = name.rfind("pos", 0) == 0;
    std::string doc = name + "(expr): a row per element of an array (column col) or entry of a map (key, value)" +
                      (position ? ", with its position pos" : "") +
                      (IsOuterGenerator(name) ? "; a null or empty input still gives one row of nulls." : ".");
    registry.Add(MakeScalar(name, doc,
                            [name, position](const std::vector<BindArg>& a, const EvalContext&) { return BindExplode(name, position, a); },
                            {{name + "(array(10))", position ? "0" : "10"}}));
  }
  for (std::string name : {"inline", "inline_outer"}) {
    registry.Add(MakeScalar(name, name + "(array of structs): a row per struct, a column per field.",
                            [name](const std::vector<BindArg>& a, const EvalContext&) { return BindInline(name, a); },
                            {{name + "(array(struct(1, 'a')))", "1"}}));
  }
  registry.Add(MakeScalar("stack", "stack(n, expr1, ..., exprk): the values as n rows of ceil(k / n) columns col0, col1, ...",
                          BindStack, {{"stack(1, 'x', 2)", "x"}}));
}

}  // namespace ember
