#include "sql/lexer.h"

#include <cctype>

#include "sql/syntax_error.h"

namespace ember::sql {
namespace {

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Upper(const std::string& text) {
  std::string out = text;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class Lexer {
 public:
  explicit Lexer(const std::string& text) : text_(text) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaceAndComments(!tokens.empty() && tokens.back().upper == "SELECT");
      Token token;
      token.line = line_;
      token.column = static_cast<int>(pos_ - line_start_);
      if (pos_ >= text_.size()) {
        token.kind = TokenKind::kEnd;
        tokens.push_back(std::move(token));
        return tokens;
      }
      char c = text_[pos_];
      if ((c == 'x' || c == 'X') && Peek(1) == '\'') {
        ++pos_;
        token.kind = TokenKind::kHexBinary;
        token.text = ReadQuoted('\'', token);
      } else if (IsWordStart(c)) {
        size_t start = pos_;
        while (pos_ < text_.size() && IsWordChar(text_[pos_])) ++pos_;
        token.kind = TokenKind::kWord;
        token.text = text_.substr(start, pos_ - start);
        token.upper = Upper(token.text);
      } else if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) {
        token.kind = TokenKind::kNumber;
        token.text = ReadNumber();
      } else if (c == '\'' || c == '"') {
        token.kind = TokenKind::kString;
        token.text = ReadQuoted(c, token);
      } else if (c == '`') {
        token.kind = TokenKind::kQuotedName;
        token.text = ReadBackquoted(token);
      } else if (AtHintStart()) {
        // Hints (`SELECT /*+ BROADCAST(t) */`) are tokens; comments elsewhere are skipped.
        pos_ += 3;
        in_hint_ = true;
        token.kind = TokenKind::kSymbol;
        token.text = "/*+";
      } else if (in_hint_ && c == '*' && Peek(1) == '/') {
        pos_ += 2;
        in_hint_ = false;
        token.kind = TokenKind::kSymbol;
        token.text = "*/";
      } else {
        token.kind = TokenKind::kSymbol;
        token.text = ReadSymbol();
      }
      tokens.push_back(std::move(token));
    }
  }

 private:
  char Peek(size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }

  bool AtHintStart() const { return text_[pos_] == '/' && Peek(1) == '*' && Peek(2) == '+'; }

  // Stops at a hint when `after_select`.
  void SkipSpaceAndComments(bool after_select) {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (after_select && AtHintStart()) return;
      if (std::isspace(static_cast<unsigned char>(c))) {
        Advance();
      } else if (c == '-' && Peek(1) == '-') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '/' && Peek(1) == '*') {
        pos_ += 2;
        while (pos_ < text_.size() && !(text_[pos_] == '*' && Peek(1) == '/')) Advance();
        pos_ = std::min(pos_ + 2, text_.size());
      } else {
        return;
      }
    }
  }

  std::string ReadNumber() {
    size_t start = pos_;
    while (IsDigit(Peek(0))) ++pos_;
    if (Peek(0) == '.' && !IsWordStart(Peek(1))) {
      ++pos_;
      while (IsDigit(Peek(0))) ++pos_;
    } else if (Peek(0) == '.' && (Peek(1) == 'e' || Peek(1) == 'E')) {
      ++pos_;
    }
    if ((Peek(0) == 'e' || Peek(0) == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '-' || Peek(1) == '+') && IsDigit(Peek(2))))) {
      pos_ += 2;
      while (IsDigit(Peek(0))) ++pos_;
    }
    // Type suffixes: 10L, 10S, 10Y, 1.5D, 1.5F, 1.5BD.
    char s = static_cast<char>(std::toupper(static_cast<unsigned char>(Peek(0))));
    if (s == 'B' && std::toupper(static_cast<unsigned char>(Peek(1))) == 'D' && !IsWordChar(Peek(2))) {
      pos_ += 2;
    } else if ((s == 'L' || s == 'S' || s == 'Y' || s == 'D' || s == 'F') && !IsWordChar(Peek(1))) {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  // A string literal with Spark's backslash escapes; the opening quote is at pos_.
  std::string ReadQuoted(char quote, const Token& token) {
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) ThrowUnterminated(token);
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        return out;
      }
      if (c == '\\' && pos_ + 1 < text_.size()) {
        char e = text_[pos_ + 1];
        pos_ += 2;
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case '0': out += '\0'; break;
          case 'Z': out += '\x1a'; break;
          case '%': out += "\\%"; break;
          case '_': out += "\\_"; break;
          default: out += e; break;
        }
        continue;
      }
      out += c;
      Advance();
    }
  }

  std::string ReadBackquoted(const Token& token) {
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) ThrowUnterminated(token);
      char c = text_[pos_];
      if (c == '`') {
        if (Peek(1) == '`') {
          out += '`';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return out;
      }
      out += c;
      Advance();
    }
  }

  [[noreturn]] void ThrowUnterminated(const Token& token) {
    ThrowSyntaxError(text_, token.line, token.column, "'" + text_.substr(token.line == line_ ? line_start_ + token.column : pos_, 1) + "'");
  }

  std::string ReadSymbol() {
    static const char* kLong[] = {"<=>", "<>", "!=", "<=", ">=", "==", "=>", "||", "::", "->"};
    for (const char* symbol : kLong) {
      size_t n = std::char_traits<char>::length(symbol);
      if (text_.compare(pos_, n, symbol) == 0) {
        pos_ += n;
        return symbol;
      }
    }
    return std::string(1, text_[pos_++]);
  }

  const std::string& text_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
  bool in_hint_ = false;  // inside /*+ ... */
};

}  // namespace

std::vector<Token> Tokenize(const std::string& text) { return Lexer(text).Run(); }

}  // namespace ember::sql
