// The engine's entry point for bindings (Python, CLI). A Session owns the configuration and the
// runtime that runs tasks (local threads for local[*]). Every query call takes a logical plan in
// Ember's JSON plan format (docs/plan-format.md), analyzes, optimizes and plans it, and runs it.
// The plan may refer to plans the session holds ({"op": "handle", "id": N}, see HoldPlan), which is
// how the Python API sends a DataFrame: only its handle. Errors are thrown as SparkError. The memory
// budget (common/memory_manager.h) is read from the configuration the session starts with; later
// changes of spark.driver.memory do not resize it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/session_catalog.h"
#include "common/config.h"
#include "common/types.h"
#include "common/vector.h"
#include "exec/write_commit.h"
#include "functions/external_function.h"
#include "plan/data_source.h"
#include "plan/held_plans.h"
#include "runtime/data_cache.h"
#include "runtime/result_stream.h"

namespace ember {

class Runtime;
class MemoryManager;
class QueryMetrics;
struct JobSettings;
struct PhysicalNode;

struct QueryResult {
  Schema schema;
  std::vector<Batch> batches;
  // The batch each of the plan's partitions ends before (LocalRelationNode::partition_ends), so
  // that the rows kept (cache, checkpoint) keep their partitions; empty when there are no rows.
  std::vector<size_t> partition_ends;
};

struct WriteRequest {
  std::string format;    // "parquet", "json"
  std::string path;      // output directory
  std::string mode;      // "errorifexists" (default), "overwrite", "append", "ignore"
  Options options;
  std::vector<std::string> partition_by = {};  // partitionBy columns: directories `k=v/...`
  // What overwrite mode replaces; unset: everything, or with partitionBy columns and
  // spark.sql.sources.partitionOverwriteMode=dynamic the partitions written.
  std::optional<OverwriteScope> overwrite_scope = std::nullopt;
  // Partitions ("k=v/...") written into folders of their own rather than their directories
  // under `path` (a catalog table's partitions with custom locations).
  std::map<std::string, std::string> partition_folders = {};
  // Table writes whose entry changes with the data: called with the job once the data is staged,
  // just before it is published (its job_uuid() is the commit's id); the published tree then
  // holds the commit's marker.
  std::function<void(const WriteJob& job)> before_publish = nullptr;
};

// df.write.saveAsTable(name): the table is created from the DataFrame (or appended to,
// overwritten, left alone, or refused by `mode`).
struct TableWriteRequest {
  std::vector<std::string> table;  // name parts as written
  std::string format;              // empty: the existing table's, else spark.sql.sources.default
  std::string mode;                // as WriteRequest
  Options options;
  std::vector<std::string> partition_by = {};
};

class Session {
 public:
  // `master`: "local", "local[N]", "local[*]".
  Session(std::string master, Config config);
  ~Session();

  Config& config() { return config_; }
  // Call after changing config(): hands its Hadoop file-system settings (fs.s3a.*) to the file
  // systems, which are shared by the process.
  void ConfigChanged();
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
  // The number of partitions of the plan's result as planned (df.rdd.getNumPartitions()).
  int NumPartitions(const std::string& plan_json);
  // Text of df.explain(mode): "simple", "extended", "codegen", "cost", "formatted".
  std::string Explain(const std::string& plan_json, const std::string& mode);
  // The optimized plan as text: equal for plans that compute the same result the same way
  // (sameSemantics, semanticHash).
  std::string SemanticText(const std::string& plan_json);
  // The files the plan reads (inputFiles), sorted, each once.
  std::vector<std::string> InputFiles(const std::string& plan_json);
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
  // df.persist / unpersist: the result of held plan `handle` is kept once computed
  // (runtime/data_cache.h).
  DataCache& cache() { return *cache_; }
  int64_t HoldPlan(const PlanPtr& plan) { return held_.Hold(plan); }
  void ReleasePlan(int64_t handle) { held_.Release(handle); }
  const HeldPlans& held_plans() const { return held_; }

  // spark.sql(text) for statements other than queries (runtime/statements): runs the statement
  // and returns its rows (none for DDL). Returns nullopt, running nothing, when `text` is a query
  // (the caller runs it as a `sql` plan).
  std::optional<QueryResult> Sql(const std::string& text);
  // df.write.saveAsTable / df.write.insertInto (by position).
  void SaveAsTable(const std::string& plan_json, const TableWriteRequest& request);
  void InsertInto(const std::string& plan_json, const std::vector<std::string>& table, bool overwrite);
  SessionCatalog& catalog() { return catalog_; }
  // The session's Python UDFs (spark.udf.register names them for SQL).
  ExternalFunctions& functions() { return functions_; }
  // The configuration the session started with (what RESET restores).
  const Config& initial_config() const { return initial_config_; }

  // Analysis of an unresolved plan against the session's catalog.
  PlanPtr AnalyzePlan(const PlanPtr& plan);
  // The plan of `plan_json` reading the kept results of persisted plans (computing them first).
  PlanPtr ParseUsingCache(const std::string& plan_json);
  QueryResult CollectAnalyzed(const PlanPtr& analyzed);
  // Writes the rows of an analyzed plan through the commit protocol (exec/write_commit).
  void WriteAnalyzed(const PlanPtr& analyzed, const WriteRequest& request);
  // spark.sql.sources.partitionOverwriteMode is dynamic.
  bool DynamicPartitionOverwrite() const;

 private:
  // Calls `run` with the settings of a job of `physical` (its share of the memory budget and where
  // its metrics go); then logs the query's peak reservation at debug level (spark.log.level) and
  // keeps the plan and metrics for explain("formatted").
  void RunQuery(const std::shared_ptr<const PhysicalNode>& physical,
                const std::function<void(const JobSettings&)>& run);
  // `plan` with persisted held plans replaced by their kept results.
  PlanPtr UseCachedData(const PlanPtr& plan);

  std::string master_;
  Config config_;
  Config initial_config_;
  std::unique_ptr<MemoryManager> memory_;
  std::unique_ptr<Runtime> runtime_;
  SessionCatalog catalog_{config_};
  HeldPlans held_;
  std::unique_ptr<DataCache> cache_;
  ExternalFunctions functions_;
  // The last query's plan and what its operators measured.
  std::shared_ptr<const PhysicalNode> last_plan_;
  std::shared_ptr<QueryMetrics> last_metrics_;
};

}  // namespace ember
