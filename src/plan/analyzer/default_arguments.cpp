#include "plan/analyzer/default_arguments.h"

#include <cstdint>
#include <map>

namespace ember {
namespace {

struct Defaults {
  size_t first;                 // index of the first argument that has a default
  std::vector<Value> values;    // the defaults of arguments first, first + 1, ...
};

const std::map<std::string, Defaults>& Table() {
  static const std::map<std::string, Defaults> table = [] {
    std::map<std::string, Defaults> t;
    t["regexp_extract"] = {2, {Value::Int(1)}};
    t["regexp_extract_all"] = {2, {Value::Int(1)}};
    t["regexp_instr"] = {2, {Value::Int(0)}};
    t["regexp_replace"] = {3, {Value::Int(1)}};
    t["position"] = {2, {Value::Int(1)}};
    t["locate"] = {2, {Value::Int(1)}};
    t["substr"] = {2, {Value::Int(INT32_MAX)}};
    t["substring"] = {2, {Value::Int(INT32_MAX)}};
    t["unix_timestamp"] = {1, {Value::String("yyyy-MM-dd HH:mm:ss")}};
    t["to_unix_timestamp"] = {1, {Value::String("yyyy-MM-dd HH:mm:ss")}};
    t["sentences"] = {1, {Value::String(""), Value::String("")}};
    t["str_to_map"] = {1, {Value::String(","), Value::String(":")}};
    t["aes_encrypt"] = {2, {Value::String("GCM"), Value::String("DEFAULT"), Value::String(""), Value::String("")}};
    t["aes_decrypt"] = {2, {Value::String("GCM"), Value::String("DEFAULT"), Value::String("")}};
    t["try_aes_decrypt"] = t["aes_decrypt"];
    return t;
  }();
  return table;
}

}  // namespace

void AddDefaultArguments(const std::string& function, std::vector<ExprPtr>& args) {
  auto found = Table().find(function);
  if (found == Table().end()) return;
  const Defaults& defaults = found->second;
  if (args.size() < defaults.first) return;  // too few: the function's own arity error
  for (size_t i = args.size(); i < defaults.first + defaults.values.size(); ++i) {
    args.push_back(Literal(defaults.values[i - defaults.first]));
  }
}

}  // namespace ember
