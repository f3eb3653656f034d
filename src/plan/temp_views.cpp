#include "plan/temp_views.h"

#include <cctype>

namespace ember {
namespace {

std::string Key(const std::string& name) {
  std::string key = name;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

bool TempViews::Create(const std::string& name, PlanPtr plan, bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = views_.try_emplace(Key(name), plan);
  if (!inserted) {
    if (!replace) return false;
    it->second = std::move(plan);
  }
  return true;
}

bool TempViews::Drop(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  return views_.erase(Key(name)) > 0;
}

PlanPtr TempViews::Find(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = views_.find(Key(name));
  return it == views_.end() ? nullptr : it->second;
}

std::vector<std::string> TempViews::Names() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, plan] : views_) names.push_back(name);
  return names;
}

}  // namespace ember
