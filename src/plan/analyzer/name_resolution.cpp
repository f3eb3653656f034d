#include "plan/analyzer/name_resolution.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "plan/analyzer/analysis_errors.h"

namespace ember {
namespace {

std::vector<std::string> QualifiedParts(const Attribute& attribute) {
  std::vector<std::string> parts;
  if (!attribute.qualifier.empty()) parts.push_back(attribute.qualifier);
  parts.push_back(attribute.name);
  return parts;
}

// The name as Spark's UnresolvedAttribute.sql prints it: parts joined by dots, a part quoted only
// when it needs it.
std::string NameSql(const std::vector<std::string>& parts) {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += ".";
    text += AttributeSql(parts[i]);
  }
  return text;
}

}  // namespace

std::optional<ColumnMatch> FindColumn(const std::vector<std::string>& parts,
                                      const std::vector<Attribute>& input, bool case_sensitive) {
  if (parts.empty()) return std::nullopt;
  std::vector<int> matches;
  size_t consumed = 0;
  if (parts.size() >= 2) {
    for (size_t i = 0; i < input.size(); ++i) {
      if (!input[i].qualifier.empty() && NamesEqual(input[i].qualifier, parts[0], case_sensitive) &&
          NamesEqual(input[i].name, parts[1], case_sensitive)) {
        matches.push_back(static_cast<int>(i));
      }
    }
    consumed = 2;
  }
  if (matches.empty()) {
    for (size_t i = 0; i < input.size(); ++i) {
      if (NamesEqual(input[i].name, parts[0], case_sensitive)) matches.push_back(static_cast<int>(i));
    }
    consumed = 1;
  }
  if (matches.empty()) return std::nullopt;
  if (matches.size() > 1) {
    std::vector<std::vector<std::string>> names;
    for (int index : matches) names.push_back(QualifiedParts(input[index]));
    std::vector<std::string> asked(parts.begin(), parts.begin() + consumed);
    ThrowAmbiguousReference(asked, names);
  }
  return ColumnMatch{matches[0], consumed};
}

ColumnMatch ResolveColumn(const std::vector<std::string>& parts, const std::vector<Attribute>& input,
                          bool case_sensitive) {
  if (auto match = FindColumn(parts, input, case_sensitive)) return *match;
  ThrowUnresolvedColumn(parts, OrderSuggestions(NameSql(parts), input));
}

std::vector<std::vector<std::string>> OrderSuggestions(const std::string& name,
                                                       const std::vector<Attribute>& input) {
  std::vector<std::vector<std::string>> candidates;
  for (const auto& attribute : input) candidates.push_back(QualifiedParts(attribute));
  std::vector<std::string> base_parts = ParseColumnName(name);
  auto distinct_prefixes = [&](size_t drop) {
    std::map<std::vector<std::string>, int> groups;
    for (const auto& candidate : candidates) {
      size_t keep = candidate.size() > drop ? candidate.size() - drop : 0;
      groups[std::vector<std::string>(candidate.begin(), candidate.begin() + keep)]++;
    }
    return groups.size();
  };
  auto keep_last = [&](size_t n) {
    for (auto& candidate : candidates) {
      if (candidate.size() > n) candidate.erase(candidate.begin(), candidate.end() - n);
    }
  };
  if (base_parts.size() == 1 && distinct_prefixes(1) == 1) {
    keep_last(1);
  } else if (base_parts.size() <= 2 && distinct_prefixes(2) == 1) {
    keep_last(2);
  }
  std::vector<size_t> distances;
  for (const auto& candidate : candidates) distances.push_back(LevenshteinDistance(SqlId(candidate), name));
  std::vector<size_t> order(candidates.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return distances[a] < distances[b]; });
  std::vector<std::vector<std::string>> sorted;
  for (size_t i : order) sorted.push_back(candidates[i]);
  return sorted;
}

size_t LevenshteinDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace ember
