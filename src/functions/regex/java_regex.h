// Regular expressions with java.util.regex semantics, on PCRE2 (see docs/regex.md for the
// differences that remain). A JavaRegex is compiled once and shared read-only; a RegexMatcher
// (one per kernel call and thread) holds the match state.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace ember {

class JavaRegex {
 public:
  // Throws INVALID_PARAMETER_VALUE.PATTERN naming `function` when the pattern does not compile.
  // `ignore_case` matches as Java's CASE_INSENSITIVE | UNICODE_CASE flags do (Spark's regexes over
  // UTF8_LCASE strings).
  JavaRegex(std::string pattern, const std::string& function, bool ignore_case = false);
  ~JavaRegex();
  JavaRegex(const JavaRegex&) = delete;
  JavaRegex& operator=(const JavaRegex&) = delete;

  const std::string& pattern() const { return pattern_; }
  pcre2_code* code() const { return code_; }
  int group_count() const { return groups_; }
  // The text a case-sensitive pattern matches when it has no regex operators (as "," or "\\|"): matchers
  // search for it directly instead of calling PCRE2.
  const std::optional<std::string>& literal() const { return literal_; }

 private:
  std::string pattern_;
  std::optional<std::string> literal_;
  pcre2_code* code_ = nullptr;
  int groups_ = 0;
};

// Finds successive matches in a subject, as Matcher.find() does: after an empty match the next
// search starts one character later.
class RegexMatcher {
 public:
  explicit RegexMatcher(const JavaRegex& regex);
  ~RegexMatcher();
  RegexMatcher(const RegexMatcher&) = delete;
  RegexMatcher& operator=(const RegexMatcher&) = delete;

  // Starts matching `subject` at byte offset `start`.
  void Reset(std::string_view subject, size_t start = 0);
  // The next match; false when there is none.
  bool Find();
  // Byte range of group g (0 = whole match) of the last match; a group that did not take part
  // gives start == npos.
  size_t GroupStart(int g) const;
  size_t GroupEnd(int g) const;
  std::string_view Group(int g) const;
  // Appends Java's replacement text for the last match: $n and ${name} insert groups, \x is x.
  void AppendReplacement(std::string& out, std::string_view replacement) const;

 private:
  const JavaRegex& regex_;
  pcre2_match_data* data_;
  std::string_view subject_;
  size_t literal_start_ = 0;  // the last match of a literal pattern
  size_t next_ = 0;
  bool done_ = false;
};

// A pattern argument: compiled at binding when it is a literal, otherwise per distinct row value.
// Each kernel call copies it (the compiled literal is shared read-only).
class RegexArg {
 public:
  RegexArg(const std::string& function, const std::string* literal, bool ignore_case = false);
  // The regex for `pattern` (ignored when fixed).
  const JavaRegex& Get(std::string_view pattern);

 private:
  std::string function_;
  bool ignore_case_;
  std::shared_ptr<const JavaRegex> fixed_;
  std::shared_ptr<const JavaRegex> last_;
};

}  // namespace ember
