#include "python/py_session.h"

#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "functions/eval_context.h"
#include "python/py_convert.h"
#include "runtime/session.h"

namespace ember::python {
namespace py = pybind11;
namespace {

std::unique_ptr<Session> MakeSession(const std::string& master,
                                     const std::map<std::string, std::string>& conf) {
  Config config;
  for (const auto& [key, value] : conf) config.Set(key, value);
  return std::make_unique<Session>(master, std::move(config));
}

py::object AnalyzeSchema(Session& session, const std::string& plan) {
  Schema schema;
  {
    py::gil_scoped_release release;
    schema = session.AnalyzeSchema(plan);
  }
  return SchemaToPython(schema);
}

py::list Collect(Session& session, const std::string& plan) {
  QueryResult result;
  absl::TimeZone zone;
  {
    py::gil_scoped_release release;
    zone = EvalContext::FromConfig(session.config()).time_zone;
    result = session.Collect(plan);
  }
  return ResultToRows(result, zone);
}

int64_t Count(Session& session, const std::string& plan) {
  py::gil_scoped_release release;
  return session.Count(plan);
}

std::string Explain(Session& session, const std::string& plan, const std::string& mode) {
  py::gil_scoped_release release;
  return session.Explain(plan, mode);
}

std::string ShowString(Session& session, const std::string& plan, int num_rows, int truncate,
                       bool vertical) {
  py::gil_scoped_release release;
  return session.ShowString(plan, num_rows, truncate, vertical);
}

void Write(Session& session, const std::string& plan, const std::string& format,
           const std::string& path, const std::string& mode,
           const std::map<std::string, std::string>& options) {
  WriteRequest request;
  request.format = format;
  request.path = path;
  request.mode = mode;
  for (const auto& [key, value] : options) request.options[key] = value;
  py::gil_scoped_release release;
  session.Write(plan, request);
}

}  // namespace

void RegisterSession(py::module_& module) {
  py::class_<Session>(module, "Session")
      .def(py::init(&MakeSession), py::arg("master"), py::arg("conf"))
      .def("master", &Session::master)
      .def("parallelism", &Session::parallelism)
      .def("set_conf", [](Session& s, const std::string& k, const std::string& v) {
        s.config().Set(k, v);
      })
      .def("get_conf", [](Session& s, const std::string& k) { return s.config().Get(k); })
      .def("unset_conf", [](Session& s, const std::string& k) { s.config().Unset(k); })
      .def("conf_items", [](Session& s) { return s.config().values(); })
      .def("time_zone", [](Session& s) { return s.config().SessionTimeZone(); })
      .def("analyze_schema", &AnalyzeSchema, py::arg("plan"))
      .def("collect", &Collect, py::arg("plan"))
      .def("count", &Count, py::arg("plan"))
      .def("explain", &Explain, py::arg("plan"), py::arg("mode"))
      .def("show_string", &ShowString, py::arg("plan"), py::arg("num_rows"), py::arg("truncate"),
           py::arg("vertical"))
      .def("write", &Write, py::arg("plan"), py::arg("format"), py::arg("path"), py::arg("mode"),
           py::arg("options"))
      .def("create_temp_view", &Session::CreateTempView, py::arg("name"), py::arg("plan"),
           py::arg("replace"))
      .def("drop_temp_view", &Session::DropTempView, py::arg("name"));
}

}  // namespace ember::python
