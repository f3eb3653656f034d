// Collation keys: bytes whose binary equality and order are a collation's (UTF8_LCASE: the string
// lowercased as Spark does; UNICODE and the locales: ICU's sort key; _RTRIM: of the string without
// its trailing spaces). The analyzer compares, sorts, groups and joins collated strings by their
// keys, so the operators keep their binary paths.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ember {

// The hidden function collation_key(s): s's key under its type's collation, a binary (ICU sort
// keys) or a UTF8_BINARY string (the other families, so that string matching applies to it).
constexpr const char* kCollationKeyFunction = "collation_key";

// Appends the key of `text` under `collation` to `out`.
void AppendCollationKey(std::string_view text, uint16_t collation, std::string& out);
// `text` lowercased as Spark's UTF8_LCASE does: each code point's simple lowercase, with İ (U+0130)
// as i followed by U+0307 and the final sigma as σ.
void AppendSparkLowercase(std::string_view text, std::string& out);

}  // namespace ember
