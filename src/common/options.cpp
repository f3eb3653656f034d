#include "common/options.h"

#include <algorithm>

namespace ember {

std::optional<std::string> GetOption(const Options& options, const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  auto it = options.find(lower);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

}  // namespace ember
