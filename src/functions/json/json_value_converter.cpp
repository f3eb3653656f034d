#include "functions/json/json_value_converter.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "common/base64.h"
#include "common/error.h"
#include "absl/container/flat_hash_map.h"
#include "common/variant.h"
#include "functions/json/json_text.h"
#include "functions/variant/variant_json_parser.h"

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr size_t kMaxCachedKeyPositions = 256;

int128_t Pow10(int exponent) {
  int128_t result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

bool ToInteger(element value, int64_t low, int64_t high, int64_t* out) {
  if (value.type() != element_type::INT64) return false;  // fractions and values past int64
  int64_t number = value.get_int64().value_unsafe();
  if (number < low || number > high) return false;
  *out = number;
  return true;
}

// Spark accepts these strings for float and double columns (allowNonNumericNumbers).
bool NonNumericDouble(std::string_view text, double* out) {
  if (text == "NaN") {
    *out = std::numeric_limits<double>::quiet_NaN();
  } else if (text == "Infinity" || text == "+Infinity" || text == "+INF") {
    *out = std::numeric_limits<double>::infinity();
  } else if (text == "-Infinity" || text == "-INF") {
    *out = -std::numeric_limits<double>::infinity();
  } else {
    return false;
  }
  return true;
}

bool ToDouble(element value, double* out) {
  switch (value.type()) {
    case element_type::INT64: *out = static_cast<double>(value.get_int64().value_unsafe()); return true;
    case element_type::UINT64: *out = static_cast<double>(value.get_uint64().value_unsafe()); return true;
    case element_type::DOUBLE: *out = value.get_double().value_unsafe(); return true;
    case element_type::STRING: return NonNumericDouble(value.get_string().value_unsafe(), out);
    default: return false;
  }
}

bool ToDecimal(element value, int precision, int scale, int128_t* out) {
  char text[64];
  switch (value.type()) {
    case element_type::INT64: {
      auto result = std::to_chars(text, text + sizeof(text), value.get_int64().value_unsafe());
      return ParseDecimalText(std::string_view(text, result.ptr - text), precision, scale, out);
    }
    case element_type::UINT64: {
      auto result = std::to_chars(text, text + sizeof(text), value.get_uint64().value_unsafe());
      return ParseDecimalText(std::string_view(text, result.ptr - text), precision, scale, out);
    }
    case element_type::DOUBLE: {
      // The shortest text that reads back as the same double: the number as written for up to
      // 15 significant digits (the DOM keeps no source text).
      double number = value.get_double().value_unsafe();
      if (!std::isfinite(number)) return false;
      auto result = std::to_chars(text, text + sizeof(text), number);
      return ParseDecimalText(std::string_view(text, result.ptr - text), precision, scale, out);
    }
    case element_type::STRING:
      return ParseDecimalText(value.get_string().value_unsafe(), precision, scale, out);
    default: return false;
  }
}

// Jackson reads binary values as base64 text.
bool DecodeBase64(std::string_view text, std::string* out) {
  out->clear();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  Base64Bits bits;
  for (char c : text) {
    int digit = Base64Digit(c);
    if (digit < 0) return false;
    bits.Push(digit, *out);
  }
  return bits.count < 6;
}

bool IsNonEmptyString(element value) {
  return value.type() == element_type::STRING && !value.get_string().value_unsafe().empty();
}

bool ToDate(element value, const JsonDateTimeCodec& datetimes, int32_t* days) {
  return IsNonEmptyString(value) && datetimes.ParseDate(value.get_string().value_unsafe(), days);
}

bool ToTimestamp(element value, const JsonDateTimeCodec& datetimes, int64_t* micros) {
  if (value.type() == element_type::INT64) {
    // A JSON integer is seconds since the epoch.
    int64_t seconds = value.get_int64().value_unsafe();
    constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / 1000000;
    if (seconds > kLimit || seconds < -kLimit) return false;
    *micros = seconds * 1000000;
    return true;
  }
  return IsNonEmptyString(value) && datetimes.ParseTimestamp(value.get_string().value_unsafe(), micros);
}

bool ToTimestampNtz(element value, const JsonDateTimeCodec& datetimes, int64_t* micros) {
  return IsNonEmptyString(value) && datetimes.ParseTimestampNtz(value.get_string().value_unsafe(), micros);
}

std::vector<std::string> FieldNames(const DataType& type) {
  std::vector<std::string> names;
  for (const auto& field : type.fields) names.push_back(field.name);
  return names;
}

// Whether `value` has an object with a repeated key: its shadow keeps one field per key.
bool HasRepeatedKey(element value, const VariantView& shadow) {
  if (value.type() == element_type::OBJECT) {
    simdjson::dom::object object = value.get_object().value_unsafe();
    if (static_cast<int64_t>(object.size()) != shadow.ObjectSize()) return true;
    VariantView field("", "");
    for (simdjson::dom::key_value_pair pair : object) {
      if (shadow.FindField(pair.key, &field) && HasRepeatedKey(pair.value, field)) return true;
    }
  } else if (value.type() == element_type::ARRAY) {
    int64_t index = 0;
    for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
      if (HasRepeatedKey(item, shadow.Element(index++))) return true;
    }
  }
  return false;
}

// A value the writer will leave out (an earlier value of a repeated key): only its keys matter,
// which enter the dictionary as parse_json's builder puts them there.
void AppendLeftOut(element value, VariantWriter& writer) {
  if (value.type() == element_type::OBJECT) {
    VariantWriter::Container container = writer.StartContainer();
    for (simdjson::dom::key_value_pair pair : simdjson::dom::object(value.get_object().value_unsafe())) {
      writer.AddField(pair.key);
      AppendLeftOut(pair.value, writer);
    }
    writer.FinishObject(container);
  } else if (value.type() == element_type::ARRAY) {
    VariantWriter::Container container = writer.StartContainer();
    for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
      writer.AddElement();
      AppendLeftOut(item, writer);
    }
    writer.FinishArray(container);
  } else {
    writer.AppendNull();
  }
}

// Copies the shadow of `value` into `writer` in the document's order (keys enter the dictionary as
// first seen, values follow the text), as a variant parsed from the value's own text is laid out.
// The shadow holds the last value of a repeated key: the earlier ones go in as AppendLeftOut
// values, for a writer that allows repeated keys to leave out.
void CopyInDocumentOrder(element value, const VariantView& shadow, VariantWriter& writer) {
  if (value.type() == element_type::OBJECT) {
    simdjson::dom::object object = value.get_object().value_unsafe();
    absl::flat_hash_map<std::string_view, size_t> last;  // only when a key repeats
    size_t position = 0;
    if (static_cast<int64_t>(object.size()) != shadow.ObjectSize()) {
      for (simdjson::dom::key_value_pair pair : object) last[pair.key] = position++;
      position = 0;
    }
    VariantWriter::Container container = writer.StartContainer();
    VariantView field("", "");
    for (simdjson::dom::key_value_pair pair : object) {
      writer.AddField(pair.key);
      if (!last.empty() && last[pair.key] != position++) {
        AppendLeftOut(pair.value, writer);
        continue;
      }
      shadow.FindField(pair.key, &field);
      CopyInDocumentOrder(pair.value, field, writer);
    }
    writer.FinishObject(container);
  } else if (value.type() == element_type::ARRAY) {
    VariantWriter::Container container = writer.StartContainer();
    int64_t index = 0;
    for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
      writer.AddElement();
      CopyInDocumentOrder(item, shadow.Element(index++), writer);
    }
    writer.FinishArray(container);
  } else {
    writer.AppendVariant(shadow);
  }
}

}  // namespace

bool JsonVariantShadow::Parse(std::string_view text) { return ParseJsonVariant(text, writer_, &value_, &metadata_); }

bool ParseDecimalText(std::string_view text, int precision, int scale, int128_t* unscaled) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  int128_t digits_value = 0;
  int significant = 0, fraction_digits = 0, digit_count = 0;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++digit_count;
    if (seen_point) ++fraction_digits;
    if (significant == 0 && c == '0') continue;
    if (++significant > kMaxDecimalPrecision) return false;
    digits_value = digits_value * 10 + (c - '0');
  }
  if (digit_count == 0) return false;
  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exponent_negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) exponent_negative = text[pos++] == '-';
    size_t exponent_start = pos;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && exponent < 100000; ++pos) {
      exponent = exponent * 10 + (text[pos] - '0');
    }
    if (pos == exponent_start) return false;
    if (exponent_negative) exponent = -exponent;
  }
  if (pos != text.size()) return false;
  int64_t shift = exponent - fraction_digits + scale;
  int128_t result = digits_value;
  if (shift >= 0) {
    for (int64_t i = 0; i < shift && result != 0; ++i) {
      if (result >= Pow10(kMaxDecimalPrecision - 1)) return false;  // would pass 38 digits
      result *= 10;
    }
  } else if (-shift > kMaxDecimalPrecision) {
    result = 0;
  } else {
    int128_t divisor = Pow10(static_cast<int>(-shift));
    int128_t remainder = result % divisor;
    result /= divisor;
    if (remainder >= divisor - remainder) ++result;  // HALF_UP on the magnitude
  }
  if (result >= Pow10(precision)) return false;
  *unscaled = negative ? -result : result;
  return true;
}

int JsonKeyMatcher::FindSlow(std::string_view key, size_t position) {
  int slot = -1;
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == key) {
      slot = static_cast<int>(i);
      break;
    }
  }
  if (position < kMaxCachedKeyPositions) {
    if (position >= cache_.size()) cache_.resize(position + 1);
    cache_[position].name.assign(key.data(), key.size());
    cache_[position].slot = slot;
  }
  return slot;
}

JsonConverter::JsonConverter(TypePtr type, std::shared_ptr<const JsonDateTimeCodec> datetimes, bool allow_duplicate_keys)
    : type_(std::move(type)),
      id_(type_->id),
      datetimes_(std::move(datetimes)),
      variant_(IsVariant(*type_)),
      holds_variant_(ContainsVariant(*type_)),
      allow_duplicate_keys_(allow_duplicate_keys) {
  variant_writer_.set_allow_duplicate_keys(allow_duplicate_keys);
  if (variant_) return;
  switch (id_) {
    case TypeId::kArray: children_.emplace_back(type_->element, datetimes_, allow_duplicate_keys); break;
    case TypeId::kMap:
      if (type_->element->id != TypeId::kString) {
        throw SparkError("UNSUPPORTED_FEATURE",
                         {{"feature", "JSON maps with " + type_->element->ToString() + " keys"}});
      }
      children_.emplace_back(type_->value, datetimes_, allow_duplicate_keys);
      break;
    case TypeId::kStruct:
      for (const auto& field : type_->fields) children_.emplace_back(field.type, datetimes_, allow_duplicate_keys);
      keys_ = JsonKeyMatcher(FieldNames(*type_));
      slot_values_.resize(type_->fields.size());
      slot_round_.assign(type_->fields.size(), 0);
      break;
    default: break;
  }
}

void JsonConverter::GatherFields(simdjson::dom::object object) {
  if (++round_ == 0) {
    std::fill(slot_round_.begin(), slot_round_.end(), 0);
    round_ = 1;
  }
  size_t position = 0;
  for (simdjson::dom::key_value_pair field : object) {
    int slot = keys_.Find(field.key, position++);
    if (slot < 0) continue;
    slot_values_[slot] = field.value;
    slot_round_[slot] = round_;
  }
}

void JsonConverter::SetShadow(const VariantView* shadow) {
  shadowed_ = shadow != nullptr;
  if (shadowed_) shadow_ = *shadow;
}

void JsonConverter::ShadeField(size_t child, std::string_view key) {
  VariantView part("", "");
  children_[child].SetShadow(shadowed_ && shadow_.FindField(key, &part) ? &part : nullptr);
}

void JsonConverter::ShadeElement(int64_t index) {
  if (!shadowed_) return children_[0].SetShadow(nullptr);
  VariantView part = shadow_.Element(index);
  children_[0].SetShadow(&part);
}

bool JsonConverter::AppendField(size_t slot, VectorBuilder& builder) {
  if (!present(slot)) {
    builder.AppendNull();
    return true;
  }
  if (children_[slot].holds_variant_) ShadeField(slot, type_->fields[slot].name);
  return children_[slot].Append(slot_values_[slot], builder);
}

bool JsonConverter::FieldConvertible(size_t slot) {
  if (!present(slot)) return true;
  if (children_[slot].holds_variant_) ShadeField(slot, type_->fields[slot].name);
  return children_[slot].Convertible(slot_values_[slot]);
}

bool JsonConverter::FieldsRepeatVariantKey() {
  for (size_t i = 0; i < children_.size(); ++i) {
    if (!present(i) || !children_[i].holds_variant_) continue;
    ShadeField(i, type_->fields[i].name);
    if (children_[i].RepeatsVariantKey(slot_values_[i])) return true;
  }
  return false;
}

// Values of another shape than the type are left to Append (a field that does not convert).
bool JsonConverter::RepeatsVariantKey(element value) {
  if (variant_) return !VariantConvertible(value);
  switch (value.type()) {
    case element_type::ARRAY: {
      if (id_ != TypeId::kArray) return false;
      int64_t index = 0;
      for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
        ShadeElement(index++);
        if (children_[0].RepeatsVariantKey(item)) return true;
      }
      return false;
    }
    case element_type::OBJECT:
      if (id_ == TypeId::kMap) {
        for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
          ShadeField(0, field.key);
          if (children_[0].RepeatsVariantKey(field.value)) return true;
        }
        return false;
      }
      if (id_ != TypeId::kStruct) return false;
      GatherFields(value.get_object().value_unsafe());
      return FieldsRepeatVariantKey();
    default: return false;
  }
}

bool JsonConverter::AppendStruct(simdjson::dom::object object, VectorBuilder& builder) {
  GatherFields(object);
  bool ok = true;
  for (size_t i = 0; i < children_.size(); ++i) ok &= AppendField(i, builder.Child(i));
  builder.FinishNested();
  return ok;
}

bool JsonConverter::VariantConvertible(element value) const {
  return shadowed_ && (allow_duplicate_keys_ || !HasRepeatedKey(value, shadow_));
}

bool JsonConverter::AppendVariant(element value, VectorBuilder& builder) {
  if (!VariantConvertible(value)) {
    builder.AppendNull();
    return false;
  }
  CopyInDocumentOrder(value, shadow_, variant_writer_);
  variant_writer_.Finish(&variant_value_, &variant_metadata_);
  AppendVariantRow(builder, variant_value_, variant_metadata_);
  return true;
}

bool JsonConverter::Append(element value, VectorBuilder& builder) {
  if (variant_) return AppendVariant(value, builder);
  element_type kind = value.type();
  if (kind == element_type::NULL_VALUE) {
    builder.AppendNull();
    return true;
  }
  int64_t integer = 0;
  switch (id_) {
    case TypeId::kString:
      if (kind == element_type::STRING) {
        builder.AppendString(value.get_string().value_unsafe());
      } else {
        scratch_.clear();
        AppendJsonElement(value, &scratch_);
        builder.AppendString(scratch_);
      }
      return true;
    case TypeId::kLong:
      if (!ToInteger(value, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), &integer)) break;
      builder.Append<int64_t>(integer);
      return true;
    case TypeId::kInt:
      if (!ToInteger(value, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(), &integer)) break;
      builder.Append<int32_t>(static_cast<int32_t>(integer));
      return true;
    case TypeId::kShort:
      if (!ToInteger(value, std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max(), &integer)) break;
      builder.Append<int16_t>(static_cast<int16_t>(integer));
      return true;
    case TypeId::kByte:
      if (!ToInteger(value, std::numeric_limits<int8_t>::min(), std::numeric_limits<int8_t>::max(), &integer)) break;
      builder.Append<int8_t>(static_cast<int8_t>(integer));
      return true;
    case TypeId::kBoolean:
      if (kind != element_type::BOOL) break;
      builder.AppendBool(value.get_bool().value_unsafe());
      return true;
    case TypeId::kDouble: {
      double number = 0;
      if (!ToDouble(value, &number)) break;
      builder.Append<double>(number);
      return true;
    }
    case TypeId::kFloat: {
      double number = 0;
      if (!ToDouble(value, &number)) break;
      builder.Append<float>(static_cast<float>(number));
      return true;
    }
    case TypeId::kDecimal: {
      int128_t unscaled = 0;
      if (!ToDecimal(value, type_->precision, type_->scale, &unscaled)) break;
      if (type_->IsWideDecimal()) {
        builder.Append<int128_t>(unscaled);
      } else {
        builder.Append<int64_t>(static_cast<int64_t>(unscaled));
      }
      return true;
    }
    case TypeId::kDate: {
      int32_t days = 0;
      if (!ToDate(value, *datetimes_, &days)) break;
      builder.Append<int32_t>(days);
      return true;
    }
    case TypeId::kTimestamp:
      if (!ToTimestamp(value, *datetimes_, &integer)) break;
      builder.Append<int64_t>(integer);
      return true;
    case TypeId::kTimestampNtz:
      if (!ToTimestampNtz(value, *datetimes_, &integer)) break;
      builder.Append<int64_t>(integer);
      return true;
    case TypeId::kBinary: {
      std::string bytes;
      if (kind != element_type::STRING || !DecodeBase64(value.get_string().value_unsafe(), &bytes)) break;
      builder.AppendString(bytes);
      return true;
    }
    case TypeId::kArray: {
      if (kind != element_type::ARRAY) break;
      bool ok = true;
      int64_t index = 0;
      for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
        if (holds_variant_) ShadeElement(index++);
        ok &= children_[0].Append(item, builder.Child(0));
      }
      builder.FinishNested();
      return ok;
    }
    case TypeId::kMap: {
      if (kind != element_type::OBJECT) break;
      bool ok = true;
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
        builder.Child(0).AppendString(field.key);
        if (holds_variant_) ShadeField(0, field.key);
        ok &= children_[0].Append(field.value, builder.Child(1));
      }
      builder.FinishNested();
      return ok;
    }
    case TypeId::kStruct:
      if (kind != element_type::OBJECT) break;
      return AppendStruct(value.get_object().value_unsafe(), builder);
    case TypeId::kNull:
      builder.AppendNull();
      return true;
  }
  builder.AppendNull();
  return false;
}

bool JsonConverter::Convertible(element value) {
  if (variant_) return VariantConvertible(value);
  element_type kind = value.type();
  if (kind == element_type::NULL_VALUE) return true;
  int64_t integer = 0;
  double number = 0;
  int128_t unscaled = 0;
  int32_t days = 0;
  int64_t index = 0;
  std::string bytes;
  switch (id_) {
    case TypeId::kString:
    case TypeId::kNull: return true;
    case TypeId::kLong: return ToInteger(value, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), &integer);
    case TypeId::kInt: return ToInteger(value, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(), &integer);
    case TypeId::kShort: return ToInteger(value, std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max(), &integer);
    case TypeId::kByte: return ToInteger(value, std::numeric_limits<int8_t>::min(), std::numeric_limits<int8_t>::max(), &integer);
    case TypeId::kBoolean: return kind == element_type::BOOL;
    case TypeId::kFloat:
    case TypeId::kDouble: return ToDouble(value, &number);
    case TypeId::kDecimal: return ToDecimal(value, type_->precision, type_->scale, &unscaled);
    case TypeId::kDate: return ToDate(value, *datetimes_, &days);
    case TypeId::kTimestamp: return ToTimestamp(value, *datetimes_, &integer);
    case TypeId::kTimestampNtz: return ToTimestampNtz(value, *datetimes_, &integer);
    case TypeId::kBinary: return kind == element_type::STRING && DecodeBase64(value.get_string().value_unsafe(), &bytes);
    case TypeId::kArray:
      if (kind != element_type::ARRAY) return false;
      for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
        if (holds_variant_) ShadeElement(index++);
        if (!children_[0].Convertible(item)) return false;
      }
      return true;
    case TypeId::kMap:
      if (kind != element_type::OBJECT) return false;
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
        if (holds_variant_) ShadeField(0, field.key);
        if (!children_[0].Convertible(field.value)) return false;
      }
      return true;
    case TypeId::kStruct:
      if (kind != element_type::OBJECT) return false;
      GatherFields(value.get_object().value_unsafe());
      for (size_t i = 0; i < children_.size(); ++i) {
        if (!FieldConvertible(i)) return false;
      }
      return true;
  }
  return false;
}

}  // namespace ember
