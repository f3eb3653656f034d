// Query results as numpy arrays for toPandas, with the dtypes PySpark gives: integers as their
// width (float64 with NaN when the column has nulls), floats as float32/float64 (NaN for nulls),
// booleans as bool (object with None when there are nulls), timestamps as int64 nanoseconds of the
// wall clock in the session time zone (NaT for nulls; Python views them as datetime64[ns]),
// day-time intervals as int64 nanoseconds (timedelta64[ns]), and every other type as an object
// array of the values collect() gives (None for nulls). The GIL must be held.
#pragma once

#include <pybind11/pybind11.h>

#include "absl/time/time.h"
#include "runtime/session.h"

namespace ember::python {

namespace py = pybind11;

// One (array, view) tuple per column; view is "datetime64[ns]", "timedelta64[ns]" or None. Each
// column's vectors are released from `result` once converted.
py::list ResultToNumpy(QueryResult result, const absl::TimeZone& zone);

// The first `rows` values of a numeric vector without nulls as a read-only numpy array over the
// vector's own memory (the array keeps the vector alive); None for other vectors.
py::object NumpyView(const VectorPtr& vector, int64_t rows);

}  // namespace ember::python
