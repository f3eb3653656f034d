// The arguments Spark's expressions fill in when a call leaves them out (regexp_extract's group 1,
// substr's length, aes_encrypt's mode...). The analyzer adds them to the call, so that a column's
// name and an error's text show them as Spark's do.
#pragma once

#include <string>
#include <vector>

#include "expr/expr.h"

namespace ember {

void AddDefaultArguments(const std::string& function, std::vector<ExprPtr>& args);

}  // namespace ember
