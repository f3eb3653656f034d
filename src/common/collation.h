// Spark 4.0's string collations. A collation name is checked once, as Spark does (case-insensitive:
// UTF8_BINARY and UTF8_LCASE, UNICODE and the ICU locales such as de or sr_Cyrl_SRB with the _CI/_CS
// and _AI/_AS specifiers, and _RTRIM on any of them), and the string type then carries it as a
// small id handed out in order of first use. Id 0 is UTF8_BINARY, so binary strings never look here.
#pragma once

#include <cstdint>
#include <string>

#include "common/types.h"

namespace ember {

enum class CollationFamily : uint8_t {
  kBinary,     // UTF8_BINARY: byte order
  kLowercase,  // UTF8_LCASE: byte order of the lowercased strings
  kIcu,        // UNICODE and the locales: ICU's collator
};

struct CollationInfo {
  std::string name;  // as Spark prints it: "UTF8_LCASE", "UNICODE_CI", "sr_Cyrl_SRB_CI_AI"
  CollationFamily family = CollationFamily::kBinary;
  std::string icu_locale;  // ICU's id of the locale ("root" for UNICODE)
  bool case_insensitive = false;
  bool accent_insensitive = false;
  bool rtrim = false;  // trailing spaces are ignored
};

constexpr uint16_t kUtf8BinaryCollation = 0;

// The id of a collation name; COLLATION_INVALID_NAME with Spark's kind of suggestions when it names
// none.
uint16_t CollationIdOf(const std::string& name);
const CollationInfo& CollationOf(uint16_t id);
inline const std::string& CollationName(uint16_t id) { return CollationOf(id).name; }
// The string type under a collation (StringType() itself for UTF8_BINARY).
TypePtr CollatedStringType(uint16_t id);
inline bool IsCollatedString(const DataType& type) { return type.id == TypeId::kString && type.collation != 0; }

}  // namespace ember
