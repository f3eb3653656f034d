// The CSV source's options as Spark spells them (keys are case-insensitive): "sep" (or
// "delimiter", default ","), "quote" ('"'; empty turns quoting off), "escape" ('\'), "comment"
// (off), "header" (false), "inferSchema" (false), "ignoreLeadingWhiteSpace" and
// "ignoreTrailingWhiteSpace" (false when reading, true when writing), "nullValue" (""),
// "emptyValue" (""), "nanValue" ("NaN"), "positiveInf" ("Inf"), "negativeInf" ("-Inf"),
// "dateFormat", "timestampFormat", "timestampNTZFormat", "mode" (PERMISSIVE, DROPMALFORMED,
// FAILFAST), "columnNameOfCorruptRecord" ("_corrupt_record"), and for writing "quoteAll" (false),
// "escapeQuotes" (true) and "compression" (none, gzip); "multiLine" (false) lets quoted fields
// span lines; "samplingRatio" (1.0) is the fraction of records inferSchema reads.
#pragma once

#include <string>

#include "common/options.h"

namespace ember {

enum class CsvParseMode { kPermissive, kDropMalformed, kFailFast };

struct CsvOptions {
  char separator = ',';
  char quote = '"';  // '\0': no quoting
  char escape = '\\';
  char comment = '\0';  // '\0': no comment lines
  bool header = false;
  bool infer_schema = false;
  bool ignore_leading_space = false;
  bool ignore_trailing_space = false;
  std::string null_value;
  std::string empty_value;
  std::string nan_value = "NaN";
  std::string positive_inf = "Inf";
  std::string negative_inf = "-Inf";
  std::string date_format;
  std::string timestamp_format;
  std::string timestamp_ntz_format;
  CsvParseMode mode = CsvParseMode::kPermissive;
  std::string corrupt_column = "_corrupt_record";
  bool quote_all = false;
  bool escape_quotes = true;
  bool multi_line = false;
  double sampling_ratio = 1.0;  // the fraction of records inferSchema looks at
  bool gzip_output = false;

  // `writing` picks the whitespace defaults of the writer. Throws UNSUPPORTED_FEATURE for
  // encodings other than UTF-8 and unknown codecs; INVALID_PARAMETER_VALUE-style
  // errors for a separator or quote that is not one character.
  static CsvOptions Parse(const Options& options, bool writing = false);
};

}  // namespace ember
