// How the analyzer finds what a table name stands for (SQL FROM, spark.table): the session's
// catalog (catalog/session_catalog) answers with temporary views, global temporary views, and the
// persistent catalog's tables and views.
#pragma once

#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace ember {

class RelationCatalog {
 public:
  virtual ~RelationCatalog() = default;
  // The unresolved plan `name` (one to three parts, as written) stands for: a view's query or a
  // table's file read; nullptr when there is none.
  virtual PlanPtr FindRelation(const std::vector<std::string>& name) const = 0;
};

}  // namespace ember
