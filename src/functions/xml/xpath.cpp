// xpath(xml, path) and the typed forms xpath_string, xpath_boolean, xpath_short, xpath_int,
// xpath_long, xpath_float, xpath_double and xpath_number (Spark's XPathList, XPathString ...):
// `path` is a string literal evaluated over each row's XML text. Numbers follow Java's narrowing of
// the XPath number (NaN to 0, out-of-range values saturated; short wraps what int saturated).
// Null or empty text, or a null path, gives null.
#include <cmath>
#include <limits>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/executor.h"
#include "functions/kernel_util.h"
#include "functions/xml/xml_document.h"

namespace ember {
namespace {

// The path literal of `name`'s second argument (nullopt for NULL); throws for a column or another type.
std::optional<std::string> PathLiteral(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  for (size_t i = 0; i < 2; ++i) {
    if (args[i].type->id != TypeId::kString && args[i].type->id != TypeId::kNull) ThrowUnexpectedType(name, i, "\"STRING\"", *args[i].type);
  }
  if (args[1].literal == nullptr) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"" + name + "(" + args[0].name + ", " + args[1].name + ")\""},
                                                              {"inputName", "`path`"},
                                                              {"inputType", "\"STRING\""},
                                                              {"inputExpr", "\"" + args[1].name + "\""}});
  }
  if (args[1].literal->is_null) return std::nullopt;
  return args[1].literal->str;
}

// Binds `name` with `read(result, builder)` appending each row's value (the result type's).
template <typename Read>
BoundScalar BindXPath(const std::string& name, const std::vector<BindArg>& args, TypePtr result, Read read) {
  std::optional<std::string> path = PathLiteral(name, args);
  auto key = std::make_shared<int>(0);
  return FixedBinding({StringType(), StringType()}, result, [path, key, result, read](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    if (!path) return Vector::MakeNulls(result, rows);
    XPathEvaluator& evaluator = TaskState<XPathEvaluator>(ctx, key.get(), [&] { return XPathEvaluator(*path); });
    VectorBuilder builder(result, rows);
    for (int64_t i = 0; i < rows; ++i) {
      std::unique_ptr<XPathResult> value = a[0]->IsNull(i) ? nullptr : evaluator.Evaluate(a[0]->GetString(i));
      if (value) {
        read(*value, builder);
      } else {
        builder.AppendNull();
      }
    }
    return builder.Finish();
  });
}

// Java's double to int or long narrowing.
template <typename T>
T JavaNarrow(double v) {
  if (std::isnan(v)) return 0;
  if (v >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  if (v <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
  return static_cast<T>(v);
}

template <typename T>
ScalarFunction NumberFunction(const std::string& name, TypePtr type, std::string doc, std::vector<FunctionExample> examples) {
  return MakeScalar(name, std::move(doc), [name, type](const std::vector<BindArg>& args, const EvalContext&) {
    return BindXPath(name, args, type, [](const XPathResult& r, VectorBuilder& b) {
      double v = r.Number();
      if constexpr (std::is_floating_point_v<T>) {
        b.Append<T>(static_cast<T>(v));
      } else if constexpr (sizeof(T) == 2) {
        b.Append<T>(static_cast<T>(JavaNarrow<int32_t>(v)));
      } else {
        b.Append<T>(JavaNarrow<T>(v));
      }
    });
  }, std::move(examples));
}

}  // namespace

void RegisterXPathFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("xpath", "xpath(xml, path): the values of the nodes path selects (text of text nodes, attribute "
                                   "values; null for elements).",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            return BindXPath("xpath", args, ArrayType(StringType()), [](const XPathResult& r, VectorBuilder& b) {
                              xmlNodeSetPtr nodes = r.Nodes();
                              for (int k = 0; nodes && k < nodes->nodeNr; ++k) {
                                std::optional<std::string> value = NodeValue(nodes->nodeTab[k]);
                                if (value) {
                                  b.Child(0).AppendString(*value);
                                } else {
                                  b.Child(0).AppendNull();
                                }
                              }
                              b.FinishNested();
                            });
                          },
                          {{"xpath('<a><b>x</b><b id=\"7\">y</b></a>', 'a/b/text()')", "[x, y]"}, {"xpath('<a><b>x</b></a>', 'a/b')", "[NULL]"}}));
  registry.Add(MakeScalar("xpath_string", "xpath_string(xml, path): the text of the first node path selects (empty when none).",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            return BindXPath("xpath_string", args, StringType(), [](const XPathResult& r, VectorBuilder& b) { b.AppendString(r.String()); });
                          },
                          {{"xpath_string('<a><b>x</b><b>y</b></a>', 'a/b[2]')", "y"}}));
  registry.Add(MakeScalar("xpath_boolean", "xpath_boolean(xml, path): whether path is true or selects a node.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            return BindXPath("xpath_boolean", args, BooleanType(), [](const XPathResult& r, VectorBuilder& b) { b.AppendBool(r.Boolean()); });
                          },
                          {{"xpath_boolean('<a><b>1</b></a>', 'a/c')", "false"}}));
  registry.Add(NumberFunction<int16_t>("xpath_short", ShortType(), "xpath_short(xml, path): the XPath number as a smallint (0 when not a number).",
                                       {{"xpath_short('<a><b>4</b><b>5</b></a>', 'sum(a/b)')", "9"}}));
  registry.Add(NumberFunction<int32_t>("xpath_int", IntType(), "xpath_int(xml, path): the XPath number as an int (0 when not a number).",
                                       {{"xpath_int('<a>2.9</a>', 'a * -1')", "-2"}}));
  registry.Add(NumberFunction<int64_t>("xpath_long", LongType(), "xpath_long(xml, path): the XPath number as a bigint (0 when not a number).",
                                       {{"xpath_long('<a>x</a>', 'a')", "0"}}));
  registry.Add(NumberFunction<float>("xpath_float", FloatType(), "xpath_float(xml, path): the XPath number as a float (NaN when not a number).",
                                     {{"xpath_float('<a>1.5</a>', 'a')", "1.5"}}));
  registry.Add(NumberFunction<double>("xpath_double", DoubleType(), "xpath_double(xml, path): the XPath number as a double (NaN when not a number).",
                                      {{"xpath_double('<a><b>1</b><b>2</b></a>', 'count(a/b) div 4')", "0.5"}}));
  registry.Add(NumberFunction<double>("xpath_number", DoubleType(), "xpath_number(xml, path): same as xpath_double.",
                                      {{"xpath_number('<a>x</a>', 'a')", "NaN"}}));
}

}  // namespace ember
