// Joins executed against a brute-force nested-loop reference: every join type in broadcast and
// shuffled form, on random data with nulls and duplicate keys, with null-safe keys, residual
// conditions, empty sides, and nested-loop joins without keys.
#include <random>

#include "exec/physical_plan_json.h"
#include "exec_test_util.h"

namespace ember::exec_test {
namespace {

using Cell = std::optional<int64_t>;
struct Row {
  Cell k, v;
};

std::vector<Row> RandomRows(std::mt19937& rng, int n) {
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i) {
    Cell k = rng() % 6 == 0 ? Cell() : Cell(static_cast<int64_t>(rng() % 7));
    Cell v = rng() % 9 == 0 ? Cell() : Cell(static_cast<int64_t>(rng() % 50));
    rows.push_back({k, v});
  }
  return rows;
}

// A relation of the rows split into `parts` local relations (several probe partitions).
PlanPtr Relation(const std::vector<Row>& rows, const std::string& prefix, int parts) {
  Schema schema = {{prefix + "k", LongType(), true}, {prefix + "v", LongType(), true}};
  std::vector<PlanPtr> children;
  for (int p = 0; p < parts; ++p) {
    std::vector<Cell> ks, vs;
    for (size_t i = p; i < rows.size(); i += parts) {
      ks.push_back(rows[i].k);
      vs.push_back(rows[i].v);
    }
    std::vector<Batch> batches;
    if (!ks.empty()) batches.push_back(Batch({LongColumn(ks), LongColumn(vs)}, static_cast<int64_t>(ks.size())));
    children.push_back(LocalRelation(schema, std::move(batches)));
  }
  return parts == 1 ? children[0] : UnionOf(std::move(children));
}

ExprPtr And(ExprPtr a, ExprPtr b) {
  Expr node;
  node.kind = ExprKind::kAnd;
  node.args = {std::move(a), std::move(b)};
  node.type = BooleanType();
  node.nullable = true;
  return MakeExpr(std::move(node));
}

struct Case {
  JoinType type;
  bool keys = true;       // l.k = r.k (or <=>)
  bool null_safe = false;
  bool residual = false;  // l.v < r.v
};

PlanPtr JoinPlan(const PlanPtr& left, const PlanPtr& right, const Case& c) {
  LogicalPlan node(JoinNode{c.type, nullptr, {}}, {left, right});
  ExprPtr condition;
  if (c.keys) condition = ScalarCall(c.null_safe ? "<=>" : "=", {Ref(0, LongType(), "lk"), Ref(2, LongType(), "rk")});
  if (c.residual) {
    ExprPtr less = ScalarCall("<", {Ref(1, LongType(), "lv"), Ref(3, LongType(), "rv")});
    condition = condition ? And(condition, less) : less;
  }
  node.As<JoinNode>().condition = condition;
  node.output = left->output;
  if (c.type != JoinType::kLeftSemi && c.type != JoinType::kLeftAnti) {
    for (const auto& a : right->output) node.output.push_back(a);
  }
  for (auto& a : node.output) a.nullable = true;
  return MakePlan(std::move(node));
}

std::string Text(Cell c) { return c ? std::to_string(*c) : "null"; }

bool Matches(const Row& l, const Row& r, const Case& c) {
  if (c.keys) {
    bool eq = c.null_safe ? (l.k == r.k) : (l.k && r.k && *l.k == *r.k);
    if (!eq) return false;
  }
  if (c.residual && !(l.v && r.v && *l.v < *r.v)) return false;
  return true;
}

std::vector<std::string> Reference(const std::vector<Row>& left, const std::vector<Row>& right, const Case& c) {
  std::vector<std::string> rows;
  std::vector<bool> right_matched(right.size(), false);
  for (const auto& l : left) {
    bool matched = false;
    for (size_t j = 0; j < right.size(); ++j) {
      if (!Matches(l, right[j], c)) continue;
      matched = true;
      right_matched[j] = true;
      if (c.type != JoinType::kLeftSemi && c.type != JoinType::kLeftAnti) {
        rows.push_back(Text(l.k) + "|" + Text(l.v) + "|" + Text(right[j].k) + "|" + Text(right[j].v));
      }
    }
    std::string left_text = Text(l.k) + "|" + Text(l.v);
    if (c.type == JoinType::kLeftSemi && matched) rows.push_back(left_text);
    if (c.type == JoinType::kLeftAnti && !matched) rows.push_back(left_text);
    if (!matched && (c.type == JoinType::kLeftOuter || c.type == JoinType::kFullOuter)) {
      rows.push_back(left_text + "|null|null");
    }
  }
  if (c.type == JoinType::kRightOuter || c.type == JoinType::kFullOuter) {
    for (size_t j = 0; j < right.size(); ++j) {
      if (!right_matched[j]) rows.push_back("null|null|" + Text(right[j].k) + "|" + Text(right[j].v));
    }
  }
  return Sorted(rows);
}

Config Broadcast() { return Config(); }
Config Shuffled() {
  Config config;
  config.Set("spark.sql.autoBroadcastJoinThreshold", "-1");
  config.Set("spark.sql.shuffle.partitions", "5");
  config.Set("spark.sql.adaptive.enabled", "false");
  return config;
}

std::string Explain(const PlanPtr& plan, const Config& config) {
  EvalContext eval;
  return PlanPhysical(plan, {config, eval, 2})->ToString();
}

const JoinType kAllTypes[] = {JoinType::kInner,     JoinType::kLeftOuter, JoinType::kRightOuter, JoinType::kFullOuter,
                              JoinType::kLeftSemi,  JoinType::kLeftAnti,  JoinType::kCross};

void CheckAll(const std::vector<Row>& left, const std::vector<Row>& right, const Case& c) {
  PlanPtr plan = JoinPlan(Relation(left, "l", 3), Relation(right, "r", 2), c);
  std::vector<std::string> expected = Reference(left, right, c);
  for (bool broadcast : {true, false}) {
    Config config = broadcast ? Broadcast() : Shuffled();
    std::string explain = Explain(plan, config);
    SCOPED_TRACE(explain);
    EXPECT_EQ(Sorted(RowTexts(RunPlan(plan, config))), expected);
  }
}

TEST(JoinExecTest, EveryJoinTypeMatchesTheReference) {
  std::mt19937 rng(7);
  for (int round = 0; round < 3; ++round) {
    std::vector<Row> left = RandomRows(rng, 40 + round * 30), right = RandomRows(rng, 25 + round * 20);
    for (JoinType type : kAllTypes) {
      for (bool residual : {false, true}) {
        for (bool null_safe : {false, true}) {
          SCOPED_TRACE(std::to_string(static_cast<int>(type)) + (residual ? " residual" : "") +
                       (null_safe ? " null-safe" : ""));
          CheckAll(left, right, {type, true, null_safe, residual});
        }
      }
    }
  }
}

TEST(JoinExecTest, NestedLoopJoinsWithoutKeys) {
  std::mt19937 rng(11);
  std::vector<Row> left = RandomRows(rng, 30), right = RandomRows(rng, 20);
  for (JoinType type : kAllTypes) {
    SCOPED_TRACE(static_cast<int>(type));
    CheckAll(left, right, {type, false, false, true});
  }
  CheckAll(left, right, {JoinType::kCross, false, false, false});
  CheckAll(left, right, {JoinType::kLeftSemi, false, false, false});
}

TEST(JoinExecTest, EmptySides) {
  std::mt19937 rng(3);
  std::vector<Row> rows = RandomRows(rng, 20);
  for (JoinType type : kAllTypes) {
    SCOPED_TRACE(static_cast<int>(type));
    CheckAll(rows, {}, {type});
    CheckAll({}, rows, {type});
    CheckAll({}, {}, {type});
    CheckAll(rows, {}, {type, false, false, true});
    CheckAll({}, rows, {type, false, false, true});
  }
}

TEST(JoinExecTest, LargeOutputsSpanSeveralBatches) {
  // 3000 x 3000 rows on one key: 9 million pairs would be too many; 300 keys give 30000 pairs.
  std::vector<Row> left, right;
  for (int i = 0; i < 3000; ++i) {
    left.push_back({i % 300, i});
    right.push_back({i % 300, -i});
  }
  CheckAll(left, right, {JoinType::kInner});
  CheckAll(left, right, {JoinType::kFullOuter, true, false, true});
}

TEST(JoinExecTest, ExplainNamesSparkOperators) {
  std::mt19937 rng(5);
  std::vector<Row> rows = RandomRows(rng, 10);
  PlanPtr inner = JoinPlan(Relation(rows, "l", 1), Relation(rows, "r", 1), {JoinType::kInner});
  std::string broadcast = Explain(inner, Broadcast());
  EXPECT_NE(broadcast.find("BroadcastHashJoin [lk], [rk], Inner, BuildRight, false"), std::string::npos)
      << broadcast;
  EXPECT_NE(broadcast.find("BroadcastExchange HashedRelationBroadcastMode(List(rk),false)"), std::string::npos);
  std::string shuffled = Explain(inner, Shuffled());
  EXPECT_NE(shuffled.find("ShuffledHashJoin [lk], [rk], Inner, BuildRight"), std::string::npos) << shuffled;
  EXPECT_NE(shuffled.find("Exchange hashpartitioning(lk, 5), ENSURE_REQUIREMENTS"), std::string::npos);
  std::string right_outer = Explain(JoinPlan(Relation(rows, "l", 1), Relation(rows, "r", 1), {JoinType::kRightOuter}),
                                    Broadcast());
  EXPECT_NE(right_outer.find("RightOuter, BuildLeft"), std::string::npos) << right_outer;
  std::string full = Explain(JoinPlan(Relation(rows, "l", 1), Relation(rows, "r", 1), {JoinType::kFullOuter}),
                             Broadcast());
  EXPECT_NE(full.find("ShuffledHashJoin"), std::string::npos) << full;
  std::string nested = Explain(JoinPlan(Relation(rows, "l", 1), Relation(rows, "r", 1),
                                        {JoinType::kLeftOuter, false, false, true}), Broadcast());
  EXPECT_NE(nested.find("BroadcastNestedLoopJoin BuildRight, LeftOuter, (lv < rv)"), std::string::npos) << nested;
}

TEST(JoinExecTest, JoinNodesRoundTripThroughJson) {
  std::mt19937 rng(9);
  std::vector<Row> rows = RandomRows(rng, 10);
  for (const Case& c : {Case{JoinType::kLeftAnti, true, true, true}, Case{JoinType::kFullOuter, false, false, true}}) {
    PlanPtr plan = JoinPlan(Relation(rows, "l", 2), Relation(rows, "r", 1), c);
    for (const Config& config : {Broadcast(), Shuffled()}) {
      EvalContext eval;
      PhysicalPtr physical = PlanPhysical(plan, {config, eval, 2});
      PhysicalPtr copy = PhysicalPlanFromJson(PhysicalPlanToJson(*physical), eval);
      EXPECT_EQ(copy->ToString(), physical->ToString());
      SerialExecutor executor;
      EXPECT_EQ(Sorted(RowTexts(CollectJob(copy, eval, JobSettings::FromConfig(config), executor))),
                Reference(rows, rows, c));
    }
  }
}

}  // namespace
}  // namespace ember::exec_test
