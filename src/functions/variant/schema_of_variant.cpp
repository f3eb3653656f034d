// schema_of_variant(v): the SQL type of a variant's value as text ("OBJECT<a: BIGINT>",
// "ARRAY<STRING>", "DECIMAL(3,2)"...); schema_of_variant_agg(v): the type that holds every
// variant of the group. Integers are BIGINT; an array's element type merges its elements' types:
// equal types stay, VOID gives way to any type, integers and decimals widen to a decimal, numbers
// with a double to DOUBLE, objects merge field by field, anything else is VARIANT.
#include <algorithm>
#include <map>

#include "common/error.h"
#include "common/variant.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/variant/variant_cast.h"

namespace ember {
namespace {

TypePtr WiderDecimal(const DataType& a, const DataType& b) {
  int scale = std::max(a.scale, b.scale);
  int range = std::max(a.precision - a.scale, b.precision - b.scale);
  return DecimalType(std::min(range + scale, kMaxDecimalPrecision), std::min(scale, kMaxDecimalPrecision));
}

TypePtr AsDecimal(const TypePtr& t) { return t->id == TypeId::kLong ? DecimalType(20, 0) : t; }

TypePtr MergeSchema(const TypePtr& a, const TypePtr& b) {
  if (a->Equals(*b)) return a;
  if (a->id == TypeId::kNull) return b;
  if (b->id == TypeId::kNull) return a;
  if (IsVariant(*a) || IsVariant(*b)) return VariantType();
  if (a->id == TypeId::kStruct && b->id == TypeId::kStruct) {
    std::map<std::string, TypePtr> fields;
    for (const auto& f : a->fields) fields[f.name] = f.type;
    for (const auto& f : b->fields) {
      auto [it, inserted] = fields.emplace(f.name, f.type);
      if (!inserted) it->second = MergeSchema(it->second, f.type);
    }
    std::vector<StructField> merged;
    for (auto& [name, type] : fields) merged.push_back({name, type, true});
    return StructType(std::move(merged));
  }
  if (a->id == TypeId::kArray && b->id == TypeId::kArray) return ArrayType(MergeSchema(a->element, b->element));
  auto exact = [](const DataType& t) { return t.id == TypeId::kLong || t.id == TypeId::kDecimal; };
  if (exact(*a) && exact(*b)) return WiderDecimal(*AsDecimal(a), *AsDecimal(b));
  auto number = [&](const DataType& t) { return exact(t) || t.id == TypeId::kDouble || t.id == TypeId::kFloat; };
  if (number(*a) && number(*b)) return DoubleType();
  return VariantType();
}

TypePtr SchemaOf(const VariantView& v) {
  switch (v.kind()) {
    case VariantKind::kNull: return NullType();
    case VariantKind::kBoolean: return BooleanType();
    case VariantKind::kLong: return LongType();
    case VariantKind::kDouble: return DoubleType();
    case VariantKind::kFloat: return FloatType();
    case VariantKind::kDecimal: {
      auto [unscaled, scale] = v.GetDecimal();
      return DecimalType(std::max(DecimalDigits(unscaled), scale), scale);
    }
    case VariantKind::kString: return StringType();
    case VariantKind::kBinary: return BinaryType();
    case VariantKind::kDate: return DateType();
    case VariantKind::kTimestamp: return TimestampType();
    case VariantKind::kTimestampNtz: return TimestampNtzType();
    case VariantKind::kObject: {
      std::vector<StructField> fields;
      for (int64_t i = 0; i < v.ObjectSize(); ++i) fields.push_back({std::string(v.FieldKey(i)), SchemaOf(v.FieldValue(i)), true});
      return StructType(std::move(fields));
    }
    case VariantKind::kArray: {
      TypePtr element = NullType();
      for (int64_t i = 0; i < v.ArraySize(); ++i) element = MergeSchema(element, SchemaOf(v.Element(i)));
      return ArrayType(element);
    }
  }
  return VariantType();
}

// Spark's text of a variant schema: structs are OBJECT<name: TYPE, ...>.
std::string SchemaText(const DataType& t) {
  if (t.id == TypeId::kStruct && !IsVariant(t)) {
    std::string out = "OBJECT<";
    for (size_t i = 0; i < t.fields.size(); ++i) {
      if (i) out += ", ";
      out += QuoteIdentifierIfNeeded(t.fields[i].name) + ": " + SchemaText(*t.fields[i].type);
    }
    return out + ">";
  }
  if (t.id == TypeId::kArray) return "ARRAY<" + SchemaText(*t.element) + ">";
  return t.Sql();
}

BoundScalar BindSchemaOfVariant(const std::vector<BindArg>& args, const EvalContext&) {
  CheckVariantArg("schema_of_variant", args);
  BoundScalar bound;
  bound.arg_types = {VariantType()};
  bound.result_type = StringType();
  bound.kernel = [](const std::vector<VectorPtr>& in, int64_t rows, EvalContext&) {
    const Vector& input = *in[0];
    VectorBuilder out(StringType(), rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) {
        out.AppendNull();
      } else {
        out.AppendString(SchemaText(*SchemaOf(VariantView::Of(input, i))));
      }
    }
    return out.Finish();
  };
  return bound;
}

// Per group: the merged schema so far (void until a value arrives). Partial states carry it as DDL.
class SchemaAccumulator : public Accumulator {
 public:
  void Resize(int64_t groups) override { schemas_.resize(groups, NullType()); }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[0];
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) continue;
      TypePtr& schema = schemas_[group_ids[i]];
      schema = MergeSchema(schema, SchemaOf(VariantView::Of(input, i)));
    }
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& input = *states[0];
    for (int64_t i = 0; i < rows; ++i) {
      TypePtr& schema = schemas_[group_ids[i]];
      schema = MergeSchema(schema, ParseDataType(std::string(input.GetString(i))));
    }
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorBuilder out(StringType(), end - begin);
    for (int64_t g = begin; g < end; ++g) out.AppendString(schemas_[g]->Sql());
    return {out.Finish()};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorBuilder out(StringType(), end - begin);
    for (int64_t g = begin; g < end; ++g) out.AppendString(SchemaText(*schemas_[g]));
    return out.Finish();
  }
  int64_t MemoryBytes() const override { return static_cast<int64_t>(schemas_.size() * sizeof(TypePtr)); }

 private:
  std::vector<TypePtr> schemas_;
};

BoundAggregate BindSchemaOfVariantAgg(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckVariantArg("schema_of_variant_agg", args);
  BoundAggregate bound;
  bound.arg_types = {VariantType()};
  bound.result_type = StringType();
  bound.partial_types = {StringType()};
  bound.result_nullable = false;
  bound.create = [] { return std::make_unique<SchemaAccumulator>(); };
  return bound;
}

}  // namespace

void RegisterSchemaOfVariantFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("schema_of_variant",
                          "schema_of_variant(v): the SQL type of the variant's value as text (objects as OBJECT<...>).",
                          BindSchemaOfVariant,
                          {{"schema_of_variant(parse_json('{\"b\": [1, 2.5], \"a\": \"x\"}'))",
                            "OBJECT<a: STRING, b: ARRAY<DECIMAL(21,1)>>"}}));
  registry.Add(MakeAggregate("schema_of_variant_agg",
                             "schema_of_variant_agg(v): the SQL type that holds every variant of the group, as text.",
                             BindSchemaOfVariantAgg));
}

}  // namespace ember
