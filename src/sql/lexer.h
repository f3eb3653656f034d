// SQL text to tokens. Keywords are not reserved here: every word is an identifier token (its upper-
// cased text lets the parser test keywords), backquoted names are quoted identifiers, and every
// token remembers its line and column for syntax error positions.
#pragma once

#include <string>
#include <vector>

namespace ember::sql {

enum class TokenKind : uint8_t {
  kWord,        // identifier or keyword
  kQuotedName,  // `backquoted`
  kString,      // 'text' or "text" with escapes processed
  kNumber,      // digits, '.', exponent and an optional type suffix (L, S, Y, D, F, BD)
  kHexBinary,   // X'0A1B' (text holds the hex digits)
  kSymbol,      // operator or punctuation
  kEnd,
};

struct Token {
  TokenKind kind;
  std::string text;   // as written, except strings (unescaped) and words (as written)
  std::string upper;  // upper-cased text of words, for keyword tests
  int line = 1;
  int column = 0;     // 0-based position in its line
};

// Throws PARSE_SYNTAX_ERROR for unterminated strings and quoted names.
std::vector<Token> Tokenize(const std::string& text);

}  // namespace ember::sql
