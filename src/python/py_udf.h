// Python UDFs as the engine's external functions (functions/external_function.h). The engine calls
// a UDF once per batch from a task thread (pandas UDFs over batches coalesced to
// maxRecordsPerBatch rows: they are registered with coalesce_input); the call takes the GIL, converts the argument vectors
// in C++ (to Python lists for row-at-a-time UDFs, to numpy arrays for pandas UDFs), calls the
// UDF's Python evaluator once, and converts the column it returns back into a vector with the
// converters of createDataFrame. The GIL is held only for that: engine work between UDF calls and
// queries without UDFs never wait for Python.
#pragma once

#include <pybind11/pybind11.h>

#include "runtime/session.h"

namespace ember::python {

namespace py = pybind11;

// Registers a UDF in the session and returns its id. `evaluator(columns, rows)` gets one entry per
// argument (a list of Python values, or with `pandas` a (numpy array, view) tuple as toPandas has
// them, and a third argument: maxRecordsPerBatch, 0 for no bound) and returns the result as a createDataFrame column spec (kind, data, mask, naive), or
// ("error", text) when the UDF raised: text is the Python traceback, raised as PythonException.
// An array-of-structs result may come as ("frames", one column spec per struct field, the number
// of elements of each row). A `grouped` function is an aggregate (grouped aggregate pandas UDFs,
// applyInPandas): `evaluator(columns, starts, maxRecordsPerBatch)` gets the rows of many groups and
// an int64 array of where each group starts (groups + 1 entries), and gives one result per group.
// A `partition_wide` function (mapInPandas, iterator pandas UDFs, UDTFs) keeps state across the
// batches of a task: `evaluator()` starts a run for the task's partition, an object called as
// the evaluator is on each batch, whose `finish()` gives what comes after the last batch (a spec
// of one row, or None) and whose `close()` ends a run the task drops unfinished. A UDTF with an
// analyze method is registered for SQL with `analyze` (functions/table_call.h): the analyzer calls
// it with each call's arguments and it registers the function that call runs.
int64_t RegisterUdf(Session& session, const std::string& name, const std::string& return_type,
                    bool deterministic, bool pandas, py::object evaluator, py::object record_values,
                    bool grouped, bool partition_wide, py::object analyze);

}  // namespace ember::python
