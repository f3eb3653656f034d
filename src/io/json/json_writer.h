// Writes batches as JSON Lines the way Spark's df.write.json does: one object per row with the
// fields in schema order, NULL struct fields omitted unless ignoreNullFields=false, dates as
// "yyyy-MM-dd", timestamps as "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in the session time zone (or the
// dateFormat / timestampFormat patterns), doubles as Java prints them, binary as base64, maps as
// objects. Output is plain or gzip-compressed.
#pragma once

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "functions/json/json_options.h"
#include "plan/data_source.h"

namespace ember {

std::unique_ptr<FileWriter> CreateJsonWriter(const std::string& path, const Schema& schema,
                                             const JsonOptions& options, const absl::TimeZone& zone);

}  // namespace ember
