// Reads one split of a CSV file into batches with the columns of the read schema. Lines are split
// into fields (csv_tokenizer.h) that map by position to the data schema's columns (the corrupt
// record column takes no field); the header line, empty lines and comment lines are skipped; a
// missing field is NULL and extra fields are ignored. Text converts to the column types as a cast
// does (dates and timestamps through dateFormat / timestampFormat, NaN and infinities through
// nanValue / positiveInf / negativeInf). A record with a value that does not convert, or with an
// unclosed quote, is malformed and handled by the parse mode: PERMISSIVE keeps it (the value
// NULL, the line in the corrupt record column when the read schema has it), DROPMALFORMED drops
// it, FAILFAST throws MALFORMED_RECORD_IN_PARSING naming the file.
#pragma once

#include <memory>

#include "functions/eval_context.h"
#include "functions/csv/csv_options.h"
#include "plan/data_source.h"

namespace ember {

std::unique_ptr<BatchReader> OpenCsvSplit(const FileSplit& split, const Schema& data_schema,
                                          const Schema& read_schema, const CsvOptions& options,
                                          const EvalContext& ctx);

}  // namespace ember
