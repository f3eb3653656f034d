// Errors of file formats about the columns they are asked to write.
#pragma once

#include <string>

#include "common/types.h"

namespace ember {

// UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE for a column `format` ("CSV", "Text") cannot hold.
[[noreturn]] void ThrowUnsupportedColumnType(const std::string& format, const StructField& field);

}  // namespace ember
