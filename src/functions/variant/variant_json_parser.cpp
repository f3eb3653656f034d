#include "functions/variant/variant_json_parser.h"

#include <charconv>
#include <cstdlib>

#include "common/error.h"
#include "common/variant.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Jackson's default limit on nesting; deeper documents are malformed.
constexpr int kMaxDepth = 1000;

class Parser {
 public:
  Parser(std::string_view text, VariantWriter& writer) : text_(text), writer_(writer) {}

  bool ParseDocument() {
    SkipSpace();
    if (!ParseValue(0)) return false;
    SkipSpace();
    return pos_ == text_.size();
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) ++pos_;
  }
  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool ParseValue(int depth) {
    if (pos_ >= text_.size() || depth > kMaxDepth) return false;
    char c = text_[pos_];
    if (c == '{') return ParseObject(depth);
    if (c == '[') return ParseArray(depth);
    if (c == '"') {
      std::string s;
      if (!ParseString(&s)) return false;
      writer_.AppendString(s);
      return true;
    }
    if (Literal("true")) return writer_.AppendBoolean(true), true;
    if (Literal("false")) return writer_.AppendBoolean(false), true;
    if (Literal("null")) return writer_.AppendNull(), true;
    return ParseNumber();
  }

  bool ParseObject(int depth) {
    VariantWriter::Container container = writer_.StartContainer();
    std::string key;
    auto field = [&] {
      if (pos_ >= text_.size() || text_[pos_] != '"' || !ParseString(&key)) return false;
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return false;
      ++pos_;
      SkipSpace();
      writer_.AddField(key);
      return ParseValue(depth + 1);
    };
    if (!ParseEntries('}', field)) return false;
    writer_.FinishObject(container);
    return true;
  }

  bool ParseArray(int depth) {
    VariantWriter::Container container = writer_.StartContainer();
    auto element = [&] {
      writer_.AddElement();
      return ParseValue(depth + 1);
    };
    if (!ParseEntries(']', element)) return false;
    writer_.FinishArray(container);
    return true;
  }

  // After an opening bracket: `entry` for each comma-separated entry, up to `close`.
  template <typename Entry>
  bool ParseEntries(char close, Entry entry) {
    ++pos_;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == close) {
      ++pos_;
      return true;
    }
    while (true) {
      SkipSpace();
      if (!entry()) return false;
      SkipSpace();
      if (pos_ >= text_.size()) return false;
      char c = text_[pos_++];
      if (c == close) return true;
      if (c != ',') return false;
    }
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool Hex4(uint32_t* out) {
    if (pos_ + 4 > text_.size()) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    *out = v;
    return true;
  }

  bool ParseString(std::string* out) {
    out->clear();
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;  // Jackson refuses raw control characters
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) return false;
      char e = text_[pos_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
            size_t save = pos_;
            pos_ += 2;
            uint32_t low;
            if (Hex4(&low) && low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
            }
          }
          AppendUtf8(cp, out);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  // JSON's number grammar; leading zeros, '+', '.5' and '5.' are refused as Jackson does.
  bool ParseNumber() {
    size_t start = pos_;
    bool negative = false;
    if (pos_ < text_.size() && text_[pos_] == '-') {
      negative = true;
      ++pos_;
    }
    size_t int_start = pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    size_t int_digits = pos_ - int_start;
    if (int_digits == 0 || (int_digits > 1 && text_[int_start] == '0')) return false;
    size_t frac_start = pos_, frac_digits = 0;
    bool fraction = false, exponent = false;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      fraction = true;
      frac_start = ++pos_;
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
      frac_digits = pos_ - frac_start;
      if (frac_digits == 0) return false;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      exponent = true;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      size_t exp_start = pos_;
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
      if (pos_ == exp_start) return false;
    }
    std::string_view number = text_.substr(start, pos_ - start);
    if (!fraction && !exponent) {
      int64_t v;
      auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
      if (ec == std::errc() && end == number.data() + number.size()) {
        writer_.AppendLong(v);
        return true;
      }
    }
    if (!exponent && int_digits + frac_digits <= 60) {
      // An exact decimal when its digits (leading zeros aside) and scale fit in 38.
      int128_t unscaled = 0;
      int precision = 0;
      bool fits = true;
      for (size_t i = int_start; i < pos_; ++i) {
        if (text_[i] == '.') continue;
        if (precision == 0 && text_[i] == '0') continue;
        if (++precision > 38) {
          fits = false;
          break;
        }
        unscaled = unscaled * 10 + (text_[i] - '0');
      }
      if (fits && static_cast<int>(frac_digits) <= 38) {
        writer_.AppendDecimal(negative ? -unscaled : unscaled, std::max(precision, 1), static_cast<int>(frac_digits));
        return true;
      }
    }
    writer_.AppendDouble(std::strtod(std::string(number).c_str(), nullptr));
    return true;
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  std::string_view text_;
  size_t pos_ = 0;
  VariantWriter& writer_;
};

}  // namespace

bool ParseJsonVariant(std::string_view text, VariantWriter& writer, std::string* value, std::string* metadata) {
  writer.Reset();
  Parser parser(text, writer);
  bool parsed;
  try {
    parsed = parser.ParseDocument();
  } catch (const SparkError& e) {
    // Spark wraps VARIANT_DUPLICATE_KEY into the malformed-record error (or null).
    if (e.error_class() != "VARIANT_DUPLICATE_KEY") throw;
    parsed = false;
  }
  if (!parsed) {
    writer.Reset();
    return false;
  }
  writer.Finish(value, metadata);
  return true;
}

VectorPtr ParseJsonVector(const Vector& text, int64_t rows, VariantWriter& writer, bool try_mode) {
  VectorBuilder builder(VariantType(), rows);
  std::string value, metadata;
  for (int64_t i = 0; i < rows; ++i) {
    if (text.IsNull(i)) {
      builder.AppendNull();
    } else if (ParseJsonVariant(text.GetString(i), writer, &value, &metadata)) {
      AppendVariantRow(builder, value, metadata);
    } else if (try_mode) {
      builder.AppendNull();
    } else {
      throw SparkError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                       {{"badRecord", std::string(text.GetString(i))}, {"failFastMode", "FAILFAST"}});
    }
  }
  return builder.Finish();
}

ScalarKernel ParseJsonKernel(bool try_mode, bool allow_duplicate_keys) {
  auto key = std::make_shared<int>(0);
  return [key, try_mode, allow_duplicate_keys](const std::vector<VectorPtr>& in, int64_t rows, EvalContext& ctx) {
    VariantWriter& writer = TaskState<VariantWriter>(ctx, key.get(), [allow_duplicate_keys] {
      VariantWriter w;
      w.set_allow_duplicate_keys(allow_duplicate_keys);
      return w;
    });
    return ParseJsonVector(*in[0], rows, writer, try_mode);
  };
}

}  // namespace ember
