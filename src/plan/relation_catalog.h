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
  // Whether `relation`, found for `name` before its files were listed, still describes it: false
  // when a commit of the table's data was under way or changed its entry since (the listing may
  // then pair one entry with the other's data, and the analyzer looks the name up again).
  virtual bool RelationUnchanged(const std::vector<std::string>& name, const PlanPtr& relation) const { return true; }
  // The database unqualified names resolve in (current_database() / current_schema()).
  virtual std::string CurrentDatabase() const { return "default"; }
};

}  // namespace ember
