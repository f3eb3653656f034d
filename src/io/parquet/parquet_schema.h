// Mapping between Spark schemas and Parquet schemas. Writing follows what Spark writes (string as
// UTF8 BYTE_ARRAY, byte/short as annotated INT32, timestamps as INT64 microseconds, decimals as
// INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision); reading maps Parquet's physical types and
// logical/converted annotations back to Spark types as Spark's Parquet reader does. Nested
// columns (struct, standard 3-level LIST, MAP) are laid out by parquet_nested.h.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/types.h"
#include "io/parquet/parquet_metadata.h"
#include "io/parquet/parquet_nested.h"

namespace ember::parquet {

// Bytes of a FIXED_LEN_BYTE_ARRAY holding any unscaled decimal of `precision` digits.
int DecimalByteWidth(int precision);

// The key of the file metadata entry holding Spark's schema as JSON.
inline constexpr const char* kSparkSchemaKey = "org.apache.spark.sql.parquet.row.metadata";

// The schema elements (root first, then each field's elements) Spark would write for `schema`;
// `nested`, when given, gets each field's nested layout (null for a primitive field). Throws
// UNSUPPORTED_FEATURE for types Parquet cannot hold.
std::vector<SchemaElement> ToParquetSchema(const Schema& schema,
                                           std::vector<std::shared_ptr<NestedColumn>>* nested = nullptr);

// Spark's schema JSON of `schema`, as Spark stores it under kSparkSchemaKey (UDTs included).
std::string SparkSchemaJson(const Schema& schema);

// A top-level column of a Parquet file as the reader sees it.
struct FileColumn {
  std::string name;
  int leaf_index = 0;          // index of its (first) column chunk in each row group
  const SchemaElement* element = nullptr;  // the leaf (primitive columns only)
  std::shared_ptr<const NestedColumn> nested;  // the layout of a nested column
  TypePtr type;                // Spark type; nullptr when unsupported
  int max_definition_level = 0;
  int max_repetition_level = 0;  // leaves of nested columns
  std::string unsupported;     // why it cannot be read, when `type` is null
};

// The top-level columns described by a file's schema elements (which must stay alive).
std::vector<FileColumn> ReadFileColumns(const FileMetaData& metadata);

// The Spark type of a primitive leaf, or nullptr with `*why` set when Spark cannot read it.
TypePtr SparkTypeOf(const SchemaElement& element, std::string* why);

// A leaf's annotation: its logical type, or the equivalent of its legacy converted type.
LogicalType AnnotationOf(const SchemaElement& element);

// "INT32 (DATE)"-style description of a leaf's Parquet type, for error messages.
std::string DescribeParquetType(const SchemaElement& element);

}  // namespace ember::parquet
