#include "functions/external_function.h"

#include <algorithm>
#include <cctype>

namespace ember {
namespace {

std::string LowerName(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

}  // namespace

int64_t ExternalFunctions::Add(ExternalFunctionInfo info) {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t id = next_++;
  functions_.emplace(id, std::make_shared<const ExternalFunctionInfo>(std::move(info)));
  return id;
}

std::shared_ptr<const ExternalFunctionInfo> ExternalFunctions::Find(int64_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = functions_.find(id);
  return it == functions_.end() ? nullptr : it->second;
}

void ExternalFunctions::Name(const std::string& name, int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  names_[LowerName(name)] = id;
}

std::optional<int64_t> ExternalFunctions::FindName(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = names_.find(LowerName(name));
  if (it == names_.end()) return std::nullopt;
  return it->second;
}

BoundScalar BindExternal(const std::shared_ptr<const ExternalFunctionInfo>& info, std::vector<TypePtr> arg_types) {
  BoundScalar bound;
  bound.result_type = info->result_type;
  bound.arg_types = std::move(arg_types);
  bound.deterministic = info->deterministic;
  bound.foldable = false;
  bound.coalesce_input = info->coalesce_input;
  bound.kernel = [info](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    return info->function->Call(args, rows, ctx);
  };
  return bound;
}

}  // namespace ember
