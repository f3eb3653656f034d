// variant_get(v, path[, type]) and try_variant_get: the part of a variant at a path ("$", then
// ".name", "['name']", "[\"name\"]" or "[index]" segments) converted to `type` (DDL text, variant
// when left out; variant_cast.h). Null when the path is absent. The path and type are constants.
#include <charconv>
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

bool ParsePath(std::string_view path, std::vector<Segment>* out) {
  if (path.empty() || path[0] != '$') return false;
  size_t pos = 1;
  while (pos < path.size()) {
    if (path[pos] == '.') {
      size_t end = path.find_first_of(".[", pos + 1);
      if (end == std::string_view::npos) end = path.size();
      if (end == pos + 1) return false;
      out->emplace_back(std::string(path.substr(pos + 1, end - pos - 1)));
      pos = end;
    } else if (path[pos] == '[' && pos + 1 < path.size() && (path[pos + 1] == '\'' || path[pos + 1] == '"')) {
      char quote = path[pos + 1];
      size_t end = path.find(quote, pos + 2);
      if (end == std::string_view::npos || end + 1 >= path.size() || path[end + 1] != ']') return false;
      out->emplace_back(std::string(path.substr(pos + 2, end - pos - 2)));
      pos = end + 2;
    } else if (path[pos] == '[') {
      size_t end = path.find(']', pos);
      if (end == std::string_view::npos || end == pos + 1) return false;
      int32_t index;
      auto [ptr, ec] = std::from_chars(path.data() + pos + 1, path.data() + end, index);
      if (ec != std::errc() || ptr != path.data() + end || path[pos + 1] == '-' || path[pos + 1] == '+') return false;
      out->emplace_back(static_cast<int64_t>(index));
      pos = end + 1;
    } else {
      return false;
    }
  }
  return true;
}

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
  return [name, try_mode](const std::vector<BindArg>& args, const EvalContext&) {
    CheckArgCount(name, args, 2, 3);
    if (!IsVariant(*args[0].type) && args[0].type->id != TypeId::kNull) {
      ThrowUnexpectedType(name, 0, "\"VARIANT\"", *args[0].type);
    }
    std::string path_text = ConstantStringArg(name, args, 1, "path", "path");
    auto path = std::make_shared<std::vector<Segment>>();
    if (!ParsePath(path_text, path.get())) {
      throw SparkError("INVALID_VARIANT_GET_PATH", {{"path", path_text}, {"functionName", "`" + name + "`"}});
    }
    TypePtr target = VariantType();
    if (args.size() == 3) target = ParseDataType(ConstantStringArg(name, args, 2, "targetType", "targetType"));
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
