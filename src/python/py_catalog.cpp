#include "python/py_catalog.h"

#include <pybind11/stl.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "functions/eval_context.h"
#include "python/py_convert.h"

namespace ember::python {
namespace py = pybind11;
namespace {

using Names = std::vector<std::string>;

// None for a query (the caller builds its plan); (schema, rows) for any other statement.
py::object Sql(Session& session, const std::string& text) {
  std::optional<QueryResult> result;
  absl::TimeZone zone;
  {
    py::gil_scoped_release release;
    zone = EvalContext::FromConfig(session.config()).time_zone;
    result = session.Sql(text);
  }
  if (!result) return py::none();
  return py::make_tuple(SchemaToPython(result->schema), ResultToRows(*result, zone));
}

void SaveAsTable(Session& session, const std::string& plan, const Names& table, const std::string& format,
                 const std::string& mode, const std::map<std::string, std::string>& options,
                 const std::vector<std::string>& partition_by) {
  TableWriteRequest request{table, format, mode, {}, partition_by};
  for (const auto& [key, value] : options) request.options[key] = value;
  py::gil_scoped_release release;
  session.SaveAsTable(plan, request);
}

void InsertInto(Session& session, const std::string& plan, const Names& table, bool overwrite) {
  py::gil_scoped_release release;
  session.InsertInto(plan, table, overwrite);
}

// (name, description, location) of each database.
std::vector<std::tuple<std::string, std::string, std::string>> ListDatabases(Session& session) {
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (const auto& database : session.catalog().metastore().ListDatabases()) {
    rows.emplace_back(database.name, database.comment, "file:" + database.location);
  }
  return rows;
}

// (name, database, description, tableType, isTemporary) of each table and view.
std::vector<std::tuple<std::string, std::string, std::string, std::string, bool>> ListTables(
    Session& session, const std::string& database) {
  std::vector<std::tuple<std::string, std::string, std::string, std::string, bool>> rows;
  for (const auto& table : session.catalog().ListTables(database)) {
    rows.emplace_back(table.name, table.database, table.description, table.table_type, table.is_temporary);
  }
  return rows;
}

bool TableExists(Session& session, const Names& name) {
  SessionCatalog& catalog = session.catalog();
  if (catalog.IsTemporaryView(name)) return true;
  if (name.size() == 3 && name[0] != "spark_catalog") return false;
  TableIdentifier id = catalog.Qualify(name);
  return catalog.FindTable(id).has_value();
}

}  // namespace

void AddCatalogMethods(py::class_<Session>& session) {
  session.def("sql", &Sql, py::arg("text"))
      .def("save_as_table", &SaveAsTable, py::arg("plan"), py::arg("table"), py::arg("format"), py::arg("mode"),
           py::arg("options"), py::arg("partition_by") = std::vector<std::string>{})
      .def("insert_into", &InsertInto, py::arg("plan"), py::arg("table"), py::arg("overwrite"))
      .def("current_database", [](Session& s) { return s.catalog().current_database(); })
      .def("set_current_database", [](Session& s, const std::string& name) { s.catalog().SetCurrentDatabase(name); })
      .def("list_databases", &ListDatabases)
      .def("list_tables", &ListTables, py::arg("database"))
      .def("database_exists", [](Session& s, const std::string& name) { return s.catalog().DatabaseExists(name); })
      .def("table_exists", &TableExists, py::arg("name"))
      .def("drop_global_temp_view",
           [](Session&, const std::string& name) { return SessionCatalog::GlobalTempViews().Drop(name); });
}

}  // namespace ember::python
