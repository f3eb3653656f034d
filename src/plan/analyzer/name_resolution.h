// Looking column names up in a node's input, as Spark's resolver does: a name matches an
// attribute case-insensitively unless spark.sql.caseSensitive; `t.a` first tries `t` as the
// attribute's qualifier, then `t` as a column with struct field `a`. Misses raise
// UNRESOLVED_COLUMN with suggestions ranked by Levenshtein distance; several matches raise
// AMBIGUOUS_REFERENCE.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/names.h"
#include "plan/logical_plan.h"

namespace ember {

struct ColumnMatch {
  int index = -1;       // input ordinal
  size_t consumed = 0;  // name parts used by qualifier and name; the rest are struct fields
};

// The match, or nullopt when nothing matches. Throws AMBIGUOUS_REFERENCE.
std::optional<ColumnMatch> FindColumn(const std::vector<std::string>& parts,
                                      const std::vector<Attribute>& input, bool case_sensitive);
// The match; throws UNRESOLVED_COLUMN when nothing matches.
ColumnMatch ResolveColumn(const std::vector<std::string>& parts, const std::vector<Attribute>& input,
                          bool case_sensitive);

// Spark's suggestion list for a missing name: candidates (qualifier parts then name) with a common
// qualifier stripped, ordered by edit distance of their quoted form to `name`, ties kept in input
// order.
std::vector<std::vector<std::string>> OrderSuggestions(const std::string& name,
                                                       const std::vector<Attribute>& input);

// Edit distance (insertions, deletions, substitutions).
size_t LevenshteinDistance(const std::string& a, const std::string& b);

}  // namespace ember
