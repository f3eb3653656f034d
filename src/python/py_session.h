// The Python face of ember::Session: configuration access and the query calls, each taking a
// plan in Ember's JSON plan format. Engine work runs with the GIL released.
#pragma once

#include <pybind11/pybind11.h>

namespace ember::python {

void RegisterSession(pybind11::module_& module);

}  // namespace ember::python
