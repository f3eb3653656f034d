// Searching a pattern in texts under a collation, as Spark 4.0's collation-aware string functions
// do (CollationAwareUTF8String): under UTF8_LCASE a match is a run of whole characters of the text
// whose lowercase (Spark's, functions/string/collation_key.h) is the pattern's lowercase; under the
// ICU collations it is what ICU's StringSearch finds with the collation's collator (and under
// UTF8_BINARY, for the _RTRIM one, the bytes themselves). Positions are byte offsets at character
// boundaries. One object serves one thread (it keeps ICU state).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ember {

class CollatedSearch {
 public:
  static constexpr size_t kNone = std::string_view::npos;
  struct Match {
    size_t begin = kNone;
    size_t end = kNone;
    bool found() const { return begin != kNone; }
  };

  // `collation` has no _RTRIM specifier (callers trim as Spark does).
  explicit CollatedSearch(uint16_t collation);
  ~CollatedSearch();
  CollatedSearch(const CollatedSearch&) = delete;
  CollatedSearch& operator=(const CollatedSearch&) = delete;

  // The pattern of the searches that follow; not empty.
  void SetPattern(std::string_view pattern);
  // The first match beginning at or after byte `from`.
  Match Find(std::string_view text, size_t from);
  // The end of a match beginning at byte `at`, or kNone (the longest, for ICU).
  size_t MatchAt(std::string_view text, size_t at);
  // The beginning of a match ending at byte `end`, or kNone.
  size_t MatchEndingAt(std::string_view text, size_t end);

 private:
  struct Icu;
  enum class Mode { kBytes, kLowercase, kIcu };
  Mode mode_;
  std::string pattern_;  // lowercased under UTF8_LCASE
  std::unique_ptr<Icu> icu_;
};

// The parts of `s` between non-overlapping matches of `delim` in `search`'s collation, at most
// `limit` (no limit when negative); `s` whole when delim is empty.
void SplitUnderCollation(CollatedSearch& search, std::string_view s, std::string_view delim, int limit,
                         std::vector<std::string_view>& parts);

// `collation` without its _RTRIM specifier.
uint16_t CollationWithoutTrim(uint16_t collation);
// `text` without trailing spaces (what an _RTRIM collation ignores).
std::string_view TrimTrailingSpaces(std::string_view text);

}  // namespace ember
