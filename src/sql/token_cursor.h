// A position in a statement's tokens with the tests both SQL parsers (queries, other statements)
// use to read them: keyword and symbol checks, and PARSE_SYNTAX_ERROR at the current token.
#pragma once

#include <string>
#include <vector>

#include "sql/lexer.h"

namespace ember::sql {

class TokenCursor {
 public:
  explicit TokenCursor(const std::string& text) : text_(text), tokens_(Tokenize(text)) {}

  const std::string& text() const { return text_; }
  size_t position() const { return pos_; }
  void set_position(size_t pos) { pos_ = pos; }

  const Token& Peek(size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  bool IsWord(const char* word, size_t ahead = 0) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kWord && token.upper == word;
  }
  bool IsSymbol(const char* symbol, size_t ahead = 0) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kSymbol && token.text == symbol;
  }
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  bool AcceptWord(const char* word) {
    if (!IsWord(word)) return false;
    ++pos_;
    return true;
  }
  bool Accept(const char* symbol) {
    if (!IsSymbol(symbol)) return false;
    ++pos_;
    return true;
  }
  void ExpectWord(const char* word) {
    if (!AcceptWord(word)) Fail();
  }
  void Expect(const char* symbol) {
    if (!Accept(symbol)) Fail();
  }
  void ExpectEnd() {
    if (!AtEnd()) Fail();
  }
  // PARSE_SYNTAX_ERROR at the current token.
  [[noreturn]] void Fail() const;

 protected:
  const std::string& text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace ember::sql
