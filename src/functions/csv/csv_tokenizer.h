// Splits one CSV line into its fields: fields are separated by the separator; a field that starts
// with the quote character runs to the closing quote, with escape+quote or a doubled quote standing
// for a quote inside it; leading/trailing white space is dropped where the options say so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "functions/csv/csv_options.h"

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
  // The field's value: null for an empty unquoted field or the null value, the empty value for
  // an empty quoted field.
  const std::string* ValueOf(const CsvField& field) const;

 private:
  const CsvOptions& options_;
};

}  // namespace ember
