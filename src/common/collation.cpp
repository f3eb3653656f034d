#include "common/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

#include "common/error.h"

namespace ember {
namespace {

struct Registry {
  std::mutex mutex;
  std::deque<CollationInfo> collations;  // by id; a deque keeps references stable as it grows
  std::map<std::string, uint16_t> ids;   // by name
  std::deque<TypePtr> types;

  Registry() {
    Add(CollationInfo{.name = "UTF8_BINARY"});
    Add(CollationInfo{.name = "UTF8_LCASE", .family = CollationFamily::kLowercase});
    Add(CollationInfo{.name = "UNICODE", .family = CollationFamily::kIcu, .icu_locale = "root"});
    Add(CollationInfo{.name = "UNICODE_CI", .family = CollationFamily::kIcu, .icu_locale = "root", .case_insensitive = true});
  }
  uint16_t Add(CollationInfo info) {
    auto id = static_cast<uint16_t>(collations.size());
    ids.emplace(info.name, id);
    types.push_back(id == 0 ? StringType() : std::make_shared<DataType>(DataType{.id = TypeId::kString, .collation = id}));
    collations.push_back(std::move(info));
    return id;
  }
};

Registry& TheRegistry() {
  static Registry registry;
  return registry;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

struct IcuLocale {
  std::string name;    // Spark's spelling: language[_Script][_ISO3 country], "UNICODE" for the root
  std::string icu_id;  // ICU's own id
};

// ICU's locales with a collator, keyed by Spark's locale name in upper case.
const std::map<std::string, IcuLocale>& IcuLocales() {
  static const std::map<std::string, IcuLocale> locales = [] {
    std::map<std::string, IcuLocale> out;
    out.emplace("UNICODE", IcuLocale{"UNICODE", "root"});
    int32_t count = 0;
    const icu::Locale* available = icu::Collator::getAvailableLocales(count);
    for (int32_t i = 0; i < count; ++i) {
      const icu::Locale& locale = available[i];
      if (*locale.getVariant() != '\0' || *locale.getLanguage() == '\0') continue;
      std::string name = locale.getLanguage();
      if (*locale.getScript() != '\0') name += std::string("_") + locale.getScript();
      if (*locale.getISO3Country() != '\0') name += std::string("_") + locale.getISO3Country();
      out.emplace(Upper(name), IcuLocale{name, locale.getName()});
    }
    return out;
  }();
  return locales;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

[[noreturn]] void InvalidName(const std::string& name) {
  std::vector<std::string> proposals = {"UTF8_BINARY", "UTF8_LCASE", "UNICODE", "UNICODE_CI"};
  std::string upper = Upper(name);
  std::stable_sort(proposals.begin(), proposals.end(), [&](const std::string& a, const std::string& b) {
    return EditDistance(upper, a) < EditDistance(upper, b);
  });
  proposals.resize(3);
  throw SparkError("COLLATION_INVALID_NAME",
                   {{"collationName", name}, {"proposals", proposals[0] + ", " + proposals[1] + ", " + proposals[2]}});
}

// Parses a name as Spark's CollationFactory does: the UTF8 family by prefix, an ICU locale by the
// longest matching prefix, then each specifier at most once.
CollationInfo Parse(const std::string& name) {
  std::string upper = Upper(name);
  CollationInfo info;
  std::string rest;
  if (upper.rfind("UTF8_", 0) == 0) {
    for (const char* base : {"UTF8_BINARY", "UTF8_LCASE"}) {
      if (upper.rfind(base, 0) == 0) info.name = base;
    }
    if (info.name.empty()) InvalidName(name);
    info.family = info.name == "UTF8_LCASE" ? CollationFamily::kLowercase : CollationFamily::kBinary;
    rest = upper.substr(info.name.size());
    if (rest == "_RTRIM") {
      info.rtrim = true;
    } else if (!rest.empty()) {
      InvalidName(name);
    }
  } else {
    const IcuLocale* locale = nullptr;
    size_t length = 0;
    for (size_t i = 1; i <= upper.size(); ++i) {
      auto found = IcuLocales().find(upper.substr(0, i));
      if (found != IcuLocales().end()) locale = &found->second, length = i;
    }
    if (locale == nullptr) InvalidName(name);
    info.family = CollationFamily::kIcu;
    info.icu_locale = locale->icu_id;
    rest = upper.substr(length);
    if (!rest.empty() && rest[0] != '_') InvalidName(name);
    bool case_set = false, accent_set = false;
    for (size_t pos = 1; pos <= rest.size(); ) {
      size_t end = std::min(rest.find('_', pos), rest.size());
      std::string specifier = rest.substr(pos, end - pos);
      bool* seen = specifier == "CI" || specifier == "CS" ? &case_set
                   : specifier == "AI" || specifier == "AS" ? &accent_set
                   : specifier == "RTRIM"                    ? &info.rtrim
                                                             : nullptr;
      if (seen == nullptr || *seen) InvalidName(name);
      *seen = true;
      info.case_insensitive |= specifier == "CI";
      info.accent_insensitive |= specifier == "AI";
      pos = end + 1;
    }
    info.name = locale->name;
    if (info.case_insensitive) info.name += "_CI";
    if (info.accent_insensitive) info.name += "_AI";
  }
  if (info.rtrim) info.name += "_RTRIM";
  return info;
}

}  // namespace

uint16_t CollationIdOf(const std::string& qualified) {
  // Spark's built-in collations may be named as SYSTEM.BUILTIN.name.
  const std::string prefix = "SYSTEM.BUILTIN.";
  bool builtin = qualified.size() > prefix.size() && Upper(qualified.substr(0, prefix.size())) == prefix;
  const std::string name = builtin ? qualified.substr(prefix.size()) : qualified;
  Registry& registry = TheRegistry();
  {
    std::lock_guard lock(registry.mutex);
    auto found = registry.ids.find(name);
    if (found != registry.ids.end()) return found->second;
  }
  CollationInfo info = Parse(name);
  std::lock_guard lock(registry.mutex);
  auto found = registry.ids.find(info.name);
  if (found != registry.ids.end()) return found->second;
  if (registry.collations.size() > UINT16_MAX) throw SparkError("INTERNAL_ERROR", {{"message", "too many collations"}});
  return registry.Add(std::move(info));
}

const CollationInfo& CollationOf(uint16_t id) {
  Registry& registry = TheRegistry();
  std::lock_guard lock(registry.mutex);
  return registry.collations.at(id);
}

TypePtr CollatedStringType(uint16_t id) {
  Registry& registry = TheRegistry();
  std::lock_guard lock(registry.mutex);
  return registry.types.at(id);
}

}  // namespace ember
