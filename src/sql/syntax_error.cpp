#include "sql/syntax_error.h"

#include "common/error.h"

namespace ember::sql {
namespace {

// A SparkError whose message carries Spark's position and statement context after the SQLSTATE.
class ParseError : public SparkError {
 public:
  ParseError(const std::string& near, std::string context)
      : SparkError("PARSE_SYNTAX_ERROR", "42601", "Syntax error at or near " + near + ".",
                   {{"error", near}, {"hint", ""}}),
        message_(std::string(SparkError::what()) + context) {}

  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

}  // namespace

void ThrowSyntaxError(const std::string& sql, int line, int column, const std::string& near) {
  std::string context = " (line " + std::to_string(line) + ", pos " + std::to_string(column) + ")\n\n== SQL ==\n";
  int current = 1;
  size_t start = 0;
  while (start <= sql.size()) {
    size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    context += sql.substr(start, end - start) + "\n";
    if (current == line) context += std::string(column, '-') + "^^^\n";
    ++current;
    start = end + 1;
  }
  context.pop_back();
  throw ParseError(near, std::move(context));
}

}  // namespace ember::sql
