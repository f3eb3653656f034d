#include "io/parquet/parquet_schema.h"

#include <cstdio>
#include <map>
#include <string_view>

#include "simdjson.h"

#include "common/error.h"
#include "common/variant.h"

namespace ember::parquet {
namespace {

SchemaElement Leaf(const StructField& field, PhysicalType type) {
  SchemaElement element;
  element.name = field.name;
  element.type = type;
  element.repetition_type = field.nullable ? kOptional : kRequired;
  return element;
}

LogicalType IntegerLogical(int bits, bool is_signed) {
  LogicalType logical;
  logical.kind = LogicalType::kInteger;
  logical.bit_width = static_cast<int8_t>(bits);
  logical.is_signed = is_signed;
  return logical;
}

LogicalType TimestampLogical(bool utc) {
  LogicalType logical;
  logical.kind = LogicalType::kTimestamp;
  logical.adjusted_to_utc = utc;
  logical.unit = TimeUnit::kMicros;
  return logical;
}

const char* PhysicalName(int32_t type) {
  switch (type) {
    case kBoolean: return "BOOLEAN";
    case kInt32: return "INT32";
    case kInt64: return "INT64";
    case kInt96: return "INT96";
    case kFloat: return "FLOAT";
    case kDouble: return "DOUBLE";
    case kByteArray: return "BINARY";
    case kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
    default: return "UNKNOWN";
  }
}

}  // namespace

LogicalType AnnotationOf(const SchemaElement& element) {
  if (element.logical_type && element.logical_type->kind != LogicalType::kNone) return *element.logical_type;
  LogicalType logical;
  if (!element.converted_type) return logical;
  switch (*element.converted_type) {
    case kUtf8: logical.kind = LogicalType::kString; break;
    case kEnum: logical.kind = LogicalType::kEnum; break;
    case kJson: logical.kind = LogicalType::kJson; break;
    case kBson: logical.kind = LogicalType::kBson; break;
    case kDecimal:
      logical.kind = LogicalType::kDecimal;
      logical.precision = element.precision.value_or(0);
      logical.scale = element.scale.value_or(0);
      break;
    case kDate: logical.kind = LogicalType::kDate; break;
    case kTimeMillis:
    case kTimeMicros:
      logical.kind = LogicalType::kTime;
      logical.unit = *element.converted_type == kTimeMillis ? TimeUnit::kMillis : TimeUnit::kMicros;
      break;
    case kTimestampMillis:
    case kTimestampMicros:
      logical.kind = LogicalType::kTimestamp;
      logical.adjusted_to_utc = true;
      logical.unit = *element.converted_type == kTimestampMillis ? TimeUnit::kMillis : TimeUnit::kMicros;
      break;
    case kUint8: logical = IntegerLogical(8, false); break;
    case kUint16: logical = IntegerLogical(16, false); break;
    case kUint32: logical = IntegerLogical(32, false); break;
    case kUint64: logical = IntegerLogical(64, false); break;
    case kInt8: logical = IntegerLogical(8, true); break;
    case kInt16: logical = IntegerLogical(16, true); break;
    case kInt32Converted: logical = IntegerLogical(32, true); break;
    case kInt64Converted: logical = IntegerLogical(64, true); break;
    default: break;
  }
  return logical;
}

namespace {

TypePtr DecimalOf(const LogicalType& logical, int max_precision, std::string* why) {
  if (logical.precision <= 0 || logical.precision > kMaxDecimalPrecision || logical.scale < 0 ||
      logical.scale > logical.precision || logical.precision > max_precision) {
    *why = "invalid decimal precision/scale";
    return nullptr;
  }
  return DecimalType(logical.precision, logical.scale);
}

}  // namespace

int DecimalByteWidth(int precision) {
  // Smallest n with 2^(8n-1) > 10^precision - 1.
  long double limit = 1;
  for (int i = 0; i < precision; ++i) limit *= 10;
  int bytes = 1;
  long double max_positive = 127;
  while (max_positive < limit - 1) {
    ++bytes;
    max_positive = max_positive * 256 + 255;
  }
  return bytes;
}

namespace {

SchemaElement PrimitiveElement(const StructField& field) {
  const DataType& type = *field.type;
  SchemaElement leaf;
  switch (type.id) {
    case TypeId::kBoolean: leaf = Leaf(field, kBoolean); break;
    case TypeId::kByte:
    case TypeId::kShort: {
      bool is_byte = type.id == TypeId::kByte;
      leaf = Leaf(field, kInt32);
      leaf.converted_type = is_byte ? kInt8 : kInt16;
      leaf.logical_type = IntegerLogical(is_byte ? 8 : 16, true);
      break;
    }
    case TypeId::kInt: leaf = Leaf(field, kInt32); break;
    case TypeId::kLong: leaf = Leaf(field, kInt64); break;
    case TypeId::kFloat: leaf = Leaf(field, kFloat); break;
    case TypeId::kDouble: leaf = Leaf(field, kDouble); break;
    case TypeId::kString: {
      leaf = Leaf(field, kByteArray);
      leaf.converted_type = kUtf8;
      LogicalType logical;
      logical.kind = LogicalType::kString;
      leaf.logical_type = logical;
      break;
    }
    case TypeId::kBinary: leaf = Leaf(field, kByteArray); break;
    case TypeId::kDate: {
      leaf = Leaf(field, kInt32);
      leaf.converted_type = kDate;
      LogicalType logical;
      logical.kind = LogicalType::kDate;
      leaf.logical_type = logical;
      break;
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: {
      bool utc = type.id == TypeId::kTimestamp;
      leaf = Leaf(field, kInt64);
      // The legacy converted type only describes UTC-adjusted timestamps.
      if (utc) leaf.converted_type = kTimestampMicros;
      leaf.logical_type = TimestampLogical(utc);
      break;
    }
    case TypeId::kDecimal: {
      if (type.precision <= 9) {
        leaf = Leaf(field, kInt32);
      } else if (type.precision <= kMaxLongDecimalPrecision) {
        leaf = Leaf(field, kInt64);
      } else {
        leaf = Leaf(field, kFixedLenByteArray);
        leaf.type_length = DecimalByteWidth(type.precision);
      }
      leaf.converted_type = kDecimal;
      leaf.precision = type.precision;
      leaf.scale = type.scale;
      LogicalType logical;
      logical.kind = LogicalType::kDecimal;
      logical.precision = type.precision;
      logical.scale = type.scale;
      leaf.logical_type = logical;
      break;
    }
    default:
      throw SparkError("UNSUPPORTED_FEATURE",
                       {{"feature", "writing the column " + QuoteIdentifier(field.name) + " of type \"" +
                                        type.ToString() + "\" to Parquet"}});
  }
  return leaf;
}

}  // namespace

std::vector<SchemaElement> ToParquetSchema(const Schema& schema,
                                           std::vector<std::shared_ptr<NestedColumn>>* nested) {
  std::vector<SchemaElement> elements;
  SchemaElement root;
  root.name = "spark_schema";
  root.num_children = static_cast<int32_t>(schema.size());
  elements.push_back(root);
  for (const auto& field : schema) {
    std::shared_ptr<NestedColumn> layout;
    if (field.type->IsNested()) {
      layout = AppendNestedElements(field, &elements, &PrimitiveElement);
    } else {
      elements.push_back(PrimitiveElement(field));
    }
    if (nested != nullptr) nested->push_back(std::move(layout));
  }
  return elements;
}

TypePtr SparkTypeOf(const SchemaElement& element, std::string* why) {
  LogicalType logical = AnnotationOf(element);
  int32_t physical = element.type.value_or(-1);
  switch (physical) {
    case kBoolean: return BooleanType();
    case kFloat: return FloatType();
    case kDouble: return DoubleType();
    case kInt96: return TimestampType();
    case kInt32:
      switch (logical.kind) {
        case LogicalType::kNone: return IntType();
        case LogicalType::kDate: return DateType();
        case LogicalType::kDecimal: return DecimalOf(logical, 9, why);
        case LogicalType::kInteger:
          if (logical.is_signed) {
            if (logical.bit_width == 8) return ByteType();
            if (logical.bit_width == 16) return ShortType();
            if (logical.bit_width == 32) return IntType();
          } else {
            if (logical.bit_width == 8) return ShortType();
            if (logical.bit_width == 16) return IntType();
            if (logical.bit_width == 32) return LongType();
          }
          break;
        default: break;
      }
      break;
    case kInt64:
      switch (logical.kind) {
        case LogicalType::kNone: return LongType();
        case LogicalType::kDecimal: return DecimalOf(logical, 18, why);
        case LogicalType::kInteger:
          if (logical.bit_width == 64) return logical.is_signed ? LongType() : DecimalType(20, 0);
          break;
        case LogicalType::kTimestamp:
          if (logical.unit == TimeUnit::kNanos) break;
          return logical.adjusted_to_utc ? TimestampType() : TimestampNtzType();
        default: break;
      }
      break;
    case kByteArray:
      switch (logical.kind) {
        case LogicalType::kNone:
        case LogicalType::kBson: return BinaryType();
        case LogicalType::kString:
        case LogicalType::kEnum:
        case LogicalType::kJson: return StringType();
        case LogicalType::kDecimal: return DecimalOf(logical, kMaxDecimalPrecision, why);
        default: break;
      }
      break;
    case kFixedLenByteArray:
      if (element.type_length.value_or(-1) < 0) break;
      switch (logical.kind) {
        case LogicalType::kNone: return BinaryType();
        case LogicalType::kDecimal: return DecimalOf(logical, kMaxDecimalPrecision, why);
        default: break;
      }
      break;
    default: break;
  }
  if (why->empty()) *why = "Illegal Parquet type: " + DescribeParquetType(element);
  return nullptr;
}

std::string DescribeParquetType(const SchemaElement& element) {
  std::string text = PhysicalName(element.type.value_or(-1));
  LogicalType logical = AnnotationOf(element);
  switch (logical.kind) {
    case LogicalType::kNone: break;
    case LogicalType::kString: text += " (STRING)"; break;
    case LogicalType::kDate: text += " (DATE)"; break;
    case LogicalType::kDecimal:
      text += " (DECIMAL(" + std::to_string(logical.precision) + "," + std::to_string(logical.scale) + "))";
      break;
    case LogicalType::kTimestamp:
    case LogicalType::kTime: {
      const char* unit = logical.unit == TimeUnit::kMillis ? "MILLIS" : logical.unit == TimeUnit::kMicros ? "MICROS" : "NANOS";
      text += std::string(logical.kind == LogicalType::kTime ? " (TIME(" : " (TIMESTAMP(") + unit + "," +
              (logical.adjusted_to_utc ? "true" : "false") + "))";
      break;
    }
    case LogicalType::kInteger:
      text += " (INTEGER(" + std::to_string(logical.bit_width) + "," + (logical.is_signed ? "true" : "false") + "))";
      break;
    default: text += " (annotated)"; break;
  }
  return text;
}

namespace {

void AppendJsonString(const std::string& text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
      out->append(escaped);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

void AppendTypeJson(const DataType& type, std::string* out);

void AppendFieldsJson(const std::vector<StructField>& fields, std::string* out) {
  out->append("{\"type\":\"struct\",\"fields\":[");
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    out->append("{\"name\":");
    AppendJsonString(fields[i].name, out);
    out->append(",\"type\":");
    AppendTypeJson(*fields[i].type, out);
    out->append(fields[i].nullable ? ",\"nullable\":true" : ",\"nullable\":false");
    out->append(",\"metadata\":{}}");
  }
  out->append("]}");
}

void AppendTypeJson(const DataType& type, std::string* out) {
  if (IsVariant(type)) {
    AppendJsonString("variant", out);
    return;
  }
  std::string udt_python = UdtPythonClass(type);
  if (!udt_python.empty()) {
    out->append("{\"type\":\"udt\",\"class\":");
    AppendJsonString(type.udt, out);
    out->append(",\"pyClass\":");
    AppendJsonString(udt_python, out);
    out->append(",\"sqlType\":");
    AppendFieldsJson(type.fields, out);
    out->push_back('}');
    return;
  }
  switch (type.id) {
    case TypeId::kStruct: AppendFieldsJson(type.fields, out); return;
    case TypeId::kArray:
      out->append("{\"type\":\"array\",\"elementType\":");
      AppendTypeJson(*type.element, out);
      out->append(type.contains_null ? ",\"containsNull\":true}" : ",\"containsNull\":false}");
      return;
    case TypeId::kMap:
      out->append("{\"type\":\"map\",\"keyType\":");
      AppendTypeJson(*type.element, out);
      out->append(",\"valueType\":");
      AppendTypeJson(*type.value, out);
      out->append(type.contains_null ? ",\"valueContainsNull\":true}" : ",\"valueContainsNull\":false}");
      return;
    default: AppendJsonString(type.TypeName(), out);
  }
}

// Spark's schema JSON of the file (kSparkSchemaKey), parsed; its fields array by top-level name.
class SparkSchemaFields {
 public:
  explicit SparkSchemaFields(const FileMetaData& metadata) {
    for (const KeyValue& kv : metadata.key_value_metadata) {
      if (kv.key != kSparkSchemaKey || !kv.value) continue;
      simdjson::dom::element root;
      simdjson::dom::array fields;
      if (parser_.parse(*kv.value).get(root) || root["fields"].get_array().get(fields)) return;
      for (simdjson::dom::element field : fields) {
        std::string_view name;
        simdjson::dom::element type;
        if (!field["name"].get_string().get(name) && !field["type"].get(type)) types_.emplace(name, type);
      }
      return;
    }
  }
  // The JSON type of top-level column `name`, or null.
  const simdjson::dom::element* Find(const std::string& name) const {
    auto it = types_.find(name);
    return it == types_.end() ? nullptr : &it->second;
  }

 private:
  simdjson::dom::parser parser_;
  std::map<std::string_view, simdjson::dom::element> types_;
};

// Gives the nodes of `node`'s tree that Spark's JSON type `json` marks as a vector or matrix UDT
// or as a variant (at any depth: array<vector>, map<string,vector>, struct fields) the UDT type when their struct
// layout is the UDT's, rebuilding the enclosing arrays, maps and structs' types.
void RestoreUdts(simdjson::dom::element json, NestedNode* node) {
  std::string_view kind;
  if (json.get_string().get(kind) == simdjson::SUCCESS) {
    // A variant: Spark's group of the value and metadata binaries.
    const DataType& type = *node->type;
    if (kind == "variant" && type.id == TypeId::kStruct && type.fields.size() == 2 && type.fields[0].name == "value" &&
        type.fields[1].name == "metadata" && type.fields[0].type->id == TypeId::kBinary &&
        type.fields[1].type->id == TypeId::kBinary) {
      node->type = VariantType();
    }
    return;
  }
  if (!json.is_object() || json["type"].get_string().get(kind)) return;
  if (kind == "udt") {
    std::string_view udt_class;
    if (json["class"].get_string().get(udt_class)) return;
    for (const TypePtr& udt : {VectorUdtType(), MatrixUdtType()}) {
      if (udt_class == udt->udt && node->type->Equals(*StructType(udt->fields))) node->type = udt;
    }
    return;
  }
  if (kind == "array" && node->type->id == TypeId::kArray && node->children.size() == 1) {
    simdjson::dom::element element;
    if (json["elementType"].get(element)) return;
    RestoreUdts(element, &node->children[0]);
    node->type = ArrayType(node->children[0].type, node->type->contains_null);
  } else if (kind == "map" && node->type->id == TypeId::kMap && node->children.size() == 2) {
    simdjson::dom::element key, value;
    if (json["keyType"].get(key) || json["valueType"].get(value)) return;
    RestoreUdts(key, &node->children[0]);
    RestoreUdts(value, &node->children[1]);
    node->type = MapType(node->children[0].type, node->children[1].type, node->type->contains_null);
  } else if (kind == "struct" && node->type->id == TypeId::kStruct) {
    simdjson::dom::array json_fields;
    if (json["fields"].get_array().get(json_fields)) return;
    std::vector<StructField> fields = node->type->fields;
    for (simdjson::dom::element json_field : json_fields) {
      std::string_view name;
      simdjson::dom::element type;
      if (json_field["name"].get_string().get(name) || json_field["type"].get(type)) continue;
      for (size_t i = 0; i < fields.size() && i < node->children.size(); ++i) {
        if (fields[i].name != name) continue;
        RestoreUdts(type, &node->children[i]);
        fields[i].type = node->children[i].type;
      }
    }
    node->type = StructType(std::move(fields));
  }
}

}  // namespace

std::string SparkSchemaJson(const Schema& schema) {
  std::string out;
  AppendFieldsJson(schema, &out);
  return out;
}

std::vector<FileColumn> ReadFileColumns(const FileMetaData& metadata) {
  const auto& schema = metadata.schema;
  if (schema.empty()) throw ParquetDecodeError("empty Parquet schema");
  std::vector<FileColumn> columns;
  SparkSchemaFields spark_fields(metadata);
  int32_t root_children = schema[0].num_children.value_or(0);
  size_t pos = 1;
  int leaf = 0;
  // Counts the leaves under the element at `pos` and moves past it.
  auto skip_subtree = [&](auto& self) -> int {
    if (pos >= schema.size()) throw ParquetDecodeError("Parquet schema ends early");
    int32_t children = schema[pos++].num_children.value_or(0);
    if (children < 0 || static_cast<size_t>(children) > schema.size()) throw ParquetDecodeError("bad Parquet schema");
    if (children == 0) return 1;
    int leaves = 0;
    for (int32_t i = 0; i < children; ++i) leaves += self(self);
    return leaves;
  };
  if (root_children < 0 || static_cast<size_t>(root_children) >= schema.size() + 1)
    throw ParquetDecodeError("bad Parquet schema");
  for (int32_t i = 0; i < root_children; ++i) {
    if (pos >= schema.size()) throw ParquetDecodeError("Parquet schema ends early");
    const SchemaElement& element = schema[pos];
    FileColumn column;
    column.name = element.name;
    column.leaf_index = leaf;
    int32_t repetition = element.repetition_type.value_or(kOptional);
    if (element.num_children.value_or(0) > 0 || !element.type) {
      size_t start = pos;
      std::shared_ptr<NestedColumn> nested = ReadNestedColumn(schema, &pos, &column.unsupported, &SparkTypeOf);
      pos = start;
      int leaves = skip_subtree(skip_subtree);
      if (nested) {
        if (const simdjson::dom::element* json = spark_fields.Find(column.name)) RestoreUdts(*json, &nested->root);
        column.type = nested->root.type;
        column.nested = std::move(nested);
      }
      leaf += leaves;
    } else {
      ++pos;
      ++leaf;
      column.element = &element;
      if (repetition == kRepeated) {
        column.unsupported = "repeated Parquet column";
      } else {
        column.max_definition_level = repetition == kOptional ? 1 : 0;
        column.type = SparkTypeOf(element, &column.unsupported);
      }
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace ember::parquet
