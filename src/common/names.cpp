#include "common/names.h"

namespace ember {
namespace {

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool NamesEqual(std::string_view a, std::string_view b, bool case_sensitive) {
  if (case_sensitive || a.size() != b.size()) return a == b;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

int FindFieldIndex(const Schema& schema, std::string_view name, bool case_sensitive) {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (NamesEqual(schema[i].name, name, case_sensitive)) return static_cast<int>(i);
  }
  return -1;
}

int FindNameIndex(const std::vector<std::string>& names, std::string_view name, bool case_sensitive) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (NamesEqual(names[i], name, case_sensitive)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace ember
