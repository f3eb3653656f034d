// Writes batches as CSV the way Spark's df.write.csv does: an optional header line, one line per
// row with the values separated by `sep`; NULL as nullValue (empty), an empty string as "";
// dates and timestamps as dateFormat / timestampFormat (Spark's defaults otherwise), numbers as a
// cast to string prints them; leading/trailing white space dropped unless told otherwise; a
// value quoted when it holds the separator, the quote, a line break or is empty (always with
// quoteAll), quotes inside escaped with `escape`. Plain or gzip output.
#pragma once

#include <memory>
#include <string>

#include "functions/eval_context.h"
#include "functions/csv/csv_options.h"
#include "plan/data_source.h"

namespace ember {

// Throws UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE for nested and binary columns.
std::unique_ptr<FileWriter> CreateCsvWriter(const std::string& path, const Schema& schema, const CsvOptions& options,
                                            const EvalContext& ctx);

}  // namespace ember
