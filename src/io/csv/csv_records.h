// The records of a CSV split, split into fields: one per line, skipping empty lines and comment
// lines; with multiLine a record whose quoted field is still open at the end of a line goes on
// over the next lines (such files are read whole, one split each).
#pragma once

#include <string>
#include <vector>

#include "functions/csv/csv_tokenizer.h"
#include "io/line_source.h"

namespace ember {

class CsvRecords {
 public:
  CsvRecords(const FileSplit& split, const CsvOptions& options)
      : source_(split), options_(options), tokenizer_(options) {}

  // The next record's fields and text; false after the last. `*closed` is false when the record
  // ends inside a quoted field (a malformed record).
  bool Next(std::vector<CsvField>* fields, std::string* record, bool* closed) {
    std::string_view line;
    if (!NextLine(&line)) return false;
    Tokenize(line, fields, record, closed);
    return true;
  }

  // Next in two steps, so that a caller can take the line's fields with SplitPlain when it can:
  // the next record's first line (valid until the next call), then its fields and text as Next
  // gives them.
  bool NextLine(std::string_view* line) {
    do {
      if (!source_.Next(line)) return false;
    } while (Skipped(*line));
    return true;
  }
  void Tokenize(std::string_view line, std::vector<CsvField>* fields, std::string* record, bool* closed);

  const CsvTokenizer& tokenizer() const { return tokenizer_; }

 private:
  bool Skipped(std::string_view line) const {
    return line.empty() || (options_.comment != '\0' && line[0] == options_.comment);
  }

  LineSource source_;
  const CsvOptions& options_;
  CsvTokenizer tokenizer_;
};

}  // namespace ember
