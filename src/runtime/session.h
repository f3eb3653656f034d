// The engine's entry point for bindings (Python, CLI). A Session owns the configuration and the
// runtime that runs tasks (local threads for local[*]). Every query call takes a logical plan in
// Ember's JSON plan format (docs/plan-format.md), analyzes, optimizes and plans it, and runs it.
// The plan may refer to plans the session holds ({"op": "handle", "id": N}, see HoldPlan), which is
// how the Python API sends a DataFrame: only its handle. Errors are thrown as SparkError. The memory
// budget (common/memory_manager.h) is read from the configuration the session starts with; later
// changes of spark.driver.memory do not resize it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/config.h"
#include "common/types.h"
#include "common/vector.h"
#include "plan/data_source.h"
#include "plan/held_plans.h"
#include "plan/temp_views.h"
#include "runtime/result_stream.h"

namespace ember {

class Runtime;
class MemoryManager;
class QueryMemory;
struct JobSettings;

struct QueryResult {
  Schema schema;
  std::vector<Batch> batches;
};

struct WriteRequest {
  std::string format;    // "parquet", "json"
  std::string path;      // output directory
  std::string mode;      // "errorifexists" (default), "overwrite", "append", "ignore"
  Options options;
};

class Session {
 public:
  // `master`: "local", "local[N]", "local[*]".
  Session(std::string master, Config config);
  ~Session();

  Config& config() { return config_; }
  const std::string& master() const { return master_; }
  int parallelism() const;

  // Output schema of a plan (analysis only).
  Schema AnalyzeSchema(const std::string& plan_json);
  // Runs the plan and returns every row.
  QueryResult Collect(const std::string& plan_json);
  // Runs the plan on a background thread, handing over its rows in order with at most
  // `max_batches` batches waiting (toLocalIterator). The session must outlive the stream.
  std::unique_ptr<ResultStream> Stream(const std::string& plan_json, size_t max_batches);
  // Number of rows.
  int64_t Count(const std::string& plan_json);
  // Text of df.explain(mode): "simple", "extended", "codegen", "cost", "formatted".
  std::string Explain(const std::string& plan_json, const std::string& mode);
  // df.show(): the exact text PySpark prints (without the trailing newline of print()).
  std::string ShowString(const std::string& plan_json, int num_rows, int truncate, bool vertical);
  // df.write...save(path).
  void Write(const std::string& plan_json, const WriteRequest& request);
  // df.createTempView / createOrReplaceTempView: `name` stands for the plan in later queries
  // (SQL FROM, spark.table). Throws TEMP_TABLE_OR_VIEW_ALREADY_EXISTS unless `replace`.
  void CreateTempView(const std::string& name, const std::string& plan_json, bool replace);
  // spark.catalog.dropTempView: whether a view was dropped.
  bool DropTempView(const std::string& name);

  // Holds a plan for a binding and returns its handle: one node in the JSON plan format whose
  // inputs are held plans, or a plan built by the binding (local data).
  int64_t HoldPlan(const std::string& node_json);
  int64_t HoldPlan(const PlanPtr& plan) { return held_.Hold(plan); }
  void ReleasePlan(int64_t handle) { held_.Release(handle); }
  const HeldPlans& held_plans() const { return held_; }

 private:
  // The settings of a job that reserves from `memory`.
  JobSettings Settings(QueryMemory& memory) const;

  std::string master_;
  Config config_;
  std::unique_ptr<MemoryManager> memory_;
  std::unique_ptr<Runtime> runtime_;
  TempViews views_;
  HeldPlans held_;
};

}  // namespace ember
