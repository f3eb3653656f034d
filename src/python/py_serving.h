// ember._core.ServingModel: the serving runtime (runtime/serving) for Python, ember.ml.serving.
#pragma once

#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace ember::python {

void RegisterServing(py::module_& module);

}  // namespace ember::python
