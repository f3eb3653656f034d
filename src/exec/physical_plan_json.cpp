#include "exec/physical_plan_json.h"

#include <simdjson.h>


#include "common/error.h"
#include "common/value.h"
#include "exec/json_writer.h"
#include "functions/registry.h"
#include "plan/plan_json.h"
#include "plan/window_functions.h"

namespace ember {
namespace {

using simdjson::dom::element;

// ---- values ---------------------------------------------------------------------------------

std::string HexEncode(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

void WriteValue(JsonWriter& out, const Value& value) {
  if (value.is_null) return out.Null();
  const DataType& type = *value.type;
  switch (type.id) {
    case TypeId::kNull:
      return out.Null();
    case TypeId::kBoolean:
      return out.Bool(value.i64 != 0);
    case TypeId::kFloat:
    case TypeId::kDouble:
      return out.Double(value.f64);
    case TypeId::kDecimal:
      return out.String(DecimalToString(value.DecimalUnscaled(), type.scale));
    case TypeId::kString:
      return out.String(value.str);
    case TypeId::kBinary:
      return out.String(HexEncode(value.str));
    case TypeId::kArray:
    case TypeId::kStruct:
      out.BeginArray();
      for (const auto& child : value.children) WriteValue(out, child);
      return out.EndArray();
    case TypeId::kMap: {
      size_t n = value.children.size() / 2;
      out.BeginArray();
      for (size_t i = 0; i < n; ++i) {
        out.BeginArray();
        WriteValue(out, value.children[i]);
        WriteValue(out, value.children[n + i]);
        out.EndArray();
      }
      return out.EndArray();
    }
    default:
      return out.Int(value.i64);
  }
}

// ---- schemas, options ---------------------------------------------------------------------

void WriteSchema(JsonWriter& out, const Schema& schema) {
  out.BeginArray();
  for (const auto& field : schema) {
    out.BeginObject();
    out.Key("name");
    out.String(field.name);
    out.Key("type");
    out.String(field.type->ToString());
    out.Key("nullable");
    out.Bool(field.nullable);
    out.EndObject();
  }
  out.EndArray();
}

Schema ReadSchema(const element& e) {
  Schema schema;
  for (element field : e.get_array()) {
    schema.push_back({std::string(field["name"].get_string().value()),
                      ParseDataType(std::string(field["type"].get_string().value())),
                      field["nullable"].get_bool().value()});
  }
  return schema;
}

void WriteOptions(JsonWriter& out, const Options& options) {
  out.BeginObject();
  for (const auto& [key, value] : options) {
    out.Key(key);
    out.String(value);
  }
  out.EndObject();
}

Options ReadOptions(const element& e) {
  Options options;
  for (auto field : e.get_object()) options[std::string(field.key)] = std::string(field.value.get_string().value());
  return options;
}

// ---- expressions ----------------------------------------------------------------------------

void WriteExpr(JsonWriter& out, const Expr& expr);

void WriteWindow(JsonWriter& out, const WindowSpec& window) {
  out.Key("w");
  out.BeginObject();
  out.Key("p");
  out.Int(static_cast<int64_t>(window.num_partition));
  out.Key("s");
  out.Bool(window.frame_specified);
  out.Key("r");
  out.Bool(window.rows);
  out.Key("lk");
  out.Int(window.lower.kind);
  if (window.lower.offset) {
    out.Key("lo");
    WriteExpr(out, *window.lower.offset);
  }
  out.Key("uk");
  out.Int(window.upper.kind);
  if (window.upper.offset) {
    out.Key("uo");
    WriteExpr(out, *window.upper.offset);
  }
  out.EndObject();
}

void WriteExpr(JsonWriter& out, const Expr& expr) {
  out.BeginObject();
  out.Key("k");
  out.Int(static_cast<int>(expr.kind));
  if (!expr.name_parts.empty()) {
    out.Key("np");
    out.BeginArray();
    for (const auto& part : expr.name_parts) out.String(part);
    out.EndArray();
  }
  if (!expr.name.empty()) {
    out.Key("n");
    out.String(expr.name);
  }
  if (!expr.args.empty()) {
    out.Key("a");
    out.BeginArray();
    for (const auto& arg : expr.args) WriteExpr(out, *arg);
    out.EndArray();
  }
  if (expr.kind == ExprKind::kLiteral) {
    out.Key("lt");
    out.String(expr.literal.type->ToString());
    out.Key("v");
    WriteValue(out, expr.literal);
  }
  if (expr.type) {
    out.Key("t");
    out.String(expr.type->ToString());
  }
  out.Key("nl");
  out.Bool(expr.nullable);
  out.Key("i");
  out.Int(expr.index);
  out.Key("f");
  out.Int((expr.distinct ? 1 : 0) | (expr.try_cast ? 2 : 0) | (expr.has_else ? 4 : 0) |
          (expr.ascending ? 8 : 0) | (expr.nulls_first ? 16 : 0) | (expr.has_filter ? 32 : 0));
  if (expr.window) WriteWindow(out, *expr.window);
  out.EndObject();
}

ExprPtr ReadExpr(const element& e, const EvalContext& ctx, bool plain_aggregate = false);

std::shared_ptr<const WindowSpec> ReadWindow(const element& e, const EvalContext& ctx) {
  auto window = std::make_shared<WindowSpec>();
  window->num_partition = static_cast<size_t>(e["p"].get_int64().value());
  window->frame_specified = e["s"].get_bool().value();
  window->rows = e["r"].get_bool().value();
  auto bound = [&](const char* kind_key, const char* offset_key) {
    FrameBound result;
    result.kind = static_cast<FrameBound::Kind>(e[kind_key].get_int64().value());
    element offset;
    if (!e[offset_key].get(offset)) result.offset = ReadExpr(offset, ctx);
    return result;
  };
  window->lower = bound("lk", "lo");
  window->upper = bound("uk", "uo");
  return window;
}

ExprPtr ReadExpr(const element& e, const EvalContext& ctx, bool plain_aggregate) {
  Expr expr;
  expr.kind = static_cast<ExprKind>(e["k"].get_int64().value());
  element field;
  if (!e["np"].get(field)) {
    for (element part : field.get_array()) expr.name_parts.emplace_back(part.get_string().value());
  }
  if (!e["n"].get(field)) expr.name = std::string(field.get_string().value());
  if (!e["a"].get(field)) {
    for (element arg : field.get_array()) expr.args.push_back(ReadExpr(arg, ctx));
  }
  if (expr.kind == ExprKind::kLiteral) {
    expr.literal = ParseValue(e["v"].value(), ParseDataType(std::string(e["lt"].get_string().value())));
  }
  if (!e["t"].get(field)) expr.type = ParseDataType(std::string(field.get_string().value()));
  expr.nullable = e["nl"].get_bool().value();
  expr.index = static_cast<int>(e["i"].get_int64().value());
  int64_t flags = e["f"].get_int64().value();
  expr.distinct = flags & 1;
  expr.try_cast = flags & 2;
  expr.has_else = flags & 4;
  expr.ascending = flags & 8;
  expr.nulls_first = flags & 16;
  expr.has_filter = flags & 32;

  if (!e["w"].get(field)) expr.window = ReadWindow(field, ctx);
  bool window_function = expr.kind == ExprKind::kFunction && IsWindowFunctionName(expr.name);
  if (expr.type && !window_function && (expr.kind == ExprKind::kFunction || expr.kind == ExprKind::kAggregate)) {
    std::vector<BindArg> args = BindArgsOf(expr.FunctionArgs());
    const auto& registry = FunctionRegistry::Instance();
    if (expr.kind == ExprKind::kFunction) {
      const ScalarFunction* function = registry.FindScalar(expr.name);
      EMBER_CHECK(function != nullptr, "unknown function in a serialized plan: " + expr.name);
      expr.scalar = std::make_shared<const BoundScalar>(function->bind(args, ctx));
    } else {
      const AggregateFunction* function = registry.FindAggregate(expr.name);
      EMBER_CHECK(function != nullptr, "unknown aggregate in a serialized plan: " + expr.name);
      expr.aggregate = std::make_shared<const BoundAggregate>(
          function->bind(args, expr.distinct && !plain_aggregate, ctx));
    }
  }
  return MakeExpr(std::move(expr));
}

void WriteExprs(JsonWriter& out, const char* key, const std::vector<ExprPtr>& exprs) {
  out.Key(key);
  out.BeginArray();
  for (const auto& expr : exprs) WriteExpr(out, *expr);
  out.EndArray();
}

std::vector<ExprPtr> ReadExprs(const element& e, const EvalContext& ctx) {
  std::vector<ExprPtr> exprs;
  for (element child : e.get_array()) exprs.push_back(ReadExpr(child, ctx));
  return exprs;
}

// ---- local batches --------------------------------------------------------------------------

void WriteBatches(JsonWriter& out, const Schema& schema, const std::vector<Batch>& batches) {
  out.BeginArray();
  for (const auto& batch : batches) {
    out.BeginArray();
    for (int64_t row = 0; row < batch.num_rows; ++row) {
      out.BeginArray();
      for (const auto& column : batch.columns) WriteValue(out, GetValue(*column, row));
      out.EndArray();
    }
    out.EndArray();
  }
  out.EndArray();
}

std::vector<Batch> ReadBatches(const element& e, const Schema& schema) {
  std::vector<Batch> batches;
  for (element rows : e.get_array()) {
    std::vector<VectorBuilder> builders;
    for (const auto& field : schema) builders.emplace_back(field.type);
    int64_t count = 0;
    for (element row : rows.get_array()) {
      size_t i = 0;
      for (element cell : row.get_array()) {
        AppendValue(builders[i], ParseValue(cell, schema[i].type));
        ++i;
      }
      ++count;
    }
    Batch batch;
    batch.num_rows = count;
    for (auto& builder : builders) batch.columns.push_back(builder.Finish());
    batches.push_back(std::move(batch));
  }
  return batches;
}

// ---- nodes ----------------------------------------------------------------------------------

// The "exprs" field every node carries: a filter's predicate, a project's outputs, a sort's
// orders, a replicate node's count, an expand node's projections.
std::vector<ExprPtr> NodeExprs(const PhysicalNode& node) {
  switch (node.kind()) {
    case PhysicalKind::kFilter: return {node.As<FilterExec>().predicate};
    case PhysicalKind::kProject: return node.As<ProjectExec>().exprs;
    case PhysicalKind::kSort: return node.As<SortExec>().orders;
    case PhysicalKind::kReplicateRows: return {node.As<ReplicateRowsExec>().count};
    case PhysicalKind::kWindow: return node.As<WindowExec>().exprs;
    case PhysicalKind::kWindowGroupLimit: return {node.As<WindowGroupLimitExec>().window};
    case PhysicalKind::kGenerate: return {node.As<GenerateExec>().generator};
    case PhysicalKind::kExpand: {
      std::vector<ExprPtr> all;
      for (const auto& projection : node.As<ExpandExec>().projections) all.insert(all.end(), projection.begin(), projection.end());
      return all;
    }
    default: return {};
  }
}

void WriteJoin(JsonWriter& out, const JoinExec& join) {
  out.Key("join_type");
  out.Int(static_cast<int>(join.type));
  WriteExprs(out, "left_keys", join.left_keys);
  WriteExprs(out, "right_keys", join.right_keys);
  out.Key("null_safe");
  out.BeginArray();
  for (bool flag : join.null_safe) out.Bool(flag);
  out.EndArray();
  std::vector<ExprPtr> condition;
  if (join.condition) condition.push_back(join.condition);
  WriteExprs(out, "condition", condition);
  out.Key("build_right");
  out.Bool(join.build_right);
  out.Key("broadcast");
  out.Bool(join.broadcast);
}

void WriteNode(JsonWriter& out, const PhysicalNode& node) {
  out.BeginObject();
  out.Key("kind");
  out.Int(static_cast<int>(node.kind()));
  out.Key("children");
  out.BeginArray();
  for (const auto& child : node.children) WriteNode(out, *child);
  out.EndArray();
  out.Key("output");
  WriteSchema(out, node.output);
  out.Key("partitioning");
  out.Int(static_cast<int>(node.partitioning.kind));
  out.Key("num_partitions");
  out.Int(node.partitioning.num_partitions);
  WriteExprs(out, "keys", node.partitioning.keys);
  WriteExprs(out, "exprs", NodeExprs(node));
  switch (node.kind()) {
    case PhysicalKind::kFileScan: {
      const auto& scan = node.As<FileScanExec>();
      out.Key("format");
      out.String(scan.format);
      out.Key("splits");
      out.BeginArray();
      for (const auto& split : scan.splits) {
        out.BeginArray();
        out.String(split.path);
        out.Int(split.offset);
        out.Int(split.length);
        out.Int(split.file_size);
        out.BeginArray();
        for (const Value& value : split.partition_values) WriteValue(out, value);
        out.EndArray();
        out.EndArray();
      }
      out.EndArray();
      out.Key("output_sources");
      out.BeginArray();
      for (int source : scan.output_sources) out.Int(source);
      out.EndArray();
      out.Key("partition_schema");
      WriteSchema(out, scan.partition_schema);
      out.Key("data_schema");
      WriteSchema(out, scan.data_schema);
      out.Key("read_schema");
      WriteSchema(out, scan.read_schema);
      WriteExprs(out, "filters", scan.filters);
      out.Key("options");
      WriteOptions(out, scan.options);
      out.Key("input_files");
      out.Int(scan.input_files);
      break;
    }
    case PhysicalKind::kLocalScan:
      out.Key("rows");
      WriteBatches(out, node.output, *node.As<LocalScanExec>().batches);
      out.Key("partition_ends");
      out.BeginArray();
      for (size_t end : node.As<LocalScanExec>().partition_ends) out.Int(static_cast<int64_t>(end));
      out.EndArray();
      break;
    case PhysicalKind::kHashAggregate: {
      const auto& aggregate = node.As<HashAggregateExec>();
      out.Key("mode");
      out.Int(static_cast<int>(aggregate.mode));
      WriteExprs(out, "groups", aggregate.groups);
      out.Key("aggregates");
      out.BeginArray();
      for (const auto& call : aggregate.aggregates) {
        out.BeginObject();
        out.Key("call");
        WriteExpr(out, *call.call);
        out.Key("merge");
        out.Bool(call.merge);
        out.Key("plain");
        out.Bool(call.plain);
        WriteExprs(out, "inputs", call.inputs);
        if (call.filter) {
          out.Key("filter");
          WriteExpr(out, *call.filter);
        }
        out.EndObject();
      }
      out.EndArray();
      break;
    }
    case PhysicalKind::kSort:
      out.Key("global");
      out.Bool(node.As<SortExec>().global);
      break;
    case PhysicalKind::kLimit: {
      const auto& limit = node.As<LimitExec>();
      out.Key("limit");
      out.Int(limit.limit);
      out.Key("global");
      out.Bool(limit.global);
      out.Key("offset");
      out.Int(limit.offset);
      break;
    }
    case PhysicalKind::kWindowGroupLimit:
      out.Key("limit");
      out.Int(node.As<WindowGroupLimitExec>().limit);
      break;
    case PhysicalKind::kExchange:
      out.Key("exchange_id");
      out.Int(node.As<ExchangeExec>().id);
      out.Key("fixed_partitions");
      out.Bool(node.As<ExchangeExec>().fixed_partitions);
      break;
    case PhysicalKind::kRange: {
      const RangeNode& range = node.As<RangeExec>().range;
      out.Key("start");
      out.Int(range.start);
      out.Key("end");
      out.Int(range.end);
      out.Key("step");
      out.Int(range.step);
      out.Key("splits");
      out.Int(range.num_partitions);
      break;
    }
    case PhysicalKind::kGenerate:
      out.Key("outer");
      out.Bool(node.As<GenerateExec>().outer);
      out.Key("dropped_child_columns");
      out.BeginArray();
      for (int column : node.As<GenerateExec>().dropped_child_columns) out.Int(column);
      out.EndArray();
      break;
    case PhysicalKind::kFileWrite: {
      const WriteSpec& spec = node.As<FileWriteExec>().spec;
      out.Key("format");
      out.String(spec.format);
      out.Key("task_dir");
      out.String(spec.task_dir);
      out.Key("job_uuid");
      out.String(spec.job_uuid);
      out.Key("options");
      WriteOptions(out, spec.options);
      out.Key("partition_columns");
      out.BeginArray();
      for (int column : spec.partition_columns) out.Int(column);
      out.EndArray();
      out.Key("max_records_per_file");
      out.Int(spec.max_records_per_file);
      break;
    }
    case PhysicalKind::kHashJoin:
    case PhysicalKind::kNestedLoopJoin:
      WriteJoin(out, node.Join());
      break;
    default:
      break;
  }
  out.EndObject();
}

JoinExec ReadJoin(const element& e, const EvalContext& ctx) {
  JoinExec join;
  join.type = static_cast<JoinType>(e["join_type"].get_int64().value());
  join.left_keys = ReadExprs(e["left_keys"].value(), ctx);
  join.right_keys = ReadExprs(e["right_keys"].value(), ctx);
  for (element flag : e["null_safe"].get_array()) join.null_safe.push_back(flag.get_bool().value());
  std::vector<ExprPtr> condition = ReadExprs(e["condition"].value(), ctx);
  if (!condition.empty()) join.condition = condition[0];
  join.build_right = e["build_right"].get_bool().value();
  join.broadcast = e["broadcast"].get_bool().value();
  return join;
}

// The payload of a node of `kind` serialized in `e`, whose "exprs" are `exprs`.
PhysicalPayload ReadPayload(PhysicalKind kind, const element& e, std::vector<ExprPtr> exprs, const Schema& output,
                            const EvalContext& ctx) {
  switch (kind) {
    case PhysicalKind::kFileScan: {
      FileScanExec scan;
      scan.format = std::string(e["format"].get_string().value());
      scan.partition_schema = ReadSchema(e["partition_schema"].value());
      for (element source : e["output_sources"].get_array()) scan.output_sources.push_back(static_cast<int>(source.get_int64().value()));
      for (element split : e["splits"].get_array()) {
        simdjson::dom::array parts = split.get_array();
        scan.splits.push_back({std::string(parts.at(0).get_string().value()), parts.at(1).get_int64().value(),
                               parts.at(2).get_int64().value(), parts.at(3).get_int64().value()});
        size_t column = 0;
        for (element value : parts.at(4).get_array()) {
          scan.splits.back().partition_values.push_back(ParseValue(value, scan.partition_schema.at(column++).type));
        }
      }
      scan.data_schema = ReadSchema(e["data_schema"].value());
      scan.read_schema = ReadSchema(e["read_schema"].value());
      scan.filters = ReadExprs(e["filters"].value(), ctx);
      scan.options = ReadOptions(e["options"].value());
      scan.input_files = e["input_files"].get_int64().value();
      return scan;
    }
    case PhysicalKind::kLocalScan: {
      LocalScanExec local{std::make_shared<const std::vector<Batch>>(ReadBatches(e["rows"].value(), output)), {}};
      for (element end : e["partition_ends"].get_array()) local.partition_ends.push_back(end.get_int64().value());
      return local;
    }
    case PhysicalKind::kFilter:
      return FilterExec{exprs.at(0)};
    case PhysicalKind::kProject:
      return ProjectExec{std::move(exprs)};
    case PhysicalKind::kHashAggregate: {
      HashAggregateExec aggregate;
      aggregate.mode = static_cast<AggregateMode>(e["mode"].get_int64().value());
      aggregate.groups = ReadExprs(e["groups"].value(), ctx);
      for (element call : e["aggregates"].get_array()) {
        PhysicalAggregate physical;
        physical.plain = call["plain"].get_bool().value();
        physical.call = ReadExpr(call["call"].value(), ctx, physical.plain);
        physical.merge = call["merge"].get_bool().value();
        physical.inputs = ReadExprs(call["inputs"].value(), ctx);
        element filter;
        if (!call["filter"].get(filter)) physical.filter = ReadExpr(filter, ctx);
        aggregate.aggregates.push_back(std::move(physical));
      }
      return aggregate;
    }
    case PhysicalKind::kSort:
      return SortExec{std::move(exprs), e["global"].get_bool().value()};
    case PhysicalKind::kLimit:
      return LimitExec{e["limit"].get_int64().value(), e["global"].get_bool().value(), e["offset"].get_int64().value()};
    case PhysicalKind::kUnion:
      return UnionExec{};
    case PhysicalKind::kExchange:
      return ExchangeExec{static_cast<int>(e["exchange_id"].get_int64().value()),
                          e["fixed_partitions"].get_bool().value()};
    case PhysicalKind::kFileWrite: {
      WriteSpec spec;
      spec.format = std::string(e["format"].get_string().value());
      spec.task_dir = std::string(e["task_dir"].get_string().value());
      spec.job_uuid = std::string(e["job_uuid"].get_string().value());
      spec.options = ReadOptions(e["options"].value());
      for (element column : e["partition_columns"].get_array()) spec.partition_columns.push_back(static_cast<int>(column.get_int64().value()));
      spec.max_records_per_file = e["max_records_per_file"].get_int64().value();
      return FileWriteExec{std::move(spec)};
    }
    case PhysicalKind::kHashJoin:
      return HashJoinExec{ReadJoin(e, ctx)};
    case PhysicalKind::kNestedLoopJoin:
      return NestedLoopJoinExec{ReadJoin(e, ctx)};
    case PhysicalKind::kReplicateRows:
      return ReplicateRowsExec{exprs.at(0)};
    case PhysicalKind::kWindow:
      return WindowExec{std::move(exprs)};
    case PhysicalKind::kWindowGroupLimit:
      return WindowGroupLimitExec{exprs.at(0), e["limit"].get_int64().value()};
    case PhysicalKind::kRange: {
      RangeExec range;
      range.range.start = e["start"].get_int64().value();
      range.range.end = e["end"].get_int64().value();
      range.range.step = e["step"].get_int64().value();
      range.range.num_partitions = static_cast<int>(e["splits"].get_int64().value());
      return range;
    }
    case PhysicalKind::kGenerate: {
      GenerateExec generate{exprs.at(0), e["outer"].get_bool().value()};
      for (element column : e["dropped_child_columns"].get_array()) {
        generate.dropped_child_columns.push_back(static_cast<int>(column.get_int64().value()));
      }
      return generate;
    }
    case PhysicalKind::kExpand: {
      // "exprs" holds the projections one after another, output.size() expressions each.
      ExpandExec expand;
      for (size_t begin = 0; begin < exprs.size(); begin += output.size()) {
        expand.projections.emplace_back(exprs.begin() + static_cast<long>(begin),
                                        exprs.begin() + static_cast<long>(begin + output.size()));
      }
      return expand;
    }
  }
  throw InternalError("malformed serialized physical plan: unknown node kind");
}

PhysicalPtr ReadPhysicalNode(const element& e, const EvalContext& ctx) {
  auto kind = static_cast<PhysicalKind>(e["kind"].get_int64().value());
  std::vector<PhysicalPtr> children;
  for (element child : e["children"].get_array()) children.push_back(ReadPhysicalNode(child, ctx));
  Schema output = ReadSchema(e["output"].value());
  std::vector<ExprPtr> exprs = ReadExprs(e["exprs"].value(), ctx);
  PhysicalNode node(ReadPayload(kind, e, std::move(exprs), output, ctx));
  node.children = std::move(children);
  node.output = std::move(output);
  node.partitioning.kind = static_cast<PartitioningKind>(e["partitioning"].get_int64().value());
  node.partitioning.num_partitions = static_cast<int>(e["num_partitions"].get_int64().value());
  node.partitioning.keys = ReadExprs(e["keys"].value(), ctx);
  return MakePhysical(std::move(node));
}

element ParseDocument(simdjson::dom::parser& parser, const std::string& json) {
  element root;
  auto error = parser.parse(json).get(root);
  EMBER_CHECK(!error, "malformed serialized physical plan");
  return root;
}

}  // namespace

std::string PhysicalPlanToJson(const PhysicalNode& node) {
  JsonWriter out;
  WriteNode(out, node);
  return out.text();
}

PhysicalPtr PhysicalPlanFromJson(const std::string& json, const EvalContext& ctx) {
  simdjson::dom::parser parser;
  try {
    return ReadPhysicalNode(ParseDocument(parser, json), ctx);
  } catch (const simdjson::simdjson_error& error) {
    throw InternalError(std::string("malformed serialized physical plan: ") + error.what());
  }
}

std::string ExprToJson(const Expr& expr) {
  JsonWriter out;
  WriteExpr(out, expr);
  return out.text();
}

ExprPtr ExprFromJson(const std::string& json, const EvalContext& ctx) {
  simdjson::dom::parser parser;
  try {
    return ReadExpr(ParseDocument(parser, json), ctx);
  } catch (const simdjson::simdjson_error& error) {
    throw InternalError(std::string("malformed serialized expression: ") + error.what());
  }
}

}  // namespace ember
