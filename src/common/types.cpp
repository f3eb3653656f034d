#include "common/types.h"

#include <cctype>

#include "common/error.h"
#include "common/calendar_interval.h"
#include "common/collation.h"
#include "common/ddl_char_varchar.h"
#include "common/interval.h"
#include "common/variant.h"

namespace ember {
namespace {

TypePtr Simple(TypeId id) { return std::make_shared<DataType>(DataType{.id = id}); }

}  // namespace

#define EMBER_SIMPLE_TYPE(fn, id)          \
  TypePtr fn() {                           \
    static const TypePtr type = Simple(id); \
    return type;                           \
  }
EMBER_SIMPLE_TYPE(NullType, TypeId::kNull)
EMBER_SIMPLE_TYPE(BooleanType, TypeId::kBoolean)
EMBER_SIMPLE_TYPE(ByteType, TypeId::kByte)
EMBER_SIMPLE_TYPE(ShortType, TypeId::kShort)
EMBER_SIMPLE_TYPE(IntType, TypeId::kInt)
EMBER_SIMPLE_TYPE(LongType, TypeId::kLong)
EMBER_SIMPLE_TYPE(FloatType, TypeId::kFloat)
EMBER_SIMPLE_TYPE(DoubleType, TypeId::kDouble)
EMBER_SIMPLE_TYPE(StringType, TypeId::kString)
EMBER_SIMPLE_TYPE(BinaryType, TypeId::kBinary)
EMBER_SIMPLE_TYPE(DateType, TypeId::kDate)
EMBER_SIMPLE_TYPE(TimestampType, TypeId::kTimestamp)
EMBER_SIMPLE_TYPE(TimestampNtzType, TypeId::kTimestampNtz)
#undef EMBER_SIMPLE_TYPE

TypePtr DecimalType(int precision, int scale) {
  return std::make_shared<DataType>(
      DataType{.id = TypeId::kDecimal, .precision = precision, .scale = scale});
}

TypePtr ArrayType(TypePtr element, bool contains_null) {
  return std::make_shared<DataType>(
      DataType{.id = TypeId::kArray, .element = std::move(element), .contains_null = contains_null});
}

TypePtr MapType(TypePtr key, TypePtr value, bool value_contains_null) {
  return std::make_shared<DataType>(DataType{.id = TypeId::kMap,
                                             .element = std::move(key),
                                             .value = std::move(value),
                                             .contains_null = value_contains_null});
}

TypePtr StructType(std::vector<StructField> fields) {
  return std::make_shared<DataType>(DataType{.id = TypeId::kStruct, .fields = std::move(fields)});
}

const char* const kVectorUdtClass = "org.apache.spark.ml.linalg.VectorUDT";
constexpr const char* kMatrixUdtClass = "org.apache.spark.ml.linalg.MatrixUDT";

namespace {

TypePtr UserDefined(std::string udt_class, std::vector<StructField> fields) {
  return std::make_shared<DataType>(
      DataType{.id = TypeId::kStruct, .fields = std::move(fields), .udt = std::move(udt_class)});
}

}  // namespace

TypePtr VectorUdtType() {
  static const TypePtr type =
      UserDefined(kVectorUdtClass, {{"type", ByteType(), false},
                                    {"size", IntType(), true},
                                    {"indices", ArrayType(IntType(), false), true},
                                    {"values", ArrayType(DoubleType(), false), true}});
  return type;
}

TypePtr MatrixUdtType() {
  static const TypePtr type =
      UserDefined(kMatrixUdtClass, {{"type", ByteType(), false},
                                    {"numRows", IntType(), false},
                                    {"numCols", IntType(), false},
                                    {"colPtrs", ArrayType(IntType(), false), true},
                                    {"rowIndices", ArrayType(IntType(), false), true},
                                    {"values", ArrayType(DoubleType(), false), true},
                                    {"isTransposed", BooleanType(), false}});
  return type;
}

std::string UdtPythonClass(const DataType& type) {
  if (type.udt == kVectorUdtClass) return "pyspark.ml.linalg.VectorUDT";
  if (type.udt == kMatrixUdtClass) return "pyspark.ml.linalg.MatrixUDT";
  return "";
}

std::string DataType::ToString() const {
  if (udt == kVectorUdtClass) return "vector";
  if (udt == kMatrixUdtClass) return "matrix";
  if (udt == kCalendarIntervalClass) return "interval";
  if (udt == kVariantClass) return "variant";
  switch (id) {
    case TypeId::kNull: return "void";
    case TypeId::kBoolean: return "boolean";
    case TypeId::kByte: return "tinyint";
    case TypeId::kShort: return "smallint";
    case TypeId::kInt: return "int";
    case TypeId::kLong: return "bigint";
    case TypeId::kFloat: return "float";
    case TypeId::kDouble: return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
    case TypeId::kString: return collation == 0 ? "string" : "string collate " + CollationName(collation);
    case TypeId::kBinary: return "binary";
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kTimestampNtz: return "timestamp_ntz";
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval: return IntervalTypeString(*this);
    case TypeId::kArray: return "array<" + element->ToString() + ">";
    case TypeId::kMap: return "map<" + element->ToString() + "," + value->ToString() + ">";
    case TypeId::kStruct: {
      std::string out = "struct<";
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ",";
        out += fields[i].name + ":" + fields[i].type->ToString();
      }
      return out + ">";
    }
  }
  return "unknown";
}

std::string DataType::Sql() const {
  if (udt == kCalendarIntervalClass) return "INTERVAL";
  if (udt == kVariantClass) return "VARIANT";
  switch (id) {
    case TypeId::kString: return collation == 0 ? "STRING" : "STRING COLLATE " + CollationName(collation);
    case TypeId::kArray: return "ARRAY<" + element->Sql() + ">";
    case TypeId::kMap: return "MAP<" + element->Sql() + ", " + value->Sql() + ">";
    case TypeId::kStruct: {
      std::string text = "STRUCT<";
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) text += ", ";
        text += QuoteIdentifierIfNeeded(fields[i].name) + ": " + fields[i].type->Sql();
        if (!fields[i].nullable) text += " NOT NULL";
      }
      return text + ">";
    }
    default: {
      std::string text = ToString();
      for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return text;
    }
  }
}

std::string DataType::TypeName() const {
  if (!udt.empty()) return ToString();
  switch (id) {
    case TypeId::kNull: return "void";
    case TypeId::kByte: return "byte";
    case TypeId::kShort: return "short";
    case TypeId::kInt: return "integer";
    case TypeId::kLong: return "long";
    case TypeId::kArray: return "array";
    case TypeId::kMap: return "map";
    case TypeId::kStruct: return "struct";
    default: return ToString();
  }
}

bool DataType::Equals(const DataType& other) const {
  if (id != other.id || udt != other.udt) return false;
  switch (id) {
    case TypeId::kDecimal: return precision == other.precision && scale == other.scale;
    case TypeId::kString: return collation == other.collation;
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval: return start_field == other.start_field && end_field == other.end_field;
    case TypeId::kArray:
      return contains_null == other.contains_null && element->Equals(*other.element);
    case TypeId::kMap:
      return contains_null == other.contains_null && element->Equals(*other.element) &&
             value->Equals(*other.value);
    case TypeId::kStruct:
      if (fields.size() != other.fields.size()) return false;
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name != other.fields[i].name || fields[i].nullable != other.fields[i].nullable ||
            !fields[i].type->Equals(*other.fields[i].type))
          return false;
      }
      return true;
    default: return true;
  }
}

bool operator==(const DataType& a, const DataType& b) { return a.Equals(b); }

bool DataType::IsIntegral() const {
  return id == TypeId::kByte || id == TypeId::kShort || id == TypeId::kInt || id == TypeId::kLong;
}

bool DataType::IsNumeric() const {
  return IsIntegral() || id == TypeId::kFloat || id == TypeId::kDouble || id == TypeId::kDecimal;
}

bool DataType::IsFixedWidth() const { return ByteWidth() > 0; }

int DataType::ByteWidth() const {
  switch (id) {
    case TypeId::kBoolean:
    case TypeId::kByte: return 1;
    case TypeId::kShort: return 2;
    case TypeId::kInt:
    case TypeId::kFloat:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval: return 4;
    case TypeId::kLong:
    case TypeId::kDouble:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval: return 8;
    case TypeId::kDecimal: return precision > kMaxLongDecimalPrecision ? 16 : 8;
    default: return 0;
  }
}

// ---- DDL parsing -------------------------------------------------------------------------------

namespace {

class DdlParser {
 public:
  explicit DdlParser(const std::string& text) : text_(text) {}

  TypePtr ParseType() {
    std::string word = Lower(Word());
    if (word == "boolean") return BooleanType();
    if (word == "tinyint" || word == "byte") return ByteType();
    if (word == "smallint" || word == "short") return ShortType();
    if (word == "int" || word == "integer") return IntType();
    if (word == "bigint" || word == "long") return LongType();
    if (word == "float" || word == "real") return FloatType();
    if (word == "double") return DoubleType();
    if (word == "string") return CollateClause();
    if (word == "varchar" || word == "char") {
      named_char_varchar_ = true;
      if (Accept('(')) {
        Number();
        Expect(')');
      }
      return StringType();
    }
    if (word == "binary") return BinaryType();
    if (word == "date") return DateType();
    if (word == "timestamp" || word == "timestamp_ltz") return TimestampType();
    if (word == "timestamp_ntz") return TimestampNtzType();
    if (word == "void") return NullType();
    if (word == "vector") return VectorUdtType();
    if (word == "matrix") return MatrixUdtType();
    if (word == "variant") return VariantType();
    if (word == "interval") return IntervalFields();
    if (word == "decimal" || word == "dec" || word == "numeric") {
      int precision = 10, scale = 0;
      if (Accept('(')) {
        precision = Number();
        if (Accept(',')) scale = Number();
        Expect(')');
      }
      if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision)
        Fail("decimal(" + std::to_string(precision) + "," + std::to_string(scale) + ")");
      return DecimalType(precision, scale);
    }
    if (word == "array") {
      Expect('<');
      TypePtr element = ParseType();
      Expect('>');
      return ArrayType(element);
    }
    if (word == "map") {
      Expect('<');
      TypePtr key = ParseType();
      Expect(',');
      TypePtr value = ParseType();
      Expect('>');
      return MapType(key, value);
    }
    if (word == "struct") {
      Expect('<');
      std::vector<StructField> fields;
      if (!Accept('>')) {
        do {
          std::string name = Name();
          Accept(':');
          fields.push_back(StructField{name, ParseType(), NotNull()});
        } while (Accept(','));
        Expect('>');
      }
      return StructType(std::move(fields));
    }
    Fail(word.empty() ? Rest() : word);
    return nullptr;
  }

  // After STRING: an optional COLLATE name.
  TypePtr CollateClause() {
    SkipSpace();
    size_t save = pos_;
    if (Lower(Word()) != "collate") {
      pos_ = save;
      return StringType();
    }
    std::string name = Name();
    while (pos_ < text_.size() && text_[pos_] == '.') {  // SYSTEM.BUILTIN.name
      ++pos_;
      name += "." + Name();
    }
    return CollatedStringType(CollationIdOf(name));
  }

  // After INTERVAL: a field, optionally TO a later field of the same kind; without a field, the
  // calendar interval type.
  TypePtr IntervalFields() {
    SkipSpace();
    size_t before = pos_;
    std::string start = Lower(Word());
    std::optional<uint8_t> ym_start = IntervalFieldOf(TypeId::kYearMonthInterval, start);
    std::optional<uint8_t> dt_start = IntervalFieldOf(TypeId::kDayTimeInterval, start);
    if (!ym_start && !dt_start) {
      pos_ = before;
      return CalendarIntervalType();
    }
    TypeId kind = ym_start ? TypeId::kYearMonthInterval : TypeId::kDayTimeInterval;
    uint8_t first = ym_start ? *ym_start : *dt_start;
    uint8_t last = first;
    SkipSpace();
    size_t save = pos_;
    if (Lower(Word()) == "to") {
      std::string end = Lower(Word());
      std::optional<uint8_t> field = IntervalFieldOf(kind, end);
      if (!field || *field < first) Fail(end.empty() ? Rest() : end);
      last = *field;
    } else {
      pos_ = save;
    }
    return kind == TypeId::kYearMonthInterval ? YearMonthIntervalType(first, last)
                                              : DayTimeIntervalType(first, last);
  }

  Schema ParseSchema() {
    SkipSpace();
    size_t save = pos_;
    std::string first = Lower(Word());
    if (first == "struct" && (SkipSpace(), Peek() == '<')) {
      pos_ = save;
      TypePtr type = ParseType();
      ExpectEnd();
      return type->fields;
    }
    pos_ = save;
    Schema schema;
    if (AtEnd()) return schema;
    do {
      std::string name = Name();
      Accept(':');
      TypePtr type = ParseType();
      bool nullable = NotNull();
      SkipComment();
      schema.push_back(StructField{name, type, nullable});
    } while (Accept(','));
    ExpectEnd();
    return schema;
  }

  void ExpectEnd() {
    SkipSpace();
    if (!AtEnd()) Fail(Rest());
  }
  bool named_char_varchar() const { return named_char_varchar_; }

 private:
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  std::string Rest() const { return text_.substr(pos_, 20); }
  std::string Word() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string Name() {
    SkipSpace();
    if (Peek() == '`') {
      std::string name;
      ++pos_;
      while (!AtEnd()) {
        if (text_[pos_] == '`') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '`') {
            name += '`';
            pos_ += 2;
            continue;
          }
          ++pos_;
          return name;
        }
        name += text_[pos_++];
      }
      Fail("`" + name);
    }
    std::string name = Word();
    if (name.empty()) Fail(AtEnd() ? "end of input" : Rest());
    return name;
  }
  int Number() {
    std::string digits = Word();
    if (digits.empty() || !std::isdigit(static_cast<unsigned char>(digits[0]))) Fail(digits);
    return std::stoi(digits);
  }
  bool Accept(char c) {
    SkipSpace();
    if (Peek() == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Accept(c)) Fail(AtEnd() ? "end of input" : Rest());
  }
  // Consumes an optional NOT NULL; returns the field's nullability.
  bool NotNull() {
    SkipSpace();
    size_t save = pos_;
    if (Lower(Word()) == "not" && Lower(Word()) == "null") return false;
    pos_ = save;
    return true;
  }
  void SkipComment() {
    SkipSpace();
    size_t save = pos_;
    if (Lower(Word()) == "comment") {
      SkipSpace();
      char quote = Peek();
      if (quote == '\'' || quote == '"') {
        size_t end = text_.find(quote, pos_ + 1);
        if (end != std::string::npos) {
          pos_ = end + 1;
          return;
        }
      }
    }
    pos_ = save;
  }
  [[noreturn]] void Fail(const std::string& near) {
    throw SparkError("PARSE_SYNTAX_ERROR", {{"error", "'" + near + "'"}, {"hint", ""}});
  }

  const std::string& text_;
  size_t pos_ = 0;
  bool named_char_varchar_ = false;
};

}  // namespace

TypePtr ParseDataType(const std::string& text) {
  DdlParser parser(text);
  TypePtr type = parser.ParseType();
  parser.ExpectEnd();
  return type;
}

Schema ParseSchemaDdl(const std::string& text) { return DdlParser(text).ParseSchema(); }

bool DdlNamesCharVarchar(const std::string& text) {
  DdlParser schema(text);
  try {
    schema.ParseSchema();
    return schema.named_char_varchar();
  } catch (const SparkError&) {
  }
  DdlParser type(text);
  try {
    type.ParseType();
    type.ExpectEnd();
  } catch (const SparkError&) {
    return false;
  }
  return type.named_char_varchar();
}

std::string SchemaToString(const Schema& schema) { return StructType(schema)->ToString(); }

}  // namespace ember
