// schema_of_xml(xml[, options]): the DDL of the struct Spark infers for a constant XML record:
// the root element's attributes (attributePrefix + name), child elements (a name that repeats
// becomes an array) and own text (valueTag); an element holding only text has the text's type,
// with attributes a struct of valueTag and the attributes. Text types: BIGINT, DOUBLE, BOOLEAN,
// DATE (yyyy-MM-dd), TIMESTAMP (ISO date-time), else STRING; empty elements STRING. Fields are
// ordered by name, case-insensitively, as Spark's inference orders them. A record that is not well
// formed gives STRUCT<_corrupt_record: STRING> (columnNameOfCorruptRecord), or with FAILFAST raises
// MALFORMED_RECORD_IN_PARSING.
#include <cstdlib>
#include <map>
#include <regex>

#include "absl/strings/ascii.h"
#include "common/error.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"
#include "functions/xml/xml_document.h"
#include "functions/xml/xml_options.h"

namespace ember {
namespace {

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const {
    return absl::AsciiStrToLower(a) < absl::AsciiStrToLower(b);
  }
};

TypePtr Compatible(const TypePtr& a, const TypePtr& b);

TypePtr MergeStructs(const DataType& a, const DataType& b) {
  std::map<std::string, TypePtr, CaseInsensitiveLess> fields;
  for (const auto& f : a.fields) fields[f.name] = f.type;
  for (const auto& f : b.fields) {
    auto it = fields.find(f.name);
    fields[it == fields.end() ? f.name : it->first] = it == fields.end() ? f.type : Compatible(it->second, f.type);
  }
  std::vector<StructField> out;
  for (auto& [name, type] : fields) out.push_back({name, type, true});
  return StructType(std::move(out));
}

TypePtr Compatible(const TypePtr& a, const TypePtr& b) {
  if (a->id == TypeId::kNull) return b;
  if (b->id == TypeId::kNull) return a;
  if (a->Equals(*b)) return a;
  auto numeric = [](const TypePtr& t) { return t->id == TypeId::kLong || t->id == TypeId::kDouble; };
  if (numeric(a) && numeric(b)) return DoubleType();
  if ((a->id == TypeId::kDate && b->id == TypeId::kTimestamp) || (a->id == TypeId::kTimestamp && b->id == TypeId::kDate)) {
    return TimestampType();
  }
  if (a->id == TypeId::kStruct && b->id == TypeId::kStruct) return MergeStructs(*a, *b);
  if (a->id == TypeId::kArray && b->id == TypeId::kArray) return ArrayType(Compatible(a->element, b->element));
  if (a->id == TypeId::kArray) return ArrayType(Compatible(a->element, b));
  if (b->id == TypeId::kArray) return ArrayType(Compatible(a, b->element));
  return StringType();
}

bool IsJavaDouble(std::string text) {
  if (text == "NaN" || text == "Infinity" || text == "+Infinity" || text == "-Infinity") return true;
  if (!text.empty() && std::string("dDfF").find(text.back()) != std::string::npos) text.pop_back();
  static const std::regex number(R"([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)");
  return std::regex_match(text, number);
}

class XmlSchemaInference {
 public:
  explicit XmlSchemaInference(const XmlOptions& options) : options_(options) {}

  TypePtr Object(xmlNodePtr element) const {
    std::map<std::string, std::pair<TypePtr, int>, CaseInsensitiveLess> fields;
    auto add = [&](const std::string& name, const TypePtr& type) {
      auto it = fields.find(name);
      if (it == fields.end()) {
        fields[name] = {type, 1};
      } else {
        it->second.first = Compatible(it->second.first, type);
        ++it->second.second;
      }
    };
    AddAttributes(element, add);
    for (xmlNodePtr child = element->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE) add(XmlElementName(child, options_.ignore_namespace), Field(child));
    }
    std::string text = XmlDirectText(element);
    if (text.find_first_not_of(" \t\r\n") != std::string::npos) add(options_.value_tag, Primitive(text));
    std::vector<StructField> out;
    for (auto& [name, entry] : fields) {
      out.push_back({name, entry.second > 1 && entry.first->id != TypeId::kArray ? ArrayType(entry.first) : entry.first, true});
    }
    return StructType(std::move(out));
  }

 private:
  template <typename Add>
  void AddAttributes(xmlNodePtr element, Add& add) const {
    if (options_.exclude_attribute) return;
    for (xmlAttrPtr attr = element->properties; attr != nullptr; attr = attr->next) {
      xmlChar* value = xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(attr));
      add(options_.attribute_prefix + reinterpret_cast<const char*>(attr->name), Primitive(value ? reinterpret_cast<const char*>(value) : ""));
      xmlFree(value);
    }
  }

  TypePtr Field(xmlNodePtr element) const {
    const bool has_attributes = !options_.exclude_attribute && element->properties != nullptr;
    if (XmlHasChildElements(element) || has_attributes) {
      TypePtr object = Object(element);
      if (!XmlHasChildElements(element) && object->fields.size() == 0) return NullType();
      return object;
    }
    std::string text = XmlDirectText(element);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return NullType();
    return Primitive(text);
  }

  TypePtr Primitive(std::string text) const {
    if (!options_.infer_schema) return StringType();
    if (options_.ignore_surrounding_spaces) text = std::string(absl::StripAsciiWhitespace(text));
    if (text.empty() || (options_.null_value && text == *options_.null_value)) return NullType();
    static const std::regex integer(R"([+-]?\d+)");
    if (std::regex_match(text, integer)) {
      errno = 0;
      std::strtoll(text.c_str(), nullptr, 10);
      return errno == ERANGE ? DoubleType() : LongType();
    }
    if (IsJavaDouble(text)) return DoubleType();
    std::string lower = absl::AsciiStrToLower(text);
    if (lower == "true" || lower == "false") return BooleanType();
    static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
    if (std::regex_match(text, date)) return DateType();
    static const std::regex timestamp(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)");
    if (std::regex_match(text, timestamp)) return TimestampType();
    return StringType();
  }

  const XmlOptions& options_;
};

// NullType as STRING and empty structs dropped, as Spark's inference finishes.
TypePtr Canonical(const TypePtr& type) {
  if (type->id == TypeId::kNull) return StringType();
  if (type->id == TypeId::kArray) return ArrayType(Canonical(type->element));
  if (type->id != TypeId::kStruct) return type;
  std::vector<StructField> fields;
  for (const auto& f : type->fields) {
    if (f.type->id == TypeId::kStruct && f.type->fields.empty()) continue;
    fields.push_back({f.name, Canonical(f.type), true});
  }
  return StructType(std::move(fields));
}

BoundScalar BindSchemaOfXml(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("schema_of_xml", args, 1, 2);
  std::string xml = ConstantStringArg("schema_of_xml", args, 0, "xml", "xml");
  XmlOptions options = XmlOptions::Parse(JsonOptionsArg(args, 1), "schema_of_xml");
  XmlDocument document = ParseXmlDocument(xml);
  xmlNodePtr root = document ? xmlDocGetRootElement(document.get()) : nullptr;
  if (root == nullptr && options.text.mode == CsvParseMode::kFailFast) {
    throw SparkError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", {{"badRecord", xml}, {"failFastMode", "FAILFAST"}});
  }
  if (root == nullptr) return ConstantTextBinding(args, StructType({{options.text.corrupt_column, StringType(), true}})->Sql());
  return ConstantTextBinding(args, Canonical(XmlSchemaInference(options).Object(root))->Sql());
}

}  // namespace

void RegisterSchemaOfXmlFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("schema_of_xml", "schema_of_xml(xml[, options]): the DDL of the struct inferred for a constant XML record.",
                          BindSchemaOfXml,
                          {{"schema_of_xml('<p><a>1</a><b>x</b><b>y</b></p>')", "STRUCT<a: BIGINT, b: ARRAY<STRING>>"}}));
}

}  // namespace ember
