#include "functions/regex/java_regex.h"

#include "common/error.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

// PCRE2 10.42's JIT never matches a non-ASCII character with \W, \S or \D outside a character
// class when PCRE2_MATCH_INVALID_UTF is set, though the interpreter and the bracketed forms do (and
// Java matches it). Writing them as [\W], [\S], [\D] keeps the meaning and avoids the bug.
std::string BracketNegatedShorthands(const std::string& pattern) {
  std::string out;
  out.reserve(pattern.size() + 8);
  bool in_class = false;
  bool quoted = false;  // inside \Q...\E
  size_t class_start = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (quoted) {
      if (c == '\\' && i + 1 < pattern.size() && pattern[i + 1] == 'E') quoted = false;
      out += c;
      continue;
    }
    if (c == '\\' && i + 1 < pattern.size()) {
      char next = pattern[++i];
      if (next == 'Q') quoted = true;
      bool negated_shorthand = next == 'W' || next == 'S' || next == 'D';
      if (!in_class && negated_shorthand) {
        out += "[\\";
        out += next;
        out += ']';
      } else {
        out += c;
        out += next;
      }
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      class_start = i + 1 < pattern.size() && pattern[i + 1] == '^' ? i + 2 : i + 1;
    } else if (in_class && c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      size_t end = pattern.find(":]", i + 2);
      if (end != std::string::npos) {
        out.append(pattern, i, end + 2 - i);
        i = end + 1;
        continue;
      }
    } else if (in_class && c == ']' && i != class_start) {
      in_class = false;
    }
    out += c;
  }
  return out;
}

// The text `pattern` matches when it is plain characters and backslash-escaped operators only;
// nullopt when it has a regex operator, an escape with a meaning of its own (\d, \t, \Q...) or is
// empty (which matches between characters).
std::optional<std::string> LiteralText(const std::string& pattern) {
  constexpr std::string_view kOperators = "\\^$.|?*+()[]{}";
  std::string text;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size() && kOperators.find(pattern[i + 1]) != std::string_view::npos) {
      text += pattern[++i];
    } else if (kOperators.find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      text += c;
    }
  }
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

JavaRegex::JavaRegex(std::string pattern, const std::string& function, bool ignore_case) : pattern_(std::move(pattern)) {
  pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
  // Java's line terminators (\n, \r\n, \r, \u0085, \u2028, \u2029) end lines for . ^ $.
  pcre2_set_newline(context, PCRE2_NEWLINE_ANY);
  // \uhhhh, \x{h..h} and \xhh as in Java.
  pcre2_set_compile_extra_options(context, PCRE2_EXTRA_ALT_BSUX);
  int error = 0;
  PCRE2_SIZE offset = 0;
  auto compile = [&](const std::string& text) {
    return pcre2_compile(reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                         PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ALT_BSUX | (ignore_case ? PCRE2_CASELESS : 0u), &error,
                         &offset, context);
  };
  std::string rewritten = BracketNegatedShorthands(pattern_);
  code_ = compile(rewritten);
  // Errors are reported against the user's pattern, so their offsets point into what they wrote.
  if (code_ == nullptr && rewritten != pattern_) code_ = compile(pattern_);
  pcre2_compile_context_free(context);
  if (code_ == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof(message));
    throw SparkError("INVALID_PARAMETER_VALUE.PATTERN", "22023",
                     "The value of parameter(s) `regexp` in `" + function + "` is invalid: '" + pattern_ + "' (" +
                         reinterpret_cast<const char*>(message) + " at offset " + std::to_string(offset) + ").",
                     {{"parameter", "`regexp`"}, {"functionName", "`" + function + "`"}, {"value", "'" + pattern_ + "'"}});
  }
  pcre2_jit_compile(code_, PCRE2_JIT_COMPLETE);
  uint32_t groups = 0;
  pcre2_pattern_info(code_, PCRE2_INFO_CAPTURECOUNT, &groups);
  groups_ = static_cast<int>(groups);
  if (!ignore_case) literal_ = LiteralText(pattern_);
}

JavaRegex::~JavaRegex() { pcre2_code_free(code_); }

RegexMatcher::RegexMatcher(const JavaRegex& regex)
    : regex_(regex), data_(pcre2_match_data_create_from_pattern(regex.code(), nullptr)) {}

RegexMatcher::~RegexMatcher() { pcre2_match_data_free(data_); }

void RegexMatcher::Reset(std::string_view subject, size_t start) {
  subject_ = subject;
  next_ = start;
  done_ = start > subject.size();
}

bool RegexMatcher::Find() {
  if (done_) return false;
  if (const auto& literal = regex_.literal()) {
    size_t at = subject_.find(*literal, next_);
    done_ = at == std::string_view::npos;
    literal_start_ = at;
    next_ = at + literal->size();
    return !done_;
  }
  int rc = pcre2_match(regex_.code(), reinterpret_cast<PCRE2_SPTR>(subject_.data()), subject_.size(), next_, 0, data_, nullptr);
  if (rc < 0) {
    done_ = true;
    return false;
  }
  size_t start = GroupStart(0), end = GroupEnd(0);
  if (end == start) {
    if (end >= subject_.size()) done_ = true;
    else next_ = end + utf8::CharBytes(subject_, end);
  } else {
    next_ = end;
  }
  return true;
}

size_t RegexMatcher::GroupStart(int g) const {
  if (regex_.literal()) return g == 0 ? literal_start_ : std::string_view::npos;
  PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data_);
  return ovector[2 * g] == PCRE2_UNSET ? std::string_view::npos : ovector[2 * g];
}

size_t RegexMatcher::GroupEnd(int g) const {
  if (regex_.literal()) return g == 0 ? literal_start_ + regex_.literal()->size() : std::string_view::npos;
  PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data_);
  return ovector[2 * g + 1] == PCRE2_UNSET ? std::string_view::npos : ovector[2 * g + 1];
}

std::string_view RegexMatcher::Group(int g) const {
  size_t start = GroupStart(g);
  if (start == std::string_view::npos) return {};
  return subject_.substr(start, GroupEnd(g) - start);
}

void RegexMatcher::AppendReplacement(std::string& out, std::string_view rep) const {
  for (size_t i = 0; i < rep.size(); ++i) {
    char c = rep[i];
    if (c == '\\' && i + 1 < rep.size()) {
      out += rep[++i];
    } else if (c == '$' && i + 1 < rep.size() && rep[i + 1] == '{') {
      size_t close = rep.find('}', i);
      if (close == std::string_view::npos) throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`rep`"}, {"functionName", "`regexp_replace`"}, {"message", "named capturing group is missing trailing '}'"}});
      std::string name(rep.substr(i + 2, close - i - 2));
      int number = pcre2_substring_number_from_name(regex_.code(), reinterpret_cast<PCRE2_SPTR>(name.c_str()));
      if (number < 0) throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`rep`"}, {"functionName", "`regexp_replace`"}, {"message", "No group with name {" + name + "}"}});
      out.append(Group(number));
      i = close;
    } else if (c == '$') {
      // Java reads the first digit, then more digits while the group number stays valid.
      if (i + 1 >= rep.size() || rep[i + 1] < '0' || rep[i + 1] > '9') {
        throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`rep`"}, {"functionName", "`regexp_replace`"}, {"message", "Illegal group reference"}});
      }
      int group = rep[++i] - '0';
      while (i + 1 < rep.size() && rep[i + 1] >= '0' && rep[i + 1] <= '9' && group * 10 + (rep[i + 1] - '0') <= regex_.group_count()) {
        group = group * 10 + (rep[++i] - '0');
      }
      if (group > regex_.group_count()) {
        throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`rep`"}, {"functionName", "`regexp_replace`"}, {"message", "No group " + std::to_string(group)}});
      }
      out.append(Group(group));
    } else {
      out += c;
    }
  }
}

RegexArg::RegexArg(const std::string& function, const std::string* literal, bool ignore_case)
    : function_(function), ignore_case_(ignore_case) {
  if (literal != nullptr) fixed_ = std::make_shared<const JavaRegex>(*literal, function, ignore_case);
}

const JavaRegex& RegexArg::Get(std::string_view pattern) {
  if (fixed_) return *fixed_;
  if (!last_ || last_->pattern() != pattern) last_ = std::make_shared<const JavaRegex>(std::string(pattern), function_, ignore_case_);
  return *last_;
}

}  // namespace ember
