#include "plan/analyzer/null_functions.h"

#include "functions/kernel_util.h"

namespace ember {

ExprPtr LowerNullFunction(const Expr& call) {
  bool nvl = call.name == "nvl" || call.name == "ifnull";
  if (call.kind != ExprKind::kFunction || (!nvl && call.name != "nullif")) return nullptr;
  CheckArgCount(call.name, BindArgsOf(call.args), 2, 2);
  Expr node;
  node.name = call.name;
  if (nvl) {
    node.kind = ExprKind::kCoalesce;
    node.args = call.args;
  } else {  // CASE WHEN a = b THEN NULL ELSE a END
    node.kind = ExprKind::kCaseWhen;
    node.args = {Call("=", call.args), Literal(Value::Null(NullType())), call.args[0]};
    node.has_else = true;
  }
  return MakeExpr(std::move(node));
}

}  // namespace ember
