// Column and field names compared as Spark compares them: ignoring ASCII case unless
// spark.sql.caseSensitive is on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"

namespace ember {

bool NamesEqual(std::string_view a, std::string_view b, bool case_sensitive = false);
// The position of the field named `name` in `schema`, or -1.
int FindFieldIndex(const Schema& schema, std::string_view name, bool case_sensitive = false);
// The position of `name` among `names`, or -1.
int FindNameIndex(const std::vector<std::string>& names, std::string_view name, bool case_sensitive = false);

}  // namespace ember
