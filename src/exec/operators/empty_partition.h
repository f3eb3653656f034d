// A partition that brings an operator no batch still runs the pandas functions over whole
// partitions it calls (mapInPandas, iterator pandas UDFs), as PySpark calls them with an empty
// iterator: at its end, the Project, Filter or Generate evaluates its expressions once over a batch
// of no rows, which starts their runs (their kernels call no Python for no rows) and adds the
// runs' ends, which the operator then claims and finishes as usual.
#pragma once

#include "common/vector.h"
#include "exec/physical_plan.h"
#include "functions/eval_context.h"

namespace ember {

// Whether `node` (a Project, Filter or Generate) calls such functions (those bound to take their
// input in batches of maxRecordsPerBatch rows, the pandas functions; none are recognised when that
// setting is 0) over partitions Spark would have: not over an empty range or empty local data, which
// Spark plans without partitions.
bool CallsPandasFunction(const PhysicalNode& node, const EvalContext& ctx);

// A batch of `rows` rows (0 or 1), every value null, of the columns `node`'s input gives.
Batch NullInput(const PhysicalNode& node, int64_t rows);

}  // namespace ember
