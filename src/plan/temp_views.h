// A session's temporary views: name -> the unresolved plan the view was defined with (it is
// analyzed again where used). Names compare case-insensitively, as Spark's session catalog does.
// Safe to use from several threads.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace ember {

class TempViews {
 public:
  // False when the name exists and `replace` is not set.
  bool Create(const std::string& name, PlanPtr plan, bool replace);
  bool Drop(const std::string& name);
  // nullptr when absent.
  PlanPtr Find(const std::string& name) const;
  // The (lower-cased) names, sorted.
  std::vector<std::string> Names() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, PlanPtr> views_;
};

}  // namespace ember
