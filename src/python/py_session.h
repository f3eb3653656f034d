// The Python face of ember::Session: configuration access, the query calls, each taking a plan in
// Ember's JSON plan format (usually just the handle of a plan the session holds), holding plans and
// local data (py_local_data.h), and results as rows or numpy arrays. Engine work runs with the GIL
// released.
#pragma once

#include <pybind11/pybind11.h>

namespace ember::python {

void RegisterSession(pybind11::module_& module);

}  // namespace ember::python
