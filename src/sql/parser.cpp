#include "sql/parser.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <set>

#include "common/error.h"
#include "functions/generators.h"
#include "functions/registry.h"
#include "functions/table_call.h"
#include "sql/lexer.h"
#include "sql/literals.h"
#include "sql/token_cursor.h"

namespace ember::sql {
namespace {

// Words that end an expression or a relation, so they are never taken as implicit aliases.
const std::set<std::string>& ReservedWords() {
  static const std::set<std::string> words = {
      "ALL",    "AND",   "ANTI",    "AS",     "BETWEEN", "BY",        "CASE",   "CROSS",  "DISTINCT",
      "ELSE",   "END",   "EXCEPT",  "FOR",    "FROM",    "FULL",      "GROUP",  "HAVING", "IN",
      "INNER",  "INTERSECT", "IS",  "JOIN",   "LEFT",    "LIKE",      "LIMIT",  "MINUS",  "NOT",
      "NULLS",  "OFFSET", "ON",     "OR",     "ORDER",   "OUTER",     "RIGHT",  "RLIKE",  "REGEXP",
      "SELECT", "SEMI",  "THEN",    "UNION",  "USING",   "WHEN",      "WHERE",  "WITH",   "ILIKE",
      "ASC",    "DESC",  "WINDOW",  "LATERAL", "NATURAL"};
  return words;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

ExprPtr Fn(const std::string& name, std::vector<ExprPtr> args) { return Call(name, std::move(args)); }

ExprPtr Not(ExprPtr arg) { return Fn("not", {std::move(arg)}); }

ExprPtr Logic(ExprKind kind, ExprPtr left, ExprPtr right) {
  Expr node;
  node.kind = kind;
  node.args = {std::move(left), std::move(right)};
  return MakeExpr(std::move(node));
}

bool ContainsAggregateCall(const Expr& expr) {
  if (expr.kind == ExprKind::kAggregate) return true;
  for (size_t i = 0; i < expr.args.size(); ++i) {
    // A window's own function is computed by the window: only its arguments may aggregate.
    const auto& inner = expr.kind == ExprKind::kWindow && i == 0 ? expr.args[0]->args : std::vector<ExprPtr>{expr.args[i]};
    for (const auto& arg : inner) {
      if (ContainsAggregateCall(*arg)) return true;
    }
  }
  return false;
}

ExprPtr StripAlias(const ExprPtr& expr) { return expr->kind == ExprKind::kAlias ? expr->args[0] : expr; }

class Parser : public TokenCursor {
 public:
  explicit Parser(const std::string& text) : TokenCursor(text) {}
  // Continues at the cursor's position (a query inside another statement).
  explicit Parser(const TokenCursor& cursor) : TokenCursor(cursor) {}

  PlanPtr ParseStatement() {
    if (Peek().kind == TokenKind::kEnd || (IsSymbol(";") && Peek(1).kind == TokenKind::kEnd)) {
      throw SparkError("PARSE_EMPTY_STATEMENT", "42617", "Syntax error, unexpected empty statement.", {});
    }
    PlanPtr plan = Query();
    Accept(";");
    ExpectEnd();
    return plan;
  }

  ExprPtr ParseStandaloneExpression() {
    ExprPtr expr = Expression();
    ExpectEnd();
    return expr;
  }

  // A select item as selectExpr takes it: an expression with an optional alias.
  ExprPtr ParseSelectItem() {
    ExprPtr expr = SelectItem();
    ExpectEnd();
    return expr;
  }

  PlanPtr QueryPart() { return Query(); }
  void set_parameters(const SqlParameters* parameters) { parameters_ = parameters; }
  TypePtr TypePart() { return TypeName(); }

 private:
  // An identifier: a non-reserved word or a quoted name.
  bool AtIdentifier(size_t ahead = 0) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kQuotedName ||
           (token.kind == TokenKind::kWord && !ReservedWords().count(token.upper));
  }
  std::string Identifier() {
    const Token& token = Peek();
    if (token.kind == TokenKind::kQuotedName || token.kind == TokenKind::kWord) {
      ++pos_;
      return token.text;
    }
    Fail();
  }

  // ---- queries ----
  PlanPtr Query() {
    std::map<std::string, PlanPtr> saved = ctes_;
    if (AcceptWord("WITH")) {
      do {
        std::string name = Identifier();
        std::vector<std::string> columns = AtColumnList() ? IdentifierList() : std::vector<std::string>{};
        AcceptWord("AS");
        Expect("(");
        PlanPtr body = Query();
        Expect(")");
        if (!columns.empty()) body = MakePlan(SubqueryAliasNode{name, std::move(columns)}, {body});
        ctes_[Lower(name)] = body;
      } while (Accept(","));
    }
    PlanPtr plan = SetExpression();
    // ORDER BY of a plain SELECT may use its ordinals and aliases; after a set operation it names
    // the result's columns.
    std::vector<ExprPtr> items = plan == last_select_plan_ ? last_select_items_ : std::vector<ExprPtr>{};
    plan = OrderLimitOffset(plan, plan == last_select_plan_ ? &items : nullptr);
    ctes_ = std::move(saved);
    return plan;
  }

  // UNION and EXCEPT bind looser than INTERSECT, all left to right.
  PlanPtr SetExpression() {
    PlanPtr left = IntersectTerm();
    while (IsWord("UNION") || IsWord("EXCEPT") || IsWord("MINUS")) {
      bool is_union = IsWord("UNION");
      ++pos_;
      bool all = AcceptWord("ALL");
      if (!all) AcceptWord("DISTINCT");
      PlanPtr right = IntersectTerm();
      left = is_union ? Union(left, right, all) : SetOp(left, right, SetOperation::kExcept, all);
    }
    return left;
  }

  PlanPtr IntersectTerm() {
    PlanPtr left = QueryPrimary();
    while (AcceptWord("INTERSECT")) {
      bool all = AcceptWord("ALL");
      if (!all) AcceptWord("DISTINCT");
      left = SetOp(left, QueryPrimary(), SetOperation::kIntersect, all);
    }
    return left;
  }

  PlanPtr Union(PlanPtr left, PlanPtr right, bool all) {
    PlanPtr plan = MakePlan(UnionNode{}, {std::move(left), std::move(right)});
    return all ? plan : MakePlan(DistinctNode{}, {plan});
  }

  PlanPtr SetOp(PlanPtr left, PlanPtr right, SetOperation op, bool all) {
    return MakePlan(SetOperationNode{op, all}, {std::move(left), std::move(right)});
  }

  PlanPtr QueryPrimary() {
    if (Accept("(")) {
      PlanPtr plan = Query();
      Expect(")");
      return plan;
    }
    if (IsWord("SELECT")) return Select();
    if (AcceptWord("TABLE")) return Relation(MultipartName());
    if (IsWord("VALUES")) return InlineTable();
    Fail();
  }

  struct SelectParts {
    std::vector<ExprPtr> items;
    bool aggregate = false;
  };

  PlanPtr Select() {
    ExpectWord("SELECT");
    std::vector<HintNode> hints = Accept("/*+") ? HintList() : std::vector<HintNode>{};
    bool distinct = AcceptWord("DISTINCT");
    if (!distinct) AcceptWord("ALL");
    std::vector<ExprPtr> items;
    do {
      items.push_back(SelectItem());
    } while (Accept(","));

    PlanPtr plan;
    if (AcceptWord("FROM")) {
      plan = FromClause();
    } else {
      // SELECT without FROM reads one row with no columns.
      plan = OneRow();
    }
    if (AcceptWord("WHERE")) plan = Filter(plan, Expression());

    std::vector<ExprPtr> groups;
    GroupingSets sets;
    bool grouped = false;
    if (IsWord("GROUP") && IsWord("BY", 1)) {
      pos_ += 2;
      grouped = true;
      GroupByClause(items, groups, sets);
    }
    ExprPtr having;
    if (AcceptWord("HAVING")) having = SubstituteAggregateAliases(Expression(), items);
    WindowClause(items, having);

    bool aggregate = grouped || having != nullptr ||
                     std::any_of(items.begin(), items.end(), [](const ExprPtr& e) { return ContainsAggregateCall(*e); });
    if (aggregate) {
      plan = MakePlan(AggregateNode{std::move(groups), items, true, std::move(sets)}, {plan});
      if (having) plan = Filter(plan, having);
    } else {
      plan = MakePlan(ProjectNode{items}, {plan});
    }
    if (distinct) plan = MakePlan(DistinctNode{}, {plan});
    for (auto hint = hints.rbegin(); hint != hints.rend(); ++hint) plan = MakePlan(std::move(*hint), {plan});
    last_select_plan_ = plan;
    last_select_items_ = std::move(items);
    return plan;
  }

  // After `/*+`: hints `name` or `name(param, ...)`, separated by commas or spaces, up to `*/`.
  std::vector<HintNode> HintList() {
    std::vector<HintNode> hints;
    while (!Accept("*/")) {
      HintNode hint{Identifier(), {}};
      if (Accept("(") && !Accept(")")) {
        do {
          hint.params.push_back(Expression());
        } while (Accept(","));
        Expect(")");
      }
      hints.push_back(std::move(hint));
      Accept(",");
    }
    return hints;
  }

  // ---- GROUP BY ----
  using GroupingSets = std::vector<std::vector<int>>;

  // After GROUP BY: `ALL` (every select item without an aggregate), or items that are expressions
  // or grouping analytics (ROLLUP, CUBE, GROUPING SETS; their sets combine as a cross product with
  // the other items), or expressions followed by WITH ROLLUP, WITH CUBE or GROUPING SETS (...).
  // `groups` receives every expression, `sets` (left empty for a plain GROUP BY) indexes them.
  void GroupByClause(const std::vector<ExprPtr>& items, std::vector<ExprPtr>& groups, GroupingSets& sets) {
    if (IsWord("ALL") && !IsSymbol("(", 1) && !IsSymbol(".", 1)) {
      ++pos_;
      for (const auto& item : items) {
        if (item->kind != ExprKind::kStar && !ContainsAggregateCall(*item)) groups.push_back(StripAlias(item));
      }
      return;
    }
    std::vector<GroupingSets> elements;
    bool analytics = false;
    do {
      if (AtGroupingAnalytics()) {
        elements.push_back(GroupingAnalytics(items, groups));
        analytics = true;
      } else {
        groups.push_back(OrdinalOrExpression(items, "GROUP BY"));
        elements.push_back({{static_cast<int>(groups.size() - 1)}});
      }
    } while (Accept(","));
    if (!analytics && IsWord("WITH") && (IsWord("ROLLUP", 1) || IsWord("CUBE", 1))) {
      bool rollup = IsWord("ROLLUP", 1);
      pos_ += 2;
      std::vector<std::vector<int>> singles;
      for (size_t g = 0; g < groups.size(); ++g) singles.push_back({static_cast<int>(g)});
      sets = rollup ? Rollup(singles) : Cube(singles);
      return;
    }
    if (!analytics && IsWord("GROUPING") && IsWord("SETS", 1)) {
      // The listed expressions come after the sets' own in the grouping id's bit order.
      std::vector<ExprPtr> listed = std::move(groups);
      groups.clear();
      sets = GroupingAnalytics(items, groups);
      for (auto& expr : listed) groups.push_back(std::move(expr));
      return;
    }
    if (!analytics) return;
    sets = {{}};
    for (const auto& element : elements) {
      GroupingSets product;
      for (const auto& left : sets) {
        for (const auto& right : element) {
          product.push_back(left);
          product.back().insert(product.back().end(), right.begin(), right.end());
        }
      }
      sets = std::move(product);
    }
  }

  bool AtGroupingAnalytics() const {
    return ((IsWord("ROLLUP") || IsWord("CUBE")) && IsSymbol("(", 1)) || (IsWord("GROUPING") && IsWord("SETS", 1));
  }

  // ROLLUP (set, ...), CUBE (set, ...) or GROUPING SETS (element, ...), as its grouping sets.
  GroupingSets GroupingAnalytics(const std::vector<ExprPtr>& items, std::vector<ExprPtr>& groups) {
    if (AcceptWord("GROUPING")) {
      ExpectWord("SETS");
      Expect("(");
      GroupingSets sets;
      do {
        if (AtGroupingAnalytics()) {
          for (auto& set : GroupingAnalytics(items, groups)) sets.push_back(std::move(set));
        } else {
          sets.push_back(GroupingSet(items, groups));
        }
      } while (Accept(","));
      Expect(")");
      return sets;
    }
    bool rollup = IsWord("ROLLUP");
    pos_ += 2;
    GroupingSets parts;
    do {
      parts.push_back(GroupingSet(items, groups));
    } while (Accept(","));
    Expect(")");
    return rollup ? Rollup(parts) : Cube(parts);
  }

  // `(expr, ...)`, `()` or one expression, as indexes of the expressions added to `groups`.
  std::vector<int> GroupingSet(const std::vector<ExprPtr>& items, std::vector<ExprPtr>& groups) {
    std::vector<int> set;
    size_t start = pos_;
    size_t added = groups.size();
    if (Accept("(")) {
      if (!IsSymbol(")")) {
        do {
          groups.push_back(OrdinalOrExpression(items, "GROUP BY"));
          set.push_back(static_cast<int>(groups.size() - 1));
        } while (Accept(","));
      }
      if (Accept(")") && (IsSymbol(",") || IsSymbol(")"))) return set;
      // A parenthesized start of a longer expression: `(a + b) * 2`.
      pos_ = start;
      groups.resize(added);
      set.clear();
    }
    groups.push_back(OrdinalOrExpression(items, "GROUP BY"));
    set.push_back(static_cast<int>(groups.size() - 1));
    return set;
  }

  // ROLLUP: the first k parts for k = n down to 0.
  static GroupingSets Rollup(const GroupingSets& parts) {
    GroupingSets sets;
    for (size_t k = parts.size() + 1; k-- > 0;) {
      std::vector<int> set;
      for (size_t p = 0; p < k; ++p) set.insert(set.end(), parts[p].begin(), parts[p].end());
      sets.push_back(std::move(set));
    }
    return sets;
  }

  // CUBE: every subset of the parts, in Spark's order (with the first part, then without it).
  static GroupingSets Cube(const GroupingSets& parts, size_t from = 0) {
    if (from == parts.size()) return {{}};
    GroupingSets rest = Cube(parts, from + 1);
    GroupingSets sets;
    for (const auto& tail : rest) {
      sets.push_back(parts[from]);
      sets.back().insert(sets.back().end(), tail.begin(), tail.end());
    }
    sets.insert(sets.end(), rest.begin(), rest.end());
    return sets;
  }

  // `key [ASC|DESC] [NULLS FIRST|LAST]` after the key.
  ExprPtr SortOrder(ExprPtr key) {
    Expr order;
    order.kind = ExprKind::kSortOrder;
    order.args = {std::move(key)};
    if (AcceptWord("DESC")) {
      order.ascending = false;
    } else {
      AcceptWord("ASC");
    }
    order.nulls_first = order.ascending;
    if (AcceptWord("NULLS")) {
      if (AcceptWord("FIRST")) {
        order.nulls_first = true;
      } else {
        ExpectWord("LAST");
        order.nulls_first = false;
      }
    }
    return MakeExpr(std::move(order));
  }

  // ORDER BY, LIMIT and OFFSET (in either order, as Spark accepts LIMIT then OFFSET).
  PlanPtr OrderLimitOffset(PlanPtr plan, const std::vector<ExprPtr>* items) {
    if (IsWord("ORDER") && IsWord("BY", 1)) {
      pos_ += 2;
      SortNode sort;
      do {
        ExprPtr key;
        if (AtOrdinal() && (!items || StarBefore(*items, std::stoll(Peek().text)))) {
          // The position is resolved against the sorted input's columns by the analyzer.
          key = Literal(Value::Long(std::stoll(Peek().text)));
          ++pos_;
          sort.by_ordinal.resize(sort.orders.size() + 1);
          sort.by_ordinal.back() = true;
        } else {
          key = items ? OrdinalOrExpression(*items, "ORDER BY") : Expression();
          if (items) key = SubstituteAggregateAliases(key, *items);
        }
        sort.orders.push_back(SortOrder(key));
      } while (Accept(","));
      if (!sort.by_ordinal.empty()) sort.by_ordinal.resize(sort.orders.size());
      plan = MakePlan(std::move(sort), {plan});
    }
    std::optional<int64_t> limit;
    std::optional<int64_t> offset;
    bool limit_all = false;
    for (int i = 0; i < 2; ++i) {
      if (!limit && !limit_all && AcceptWord("LIMIT")) {
        if (AcceptWord("ALL")) {
          limit_all = true;
        } else {
          limit = IntegerConstant();
        }
      } else if (!offset && AcceptWord("OFFSET")) {
        offset = IntegerConstant();
      }
    }
    if (offset) plan = MakePlan(OffsetNode{*offset}, {plan});
    if (limit) plan = MakePlan(LimitNode{*limit}, {plan});
    return plan;
  }

  int64_t IntegerConstant() {
    bool negative = Accept("-");
    const Token& token = Peek();
    if (token.kind != TokenKind::kNumber) Fail();
    ExprPtr literal = NumberLiteral(token.text);
    if (!literal || literal->literal.is_null || !literal->type->IsIntegral()) Fail();
    ++pos_;
    return negative ? -literal->literal.i64 : literal->literal.i64;
  }

  // A bare integer as a whole GROUP BY / ORDER BY item.
  bool AtOrdinal() const {
    const Token& token = Peek();
    bool bare_number = token.kind == TokenKind::kNumber && token.text.size() < 10 &&
                       std::all_of(token.text.begin(), token.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    return bare_number && (Peek(1).kind == TokenKind::kEnd || IsSymbol(",", 1) || IsSymbol(")", 1) ||
                           IsSymbol(";", 1) || (Peek(1).kind == TokenKind::kWord && ReservedWords().count(Peek(1).upper)));
  }

  // Whether a star comes at or before select position `ordinal` (its columns are known only later).
  static bool StarBefore(const std::vector<ExprPtr>& items, int64_t ordinal) {
    for (size_t i = 0; i < items.size() && static_cast<int64_t>(i) < ordinal; ++i) {
      if (items[i]->kind == ExprKind::kStar) return true;
    }
    return false;
  }

  // GROUP BY / ORDER BY items: an integer literal is a 1-based select list position.
  ExprPtr OrdinalOrExpression(const std::vector<ExprPtr>& items, const char* clause) {
    const Token& token = Peek();
    if (AtOrdinal()) {
      int64_t ordinal = std::stoll(token.text);
      if (ordinal < 1 || ordinal > static_cast<int64_t>(items.size())) {
        bool group_by = clause == std::string("GROUP BY");
        throw SparkError(group_by ? "GROUP_BY_POS_OUT_OF_RANGE" : "ORDER_BY_POS_OUT_OF_RANGE", "42805",
                         std::string(group_by ? "GROUP BY position " : "ORDER BY position ") +
                             token.text + " is not in select list (valid range is [1, " +
                             std::to_string(items.size()) + "]).",
                         {{"index", token.text}, {"size", std::to_string(items.size())}});
      }
      ++pos_;
      const ExprPtr& item = items[ordinal - 1];
      if (std::string(clause) == "ORDER BY" && item->kind == ExprKind::kAlias) return ColumnRef({item->name});
      return StripAlias(item);
    }
    return Expression();
  }

  // HAVING and ORDER BY of a select may name an aggregate by its alias (`HAVING c > 1` for
  // `count(*) AS c`): the alias becomes the aggregate expression.
  ExprPtr SubstituteAggregateAliases(const ExprPtr& expr, const std::vector<ExprPtr>& items) {
    if (expr->kind == ExprKind::kColumn && expr->name_parts.size() == 1) {
      for (const auto& item : items) {
        if (item->kind == ExprKind::kAlias && Lower(item->name) == Lower(expr->name_parts[0]) &&
            ContainsAggregateCall(*item->args[0])) {
          return item->args[0];
        }
      }
      return expr;
    }
    if (expr->kind == ExprKind::kAggregate) return expr;
    bool changed = false;
    std::vector<ExprPtr> args;
    for (const auto& arg : expr->args) {
      args.push_back(SubstituteAggregateAliases(arg, items));
      changed |= args.back() != arg;
    }
    if (!changed) return expr;
    Expr copy = *expr;
    copy.args = std::move(args);
    return MakeExpr(std::move(copy));
  }

  PlanPtr Filter(PlanPtr child, ExprPtr condition) {
    return MakePlan(FilterNode{std::move(condition)}, {std::move(child)});
  }

  ExprPtr SelectItem() {
    if (IsSymbol("*")) {
      ++pos_;
      Expr star;
      star.kind = ExprKind::kStar;
      return MakeExpr(std::move(star));
    }
    // t.* and a.b.*
    size_t look = 0;
    while (AtIdentifier(look) && IsSymbol(".", look + 1)) look += 2;
    if (look > 0 && IsSymbol("*", look)) {
      Expr star;
      star.kind = ExprKind::kStar;
      for (size_t i = 0; i < look; i += 2) star.name_parts.push_back(Peek(i).text);
      pos_ += look + 1;
      return MakeExpr(std::move(star));
    }
    ExprPtr expr = Expression();
    if (AcceptWord("AS")) {
      if (!Accept("(")) return Alias(expr, Identifier());
      // AS (k, v): a generator's column names.
      Expr alias = *Alias(expr, "");
      do {
        alias.name_parts.push_back(Identifier());
      } while (Accept(","));
      Expect(")");
      alias.name = alias.name_parts[0];
      return MakeExpr(std::move(alias));
    }
    if (AtIdentifier()) return Alias(expr, Identifier());
    return expr;
  }

  // ---- relations ----
  std::vector<std::string> MultipartName() {
    std::vector<std::string> parts = {Identifier()};
    while (Accept(".")) parts.push_back(Identifier());
    return parts;
  }

  PlanPtr FromClause() {
    PlanPtr plan = JoinedRelation();
    while (Accept(",")) plan = JoinedRelation(plan);
    while (IsWord("LATERAL") && IsWord("VIEW", 1)) plan = LateralView(plan);
    return plan;
  }

  // LATERAL VIEW [OUTER] generator(args) table [AS] column, ...
  PlanPtr LateralView(PlanPtr child) {
    pos_ += 2;
    GenerateNode generate;
    generate.outer = AcceptWord("OUTER");
    std::string name = Lower(Identifier());
    Expect("(");
    generate.generator = FunctionCall(name);
    generate.outer = generate.outer || IsOuterGenerator(name);
    generate.qualifier = Identifier();
    if (AcceptWord("AS") || AtIdentifier()) {
      do {
        generate.names.push_back(Identifier());
      } while (Accept(","));
    }
    return MakePlan(std::move(generate), {std::move(child)});
  }

  // A generator as a table: FROM explode(array(1, 2)) [AS] [t[(c, ...)]].
  PlanPtr GeneratorTable() {
    std::string name = Lower(Identifier());
    Expect("(");
    GenerateNode generate;
    generate.generator = FunctionCall(name);
    generate.outer = IsOuterGenerator(name);
    bool has_as = AcceptWord("AS");
    if (AtIdentifier()) {
      generate.qualifier = Identifier();
      if (Accept("(")) {
        do {
          generate.names.push_back(Identifier());
        } while (Accept(","));
        Expect(")");
      }
    } else if (has_as) {
      Fail();
    }
    return MakePlan(std::move(generate), {OneRow()});
  }

  // A join keyword sequence; `natural` tells whether NATURAL came first.
  std::optional<JoinType> JoinKeyword(bool* natural) {
    size_t start = pos_;
    *natural = AcceptWord("NATURAL");
    JoinType type = JoinType::kInner;
    if (*natural && IsWord("CROSS")) Fail();
    if (AcceptWord("INNER")) {
      type = JoinType::kInner;
    } else if (AcceptWord("CROSS")) {
      type = JoinType::kCross;
    } else if (AcceptWord("LEFT")) {
      if (AcceptWord("SEMI")) {
        type = JoinType::kLeftSemi;
      } else if (AcceptWord("ANTI")) {
        type = JoinType::kLeftAnti;
      } else {
        AcceptWord("OUTER");
        type = JoinType::kLeftOuter;
      }
    } else if (AcceptWord("RIGHT")) {
      AcceptWord("OUTER");
      type = JoinType::kRightOuter;
    } else if (AcceptWord("FULL")) {
      AcceptWord("OUTER");
      type = JoinType::kFullOuter;
    } else if (AcceptWord("SEMI")) {
      type = JoinType::kLeftSemi;
    } else if (AcceptWord("ANTI")) {
      type = JoinType::kLeftAnti;
    }
    if (AcceptWord("JOIN")) return type;
    pos_ = start;
    return std::nullopt;
  }

  // One FROM item, [LATERAL] relation then its joins; after a comma, `left` is the items before
  // it, which the relation joins first (so its joins may read them, as in Spark).
  PlanPtr JoinedRelation(PlanPtr left = nullptr) {
    bool lateral = AcceptLateral();
    PlanPtr plan = RelationPrimary();
    if (left) {
      JoinNode join;
      join.lateral = lateral;
      plan = MakePlan(std::move(join), {std::move(left), std::move(plan)});
    }
    while (true) {
      if (AtRelationExtension()) {
        plan = IsWord("PIVOT") ? PivotClause(plan) : UnpivotClause(plan);
        continue;
      }
      bool natural = false;
      auto type = JoinKeyword(&natural);
      if (!type) break;
      JoinNode join;
      join.lateral = AcceptLateral();
      PlanPtr right = RelationPrimary();
      join.type = *type;
      join.natural = natural;
      if (join.lateral) CheckLateralJoin(join);
      if (natural) {
        // NATURAL joins take no ON or USING.
      } else if (AcceptWord("ON")) {
        join.condition = Expression();
      } else if (AcceptWord("USING")) {
        Expect("(");
        do {
          join.using_columns.push_back(Identifier());
        } while (Accept(","));
        Expect(")");
      }
      if (join.lateral && !join.using_columns.empty()) {
        throw SparkError("UNSUPPORTED_FEATURE.LATERAL_JOIN_USING", {});
      }
      plan = MakePlan(std::move(join), {plan, right});
    }
    return plan;
  }

  // LATERAL before a relation, which must then be a subquery or a table-valued function.
  bool AcceptLateral() {
    if (!IsWord("LATERAL") || IsWord("VIEW", 1)) return false;
    ++pos_;
    bool subquery = IsSymbol("(") && (IsWord("SELECT", 1) || IsWord("WITH", 1) || IsWord("VALUES", 1) ||
                                      IsWord("FROM", 1) || IsWord("TABLE", 1));
    bool function = AtIdentifier() && IsSymbol("(", 1);
    if (!subquery && !function) throw SparkError("INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC", {});
    return true;
  }

  // The join types a LATERAL right side allows (Spark's parser checks).
  static void CheckLateralJoin(const JoinNode& join) {
    if (join.natural) throw SparkError("UNSUPPORTED_FEATURE.LATERAL_NATURAL_JOIN", {});
    if (join.type == JoinType::kInner || join.type == JoinType::kCross || join.type == JoinType::kLeftOuter) return;
    throw SparkError("INVALID_LATERAL_JOIN_TYPE", {{"joinType", LateralJoinTypeText(join.type)}});
  }

  static std::string LateralJoinTypeText(JoinType type) {
    switch (type) {
      case JoinType::kRightOuter:
        return "RIGHT OUTER";
      case JoinType::kFullOuter:
        return "FULL OUTER";
      case JoinType::kLeftSemi:
        return "LEFT SEMI";
      default:
        return "LEFT ANTI";
    }
  }

  PlanPtr RelationPrimary() {
    if (AtIdentifier() && IsSymbol("(", 1) && IsGeneratorFunction(Lower(Peek().text))) return GeneratorTable();
    PlanPtr plan;
    if (IsWord("VALUES")) {
      plan = InlineTable();
    } else if (Accept("(")) {
      // A parenthesized query, or joined relations: (a JOIN b ON ...).
      bool query = !AtIdentifier() || IsWord("SELECT") || IsWord("WITH") || IsWord("VALUES") ||
                   IsWord("FROM") || IsWord("TABLE");
      plan = query ? Query() : JoinedRelation();
      Expect(")");
    } else {
      std::vector<std::string> name = MultipartName();
      plan = name.size() == 1 && Accept("(") ? TableFunction(name[0]) : Relation(name);
    }
    if (IsWord("TABLESAMPLE")) plan = TableSample(plan);
    if (!AcceptWord("AS") && !(AtIdentifier() && !AtRelationExtension())) return plan;
    std::string alias = Identifier();
    std::vector<std::string> columns = AtColumnList() ? IdentifierList() : std::vector<std::string>{};
    return MakePlan(SubqueryAliasNode{std::move(alias), std::move(columns)}, {std::move(plan)});
  }

  // `(name, ...)` (not a parenthesized query).
  bool AtColumnList() const { return IsSymbol("(") && AtIdentifier(1) && (IsSymbol(",", 2) || IsSymbol(")", 2)); }
  std::vector<std::string> IdentifierList() {
    Expect("(");
    std::vector<std::string> names;
    do {
      names.push_back(Identifier());
    } while (Accept(","));
    Expect(")");
    return names;
  }

  // PIVOT (...) or UNPIVOT [INCLUDE | EXCLUDE NULLS] (...) after a relation.
  bool AtRelationExtension() const {
    if (IsWord("PIVOT")) return IsSymbol("(", 1);
    return IsWord("UNPIVOT") && (IsSymbol("(", 1) || IsWord("INCLUDE", 1) || IsWord("EXCLUDE", 1));
  }

  // PIVOT (aggregate [AS name], ... FOR column IN (value [AS name], ...)).
  PlanPtr PivotClause(PlanPtr child) {
    ExpectWord("PIVOT");
    Expect("(");
    PivotNode pivot;
    do {
      pivot.aggregates.push_back(SelectItem());
    } while (Accept(","));
    ExpectWord("FOR");
    pivot.pivot = ColumnRef({Identifier()});
    ExpectWord("IN");
    Expect("(");
    do {
      ExprPtr value = Expression();
      if (AcceptWord("AS") || AtIdentifier()) value = Alias(value, Identifier());
      pivot.values.push_back(value);
    } while (Accept(","));
    Expect(")");
    Expect(")");
    return MakePlan(std::move(pivot), {std::move(child)});
  }

  // UNPIVOT [INCLUDE | EXCLUDE NULLS] (value FOR name IN (column [AS alias], ...)) or
  // ((value, ...) FOR name IN ((column, ...) [AS alias], ...)), then an optional alias.
  PlanPtr UnpivotClause(PlanPtr child) {
    ExpectWord("UNPIVOT");
    UnpivotNode unpivot;
    unpivot.include_nulls = false;
    if (AcceptWord("INCLUDE")) {
      ExpectWord("NULLS");
      unpivot.include_nulls = true;
    } else if (AcceptWord("EXCLUDE")) {
      ExpectWord("NULLS");
    }
    Expect("(");
    bool multi = Accept("(");
    do {
      unpivot.value_columns.push_back(Identifier());
    } while (multi && Accept(","));
    if (multi) Expect(")");
    ExpectWord("FOR");
    unpivot.variable = Identifier();
    ExpectWord("IN");
    Expect("(");
    do {
      std::vector<ExprPtr> entry;
      if (multi) {
        Expect("(");
        do {
          entry.push_back(ColumnRef(MultipartName()));
        } while (Accept(","));
        Expect(")");
      } else {
        entry.push_back(ColumnRef(MultipartName()));
      }
      unpivot.values.push_back(std::move(entry));
      unpivot.names.push_back(AcceptWord("AS") || AtIdentifier() ? Identifier() : "");
    } while (Accept(","));
    Expect(")");
    Expect(")");
    PlanPtr plan = MakePlan(std::move(unpivot), {std::move(child)});
    if (AcceptWord("AS")) return SubqueryAlias(plan, Identifier());
    if (AtIdentifier() && !AtRelationExtension()) return SubqueryAlias(plan, Identifier());
    return plan;
  }

  // TABLESAMPLE (n ROWS | x PERCENT | BUCKET x OUT OF y) [REPEATABLE (seed)]: a limit, or a filter
  // keeping a row where rand(seed) falls in the sampled fraction, [0, x/100) or [(x-1)/y, x/y)
  // (the numbers Spark's Bernoulli sampler draws per partition).
  PlanPtr TableSample(PlanPtr child) {
    ExpectWord("TABLESAMPLE");
    Expect("(");
    int64_t numerator = 0;
    int64_t denominator = 0;
    ExprPtr percent;
    if (AcceptWord("BUCKET")) {
      numerator = IntegerConstant();
      ExpectWord("OUT");
      ExpectWord("OF");
      denominator = IntegerConstant();
      if (numerator < 1 || denominator < 1 || numerator > denominator) Fail();
    } else if (Peek().kind == TokenKind::kNumber && IsWord("PERCENT", 1)) {
      percent = NumberLiteral(Peek().text);
      if (!percent) Fail();
      pos_ += 2;
    } else {
      int64_t rows = IntegerConstant();
      ExpectWord("ROWS");
      Expect(")");
      return MakePlan(LimitNode{rows}, {std::move(child)});
    }
    Expect(")");
    int64_t seed = static_cast<int64_t>(std::random_device()() % 1000);
    if (AcceptWord("REPEATABLE")) {
      Expect("(");
      seed = IntegerConstant();
      Expect(")");
    }
    ExprPtr draw = Fn("rand", {Literal(Value::Long(seed))});
    ExprPtr keep = percent ? Fn("<", {draw, Fn("/", {Cast(percent, DoubleType()), Literal(Value::Double(100.0))})})
                           : Fn("=", {Fn("floor", {Fn("*", {draw, Literal(Value::Double(static_cast<double>(denominator)))})}),
                                      Literal(Value::Long(numerator - 1))});
    return Filter(std::move(child), keep);
  }

  // VALUES (1, 'a'), (2, 'b') [AS] [t[(x, y)]]: one projected row per tuple, unioned; columns are
  // named col1, col2, ... unless the alias lists names.
  PlanPtr InlineTable() {
    ExpectWord("VALUES");
    std::vector<std::vector<ExprPtr>> rows;
    do {
      std::vector<ExprPtr> row;
      if (Accept("(")) {
        do {
          row.push_back(Expression());
        } while (Accept(","));
        Expect(")");
      } else {
        row.push_back(Expression());
      }
      if (!rows.empty() && row.size() != rows[0].size()) Fail();
      rows.push_back(std::move(row));
    } while (Accept(","));
    std::string alias;
    std::vector<std::string> names;
    size_t start = pos_;
    bool has_as = AcceptWord("AS");
    if (AtIdentifier()) {
      alias = Identifier();
      if (Accept("(")) {
        do {
          names.push_back(Identifier());
        } while (Accept(","));
        Expect(")");
        if (names.size() != rows[0].size()) Fail();
      }
    } else if (has_as) {
      pos_ = start;
      Fail();
    }
    for (size_t c = names.size(); c < rows[0].size(); ++c) names.push_back("col" + std::to_string(c + 1));
    PlanPtr plan;
    for (auto& row : rows) {
      ProjectNode project;
      for (size_t c = 0; c < row.size(); ++c) project.exprs.push_back(Alias(row[c], names[c]));
      PlanPtr one = MakePlan(std::move(project), {OneRow()});
      plan = plan ? MakePlan(UnionNode{}, {plan, one}) : one;
    }
    return alias.empty() ? plan : SubqueryAlias(plan, alias);
  }

  // A table-valued function call after its "(": range(...), or a user-defined table function
  // (a Python UDTF), which the analyzer looks up among the session's functions.
  PlanPtr TableFunction(const std::string& name) {
    if (Lower(name) != "range") return UserTableFunction(name);
    std::vector<ExprPtr> args;
    if (!Accept(")")) {
      do {
        args.push_back(Expression());
      } while (Accept(","));
      Expect(")");
    }
    if (args.empty() || args.size() > 4) {
      throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", {{"functionName", "`range`"},
                                                              {"expectedNum", "[1, 2, 3, 4]"},
                                                              {"actualNum", std::to_string(args.size())},
                                                              {"docroot", "https://spark.apache.org/docs/latest"}});
    }
    RangeNode range;
    range.args = std::move(args);
    return MakePlan(std::move(range), {});
  }

  // name(args) as a Generate node whose generator is the call itself: over one row, or over the
  // rows of its TABLE argument (TABLE t, TABLE(t) or TABLE(query)), each passed as a struct of
  // its columns, keeping only the function's columns. The TABLE argument may be partitioned
  // (PARTITION BY key or (keys), or WITH SINGLE PARTITION) and ordered within partitions (ORDER BY
  // item or (items)); arguments may be named (name => value). A call with either starts with its
  // shape (functions/table_call.h), which the function reads; the partitioning keys follow the
  // arguments (each key's rows get a function instance of their own).
  PlanPtr UserTableFunction(const std::string& name) {
    std::vector<ExprPtr> args;
    std::vector<std::string> names;
    std::vector<ExprPtr> keys;
    PlanPtr table;
    int table_index = -1;
    if (!Accept(")")) {
      do {
        if (AtIdentifier() && IsSymbol("=>", 1)) {
          names.push_back(Peek().text);
          pos_ += 2;
        } else if (!names.empty()) {
          Fail();  // a positional argument after named ones
        }
        if (IsWord("TABLE") && !table) {
          ++pos_;
          table = PartitionedTableArgument(TableArgument(), &keys);
          table_index = static_cast<int>(args.size());
          Expr star;
          star.kind = ExprKind::kStar;
          args.push_back(Call("struct", {MakeExpr(std::move(star))}));
        } else {
          args.push_back(Expression());
        }
      } while (Accept(","));
      Expect(")");
    }
    if (table || !names.empty()) {
      TableCallShape shape;
      shape.table = table_index;
      shape.keys = keys.size();
      shape.names = names;
      args.insert(args.begin(), Literal(Value::String(FormatTableCallShape(shape))));
      args.insert(args.end(), keys.begin(), keys.end());
    }
    GenerateNode generate;
    generate.generator = Call(name, std::move(args));
    if (!table) return MakePlan(std::move(generate), {OneRow()});
    generate.qualifier = kTableFunctionOutput;
    Expr star;
    star.kind = ExprKind::kStar;
    star.name_parts = {kTableFunctionOutput};
    PlanPtr plan = MakePlan(std::move(generate), {std::move(table)});
    return MakePlan(ProjectNode{{MakeExpr(std::move(star))}}, {std::move(plan)});
  }

  // A TABLE argument's PARTITION BY / WITH SINGLE PARTITION and ORDER BY: its rows repartitioned
  // by the keys (into one partition) and sorted within partitions by the keys, then the order.
  PlanPtr PartitionedTableArgument(PlanPtr table, std::vector<ExprPtr>* keys) {
    bool single = false;
    if (IsWord("WITH") && IsWord("SINGLE", 1)) {
      pos_ += 2;
      ExpectWord("PARTITION");
      single = true;
    } else if ((IsWord("PARTITION") || IsWord("DISTRIBUTE")) && IsWord("BY", 1)) {
      pos_ += 2;
      *keys = ParenthesizedList([&] { return Expression(); });
    }
    std::vector<ExprPtr> orders;
    if ((IsWord("ORDER") || IsWord("SORT")) && IsWord("BY", 1)) {
      if (!single && keys->empty()) Fail();
      pos_ += 2;
      orders = ParenthesizedList([&] { return SortOrder(Expression()); });
    }
    if (!single && keys->empty()) return table;
    RepartitionNode repartition;
    repartition.num_partitions = single ? 1 : 0;
    repartition.keys = *keys;
    table = MakePlan(std::move(repartition), {std::move(table)});
    SortNode sort;
    sort.global = false;
    for (const auto& key : *keys) {
      Expr order;
      order.kind = ExprKind::kSortOrder;
      order.args = {key};
      sort.orders.push_back(MakeExpr(std::move(order)));
    }
    sort.orders.insert(sort.orders.end(), orders.begin(), orders.end());
    if (sort.orders.empty()) return table;
    return MakePlan(std::move(sort), {std::move(table)});
  }

  // One item, or several in parentheses.
  template <typename F>
  std::vector<ExprPtr> ParenthesizedList(F&& item) {
    std::vector<ExprPtr> items;
    if (!Accept("(")) return {item()};
    do {
      items.push_back(item());
    } while (Accept(","));
    Expect(")");
    return items;
  }
  static constexpr const char* kTableFunctionOutput = "__table_function_output";

  PlanPtr TableArgument() {
    if (!Accept("(")) return Relation(MultipartName());
    bool query = !AtIdentifier() || IsWord("SELECT") || IsWord("WITH") || IsWord("VALUES") || IsWord("FROM");
    PlanPtr plan = query ? Query() : Relation(MultipartName());
    Expect(")");
    return plan;
  }

  static PlanPtr OneRow() {
    LocalRelationNode one;
    one.batches = std::make_shared<std::vector<Batch>>(std::vector<Batch>{Batch({}, 1)});
    return MakePlan(std::move(one), {});
  }

  // A table name: a WITH name in scope, else a catalog relation (temp view).
  PlanPtr Relation(const std::vector<std::string>& name) {
    if (name.size() == 1) {
      auto it = ctes_.find(Lower(name[0]));
      if (it != ctes_.end()) return SubqueryAlias(it->second, name[0]);
    }
    return MakePlan(UnresolvedRelationNode{name}, {});
  }

  PlanPtr SubqueryAlias(PlanPtr child, std::string alias) {
    return MakePlan(SubqueryAliasNode{std::move(alias), {}}, {std::move(child)});
  }

  // ---- expressions, loosest first ----
 public:
  ExprPtr Expression() { return OrExpr(); }

 private:
  ExprPtr OrExpr() {
    ExprPtr left = AndExpr();
    while (AcceptWord("OR")) left = Logic(ExprKind::kOr, left, AndExpr());
    return left;
  }

  ExprPtr AndExpr() {
    ExprPtr left = NotExpr();
    while (AcceptWord("AND")) left = Logic(ExprKind::kAnd, left, NotExpr());
    return left;
  }

  ExprPtr NotExpr() {
    if (IsWord("NOT") || IsSymbol("!")) {
      ++pos_;
      return Not(NotExpr());
    }
    return Predicate();
  }

  ExprPtr Predicate() {
    ExprPtr left = BitOr();
    while (true) {
      static const std::map<std::string, std::string> kComparisons = {
          {"=", "="}, {"==", "="}, {"<>", "!="}, {"!=", "!="}, {"<", "<"},
          {"<=", "<="}, {">", ">"}, {">=", ">="}, {"<=>", "<=>"}};
      const Token& token = Peek();
      if (token.kind == TokenKind::kSymbol && kComparisons.count(token.text)) {
        ++pos_;
        left = Fn(kComparisons.at(token.text), {left, BitOr()});
        continue;
      }
      if (AcceptWord("IS")) {
        bool negated = AcceptWord("NOT");
        if (AcceptWord("NULL")) {
          left = Fn(negated ? "isnotnull" : "isnull", {left});
        } else if (AcceptWord("DISTINCT")) {
          ExpectWord("FROM");
          ExprPtr same = Fn("<=>", {left, BitOr()});
          left = negated ? same : Not(same);
        } else if (IsWord("TRUE") || IsWord("FALSE")) {
          bool truth = IsWord("TRUE");
          ++pos_;
          ExprPtr same = Fn("<=>", {left, Literal(Value::Boolean(truth))});
          left = negated ? Not(same) : same;
        } else {
          Fail();
        }
        continue;
      }
      size_t start = pos_;
      bool negated = AcceptWord("NOT");
      if (AcceptWord("BETWEEN")) {
        ExprPtr low = BitOr();
        ExpectWord("AND");
        ExprPtr high = BitOr();
        ExprPtr range = Logic(ExprKind::kAnd, Fn(">=", {left, low}), Fn("<=", {left, high}));
        left = negated ? Not(range) : range;
      } else if (AcceptWord("IN")) {
        Expect("(");
        if (AtQuery()) {
          // (a, b) IN (SELECT x, y) compares column by column, as Spark unwraps the struct
          bool columns = left->kind == ExprKind::kFunction && left->name == "struct";
          left = Subquery(SubqueryType::kIn, columns ? left->args : std::vector<ExprPtr>{left});
          left = negated ? Not(left) : left;
          continue;
        }
        ExprPtr any;
        do {
          ExprPtr equal = Fn("=", {left, Expression()});
          any = any ? Logic(ExprKind::kOr, any, equal) : equal;
        } while (Accept(","));
        Expect(")");
        left = negated ? Not(any) : any;
      } else if (IsWord("LIKE") || IsWord("RLIKE") || IsWord("REGEXP") || IsWord("ILIKE")) {
        std::string op = Peek().upper;
        ++pos_;
        ExprPtr pattern = BitOr();
        std::vector<ExprPtr> like_args = op == "ILIKE" ? std::vector<ExprPtr>{Fn("lower", {left}), Fn("lower", {pattern})}
                                                       : std::vector<ExprPtr>{left, pattern};
        if (op != "RLIKE" && op != "REGEXP" && AcceptWord("ESCAPE")) like_args.push_back(Primary());
        ExprPtr match = op == "RLIKE" || op == "REGEXP" ? Fn("rlike", {left, pattern}) : Fn("like", std::move(like_args));
        left = negated ? Not(match) : match;
      } else {
        pos_ = start;
        return left;
      }
    }
  }

  ExprPtr BitOr() {
    ExprPtr left = BitXor();
    while (Accept("|")) left = Fn("|", {left, BitXor()});
    return left;
  }
  ExprPtr BitXor() {
    ExprPtr left = BitAnd();
    while (Accept("^")) left = Fn("^", {left, BitAnd()});
    return left;
  }
  ExprPtr BitAnd() {
    ExprPtr left = Additive();
    while (Accept("&")) left = Fn("&", {left, Additive()});
    return left;
  }

  ExprPtr Additive() {
    ExprPtr left = Multiplicative();
    while (true) {
      if (Accept("+")) {
        left = Fn("+", {left, Multiplicative()});
      } else if (Accept("-")) {
        left = Fn("-", {left, Multiplicative()});
      } else if (Accept("||")) {
        left = Fn("concat", {left, Multiplicative()});
      } else {
        return left;
      }
    }
  }

  ExprPtr Multiplicative() {
    ExprPtr left = Unary();
    while (true) {
      if (Accept("*")) {
        left = Fn("*", {left, Unary()});
      } else if (Accept("/")) {
        left = Fn("/", {left, Unary()});
      } else if (Accept("%")) {
        left = Fn("%", {left, Unary()});
      } else if (AcceptWord("DIV")) {
        left = Fn("div", {left, Unary()});
      } else {
        return left;
      }
    }
  }

  ExprPtr Unary() {
    if (Accept("-")) {
      // A negative numeric literal stays a literal (-2147483648 is an int, as in Spark).
      if (Peek().kind == TokenKind::kNumber) {
        if (ExprPtr literal = NumberLiteral("-" + Peek().text)) {
          ++pos_;
          return Postfix(literal);
        }
      }
      return Fn("-", {Unary()});  // Spark's UnaryMinus, named (- x); negative(x) keeps its name
    }
    if (Accept("+")) return Unary();
    if (Accept("~")) return Fn("~", {Unary()});
    return Postfix(Primary());
  }

  ExprPtr Postfix(ExprPtr expr) {
    while (true) {
      if (Accept("::")) {
        expr = Cast(expr, TypeName());
      } else if (AcceptWord("COLLATE")) {
        // A collation name, maybe qualified (SYSTEM.BUILTIN.UNICODE).
        std::string name = Identifier();
        while (Accept(".")) name += "." + Identifier();
        expr = Fn("collate", {expr, Literal(Value::String(name))});
      } else if (Accept("[")) {
        ExprPtr key = Expression();
        Expect("]");
        expr = Fn(kExtractValue, {expr, key});
      } else if (IsSymbol(".") && (AtIdentifier(1) || Peek(1).kind == TokenKind::kWord)) {
        ++pos_;
        expr = Fn(kExtractValue, {expr, Literal(Value::String(Identifier()))});
      } else {
        return expr;
      }
    }
  }

  bool AtQuery() const { return IsWord("SELECT") || IsWord("WITH"); }

  // The query after an opening parenthesis, up to and including the closing one.
  ExprPtr Subquery(SubqueryType type, std::vector<ExprPtr> args) {
    Expr node;
    node.kind = ExprKind::kSubquery;
    node.subquery_type = type;
    node.args = std::move(args);
    node.subquery = Query();
    Expect(")");
    return MakeExpr(std::move(node));
  }

  ExprPtr NumberLiteral(const std::string& text) {
    std::optional<Value> value = ParseNumberLiteral(text);
    if (!value) return nullptr;
    return Literal(*value);
  }

  // Whether `token` continues the interval type `text` ("interval day" TO "second").
  static bool InIntervalType(const std::string& text, const Token& token) {
    if (text.rfind("interval", 0) != 0) return false;
    return token.upper == "TO" || (text.size() > 3 && text.compare(text.size() - 3, 3, " to") == 0) ||
           (text == "interval" && IsIntervalUnit(token.text));
  }

  // Type text for CAST, `::` and column definitions: tokens up to a closing parenthesis, comma,
  // semicolon, the end or the next word, as DDL text.
  TypePtr TypeName() {
    std::string text;
    int depth = 0;
    const Token* previous = nullptr;
    while (true) {
      const Token& token = Peek();
      if (token.kind == TokenKind::kEnd) break;
      if (token.kind == TokenKind::kSymbol) {
        if ((token.text == ")" || token.text == "," || token.text == ";") && depth == 0) break;
        if (token.text == "(" || token.text == "<") ++depth;
        if (token.text == ")" || token.text == ">") --depth;
      } else if (token.upper == "COLLATE" && previous && previous->upper == "STRING") {
        ++pos_;  // STRING COLLATE name
        const Token* name = &Peek();
        if (name->kind != TokenKind::kWord) Fail();
        text += " collate " + name->text;
        ++pos_;
        while (IsSymbol(".") && Peek(1).kind == TokenKind::kWord) {  // SYSTEM.BUILTIN.name
          name = &Peek(1);
          text += "." + name->text;
          pos_ += 2;
        }
        previous = name;
        continue;
      } else if (depth == 0 && previous && (previous->kind != TokenKind::kSymbol || previous->text == ")" ||
                                            previous->text == ">") &&
                 !InIntervalType(text, token)) {
        break;  // `x::int AS y`: the type ends before the next word
      }
      if (previous && previous->kind != TokenKind::kSymbol && token.kind != TokenKind::kSymbol) text += ' ';
      text += token.kind == TokenKind::kWord ? Lower(token.text) : token.text;
      previous = &token;
      ++pos_;
    }
    if (text.empty()) Fail();
    try {
      return ParseDataType(text);
    } catch (const SparkError& error) {
      if (error.error_class() == "COLLATION_INVALID_NAME") throw;
      throw SparkError("UNSUPPORTED_DATATYPE", "0A000", "Unsupported data type \"" + text + "\".",
                       {{"typeName", "\"" + text + "\""}});
    }
  }

  // A `[-]value unit` of an interval literal `ahead` tokens on: a number or string, then a unit.
  bool AtIntervalPart(size_t ahead) const {
    if (IsSymbol("-", ahead) || IsSymbol("+", ahead)) ++ahead;
    TokenKind kind = Peek(ahead).kind;
    return (kind == TokenKind::kNumber || kind == TokenKind::kString) && Peek(ahead + 1).kind == TokenKind::kWord &&
           IsIntervalUnit(Peek(ahead + 1).text);
  }

  // INTERVAL '1-2' YEAR TO MONTH, INTERVAL 1 DAY 2 HOURS, INTERVAL '3' MONTH.
  ExprPtr IntervalLiteral() {
    ExpectWord("INTERVAL");
    std::vector<IntervalPart> parts;
    do {
      IntervalPart part;
      if (Accept("-")) {
        part.value = "-";
      } else {
        Accept("+");
      }
      part.value += Peek().text;
      part.unit = Peek(1).text;
      pos_ += 2;
      if (parts.empty() && AcceptWord("TO")) {
        if (Peek().kind != TokenKind::kWord) Fail();
        return Literal(UnitToUnitIntervalLiteral(part, tokens_[pos_++].text));
      }
      parts.push_back(std::move(part));
    } while (AtIntervalPart(0));
    return Literal(MultiUnitIntervalLiteral(parts));
  }

  ExprPtr Primary() {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kNumber: {
        ExprPtr literal = NumberLiteral(token.text);
        if (!literal) Fail();
        ++pos_;
        return literal;
      }
      case TokenKind::kString: {
        std::string text = token.text;
        ++pos_;
        // Adjacent string literals concatenate ('a' 'b' is 'ab').
        while (Peek().kind == TokenKind::kString) text += tokens_[pos_++].text;
        return Literal(Value::String(text));
      }
      case TokenKind::kHexBinary: {
        ++pos_;
        std::optional<Value> value = ParseHexLiteral(token.text);
        if (!value) Fail();
        return Literal(*value);
      }
      case TokenKind::kSymbol:
        if (IsSymbol("?") || (IsSymbol(":") && Peek(1).kind == TokenKind::kWord)) return ParameterMarker();
        if (Accept("(")) {
          if (AtQuery()) return Subquery(SubqueryType::kScalar, {});
          ExprPtr expr = Expression();
          if (IsSymbol(",")) {  // (a, b, ...) is struct(a, b, ...), as in Spark
            std::vector<ExprPtr> fields{expr};
            while (Accept(",")) fields.push_back(Expression());
            expr = Fn("struct", std::move(fields));
          }
          Expect(")");
          return expr;
        }
        Fail();
      case TokenKind::kQuotedName:
        return ColumnOrFunction();
      case TokenKind::kWord:
        if (IsWord("INTERVAL") && AtIntervalPart(1)) return IntervalLiteral();
        return WordExpression();
      case TokenKind::kEnd:
        Fail();
    }
    Fail();
  }

  // `?` (the next positional argument) or `:name` (the named one), as the argument's expression.
  ExprPtr ParameterMarker() {
    std::string name;
    if (Accept("?")) {
      if (parameters_ && next_positional_ < parameters_->positional.size()) return parameters_->positional[next_positional_++];
      name = "_" + std::to_string(tokens_[pos_ - 1].column);
    } else {
      ++pos_;
      name = Identifier();
      if (parameters_) {
        auto found = parameters_->named.find(name);
        if (found != parameters_->named.end()) return found->second;
      }
    }
    throw SparkError("UNBOUND_SQL_PARAMETER", "42P02",
                     "Found the unbound parameter: " + name +
                         ". Please, fix `args` and provide a mapping of the parameter to either a SQL literal or "
                         "collection constructor functions such as `map()`, `array()`, `struct()`.",
                     {{"name", name}});
  }

  ExprPtr WordExpression() {
    const Token& token = Peek();
    const std::string& word = token.upper;
    if (word == "NULL") {
      ++pos_;
      return Literal(Value::Null(NullType()));
    }
    if (word == "TRUE" || word == "FALSE") {
      ++pos_;
      return Literal(Value::Boolean(word == "TRUE"));
    }
    if ((word == "DATE" || word == "TIMESTAMP" || word == "TIMESTAMP_NTZ" || word == "TIMESTAMP_LTZ") &&
        Peek(1).kind == TokenKind::kString) {
      std::string text = Peek(1).text;
      pos_ += 2;
      TypePtr type = word == "DATE"            ? DateType()
                     : word == "TIMESTAMP_NTZ" ? TimestampNtzType()
                                               : TimestampType();
      return Cast(Literal(Value::String(text)), type);
    }
    if (word == "INTERVAL") Fail();  // interval literals are not supported yet
    if (word == "CASE") return CaseExpression();
    if (word == "EXISTS" && IsSymbol("(", 1) && (IsWord("SELECT", 2) || IsWord("WITH", 2))) {
      pos_ += 2;
      return Subquery(SubqueryType::kExists, {});
    }
    if ((word == "CAST" || word == "TRY_CAST") && IsSymbol("(", 1)) {
      pos_ += 2;
      ExprPtr child = Expression();
      ExpectWord("AS");
      TypePtr type = TypeName();
      Expect(")");
      return Cast(child, type, word == "TRY_CAST");
    }
    if (word == "EXTRACT" && IsSymbol("(", 1)) {
      pos_ += 2;
      std::string field = Lower(Identifier());
      ExpectWord("FROM");
      ExprPtr source = Expression();
      Expect(")");
      return Fn(ExtractFunction(field), {source});
    }
    if ((word == "SUBSTRING" || word == "SUBSTR") && IsSymbol("(", 1)) {
      size_t start = pos_;
      pos_ += 2;
      ExprPtr source = Expression();
      if (AcceptWord("FROM")) {
        std::vector<ExprPtr> args = {source, Expression()};
        if (AcceptWord("FOR")) args.push_back(Expression());
        Expect(")");
        return Fn("substring", std::move(args));
      }
      pos_ = start;
    }
    // exists(array, x -> ...) and window(time, '10 minutes') are functions.
    bool function_name = (word == "LEFT" || word == "RIGHT" || word == "WINDOW") && IsSymbol("(", 1);
    if (ReservedWords().count(word) && !function_name) Fail();
    return ColumnOrFunction();
  }

  static std::string ExtractFunction(const std::string& field) {
    static const std::map<std::string, std::string> kFields = {
        {"year", "year"}, {"years", "year"}, {"y", "year"}, {"yr", "year"}, {"yrs", "year"},
        {"month", "month"}, {"months", "month"}, {"mon", "month"}, {"mons", "month"},
        {"day", "day"}, {"days", "day"}, {"d", "day"},
        {"hour", "hour"}, {"hours", "hour"}, {"h", "hour"}, {"hr", "hour"}, {"hrs", "hour"},
        {"minute", "minute"}, {"minutes", "minute"}, {"m", "minute"}, {"min", "minute"}, {"mins", "minute"},
        {"second", "second"}, {"seconds", "second"}, {"s", "second"}, {"sec", "second"}, {"secs", "second"},
        {"quarter", "quarter"}, {"qtr", "quarter"}, {"week", "weekofyear"}, {"weeks", "weekofyear"},
        {"w", "weekofyear"}, {"dayofweek", "dayofweek"}, {"dow", "dayofweek"},
        {"doy", "dayofyear"}, {"dayofyear", "dayofyear"}};
    auto it = kFields.find(field);
    if (it == kFields.end()) {
      throw SparkError("INVALID_EXTRACT_FIELD", "42601",
                       "Cannot extract " + field + " from the value.", {{"field", field}});
    }
    return it->second;
  }

  ExprPtr CaseExpression() {
    ExpectWord("CASE");
    ExprPtr operand;
    if (!IsWord("WHEN")) operand = Expression();
    Expr node;
    node.kind = ExprKind::kCaseWhen;
    if (!IsWord("WHEN")) Fail();
    while (AcceptWord("WHEN")) {
      ExprPtr condition = Expression();
      if (operand) condition = Fn("=", {operand, condition});
      ExpectWord("THEN");
      node.args.push_back(condition);
      node.args.push_back(Expression());
    }
    if (AcceptWord("ELSE")) {
      node.args.push_back(Expression());
      node.has_else = true;
    }
    ExpectWord("END");
    return MakeExpr(std::move(node));
  }

  ExprPtr ColumnOrFunction() {
    std::vector<std::string> parts = {Identifier()};
    while (IsSymbol(".") && (AtIdentifier(1) || Peek(1).kind == TokenKind::kWord)) {
      ++pos_;
      parts.push_back(Identifier());
    }
    if (!Accept("(")) return ColumnRef(parts);
    if (parts.size() != 1) Fail();
    return Over(NullsOption(AggregateFilter(FunctionCall(Lower(parts[0])))));
  }

  // `agg(...) FILTER (WHERE condition)`: the condition becomes the aggregate's last argument.
  ExprPtr AggregateFilter(ExprPtr call) {
    if (!(IsWord("FILTER") && IsSymbol("(", 1) && IsWord("WHERE", 2))) return call;
    if (call->kind != ExprKind::kAggregate) Fail();
    pos_ += 3;
    Expr node = *call;
    node.args.push_back(Expression());
    node.has_filter = true;
    Expect(")");
    return MakeExpr(std::move(node));
  }

  // `f(...) IGNORE NULLS` / `RESPECT NULLS`: the flag becomes the function's ignoreNulls argument.
  ExprPtr NullsOption(ExprPtr call) {
    bool ignore = IsWord("IGNORE") && IsWord("NULLS", 1);
    if (!ignore && !(IsWord("RESPECT") && IsWord("NULLS", 1))) return call;
    pos_ += 2;
    if (!ignore) return call;
    Expr node = *call;
    if (node.name == "lag" || node.name == "lead") {
      if (node.args.size() < 2) node.args.push_back(Literal(Value::Int(1)));
      if (node.args.size() < 3) node.args.push_back(Literal(Value::Null(NullType())));
    }
    node.args.push_back(Literal(Value::Boolean(true)));
    return MakeExpr(std::move(node));
  }

  // `call OVER (window)` or `call OVER name` (a WINDOW clause names it; kWindow with `name` set
  // and no spec until the clause is read).
  ExprPtr Over(ExprPtr call) {
    if (!AcceptWord("OVER")) return call;
    Expr node;
    node.kind = ExprKind::kWindow;
    node.args = {std::move(call)};
    if (!Accept("(")) {
      node.name = Lower(Identifier());
      return MakeExpr(std::move(node));
    }
    WindowDefinition(node);
    Expect(")");
    return MakeExpr(std::move(node));
  }

  // The inside of `OVER (...)` or `WINDOW w AS (...)`: partitioning, ordering and frame.
  void WindowDefinition(Expr& node) {
    auto spec = std::make_shared<WindowSpec>();
    if ((IsWord("PARTITION") || IsWord("DISTRIBUTE")) && IsWord("BY", 1)) {
      pos_ += 2;
      do {
        node.args.push_back(Expression());
        ++spec->num_partition;
      } while (Accept(","));
    }
    if ((IsWord("ORDER") || IsWord("SORT")) && IsWord("BY", 1)) {
      pos_ += 2;
      do {
        node.args.push_back(SortOrder(Expression()));
      } while (Accept(","));
    }
    bool rows = IsWord("ROWS");
    if (rows || IsWord("RANGE")) {
      ++pos_;
      spec->frame_specified = true;
      spec->rows = rows;
      if (AcceptWord("BETWEEN")) {
        spec->lower = FrameBoundary();
        ExpectWord("AND");
        spec->upper = FrameBoundary();
      } else {
        spec->lower = FrameBoundary();
        spec->upper = {FrameBound::kCurrentRow, nullptr};
      }
    }
    node.window = std::move(spec);
  }

  FrameBound FrameBoundary() {
    if (AcceptWord("UNBOUNDED")) {
      if (AcceptWord("PRECEDING")) return {FrameBound::kUnboundedPreceding, nullptr};
      ExpectWord("FOLLOWING");
      return {FrameBound::kUnboundedFollowing, nullptr};
    }
    if (AcceptWord("CURRENT")) {
      ExpectWord("ROW");
      return {FrameBound::kCurrentRow, nullptr};
    }
    ExprPtr offset = Expression();
    if (AcceptWord("PRECEDING")) return {FrameBound::kPreceding, offset};
    ExpectWord("FOLLOWING");
    return {FrameBound::kFollowing, offset};
  }

  // `WINDOW w AS (...), ...` after HAVING: fills in the windows the select items name.
  void WindowClause(std::vector<ExprPtr>& items, ExprPtr& having) {
    std::map<std::string, ExprPtr> named;
    if (AcceptWord("WINDOW")) {
      do {
        std::string name = Lower(Identifier());
        ExpectWord("AS");
        Expect("(");
        Expr definition;
        definition.kind = ExprKind::kWindow;
        definition.args = {nullptr};
        WindowDefinition(definition);
        Expect(")");
        named[name] = MakeExpr(std::move(definition));
      } while (Accept(","));
    }
    for (auto& item : items) item = NameWindows(item, named);
    if (having) having = NameWindows(having, named);
  }

  static ExprPtr NameWindows(const ExprPtr& expr, const std::map<std::string, ExprPtr>& named) {
    Expr copy = *expr;
    for (auto& arg : copy.args) arg = NameWindows(arg, named);
    if (copy.kind == ExprKind::kWindow && !copy.window) {
      auto found = named.find(copy.name);
      if (found == named.end()) {
        throw SparkError("MISSING_WINDOW_SPECIFICATION", "42P20",
                         "Window specification is not defined in the WINDOW clause for " + copy.name +
                             ". For more information about WINDOW clauses, please refer to "
                             "'https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html'.",
                         {{"windowName", copy.name}, {"docroot", "https://spark.apache.org/docs/latest"}});
      }
      const Expr& definition = *found->second;
      copy.args.insert(copy.args.end(), definition.args.begin() + 1, definition.args.end());
      copy.window = definition.window;
      copy.name.clear();
    }
    return MakeExpr(std::move(copy));
  }

  // After `name(`.
  // A function argument: a lambda (`x -> body`, `(x, y) -> body`) or an expression.
  ExprPtr Argument() {
    std::vector<std::string> params;
    if (AtIdentifier() && IsSymbol("->", 1)) {
      params.push_back(Identifier());
    } else if (IsSymbol("(") && AtIdentifier(1)) {
      size_t look = 1;
      while (AtIdentifier(look) && IsSymbol(",", look + 1)) look += 2;
      if (!AtIdentifier(look) || !IsSymbol(")", look + 1) || !IsSymbol("->", look + 2)) return Expression();
      Expect("(");
      do {
        params.push_back(Identifier());
      } while (Accept(","));
      Expect(")");
    } else {
      return Expression();
    }
    Expect("->");
    return LambdaFunctionExpr(std::move(params), Expression());
  }

  ExprPtr FunctionCall(const std::string& name) {
    if (name == "count" && Accept("*")) {
      Expect(")");
      return AggregateCall("count", {Literal(Value::Int(1))});
    }
    bool distinct = AcceptWord("DISTINCT");
    if (!distinct) AcceptWord("ALL");
    std::vector<ExprPtr> args;
    if (!IsSymbol(")")) {
      do {
        args.push_back(Argument());
        // struct's arguments are named expressions: struct(a + 1 AS x) names its field x.
        if (name == "struct" && (AcceptWord("AS") || AtIdentifier())) args.back() = Alias(args.back(), Identifier());
      } while (Accept(","));
    }
    Expect(")");
    if (name == "if" && args.size() == 3) {
      Expr node;
      node.kind = ExprKind::kCaseWhen;
      node.args = std::move(args);
      node.has_else = true;
      return MakeExpr(std::move(node));
    }
    if (name == "coalesce" && !args.empty()) {
      Expr node;
      node.kind = ExprKind::kCoalesce;
      node.args = std::move(args);
      return MakeExpr(std::move(node));
    }
    if (FunctionRegistry::Instance().FindAggregate(name)) return AggregateCall(name, std::move(args), distinct);
    if (distinct) Fail();
    return Fn(name, std::move(args));
  }

  std::map<std::string, PlanPtr> ctes_;
  const SqlParameters* parameters_ = nullptr;
  size_t next_positional_ = 0;
  // The most recently parsed SELECT and its items, for the ORDER BY that may follow it.
  PlanPtr last_select_plan_;
  std::vector<ExprPtr> last_select_items_;
};

}  // namespace

PlanPtr ParseQuery(const std::string& text, const SqlParameters* parameters) {
  Parser parser(text);
  parser.set_parameters(parameters);
  return parser.ParseStatement();
}

ExprPtr ParseExpression(const std::string& text) { return Parser(text).ParseSelectItem(); }

PlanPtr ParseQueryAt(TokenCursor& cursor) {
  Parser parser(cursor);
  PlanPtr plan = parser.QueryPart();
  cursor.set_position(parser.position());
  return plan;
}

TypePtr ParseTypeAt(TokenCursor& cursor) {
  Parser parser(cursor);
  TypePtr type = parser.TypePart();
  cursor.set_position(parser.position());
  return type;
}

}  // namespace ember::sql
