// Spark's implicit type coercion rules, shared by the function binders and by the analyzer (union,
// CASE WHEN, COALESCE, IN). All functions return nullptr when no common type exists; they never
// throw. `ansi` selects Spark 4's ANSI coercion (the default) or the legacy rules where they differ.
#pragma once

#include <vector>

#include "common/types.h"

namespace ember {

// The decimal type that holds every value of an integral type: byte -> decimal(3,0),
// short -> (5,0), int -> (10,0), long -> (20,0). Decimals map to themselves; others to nullptr.
TypePtr DecimalForIntegral(const DataType& type);

// Spark's findTightestCommonType: null widens to anything, numerics widen along
// byte < short < int < long < float < double (integral with float gives double), date with
// timestamp gives timestamp, intervals of one kind span both types' fields, equal types stay;
// decimals only with equal decimals.
TypePtr FindTightestCommonType(const TypePtr& a, const TypePtr& b);

// Spark's findWiderTypeForTwo: the tightest type, plus decimal widening (decimal with decimal or
// integral gives a decimal wide enough for both, bounded to 38 digits; decimal with float/double
// gives double) and string promotion: ANSI turns (integral, string) into long, (float, double or
// decimal, string) into double, (date/timestamp/boolean/binary, string) into that type; legacy
// makes (atomic, string) a string. Arrays, maps and structs widen element-wise.
TypePtr FindWiderTypeForTwo(const TypePtr& a, const TypePtr& b, bool ansi);
// The wider type of all `types` (the rule CASE WHEN, COALESCE and UNION use), or nullptr.
TypePtr FindWiderCommonType(const std::vector<TypePtr>& types, bool ansi);

// The type both sides of a comparison are cast to: the wider type, except that legacy mode
// compares strings with numerics as doubles.
TypePtr CommonTypeForComparison(const TypePtr& a, const TypePtr& b, bool ansi);

// The type both operands of + - * % are cast to (numerics only after string promotion): the
// wider numeric type; for decimals, each side's own decimal (integrals as DecimalForIntegral).
// Returns nullptr when an operand is not numeric (after promoting strings).
TypePtr CommonTypeForArithmetic(const TypePtr& a, const TypePtr& b, bool ansi);

enum class DecimalOp { kAdd, kSubtract, kMultiply, kDivide, kRemainder };
// Result type of a decimal operation per Spark (spark.sql.decimalOperations.allowPrecisionLoss
// true): add/sub (max(p1-s1,p2-s2)+max(s1,s2)+1, max(s1,s2)); mul (p1+p2+1, s1+s2);
// div (p1-s1+s2+max(6,s1+p2+1), max(6,s1+p2+1)); rem (min(p1-s1,p2-s2)+max(s1,s2), max(s1,s2));
// then results over 38 digits keep their integral digits and give up scale down to 6.
TypePtr DecimalResultType(DecimalOp op, const DataType& a, const DataType& b);
// Spark's DecimalType.adjustPrecisionScale.
TypePtr AdjustDecimalPrecisionScale(int precision, int scale);
// Spark's DecimalType.bounded: both capped at 38.
TypePtr BoundedDecimal(int precision, int scale);

}  // namespace ember
