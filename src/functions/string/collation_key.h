// Collation keys: bytes whose binary equality and order are a collation's (UTF8_LCASE: the string
// lowercased as Spark does; UNICODE and the locales: ICU's sort key; _RTRIM: of the string without
// its trailing spaces). The analyzer compares, sorts, groups and joins collated strings by their
// keys, so the operators keep their binary paths.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ember {

// The hidden function collation_key(s): s's key under its type's collation, a binary (ICU sort
// keys) or a UTF8_BINARY string (the other families, so that string matching applies to it); of an
// array, map or struct holding collated strings, the same value with those strings keyed.
constexpr const char* kCollationKeyFunction = "collation_key";

struct DataType;
class Vector;
// Whether `type` is a collated string or holds one (in arrays, maps, structs).
bool HasCollatedString(const DataType& type);

// The strings of `strings` (a string vector) as a vector of the collated string type `type`: kernels
// build plain string vectors, and the functions that compare values (functions/value_ordering.h)
// learn a collation from the vectors they are given.
std::shared_ptr<Vector> WithCollatedType(const std::shared_ptr<Vector>& strings, const std::shared_ptr<const DataType>& type);

// Appends the key of `text` under `collation` to `out`.
void AppendCollationKey(std::string_view text, uint16_t collation, std::string& out);
// `text` lowercased as Spark's UTF8_LCASE does: each code point's simple lowercase, with İ (U+0130)
// as i followed by U+0307 and the final sigma as σ.
void AppendSparkLowercase(std::string_view text, std::string& out);

}  // namespace ember
