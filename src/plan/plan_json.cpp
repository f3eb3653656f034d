#include "plan/plan_json.h"

#include <simdjson.h>

#include <cmath>
#include <limits>

#include "common/error.h"
#include "common/value.h"
#include "plan/join_type.h"
#include "plan/sql_text.h"

namespace ember {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// The held plans of the document being parsed (ParsePlanJson's `held`).
thread_local const HeldPlans* current_held = nullptr;

[[noreturn]] void Malformed(const std::string& what) {
  throw InternalError("malformed plan JSON: " + what);
}

std::string_view StringField(const object& obj, const char* key) {
  std::string_view text;
  if (obj[key].get(text)) Malformed(std::string("missing string field '") + key + "'");
  return text;
}

bool BoolField(const object& obj, const char* key, bool fallback) {
  element value;
  if (obj[key].get(value) || value.is_null()) return fallback;
  bool result;
  if (value.get(result)) Malformed(std::string("field '") + key + "' is not a boolean");
  return result;
}

array ArrayField(const object& obj, const char* key) {
  array list;
  if (obj[key].get(list)) Malformed(std::string("missing list field '") + key + "'");
  return list;
}

int64_t ToInt64(const element& value) {
  int64_t result;
  if (!value.get(result)) return result;
  double number;
  if (!value.get(number) && std::trunc(number) == number) return static_cast<int64_t>(number);
  Malformed("expected an integer");
}

double ToDouble(const element& value) {
  std::string_view text;
  if (!value.get(text)) {
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    Malformed("bad floating-point text " + std::string(text));
  }
  double number;
  if (!value.get(number)) return number;
  int64_t integer;
  if (!value.get(integer)) return static_cast<double>(integer);
  uint64_t unsigned_integer;
  if (!value.get(unsigned_integer)) return static_cast<double>(unsigned_integer);
  Malformed("expected a number");
}

// Decimal text ("-12.5") to the unscaled value at `scale`, rounding half away from zero.
int128_t ParseDecimalText(std::string_view text, int scale) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  int128_t unscaled = 0;
  int fraction_digits = 0;
  bool in_fraction = false;
  bool dropped_digit = false;
  bool round_up = false;
  bool any_digit = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') Malformed("bad decimal text " + std::string(text));
    any_digit = true;
    if (!in_fraction || fraction_digits < scale) {
      unscaled = unscaled * 10 + (c - '0');
      if (in_fraction) ++fraction_digits;
    } else if (!dropped_digit) {
      // The first dropped digit decides the rounding (half away from zero).
      dropped_digit = true;
      round_up = c >= '5';
    }
  }
  if (!any_digit) Malformed("bad decimal text " + std::string(text));
  for (int i = fraction_digits; i < scale; ++i) unscaled *= 10;
  if (round_up) unscaled += 1;
  return negative ? -unscaled : unscaled;
}

std::string ParseHex(std::string_view text) {
  if (text.size() % 2 != 0) Malformed("odd number of hex digits");
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    Malformed("bad hex digit");
  };
  std::string bytes;
  bytes.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    bytes.push_back(static_cast<char>(digit(text[i]) * 16 + digit(text[i + 1])));
  }
  return bytes;
}


Schema ParseSchema(const element& json) {
  array fields;
  if (json.get(fields)) Malformed("a schema is a list of fields");
  Schema schema;
  for (element field_json : fields) {
    object field;
    if (field_json.get(field)) Malformed("a schema field is an object");
    StructField out;
    out.name = std::string(StringField(field, "name"));
    out.type = ParseDataType(std::string(StringField(field, "type")));
    out.nullable = BoolField(field, "nullable", true);
    schema.push_back(std::move(out));
  }
  return schema;
}

ExprPtr ParseExpr(const element& json);
std::vector<std::string> ParseNames(const array& list);

std::vector<ExprPtr> ParseExprList(const array& list) {
  std::vector<ExprPtr> exprs;
  for (element item : list) exprs.push_back(ParseExpr(item));
  return exprs;
}

ExprPtr Finish(Expr node) { return std::make_shared<const Expr>(std::move(node)); }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "unbounded_preceding", "unbounded_following", or a row count / value offset (0: the current row;
// negative: before it).
FrameBound ParseFrameBound(const element& json) {
  std::string_view text;
  if (!json.get(text)) {
    if (text == "unbounded_preceding") return {FrameBound::kUnboundedPreceding, nullptr};
    if (text == "unbounded_following") return {FrameBound::kUnboundedFollowing, nullptr};
    Malformed("unknown frame bound " + std::string(text));
  }
  int64_t offset = ToInt64(json);
  if (offset == 0) return {FrameBound::kCurrentRow, nullptr};
  bool fits = offset >= INT32_MIN && offset <= INT32_MAX;
  return {FrameBound::kFollowing, Literal(fits ? Value::Int(static_cast<int32_t>(offset)) : Value::Long(offset))};
}

PlanPtr ParsePlan(const element& json);

ExprPtr ParseExpr(const element& json) {
  object obj;
  if (json.get(obj)) Malformed("an expression is an object");
  std::string_view kind = StringField(obj, "e");
  Expr node;
  if (kind == "sql") return ParseSqlExpressionText(std::string(StringField(obj, "text")));
  if (kind == "col") {
    node.kind = ExprKind::kColumn;
    node.name_parts = ParseColumnName(std::string(StringField(obj, "name")));
    element plan_id;
    if (!obj["plan_id"].get(plan_id)) node.plan_id = ToInt64(plan_id);
    node.outer = BoolField(obj, "outer", false);
  } else if (kind == "subquery") {
    node.kind = ExprKind::kSubquery;
    std::string_view which = StringField(obj, "type");
    if (which == "scalar") {
      node.subquery_type = SubqueryType::kScalar;
    } else if (which == "exists") {
      node.subquery_type = SubqueryType::kExists;
    } else if (which == "in") {
      node.subquery_type = SubqueryType::kIn;
      node.args = ParseExprList(ArrayField(obj, "args"));
    } else {
      Malformed("unknown subquery type " + std::string(which));
    }
    node.subquery = ParsePlan(obj["plan"].value());
  } else if (kind == "star") {
    node.kind = ExprKind::kStar;
    std::string_view target;
    if (!obj["target"].get(target)) node.name_parts = ParseColumnName(std::string(target));
  } else if (kind == "lit") {
    node.kind = ExprKind::kLiteral;
    TypePtr type = ParseDataType(std::string(StringField(obj, "type")));
    element value;
    if (obj["value"].get(value)) Malformed("literal without value");
    node.literal = ParseValue(value, type);
    node.type = type;
    node.nullable = node.literal.is_null;
  } else if (kind == "fn" || kind == "agg") {
    node.kind = kind == "fn" ? ExprKind::kFunction : ExprKind::kAggregate;
    node.name = Lower(StringField(obj, "name"));
    node.args = ParseExprList(ArrayField(obj, "args"));
    node.distinct = BoolField(obj, "distinct", false);
  } else if (kind == "udf") {
    node.kind = ExprKind::kFunction;
    node.function_id = ToInt64(obj["id"].value());
    node.name = std::string(StringField(obj, "name"));
    node.args = ParseExprList(ArrayField(obj, "args"));
  } else if (kind == "alias") {
    node.kind = ExprKind::kAlias;
    node.name = std::string(StringField(obj, "name"));
    // Several names (a generator's columns, Column.alias("k", "v")) are kept in name_parts.
    array names;
    if (!obj["names"].get(names)) {
      for (element name : names) node.name_parts.emplace_back(std::string_view(name.get_string().value()));
    }
    node.args.push_back(ParseExpr(obj["child"].value()));
  } else if (kind == "cast") {
    node.kind = ExprKind::kCast;
    node.args.push_back(ParseExpr(obj["child"].value()));
    node.type = ParseDataType(std::string(StringField(obj, "type")));
    node.try_cast = BoolField(obj, "try", false);
  } else if (kind == "when") {
    node.kind = ExprKind::kCaseWhen;
    for (element branch_json : ArrayField(obj, "branches")) {
      array branch;
      if (branch_json.get(branch) || branch.size() != 2) Malformed("a branch is [cond, value]");
      node.args.push_back(ParseExpr(branch.at(0).value()));
      node.args.push_back(ParseExpr(branch.at(1).value()));
    }
    element otherwise;
    if (!obj["else"].get(otherwise) && !otherwise.is_null()) {
      node.args.push_back(ParseExpr(otherwise));
      node.has_else = true;
    }
  } else if (kind == "and" || kind == "or") {
    node.kind = kind == "and" ? ExprKind::kAnd : ExprKind::kOr;
    node.args = ParseExprList(ArrayField(obj, "args"));
    if (node.args.size() != 2) Malformed("and/or take two arguments");
  } else if (kind == "coalesce") {
    node.kind = ExprKind::kCoalesce;
    node.args = ParseExprList(ArrayField(obj, "args"));
  } else if (kind == "window") {
    node.kind = ExprKind::kWindow;
    node.args.push_back(ParseExpr(obj["function"].value()));
    auto window = std::make_shared<WindowSpec>();
    for (auto& partition : ParseExprList(ArrayField(obj, "partition"))) node.args.push_back(std::move(partition));
    window->num_partition = node.args.size() - 1;
    for (auto& order : ParseExprList(ArrayField(obj, "order"))) node.args.push_back(std::move(order));
    element frame_json;
    if (!obj["frame"].get(frame_json) && !frame_json.is_null()) {
      object frame;
      if (frame_json.get(frame)) Malformed("a window frame is an object");
      window->frame_specified = true;
      window->rows = StringField(frame, "type") == "rows";
      window->lower = ParseFrameBound(frame["lower"].value());
      window->upper = ParseFrameBound(frame["upper"].value());
    }
    node.window = std::move(window);
  } else if (kind == "partition_transform") {
    // years(c), bucket(n, c)...: Spark's unevaluable partition transforms, meaningful only in
    // DataFrameWriterV2.partitionedBy (which reads them on the Python side).
    throw SparkError("PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY",
                     {{"expression", "\"" + std::string(StringField(obj, "sql")) + "\""}});
  } else if (kind == "lambda") {
    return LambdaFunctionExpr(ParseNames(ArrayField(obj, "params")), ParseExpr(obj["body"].value()));
  } else if (kind == "lambdavar") {
    node.kind = ExprKind::kLambdaVar;
    node.name = std::string(StringField(obj, "name"));
  } else if (kind == "sort") {
    node.kind = ExprKind::kSortOrder;
    node.args.push_back(ParseExpr(obj["child"].value()));
    node.ascending = BoolField(obj, "asc", true);
    node.nulls_first = BoolField(obj, "nulls_first", node.ascending);
  } else {
    Malformed("unknown expression kind " + std::string(kind));
  }
  return Finish(std::move(node));
}

std::vector<std::string> ParseNames(const array& list) {
  std::vector<std::string> names;
  for (element item : list) {
    std::string_view text;
    if (item.get(text)) Malformed("names are strings");
    names.emplace_back(text);
  }
  return names;
}

std::shared_ptr<const std::vector<Batch>> BuildLocalBatches(const Schema& schema, const array& rows) {
  auto batches = std::make_shared<std::vector<Batch>>();
  std::vector<VectorBuilder> builders;
  auto reset = [&] {
    builders.clear();
    for (const auto& field : schema) builders.emplace_back(field.type);
  };
  auto flush = [&] {
    if (builders.empty() || builders[0].length() == 0) return;
    Batch batch;
    batch.num_rows = builders[0].length();
    for (auto& builder : builders) batch.columns.push_back(builder.Finish());
    batches->push_back(std::move(batch));
  };
  reset();
  int64_t rows_in_batch = 0;
  int64_t empty_schema_rows = 0;
  for (element row_json : rows) {
    array row;
    if (row_json.get(row) || row.size() != schema.size()) {
      Malformed("a local row is a list with one value per column");
    }
    size_t i = 0;
    for (element cell : row) {
      AppendValue(builders[i], ParseValue(cell, schema[i].type));
      ++i;
    }
    ++empty_schema_rows;
    if (++rows_in_batch == kBatchRows) {
      flush();
      reset();
      rows_in_batch = 0;
    }
  }
  if (schema.empty()) {
    // Rows without columns still count (spark.range(0).select() style).
    if (empty_schema_rows > 0) batches->push_back(Batch({}, empty_schema_rows));
  } else {
    flush();
  }
  return batches;
}

PlanPtr ParsePlan(const element& json);

PlanPtr ParseInput(const object& obj) {
  element input;
  if (obj["input"].get(input)) Malformed("missing 'input'");
  return ParsePlan(input);
}

// The ops SQL and DataFrame names share: relations by name, aliases, SQL text, offset and set
// operations. nullptr for other ops.
PlanPtr ParseRelationOp(const object& obj, std::string_view op) {
  if (op == "sql") {
    // "args": an object binding :name markers, or a list binding ? markers.
    SqlParameters parameters;
    element args;
    if (obj["args"].get(args) || args.is_null()) return ParseSqlQueryText(std::string(StringField(obj, "text")));
    object named;
    array positional;
    if (!args.get(named)) {
      for (auto field : named) parameters.named[std::string(field.key)] = ParseExpr(field.value);
    } else if (!args.get(positional)) {
      parameters.positional = ParseExprList(positional);
    } else {
      Malformed("sql args are an object or a list");
    }
    return ParseSqlQueryText(std::string(StringField(obj, "text")), &parameters);
  }
  if (op == "handle") {
    if (current_held == nullptr) Malformed("a plan handle outside a session");
    return current_held->Get(ToInt64(obj["id"].value()));
  }
  if (op == "table") return MakePlan(UnresolvedRelationNode{ParseNames(ArrayField(obj, "name"))}, {});
  if (op == "alias") return MakePlan(SubqueryAliasNode{std::string(StringField(obj, "name")), {}}, {ParseInput(obj)});
  if (op == "repartition") {
    RepartitionNode repartition;
    element n;
    if (!obj["n"].get(n) && !n.is_null()) repartition.num_partitions = static_cast<int>(ToInt64(n));
    repartition.keys = ParseExprList(ArrayField(obj, "keys"));
    repartition.coalesce = BoolField(obj, "coalesce", false);
    repartition.by_partition_id = BoolField(obj, "by_partition_id", false);
    return MakePlan(std::move(repartition), {ParseInput(obj)});
  }
  if (op == "hint") {
    HintNode hint{std::string(StringField(obj, "name")), ParseExprList(ArrayField(obj, "params"))};
    return MakePlan(std::move(hint), {ParseInput(obj)});
  }
  if (op == "offset") return MakePlan(OffsetNode{ToInt64(obj["n"].value())}, {ParseInput(obj)});
  if (op == "set_op") {
    SetOperationNode set;
    std::string_view which = StringField(obj, "kind");
    if (which == "intersect") {
      set.op = SetOperation::kIntersect;
    } else if (which == "except") {
      set.op = SetOperation::kExcept;
    } else {
      Malformed("set_op kind is intersect or except");
    }
    set.all = BoolField(obj, "all", false);
    return MakePlan(set, {ParsePlan(obj["left"].value()), ParsePlan(obj["right"].value())});
  }
  return nullptr;
}

PlanPtr ParsePlanNode(const object& obj);

// A node and, when the DataFrame API gave it one, its plan id.
PlanPtr ParsePlan(const element& json) {
  object obj;
  if (json.get(obj)) Malformed("a plan node is an object");
  PlanPtr plan = ParsePlanNode(obj);
  element plan_id;
  if (obj["plan_id"].get(plan_id)) return plan;
  LogicalPlan node = *plan;
  node.plan_id = ToInt64(plan_id);
  return MakePlan(std::move(node));
}

PlanPtr ParsePlanNode(const object& obj) {
  std::string_view op = StringField(obj, "op");
  if (PlanPtr relation = ParseRelationOp(obj, op)) return relation;
  if (op == "read") {
    ReadNode read;
    read.format = Lower(StringField(obj, "format"));
    read.paths = ParseNames(ArrayField(obj, "paths"));
    element schema;
    if (!obj["schema"].get(schema) && !schema.is_null()) read.user_schema = ParseSchema(schema);
    object options;
    if (!obj["options"].get(options)) {
      for (auto field : options) {
        std::string_view text;
        if (field.value.get(text)) Malformed("options are strings");
        read.options[Lower(field.key)] = std::string(text);
      }
    }
    return MakePlan(std::move(read), {});
  }
  if (op == "range") {
    RangeNode range;
    range.start = ToInt64(obj["start"].value());
    range.end = ToInt64(obj["end"].value());
    range.step = ToInt64(obj["step"].value());
    range.num_partitions = static_cast<int>(ToInt64(obj["num_partitions"].value()));
    return MakePlan(std::move(range), {});
  }
  if (op == "local") {
    LocalRelationNode local;
    local.schema = ParseSchema(obj["schema"].value());
    local.batches = BuildLocalBatches(local.schema, ArrayField(obj, "rows"));
    return MakePlan(std::move(local), {});
  }
  if (op == "project") return MakePlan(ProjectNode{ParseExprList(ArrayField(obj, "exprs"))}, {ParseInput(obj)});
  if (op == "filter") return MakePlan(FilterNode{ParseExpr(obj["condition"].value())}, {ParseInput(obj)});
  if (op == "aggregate") {
    AggregateNode aggregate{ParseExprList(ArrayField(obj, "groups")), ParseExprList(ArrayField(obj, "aggs"))};
    array sets;
    if (!obj["grouping_sets"].get(sets)) {
      for (element set_json : sets) {
        array set;
        if (set_json.get(set)) Malformed("a grouping set is a list of group positions");
        std::vector<int> positions;
        for (element position : set) {
          int64_t index = ToInt64(position);
          if (index < 0 || index >= static_cast<int64_t>(aggregate.groups.size())) Malformed("grouping set position out of range");
          positions.push_back(static_cast<int>(index));
        }
        aggregate.grouping_sets.push_back(std::move(positions));
      }
    }
    return MakePlan(std::move(aggregate), {ParseInput(obj)});
  }
  if (op == "pivot") {
    PivotNode pivot;
    pivot.groups = ParseExprList(ArrayField(obj, "groups"));
    pivot.has_groups = true;
    pivot.pivot = ParseExpr(obj["pivot"].value());
    pivot.values = ParseExprList(ArrayField(obj, "values"));
    pivot.aggregates = ParseExprList(ArrayField(obj, "aggs"));
    return MakePlan(std::move(pivot), {ParseInput(obj)});
  }
  if (op == "unpivot") {
    UnpivotNode unpivot;
    unpivot.ids = ParseExprList(ArrayField(obj, "ids"));
    unpivot.has_ids = true;
    array values;
    if (!obj["values"].get(values)) {
      for (element value : values) unpivot.values.push_back({ParseExpr(value)});
    }
    unpivot.variable = std::string(StringField(obj, "variable"));
    unpivot.value_columns = {std::string(StringField(obj, "value"))};
    return MakePlan(std::move(unpivot), {ParseInput(obj)});
  }
  if (op == "sort") {
    SortNode sort{ParseExprList(ArrayField(obj, "orders")), {}, BoolField(obj, "global", true)};
    return MakePlan(std::move(sort), {ParseInput(obj)});
  }
  if (op == "limit") return MakePlan(LimitNode{ToInt64(obj["n"].value())}, {ParseInput(obj)});
  if (op == "distinct") return MakePlan(DistinctNode{}, {ParseInput(obj)});
  if (op == "union") {
    std::vector<PlanPtr> inputs;
    for (element input : ArrayField(obj, "inputs")) inputs.push_back(ParsePlan(input));
    if (inputs.size() < 2) Malformed("union needs two inputs");
    UnionNode union_node{BoolField(obj, "by_name", false), BoolField(obj, "allow_missing", false)};
    return MakePlan(union_node, std::move(inputs));
  }
  if (op == "with_columns") {
    WithColumnsNode with{ParseNames(ArrayField(obj, "names")), ParseExprList(ArrayField(obj, "exprs"))};
    if (with.names.size() != with.exprs.size()) Malformed("with_columns names and exprs differ");
    return MakePlan(std::move(with), {ParseInput(obj)});
  }
  if (op == "drop") return MakePlan(DropNode{ParseNames(ArrayField(obj, "names"))}, {ParseInput(obj)});
  if (op == "rename") {
    RenameNode rename{ParseNames(ArrayField(obj, "names"))};
    if (rename.names.size() % 2 != 0) Malformed("rename takes old/new pairs");
    return MakePlan(std::move(rename), {ParseInput(obj)});
  }
  if (op == "join") {
    PlanPtr left = ParsePlan(obj["left"].value());
    PlanPtr right = ParsePlan(obj["right"].value());
    std::string_view how = "inner";
    element how_field;
    if (!obj["how"].get(how_field) && !how_field.is_null() && how_field.get(how)) Malformed("'how' is a string");
    JoinNode join;
    join.type = ParseJoinType(std::string(how));
    element on;
    if (!obj["on"].get(on) && !on.is_null()) join.condition = ParseExpr(on);
    array using_names;
    if (!obj["using"].get(using_names)) join.using_columns = ParseNames(using_names);
    join.lateral = BoolField(obj, "lateral", false);
    if (join.lateral && join.type != JoinType::kInner && join.type != JoinType::kCross &&
        join.type != JoinType::kLeftOuter) {
      std::string supported = "'inner', 'leftouter', 'left', 'left_outer', 'cross'";
      throw SparkError("UNSUPPORTED_JOIN_TYPE", "0A000",
                       "Unsupported join type '" + std::string(how) + "'. Supported join types include: " + supported +
                           ".",
                       {{"typ", std::string(how)}, {"supported", supported}});
    }
    return MakePlan(std::move(join), {left, right});
  }
  Malformed("unknown plan op " + std::string(op));
}

template <typename Fn>
auto ParseDocument(const std::string& text, Fn fn) {
  simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(text).get(root)) {
    Malformed(simdjson::error_message(error));
  }
  try {
    return fn(root);
  } catch (const simdjson::simdjson_error& e) {
    Malformed(e.what());
  }
}

}  // namespace

Value ParseValue(const simdjson::dom::element& json, const TypePtr& type) {
  if (json.is_null()) return Value::Null(type);
  Value value;
  value.type = type;
  value.is_null = false;
  switch (type->id) {
    case TypeId::kNull:
      return Value::Null(type);
    case TypeId::kBoolean: {
      bool flag;
      if (json.get(flag)) Malformed("expected a boolean");
      value.i64 = flag ? 1 : 0;
      return value;
    }
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      value.i64 = ToInt64(json);
      return value;
    case TypeId::kFloat:
      value.f64 = static_cast<float>(ToDouble(json));
      return value;
    case TypeId::kDouble:
      value.f64 = ToDouble(json);
      return value;
    case TypeId::kDecimal: {
      std::string_view text;
      if (json.get(text)) Malformed("decimal values are strings");
      int128_t unscaled = ParseDecimalText(text, type->scale);
      if (type->IsWideDecimal()) {
        value.i128 = unscaled;
      } else {
        value.i64 = static_cast<int64_t>(unscaled);
      }
      return value;
    }
    case TypeId::kString: {
      std::string_view text;
      if (json.get(text)) Malformed("expected a string");
      value.str = std::string(text);
      return value;
    }
    case TypeId::kBinary: {
      std::string_view text;
      if (json.get(text)) Malformed("binary values are hex strings");
      value.str = ParseHex(text);
      return value;
    }
    case TypeId::kArray: {
      array items;
      if (json.get(items)) Malformed("expected a list for an array");
      for (element item : items) value.children.push_back(ParseValue(item, type->element));
      return value;
    }
    case TypeId::kMap: {
      array pairs;
      if (json.get(pairs)) Malformed("expected a list of pairs for a map");
      std::vector<Value> values;
      for (element pair : pairs) {
        array kv;
        if (pair.get(kv) || kv.size() != 2) Malformed("map entries are [key, value] pairs");
        value.children.push_back(ParseValue(kv.at(0).value(), type->element));
        values.push_back(ParseValue(kv.at(1).value(), type->value));
      }
      for (auto& v : values) value.children.push_back(std::move(v));
      return value;
    }
    case TypeId::kStruct: {
      array fields;
      if (json.get(fields) || fields.size() != type->fields.size()) {
        Malformed("struct values are lists of their fields");
      }
      size_t i = 0;
      for (element field : fields) value.children.push_back(ParseValue(field, type->fields[i++].type));
      return value;
    }
  }
  Malformed("unknown type");
}

PlanPtr ParsePlanJson(const std::string& json, const HeldPlans* held) {
  const HeldPlans* outer = current_held;
  current_held = held;
  struct Restore {
    const HeldPlans* outer;
    ~Restore() { current_held = outer; }
  } restore{outer};
  return ParseDocument(json, [](const element& root) { return ParsePlan(root); });
}

ExprPtr ParseExprJson(const std::string& json) {
  return ParseDocument(json, [](const element& root) { return ParseExpr(root); });
}

}  // namespace ember
