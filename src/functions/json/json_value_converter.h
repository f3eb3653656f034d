// Converts parsed JSON values (simdjson DOM elements) into vector builders following Spark's
// JacksonParser rules: a JSON null is NULL; a value whose JSON kind does not fit the column type
// (a string for a long, a fraction for an int, an empty string for a non-string type, a number out
// of range) becomes NULL and is reported as a failure, so the caller can treat the record as
// corrupt. Anything goes into a string column: non-string values as their compact JSON text
// (json_text.h).
//
// Variant columns take the value as Spark's parse_json would read its text (a JSON null is a
// variant null, not NULL). The DOM keeps no number text, so the record is also parsed as one variant
// (JsonVariantShadow) and each variant column copies its part of that in the document's order (the
// bytes parse_json gives for the value's text). A repeated key inside a variant value makes it NULL
// and reported as a failure (Spark's VARIANT_DUPLICATE_KEY); FieldsRepeatVariantKey finds it first,
// for callers that then take the whole record as malformed, as Spark does. Under
// spark.sql.variant.allowDuplicateKeys the last value of the key wins instead, as in parse_json.
//
// A JsonConverter is compiled once per type tree and reused for every row; structs look field
// names up through a cache of the previous row's key order, so rows of one shape cost one string
// comparison per key. It is not thread-safe (one per reader).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "common/vector.h"
#include "functions/json/json_datetime_codec.h"
#include "functions/variant/variant_codec.h"
#include "simdjson.h"

namespace ember {

// Maps JSON object keys to field slots, remembering the slot of each key position of the last
// object so that objects whose keys come in the same order need no search.
class JsonKeyMatcher {
 public:
  JsonKeyMatcher() = default;
  explicit JsonKeyMatcher(std::vector<std::string> names) : names_(std::move(names)) {}

  // The slot of `key` (the `position`-th key of its object), or -1 when no field has that name.
  int Find(std::string_view key, size_t position) {
    if (position < cache_.size() && cache_[position].name == key) return cache_[position].slot;
    return FindSlow(key, position);
  }
  size_t size() const { return names_.size(); }

 private:
  struct Entry {
    std::string name;
    int slot = -1;
  };
  int FindSlow(std::string_view key, size_t position);

  std::vector<std::string> names_;
  std::vector<Entry> cache_;
};

// A record's text parsed as one variant (repeated keys keep their last value), for the variant
// columns of a JsonConverter.
class JsonVariantShadow {
 public:
  JsonVariantShadow() { writer_.set_allow_duplicate_keys(true); }
  // False when the text is not one JSON value.
  bool Parse(std::string_view text);
  VariantView view() const { return VariantView(value_, metadata_); }

 private:
  VariantWriter writer_;
  std::string value_, metadata_;
};

class JsonConverter {
 public:
  // Throws UNSUPPORTED_FEATURE for types the JSON source cannot read (maps with non-string keys).
  // `allow_duplicate_keys`: spark.sql.variant.allowDuplicateKeys, for variant values.
  JsonConverter(TypePtr type, std::shared_ptr<const JsonDateTimeCodec> datetimes, bool allow_duplicate_keys);

  // Appends `value` (NULL when it does not convert); false when some part of it did not convert.
  bool Append(simdjson::dom::element value, VectorBuilder& builder);
  // True when Append would succeed; appends nothing.
  bool Convertible(simdjson::dom::element value);

  // Structs only: gathers the fields of `object` into slots (a repeated key keeps its last value).
  // Slot i is then present() or not; AppendField appends it (NULL when absent), FieldConvertible
  // tells whether that would succeed.
  void GatherFields(simdjson::dom::object object);
  bool present(size_t slot) const { return slot_round_[slot] == round_; }
  bool AppendField(size_t slot, VectorBuilder& builder);
  bool FieldConvertible(size_t slot);
  // Whether a gathered field's variant part repeats a key (or could not be parsed as a variant):
  // Spark then takes the whole record as malformed.
  bool FieldsRepeatVariantKey();
  JsonConverter& child(size_t i) { return children_[i]; }

  // Whether the type has variant columns; then the value passed next to Append or GatherFields
  // must come with its part of the record's JsonVariantShadow (nullptr when the shadow did not parse).
  bool holds_variant() const { return holds_variant_; }
  void SetShadow(const VariantView* shadow);

 private:
  bool AppendStruct(simdjson::dom::object object, VectorBuilder& builder);
  bool AppendVariant(simdjson::dom::element value, VectorBuilder& builder);
  bool VariantConvertible(simdjson::dom::element value) const;
  bool RepeatsVariantKey(simdjson::dom::element value);
  void ShadeField(size_t child, std::string_view key);
  void ShadeElement(int64_t index);

  TypePtr type_;
  TypeId id_;
  std::shared_ptr<const JsonDateTimeCodec> datetimes_;
  std::vector<JsonConverter> children_;  // array: element; map: value; struct: fields
  JsonKeyMatcher keys_;
  std::vector<simdjson::dom::element> slot_values_;
  std::vector<uint32_t> slot_round_;
  uint32_t round_ = 0;
  std::string scratch_;  // non-string values read into a string column
  bool variant_ = false, holds_variant_ = false, allow_duplicate_keys_ = false;
  bool shadowed_ = false;
  VariantView shadow_{"", ""};
  std::string variant_value_, variant_metadata_;
  VariantWriter variant_writer_;
};

// Parses decimal text ("-12.5", "1e3") into an unscaled value of the given scale, rounding half
// up; false when it is not a number or does not fit the precision.
bool ParseDecimalText(std::string_view text, int precision, int scale, int128_t* unscaled);

}  // namespace ember
