// to_number / try_to_number(str, format) and to_char / to_varchar(expr, format) with Spark's number
// formats: `0`/`9` digits (a run starting with 0 before the point needs exactly that many digits
// when parsing and pads with zeros when formatting; other runs take up to that many and pad with
// spaces), `.`/`D` the decimal point, `,`/`G` grouping separators, `$`, `S` (+ or -), `MI` (-) and
// `PR` (<negative>) at the ends, in the order [MI|S] [$] digits [.] digits [$] [PR|MI|S].
// to_char of a date or timestamp is date_format; of binary, its 'base64', 'hex' or 'utf-8' text.
#include <algorithm>
#include <cctype>

#include "common/base64.h"
#include "common/error.h"
#include "functions/decimal_util.h"
#include "functions/executor.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

struct FormatToken {
  enum Kind : uint8_t { kDigits, kComma, kPoint, kDollar, kSign, kMinus, kOpenAngle, kCloseAngle, kInvalid, kGroup };
  Kind kind;
  int count = 0;       // kDigits: how many
  bool exact = false;  // kDigits: a run starting with 0 before the point
  char invalid = 0;
  std::vector<FormatToken> group;  // kGroup: digit runs and commas, left to right
};

// How Spark names a token in error messages.
std::string TokenName(const FormatToken& token) {
  switch (token.kind) {
    case FormatToken::kDigits:
    case FormatToken::kGroup: return "digit sequence";
    case FormatToken::kComma: return ", or G";
    case FormatToken::kPoint: return ". or D";
    case FormatToken::kDollar: return "$";
    case FormatToken::kSign: return "S";
    case FormatToken::kMinus: return "MI";
    case FormatToken::kOpenAngle:
    case FormatToken::kCloseAngle: return "PR";
    case FormatToken::kInvalid: return std::string("character '") + token.invalid + "''";
  }
  return "";
}

class NumberFormat {
 public:
  explicit NumberFormat(const std::string& format) : format_(format) {
    Tokenize();
    Validate();
  }

  int precision() const { return before_digits_ + after_digits_; }
  int scale() const { return after_digits_; }

  // The unscaled value of `text` read with the format (decimal(precision, scale)); false when the
  // text does not match.
  bool Parse(std::string_view text, int128_t* unscaled) const;
  // `unscaled` (of `scale`) written with the format; false when it does not fit.
  bool Format(int128_t unscaled, int scale, std::string* out) const;

 private:
  [[noreturn]] void Invalid(const std::string& subclass, const std::string& token = "") const {
    ErrorParams params = {{"format", "'" + format_ + "'"}};
    if (!token.empty()) params.push_back({"token", token});
    throw SparkError("INVALID_FORMAT." + subclass, params);
  }

  void Tokenize();
  void Validate() const;
  bool ParseGroup(const FormatToken& group, std::string_view text, size_t* pos, bool after_point, std::string* before,
                  std::string* after) const;

  std::string format_;
  std::vector<FormatToken> tokens_;  // digit runs and commas merged into kGroup tokens
  int before_digits_ = 0;
  int after_digits_ = 0;
};

void NumberFormat::Tokenize() {
  std::vector<FormatToken> raw;
  bool point = false;
  for (size_t i = 0; i < format_.size();) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(format_[i])));
    char next = i + 1 < format_.size() ? static_cast<char>(std::toupper(static_cast<unsigned char>(format_[i + 1]))) : 0;
    if (c == '0' || c == '9') {
      size_t start = i;
      while (i < format_.size() && (format_[i] == '0' || format_[i] == '9')) ++i;
      FormatToken digits{FormatToken::kDigits, static_cast<int>(i - start), c == '0' && !point};
      (point ? after_digits_ : before_digits_) += digits.count;
      raw.push_back(digits);
      continue;
    }
    ++i;
    if (c == '.' || c == 'D') {
      raw.push_back({FormatToken::kPoint});
      point = true;
    } else if (c == ',' || c == 'G') {
      raw.push_back({FormatToken::kComma});
    } else if (c == '$') {
      raw.push_back({FormatToken::kDollar});
    } else if (c == 'S') {
      raw.push_back({FormatToken::kSign});
    } else if (c == 'M' && next == 'I') {
      raw.push_back({FormatToken::kMinus});
      ++i;
    } else if (c == 'P' && next == 'R') {
      raw.insert(raw.begin(), FormatToken{FormatToken::kOpenAngle});
      raw.push_back({FormatToken::kCloseAngle});
      ++i;
    } else {
      FormatToken invalid{FormatToken::kInvalid};
      invalid.invalid = format_[i - 1];
      raw.push_back(invalid);
    }
  }
  for (auto& token : raw) {
    bool groupable = token.kind == FormatToken::kDigits || token.kind == FormatToken::kComma;
    if (groupable && !tokens_.empty() && tokens_.back().kind == FormatToken::kGroup) {
      tokens_.back().group.push_back(token);
    } else if (groupable) {
      FormatToken group{FormatToken::kGroup};
      group.group.push_back(token);
      tokens_.push_back(group);
    } else {
      tokens_.push_back(token);
    }
  }
}

void NumberFormat::Validate() const {
  if (format_.empty()) Invalid("EMPTY");
  auto index_of = [&](FormatToken::Kind kind) -> int {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].kind == kind) return static_cast<int>(i);
    }
    return -1;
  };
  int first_group = index_of(FormatToken::kGroup), dollar = index_of(FormatToken::kDollar), point = index_of(FormatToken::kPoint);
  if (first_group < 0) Invalid("WRONG_NUM_DIGIT");
  if (first_group < dollar) Invalid("CUR_MUST_BEFORE_DIGIT");
  if (point >= 0 && point < dollar) Invalid("CUR_MUST_BEFORE_DEC");
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].kind != FormatToken::kGroup) continue;
    const auto& group = tokens_[i].group;
    bool after_point = point >= 0 && static_cast<int>(i) > point;
    for (size_t j = 0; j < group.size(); ++j) {
      if (group[j].kind != FormatToken::kComma) continue;
      if (after_point) Invalid("THOUSANDS_SEPS_MUST_BEFORE_DEC");
      if (j == 0 || j + 1 == group.size() || group[j - 1].kind == FormatToken::kComma || group[j + 1].kind == FormatToken::kComma) {
        Invalid("CONT_THOUSANDS_SEPS");
      }
    }
  }
  for (FormatToken::Kind kind : {FormatToken::kPoint, FormatToken::kSign, FormatToken::kMinus, FormatToken::kDollar, FormatToken::kCloseAngle}) {
    if (std::count_if(tokens_.begin(), tokens_.end(), [&](const FormatToken& t) { return t.kind == kind; }) > 1) {
      Invalid("WRONG_NUM_TOKEN", TokenName(FormatToken{kind}));
    }
  }
  // [PR open] [MI|S] [$] digits [.] digits [$] [MI|S|PR close], each at most once, in this order.
  const std::vector<std::vector<FormatToken::Kind>> order = {
      {FormatToken::kOpenAngle}, {FormatToken::kMinus, FormatToken::kSign}, {FormatToken::kDollar}, {FormatToken::kGroup},
      {FormatToken::kPoint},     {FormatToken::kGroup},                      {FormatToken::kDollar},
      {FormatToken::kMinus, FormatToken::kSign, FormatToken::kCloseAngle}};
  size_t next = 0;
  for (const auto& allowed : order) {
    if (next < tokens_.size() && std::find(allowed.begin(), allowed.end(), tokens_[next].kind) != allowed.end()) ++next;
  }
  if (next < tokens_.size()) Invalid("UNEXPECTED_TOKEN", TokenName(tokens_[next]));
}

// Reads digits, spaces and commas at `pos`; the digit runs between commas must fit the group's
// runs, aligned from the right (leading runs may be missing).
bool NumberFormat::ParseGroup(const FormatToken& group, std::string_view text, size_t* pos, bool after_point, std::string* before,
                              std::string* after) const {
  std::vector<int> sizes(1, 0);  // digits of each comma-separated run, left to right
  for (; *pos < text.size(); ++*pos) {
    char c = text[*pos];
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++sizes.back();
      (after_point ? after : before)->push_back(c);
    } else if (c == ',') {
      sizes.push_back(0);
    } else {
      break;
    }
  }
  std::vector<const FormatToken*> runs;
  for (const auto& token : group.group) {
    if (token.kind == FormatToken::kDigits) runs.push_back(&token);
  }
  if (sizes.size() > runs.size()) return false;
  for (size_t k = 0; k < runs.size(); ++k) {
    const FormatToken& run = *runs[runs.size() - 1 - k];
    int actual = k < sizes.size() ? sizes[sizes.size() - 1 - k] : 0;
    if (run.exact ? actual != run.count : actual > run.count) return false;
  }
  return true;
}

bool NumberFormat::Parse(std::string_view text, int128_t* unscaled) const {
  std::string before, after;
  bool point = false, negative = false, opened = false, closed = false;
  size_t pos = 0;
  for (const FormatToken& token : tokens_) {
    bool more = pos < text.size();
    char c = more ? text[pos] : 0;
    switch (token.kind) {
      case FormatToken::kGroup:
        if (!ParseGroup(token, text, &pos, point, &before, &after)) return false;
        break;
      case FormatToken::kPoint:
        if (c == '.') {
          point = true;
          ++pos;
        }
        break;
      case FormatToken::kDollar:
        if (more && c != '$') return false;
        if (more) ++pos;
        break;
      case FormatToken::kSign:
        if (c == '+' || c == '-') {
          negative ^= c == '-';
          ++pos;
        }
        break;
      case FormatToken::kMinus:
        if (c == '-') {
          negative = !negative;
          ++pos;
        }
        break;
      case FormatToken::kOpenAngle:
        if (c == '<') {
          if (opened) return false;
          opened = true;
          ++pos;
        }
        break;
      case FormatToken::kCloseAngle:
        if (c == '>') {
          if (!opened) return false;
          closed = true;
          negative = !negative;
          ++pos;
        }
        break;
      default: return false;
    }
  }
  if (pos < text.size() || opened != closed || (before.empty() && after.empty())) return false;
  after.resize(std::max<size_t>(after.size(), static_cast<size_t>(scale())), '0');
  int128_t value = 0;
  for (char c : before + after) value = value * 10 + (c - '0');
  *unscaled = negative ? -value : value;
  return true;
}

// Appends `c`, moving it left past the spaces before it (a sign goes next to the digits).
void AppendBeforeSpaces(std::string& out, char c) {
  out.push_back(c);
  for (size_t i = out.size() - 1; i >= 1 && out[i - 1] == ' ' && out[i] == c; --i) std::swap(out[i - 1], out[i]);
}

// Appends a space, moving it left past the signs before it.
void AppendSpaceBeforeSigns(std::string& out) {
  out.push_back(' ');
  for (size_t i = out.size() - 1; i >= 1 && (out[i - 1] == '+' || out[i - 1] == '-' || out[i - 1] == '<') && out[i] == ' '; --i) {
    std::swap(out[i - 1], out[i]);
  }
}

// A decimal point with no digit after it becomes a space.
void BlankLonePoint(std::string& out) {
  size_t i = out.find('.');
  if (i != std::string::npos && (i + 1 == out.size() || out[i + 1] == ' ')) out[i] = ' ';
}

bool NumberFormat::Format(int128_t unscaled, int value_scale, std::string* out) const {
  bool negative = unscaled < 0;
  std::string digits = Int128ToString(negative ? -unscaled : unscaled);
  if (static_cast<int>(digits.size()) <= value_scale) digits.insert(0, value_scale + 1 - digits.size(), '0');
  std::string before = digits.substr(0, digits.size() - value_scale), after = digits.substr(digits.size() - value_scale);
  before.erase(0, before.find_first_not_of('0') == std::string::npos ? before.size() : before.find_first_not_of('0'));
  while (!after.empty() && after.back() == '0') after.pop_back();
  if (static_cast<int>(before.size()) > before_digits_ || static_cast<int>(after.size()) > after_digits_) {
    before.assign(before_digits_, '#');
    after.assign(after_digits_, '#');
  }
  before.insert(0, before_digits_ - before.size(), ' ');
  after.append(after_digits_ - after.size(), '0');
  std::string& r = *out;
  size_t next_before = 0, next_after = 0;
  bool point = false;
  for (const FormatToken& token : tokens_) {
    switch (token.kind) {
      case FormatToken::kGroup:
        for (const FormatToken& part : token.group) {
          if (part.kind == FormatToken::kComma) {
            if (!r.empty() && std::isdigit(static_cast<unsigned char>(r.back()))) {
              r.push_back(',');
            } else {
              AppendSpaceBeforeSigns(r);
            }
            continue;
          }
          for (int d = 0; d < part.count; ++d) {
            if (point) {
              r.push_back(after[next_after++]);
              continue;
            }
            char c = before[next_before++];
            if (c != ' ') {
              r.push_back(c);
            } else if (part.exact) {
              r.push_back('0');
            } else {
              AppendSpaceBeforeSigns(r);
            }
          }
        }
        break;
      case FormatToken::kPoint:
        if (!r.empty() && r.back() == ' ') r.back() = '0';
        r.push_back('.');
        point = true;
        break;
      case FormatToken::kDollar: r.push_back('$'); break;
      case FormatToken::kSign:
        BlankLonePoint(r);
        AppendBeforeSpaces(r, negative ? '-' : '+');
        break;
      case FormatToken::kMinus:
        if (negative) {
          BlankLonePoint(r);
          AppendBeforeSpaces(r, '-');
        } else {
          r.push_back(' ');
        }
        break;
      case FormatToken::kOpenAngle:
        if (negative) r.push_back('<');
        break;
      case FormatToken::kCloseAngle:
        BlankLonePoint(r);
        if (negative) {
          AppendBeforeSpaces(r, '>');
        } else {
          r.append("  ");
        }
        break;
      default: break;
    }
  }
  if (next_before < before.size() || next_after < after.size()) return false;
  BlankLonePoint(r);
  if (r.empty() || r == "+" || r == "-") r = "0";
  return true;
}

const std::string& FormatArg(const std::string& name, const std::vector<BindArg>& args) {
  const BindArg& format = args[1];
  if (format.type->id != TypeId::kString) ThrowUnexpectedType(name, 1, "\"STRING\"", *format.type);
  if (format.literal == nullptr || format.literal->is_null) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"" + name + "\""}, {"inputName", "`format`"},
                                                              {"inputType", "\"STRING\""}, {"inputExpr", "argument 2"}});
  }
  return format.literal->str;
}

[[noreturn]] void ThrowMismatch(const std::string& type, std::string_view input, const std::string& format) {
  throw SparkError("INVALID_FORMAT.MISMATCH_INPUT", {{"inputType", "\"" + type + "\""}, {"input", std::string(input)},
                                                     {"format", "'" + format + "'"}});
}

BoundScalar BindToNumber(const std::string& name, bool errors, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  RejectNestedArgs(name, args, "\"STRING\"");
  auto format = std::make_shared<const NumberFormat>(FormatArg(name, args));
  TypePtr result = DecimalType(std::max(format->precision(), 1), format->scale());
  std::string text = args[1].literal->str;
  return FixedBinding({StringType(), StringType()}, result, [format, result, errors, text](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(result, rows);
    const Vector& input = *a[0];
    for (int64_t i = 0; i < rows; ++i) {
      int128_t unscaled = 0;
      bool ok = input.IsValid(i) && format->Parse(input.GetString(i), &unscaled);
      if (input.IsValid(i) && !ok && errors) ThrowMismatch("STRING", input.GetString(i), text);
      if (!ok) out->SetNull(i);
      if (result->IsWideDecimal()) {
        out->Data<int128_t>()[i] = ok ? unscaled : 0;
      } else {
        out->Data<int64_t>()[i] = ok ? static_cast<int64_t>(unscaled) : 0;
      }
    }
    return out;
  });
}

// to_char of binary: its text in the 'base64', 'hex' or 'utf-8' format.
BoundScalar BindBinaryToChar(const std::string& name, const std::string& format) {
  std::string lower = format;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower != "base64" && lower != "hex" && lower != "utf-8" && lower != "utf8") {
    throw SparkError("INVALID_PARAMETER_VALUE.BINARY_FORMAT", {{"parameter", "`format`"}, {"functionName", "`" + name + "`"},
                                                               {"invalidFormat", "'" + format + "'"}});
  }
  return FixedBinding({BinaryType(), StringType()}, StringType(),
                      RowKernel<StringResult(std::string_view, std::string_view)>([lower](std::string& out, std::string_view bytes, std::string_view) {
                        static constexpr char kHex[] = "0123456789ABCDEF";
                        if (lower == "base64") {
                          AppendBase64(out, bytes);
                        } else if (lower == "hex") {
                          for (char b : bytes) {
                            out.push_back(kHex[static_cast<unsigned char>(b) >> 4]);
                            out.push_back(kHex[static_cast<unsigned char>(b) & 15]);
                          }
                        } else {
                          out.assign(bytes);
                        }
                      }));
}

BoundScalar BindToChar(const std::string& name, const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount(name, args, 2, 2);
  const DataType& type = *args[0].type;
  if (type.id == TypeId::kDate || type.id == TypeId::kTimestamp || type.id == TypeId::kTimestampNtz) {
    return FunctionRegistry::Instance().FindScalar("date_format")->bind(args, ctx);
  }
  const std::string& text = FormatArg(name, args);
  if (type.id == TypeId::kBinary) return BindBinaryToChar(name, text);
  TypePtr input;
  if (type.id == TypeId::kDecimal) {
    input = args[0].type;
  } else if (type.IsIntegral()) {
    input = DecimalForIntegral(type);
  } else if (type.id == TypeId::kFloat || type.id == TypeId::kDouble || type.id == TypeId::kNull) {
    input = DecimalType(30, 15);
  } else {
    ThrowUnexpectedType(name, 0, "\"DECIMAL\"", type);
  }
  auto format = std::make_shared<const NumberFormat>(text);
  int scale = input->scale;
  return FixedBinding({input, StringType()}, StringType(), [format, scale, text](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& values = *a[0];
    VectorBuilder out(StringType(), rows);
    std::string written;
    for (int64_t i = 0; i < rows; ++i) {
      if (values.IsNull(i)) {
        out.AppendNull();
        continue;
      }
      int128_t unscaled = values.type()->IsWideDecimal() ? values.Data<int128_t>()[i] : values.Data<int64_t>()[i];
      written.clear();
      if (!format->Format(unscaled, scale, &written)) ThrowMismatch(values.type()->Sql(), DecimalToString(unscaled, scale), text);
      out.AppendString(written);
    }
    return out.Finish();
  });
}

}  // namespace

void RegisterToNumberFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("to_number", "to_number(str, format): the decimal the text holds, read with a number format ('999.99', '$9,999', 'S999', '999PR').",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindToNumber("to_number", true, a); },
                          {{"to_number('$1,234.5', '$9,999.99')", "1234.50"}, {"to_number('<12>', '99PR')", "-12"}}));
  registry.Add(MakeScalar("try_to_number", "try_to_number(str, format): to_number, or null when the text does not match the format.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindToNumber("try_to_number", false, a); },
                          {{"try_to_number('12a', '999')", "NULL"}}));
  for (const char* name : {"to_char", "to_varchar"}) {
    std::string n = name;
    registry.Add(MakeScalar(n, n + "(expr, format): a number written with a number format ('999.99', '0000', '$9,999', 'S999'), a date or timestamp with a datetime pattern, binary as 'base64', 'hex' or 'utf-8'.",
                            [n](const std::vector<BindArg>& a, const EvalContext& c) { return BindToChar(n, a, c); },
                            {{n + "(-12454.8, '99,999.9S')", "12,454.8-"}, {n + "(7, '000')", "007"}, {n + "(DATE'2024-01-05', 'yyyy/MM')", "2024/01"}}));
  }
}

}  // namespace ember
