// The `_core` extension module: the native engine under Ember's Python API (python/pyspark).
// It exposes Session (py_session.cpp), SparkError (py_errors.cpp), the row factory hook and
// result conversion (py_convert.cpp), and ServingModel (py_serving.cpp).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "python/py_convert.h"
#include "python/py_errors.h"
#include "python/py_portable_hash.h"
#include "common/types.h"
#include "python/py_serving.h"
#include "python/py_session.h"

namespace py = pybind11;

PYBIND11_MODULE(_core, module) {
  module.doc() = "Ember's native engine";
  // pybind11 looks numpy's C API up on first use behind a static guard. Two task threads making
  // their first UDF results at once deadlock there (the first imports numpy inside the guard and
  // waits for the GIL the second holds while waiting on the guard), so look it up now.
  try {
    py::detail::npy_api::get();
  } catch (const py::error_already_set&) {
    // No numpy: the paths that need it raise when used.
  }
  ember::python::RegisterErrors(module);
  ember::python::RegisterSession(module);
  ember::python::RegisterServing(module);
  module.def("set_row_factory", &ember::python::SetRowFactory, py::arg("factory"),
             "Sets the callable (field_names, values) -> Row used for result rows and structs.");
  module.def("set_row_class", &ember::python::SetRowClass, py::arg("row_class"),
             "Sets the Row class (a tuple subclass) that rows are made of directly.");
  module.def("set_udt_factory", &ember::python::SetUdtFactory, py::arg("factory"),
             "Sets the callable (python_class, values) -> object used for user-defined types.");
  module.def("seed_zero_hash", &ember::python::SeedZeroHash, py::arg("value"), py::arg("compression_rounds"),
             py::arg("finalization_rounds"), "CPython's hash of a str or bytes under PYTHONHASHSEED=0.");
  module.def("variant_to_json", &ember::python::VariantToJson, py::arg("value"), py::arg("metadata"),
             py::arg("zone_id") = "UTC", "A variant's JSON text.");
  module.def("variant_to_python", &ember::python::VariantToPython, py::arg("value"), py::arg("metadata"),
             "A variant's value as Python objects.");
  module.def("type_to_json", [](const std::string& ddl) {
    return ember::python::TypeToPython(*ember::ParseDataType(ddl));
  }, py::arg("ddl"), "Spark's schema JSON (as Python objects) of a DDL type.");
}
