// from_xml(xml, schema[, options]): one XML record (its root element is the row, whatever its
// name) into a struct of the schema. Fields named attributePrefix + name take the element's
// attributes, the valueTag field its own text, other fields the child elements of their name:
// the last one for a struct or a single value, every one for an array; elements the schema does
// not name go to the wildcardColName field (xs_any) when there is one, else are skipped. Values convert as the CSV functions convert text (an empty element is ""
// for a string and null otherwise, a string field of an element with children takes its inner
// XML). A record that is not well formed or whose values do not convert is malformed (map<string, V> fields take
// attributes, child elements and text as entries): PERMISSIVE
// keeps what converted and puts the text in columnNameOfCorruptRecord's field when the schema has
// it, FAILFAST raises MALFORMED_RECORD_IN_PARSING. Built column by column over parsed documents.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "common/error.h"
#include "functions/csv/csv_text_converter.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"
#include "functions/xml/xml_document.h"
#include "functions/xml/xml_options.h"

namespace ember {
namespace {

struct FromXmlPlan {
  TypePtr result;
  XmlOptions options;
  int corrupt_field = -1;
};

// Text of one value: nullopt for null.
using Text = std::optional<std::string>;

class XmlColumns {
 public:
  XmlColumns(const XmlOptions& options, CsvTextConverter& converter, std::vector<bool>* malformed)
      : options_(options), converter_(converter), malformed_(malformed) {}

  // A struct column of `type` over `elements` (nullptr: a null struct), element i from top-level
  // row owners[i]; `skip_field` (the corrupt record field) is left null.
  VectorPtr Struct(const std::vector<xmlNodePtr>& elements, const std::vector<int64_t>& owners, const TypePtr& type,
                   int skip_field = -1) {
    const int64_t rows = static_cast<int64_t>(elements.size());
    std::vector<VectorPtr> children;
    for (size_t f = 0; f < type->fields.size(); ++f) {
      const StructField& field = type->fields[f];
      children.push_back(static_cast<int>(f) == skip_field ? Vector::MakeNulls(field.type, rows)
                                                           : Field(elements, owners, field, *type));
    }
    VectorPtr out = Vector::Make(type, rows);
    out->children() = std::move(children);
    for (int64_t i = 0; i < rows; ++i) {
      if (elements[i] == nullptr) out->SetNull(i);
    }
    return out;
  }

 private:
  VectorPtr Field(const std::vector<xmlNodePtr>& elements, const std::vector<int64_t>& owners, const StructField& field,
                  const DataType& parent) {
    const std::string& name = field.name;
    const int64_t rows = static_cast<int64_t>(elements.size());
    const bool is_array = field.type->id == TypeId::kArray;
    if (name == options_.value_tag || IsAttribute(name)) {
      std::vector<std::vector<Text>> values(rows);
      for (int64_t i = 0; i < rows; ++i) {
        if (elements[i] == nullptr) continue;
        if (name == options_.value_tag) {
          Text text = ValueText(elements[i]);
          if (text) values[i].push_back(text);
        } else if (xmlChar* value = xmlGetProp(elements[i], Xml(name.substr(options_.attribute_prefix.size())))) {
          values[i].push_back(Trimmed(reinterpret_cast<const char*>(value)));
          xmlFree(value);
        }
      }
      if (!is_array) {
        std::vector<Text> texts(rows);
        for (int64_t i = 0; i < rows; ++i) {
          if (!values[i].empty()) texts[i] = values[i].back();
        }
        return Leaves(texts, owners, field.type);
      }
      return TextArrays(values, owners, field.type);
    }
    // Arrays take every matching child (flattened, with each row's start), other types the last.
    std::vector<xmlNodePtr> flat;
    std::vector<int64_t> flat_owners;
    std::vector<int32_t> starts(rows + 1, 0);
    std::vector<xmlNodePtr> last(rows, nullptr);
    for (int64_t i = 0; i < rows; ++i) {
      starts[i] = static_cast<int32_t>(flat.size());
      if (elements[i] == nullptr) continue;
      for (xmlNodePtr child = elements[i]->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || !Matches(child, name, parent)) continue;
        last[i] = child;
        if (is_array) {
          flat.push_back(child);
          flat_owners.push_back(owners[i]);
        }
      }
    }
    starts[rows] = static_cast<int32_t>(flat.size());
    if (!is_array) return Values(last, owners, field.type);
    VectorPtr out = Vector::Make(field.type, rows);
    std::copy(starts.begin(), starts.end(), out->Offsets());
    for (int64_t i = 0; i < rows; ++i) {
      if (last[i] == nullptr) out->SetNull(i);
    }
    out->children() = {Values(flat, flat_owners, field.type->element)};
    return out;
  }

  // Whether a child element named `element` fills `field` of `parent`: its own name, or for the
  // wildcard field any name no other field has.
  bool Matches(xmlNodePtr element, const std::string& field, const DataType& parent) const {
    const bool local = options_.ignore_namespace;
    if (field != options_.wildcard_column) return XmlElementNameIs(element, field, local);
    return std::none_of(parent.fields.begin(), parent.fields.end(),
                        [&](const StructField& f) { return XmlElementNameIs(element, f.name, local); });
  }

  // One value of `type` per element (nullptr: null).
  VectorPtr Values(const std::vector<xmlNodePtr>& elements, const std::vector<int64_t>& owners, const TypePtr& type) {
    if (type->id == TypeId::kStruct) return Struct(elements, owners, type);
    if (type->id == TypeId::kMap && type->element->id == TypeId::kString) return Maps(elements, owners, type);
    std::vector<Text> texts(elements.size());
    for (size_t i = 0; i < elements.size(); ++i) {
      if (elements[i] != nullptr) texts[i] = LeafText(elements[i], *type, owners[i]);
    }
    return Leaves(texts, owners, type);
  }

  // The text of an element read as a value of atomic or string `type`.
  Text LeafText(xmlNodePtr element, const DataType& type, int64_t owner) {
    if (type.id != TypeId::kString && !IsAtomic(type)) {
      (*malformed_)[owner] = true;  // nested arrays and maps of other keys are not read from elements
    } else if (XmlHasChildElements(element)) {
      if (type.id == TypeId::kString) return XmlInnerText(element);
      (*malformed_)[owner] = true;
    } else if (element->children == nullptr) {
      if (type.id == TypeId::kString && options_.null_value != "") return "";
    } else {
      return Trimmed(XmlDirectText(element));
    }
    return std::nullopt;
  }

  // map<string, V>: the element's attributes (attributePrefix + name), child elements by name and
  // own text (valueTag) as entries; a repeated name keeps its first place and its last value.
  // Struct values come from child elements only.
  VectorPtr Maps(const std::vector<xmlNodePtr>& elements, const std::vector<int64_t>& owners, const TypePtr& type) {
    const int64_t rows = static_cast<int64_t>(elements.size());
    const bool nested_values = type->value->id == TypeId::kStruct;
    VectorPtr out = Vector::Make(type, rows);
    VectorBuilder keys(StringType(), rows);
    std::vector<Text> texts;
    std::vector<xmlNodePtr> nodes;
    std::vector<int64_t> entry_owners;
    for (int64_t i = 0; i < rows; ++i) {
      out->Offsets()[i] = static_cast<int32_t>(entry_owners.size());
      if (elements[i] == nullptr) {
        out->SetNull(i);
        continue;
      }
      std::vector<std::string> names;
      std::vector<std::pair<Text, xmlNodePtr>> values;
      auto add = [&](const std::string& name, Text text, xmlNodePtr node) {
        auto it = std::find(names.begin(), names.end(), name);
        if (it != names.end()) {
          values[it - names.begin()] = {std::move(text), node};
          return;
        }
        names.push_back(name);
        values.push_back({std::move(text), node});
      };
      if (!nested_values && !options_.exclude_attribute) {
        for (xmlAttrPtr attr = elements[i]->properties; attr != nullptr; attr = attr->next) {
          xmlChar* value = xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(attr));
          add(options_.attribute_prefix + reinterpret_cast<const char*>(attr->name), Trimmed(value ? reinterpret_cast<const char*>(value) : ""), nullptr);
          xmlFree(value);
        }
      }
      for (xmlNodePtr child = elements[i]->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        add(XmlElementName(child, options_.ignore_namespace), nested_values ? std::nullopt : LeafText(child, *type->value, owners[i]), child);
      }
      if (!nested_values) {
        if (Text text = ValueText(elements[i])) add(options_.value_tag, text, nullptr);
      }
      for (size_t e = 0; e < names.size(); ++e) {
        keys.AppendString(names[e]);
        texts.push_back(values[e].first);
        nodes.push_back(values[e].second);
        entry_owners.push_back(owners[i]);
      }
    }
    out->Offsets()[rows] = static_cast<int32_t>(entry_owners.size());
    out->children() = {keys.Finish(), nested_values ? Struct(nodes, entry_owners, type->value) : Leaves(texts, entry_owners, type->value)};
    return out;
  }

  VectorPtr TextArrays(const std::vector<std::vector<Text>>& values, const std::vector<int64_t>& owners, const TypePtr& type) {
    const int64_t rows = static_cast<int64_t>(values.size());
    VectorPtr out = Vector::Make(type, rows);
    std::vector<Text> flat;
    std::vector<int64_t> flat_owners;
    for (int64_t i = 0; i < rows; ++i) {
      out->Offsets()[i] = static_cast<int32_t>(flat.size());
      if (values[i].empty()) out->SetNull(i);
      for (const Text& t : values[i]) {
        flat.push_back(t);
        flat_owners.push_back(owners[i]);
      }
    }
    out->Offsets()[rows] = static_cast<int32_t>(flat.size());
    out->children() = {Leaves(flat, flat_owners, type->element)};
    return out;
  }

  // Texts converted to `type`, nullValue read as null; rows that do not convert mark their owner.
  VectorPtr Leaves(const std::vector<Text>& texts, const std::vector<int64_t>& owners, const TypePtr& type) {
    if (!IsAtomic(*type) && type->id != TypeId::kString) {
      for (size_t i = 0; i < texts.size(); ++i) {
        if (texts[i]) (*malformed_)[owners[i]] = true;
      }
      return Vector::MakeNulls(type, static_cast<int64_t>(texts.size()));
    }
    VectorBuilder builder(StringType(), static_cast<int64_t>(texts.size()));
    std::vector<bool> bad(texts.size(), false);
    for (size_t i = 0; i < texts.size(); ++i) {
      const Text& text = texts[i];
      if (!text || (options_.null_value && *text == *options_.null_value)) {
        builder.AppendNull();
      } else if (type->id == TypeId::kBoolean) {
        // XML booleans are true, false, 1 or 0 (any case), not everything a cast reads.
        std::string lower = absl::AsciiStrToLower(*text);
        bool known = lower == "true" || lower == "1" || lower == "false" || lower == "0";
        bad[i] = !known;
        known ? builder.AppendString(lower == "true" || lower == "1" ? "true" : "false") : builder.AppendNull();
      } else {
        builder.AppendString(*text);
      }
    }
    VectorPtr out = converter_.Convert(builder.Finish(), type, &bad);
    for (size_t i = 0; i < bad.size(); ++i) {
      if (bad[i]) (*malformed_)[owners[i]] = true;
    }
    return out;
  }

  static bool IsAtomic(const DataType& type) { return !type.IsNested() && type.id != TypeId::kString; }

  Text ValueText(xmlNodePtr element) const {
    std::string raw = XmlDirectText(element);
    if (raw.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
    return Trimmed(std::move(raw));
  }

  bool IsAttribute(const std::string& name) const {
    return !options_.exclude_attribute && !options_.attribute_prefix.empty() && name.size() > options_.attribute_prefix.size() &&
           name.compare(0, options_.attribute_prefix.size(), options_.attribute_prefix) == 0;
  }

  std::string Trimmed(std::string text) const {
    if (!options_.ignore_surrounding_spaces) return text;
    size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
  }

  static const xmlChar* Xml(const std::string& text) { return reinterpret_cast<const xmlChar*>(text.c_str()); }

  const XmlOptions& options_;
  CsvTextConverter& converter_;
  std::vector<bool>* malformed_;
};

VectorPtr FromXml(const FromXmlPlan& plan, const Vector& input, int64_t rows, EvalContext& ctx) {
  CsvTextConverter& converter =
      TaskState<CsvTextConverter>(ctx, &plan, [&] { return CsvTextConverter(plan.options.text, ctx); });
  XmlParser parser;
  std::vector<XmlDocument> documents(rows);
  std::vector<xmlNodePtr> roots(rows, nullptr);
  std::vector<int64_t> owners(rows);
  std::vector<bool> malformed(rows, false);
  for (int64_t row = 0; row < rows; ++row) {
    owners[row] = row;
    if (input.IsNull(row)) continue;
    documents[row] = parser.Parse(input.GetString(row));
    xmlNodePtr root = documents[row] ? xmlDocGetRootElement(documents[row].get()) : nullptr;
    if (root == nullptr) malformed[row] = true;
    roots[row] = root;
  }
  XmlColumns columns(plan.options, converter, &malformed);
  VectorPtr out = columns.Struct(roots, owners, plan.result, plan.corrupt_field);
  if (plan.options.text.mode == CsvParseMode::kFailFast) ThrowFirstMalformed(input, malformed);
  if (plan.corrupt_field >= 0) out->children()[plan.corrupt_field] = CorruptRecordColumn(input, malformed);
  // A row is null only for null text; a malformed record is a struct of nulls.
  out->ClearValidity();
  for (int64_t row = 0; row < rows; ++row) {
    if (input.IsNull(row)) out->SetNull(row);
  }
  return out;
}

BoundScalar BindFromXml(const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount("from_xml", args, 2, 3);
  TypeId input = args[0].type->id;
  if (input != TypeId::kString && input != TypeId::kNull) ThrowUnexpectedType("from_xml", 0, "\"STRING\"", *args[0].type);
  auto plan = std::make_shared<FromXmlPlan>();
  TypePtr schema = StructSchemaArg(args[1], ctx);
  plan->options = XmlOptions::Parse(JsonOptionsArg(args, 2), "from_xml");
  plan->result = AsNullable(schema);
  plan->corrupt_field = CorruptRecordField(*schema, plan->options.text.corrupt_column);
  std::vector<TypePtr> arg_types = {StringType(), args[1].type};
  if (args.size() == 3) arg_types.push_back(args[2].type);
  std::shared_ptr<const FromXmlPlan> bound_plan = plan;
  return FixedBinding(arg_types, plan->result, [bound_plan](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    return FromXml(*bound_plan, *a[0], rows, ctx);
  });
}

}  // namespace

void RegisterFromXmlFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("from_xml",
                          "from_xml(xml, schema[, options]): parses one XML record into a struct of the DDL schema "
                          "(attributes as attributePrefix fields, the element's text as valueTag).",
                          BindFromXml,
                          {{"from_xml('<p><a>1</a><b>x</b></p>', 'a INT, b STRING')", "{1, x}"},
                           {"from_xml('<p id=\"7\"><v>1</v><v>2</v></p>', '_id INT, v ARRAY<INT>')", "{7, [1, 2]}"}}));
}

}  // namespace ember
