// get_json_object(json, path): the part of the JSON text a JSON path selects, with Spark's (Hive's)
// path subset and output rules: `$` then `.name`, `['name']`, `[n]` and `[*]` steps; a selected
// string comes back without quotes, anything else as compact JSON text; `[*]` collects its matches
// into an array, unwrapped when only one matched. Invalid JSON, an invalid path, no match or a
// selected null field give null.
#include <cctype>
#include <optional>

#include "functions/executor.h"
#include "functions/json/json_text.h"
#include "functions/json/json_value_writer.h"

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// One path step; `.name` is kKey then kNamed, `[n]` kSubscript then kIndex, `[*]` kSubscript then
// kWildcard, `.*` a lone kWildcard (which, as in Spark, matches nothing).
struct PathStep {
  enum Kind : uint8_t { kKey, kNamed, kSubscript, kIndex, kWildcard } kind;
  std::string name;
  int64_t index = 0;
};
using JsonPath = std::vector<PathStep>;

class PathParser {
 public:
  explicit PathParser(std::string_view text) : text_(text) {}

  std::optional<JsonPath> Parse() {
    SkipSpace();
    if (!Accept("$")) return std::nullopt;
    JsonPath path;
    while (SkipSpace(), pos_ < text_.size()) {
      if (Accept(".*") || Accept("['*']")) {
        path.push_back({PathStep::kWildcard});
      } else if (Accept(".")) {
        SkipSpace();
        size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != '.' && text_[pos_] != '[') ++pos_;
        if (pos_ == start) return std::nullopt;
        path.push_back({PathStep::kKey});
        path.push_back({PathStep::kNamed, std::string(text_.substr(start, pos_ - start))});
      } else if (Accept("['")) {
        size_t end = text_.find('\'', pos_);
        if (end == std::string_view::npos || end == pos_ || end + 1 >= text_.size() || text_[end + 1] != ']') {
          return std::nullopt;
        }
        path.push_back({PathStep::kKey});
        path.push_back({PathStep::kNamed, std::string(text_.substr(pos_, end - pos_))});
        pos_ = end + 2;
      } else if (Accept("[")) {
        SkipSpace();
        path.push_back({PathStep::kSubscript});
        if (Accept("*")) {
          path.push_back({PathStep::kWildcard});
        } else {
          size_t start = pos_;
          int64_t index = 0;
          while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
            if (index > (INT64_MAX - 9) / 10) return std::nullopt;
            index = index * 10 + (text_[pos_++] - '0');
          }
          if (pos_ == start) return std::nullopt;
          path.push_back({PathStep::kIndex, "", index});
        }
        SkipSpace();
        if (!Accept("]")) return std::nullopt;
      } else {
        return std::nullopt;
      }
    }
    return path;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Accept(std::string_view token) {
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// How a match is written: kRaw unquotes strings (no array around the match), kQuoted writes JSON
// values inside an array, kFlatten also splices matched arrays into the enclosing one.
enum class Style { kRaw, kQuoted, kFlatten };

// Text output that separates values written inside arrays by commas, as Jackson's generator does.
class Output {
 public:
  explicit Output(std::string* text) : text_(text) {}
  void StartArray() {
    Separate();
    text_->push_back('[');
    first_.push_back(true);
  }
  void EndArray() {
    text_->push_back(']');
    first_.pop_back();
  }
  void Value(element value) {
    Separate();
    AppendJsonElement(value, text_);
  }
  void RawValue(std::string_view json) {
    Separate();
    text_->append(json);
  }
  void Raw(std::string_view text) { text_->append(text); }

 private:
  void Separate() {
    if (first_.empty()) return;
    if (!first_.back()) text_->push_back(',');
    first_.back() = false;
  }
  std::string* text_;
  std::vector<bool> first_;
};

bool IsStep(const JsonPath& path, size_t at, PathStep::Kind kind) { return at < path.size() && path[at].kind == kind; }

// Writes what `path[at..]` selects in `value`; whether anything was written (Spark's evaluatePath).
bool Evaluate(element value, Style style, const JsonPath& path, size_t at, Output& out) {
  element_type kind = value.type();
  if (at == path.size()) {
    if (kind == element_type::STRING && style == Style::kRaw) {
      out.Raw(value.get_string().value_unsafe());
      return true;
    }
    if (kind == element_type::ARRAY && style == Style::kFlatten) {
      bool dirty = false;
      for (element item : simdjson::dom::array(value.get_array().value_unsafe())) dirty |= Evaluate(item, style, path, at, out);
      return dirty;
    }
    out.Value(value);
    return true;
  }
  if (kind == element_type::OBJECT && path[at].kind == PathStep::kKey) {
    if (!IsStep(path, at + 1, PathStep::kNamed)) return false;
    const std::string& name = path[at + 1].name;
    for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
      if (field.key != name || field.value.type() == element_type::NULL_VALUE) continue;
      if (Evaluate(field.value, style, path, at + 2, out)) return true;
    }
    return false;
  }
  if (kind != element_type::ARRAY || path[at].kind != PathStep::kSubscript || at + 1 >= path.size()) return false;
  simdjson::dom::array items = value.get_array().value_unsafe();
  if (path[at + 1].kind == PathStep::kWildcard) {
    if (IsStep(path, at + 2, PathStep::kSubscript) && IsStep(path, at + 3, PathStep::kWildcard)) {
      // Hive's double wildcard flattens nested arrays into one.
      bool dirty = false;
      out.StartArray();
      for (element item : items) dirty |= Evaluate(item, Style::kFlatten, path, at + 4, out);
      out.EndArray();
      return dirty;
    }
    if (style == Style::kQuoted) {
      bool dirty = false;
      out.StartArray();
      for (element item : items) dirty |= Evaluate(item, Style::kQuoted, path, at + 2, out);
      out.EndArray();
      return dirty;
    }
    // Matches go into an array of their own, left out when only one matched.
    std::string buffer;
    Output inner(&buffer);
    int matches = 0;
    inner.StartArray();
    Style next = style == Style::kRaw ? Style::kQuoted : Style::kFlatten;
    for (element item : items) matches += Evaluate(item, next, path, at + 2, inner) ? 1 : 0;
    inner.EndArray();
    if (matches > 1) out.RawValue(buffer);
    if (matches == 1) out.RawValue(std::string_view(buffer).substr(1, buffer.size() - 2));
    return matches > 0;
  }
  int64_t index = path[at + 1].index;
  if (index >= static_cast<int64_t>(items.size())) return false;
  element item = items.at(static_cast<size_t>(index)).value_unsafe();
  bool wildcard_follows = IsStep(path, at + 2, PathStep::kSubscript) && IsStep(path, at + 3, PathStep::kWildcard);
  return Evaluate(item, wildcard_follows ? Style::kQuoted : style, path, at + 2, out);
}

BoundScalar BindGetJsonObject(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("get_json_object", args, 2, 2);
  RejectNestedArgs("get_json_object", args, "\"STRING\"");
  std::shared_ptr<const std::optional<JsonPath>> literal_path;
  if (args[1].literal != nullptr && !args[1].literal->is_null) {
    literal_path = std::make_shared<const std::optional<JsonPath>>(PathParser(args[1].literal->str).Parse());
  }
  auto key = std::make_shared<int>(0);
  return FixedBinding({StringType(), StringType()}, StringType(),
                      [literal_path, key](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
                        JsonDocumentParser& parser = TaskState<JsonDocumentParser>(ctx, key.get(), [] { return JsonDocumentParser(); });
                        return ExecuteRows<StringResult(std::string_view, std::string_view)>(
                            StringType(), a, rows, [&](std::string& out, std::string_view json, std::string_view path_text) {
                              std::optional<JsonPath> row_path;
                              if (!literal_path) row_path = PathParser(path_text).Parse();
                              const std::optional<JsonPath>& path = literal_path ? *literal_path : row_path;
                              element document;
                              if (!path || !parser.Parse(json, &document)) return false;
                              Output output(&out);
                              return Evaluate(document, Style::kRaw, *path, 0, output);
                            });
                      });
}

}  // namespace

void RegisterGetJsonObjectFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("get_json_object",
                          "get_json_object(json, path): the part of the JSON text the path ($.a.b, $['a'], $.a[0], "
                          "$.a[*].b) selects; strings unquoted, other values as JSON; null when nothing matches.",
                          BindGetJsonObject,
                          {{"get_json_object('{\"a\": {\"b\": \"x\"}}', '$.a.b')", "x"},
                           {"get_json_object('{\"a\": [{\"b\": 1}, {\"b\": 2}]}', '$.a[*].b')", "[1,2]"},
                           {"get_json_object('{\"a\": [1, 2]}', '$.a')", "[1,2]"}}));
}

}  // namespace ember
