// Converts parsed JSON values (simdjson DOM elements) into vector builders following Spark's
// JacksonParser rules: a JSON null is NULL; a value whose JSON kind does not fit the column type
// (a string for a long, a fraction for an int, an empty string for a non-string type, a number out
// of range) becomes NULL and is reported as a failure, so the caller can treat the record as
// corrupt. Anything goes into a string column: non-string values as their compact JSON text
// (json_text.h).
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

class JsonConverter {
 public:
  // Throws UNSUPPORTED_FEATURE for types the JSON source cannot read (maps with non-string keys).
  JsonConverter(TypePtr type, std::shared_ptr<const JsonDateTimeCodec> datetimes);

  // Appends `value` (NULL when it does not convert); false when some part of it did not convert.
  bool Append(simdjson::dom::element value, VectorBuilder& builder);
  // True when Append would succeed; appends nothing.
  bool Convertible(simdjson::dom::element value);

  // Structs only: gathers the fields of `object` into slots (a repeated key keeps its last value).
  // Slot i is then present() or not, with value field_value(i).
  void GatherFields(simdjson::dom::object object);
  bool present(size_t slot) const { return slot_round_[slot] == round_; }
  simdjson::dom::element field_value(size_t slot) const { return slot_values_[slot]; }
  JsonConverter& child(size_t i) { return children_[i]; }

 private:
  bool AppendStruct(simdjson::dom::object object, VectorBuilder& builder);

  TypePtr type_;
  TypeId id_;
  std::shared_ptr<const JsonDateTimeCodec> datetimes_;
  std::vector<JsonConverter> children_;  // array: element; map: value; struct: fields
  JsonKeyMatcher keys_;
  std::vector<simdjson::dom::element> slot_values_;
  std::vector<uint32_t> slot_round_;
  uint32_t round_ = 0;
  std::string scratch_;  // non-string values read into a string column
};

// Parses decimal text ("-12.5", "1e3") into an unscaled value of the given scale, rounding half
// up; false when it is not a number or does not fit the precision.
bool ParseDecimalText(std::string_view text, int precision, int scale, int128_t* unscaled);

}  // namespace ember
