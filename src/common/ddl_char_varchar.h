// Whether DDL text names CHAR(n) or VARCHAR(n). ParseDataType and ParseSchemaDdl read both as
// STRING; functions taking a type argument ask this to refuse them as Spark does (types.cpp).
#pragma once

#include <string>

namespace ember {

// `text` as one type or a table schema; false when it parses as neither.
bool DdlNamesCharVarchar(const std::string& text);

}  // namespace ember
