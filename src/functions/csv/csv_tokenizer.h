// Splits one CSV line into its fields: fields are separated by the separator; a field that starts
// with the quote character runs to the closing quote, with escape+quote or a doubled quote standing
// for a quote inside it; leading/trailing white space is dropped where the options say so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "functions/csv/csv_options.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ember {

struct CsvField {
  std::string text;
  bool quoted = false;
};

class CsvTokenizer {
 public:
  explicit CsvTokenizer(const CsvOptions& options) : options_(options) {}

  // The fields of `line` (reusing `fields`' storage); false when a quoted field is not closed.
  bool Split(std::string_view line, std::vector<CsvField>* fields) const;
  // Split's fields without copies for lines that need no unquoting or trimming: views into `line`
  // of its first `max_fields` fields (all when fewer). False, leaving `fields` unspecified, when
  // one of them starts with the quote character or the options trim white space: such lines
  // need Split.
  bool SplitPlain(std::string_view line, size_t max_fields, std::vector<std::string_view>* fields) const {
    fields->clear();
    return ForEachPlainField(line, max_fields, [fields](size_t, std::string_view field) { fields->push_back(field); });
  }
  // SplitPlain's fields handed to `visit(index, field)` as they are found; false at the first
  // quoted field (the fields before it have been visited).
  template <typename Visit>
  bool ForEachPlainField(std::string_view line, size_t max_fields, Visit&& visit) const;
  // The value of a field SplitPlain gave: false for null (empty or the null value).
  bool IsPlainValue(std::string_view field) const { return !field.empty() && field != options_.null_value; }
  // The field's value: null for an empty unquoted field or the null value, the empty value for
  // an empty quoted field.
  const std::string* ValueOf(const CsvField& field) const;

 private:
  const CsvOptions& options_;
};

template <typename Visit>
bool CsvTokenizer::ForEachPlainField(std::string_view line, size_t max_fields, Visit&& visit) const {
  if (options_.ignore_leading_space || options_.ignore_trailing_space || max_fields == 0) return max_fields == 0;
  const char* data = line.data();
  const size_t size = line.size();
  const char sep = options_.separator;
  const char quote = options_.quote;
  size_t start = 0;
  size_t count = 0;
  size_t i = 0;
#ifdef __SSE2__
  // Separators found sixteen bytes at a time.
  const __m128i separators = _mm_set1_epi8(sep);
  for (; i + 16 <= size; i += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, separators)));
    while (mask != 0) {
      size_t end = i + __builtin_ctz(mask);
      if (quote != '\0' && start < end && data[start] == quote) return false;
      visit(count, std::string_view(data + start, end - start));
      if (++count == max_fields) return true;
      start = end + 1;
      mask &= mask - 1;
    }
  }
#endif
  for (; i < size; ++i) {
    if (data[i] != sep) continue;
    if (quote != '\0' && start < i && data[start] == quote) return false;
    visit(count, std::string_view(data + start, i - start));
    if (++count == max_fields) return true;
    start = i + 1;
  }
  if (quote != '\0' && start < size && data[start] == quote) return false;
  visit(count, std::string_view(data + start, size - start));
  return true;
}

}  // namespace ember
