#include "functions/string/collated_search.h"

#include <unicode/stsearch.h>
#include <unicode/tblcoll.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "common/collation.h"
#include "common/error.h"
#include "functions/string/collation_key.h"
#include "functions/string/icu_collator.h"
#include "functions/string/utf8.h"

namespace ember {

// ICU's StringSearch over one text at a time; ICU counts in UTF-16 units, `byte_at` maps them back.
struct CollatedSearch::Icu {
  std::unique_ptr<icu::RuleBasedCollator> collator;
  std::unique_ptr<icu::StringSearch> search;
  icu::UnicodeString pattern;
  std::string text;
  bool has_text = false;
  std::vector<size_t> byte_at;  // UTF-16 index -> byte offset in `text` (one past the end included)

  // Sets the search on `t` (not empty); false when there is no text to search.
  void SetText(std::string_view t) {
    if (has_text && t == text) return;
    text.assign(t);
    icu::UnicodeString text16;
    byte_at.clear();
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    int32_t length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
      size_t start = static_cast<size_t>(i);
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (c < 0) c = 0xFFFD;
      text16.append(c);
      byte_at.insert(byte_at.end(), U16_LENGTH(c), start);
    }
    byte_at.push_back(text.size());
    UErrorCode status = U_ZERO_ERROR;
    if (search == nullptr) {
      search = std::make_unique<icu::StringSearch>(pattern, text16, collator.get(), nullptr, status);
    } else {
      search->setText(text16, status);
    }
    if (U_FAILURE(status)) throw InternalError(std::string("ICU string search: ") + u_errorName(status));
    has_text = true;
  }

  int32_t Utf16At(size_t byte) const {
    return static_cast<int32_t>(std::lower_bound(byte_at.begin(), byte_at.end(), byte) - byte_at.begin());
  }

  // The match at the search's current place, after first/next/last returned `at`.
  Match MatchOf(int32_t at) const {
    if (at == USEARCH_DONE) return {};
    return {byte_at[at], byte_at[at + search->getMatchedLength()]};
  }
};

CollatedSearch::CollatedSearch(uint16_t collation) {
  CollationFamily family = CollationOf(collation).family;
  mode_ = family == CollationFamily::kBinary ? Mode::kBytes : family == CollationFamily::kLowercase ? Mode::kLowercase : Mode::kIcu;
  if (mode_ != Mode::kIcu) return;
  icu_ = std::make_unique<Icu>();
  icu::Collator* copy = IcuCollatorOf(collation).clone();
  icu_->collator.reset(dynamic_cast<icu::RuleBasedCollator*>(copy));
  if (icu_->collator == nullptr) {
    delete copy;
    throw InternalError("the collator of " + CollationName(collation) + " is not rule based");
  }
}

CollatedSearch::~CollatedSearch() = default;

void CollatedSearch::SetPattern(std::string_view pattern) {
  if (mode_ != Mode::kIcu) {
    pattern_.clear();
    if (mode_ == Mode::kLowercase) AppendSparkLowercase(pattern, pattern_);
    else pattern_.assign(pattern);
    return;
  }
  icu::UnicodeString next = icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  if (next == icu_->pattern && !icu_->pattern.isEmpty()) return;
  icu_->pattern = next;
  if (icu_->search != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    icu_->search->setPattern(icu_->pattern, status);
    if (U_FAILURE(status)) throw InternalError(std::string("ICU string search: ") + u_errorName(status));
  }
}

size_t CollatedSearch::MatchAt(std::string_view text, size_t at) {
  if (mode_ == Mode::kBytes) return text.compare(at, pattern_.size(), pattern_) == 0 ? at + pattern_.size() : kNone;
  if (mode_ == Mode::kIcu) {
    Match match = Find(text, at);
    return match.begin == at ? match.end : kNone;
  }
  // Each character of the text from `at` lowercased must continue the lowercased pattern, which
  // must end at a character's end.
  std::string lowered;
  size_t p = 0, i = at;
  while (p < pattern_.size()) {
    if (i >= text.size()) return kNone;
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (static_cast<unsigned char>(pattern_[p]) != (c >= 'A' && c <= 'Z' ? c + 32 : c)) return kNone;
      ++p;
      ++i;
      continue;
    }
    size_t n = utf8::CharBytes(text, i);
    lowered.clear();
    AppendSparkLowercase(text.substr(i, n), lowered);
    if (pattern_.compare(p, lowered.size(), lowered) != 0) return kNone;
    p += lowered.size();
    i += n;
  }
  return i;
}

CollatedSearch::Match CollatedSearch::Find(std::string_view text, size_t from) {
  if (from >= text.size()) return {};
  if (mode_ == Mode::kBytes) {
    size_t at = text.find(pattern_, from);
    return at == kNone ? Match{} : Match{at, at + pattern_.size()};
  }
  if (mode_ == Mode::kLowercase) {
    for (size_t i = from; i < text.size(); i += utf8::CharBytes(text, i)) {
      size_t end = MatchAt(text, i);
      if (end != kNone) return {i, end};
    }
    return {};
  }
  icu_->SetText(text);
  UErrorCode status = U_ZERO_ERROR;
  icu_->search->setOffset(icu_->Utf16At(from), status);
  int32_t at = icu_->search->next(status);
  if (U_FAILURE(status)) throw InternalError(std::string("ICU string search: ") + u_errorName(status));
  return icu_->MatchOf(at);
}

size_t CollatedSearch::MatchEndingAt(std::string_view text, size_t end) {
  text = text.substr(0, end);
  if (text.empty()) return kNone;
  if (mode_ == Mode::kBytes) {
    return end >= pattern_.size() && text.compare(end - pattern_.size(), pattern_.size(), pattern_) == 0 ? end - pattern_.size() : kNone;
  }
  if (mode_ == Mode::kLowercase) {
    // A character's lowercase takes at least a third of its bytes, so a match starts near the end.
    size_t lowest = end > 3 * pattern_.size() ? end - 3 * pattern_.size() : 0;
    for (size_t start = end; start-- > lowest;) {
      if (utf8::IsContinuation(text[start])) continue;
      if (MatchAt(text, start) == end) return start;
    }
    return kNone;
  }
  icu_->SetText(text);
  UErrorCode status = U_ZERO_ERROR;
  Match match = icu_->MatchOf(icu_->search->last(status));
  if (U_FAILURE(status)) throw InternalError(std::string("ICU string search: ") + u_errorName(status));
  return match.end == end ? match.begin : kNone;
}

void SplitUnderCollation(CollatedSearch& search, std::string_view s, std::string_view delim, int limit,
                         std::vector<std::string_view>& parts) {
  parts.clear();
  if (delim.empty() || s.empty()) return parts.push_back(s);
  search.SetPattern(delim);
  size_t start = 0;
  for (size_t from = 0; limit < 0 || static_cast<int>(parts.size()) < limit - 1;) {
    CollatedSearch::Match m = search.Find(s, from);
    if (!m.found()) break;
    parts.push_back(s.substr(start, m.begin - start));
    start = m.end;
    // Past the match, and one character on when it is empty.
    from = m.end > m.begin ? m.end : m.end + utf8::CharBytes(s, m.end);
  }
  parts.push_back(s.substr(start));
}

uint16_t CollationWithoutTrim(uint16_t collation) {
  const CollationInfo& info = CollationOf(collation);
  if (!info.rtrim) return collation;
  return CollationIdOf(info.name.substr(0, info.name.size() - std::string("_RTRIM").size()));
}

std::string_view TrimTrailingSpaces(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace ember
