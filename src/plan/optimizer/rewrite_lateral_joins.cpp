#include "plan/optimizer/rewrite_lateral_joins.h"

#include "common/error.h"
#include "plan/analyzer.h"
#include "plan/conjuncts.h"
#include "plan/optimizer/decorrelate.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

bool IsOneRow(const LogicalPlan& plan) {
  if (!plan.Is<LocalRelationNode>() || !plan.output.empty()) return false;
  int64_t rows = 0;
  for (const auto& batch : *plan.As<LocalRelationNode>().batches) rows += batch.num_rows;
  return rows == 1;
}

// Projects and filters (filters only when `inner`) down to one row: one row or none per outer row.
bool OverOneRow(const LogicalPlan& plan, bool inner) {
  if (IsOneRow(plan)) return true;
  bool passes = plan.Is<ProjectNode>() || (inner && (plan.Is<FilterNode>() || plan.Is<GenerateNode>()));
  return passes && OverOneRow(*plan.children[0], inner);
}

// A generator over one row, under projects that only pick its columns: a left lateral join with it
// is the generator's outer form.
bool IsGeneratorTable(const LogicalPlan& plan) {
  if (plan.Is<GenerateNode>()) return IsOneRow(*plan.children[0]);
  if (!plan.Is<ProjectNode>()) return false;
  for (const auto& expr : plan.As<ProjectNode>().exprs) {
    const Expr& column = expr->kind == ExprKind::kAlias ? *expr->args[0] : *expr;
    if (column.kind != ExprKind::kBoundRef) return false;
  }
  return IsGeneratorTable(*plan.children[0]);
}

// Outer references only in filter conjuncts (and inner join conditions) that Decorrelate pulls up
// to the top through projects, filters, sorts and inner joins.
bool PullableCorrelation(const LogicalPlan& plan) {
  if (!PlanReadsOuter(plan)) return true;
  const bool filter = plan.Is<FilterNode>();
  const bool inner_join = plan.Is<JoinNode>() && IsInnerJoin(plan);
  if (!filter && !inner_join && !plan.Is<ProjectNode>() && !plan.Is<SortNode>()) return false;
  for (const auto& expr : plan.Exprs()) {
    if (!filter && !inner_join && ContainsOuterReference(*expr)) return false;
  }
  for (const auto& child : plan.children) {
    if (!PullableCorrelation(*child)) return false;
  }
  return true;
}

void CollectOuterReferences(const LogicalPlan& plan, std::vector<bool>& used) {
  for (const auto& expr : plan.Exprs()) {
    TransformExprUp(expr, [&](const ExprPtr& node) {
      if (node->kind == ExprKind::kOuterRef) used[node->index] = true;
      return node;
    });
  }
  for (const auto& child : plan.children) CollectOuterReferences(*child, used);
}

bool IsTrueLiteral(const Expr& expr) {
  return expr.kind == ExprKind::kLiteral && !expr.literal.is_null && expr.type->id == TypeId::kBoolean &&
         expr.literal.i64 != 0;
}

// The conjunction, or null for none (a join without condition).
ExprPtr AllOf(const std::vector<ExprPtr>& conjuncts) { return conjuncts.empty() ? nullptr : CombineConjuncts(conjuncts); }

// The plan's columns at `columns`, in that order.
PlanPtr Columns(const PlanPtr& plan, const std::vector<int>& columns) {
  std::vector<ExprPtr> exprs;
  for (int column : columns) exprs.push_back(BoundAttribute(column, plan->output[column]));
  return MakeProjectNode(plan, std::move(exprs));
}

std::vector<int> Span(int from, int to) {
  std::vector<int> span;
  for (int i = from; i < to; ++i) span.push_back(i);
  return span;
}

std::vector<int> Concat(std::vector<int> a, const std::vector<int>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

[[noreturn]] void ThrowUnsupportedCorrelation(const LogicalPlan& plan) {
  std::string text = plan.ToString();
  throw SparkError("UNSUPPORTED_FEATURE",
                   {{"feature", "a LATERAL subquery reference below " + text.substr(0, text.find('\n'))}});
}

class LateralRewriter {
 public:
  LateralRewriter(const Config& config, EvalContext& eval) : eval_(eval), ctx_{config, eval} {}

  PlanPtr Rewrite(const PlanPtr& plan) {
    return TransformPlanUp(plan, [this](const PlanPtr& node) -> PlanPtr {
      PlanPtr current = MapPlanExprs(node, [this](const ExprPtr& expr) { return RewriteInSubqueries(expr); });
      if (current->Is<JoinNode>() && current->As<JoinNode>().lateral) return RewriteJoin(*current);
      return current;
    });
  }

 private:
  ExprPtr RewriteInSubqueries(const ExprPtr& expr) {
    return TransformExprUp(expr, [this](const ExprPtr& node) -> ExprPtr {
      if (node->kind != ExprKind::kSubquery) return node;
      PlanPtr rewritten = Rewrite(node->subquery);
      if (rewritten == node->subquery) return node;
      Expr copy = *node;
      copy.subquery = std::move(rewritten);
      return std::make_shared<const Expr>(std::move(copy));
    });
  }

  PlanPtr RewriteJoin(const LogicalPlan& join) {
    const PlanPtr& right = join.children[1];
    if (!PlanReadsOuter(*right)) {
      LogicalPlan plain = join;
      plain.As<JoinNode>().lateral = false;
      return MakePlan(std::move(plain));
    }
    if (PlanPtr inlined = Inline(join)) return inlined;
    if (PullableCorrelation(*right)) return JoinDecorrelated(join);
    return JoinOverDomain(join);
  }

  // R over one row, evaluated over L's rows instead: inner joins take any chain of projects,
  // filters and generators (then the condition as a filter); left joins a chain of projects (one
  // row for each L row) or a generator table in its outer form, without a condition.
  PlanPtr Inline(const LogicalPlan& join) {
    const JoinNode& node = join.As<JoinNode>();
    const PlanPtr& right = join.children[1];
    const bool inner = node.type != JoinType::kLeftOuter;
    const bool always = !node.condition || IsTrueLiteral(*node.condition);
    if (!inner && !always) return nullptr;
    bool outer_generator = !inner && IsGeneratorTable(*right);
    if (!OverOneRow(*right, inner) && !outer_generator) return nullptr;
    PlanPtr plan = InlineOver(right, join.children[0], outer_generator);
    if (!always) plan = MakeFilterNode(plan, node.condition);
    return plan;
  }

  // `plan` evaluated over `left`'s rows: output left ++ plan's output.
  PlanPtr InlineOver(const PlanPtr& plan, const PlanPtr& left, bool outer_generator) {
    if (IsOneRow(*plan)) return left;
    const int nl = static_cast<int>(left->output.size());
    PlanPtr child = InlineOver(plan->children[0], left, outer_generator);
    if (plan->Is<FilterNode>()) return MakeFilterNode(child, IntoJoinCondition(plan->As<FilterNode>().condition, nl));
    if (plan->Is<ProjectNode>()) {
      std::vector<ExprPtr> exprs;
      for (int i = 0; i < nl; ++i) exprs.push_back(BoundAttribute(i, left->output[i]));
      for (const auto& expr : plan->As<ProjectNode>().exprs) exprs.push_back(IntoJoinCondition(expr, nl));
      return MakeProjectNode(child, std::move(exprs));
    }
    LogicalPlan generate = *plan;
    auto& node = generate.As<GenerateNode>();
    node.generator = IntoJoinCondition(node.generator, nl);
    node.outer = node.outer || outer_generator;
    generate.children = {child};
    generate.output = child->output;
    const size_t width = plan->children[0]->output.size();
    for (size_t i = width; i < plan->output.size(); ++i) {
      generate.output.push_back(plan->output[i]);
      generate.output.back().nullable = generate.output.back().nullable || node.outer;
    }
    return MakePlan(std::move(generate));
  }

  PlanPtr JoinDecorrelated(const LogicalPlan& join) {
    const JoinNode& node = join.As<JoinNode>();
    const PlanPtr& left = join.children[0];
    const int nl = static_cast<int>(left->output.size());
    const size_t nr = join.children[1]->output.size();
    Decorrelated query = Decorrelate(join.children[1]);
    std::vector<ExprPtr> conjuncts = IntoJoinConditions(query.predicates, nl);
    if (node.condition) conjuncts.push_back(node.condition);
    PlanPtr joined = MakeJoinNode(left, query.plan, node.type, AllOf(conjuncts));
    return KeepColumns(joined, nl + nr);
  }

  PlanPtr JoinOverDomain(const LogicalPlan& join) {
    const JoinNode& node = join.As<JoinNode>();
    const PlanPtr& left = join.children[0];
    const int nl = static_cast<int>(left->output.size());
    const int nr = static_cast<int>(join.children[1]->output.size());
    std::vector<bool> used(nl, false);
    CollectOuterReferences(*join.children[1], used);
    slots_.assign(nl, -1);
    std::vector<int> domain_columns;
    for (int i = 0; i < nl; ++i) {
      if (!used[i]) continue;
      slots_[i] = static_cast<int>(domain_columns.size());
      domain_columns.push_back(i);
    }
    LogicalPlan distinct(AggregateNode{}, {left});
    for (int i : domain_columns) {
      distinct.As<AggregateNode>().groups.push_back(BoundAttribute(i, left->output[i]));
      distinct.output.push_back(left->output[i]);
    }
    domain_ = MakePlan(std::move(distinct));
    width_ = static_cast<int>(domain_columns.size());

    PlanPtr applied = Apply(join.children[1]);
    std::vector<Attribute> both = left->output;
    both.insert(both.end(), applied->output.begin(), applied->output.end());
    std::vector<ExprPtr> conjuncts;
    for (int k = 0; k < width_; ++k) {
      int l = domain_columns[k];
      conjuncts.push_back(Resolve(Call("<=>", {BoundAttribute(l, both[l]), BoundAttribute(nl + nr + k, both[nl + nr + k])}), both));
    }
    if (node.condition) conjuncts.push_back(node.condition);
    PlanPtr joined = MakeJoinNode(left, applied, node.type, AllOf(conjuncts));
    return KeepColumns(joined, nl + nr);
  }

  // `plan` evaluated for every domain row: output = plan's output ++ the domain columns, outer
  // references reading those.
  PlanPtr Apply(const PlanPtr& plan) {
    if (!PlanReadsOuter(*plan)) return MakeJoinNode(plan, domain_, JoinType::kCross, nullptr);
    switch (plan->kind()) {
      case PlanKind::kFilter: {
        PlanPtr child = Apply(plan->children[0]);
        return MakeFilterNode(child, Bind(plan->As<FilterNode>().condition, Width(plan->children[0])));
      }
      case PlanKind::kProject: {
        PlanPtr child = Apply(plan->children[0]);
        const int w = Width(plan->children[0]);
        std::vector<ExprPtr> exprs;
        for (const auto& expr : plan->As<ProjectNode>().exprs) exprs.push_back(Bind(expr, w));
        for (int k = 0; k < width_; ++k) exprs.push_back(BoundAttribute(w + k, child->output[w + k]));
        return MakeProjectNode(child, std::move(exprs));
      }
      case PlanKind::kSort: {
        PlanPtr child = Apply(plan->children[0]);
        LogicalPlan sort = *plan;
        for (auto& order : sort.As<SortNode>().orders) order = Bind(order, Width(plan->children[0]));
        sort.children = {child};
        sort.output = child->output;
        return MakePlan(std::move(sort));
      }
      case PlanKind::kAggregate:
        return ApplyAggregate(*plan);
      case PlanKind::kLimit:
        return ApplyLimit(*plan);
      case PlanKind::kJoin:
        return ApplyJoin(*plan);
      case PlanKind::kGenerate:
        return ApplyGenerate(*plan);
      case PlanKind::kWindow:
        return ApplyWindow(*plan);
      case PlanKind::kUnion: {
        LogicalPlan node = *plan;
        node.children.clear();
        for (const auto& child : plan->children) node.children.push_back(Apply(child));
        const auto& first = node.children[0]->output;
        node.output.insert(node.output.end(), first.end() - width_, first.end());
        return MakePlan(std::move(node));
      }
      default:
        ThrowUnsupportedCorrelation(*plan);
    }
  }

  // Grouped by the domain columns too. A global aggregate gives one row per domain row, also where
  // no input row is left: the domain left joined with the grouped rows, each aggregate taking its
  // value over no rows where nothing matched.
  PlanPtr ApplyAggregate(const LogicalPlan& plan) {
    const PlanPtr child = Apply(plan.children[0]);
    const int w = Width(plan.children[0]);
    LogicalPlan node = plan;
    auto& aggregate = node.As<AggregateNode>();
    const int ng = static_cast<int>(aggregate.groups.size());
    const int na = static_cast<int>(aggregate.exprs.size());
    for (auto& group : aggregate.groups) group = Bind(group, w);
    for (auto& call : aggregate.exprs) call = Bind(call, w);
    for (int k = 0; k < width_; ++k) {
      aggregate.groups.push_back(BoundAttribute(w + k, child->output[w + k]));
      node.output.insert(node.output.begin() + ng + k, child->output[w + k]);
    }
    node.children = {child};
    PlanPtr grouped = Columns(MakePlan(std::move(node)),
                              Concat(Concat(Span(0, ng), Span(ng + width_, ng + width_ + na)), Span(ng, ng + width_)));
    if (ng > 0) return grouped;

    std::vector<ExprPtr> marked;
    for (size_t i = 0; i < grouped->output.size(); ++i) marked.push_back(BoundAttribute(static_cast<int>(i), grouped->output[i]));
    marked.push_back(AliasAs(Literal(Value::Boolean(true)), "matched"));
    PlanPtr matched = MakeProjectNode(grouped, std::move(marked));
    std::vector<Attribute> both = domain_->output;
    both.insert(both.end(), matched->output.begin(), matched->output.end());
    std::vector<ExprPtr> keys;
    for (int k = 0; k < width_; ++k) {
      keys.push_back(Resolve(Call("<=>", {BoundAttribute(k, both[k]), BoundAttribute(width_ + na + k, both[width_ + na + k])}), both));
    }
    PlanPtr joined = MakeJoinNode(domain_, matched, JoinType::kLeftOuter, AllOf(keys));
    const int marker = static_cast<int>(joined->output.size()) - 1;
    std::vector<ExprPtr> exprs;
    for (int j = 0; j < na; ++j) {
      ExprPtr value = BoundAttribute(width_ + j, joined->output[width_ + j]);
      Value empty = ValueOverNoRows(*plan.As<AggregateNode>().exprs[j], eval_);
      if (!empty.is_null) {
        Expr case_when;
        case_when.kind = ExprKind::kCaseWhen;
        case_when.has_else = true;
        case_when.args = {Call("isnull", {BoundAttribute(marker, joined->output[marker])}), Literal(empty), value};
        value = Resolve(MakeExpr(std::move(case_when)), joined->output);
      }
      exprs.push_back(AliasAs(value, plan.output[j].name));
    }
    for (int k = 0; k < width_; ++k) exprs.push_back(BoundAttribute(k, joined->output[k]));
    return MakeProjectNode(joined, std::move(exprs));
  }

  // LIMIT n [over ORDER BY]: the first n rows of each domain row's, numbered by row_number().
  PlanPtr ApplyLimit(const LogicalPlan& plan) {
    PlanPtr below = plan.children[0];
    if (below->Is<ProjectNode>()) {
      // Projects keep rows and their order: the limit moves below them, next to a sort.
      LogicalPlan limit = plan;
      limit.children = {below->children[0]};
      limit.output = below->children[0]->output;
      return Apply(WithChildren(below, {MakePlan(std::move(limit))}));
    }
    std::vector<ExprPtr> orders;
    if (below->Is<SortNode>() && below->As<SortNode>().global) {
      orders = below->As<SortNode>().orders;
      below = below->children[0];
    }
    const int w = Width(below);
    PlanPtr base = Apply(below);
    Expr window;
    window.kind = ExprKind::kWindow;
    window.args = {Call("row_number", {})};
    auto spec = std::make_shared<WindowSpec>();
    for (int k = 0; k < width_; ++k) {
      window.args.push_back(BoundAttribute(w + k, base->output[w + k]));
      ++spec->num_partition;
    }
    for (const auto& order : orders) window.args.push_back(Bind(order, w));
    if (orders.empty()) {
      for (int k = 0; k < width_; ++k) window.args.push_back(AsSortOrder(BoundAttribute(w + k, base->output[w + k])));
    }
    window.window = std::move(spec);
    ExprPtr row_number = Resolve(MakeExpr(std::move(window)), base->output);
    LogicalPlan numbered(WindowNode{{row_number}}, {base});
    numbered.output = base->output;
    numbered.output.push_back({row_number->ToSql(), row_number->type, row_number->nullable, ""});
    PlanPtr windowed = MakePlan(std::move(numbered));
    const int position = static_cast<int>(base->output.size());
    ExprPtr keep = Resolve(Call("<=", {BoundAttribute(position, windowed->output[position]),
                                       Literal(Value::Long(plan.As<LimitNode>().limit))}),
                           windowed->output);
    return KeepColumns(MakeFilterNode(windowed, keep), position);
  }

  // The domain joins the side that reads it (both sides of an inner join: matched on it).
  PlanPtr ApplyJoin(const LogicalPlan& plan) {
    const JoinNode& node = plan.As<JoinNode>();
    const PlanPtr& left = plan.children[0];
    const PlanPtr& right = plan.children[1];
    const int nl = Width(left);
    const int nr = Width(right);
    const bool left_reads = PlanReadsOuter(*left) || (node.condition && ContainsOuterReference(*node.condition));
    const bool right_reads = PlanReadsOuter(*right);
    const bool keeps_right = node.type != JoinType::kLeftSemi && node.type != JoinType::kLeftAnti;
    if (right_reads && !IsInnerJoin(plan)) ThrowUnsupportedCorrelation(plan);
    if (left_reads && (node.type == JoinType::kRightOuter || node.type == JoinType::kFullOuter)) {
      ThrowUnsupportedCorrelation(plan);
    }
    PlanPtr new_left = left_reads ? Apply(left) : left;
    PlanPtr new_right = right_reads ? Apply(right) : right;
    const int dl = left_reads ? width_ : 0;
    std::vector<int> mapping = Concat(Span(0, nl), Span(nl + dl, nl + dl + nr));
    // Outer references read the left's domain columns when it has them, else the right's.
    const int domain_at = left_reads ? nl : nl + nr;
    std::vector<ExprPtr> conjuncts;
    if (node.condition) conjuncts.push_back(Bind(RemapReferences(node.condition, mapping), domain_at));
    std::vector<Attribute> both = new_left->output;
    both.insert(both.end(), new_right->output.begin(), new_right->output.end());
    if (left_reads && right_reads) {
      for (int k = 0; k < width_; ++k) {
        int l = nl + k, r = nl + dl + nr + k;
        conjuncts.push_back(Resolve(Call("<=>", {BoundAttribute(l, both[l]), BoundAttribute(r, both[r])}), both));
      }
    }
    PlanPtr joined = MakeJoinNode(new_left, new_right, node.type, AllOf(conjuncts));
    if (!left_reads) return joined;
    std::vector<int> columns = Span(0, nl);
    if (keeps_right) columns = Concat(columns, Span(nl + dl, nl + dl + nr));
    return Columns(joined, Concat(columns, Span(nl, nl + dl)));
  }

  PlanPtr ApplyGenerate(const LogicalPlan& plan) {
    PlanPtr child = Apply(plan.children[0]);
    const int w = Width(plan.children[0]);
    LogicalPlan node = plan;
    node.As<GenerateNode>().generator = Bind(node.As<GenerateNode>().generator, w);
    node.children = {child};
    node.output = child->output;
    node.output.insert(node.output.end(), plan.output.begin() + w, plan.output.end());
    const int total = static_cast<int>(node.output.size());
    PlanPtr generated = MakePlan(std::move(node));
    return Columns(generated, Concat(Concat(Span(0, w), Span(w + width_, total)), Span(w, w + width_)));
  }

  // Each window partitioned by the domain columns too (after its own partition keys).
  PlanPtr ApplyWindow(const LogicalPlan& plan) {
    PlanPtr child = Apply(plan.children[0]);
    const int w = Width(plan.children[0]);
    LogicalPlan node = plan;
    for (auto& expr : node.As<WindowNode>().exprs) {
      Expr window = *Bind(expr, w);
      auto spec = std::make_shared<WindowSpec>(*window.window);
      const auto at = window.args.begin() + 1 + static_cast<long>(spec->num_partition);
      std::vector<ExprPtr> keys;
      for (int k = 0; k < width_; ++k) keys.push_back(BoundAttribute(w + k, child->output[w + k]));
      window.args.insert(at, keys.begin(), keys.end());
      spec->num_partition += width_;
      window.window = std::move(spec);
      expr = std::make_shared<const Expr>(std::move(window));
    }
    node.children = {child};
    node.output = child->output;
    node.output.insert(node.output.end(), plan.output.begin() + w, plan.output.end());
    const int total = static_cast<int>(node.output.size());
    PlanPtr windowed = MakePlan(std::move(node));
    return Columns(windowed, Concat(Concat(Span(0, w), Span(w + width_, total)), Span(w, w + width_)));
  }

  // Outer references as references to the domain columns, which start at input ordinal `at`.
  ExprPtr Bind(const ExprPtr& expr, int at) {
    return TransformExprUp(expr, [&](const ExprPtr& node) -> ExprPtr {
      if (node->kind != ExprKind::kOuterRef) return node;
      Expr copy = *node;
      copy.kind = ExprKind::kBoundRef;
      copy.index = at + slots_[node->index];
      return std::make_shared<const Expr>(std::move(copy));
    });
  }

  static int Width(const PlanPtr& plan) { return static_cast<int>(plan->output.size()); }

  ExprPtr Resolve(const ExprPtr& expr, const std::vector<Attribute>& input) {
    return AnalyzeExpression(expr, input, ctx_);
  }

  EvalContext& eval_;
  AnalyzerContext ctx_;
  // The join being rewritten over its domain: the distinct rows of the left columns the right side
  // reads, how many, and each left column's position among them (-1: not read).
  PlanPtr domain_;
  int width_ = 0;
  std::vector<int> slots_;
};

}  // namespace

PlanPtr RewriteLateralJoins(const PlanPtr& plan, const Config& config, EvalContext& eval) {
  return LateralRewriter(config, eval).Rewrite(plan);
}

}  // namespace ember
