#include "plan/partition_discovery.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <map>

#include "absl/strings/ascii.h"
#include "common/error.h"
#include "common/file_system.h"
#include "expr/evaluator.h"
#include "functions/datetime/datetime_util.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

bool NeedsEscape(unsigned char c) {
  if (c < 0x20 || c == 0x7F) return true;
  switch (c) {
    case '"': case '#': case '%': case '\'': case '*': case '/': case ':': case '=': case '?':
    case '\\': case '{': case '[': case ']': case '^':
      return true;
    default:
      return false;
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// One `k=v` directory of a file's path.
struct RawColumn {
  std::string name;
  std::string raw;  // as in the path, still escaped
};

// The `k=v` directories between `file` and the longest base directory above it, read upwards
// from the file's directory: names without '=' below the first `k=v` are passed over, one above
// it ends the walk. Sets `base` to where the walk ended (the file's directory when it found none).
std::vector<RawColumn> ParseFilePartitions(const std::string& file, const std::vector<std::string>& bases,
                                           std::string* base) {
  std::string directory = file.substr(0, file.rfind('/'));
  std::string longest;
  for (const std::string& candidate : bases) {
    bool above = directory == candidate || (directory.size() > candidate.size() &&
                                            directory.compare(0, candidate.size(), candidate) == 0 &&
                                            directory[candidate.size()] == '/');
    if (above && candidate.size() >= longest.size()) longest = candidate;
  }
  std::vector<RawColumn> columns;
  std::string current = directory;
  while (current.size() > longest.size()) {
    size_t slash = current.rfind('/');
    if (slash == std::string::npos) break;
    std::string name = current.substr(slash + 1);
    size_t equals = name.find('=');
    if (equals == std::string::npos || equals == 0) {
      if (!columns.empty()) break;
    } else {
      columns.push_back({UnescapePartitionText(name.substr(0, equals)), name.substr(equals + 1)});
    }
    current = current.substr(0, slash);
  }
  std::reverse(columns.begin(), columns.end());
  *base = columns.empty() ? directory : current;
  return columns;
}

bool WholeInteger(const std::string& text, int64_t* value) {
  const char* end = text.data() + text.size();
  auto result = std::from_chars(text.data() + (!text.empty() && text[0] == '+'), end, *value);
  return result.ec == std::errc() && result.ptr == end && !text.empty();
}

// Spark's inference for one raw value: the first of int, bigint, decimal(p, 0), double,
// timestamp, date that reads the whole text; else string. Null for the default partition.
TypePtr InferValueType(const std::string& raw) {
  if (raw == kDefaultPartitionName) return NullType();
  std::string text = UnescapePartitionText(raw);
  int64_t integer = 0;
  if (WholeInteger(text, &integer)) {
    return integer >= INT32_MIN && integer <= INT32_MAX ? IntType() : LongType();
  }
  size_t digits_start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  size_t digits = text.size() - digits_start;
  if (digits > 0 && digits <= 38 &&
      std::all_of(text.begin() + static_cast<long>(digits_start), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return DecimalType(static_cast<int>(digits), 0);
  }
  if (!text.empty() && !std::isspace(static_cast<unsigned char>(text[0]))) {
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    bool hex = text.find_first_of("xX") != std::string::npos;
    if (end == text.c_str() + text.size() && !hex) return DoubleType();
  }
  // "yyyy-MM-dd HH:mm:ss[.S]" and "yyyy-MM-dd", as Spark's partition value formats.
  bool date_shape = text.size() >= 10 && text[4] == '-' && text[7] == '-';
  int64_t micros = 0;
  if (date_shape && text.size() > 10 && text[10] == ' ' && text.find(':') != std::string::npos &&
      ParseTimestamp(text, absl::UTCTimeZone(), &micros)) {
    return TimestampType();
  }
  int32_t days = 0;
  if (date_shape && text.size() == 10 && ParseDate(text, &days)) return DateType();
  return StringType();
}

int Rank(const DataType& type) {
  switch (type.id) {
    case TypeId::kInt: return 1;
    case TypeId::kLong: return 2;
    case TypeId::kDecimal: return 3;
    case TypeId::kDouble: return 4;
    default: return 0;
  }
}

// The type both values fit in: numbers widen, a date widens to a timestamp, else string.
TypePtr WiderType(const TypePtr& a, const TypePtr& b) {
  if (*a == *b || b->id == TypeId::kNull) return a;
  if (a->id == TypeId::kNull) return b;
  int ra = Rank(*a), rb = Rank(*b);
  if (ra && rb) {
    if (a->id == TypeId::kDecimal && b->id == TypeId::kDecimal) return DecimalType(std::max(a->precision, b->precision), 0);
    if (std::max(ra, rb) == 3) {
      const TypePtr& decimal = ra == 3 ? a : b;
      const TypePtr& other = ra == 3 ? b : a;
      return DecimalType(std::max(decimal->precision, other->id == TypeId::kInt ? 10 : 20), 0);
    }
    return ra > rb ? a : b;
  }
  bool dates = (a->id == TypeId::kDate || a->id == TypeId::kTimestamp) && (b->id == TypeId::kDate || b->id == TypeId::kTimestamp);
  return dates ? TimestampType() : StringType();
}

[[noreturn]] void ThrowConflictingDirectories(const std::vector<std::string>& paths) {
  std::string listing;
  for (const std::string& path : paths) listing += "\n\t" + QualifiedPath(path);
  throw SparkError("CONFLICTING_DIRECTORY_STRUCTURES", {{"discoveredBasePaths", listing + "\n"}});
}

}  // namespace

std::string EscapePartitionText(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (NeedsEscape(c)) {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string UnescapePartitionText(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = HexDigit(text[i + 1]), low = HexDigit(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string PartitionDirectoryName(const std::string& column, const std::optional<std::string>& text) {
  std::string value = text && !text->empty() ? EscapePartitionText(*text) : kDefaultPartitionName;
  return EscapePartitionText(column) + "=" + value;
}

DiscoveredPartitions DiscoverPartitions(const std::vector<std::string>& files,
                                        const std::vector<std::string>& base_directories, bool infer_types,
                                        const std::optional<Schema>& user_schema, EvalContext& eval) {
  DiscoveredPartitions result;
  std::vector<std::vector<RawColumn>> parsed(files.size());
  std::vector<std::string> bases(files.size());
  bool any = false;
  for (size_t f = 0; f < files.size(); ++f) {
    parsed[f] = ParseFilePartitions(files[f], base_directories, &bases[f]);
    any |= !parsed[f].empty();
  }
  if (!any) return result;
  // Every file with values needs the same columns below the same base directory; a file without
  // any is left out when it lies in that base directory itself (as Spark lists partitioned data).
  size_t first = 0;
  while (parsed[first].empty()) ++first;
  std::vector<std::string> names;
  for (const auto& column : parsed[first]) names.push_back(absl::AsciiStrToLower(column.name));
  for (size_t f = 0; f < files.size(); ++f) {
    if (bases[f] != bases[first]) ThrowConflictingDirectories({bases[first], bases[f]});
    if (parsed[f].empty()) continue;
    std::vector<std::string> these;
    for (const auto& column : parsed[f]) these.push_back(absl::AsciiStrToLower(column.name));
    if (these != names) {
      ThrowConflictingDirectories({files[first].substr(0, files[first].rfind('/')), files[f].substr(0, files[f].rfind('/'))});
    }
  }
  result.partitioned.resize(files.size());
  for (size_t f = 0; f < files.size(); ++f) result.partitioned[f] = !parsed[f].empty();
  for (size_t c = 0; c < names.size(); ++c) {
    const std::string& name = parsed[first][c].name;
    TypePtr type;
    if (user_schema) {
      for (const auto& field : *user_schema) {
        if (absl::AsciiStrToLower(field.name) == names[c]) type = field.type;
      }
    }
    if (!type && !infer_types) type = StringType();
    if (!type) {
      type = NullType();
      std::map<std::string, bool> seen;
      for (const auto& file_columns : parsed) {
        if (file_columns.empty()) continue;
        if (seen.emplace(file_columns[c].raw, true).second) type = WiderType(type, InferValueType(file_columns[c].raw));
      }
      if (type->id == TypeId::kNull) type = StringType();
    }
    result.schema.push_back({name, type, true});
  }
  // Values: each distinct raw text converted once, as Spark casts the unescaped text.
  std::vector<std::map<std::string, Value>> converted(names.size());
  result.values.resize(files.size());
  for (size_t f = 0; f < files.size(); ++f) {
    if (parsed[f].empty()) continue;
    for (size_t c = 0; c < names.size(); ++c) {
      const std::string& raw = parsed[f][c].raw;
      auto found = converted[c].find(raw);
      if (found == converted[c].end()) {
        const TypePtr& type = result.schema[c].type;
        Value value = Value::Null(type);
        if (raw != kDefaultPartitionName) {
          Value text = Value::String(UnescapePartitionText(raw));
          value = type->id == TypeId::kString ? text : EvaluateConstant(*CastTo(Literal(text), type), eval);
        }
        found = converted[c].emplace(raw, value).first;
      }
      result.values[f].push_back(found->second);
    }
  }
  return result;
}

}  // namespace ember
