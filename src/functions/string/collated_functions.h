// Spark 4.0's collation-aware string functions (its CollationSupport): contains, startswith,
// endswith, instr, locate/position, replace, split_part, substring_index, find_in_set, trim,
// ltrim, rtrim, btrim and translate match under the arguments' collation, greatest / least
// compare under it, and upper / lower / initcap take ICU's case mappings (the collation's
// locale's). The analyzer binds them as for UTF8_BINARY and then swaps in the kernel made
// here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "functions/function.h"

namespace ember {

bool HasCollatedKernel(const std::string& function);

// The kernel of `function` over `arg_types` (the arguments' types before the binding's casts)
// under the non-binary `collation`. Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for the
// collations Spark refuses in its string functions: case-sensitive accent-insensitive ones
// (UNICODE_AI...).
ScalarKernel CollatedKernel(const std::string& function, const std::vector<TypePtr>& arg_types, uint16_t collation);

}  // namespace ember
