// sentences(str[, lang[, country]]): the text split into sentences, each an array of its words,
// as Spark's BreakIterator-based split gives them for plain text: a sentence ends at ! or ?, at a
// . followed by white space and a character that is not a lower-case letter, and at a line break;
// a word is a run of letters and digits (non-ASCII characters count as letters), keeping an
// apostrophe between letters and a . or , between digits; punctuation is dropped. The language
// and country are accepted and not used.
#include "functions/executor.h"

namespace ember {
namespace {

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c >= 0x80; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The words of one sentence.
void AppendWords(std::string_view sentence, VectorBuilder& words) {
  size_t i = 0;
  while (i < sentence.size()) {
    if (!IsWordChar(sentence[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < sentence.size()) {
      char c = sentence[i];
      bool inner = i + 1 < sentence.size() && i > start &&
                   ((c == '\'' && std::isalpha(static_cast<unsigned char>(sentence[i - 1])) &&
                     std::isalpha(static_cast<unsigned char>(sentence[i + 1]))) ||
                    ((c == '.' || c == ',') && IsDigit(sentence[i - 1]) && IsDigit(sentence[i + 1])));
      if (!IsWordChar(c) && !inner) break;
      ++i;
    }
    words.AppendString(sentence.substr(start, i - start));
  }
}

// Where the sentence starting at `start` ends (one past its last character).
size_t SentenceEnd(std::string_view text, size_t start) {
  for (size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r') return i + 1;
    if (c != '.' && c != '!' && c != '?') continue;
    size_t after = i + 1;
    while (after < text.size() && (text[after] == '.' || text[after] == '!' || text[after] == '?')) ++after;
    if (after >= text.size()) return text.size();
    if (text[after] != ' ' && text[after] != '\t' && text[after] != '\n') continue;
    size_t next = after;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\t')) ++next;
    bool lower_follows = next < text.size() && std::islower(static_cast<unsigned char>(text[next]));
    if (c != '.' || !lower_follows) return next;
    i = after - 1;
  }
  return text.size();
}

VectorPtr Sentences(const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
  TypePtr type = ArrayType(ArrayType(StringType(), true), true);
  VectorBuilder out(type, rows);
  for (int64_t row = 0; row < rows; ++row) {
    if (a[0]->IsNull(row)) {
      out.AppendNull();
      continue;
    }
    std::string_view text = a[0]->GetString(row);
    VectorBuilder& sentences = out.Child(0);
    for (size_t start = 0; start < text.size();) {
      size_t end = SentenceEnd(text, start);
      VectorBuilder& words = sentences.Child(0);
      int64_t before = words.length();
      AppendWords(text.substr(start, end - start), words);
      if (words.length() > before) sentences.FinishNested();
      start = end;
    }
    out.FinishNested();
  }
  return out.Finish();
}

BoundScalar BindSentences(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("sentences", args, 1, 3);
  for (size_t i = 0; i < args.size(); ++i) {
    TypeId id = args[i].type->id;
    if (id != TypeId::kString && id != TypeId::kNull) ThrowUnexpectedType("sentences", i, "\"STRING\"", *args[i].type);
  }
  BoundScalar bound = FixedBinding(std::vector<TypePtr>(args.size(), StringType()), ArrayType(ArrayType(StringType(), true), true), nullptr);
  bound.kernel = Sentences;
  return bound;
}

}  // namespace

void RegisterSentencesFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("sentences", "sentences(str[, lang[, country]]): the sentences of str, each as an array of its words.",
                          BindSentences, {{"sentences('One two. Three!')", "[[One, two], [Three]]"}}));
}

}  // namespace ember
