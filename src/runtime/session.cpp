#include "runtime/session.h"

#include <filesystem>
#include <set>

#include "absl/strings/ascii.h"

#include "common/error.h"
#include "common/file_system.h"
#include "common/memory_manager.h"
#include "common/names.h"
#include "common/options.h"
#include "exec/job.h"
#include "exec/metrics.h"
#include "exec/physical_planner.h"
#include "exec/write_commit.h"
#include "io/register_formats.h"
#include "plan/analyzer.h"
#include "plan/optimizer.h"
#include "plan/plan_json.h"
#include "plan/statistics.h"
#include "runtime/explain_formatted.h"
#include "runtime/log.h"
#include "runtime/local/local_runtime.h"
#include "runtime/show.h"
#include "sql/parser.h"

namespace ember {
namespace {

// A query taken through parsing, analysis and optimization, with its evaluation context.
struct Query {
  EvalContext eval;
  PlanPtr parsed;
  PlanPtr analyzed;
  PlanPtr optimized;
};

Query Prepare(const PlanPtr& parsed, const Config& config, const RelationCatalog& relations,
              const ExternalFunctions& functions, const std::function<PlanPtr(const PlanPtr&)>& wrap = nullptr) {
  Query query;
  query.eval = EvalContext::FromConfig(config);
  query.parsed = parsed;
  query.analyzed = Analyze(query.parsed, AnalyzerContext{config, query.eval, &relations, nullptr, &functions});
  if (wrap) query.analyzed = wrap(query.analyzed);
  query.optimized = Optimize(query.analyzed, config, query.eval);
  return query;
}

Schema SchemaOf(const LogicalPlan& plan) {
  if (plan.output.empty() && plan.Is<LocalRelationNode>()) return plan.As<LocalRelationNode>().schema;
  return OutputSchema(plan.output);
}

std::string WithNewline(std::string text) {
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

std::string SchemaLine(const Schema& schema) {
  std::string text;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (i > 0) text += ", ";
    text += schema[i].name + ": " + schema[i].type->ToString();
  }
  return text;
}

bool HasExchange(const PhysicalNode& node) {
  if (node.kind() == PhysicalKind::kExchange) return true;
  for (const auto& child : node.children) {
    if (HasExchange(*child)) return true;
  }
  return false;
}

// Whether explain shows `plan` under AdaptiveSparkPlan: adaptive execution is on and the plan has
// an exchange, as Spark shows it before it runs.
bool ShownAdaptive(const PhysicalNode& plan, const Config& config) {
  auto adaptive = config.Get("spark.sql.adaptive.enabled");
  bool aqe = !adaptive || ParseConfigBool("spark.sql.adaptive.enabled", *adaptive);
  return aqe && HasExchange(plan);
}

// The physical plan as explain() prints it.
std::string PhysicalText(const PhysicalNode& plan, const Config& config) {
  std::string tree = plan.ToString();
  if (!ShownAdaptive(plan, config)) return tree + "\n";
  std::string text = "AdaptiveSparkPlan isFinalPlan=false\n";
  size_t start = 0;
  bool first = true;
  while (start <= tree.size()) {
    size_t end = tree.find('\n', start);
    if (end == std::string::npos) end = tree.size();
    text += (first ? "+- " : "   ") + tree.substr(start, end - start) + "\n";
    first = false;
    start = end + 1;
  }
  return text;
}

}  // namespace

Session::Session(std::string master, Config config)
    : master_(std::move(master)),
      config_(std::move(config)),
      initial_config_(config_),
      memory_(std::make_unique<MemoryManager>(MemoryManager::LimitFromConfig(config_))) {
  runtime_ = std::make_unique<LocalRuntime>(ParseLocalMaster(master_));
  cache_ = std::make_unique<DataCache>(memory_.get(), config_.GetOr("spark.local.dir", ""));
  RegisterBuiltinFormats();
  sql::RegisterSqlParser();
  ConfigChanged();
}

Session::~Session() = default;

void Session::ConfigChanged() { SetFileSystemSettings(config_.values()); }

int Session::parallelism() const { return runtime_->parallelism(); }

void Session::RunQuery(const PhysicalPtr& physical, const std::function<void(const JobSettings&)>& run) {
  QueryMemory memory(memory_.get());
  auto metrics = std::make_shared<QueryMetrics>();
  JobSettings settings = JobSettings::FromConfig(config_);
  settings.memory = &memory;
  settings.metrics = metrics.get();
  auto log_peak = [&] {
    if (!LogsDebug(config_)) return;
    LogLine("DEBUG", "MemoryManager",
            "query peak reserved memory " + ByteSizeText(memory.peak()) + " of " + ByteSizeText(memory_->limit()));
  };
  try {
    run(settings);
  } catch (...) {
    log_peak();
    throw;
  }
  log_peak();
  last_plan_ = physical;
  last_metrics_ = std::move(metrics);
}

void Session::CreateTempView(const std::string& name, const std::string& plan_json, bool replace) {
  if (!catalog_.temp_views().Create(name, ParsePlanJson(plan_json, &held_), replace)) {
    throw SparkError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", {{"relationName", QuoteIdentifier(name)}});
  }
}

bool Session::DropTempView(const std::string& name) { return catalog_.temp_views().Drop(name); }

PlanPtr Session::UseCachedData(const PlanPtr& plan) {
  return cache_->Substitute(plan, [this](const PlanPtr& uncached) {
    QueryResult result = CollectAnalyzed(AnalyzePlan(UseCachedData(uncached)));
    return CachedData{std::move(result.schema), std::move(result.batches), std::move(result.partition_ends)};
  });
}

PlanPtr Session::ParseUsingCache(const std::string& plan_json) {
  return UseCachedData(ParsePlanJson(plan_json, &held_));
}

int64_t Session::HoldPlan(const std::string& node_json) {
  return held_.Hold(ParsePlanJson(node_json, &held_));
}

PlanPtr Session::AnalyzePlan(const PlanPtr& plan) {
  EvalContext eval = EvalContext::FromConfig(config_);
  return Analyze(plan, AnalyzerContext{config_, eval, &catalog_, nullptr, &functions_});
}

Schema Session::AnalyzeSchema(const std::string& plan_json) {
  return SchemaOf(*AnalyzePlan(ParsePlanJson(plan_json, &held_)));
}

QueryResult Session::CollectAnalyzed(const PlanPtr& analyzed) {
  EvalContext eval = EvalContext::FromConfig(config_);
  PhysicalPtr physical = PlanPhysical(Optimize(analyzed, config_, eval), {config_, eval, parallelism()});
  QueryResult result;
  result.schema = SchemaOf(*analyzed);
  RunQuery(physical, [&](const JobSettings& settings) {
    result.partition_ends.clear();
    result.batches = CollectJob(physical, eval, settings, *runtime_, &result.partition_ends);
  });
  // No rows: as a LocalRelation without rows, which Spark plans without partitions.
  bool any_rows = false;
  for (const Batch& batch : result.batches) any_rows = any_rows || batch.num_rows > 0;
  if (!any_rows) result.partition_ends.clear();
  return result;
}

QueryResult Session::Collect(const std::string& plan_json) {
  return CollectAnalyzed(AnalyzePlan(ParseUsingCache(plan_json)));
}

std::unique_ptr<ResultStream> Session::Stream(const std::string& plan_json, size_t max_batches) {
  Query query = Prepare(ParseUsingCache(plan_json), config_, catalog_, functions_);
  PhysicalPtr physical = PlanPhysical(query.optimized, {config_, query.eval, parallelism()});
  JobSettings settings = JobSettings::FromConfig(config_);
  return std::make_unique<ResultStream>(
      SchemaOf(*query.analyzed), max_batches,
      [this, physical, eval = query.eval, settings](ResultHandler* handler) {
        QueryMemory memory(memory_.get());
        JobSettings with_memory = settings;
        with_memory.memory = &memory;
        RunJob(physical, eval, with_memory, *runtime_, handler);
      });
}

int64_t Session::Count(const std::string& plan_json) {
  Query query = Prepare(ParseUsingCache(plan_json), config_, catalog_, functions_);
  PhysicalPtr physical = PlanPhysical(query.optimized, {config_, query.eval, parallelism()});
  int64_t count = 0;
  RunQuery(physical, [&](const JobSettings& settings) { count = CountJob(physical, query.eval, settings, *runtime_); });
  return count;
}

int Session::NumPartitions(const std::string& plan_json) {
  Query query = Prepare(ParsePlanJson(plan_json, &held_), config_, catalog_, functions_);
  return PlanPhysical(query.optimized, {config_, query.eval, parallelism()})->partitioning.num_partitions;
}

std::string Session::Explain(const std::string& plan_json, const std::string& mode) {
  // Explaining computes nothing: a persisted plan shows as its plan, not its kept rows.
  Query query = Prepare(ParsePlanJson(plan_json, &held_), config_, catalog_, functions_);
  PhysicalPtr physical = PlanPhysical(query.optimized, {config_, query.eval, parallelism()});
  if (mode == "formatted") {
    bool adaptive = ShownAdaptive(*physical, config_);
    std::string text = FormattedPlanText(*physical, adaptive);
    // After this plan ran, what its operators measured.
    if (last_plan_ != nullptr && FormattedPlanText(*last_plan_, adaptive) == text) {
      text = FormattedPlanText(*last_plan_, adaptive, last_metrics_.get());
    }
    return "== Physical Plan ==\n" + text;
  }
  std::string physical_section = "== Physical Plan ==\n" + PhysicalText(*physical, config_);
  if (mode == "simple" || mode == "codegen") return physical_section;
  std::string optimized_section =
      "== Optimized Logical Plan ==\n" + WithNewline(query.optimized->ToString());
  if (mode == "cost") {
    StatisticsEstimator estimator(ParseConfigBool("spark.sql.cbo.enabled", config_.GetOr("spark.sql.cbo.enabled", "false")));
    return "== Optimized Logical Plan ==\n" +
           WithNewline(PlanTextWithStatistics(query.optimized, estimator)) + "\n" + physical_section;
  }
  if (mode == "extended") {
    return "== Parsed Logical Plan ==\n" + WithNewline(query.parsed->ToString()) + "\n" +
           "== Analyzed Logical Plan ==\n" + SchemaLine(SchemaOf(*query.analyzed)) + "\n" +
           WithNewline(query.analyzed->ToString()) + "\n" + optimized_section + "\n" + physical_section;
  }
  throw SparkError("UNKNOWN_EXPLAIN_MODE", "42000",
                   "Unknown explain mode: " + mode +
                       ". Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', "
                       "'formatted'.",
                   {{"explain_mode", mode}});
}

std::string Session::SemanticText(const std::string& plan_json) {
  return Prepare(ParsePlanJson(plan_json, &held_), config_, catalog_, functions_).optimized->ToString();
}

namespace {

void CollectFiles(const LogicalPlan& plan, std::set<std::string>& files) {
  if (plan.Is<ReadNode>()) files.insert(plan.As<ReadNode>().files.begin(), plan.As<ReadNode>().files.end());
  for (const auto& child : plan.children) CollectFiles(*child, files);
}

}  // namespace

std::vector<std::string> Session::InputFiles(const std::string& plan_json) {
  EvalContext eval = EvalContext::FromConfig(config_);
  PlanPtr analyzed = Analyze(ParsePlanJson(plan_json, &held_), AnalyzerContext{config_, eval, &catalog_, nullptr, &functions_});
  std::set<std::string> files;
  CollectFiles(*analyzed, files);
  return {files.begin(), files.end()};
}

std::string Session::ShowString(const std::string& plan_json, int num_rows, int truncate,
                                bool vertical) {
  int64_t limit = std::max(num_rows, 0) + 1;
  Query query = Prepare(ParseUsingCache(plan_json), config_, catalog_, functions_, [limit](const PlanPtr& analyzed) {
    LogicalPlan node(LimitNode{limit}, {analyzed});
    node.output = analyzed->output;
    if (node.output.empty()) {
      for (const auto& field : analyzed->As<LocalRelationNode>().schema) {
        node.output.push_back({field.name, field.type, field.nullable, ""});
      }
    }
    return MakePlan(std::move(node));
  });
  PhysicalPtr physical = PlanPhysical(query.optimized, {config_, query.eval, parallelism()});
  QueryResult result;
  result.schema = SchemaOf(*query.analyzed);
  RunQuery(physical, [&](const JobSettings& settings) {
    result.batches = CollectJob(physical, query.eval, settings, *runtime_);
  });
  return FormatShowString(result, num_rows, truncate, vertical, query.eval);
}

void Session::Write(const std::string& plan_json, const WriteRequest& request) {
  WriteAnalyzed(AnalyzePlan(ParseUsingCache(plan_json)), request);
}

namespace {

// The input ordinals of the partitionBy columns; raises COLUMN_NOT_FOUND and
// ALL_PARTITION_COLUMNS_NOT_ALLOWED as Spark does.
std::vector<int> PartitionColumnOrdinals(const Schema& schema, const std::vector<std::string>& names) {
  std::vector<int> ordinals;
  for (const std::string& name : names) {
    int found = FindFieldIndex(schema, name);
    if (found < 0) {
      throw SparkError("COLUMN_NOT_FOUND",
                       {{"colName", QuoteIdentifier(name)}, {"caseSensitiveConfig", "\"spark.sql.caseSensitive\""}});
    }
    ordinals.push_back(found);
  }
  if (!ordinals.empty() && ordinals.size() >= schema.size()) throw SparkError("ALL_PARTITION_COLUMNS_NOT_ALLOWED", ErrorParams{});
  return ordinals;
}

}  // namespace

bool Session::DynamicPartitionOverwrite() const {
  return absl::AsciiStrToLower(config_.GetOr("spark.sql.sources.partitionOverwriteMode", "static")) == "dynamic";
}

void Session::WriteAnalyzed(const PlanPtr& analyzed, const WriteRequest& request) {
  EvalContext eval = EvalContext::FromConfig(config_);
  SaveMode mode = ParseSaveMode(request.mode);
  std::shared_ptr<FileFormat> format = FindFileFormat(request.format);
  Schema schema = SchemaOf(*analyzed);
  std::vector<int> partition_columns = PartitionColumnOrdinals(schema, request.partition_by);
  PhysicalPtr physical = PlanPhysical(Optimize(analyzed, config_, eval), {config_, eval, parallelism()});
  if (partition_columns.empty()) physical = SortByRanges(physical, config_);

  OverwriteScope scope;
  if (request.overwrite_scope) {
    scope = *request.overwrite_scope;
  } else if (!partition_columns.empty() && DynamicPartitionOverwrite()) {
    scope.kind = OverwriteScope::kWrittenPartitions;
  }
  WriteJob job(request.path, mode, scope);
  if (!request.partition_folders.empty()) job.SetPartitionFolders(request.partition_folders);
  if (!job.Setup()) return;
  try {
    WriteSpec spec{format->name(), job.task_dir(), job.job_uuid(), request.options};
    spec.partition_columns = partition_columns;
    std::optional<std::string> max_records = GetOption(request.options, "maxRecordsPerFile");
    spec.max_records_per_file = std::stoll(max_records ? *max_records : config_.GetOr("spark.sql.files.maxRecordsPerFile", "0"));
    RunQuery(physical, [&](const JobSettings& settings) {
      RunJob(PlanFileWrite(physical, spec), eval, settings, *runtime_, nullptr);
    });
    if (!job.HasCommittedFiles() && partition_columns.empty()) {
      // An empty result still leaves one (empty) part file, so the output keeps its schema.
      std::string path = (std::filesystem::path(job.task_dir()) /
                          PartFileName(0, job.job_uuid(), format->FileExtension(request.options)))
                             .string();
      format->CreateWriter(path, schema, request.options, eval)->Close();
    }
    if (request.before_publish) {
      job.Commit([&] { request.before_publish(job); }, true);
    } else {
      job.Commit();
    }
  } catch (...) {
    job.Abort();
    throw;
  }
}

}  // namespace ember
