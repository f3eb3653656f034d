// Engine errors in Python: every SparkError (and any other C++ exception, as INTERNAL_ERROR)
// becomes `ember._core.SparkError` with args (message, error_class, sql_state, params: dict).
// The Python package maps it to the pyspark.errors class of its error class.
#pragma once

#include <pybind11/pybind11.h>

namespace ember::python {

void RegisterErrors(pybind11::module_& module);

}  // namespace ember::python
