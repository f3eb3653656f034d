#include "python/py_session.h"

#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "functions/eval_context.h"
#include "plan/logical_plan.h"
#include "plan/plan_json.h"
#include "python/py_catalog.h"
#include "python/py_convert.h"
#include "python/py_local_data.h"
#include "python/py_numpy_result.h"
#include "python/py_udf.h"
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

absl::TimeZone SessionZone(Session& session) {
  return EvalContext::FromConfig(session.config()).time_zone;
}

QueryResult RunCollect(Session& session, const std::string& plan) {
  py::gil_scoped_release release;
  return session.Collect(plan);
}

py::list Collect(Session& session, const std::string& plan) {
  return ResultToRows(RunCollect(session, plan), SessionZone(session));
}

py::list ToNumpy(Session& session, const std::string& plan) {
  return ResultToNumpy(RunCollect(session, plan), SessionZone(session));
}

// The next batch of a stream as Rows, or None after the last.
py::object NextRows(Session& session, ResultStream& stream) {
  QueryResult result;
  result.schema = stream.schema();
  Batch batch;
  bool more;
  {
    py::gil_scoped_release release;
    more = stream.Next(&batch);
  }
  if (!more) return py::none();
  result.batches.push_back(std::move(batch));
  return ResultToRows(result, SessionZone(session));
}

// A schema given as (name, ddl type, nullable) tuples.
Schema ReadSchema(const py::list& fields) {
  Schema schema;
  for (py::handle field : fields) {
    auto tuple = field.cast<py::tuple>();
    schema.push_back({tuple[0].cast<std::string>(), ParseDataType(tuple[1].cast<std::string>()),
                      tuple[2].cast<bool>()});
  }
  return schema;
}

int64_t HoldLocal(Session& session, Schema schema, LocalBatches batches, std::vector<size_t> partition_ends = {}) {
  return session.HoldPlan(
      MakePlan(LocalRelationNode{std::move(schema), std::move(batches), std::move(partition_ends)}, {}));
}

// The result of `plan` computed now and held as a local relation in the plan's partitions: a
// DataFrame over it no longer recomputes its lineage (checkpoint, localCheckpoint).
int64_t Checkpoint(Session& session, const std::string& plan) {
  QueryResult result = RunCollect(session, plan);
  auto batches = std::make_shared<const std::vector<Batch>>(std::move(result.batches));
  return HoldLocal(session, std::move(result.schema), std::move(batches), std::move(result.partition_ends));
}

// df.createGlobalTempView / createOrReplaceGlobalTempView: a view of every session, read as
// global_temp.name.
void CreateGlobalTempView(Session& session, const std::string& name, const std::string& plan, bool replace) {
  if (!SessionCatalog::GlobalTempViews().Create(name, ParsePlanJson(plan, &session.held_plans()), replace)) {
    throw SparkError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                     {{"relationName", QuoteIdentifier("global_temp") + "." + QuoteIdentifier(name)}});
  }
}

// Outside these bounds, batches of maxRecordsPerBatch rows would be too large or too small for the
// other operators.
constexpr int64_t kMinLocalBatchRows = 1 << 10;
constexpr int64_t kMaxLocalBatchRows = 1 << 16;

// `row_ends`: the row each partition ends before (the slices Python chose); empty: one partition.
int64_t HoldLocalColumns(Session& session, const py::list& fields, const py::list& columns,
                         int64_t num_rows, const py::object& record_values, const std::vector<int64_t>& row_ends) {
  Schema schema = ReadSchema(fields);
  // Batches of maxRecordsPerBatch rows, as PySpark cuts a pandas frame into Arrow batches: a pandas
  // UDF over the relation then gets them without the engine copying them into batches of that size.
  int64_t limit = session.config().ArrowMaxRecordsPerBatch();
  int64_t batch_rows = limit >= kMinLocalBatchRows && limit <= kMaxLocalBatchRows ? limit : kBatchRows;
  BatchCuts cuts = CutBatches(num_rows, row_ends, batch_rows);
  LocalBatches batches = ColumnsToBatches(schema, columns, num_rows, SessionZone(session),
                                          record_values, session.parallelism(), cuts);
  return HoldLocal(session, std::move(schema), std::move(batches), std::move(cuts.partition_ends));
}

int64_t HoldLocalRows(Session& session, const py::list& fields, const py::list& records,
                      const py::object& record_values, const std::vector<int64_t>& row_ends) {
  Schema schema = ReadSchema(fields);
  BatchCuts cuts = CutBatches(static_cast<int64_t>(records.size()), row_ends);
  LocalBatches batches = RecordsToBatches(schema, records, SessionZone(session), record_values, cuts);
  return HoldLocal(session, std::move(schema), std::move(batches), std::move(cuts.partition_ends));
}

int64_t Count(Session& session, const std::string& plan) {
  py::gil_scoped_release release;
  return session.Count(plan);
}

// Texts that may carry a file's bytes (values, paths, literals) reach Python through Utf8Text.
py::str Explain(Session& session, const std::string& plan, const std::string& mode) {
  std::string text;
  {
    py::gil_scoped_release release;
    text = session.Explain(plan, mode);
  }
  return Utf8Text(text);
}

py::str ShowString(Session& session, const std::string& plan, int num_rows, int truncate, bool vertical) {
  std::string text;
  {
    py::gil_scoped_release release;
    text = session.ShowString(plan, num_rows, truncate, vertical);
  }
  return Utf8Text(text);
}

void Write(Session& session, const std::string& plan, const std::string& format,
           const std::string& path, const std::string& mode,
           const std::map<std::string, std::string>& options, const std::vector<std::string>& partition_by) {
  WriteRequest request;
  request.format = format;
  request.path = path;
  request.mode = mode;
  request.partition_by = partition_by;
  for (const auto& [key, value] : options) request.options[key] = value;
  py::gil_scoped_release release;
  session.Write(plan, request);
}

}  // namespace

void RegisterSession(py::module_& module) {
  py::class_<ResultStream>(module, "ResultStream");
  py::class_<Session> session(module, "Session");
  session
      .def(py::init(&MakeSession), py::arg("master"), py::arg("conf"))
      .def("master", &Session::master)
      .def("parallelism", &Session::parallelism)
      .def("set_conf", [](Session& s, const std::string& k, const std::string& v) {
        EvalContext::CheckSetting(k, v);
        s.config().Set(k, v);
        s.ConfigChanged();
      })
      .def("get_conf", [](Session& s, const std::string& k) { return s.config().Get(k); })
      .def("unset_conf", [](Session& s, const std::string& k) {
        s.config().Unset(k);
        s.ConfigChanged();
      })
      .def("conf_items", [](Session& s) { return s.config().values(); })
      .def("time_zone", [](Session& s) { return s.config().SessionTimeZone(); })
      .def("analyze_schema", &AnalyzeSchema, py::arg("plan"))
      .def("collect", &Collect, py::arg("plan"))
      .def("to_numpy", &ToNumpy, py::arg("plan"))
      .def("stream", [](Session& s, const std::string& plan, size_t max_batches) {
             py::gil_scoped_release release;
             return s.Stream(plan, max_batches);
           }, py::arg("plan"), py::arg("max_batches"), py::keep_alive<0, 1>())
      .def("next_rows", &NextRows, py::arg("stream"))
      .def("hold_plan", py::overload_cast<const std::string&>(&Session::HoldPlan), py::arg("node"))
      .def("release_plan", &Session::ReleasePlan, py::arg("handle"))
      .def("held_plan_count", [](Session& s) { return s.held_plans().size(); })
      .def("hold_local_columns", &HoldLocalColumns, py::arg("fields"), py::arg("columns"),
           py::arg("num_rows"), py::arg("record_values"), py::arg("row_ends"))
      .def("hold_local_rows", &HoldLocalRows, py::arg("fields"), py::arg("records"),
           py::arg("record_values"), py::arg("row_ends"))
      .def("count", &Count, py::arg("plan"))
      .def("checkpoint", &Checkpoint, py::arg("plan"))
      .def("persist", [](Session& s, int64_t handle, bool use_disk, bool use_memory) {
        s.cache().Persist(handle, StorageLevel{use_disk, use_memory});
      }, py::arg("handle"), py::arg("use_disk"), py::arg("use_memory"))
      .def("unpersist", [](Session& s, int64_t handle) { return s.cache().Unpersist(handle); }, py::arg("handle"))
      .def("clear_cache", [](Session& s) { s.cache().Clear(); })
      .def("cache_placement", [](Session& s, int64_t handle) { return s.cache().Placement(handle); },
           py::arg("handle"))
      .def("semantic_text", &Session::SemanticText, py::arg("plan"))
      .def("input_files", &Session::InputFiles, py::arg("plan"))
      .def("num_partitions", [](Session& s, const std::string& plan) {
             py::gil_scoped_release release;
             return s.NumPartitions(plan);
           }, py::arg("plan"))
      .def("explain", &Explain, py::arg("plan"), py::arg("mode"))
      .def("show_string", &ShowString, py::arg("plan"), py::arg("num_rows"), py::arg("truncate"),
           py::arg("vertical"))
      .def("write", &Write, py::arg("plan"), py::arg("format"), py::arg("path"), py::arg("mode"),
           py::arg("options"), py::arg("partition_by") = std::vector<std::string>{})
      .def("register_udf", &RegisterUdf, py::arg("name"), py::arg("return_type"), py::arg("deterministic"),
           py::arg("pandas"), py::arg("evaluator"), py::arg("record_values"),
           py::arg("grouped") = false, py::arg("partition_wide") = false, py::arg("analyze") = py::none())
      .def("name_udf", [](Session& s, const std::string& name, int64_t id) { s.functions().Name(name, id); },
           py::arg("name"), py::arg("id"))
      .def("create_temp_view", &Session::CreateTempView, py::arg("name"), py::arg("plan"),
           py::arg("replace"))
      .def("drop_temp_view", &Session::DropTempView, py::arg("name"))
      .def("create_global_temp_view", &CreateGlobalTempView, py::arg("name"), py::arg("plan"), py::arg("replace"));
  AddCatalogMethods(session);
}

}  // namespace ember::python
