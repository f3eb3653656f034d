#include "functions/string/collated_functions.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/collation.h"
#include "functions/executor.h"
#include "functions/string/collated_search.h"
#include "functions/string/collation_key.h"
#include "functions/string/locate_rows.h"
#include "functions/string/split_part.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

using SV = std::string_view;
using Match = CollatedSearch::Match;
constexpr size_t kNone = CollatedSearch::kNone;

// How a kernel sees its collation: the one it searches under (without _RTRIM) and whether the
// trailing spaces Spark trims first (each function says of which arguments) are to go.
struct Collated {
  uint16_t base;
  bool rtrim;
  bool icu;
  SV Trimmed(SV s) const { return rtrim ? TrimTrailingSpaces(s) : s; }
};

// A kernel whose row function `make(search)` uses one CollatedSearch per batch.
template <typename Signature, typename Make>
ScalarKernel SearchKernel(TypePtr out_type, const Collated& c, Make make) {
  return [out_type, c, make](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    CollatedSearch search(c.base);
    return ExecuteRows<Signature>(out_type, args, rows, make(search));
  };
}

int32_t CharPosition(SV s, size_t byte) { return static_cast<int32_t>(utf8::Length(s.substr(0, byte))); }

// The next place to search from after `m`, past it, and one character on when it is empty.
size_t After(SV s, const Match& m) { return m.end > m.begin ? m.end : m.end + utf8::CharBytes(s, m.end); }

enum class Test { kContains, kStartsWith, kEndsWith };

// contains / startswith / endswith: both sides without trailing spaces under _RTRIM.
ScalarKernel PredicateKernel(Test test, const Collated& c) {
  return SearchKernel<uint8_t(SV, SV)>(BooleanType(), c, [test, c](CollatedSearch& search) {
    return [&search, test, c](SV l, SV r) -> uint8_t {
      l = c.Trimmed(l);
      r = c.Trimmed(r);
      if (r.empty()) return true;
      if (l.empty()) return false;
      search.SetPattern(r);
      switch (test) {
        case Test::kContains: return search.Find(l, 0).found();
        case Test::kStartsWith: return search.MatchAt(l, 0) != kNone;
        case Test::kEndsWith: return search.MatchEndingAt(l, l.size()) != kNone;
      }
      return false;
    };
  });
}

// 1-based character position of the first `sub` in `s` at or after character `from`, 0 if absent
// (an empty sub is at 1, as Spark has it).
int32_t Position(CollatedSearch& search, const Collated& c, SV s, SV sub, int64_t from) {
  sub = c.Trimmed(sub);
  if (sub.empty()) return 1;
  search.SetPattern(sub);
  Match m = search.Find(s, utf8::ByteOffset(s, from));
  return m.found() ? CharPosition(s, m.begin) + 1 : 0;
}

ScalarKernel LocateKernel(const Collated& c) {
  return [c](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    CollatedSearch search(c.base);
    return LocateRows(args, rows, [&search, c](SV s, SV sub, int64_t from) { return Position(search, c, s, sub, from); });
  };
}

void Replace(CollatedSearch& search, std::string& out, SV s, SV what, SV with) {
  if (s.empty() || what.empty()) return out.append(s), void();
  search.SetPattern(what);
  size_t start = 0;
  for (size_t from = 0;;) {
    Match m = search.Find(s, from);
    if (!m.found()) break;
    out.append(s.substr(start, m.begin - start));
    out.append(with);
    start = m.end;
    from = After(s, m);
  }
  out.append(s.substr(start));
}

// substring_index: counting forward, occurrences may overlap (each search starts one character
// after the previous match); counting back, UTF8_LCASE takes the matches ending before the previous
// one's end, and ICU the non-overlapping matches found from the left, as Spark's do.
void SubstringIndex(CollatedSearch& search, const Collated& c, std::string& out, SV s, SV delim, int32_t count) {
  delim = c.Trimmed(delim);
  if (delim.empty() || count == 0 || s.empty()) return;
  search.SetPattern(delim);
  if (count > 0) {
    Match m;
    for (size_t from = 0; count > 0; --count) {
      m = search.Find(s, from);
      if (!m.found()) return out.append(s), void();
      from = m.begin + utf8::CharBytes(s, m.begin);
    }
    return out.append(s.substr(0, m.begin)), void();
  }
  int64_t wanted = -static_cast<int64_t>(count);
  if (c.icu) {
    std::vector<size_t> ends;
    for (Match m = search.Find(s, 0); m.found(); m = search.Find(s, After(s, m))) ends.push_back(m.end);
    if (static_cast<int64_t>(ends.size()) < wanted) return out.append(s), void();
    return out.append(s.substr(ends[ends.size() - wanted])), void();
  }
  size_t limit = s.size(), end = kNone;
  for (int64_t k = 0; k < wanted; ++k) {
    if (k > 0) {
      // The next match ends at least one character before this one.
      if (end == 0) return out.append(s), void();
      limit = end - 1;
      while (limit > 0 && utf8::IsContinuation(s[limit])) --limit;
    }
    end = kNone;
    for (size_t e = limit + 1; e-- > 0;) {
      if (e < s.size() && utf8::IsContinuation(s[e])) continue;
      if (search.MatchEndingAt(s, e) != kNone) {
        end = e;
        break;
      }
    }
    if (end == kNone) return out.append(s), void();
  }
  out.append(s.substr(end));
}

// find_in_set(word, set): the word (without trailing spaces under _RTRIM) equal under the
// collation to one of the comma-separated items.
ScalarKernel FindInSetKernel(const Collated& c) {
  return RowKernel<int32_t(SV, SV)>([c](SV word, SV set) -> int32_t {
    word = c.Trimmed(word);
    if (word.find(',') != SV::npos) return 0;
    std::string key, item_key;
    AppendCollationKey(word, c.base, key);
    int32_t index = 1;
    for (size_t start = 0;; ++index) {
      size_t comma = set.find(',', start);
      item_key.clear();
      AppendCollationKey(set.substr(start, comma == SV::npos ? SV::npos : comma - start), c.base, item_key);
      if (item_key == key) return index;
      if (comma == SV::npos) return 0;
      start = comma + 1;
    }
  });
}

enum Ends { kLeft = 1, kRight = 2, kBoth = 3 };

void TrimSpaces(std::string& out, SV s, int ends) {
  size_t begin = 0, end = s.size();
  if (ends & kLeft) {
    while (begin < end && s[begin] == ' ') ++begin;
  }
  if (ends & kRight) {
    while (end > begin && s[end - 1] == ' ') --end;
  }
  out.append(s.substr(begin, end - begin));
}

// The characters of a trim string, each as its own search (ICU) or folded (the others).
class TrimSet {
 public:
  explicit TrimSet(const Collated& c) : c_(c) {}

  void Set(SV chars) {
    if (ready_ && chars == chars_) return;
    ready_ = true;
    chars_.assign(chars);
    folded_.clear();
    searches_.clear();
    std::set<uint32_t> seen;
    for (size_t at = 0; at < chars_.size();) {
      size_t start = at;
      if (!seen.insert(utf8::Decode(chars_, at)).second) continue;
      SV ch = SV(chars_).substr(start, at - start);
      if (c_.icu) {
        searches_.push_back(std::make_unique<CollatedSearch>(c_.base));
        searches_.back()->SetPattern(ch);
      } else {
        folded_.insert(Fold(ch));
      }
    }
  }

  // The end of the trim character at `at` (the longest match under ICU), or kNone.
  size_t MatchAt(SV s, size_t at) {
    if (!c_.icu) {
      size_t n = utf8::CharBytes(s, at);
      return folded_.count(Fold(s.substr(at, n))) ? at + n : kNone;
    }
    size_t best = kNone;
    for (auto& search : searches_) {
      size_t end = search->MatchAt(s, at);
      if (end != kNone && end > at && (best == kNone || end > best)) best = end;
    }
    return best;
  }

  // The start of the trim character ending at `end` (the longest match under ICU), or kNone.
  size_t MatchEndingAt(SV s, size_t end) {
    if (!c_.icu) {
      size_t start = end - 1;
      while (start > 0 && utf8::IsContinuation(s[start])) --start;
      return folded_.count(Fold(s.substr(start, end - start))) ? start : kNone;
    }
    size_t best = kNone;
    for (auto& search : searches_) {
      size_t start = search->MatchEndingAt(s, end);
      if (start != kNone && start < end && (best == kNone || start < best)) best = start;
    }
    return best;
  }

 private:
  std::string Fold(SV ch) const {
    if (CollationOf(c_.base).family == CollationFamily::kBinary) return std::string(ch);
    std::string lowered;
    AppendSparkLowercase(ch, lowered);
    return lowered;
  }

  Collated c_;
  bool ready_ = false;
  std::string chars_;
  std::unordered_set<std::string> folded_;
  std::vector<std::unique_ptr<CollatedSearch>> searches_;
};

// trim(str, trimStr) and its one-sided forms: under _RTRIM both lose their trailing spaces first.
ScalarKernel TrimKernel(int ends, size_t arg_count, const Collated& c) {
  if (arg_count == 1) {
    return RowKernel<StringResult(SV)>([ends, c](std::string& out, SV s) { TrimSpaces(out, c.Trimmed(s), ends); });
  }
  return [ends, c](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    TrimSet set(c);
    return ExecuteRows<StringResult(SV, SV)>(StringType(), args, rows, [&set, ends, c](std::string& out, SV s, SV chars) {
      s = c.Trimmed(s);
      chars = c.Trimmed(chars);
      if (s.empty() || chars.empty()) return out.append(s), void();
      set.Set(chars);
      if (ends & kLeft) {
        size_t begin = 0;
        for (size_t next; begin < s.size() && (next = set.MatchAt(s, begin)) != kNone;) begin = next;
        s = s.substr(begin);
      }
      if (ends & kRight) {
        size_t end = s.size();
        for (size_t prev; end > 0 && (prev = set.MatchEndingAt(s, end)) != kNone;) end = prev;
        s = s.substr(0, end);
      }
      out.append(s);
    });
  };
}

// translate's dictionary: each character of `from` (the first of equal ones) to the character at
// its place in `to`, or to nothing past to's end.
struct Translation {
  std::vector<std::string> keys;
  std::vector<std::optional<std::string>> replacements;
};

Translation BuildTranslation(SV from, SV to) {
  Translation t;
  std::set<std::string> seen;
  for (size_t at = 0, to_at = 0; at < from.size();) {
    size_t start = at;
    utf8::Decode(from, at);
    std::optional<std::string> replacement;
    if (to_at < to.size()) {
      size_t to_start = to_at;
      utf8::Decode(to, to_at);
      replacement = std::string(to.substr(to_start, to_at - to_start));
    }
    std::string key(from.substr(start, at - start));
    if (!seen.insert(key).second) continue;
    t.keys.push_back(std::move(key));
    t.replacements.push_back(std::move(replacement));
  }
  return t;
}

// translate under UTF8_LCASE (a character matches a key of the same lowercase, the first such key
// wins) or ICU (the longest match of a key at each place wins, as Spark's StringSearch loop).
ScalarKernel TranslateKernel(const Collated& c) {
  return [c](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::string from_cache, to_cache;
    bool ready = false;
    Translation t;
    std::unordered_map<std::string, size_t> folded;
    std::vector<std::unique_ptr<CollatedSearch>> searches;
    bool binary = CollationOf(c.base).family == CollationFamily::kBinary;
    auto fold = [binary](SV ch) {
      std::string lowered;
      if (binary) return std::string(ch);
      AppendSparkLowercase(ch, lowered);
      return lowered;
    };
    return ExecuteRows<StringResult(SV, SV, SV)>(StringType(), args, rows, [&](std::string& out, SV s, SV from, SV to) {
      if (!ready || from != from_cache || to != to_cache) {
        ready = true;
        from_cache.assign(from);
        to_cache.assign(to);
        t = BuildTranslation(from, to);
        folded.clear();
        searches.clear();
        for (size_t k = 0; k < t.keys.size(); ++k) {
          if (c.icu) {
            searches.push_back(std::make_unique<CollatedSearch>(c.base));
            searches.back()->SetPattern(t.keys[k]);
          } else {
            folded.emplace(fold(t.keys[k]), k);
          }
        }
      }
      for (size_t at = 0; at < s.size();) {
        size_t n = utf8::CharBytes(s, at);
        size_t key = kNone, end = at + n;
        if (c.icu) {
          size_t best = at;
          for (size_t k = 0; k < searches.size(); ++k) {
            size_t match_end = searches[k]->MatchAt(s, at);
            if (match_end != kNone && match_end > best) best = match_end, key = k;
          }
          if (key != kNone) end = best;
        } else {
          auto it = folded.find(fold(s.substr(at, n)));
          if (it != folded.end()) key = it->second;
        }
        if (key == kNone) {
          out.append(s.substr(at, n));
        } else if (t.replacements[key]) {
          out.append(*t.replacements[key]);
        }
        at = end;
      }
    });
  };
}

ScalarKernel SplitPartKernel(const Collated& c) {
  return SearchKernel<StringResult(SV, SV, int32_t)>(StringType(), c, [c](CollatedSearch& search) {
    return [&search, c, parts = std::vector<SV>()](std::string& out, SV s, SV delim, int32_t n) mutable {
      SplitUnderCollation(search, s, c.Trimmed(delim), -1, parts);
      AppendSplitPart(out, parts, n);
    };
  });
}

// greatest / least: the first of the largest (smallest) non-null values by collation key.
ScalarKernel ExtremeKernel(bool greatest, uint16_t collation) {
  return [greatest, collation](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorBuilder builder(StringType(), rows);
    std::string best_key, key;
    for (int64_t i = 0; i < rows; ++i) {
      const Vector* best = nullptr;
      for (const auto& arg : args) {
        if (arg->IsNull(i)) continue;
        key.clear();
        AppendCollationKey(arg->GetString(i), collation, key);
        if (best == nullptr || (greatest ? key > best_key : key < best_key)) {
          best = arg.get();
          best_key.swap(key);
        }
      }
      if (best == nullptr) {
        builder.AppendNull();
      } else {
        builder.AppendString(best->GetString(i));
      }
    }
    return builder.Finish();
  };
}

enum class CaseMapping { kUpper, kLower, kTitle };

// upper / lower / initcap under UTF8_LCASE (ICU's root case mappings) or an ICU collation (its
// locale's), as Spark's CollationAwareUTF8String maps case there; initcap titlecases the words
// ICU's word breaks find and lowercases the rest.
ScalarKernel CaseKernel(CaseMapping mapping, uint16_t base) {
  const CollationInfo& info = CollationOf(base);
  std::string locale = info.family == CollationFamily::kIcu ? info.icu_locale : "root";
  return RowKernel<StringResult(SV)>([mapping, locale](std::string& out, SV s) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    icu::Locale where(locale.c_str());
    switch (mapping) {
      case CaseMapping::kUpper: text.toUpper(where); break;
      case CaseMapping::kLower: text.toLower(where); break;
      case CaseMapping::kTitle: text.toTitle(nullptr, where); break;
    }
    text.toUTF8String(out);
  });
}

const std::set<std::string>& Names() {
  static const std::set<std::string> names = {"contains", "startswith", "endswith", "instr", "locate", "position",
                                              "replace", "split_part", "substring_index", "find_in_set", "trim",
                                              "ltrim", "rtrim", "btrim", "translate", "greatest",
                                              "least", "upper", "ucase", "lower", "lcase", "initcap"};
  return names;
}

}  // namespace

bool HasCollatedKernel(const std::string& function) { return Names().count(function) > 0; }

ScalarKernel CollatedKernel(const std::string& function, const std::vector<TypePtr>& arg_types, uint16_t collation) {
  bool any_collation = function == "greatest" || function == "least" || function == "upper" || function == "ucase" ||
                       function == "lower" || function == "lcase" || function == "initcap";
  for (size_t i = 0; i < arg_types.size() && !any_collation; ++i) {
    if (arg_types[i]->id != TypeId::kString) continue;
    const CollationInfo& info = CollationOf(arg_types[i]->collation);
    if (info.accent_insensitive && !info.case_insensitive) ThrowUnexpectedType(function, i, "\"STRING\"", *arg_types[i]);
  }
  const CollationInfo& info = CollationOf(collation);
  Collated c{CollationWithoutTrim(collation), info.rtrim, info.family == CollationFamily::kIcu};
  size_t n = arg_types.size();
  if (function == "contains") return PredicateKernel(Test::kContains, c);
  if (function == "startswith") return PredicateKernel(Test::kStartsWith, c);
  if (function == "endswith") return PredicateKernel(Test::kEndsWith, c);
  if (function == "instr" || ((function == "locate" || function == "position") && n == 2)) {
    bool swapped = function != "instr";
    return SearchKernel<int32_t(SV, SV)>(IntType(), c, [c, swapped](CollatedSearch& search) {
      return [&search, c, swapped](SV a, SV b) { return swapped ? Position(search, c, b, a, 0) : Position(search, c, a, b, 0); };
    });
  }
  if (function == "locate" || function == "position") return LocateKernel(c);
  if (function == "replace") {
    if (n == 2) {
      return SearchKernel<StringResult(SV, SV)>(StringType(), c, [](CollatedSearch& search) {
        return [&search](std::string& out, SV s, SV what) { Replace(search, out, s, what, ""); };
      });
    }
    return SearchKernel<StringResult(SV, SV, SV)>(StringType(), c, [](CollatedSearch& search) {
      return [&search](std::string& out, SV s, SV what, SV with) { Replace(search, out, s, what, with); };
    });
  }
  if (function == "split_part") return SplitPartKernel(c);
  if (function == "substring_index") {
    return SearchKernel<StringResult(SV, SV, int32_t)>(StringType(), c, [c](CollatedSearch& search) {
      return [&search, c](std::string& out, SV s, SV delim, int32_t count) { SubstringIndex(search, c, out, s, delim, count); };
    });
  }
  if (function == "find_in_set") return FindInSetKernel(c);
  if (function == "translate") return TranslateKernel(c);
  if (function == "ltrim") return TrimKernel(kLeft, n, c);
  if (function == "rtrim") return TrimKernel(kRight, n, c);
  if (function == "trim" || function == "btrim") return TrimKernel(kBoth, n, c);
  if (function == "greatest" || function == "least") return ExtremeKernel(function == "greatest", collation);
  if (function == "upper" || function == "ucase") return CaseKernel(CaseMapping::kUpper, c.base);
  if (function == "lower" || function == "lcase") return CaseKernel(CaseMapping::kLower, c.base);
  if (function == "initcap") return CaseKernel(CaseMapping::kTitle, c.base);
  return nullptr;
}

}  // namespace ember
