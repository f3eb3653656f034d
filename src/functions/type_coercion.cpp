#include "functions/type_coercion.h"

#include <algorithm>

namespace ember {
namespace {

// Position in Spark's numeric precedence (byte < short < int < long < float < double).
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kByte: return 1;
    case TypeId::kShort: return 2;
    case TypeId::kInt: return 3;
    case TypeId::kLong: return 4;
    case TypeId::kFloat: return 5;
    case TypeId::kDouble: return 6;
    default: return 0;
  }
}

TypePtr NumericOfRank(int rank) {
  switch (rank) {
    case 1: return ByteType();
    case 2: return ShortType();
    case 3: return IntType();
    case 4: return LongType();
    case 5: return FloatType();
    default: return DoubleType();
  }
}

bool IsAtomic(const DataType& t) { return !t.IsNested() && t.id != TypeId::kNull; }

TypePtr WiderDecimal(const DataType& a, const DataType& b) {
  TypePtr da = DecimalForIntegral(a);
  TypePtr db = DecimalForIntegral(b);
  if (!da || !db) return nullptr;
  int scale = std::max(da->scale, db->scale);
  int range = std::max(da->precision - da->scale, db->precision - db->scale);
  return BoundedDecimal(range + scale, scale);
}

// Wider type for nested types element by element, with `widen` applied to the leaves.
template <typename Widen>
TypePtr WidenNested(const TypePtr& a, const TypePtr& b, Widen widen) {
  if (a->id != b->id) return nullptr;
  if (a->id == TypeId::kArray) {
    TypePtr e = widen(a->element, b->element);
    return e ? ArrayType(e, a->contains_null || b->contains_null) : nullptr;
  }
  if (a->id == TypeId::kMap) {
    TypePtr k = widen(a->element, b->element);
    TypePtr v = widen(a->value, b->value);
    return k && v ? MapType(k, v, a->contains_null || b->contains_null) : nullptr;
  }
  if (a->id == TypeId::kStruct) {
    if (a->fields.size() != b->fields.size()) return nullptr;
    std::vector<StructField> fields;
    for (size_t i = 0; i < a->fields.size(); ++i) {
      const StructField& fa = a->fields[i];
      const StructField& fb = b->fields[i];
      std::string la = fa.name, lb = fb.name;
      std::transform(la.begin(), la.end(), la.begin(), ::tolower);
      std::transform(lb.begin(), lb.end(), lb.begin(), ::tolower);
      if (la != lb) return nullptr;
      TypePtr t = widen(fa.type, fb.type);
      if (!t) return nullptr;
      fields.push_back({fa.name, t, fa.nullable || fb.nullable});
    }
    return StructType(std::move(fields));
  }
  return nullptr;
}

}  // namespace

TypePtr DecimalForIntegral(const DataType& type) {
  switch (type.id) {
    case TypeId::kByte: return DecimalType(3, 0);
    case TypeId::kShort: return DecimalType(5, 0);
    case TypeId::kInt: return DecimalType(10, 0);
    case TypeId::kLong: return DecimalType(20, 0);
    case TypeId::kDecimal: return DecimalType(type.precision, type.scale);
    default: return nullptr;
  }
}

TypePtr BoundedDecimal(int precision, int scale) {
  return DecimalType(std::min(precision, kMaxDecimalPrecision), std::min(scale, kMaxDecimalPrecision));
}

TypePtr AdjustDecimalPrecisionScale(int precision, int scale) {
  if (precision <= kMaxDecimalPrecision) return DecimalType(precision, scale);
  int int_digits = precision - scale;
  int min_scale = std::min(scale, 6);
  int adjusted = std::max(kMaxDecimalPrecision - int_digits, min_scale);
  return DecimalType(kMaxDecimalPrecision, adjusted);
}

TypePtr FindTightestCommonType(const TypePtr& a, const TypePtr& b) {
  if (a->Equals(*b)) return a;
  if (a->id == TypeId::kNull) return b;
  if (b->id == TypeId::kNull) return a;
  // Strings of two collations: the non-default one (the analyzer settles calls by precedence first).
  if (a->id == TypeId::kString && b->id == TypeId::kString) return a->collation != 0 ? a : b;
  int ra = NumericRank(a->id), rb = NumericRank(b->id);
  if (ra && rb) {
    // Integral with float widens to double (float cannot hold every long or int).
    if ((ra == 5 && rb <= 4) || (rb == 5 && ra <= 4)) return DoubleType();
    return NumericOfRank(std::max(ra, rb));
  }
  if ((a->id == TypeId::kDate && b->id == TypeId::kTimestamp) ||
      (a->id == TypeId::kTimestamp && b->id == TypeId::kDate))
    return TimestampType();
  if ((a->id == TypeId::kTimestampNtz && b->id == TypeId::kTimestamp) ||
      (a->id == TypeId::kTimestamp && b->id == TypeId::kTimestampNtz))
    return TimestampType();
  if ((a->id == TypeId::kDate && b->id == TypeId::kTimestampNtz) ||
      (a->id == TypeId::kTimestampNtz && b->id == TypeId::kDate))
    return TimestampNtzType();
  if (a->IsInterval() && a->id == b->id) {
    // Intervals of one kind widen to the span of both types' fields.
    auto type = std::make_shared<DataType>(*a);
    type->start_field = std::min(a->start_field, b->start_field);
    type->end_field = std::max(a->end_field, b->end_field);
    return type;
  }
  return WidenNested(a, b, FindTightestCommonType);
}

TypePtr FindWiderTypeForTwo(const TypePtr& a, const TypePtr& b, bool ansi) {
  if (TypePtr t = FindTightestCommonType(a, b)) return t;
  if (a->id == TypeId::kDecimal || b->id == TypeId::kDecimal) {
    const DataType& other = a->id == TypeId::kDecimal ? *b : *a;
    if (other.id == TypeId::kFloat || other.id == TypeId::kDouble) return DoubleType();
    if (TypePtr d = WiderDecimal(*a, *b)) return d;
  }
  bool a_str = a->id == TypeId::kString, b_str = b->id == TypeId::kString;
  if (a_str != b_str) {
    const DataType& other = a_str ? *b : *a;
    const TypePtr& other_ptr = a_str ? b : a;
    if (!IsAtomic(other)) return nullptr;
    if (!ansi) return StringType();
    if (other.IsIntegral()) return LongType();
    if (other.IsNumeric()) return DoubleType();
    switch (other.id) {
      case TypeId::kDate:
      case TypeId::kTimestamp:
      case TypeId::kTimestampNtz:
      case TypeId::kBoolean:
      case TypeId::kBinary: return other_ptr;
      default: return nullptr;
    }
  }
  return WidenNested(a, b, [ansi](const TypePtr& x, const TypePtr& y) {
    return FindWiderTypeForTwo(x, y, ansi);
  });
}

TypePtr FindWiderCommonType(const std::vector<TypePtr>& types, bool ansi) {
  if (types.empty()) return nullptr;
  TypePtr result = types[0];
  for (size_t i = 1; i < types.size() && result; ++i) result = FindWiderTypeForTwo(result, types[i], ansi);
  return result;
}

TypePtr CommonTypeForComparison(const TypePtr& a, const TypePtr& b, bool ansi) {
  if (!ansi) {
    bool a_str = a->id == TypeId::kString, b_str = b->id == TypeId::kString;
    if (a_str != b_str && (a_str ? b : a)->IsNumeric()) return DoubleType();
  }
  return FindWiderTypeForTwo(a, b, ansi);
}

TypePtr CommonTypeForArithmetic(const TypePtr& a, const TypePtr& b, bool ansi) {
  auto promote = [ansi](const TypePtr& self, const TypePtr& other) -> TypePtr {
    if (self->id == TypeId::kNull) return other->id == TypeId::kNull ? IntType() : other;
    if (self->id != TypeId::kString) return self;
    if (!ansi) return DoubleType();
    return other->IsIntegral() ? LongType() : DoubleType();
  };
  TypePtr pa = promote(a, b), pb = promote(b, a);
  if (pa->id == TypeId::kString || pa->id == TypeId::kNull) pa = ansi ? LongType() : DoubleType();
  if (pb->id == TypeId::kString || pb->id == TypeId::kNull) pb = ansi ? LongType() : DoubleType();
  if (!pa->IsNumeric() || !pb->IsNumeric()) return nullptr;
  return FindWiderTypeForTwo(pa, pb, ansi);
}

TypePtr DecimalResultType(DecimalOp op, const DataType& a, const DataType& b) {
  int p1 = a.precision, s1 = a.scale, p2 = b.precision, s2 = b.scale;
  switch (op) {
    case DecimalOp::kAdd:
    case DecimalOp::kSubtract: {
      int scale = std::max(s1, s2);
      return AdjustDecimalPrecisionScale(std::max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case DecimalOp::kMultiply: return AdjustDecimalPrecisionScale(p1 + p2 + 1, s1 + s2);
    case DecimalOp::kDivide: {
      int scale = std::max(6, s1 + p2 + 1);
      return AdjustDecimalPrecisionScale(p1 - s1 + s2 + scale, scale);
    }
    case DecimalOp::kRemainder: {
      int scale = std::max(s1, s2);
      return AdjustDecimalPrecisionScale(std::min(p1 - s1, p2 - s2) + scale, scale);
    }
  }
  return nullptr;
}

}  // namespace ember
