#include "functions/csv/csv_tokenizer.h"

#include <cstring>

namespace ember {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

bool CsvTokenizer::Split(std::string_view line, std::vector<CsvField>* fields) const {
  const char sep = options_.separator;
  const char quote = options_.quote;
  const char escape = options_.escape;
  size_t count = 0;
  size_t i = 0;
  bool closed = true;
  while (true) {
    if (fields->size() <= count) fields->emplace_back();
    CsvField& field = (*fields)[count++];
    field.text.clear();
    field.quoted = false;
    if (options_.ignore_leading_space) {
      while (i < line.size() && IsSpace(line[i])) ++i;
    }
    if (quote != '\0' && i < line.size() && line[i] == quote) {
      field.quoted = true;
      ++i;
      closed = false;
      while (i < line.size()) {
        char c = line[i];
        if (c == escape && escape != quote && i + 1 < line.size() && line[i + 1] == quote) {
          field.text.push_back(quote);
          i += 2;
        } else if (c == quote && i + 1 < line.size() && line[i + 1] == quote) {
          field.text.push_back(quote);
          i += 2;
        } else if (c == quote) {
          ++i;
          closed = true;
          break;
        } else {
          field.text.push_back(c);
          ++i;
        }
      }
      // Text between the closing quote and the separator is kept, as the CSV parser Spark uses does.
      while (i < line.size() && line[i] != sep) {
        if (!IsSpace(line[i])) field.text.push_back(line[i]);
        ++i;
      }
    } else {
      size_t start = i;
      const void* next = std::memchr(line.data() + i, sep, line.size() - i);
      i = next ? static_cast<const char*>(next) - line.data() : line.size();
      size_t end = i;
      if (options_.ignore_trailing_space) {
        while (end > start && IsSpace(line[end - 1])) --end;
      }
      field.text.assign(line.substr(start, end - start));
    }
    if (i >= line.size()) break;
    ++i;  // the separator
  }
  fields->resize(count);
  return closed;
}

const std::string* CsvTokenizer::ValueOf(const CsvField& field) const {
  if (field.quoted) return field.text.empty() ? &options_.empty_value : &field.text;
  if (field.text.empty() || field.text == options_.null_value) return nullptr;
  return &field.text;
}

}  // namespace ember
