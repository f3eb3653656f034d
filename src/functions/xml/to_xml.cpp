// to_xml(struct[, options]): a struct as one XML element named rowTag ("ROW"), indented by four
// spaces a level as Spark writes it: fields named attributePrefix + name as attributes, the
// valueTag field as the element's text, other fields as child elements (each array element as an
// element of the field's name, elements of nested arrays as arrayElementName, map entries as
// elements named by their keys). Null fields are left out, or written as nullValue when it is
// set. Values are written as the CSV writer writes them (dates and timestamps by their formats).
#include <unordered_map>

#include "common/error.h"
#include "functions/csv/csv_field_formatter.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"
#include "functions/xml/xml_options.h"

namespace ember {
namespace {

void AppendEscaped(std::string_view text, bool attribute, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"':
        if (attribute) {
          out->append("&quot;");
          break;
        }
        [[fallthrough]];
      default: out->push_back(c);
    }
  }
}

class XmlWriter {
 public:
  XmlWriter(const XmlOptions& options, CsvFieldFormatter& formatter) : options_(options), formatter_(formatter) {}

  void Row(const Vector& input, int64_t row, std::string* out) { Struct(options_.row_tag, input, row, 0, out); }

 private:
  bool IsAttribute(const std::string& name) const {
    return !options_.attribute_prefix.empty() && name != options_.value_tag && name.size() > options_.attribute_prefix.size() &&
           name.compare(0, options_.attribute_prefix.size(), options_.attribute_prefix) == 0;
  }

  // The text of a non-null leaf value.
  std::string_view Text(const VectorPtr& column, int64_t row) {
    VectorPtr& text = texts_[column.get()];
    if (!text) text = formatter_.AsText(column, *column->type());
    return text->GetString(row);
  }

  void Indent(int depth, std::string* out) const {
    out->push_back('\n');
    out->append(4 * depth, ' ');
  }

  void Struct(const std::string& name, const Vector& input, int64_t row, int depth, std::string* out) {
    const DataType& type = *input.type();
    out->append("<").append(name);
    std::string text;
    bool children = false;
    std::string body;
    for (size_t f = 0; f < type.fields.size(); ++f) {
      const std::string& field = type.fields[f].name;
      const VectorPtr& column = input.child(f);
      if (IsAttribute(field)) {
        if (column->IsNull(row)) continue;
        out->append(" ").append(field.substr(options_.attribute_prefix.size())).append("=\"");
        AppendEscaped(Text(column, row), true, out);
        out->append("\"");
      } else if (field == options_.value_tag) {
        if (column->IsValid(row)) AppendEscaped(Text(column, row), false, &text);
      } else {
        size_t before = body.size();
        Value(field, column, row, depth + 1, &body);
        children |= body.size() != before;
      }
    }
    out->append(">").append(text).append(body);
    if (children) Indent(depth, out);
    out->append("</").append(name).append(">");
  }

  // Appends the element(s) of one field value, each on its own line.
  void Value(const std::string& name, const VectorPtr& column, int64_t row, int depth, std::string* out) {
    if (column->IsNull(row)) {
      if (!options_.null_value) return;
      Indent(depth, out);
      out->append("<").append(name).append(">");
      AppendEscaped(*options_.null_value, false, out);
      out->append("</").append(name).append(">");
      return;
    }
    switch (column->type()->id) {
      case TypeId::kStruct:
        Indent(depth, out);
        return Struct(name, *column, row, depth, out);
      case TypeId::kArray: {
        const VectorPtr& elements = column->child(0);
        for (int32_t i = column->Offsets()[row]; i < column->Offsets()[row + 1]; ++i) {
          if (elements->type()->id != TypeId::kArray) {
            Value(name, elements, i, depth, out);
            continue;
          }
          Indent(depth, out);
          out->append("<").append(name).append(">");
          size_t before = out->size();
          Value(options_.array_element_name, elements, i, depth + 1, out);
          if (out->size() != before) Indent(depth, out);
          out->append("</").append(name).append(">");
        }
        return;
      }
      case TypeId::kMap: {
        Indent(depth, out);
        out->append("<").append(name).append(">");
        size_t before = out->size();
        for (int32_t i = column->Offsets()[row]; i < column->Offsets()[row + 1]; ++i) {
          Value(std::string(Text(column->child(0), i)), column->child(1), i, depth + 1, out);
        }
        if (out->size() != before) Indent(depth, out);
        out->append("</").append(name).append(">");
        return;
      }
      default:
        Indent(depth, out);
        out->append("<").append(name).append(">");
        AppendEscaped(Text(column, row), false, out);
        out->append("</").append(name).append(">");
    }
  }

  const XmlOptions& options_;
  CsvFieldFormatter& formatter_;
  std::unordered_map<const Vector*, VectorPtr> texts_;
};

BoundScalar BindToXml(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("to_xml", args, 1, 2);
  const TypePtr& type = args[0].type;
  if (type->id != TypeId::kStruct) {
    throw SparkError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                     {{"sqlExpr", "\"to_xml\""}, {"paramIndex", "first"}, {"requiredType", "\"STRUCT\""},
                      {"inputSql", "argument 1"}, {"inputType", "\"" + type->Sql() + "\""}});
  }
  auto options = std::make_shared<const XmlOptions>(XmlOptions::Parse(JsonOptionsArg(args, 1), "to_xml"));
  std::vector<TypePtr> arg_types;
  for (const auto& arg : args) arg_types.push_back(arg.type);
  return FixedBinding(arg_types, StringType(), [options](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    CsvFieldFormatter& formatter =
        TaskState<CsvFieldFormatter>(ctx, options.get(), [&] { return CsvFieldFormatter(options->text, ctx); });
    XmlWriter writer(*options, formatter);
    const Vector& input = *a[0];
    VectorBuilder builder(StringType(), rows);
    std::string record;
    for (int64_t row = 0; row < rows; ++row) {
      if (input.IsNull(row)) {
        builder.AppendNull();
        continue;
      }
      record.clear();
      writer.Row(input, row, &record);
      builder.AppendString(record);
    }
    return builder.Finish();
  });
}

}  // namespace

void RegisterToXmlFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("to_xml", "to_xml(expr[, options]): a struct as one XML element (rowTag, attributes by attributePrefix).",
                          BindToXml, {{"to_xml(named_struct('_id', 3, '_VALUE', 'x'))", "<ROW id=\"3\">x</ROW>"}}));
}

}  // namespace ember
