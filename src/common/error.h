// Errors. SparkError is a user-facing error carrying Spark's error class, SQLSTATE and message
// parameters; its message is "[CLASS] text with `params`. SQLSTATE: xxxxx". InternalError marks a
// bug in Ember and is reported as INTERNAL_ERROR. Messages come from one table (error.cpp), so the
// wording of each class lives in one place.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ember {

using ErrorParams = std::vector<std::pair<std::string, std::string>>;

class SparkError : public std::runtime_error {
 public:
  // `error_class` may carry a subclass: "UNRESOLVED_COLUMN.WITH_SUGGESTION". The message is built
  // from the class's template with each <param> replaced.
  SparkError(std::string error_class, ErrorParams params);
  // A class with an explicit message text (no template lookup); used for classes whose text is
  // composed by the caller.
  SparkError(std::string error_class, std::string sql_state, std::string message_text,
             ErrorParams params);

  const std::string& error_class() const { return error_class_; }
  const std::string& sql_state() const { return sql_state_; }
  const ErrorParams& params() const { return params_; }

 private:
  std::string error_class_;
  std::string sql_state_;
  ErrorParams params_;
};

// A broken invariant inside Ember: never caused by user input.
class InternalError : public SparkError {
 public:
  explicit InternalError(const std::string& message);
};

// Quotes a name the way Spark error messages do: `a`.`b`.
std::string QuoteIdentifier(const std::string& name);
// The name as it is when it is a plain identifier (letters, digits, underscores, not starting with
// a digit), else quoted.
std::string QuoteIdentifierIfNeeded(const std::string& name);

#define EMBER_CHECK(cond, msg)                                                               \
  do {                                                                                       \
    if (!(cond)) throw ::ember::InternalError(std::string(msg) + " (" #cond ") at " __FILE__); \
  } while (0)

}  // namespace ember
