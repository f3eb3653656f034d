// Runs the data-driven SQL test files (format: /work/shared/EXAMPLES.md §6). Records:
//   statement ok | statement error <ERROR_CLASS> [message substring]   followed by one SQL statement
//   query <type codes> [rowsort]   SQL, "----", expected rows (columns separated by tabs)
//   schema                         SQL, "----", one "name<TAB>type" line per result column
// Records end at a blank line. `SET key = value` statements set the session configuration. Type
// codes: I integral, R float/double/decimal, T string/binary, B boolean, D date/timestamp, ? other.
// Cells: NULL for nulls, (empty) for empty strings. Every SQL text runs as spark.sql runs it
// (Session::Sql for statements, a `sql` plan for queries), so DDL and DML records work too. Each
// file gets its own session and its own empty warehouse directory; `view <name>` records define a
// temporary view by a query, and `restart` starts a new session on the same warehouse.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdlib.h>

#include "common/calendar_interval.h"
#include "common/error.h"
#include "common/value.h"
#include "common/variant.h"
#include "functions/variant/variant_codec.h"
#include "runtime/session.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string SqlPlan(const std::string& sql) { return "{\"op\":\"sql\",\"text\":" + JsonString(sql) + "}"; }

std::string DateText(int64_t days) {
  // Days since 1970-01-01 to the proleptic Gregorian civil date.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buffer;
}

std::string CellText(const Value& value) {
  if (value.is_null) return "NULL";
  if (IsCalendarInterval(*value.type)) {
    return CalendarIntervalToString({static_cast<int32_t>(value.children[0].i64), static_cast<int32_t>(value.children[1].i64),
                                     value.children[2].i64});
  }
  if (IsVariant(*value.type)) {
    std::string json;  // as show() prints variants
    AppendVariantJson(VariantView(value.children[0].str, value.children[1].str), absl::UTCTimeZone(), &json);
    return json;
  }
  switch (value.type->id) {
    case TypeId::kBoolean:
      return value.i64 ? "true" : "false";
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return std::to_string(value.i64);
    case TypeId::kDate:
      return DateText(value.i64);
    case TypeId::kFloat:
    case TypeId::kDouble: {
      if (std::isnan(value.f64)) return "NaN";
      if (std::isinf(value.f64)) return value.f64 > 0 ? "Infinity" : "-Infinity";
      char buffer[64];
      auto end = value.type->id == TypeId::kFloat
                     ? std::to_chars(buffer, buffer + sizeof(buffer), static_cast<float>(value.f64)).ptr
                     : std::to_chars(buffer, buffer + sizeof(buffer), value.f64).ptr;
      std::string text(buffer, end);
      if (text.find_first_of(".e") == std::string::npos) text += ".0";
      return text;
    }
    case TypeId::kDecimal:
      return DecimalToString(value.DecimalUnscaled(), value.type->scale);
    case TypeId::kString:
      return value.str.empty() ? "(empty)" : value.str;
    case TypeId::kMap: {
      // As show() prints maps: {k1 -> v1, k2 -> v2} (children hold the keys, then the values).
      size_t n = value.children.size() / 2;
      std::string text = "{";
      for (size_t i = 0; i < n; ++i) {
        text += (i ? ", " : "") + CellText(value.children[i]) + " -> " + CellText(value.children[n + i]);
      }
      return text + "}";
    }
    default: {
      // Arrays as [a, b], structs as {a, b}, as show() prints them (an empty string as (empty)).
      bool is_struct = value.type->id == TypeId::kStruct;
      std::string text = is_struct ? "{" : "[";
      for (size_t i = 0; i < value.children.size(); ++i) text += (i ? ", " : "") + CellText(value.children[i]);
      return text + (is_struct ? "}" : "]");
    }
  }
}

char TypeCode(const DataType& type) {
  if (type.IsIntegral()) return 'I';
  switch (type.id) {
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      return 'R';
    case TypeId::kString:
    case TypeId::kBinary:
      return 'T';
    case TypeId::kBoolean:
      return 'B';
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return 'D';
    default:
      return '?';
  }
}

struct Record {
  int line = 0;
  std::vector<std::string> header;  // words of the first line
  std::string sql;
  std::vector<std::string> expected;
};

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::vector<Record> ReadRecords(const fs::path& path) {
  std::ifstream in(path);
  std::vector<Record> records;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    Record record;
    record.line = number;
    record.header = Words(line);
    bool in_results = false;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty()) break;
      if (line == "----") {
        in_results = true;
      } else if (in_results) {
        record.expected.push_back(line);
      } else {
        record.sql += (record.sql.empty() ? "" : "\n") + line;
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

class SqlFileTest : public ::testing::TestWithParam<std::string> {};

// What spark.sql(sql).collect() returns.
QueryResult RunSql(Session& session, const std::string& sql) {
  std::optional<QueryResult> result = session.Sql(sql);
  return result ? *result : session.Collect(SqlPlan(sql));
}

// A fresh directory under the system's temporary directory, removed with the object.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (fs::temp_directory_path() / "ember_sql_test_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDirectory() {
    std::error_code error;
    fs::remove_all(path_, error);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::unique_ptr<Session> NewSession(const std::string& warehouse) {
  Config config;
  config.Set("spark.sql.session.timeZone", "UTC");
  config.Set("spark.sql.warehouse.dir", warehouse);
  return std::make_unique<Session>("local[2]", std::move(config));
}

TEST_P(SqlFileTest, Records) {
  fs::path path = fs::path(EMBER_SQL_TEST_DIR) / GetParam();
  TempDirectory warehouse;
  std::unique_ptr<Session> current = NewSession(warehouse.path() + "/warehouse");
  for (const Record& record : ReadRecords(path)) {
    Session& session = *current;
    SCOPED_TRACE(GetParam() + ":" + std::to_string(record.line) + "\n" + record.sql);
    const std::string& kind = record.header[0];
    if (kind == "statement" && record.header.size() >= 2 && record.header[1] == "ok") {
      RunSql(session, record.sql);
    } else if (kind == "restart") {
      current = NewSession(warehouse.path() + "/warehouse");
    } else if (kind == "statement" && record.header.size() >= 3 && record.header[1] == "error") {
      std::string substring;
      for (size_t i = 3; i < record.header.size(); ++i) substring += (i > 3 ? " " : "") + record.header[i];
      try {
        RunSql(session, record.sql);
        ADD_FAILURE() << "expected error " << record.header[2];
      } catch (const SparkError& error) {
        EXPECT_EQ(error.error_class(), record.header[2]) << error.what();
        EXPECT_NE(std::string(error.what()).find(substring), std::string::npos) << error.what();
      }
    } else if (kind == "view" && record.header.size() == 2) {
      session.CreateTempView(record.header[1], SqlPlan(record.sql), true);
    } else if (kind == "schema") {
      Schema schema = session.AnalyzeSchema(SqlPlan(record.sql));
      std::vector<std::string> actual;
      for (const auto& field : schema) actual.push_back(field.name + "\t" + field.type->ToString());
      EXPECT_EQ(actual, record.expected);
    } else if (kind == "query" && record.header.size() >= 2) {
      QueryResult result;
      try {
        result = RunSql(session, record.sql);
      } catch (const SparkError& error) {
        ADD_FAILURE() << error.what();
        continue;
      }
      std::string codes;
      for (const auto& field : result.schema) codes += TypeCode(*field.type);
      EXPECT_EQ(codes, record.header[1]);
      std::vector<std::string> rows;
      for (const auto& batch : result.batches) {
        for (int64_t r = 0; r < batch.num_rows; ++r) {
          std::string row;
          for (size_t c = 0; c < batch.columns.size(); ++c) {
            row += (c ? "\t" : "") + CellText(GetValue(*batch.columns[c], r));
          }
          rows.push_back(row);
        }
      }
      std::vector<std::string> expected = record.expected;
      if (record.header.size() >= 3 && record.header[2] == "rowsort") {
        std::sort(rows.begin(), rows.end());
        std::sort(expected.begin(), expected.end());
      }
      EXPECT_EQ(rows, expected);
    } else {
      ADD_FAILURE() << "unknown record " << record.header[0];
    }
  }
}

std::vector<std::string> TestFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(EMBER_SQL_TEST_DIR)) {
    if (entry.path().extension() == ".test") {
      files.push_back(fs::relative(entry.path(), EMBER_SQL_TEST_DIR).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - 5);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, SqlFileTest, ::testing::ValuesIn(TestFiles()), TestName);

}  // namespace
}  // namespace ember
