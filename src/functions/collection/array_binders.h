// Array forms of functions registered with the string functions: reverse(array) and
// concat(array, ...), which their binders hand over to when an argument is an array.
#pragma once

#include <vector>

#include "functions/function.h"

namespace ember {

BoundScalar BindArrayReverse(const std::vector<BindArg>& args);
BoundScalar BindArrayConcat(const std::vector<BindArg>& args, const EvalContext& ctx);

}  // namespace ember

namespace ember {

// array_sort(array) without a comparator: ascending, nulls last (array_sort.cpp).
BoundScalar BindArraySortNatural(const std::vector<BindArg>& args);

}  // namespace ember
