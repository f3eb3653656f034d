#include "io/csv/csv_records.h"

namespace ember {

bool CsvRecords::Next(std::vector<CsvField>* fields, std::string* record, bool* closed) {
  std::string_view line;
  do {
    if (!source_.Next(&line)) return false;
  } while (Skipped(line));
  record->assign(line);
  *closed = tokenizer_.Split(*record, fields);
  while (!*closed && options_.multi_line && source_.Next(&line)) {
    record->push_back('\n');
    record->append(line);
    *closed = tokenizer_.Split(*record, fields);
  }
  return true;
}

}  // namespace ember
