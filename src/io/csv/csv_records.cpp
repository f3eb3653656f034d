#include "io/csv/csv_records.h"

namespace ember {

void CsvRecords::Tokenize(std::string_view line, std::vector<CsvField>* fields, std::string* record, bool* closed) {
  record->assign(line);
  *closed = tokenizer_.Split(*record, fields);
  while (!*closed && options_.multi_line && source_.Next(&line)) {
    record->push_back('\n');
    record->append(line);
    *closed = tokenizer_.Split(*record, fields);
  }
}

}  // namespace ember
