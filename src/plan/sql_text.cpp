#include "plan/sql_text.h"

#include <atomic>

#include "common/error.h"

namespace ember {
namespace {

std::atomic<PlanPtr (*)(const std::string&, const SqlParameters*)> query_parser{nullptr};
std::atomic<ExprPtr (*)(const std::string&)> expression_parser{nullptr};

}  // namespace

void SetSqlParsers(SqlParsers parsers) {
  query_parser = parsers.query;
  expression_parser = parsers.expression;
}

PlanPtr ParseSqlQueryText(const std::string& text, const SqlParameters* parameters) {
  auto parse = query_parser.load();
  EMBER_CHECK(parse != nullptr, "no SQL parser registered");
  return parse(text, parameters);
}

ExprPtr ParseSqlExpressionText(const std::string& text) {
  auto parse = expression_parser.load();
  EMBER_CHECK(parse != nullptr, "no SQL parser registered");
  return parse(text);
}

}  // namespace ember
