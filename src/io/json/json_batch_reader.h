// Reads one split of a JSON Lines file into batches of about kBatchRows rows with the columns of
// the read schema. Each non-blank line is one record (a top-level array gives one record per
// object in it). Malformed lines and values that do not fit their column are handled by the parse
// mode: PERMISSIVE keeps the record (unparseable values NULL, the raw line in the corrupt-record
// column when the read schema has it), DROPMALFORMED drops it, FAILFAST throws
// MALFORMED_RECORD_IN_PARSING naming the file, line and record. With singleVariantColumn each line
// is one record, read whole as a variant as parse_json reads it. `allow_duplicate_keys`
// (spark.sql.variant.allowDuplicateKeys): a key repeated in a variant value keeps its last value
// instead of making the record malformed.
#pragma once

#include <memory>

#include "absl/time/time.h"
#include "functions/json/json_options.h"
#include "plan/data_source.h"

namespace ember {

std::unique_ptr<BatchReader> OpenJsonSplit(const FileSplit& split, const Schema& read_schema,
                                           const JsonOptions& options, const absl::TimeZone& zone,
                                           bool allow_duplicate_keys);

}  // namespace ember
