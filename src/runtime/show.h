// The text of DataFrame.show(), byte for byte as PySpark prints it: cells rendered as Spark's
// show() renders them, truncation, alignment, East Asian wide characters, vertical mode and the
// "only showing top N rows" footer.
#pragma once

#include <string>

#include "functions/eval_context.h"
#include "runtime/session.h"

namespace ember {

// `result` holds up to num_rows + 1 rows of the query (one more tells whether rows were left out).
std::string FormatShowString(const QueryResult& result, int num_rows, int truncate, bool vertical,
                             EvalContext& ctx);

}  // namespace ember
