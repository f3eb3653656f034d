// variant_get(v, path[, type]) and try_variant_get: the part of a variant at a path ("$", then
// ".name", "['name']", "[\"name\"]" or "[index]" segments) converted to `type` (DDL text, variant
// when left out; variant_cast.h). Null when the path is absent. The path and type are constants;
// CHAR(n)/VARCHAR(n) in the type are refused as Spark refuses them (RefuseCharVarchar).
#include <algorithm>
#include <charconv>
#include <cstring>
#include <variant>

#include "common/error.h"
#include "common/variant.h"
#include "functions/json/json_function_args.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/variant/variant_cast.h"

namespace ember {
namespace {

using Segment = std::variant<std::string, int64_t>;  // an object key or an array index

// Spark's variant path grammar: "$" then segments ".name" (name: no '.' or '['), "['name']" or
// "[\"name\"]" (name: not empty, no quote or '?') and "[digits]"; whitespace before any token or
// name is skipped (so a name does not start with it), as Scala's RegexParsers do.
class PathParser {
 public:
  explicit PathParser(std::string_view path) : path_(path) {}

  bool Parse(std::vector<Segment>* out) {
    if (!Token("$")) return false;
    while (true) {
      SkipSpace();
      if (pos_ == path_.size()) return true;
      if (Token(".")) {
        SkipSpace();
        size_t end = std::min(path_.find_first_of(".[", pos_), path_.size());
        if (!Name(end, out)) return false;
      } else if (Token("['") || Token("[\"")) {
        char quote = path_[pos_ - 1];
        SkipSpace();
        size_t end = std::min(path_.find_first_of(std::string{quote, '?'}, pos_), path_.size());
        if (!Name(end, out) || path_.substr(pos_, 2) != std::string{quote, ']'}) return false;
        pos_ += 2;
      } else if (Token("[")) {
        SkipSpace();
        size_t digits = pos_;
        while (pos_ < path_.size() && path_[pos_] >= '0' && path_[pos_] <= '9') ++pos_;
        int32_t index;
        auto [ptr, ec] = std::from_chars(path_.data() + digits, path_.data() + pos_, index);
        if (pos_ == digits || ec != std::errc() || !Token("]")) return false;
        out->emplace_back(static_cast<int64_t>(index));
      } else {
        return false;
      }
    }
  }

 private:
  void SkipSpace() {
    while (pos_ < path_.size() && std::strchr(" \t\n\r\f\v", path_[pos_]) != nullptr && path_[pos_] != '\0') ++pos_;
  }
  // Whitespace, then `token`.
  bool Token(std::string_view token) {
    size_t save = pos_;
    SkipSpace();
    if (path_.substr(pos_, token.size()) == token) {
      pos_ += token.size();
      return true;
    }
    pos_ = save;
    return false;
  }
  // The key from here to `end` (not empty).
  bool Name(size_t end, std::vector<Segment>* out) {
    if (end == pos_) return false;
    out->emplace_back(std::string(path_.substr(pos_, end - pos_)));
    pos_ = end;
    return true;
  }

  std::string_view path_;
  size_t pos_ = 0;
};

// The value at `path`, or false when a segment is absent.
bool Navigate(VariantView v, const std::vector<Segment>& path, VariantView* out) {
  for (const Segment& segment : path) {
    if (const auto* key = std::get_if<std::string>(&segment)) {
      if (v.kind() != VariantKind::kObject || !v.FindField(*key, &v)) return false;
    } else {
      int64_t index = std::get<int64_t>(segment);
      if (v.kind() != VariantKind::kArray || index >= v.ArraySize()) return false;
      v = v.Element(index);
    }
  }
  *out = v;
  return true;
}

using Binder = std::function<BoundScalar(const std::vector<BindArg>&, const EvalContext&)>;

Binder VariantGetBinder(std::string name, bool try_mode) {
  return [name, try_mode](const std::vector<BindArg>& args, const EvalContext& ctx) {
    CheckArgCount(name, args, 2, 3);
    if (!IsVariant(*args[0].type) && args[0].type->id != TypeId::kNull) {
      ThrowUnexpectedType(name, 0, "\"VARIANT\"", *args[0].type);
    }
    std::string path_text = ConstantStringArg(name, args, 1, "path", "path");
    auto path = std::make_shared<std::vector<Segment>>();
    if (!PathParser(path_text).Parse(path.get())) {
      throw SparkError("INVALID_VARIANT_GET_PATH", {{"path", path_text}, {"functionName", "`" + name + "`"}});
    }
    TypePtr target = VariantType();
    if (args.size() == 3) {
      std::string type_text = ConstantStringArg(name, args, 2, "targetType", "targetType");
      target = ParseDataType(type_text);
      RefuseCharVarchar(type_text, ctx);
    }
    if (!CanCastFromVariant(*target)) {
      throw SparkError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                       {{"sqlExpr", "\"" + name + "\""}, {"srcType", "\"VARIANT\""}, {"targetType", "\"" + target->Sql() + "\""}});
    }
    BoundScalar bound;
    bound.arg_types = {VariantType(), StringType()};
    if (args.size() == 3) bound.arg_types.push_back(StringType());
    bound.result_type = target;
    bound.kernel = [path, target, try_mode](const std::vector<VectorPtr>& in, int64_t rows, EvalContext& ctx) {
      VariantCaster caster(target, !try_mode, ctx);
      const Vector& input = *in[0];
      VectorBuilder out(target, rows);
      VariantView found("", "");
      for (int64_t i = 0; i < rows; ++i) {
        if (input.IsNull(i) || !Navigate(VariantView::Of(input, i), *path, &found)) {
          out.AppendNull();
        } else {
          caster.Append(found, target, out);
        }
      }
      return out.Finish();
    };
    return bound;
  };
}

}  // namespace

void RegisterVariantGetFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("variant_get",
                          "variant_get(v, path[, type]): the part of v at path (such as '$.a[0]') as type (variant "
                          "when left out); null when the path is absent, INVALID_VARIANT_CAST when it does not convert.",
                          VariantGetBinder("variant_get", false),
                          {{"variant_get(parse_json('{\"a\": [5, 6]}'), '$.a[1]', 'int')", "6"},
                           {"variant_get(parse_json('{\"a\": 1}'), '$.b')", "NULL"}}));
  registry.Add(MakeScalar("try_variant_get",
                          "try_variant_get(v, path[, type]): as variant_get, but null when the value does not convert.",
                          VariantGetBinder("try_variant_get", true),
                          {{"try_variant_get(parse_json('{\"a\": \"x\"}'), '$.a', 'int')", "NULL"}}));
}

}  // namespace ember
