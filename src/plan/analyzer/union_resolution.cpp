#include "plan/analyzer/union_resolution.h"

#include "functions/type_coercion.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

ExprPtr NullOf(const TypePtr& type, const std::string& name) {
  Expr node;
  node.kind = ExprKind::kLiteral;
  node.literal = Value::Null(type);
  node.type = type;
  node.nullable = true;
  return AliasAs(std::make_shared<const Expr>(std::move(node)), name);
}

int FindByName(const std::vector<Attribute>& output, const std::string& name, bool case_sensitive) {
  for (size_t i = 0; i < output.size(); ++i) {
    if (NamesEqual(output[i].name, name, case_sensitive)) return static_cast<int>(i);
  }
  return -1;
}

std::string ColumnList(const std::vector<Attribute>& output) {
  std::string text;
  for (size_t i = 0; i < output.size(); ++i) {
    if (i > 0) text += ", ";
    text += output[i].name;
  }
  return text;
}

// Reorders every child after the first to the first child's column names (unionByName).
std::vector<PlanPtr> AlignByName(const LogicalPlan& node, std::vector<PlanPtr> children, bool case_sensitive) {
  std::vector<Attribute> columns = children[0]->output;
  if (node.As<UnionNode>().allow_missing_columns) {
    for (size_t c = 1; c < children.size(); ++c) {
      for (const auto& attribute : children[c]->output) {
        if (FindByName(columns, attribute.name, case_sensitive) < 0) columns.push_back(attribute);
      }
    }
  }
  for (auto& child : children) {
    std::vector<ExprPtr> exprs;
    for (const auto& column : columns) {
      int index = FindByName(child->output, column.name, case_sensitive);
      if (index >= 0) {
        exprs.push_back(BoundAttribute(index, child->output[index]));
      } else if (node.As<UnionNode>().allow_missing_columns) {
        exprs.push_back(NullOf(column.type, column.name));
      } else {
        std::string fields = ColumnList(child->output);
        throw SparkError("UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", "42703",
                         "Cannot resolve column name \"" + column.name + "\" among (" + fields + ").",
                         {{"colName", column.name}, {"fieldNames", fields}});
      }
    }
    if (!IsIdentityProjection(exprs, child->output)) child = MakeProjectNode(child, std::move(exprs));
  }
  return children;
}

}  // namespace

PlanPtr ResolveUnion(const LogicalPlan& node, std::vector<PlanPtr> children, const AnalyzerContext& ctx) {
  if (node.As<UnionNode>().by_name) children = AlignByName(node, std::move(children), ctx.config.CaseSensitive());
  const auto& first = children[0]->output;
  for (size_t c = 1; c < children.size(); ++c) {
    if (children[c]->output.size() != first.size()) {
      std::string ordinal = OrdinalWord(c);
      throw SparkError("NUM_COLUMNS_MISMATCH", "42826",
                       "UNION can only be performed on inputs with the same number of columns, but "
                       "the first input has " + std::to_string(first.size()) + " columns and the " +
                           ordinal + " input has " + std::to_string(children[c]->output.size()) +
                           " columns.",
                       {{"operator", "UNION"}});
    }
  }
  std::vector<Attribute> output = first;
  for (size_t i = 0; i < output.size(); ++i) {
    TypePtr type = first[i].type;
    for (size_t c = 1; c < children.size(); ++c) {
      const Attribute& column = children[c]->output[i];
      TypePtr wider = FindWiderTypeForTwo(type, column.type, ctx.eval.ansi);
      if (!wider) {
        throw SparkError("INCOMPATIBLE_COLUMN_TYPE", "42825",
                         "UNION can only be performed on inputs with compatible column types. The " +
                             OrdinalWord(i) + " column of the " + OrdinalWord(c) + " table is " +
                             SqlType(*column.type) + " type which is not compatible with " +
                             SqlType(*type) + " at the same column of the first table..",
                         {{"operator", "UNION"}});
      }
      type = wider;
      output[i].nullable = output[i].nullable || column.nullable;
    }
    output[i].type = type;
  }
  for (auto& child : children) {
    bool needs_cast = false;
    std::vector<ExprPtr> exprs;
    for (size_t i = 0; i < output.size(); ++i) {
      ExprPtr ref = BoundAttribute(static_cast<int>(i), child->output[i]);
      ExprPtr cast = CastTo(ref, output[i].type);
      if (cast != ref) {
        needs_cast = true;
        cast = AliasAs(cast, child->output[i].name);
      }
      exprs.push_back(std::move(cast));
    }
    if (needs_cast) child = MakeProjectNode(child, std::move(exprs));
  }
  LogicalPlan resolved(UnionNode{}, std::move(children));
  resolved.output = std::move(output);
  return MakePlan(std::move(resolved));
}

}  // namespace ember
