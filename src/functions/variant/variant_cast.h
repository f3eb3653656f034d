// Variants to SQL values, as variant_get, try_variant_get and CAST(variant AS type) convert them:
// a scalar goes through a try-mode cast from its own type (bigint for integers, decimal without
// trailing zeros...), objects become structs (fields by name, missing ones null) or maps with
// string keys, arrays become arrays; a variant null is a SQL null. A value that does not convert
// is INVALID_VARIANT_CAST, or null in try mode (at the level where it fails).
#pragma once

#include "common/vector.h"
#include "functions/eval_context.h"
#include "functions/function.h"
#include "functions/variant/variant_codec.h"

namespace ember {

// Whether variants can be cast to `target` (atomic types but void and intervals, arrays, maps with
// string keys, structs of them, variant).
bool CanCastFromVariant(const DataType& target);

class VariantCaster {
 public:
  // `fail`: throw INVALID_VARIANT_CAST instead of giving null.
  VariantCaster(TypePtr target, bool fail, EvalContext& ctx) : target_(std::move(target)), fail_(fail), ctx_(ctx) {}
  // Appends `v` converted to `type` (the target or a part of it) to `out`.
  void Append(const VariantView& v, const TypePtr& type, VectorBuilder& out);
  const TypePtr& target() const { return target_; }

 private:
  void Invalid(const VariantView& v, const TypePtr& type, VectorBuilder& out);
  void AppendScalar(const VariantView& v, const TypePtr& type, VectorBuilder& out);

  TypePtr target_;
  bool fail_;
  EvalContext& ctx_;
};

// Throws WRONG_NUM_ARGS unless there is one argument, UNEXPECTED_INPUT_TYPE unless it is a variant.
void CheckVariantArg(const std::string& name, const std::vector<BindArg>& args);

// CAST(variant AS target) over a vector.
VectorPtr CastFromVariant(const Vector& input, const TypePtr& target, EvalContext& ctx, bool try_cast);

}  // namespace ember
