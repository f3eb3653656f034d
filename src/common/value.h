// A single boxed value of some DataType: used for literals, constant folding and moving rows to
// Python. Never used on per-row hot paths.
#pragma once

#include <string>
#include <vector>

#include "common/types.h"
#include "common/vector.h"

namespace ember {

struct Value {
  TypePtr type = NullType();
  bool is_null = true;
  int64_t i64 = 0;      // boolean, byte, short, int, long, date, timestamp(_ntz), decimal <= 18
  int128_t i128 = 0;    // decimal with precision > 18
  double f64 = 0;       // float, double
  std::string str;      // string, binary
  std::vector<Value> children;  // array elements; map keys then values (2n); struct fields

  static Value Null(TypePtr type);
  static Value Boolean(bool v);
  static Value Int(int32_t v);
  static Value Long(int64_t v);
  static Value Double(double v);
  static Value String(std::string v);
  static Value Date(int32_t days);
  static Value Timestamp(int64_t micros);
  // Decimal from its unscaled value.
  static Value Decimal(int128_t unscaled, int precision, int scale);

  // The unscaled decimal value regardless of its storage width.
  int128_t DecimalUnscaled() const { return type->IsWideDecimal() ? i128 : i64; }
};

// Reads row `row` of `vector` into a Value.
Value GetValue(const Vector& vector, int64_t row);
// Appends `value` (of the builder's type) to `builder`.
void AppendValue(VectorBuilder& builder, const Value& value);
// A vector holding `value` `length` times.
VectorPtr MakeConstantVector(const Value& value, int64_t length);

// Decimal text: unscaled 12345 with scale 2 -> "123.45".
std::string DecimalToString(int128_t unscaled, int scale);
std::string Int128ToString(int128_t value);

}  // namespace ember
