#include "python/py_errors.h"

#include <exception>
#include <stdexcept>
#include <string>

#include "common/error.h"
#include "python/py_convert.h"

namespace ember::python {
namespace py = pybind11;
namespace {

PyObject* spark_error_type = nullptr;

void Raise(const std::string& message, const std::string& error_class,
           const std::string& sql_state, const ErrorParams& params) {
  py::dict parameters;
  for (const auto& [key, value] : params) parameters[Utf8Text(key)] = Utf8Text(value);
  py::tuple args = py::make_tuple(Utf8Text(message), Utf8Text(error_class), Utf8Text(sql_state), parameters);
  PyErr_SetObject(spark_error_type, args.ptr());
}

}  // namespace

void RegisterErrors(py::module_& module) {
  spark_error_type = PyErr_NewException("ember._core.SparkError", PyExc_Exception, nullptr);
  module.attr("SparkError") = py::handle(spark_error_type);
  py::register_exception_translator([](std::exception_ptr pointer) {
    if (!pointer) return;
    try {
      std::rethrow_exception(pointer);
    } catch (const SparkError& error) {
      Raise(error.what(), error.error_class(), error.sql_state(), error.params());
    } catch (const py::error_already_set&) {
      throw;
    } catch (const py::builtin_exception&) {
      throw;
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::invalid_argument& error) {
      // Spark's require() failures: a java.lang.IllegalArgumentException without an error class.
      Raise(error.what(), "", "", {});
    } catch (const std::exception& error) {
      std::string text = error.what();
      Raise("[INTERNAL_ERROR] " + text + " SQLSTATE: XX000", "INTERNAL_ERROR", "XX000",
            {{"message", text}});
    }
  });
}

}  // namespace ember::python
