// Spark's data types. A DataType is immutable and shared through TypePtr; two types are equal when
// their ids and parameters match (field nullability included for structs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ember {

enum class TypeId : uint8_t {
  kNull,
  kBoolean,
  kByte,
  kShort,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kDecimal,
  kString,
  kBinary,
  kDate,          // int32 days since 1970-01-01
  kTimestamp,     // int64 microseconds since the epoch, UTC; shown in the session time zone
  kTimestampNtz,  // int64 microseconds, wall clock without a zone
  kYearMonthInterval,  // int32 months (common/interval.h)
  kDayTimeInterval,    // int64 microseconds (common/interval.h)
  kArray,
  kMap,
  kStruct,
};

struct DataType;
using TypePtr = std::shared_ptr<const DataType>;

struct StructField {
  std::string name;
  TypePtr type;
  bool nullable = true;
};

// Decimals up to this precision are stored as int64, wider ones as __int128.
constexpr int kMaxLongDecimalPrecision = 18;
constexpr int kMaxDecimalPrecision = 38;

struct DataType {
  TypeId id = TypeId::kNull;
  int precision = 0;  // decimal
  int scale = 0;      // decimal
  TypePtr element;    // array element, or map key
  TypePtr value;      // map value
  bool contains_null = true;  // array elements or map values may be null
  std::vector<StructField> fields;  // struct
  uint8_t start_field = 0;  // intervals: YearMonthField / DayTimeField
  uint8_t end_field = 0;
  // Strings: the collation's id, 0 being UTF8_BINARY (Spark's default); common/collation.h names
  // the others.
  uint16_t collation = 0;
  // A user-defined type stored as this (struct) type: its Scala class, as Spark's schema JSON
  // names it ("org.apache.spark.ml.linalg.VectorUDT"); empty for every other type.
  std::string udt;

  // Spark's simpleString: "int", "bigint", "decimal(10,2)", "array<int>", "map<string,int>",
  // "struct<a:int,b:string>". Also valid DDL.
  std::string ToString() const;
  // Spark's DataType.sql, as error messages and schema_of_json show types: "BIGINT",
  // "ARRAY<STRING>", "MAP<STRING, INT>", "STRUCT<a: INT, `b c`: STRING NOT NULL>".
  std::string Sql() const;
  // Spark's typeName as printSchema shows it: "integer", "long", "string", "decimal(10,2)", "array"...
  std::string TypeName() const;
  bool Equals(const DataType& other) const;

  bool IsNumeric() const;
  bool IsIntegral() const;  // byte, short, int, long
  bool IsFixedWidth() const;  // stored as a flat array of values
  bool IsVariableWidth() const { return id == TypeId::kString || id == TypeId::kBinary; }
  bool IsNested() const { return id == TypeId::kArray || id == TypeId::kMap || id == TypeId::kStruct; }
  bool IsInterval() const { return id == TypeId::kYearMonthInterval || id == TypeId::kDayTimeInterval; }
  bool IsWideDecimal() const { return id == TypeId::kDecimal && precision > kMaxLongDecimalPrecision; }
  // Bytes per value for fixed-width types (boolean is one byte per value).
  int ByteWidth() const;
};

bool operator==(const DataType& a, const DataType& b);
inline bool TypesEqual(const TypePtr& a, const TypePtr& b) { return a->Equals(*b); }

// Shared singletons for the simple types.
TypePtr NullType();
TypePtr BooleanType();
TypePtr ByteType();
TypePtr ShortType();
TypePtr IntType();
TypePtr LongType();
TypePtr FloatType();
TypePtr DoubleType();
TypePtr StringType();
TypePtr BinaryType();
TypePtr DateType();
TypePtr TimestampType();
TypePtr TimestampNtzType();
TypePtr DecimalType(int precision, int scale);
TypePtr ArrayType(TypePtr element, bool contains_null = true);
TypePtr MapType(TypePtr key, TypePtr value, bool value_contains_null = true);
TypePtr StructType(std::vector<StructField> fields);
// Spark ML's vector and matrix types: VectorUDT over
// struct<type:tinyint,size:int,indices:array<int>,values:array<double>> (type 0 = sparse,
// 1 = dense), MatrixUDT over struct<type:tinyint,numRows:int,numCols:int,colPtrs:array<int>,
// rowIndices:array<int>,values:array<double>,isTransposed:boolean>. Their DDL names are "vector"
// and "matrix" (Spark's simpleString); UdtPythonClass gives PySpark's class of a UDT.
TypePtr VectorUdtType();
TypePtr MatrixUdtType();
extern const char* const kVectorUdtClass;
std::string UdtPythonClass(const DataType& type);

// A relation's schema: a struct type's fields.
using Schema = std::vector<StructField>;

// Parses a type in Spark's DDL syntax ("int", "decimal(10,2)", "array<string>", "struct<a:int>",
// "map<string,bigint>"). Throws PARSE_SYNTAX_ERROR on bad input.
TypePtr ParseDataType(const std::string& text);
// Parses a schema in DDL form: "id INT, s STRING NOT NULL" or "struct<id:int,s:string>".
Schema ParseSchemaDdl(const std::string& text);
// "struct<a:int,...>" style text of a schema.
std::string SchemaToString(const Schema& schema);

}  // namespace ember
