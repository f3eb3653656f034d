// ServingModel for Python (ember.ml.serving): rows as dicts in, dicts with the columns the
// pipeline adds out (vectors as pyspark.ml.linalg vectors through the UDT factory). Needs no
// Session.
#include "python/py_serving.h"

#include <pybind11/stl.h>

#include "absl/time/time.h"
#include "python/py_convert.h"
#include "runtime/serving/serving_input.h"
#include "runtime/serving/serving_model.h"

namespace ember::python {
namespace {

using serving::InputColumns;
using serving::ServingError;
using serving::ServingModel;

std::vector<double> Doubles(InputColumns& columns, size_t field, const py::handle& sequence) {
  std::vector<double> out;
  for (py::handle item : py::iter(sequence)) {
    if (PyBool_Check(item.ptr()) || !PyNumber_Check(item.ptr())) columns.WrongType(field, "a list of non-numbers");
    out.push_back(py::cast<double>(item));
  }
  return out;
}

void AppendValue(InputColumns& columns, size_t field, const py::handle& value) {
  PyObject* o = value.ptr();
  if (o == Py_None) {
    columns.Null(field);
  } else if (PyBool_Check(o)) {
    columns.Bool(field, o == Py_True);
  } else if (PyLong_Check(o)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow != 0) {
      columns.Double(field, PyLong_AsDouble(o));
    } else {
      columns.Int(field, v);
    }
  } else if (PyFloat_Check(o)) {
    columns.Double(field, PyFloat_AS_DOUBLE(o));
  } else if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(o, &size);
    if (text == nullptr) throw py::error_already_set();
    columns.String(field, std::string_view(text, static_cast<size_t>(size)));
  } else if (py::hasattr(value, "indices") && py::hasattr(value, "size") && py::hasattr(value, "values")) {
    std::vector<int32_t> indices;
    for (double i : Doubles(columns, field, value.attr("indices"))) indices.push_back(static_cast<int32_t>(i));
    columns.Sparse(field, py::cast<int32_t>(value.attr("size")), indices, Doubles(columns, field, value.attr("values")));
  } else if (py::hasattr(value, "toArray")) {
    columns.Dense(field, Doubles(columns, field, value.attr("toArray")()));
  } else if (columns.kind(field) == serving::InputKind::kStrings && (PyList_Check(o) || PyTuple_Check(o))) {
    std::vector<std::optional<std::string_view>> strings;
    for (py::handle item : py::iter(value)) {
      if (item.is_none()) {
        strings.emplace_back();
        continue;
      }
      if (!PyUnicode_Check(item.ptr())) columns.WrongType(field, std::string("a list holding a ") + Py_TYPE(item.ptr())->tp_name);
      Py_ssize_t size = 0;
      const char* text = PyUnicode_AsUTF8AndSize(item.ptr(), &size);
      if (text == nullptr) throw py::error_already_set();
      strings.emplace_back(std::string_view(text, static_cast<size_t>(size)));
    }
    columns.Strings(field, strings);
  } else if (PyList_Check(o) || PyTuple_Check(o) || py::hasattr(value, "__array__")) {
    if (py::hasattr(value, "ndim") && py::cast<int>(value.attr("ndim")) == 0) {
      columns.Double(field, py::cast<double>(value));  // a numpy scalar
    } else {
      columns.Dense(field, Doubles(columns, field, value));
    }
  } else if (PyNumber_Check(o)) {
    columns.Double(field, py::cast<double>(value));
  } else {
    columns.WrongType(field, std::string("a ") + Py_TYPE(o)->tp_name);
  }
}

class PyServingModel {
 public:
  explicit PyServingModel(const std::string& path) : model_(Load(path)) {
    for (const auto& input : model_->inputs()) input_names_.push_back(py::str(input.name));
    for (const auto& output : model_->outputs()) output_names_.push_back(py::str(output.name));
  }

  // Each row (a dict) with the columns the pipeline adds, or None where handleInvalid = 'skip'
  // drops it.
  py::list TransformRows(const py::list& rows) const {
    auto count = static_cast<int64_t>(rows.size());
    InputColumns columns(*model_, count);
    for (py::handle row : rows) {
      if (!PyDict_Check(row.ptr())) throw py::type_error("a row must be a dict, not " + std::string(Py_TYPE(row.ptr())->tp_name));
      for (size_t f = 0; f < input_names_.size(); ++f) {
        PyObject* value = PyDict_GetItemWithError(row.ptr(), input_names_[f].ptr());
        if (value == nullptr) {
          if (PyErr_Occurred()) throw py::error_already_set();
          columns.Missing(f);
        }
        AppendValue(columns, f, value);
      }
    }
    std::vector<bool> kept;
    std::vector<VectorPtr> outputs = model_->Score(columns.Finish(), count, &kept);
    std::vector<std::vector<py::object>> values;
    for (const auto& output : outputs) values.push_back(VectorToObjects(*output, 0, count, absl::UTCTimeZone()));
    py::list out(count);
    for (int64_t r = 0; r < count; ++r) {
      if (!kept[static_cast<size_t>(r)]) {
        out[r] = py::none();
        continue;
      }
      py::dict result = py::reinterpret_steal<py::dict>(PyDict_Copy(rows[r].ptr()));
      for (size_t c = 0; c < outputs.size(); ++c) result[output_names_[c]] = values[c][static_cast<size_t>(r)];
      out[r] = result;
    }
    return out;
  }

  static std::shared_ptr<const ServingModel> Load(const std::string& path) {
    try {
      return ServingModel::Load(path);
    } catch (const std::invalid_argument& error) {
      throw py::value_error(error.what());  // not an engine error: a model the runtime cannot load
    }
  }

  py::list Inputs() const {
    py::list out;
    for (const auto& input : model_->inputs()) {
      out.append(py::make_tuple(input.name, serving::InputKindLabel(input.kind)));
    }
    return out;
  }

  py::list Outputs() const {
    py::list out;
    for (const auto& name : output_names_) out.append(name);
    return out;
  }

 private:
  std::shared_ptr<const ServingModel> model_;
  std::vector<py::str> input_names_;
  std::vector<py::str> output_names_;
};

}  // namespace

void RegisterServing(py::module_& module) {
  static py::exception<ServingError> error_class(module, "ServingError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ServingError& error) {
      py::object instance = py::reinterpret_borrow<py::object>(error_class.ptr())(py::str(error.what()));
      instance.attr("field") = error.field().empty() ? py::object(py::none()) : py::object(py::str(error.field()));
      instance.attr("status") = error.status();
      PyErr_SetObject(error_class.ptr(), instance.ptr());
    }
  });
  py::class_<PyServingModel>(module, "ServingModel")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def("transform_rows", &PyServingModel::TransformRows, py::arg("rows"))
      .def("inputs", &PyServingModel::Inputs)
      .def("outputs", &PyServingModel::Outputs);
}

}  // namespace ember::python
