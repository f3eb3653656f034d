// Struct field access (`s.a` in a column name): a resolved call to the internal
// `get_struct_field` function whose kernel hands out the field's child vector, nulled where the
// struct is null. args = {struct expression, int literal field ordinal}.
#pragma once

#include <string>

#include "expr/expr.h"
#include "plan/expr_text.h"

namespace ember {

// Resolved access to field `field` of the resolved struct expression `input`. Throws
// FIELD_NOT_FOUND (and for non-struct input, INVALID_EXTRACT_BASE_FIELD_TYPE).
ExprPtr GetStructField(const ExprPtr& input, const std::string& field, bool case_sensitive);

}  // namespace ember
