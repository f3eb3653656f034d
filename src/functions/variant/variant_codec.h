// Spark's binary Variant encoding (the published Variant spec): reading values in place, writing
// them, and their JSON text.
//
// A value starts with a header byte whose low two bits give its basic type: 0 primitive (the upper
// six bits a type id), 1 short string (the upper bits its length), 2 object, 3 array. Objects list
// their fields sorted by key as ids into the metadata's key dictionary plus offsets to the values;
// arrays list offsets. Integers are little-endian.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "common/vector.h"

namespace ember {

enum class VariantKind : uint8_t {
  kNull, kBoolean, kLong, kDouble, kDecimal, kString, kDate, kTimestamp, kTimestampNtz, kFloat, kBinary,
  kObject, kArray,
};

// One variant value in place: `value` starts at the value's header (and may run past its end);
// `metadata` is the whole dictionary. Reads check bounds and throw MALFORMED_VARIANT.
class VariantView {
 public:
  VariantView(std::string_view value, std::string_view metadata) : value_(value), metadata_(metadata) {}
  // Row `row` of a (valid) variant vector.
  static VariantView Of(const Vector& variants, int64_t row);

  VariantKind kind() const;
  bool GetBoolean() const;
  int64_t GetLong() const;
  int IntegerWidth() const;  // bytes of a kLong value: 1, 2, 4 or 8
  double GetDouble() const;
  float GetFloat() const;
  // A decimal's unscaled value and scale as stored; DecimalPrecision the digits it needs.
  std::pair<int128_t, int> GetDecimal() const;
  // The decimal without trailing fraction zeros (2.50 -> 2.5), as Spark reads variant decimals.
  std::pair<int128_t, int> GetStrippedDecimal() const;
  std::string_view GetString() const;  // kString and kBinary
  int32_t GetDate() const;
  int64_t GetMicros() const;  // kTimestamp and kTimestampNtz

  // Objects: fields sorted by key.
  int64_t ObjectSize() const;
  std::string_view FieldKey(int64_t i) const;
  VariantView FieldValue(int64_t i) const;
  // The field named `key`, or false.
  bool FindField(std::string_view key, VariantView* out) const;
  // Arrays.
  int64_t ArraySize() const;
  VariantView Element(int64_t i) const;

  // Bytes of this value (its header through its last byte).
  int64_t Size() const;
  std::string_view value() const { return value_; }
  std::string_view metadata() const { return metadata_; }

 private:
  struct Layout {
    int64_t count;
    int id_size, offset_size;
    int64_t ids, offsets, data;  // where each part starts
  };
  uint8_t Header() const;
  uint64_t ReadUnsigned(int64_t pos, int bytes) const;
  Layout ContainerLayout() const;

  std::string_view value_;
  std::string_view metadata_;
};

// Digits of a decimal's unscaled value (at least one).
int DecimalDigits(int128_t unscaled);

// Appends the value as JSON text as Spark's Variant.toJson writes it: compact, object fields in key
// order, decimals without trailing zeros, doubles and floats as Java prints them, dates and
// timestamps as quoted text (timestamps in `zone`), binary as quoted base64.
void AppendVariantJson(const VariantView& variant, const absl::TimeZone& zone, std::string* out);

// Builds one variant at a time: scalars are appended in order; containers are opened, filled and
// closed. Finish hands out the value and metadata and resets the writer.
class VariantWriter {
 public:
  void AppendNull() { PutHeader(0, 0); }
  void AppendBoolean(bool v) { PutHeader(0, v ? 1 : 2); }
  void AppendLong(int64_t v);  // in the narrowest of int8/16/32/64
  void AppendDouble(double v);
  void AppendFloat(float v);
  // A decimal in the narrowest of decimal4/8/16 whose precision holds `precision` digits.
  void AppendDecimal(int128_t unscaled, int precision, int scale);
  void AppendString(std::string_view v);
  void AppendBinary(std::string_view v);
  void AppendDate(int32_t days);
  void AppendTimestamp(int64_t micros, bool ntz);
  // Copies a value of another variant (with its own metadata) into this one.
  void AppendVariant(const VariantView& v);

  // Containers: note the position with Start*, append each field's key (AddField) before its value
  // or each element (AddElement) before it, then close with Finish*. Nesting is allowed.
  struct Container {
    int64_t start;
    size_t first_entry;
  };
  Container StartContainer() { return {static_cast<int64_t>(value_.size()), entries_.size()}; }
  void AddField(std::string_view key);
  void AddElement() { entries_.push_back({0, static_cast<int64_t>(value_.size())}); }
  // Throws VARIANT_DUPLICATE_KEY when a key repeats, unless duplicate keys are allowed (then the
  // last value of a key is the field's).
  void FinishObject(const Container& c);
  void set_allow_duplicate_keys(bool allow) { allow_duplicate_keys_ = allow; }
  void FinishArray(const Container& c);

  void Finish(std::string* value, std::string* metadata);
  void Reset();

 private:
  struct Entry {
    uint32_t key_id;
    int64_t offset;  // absolute position of the value while open
  };
  void PutHeader(int basic, int bits) { value_.push_back(static_cast<char>(basic | (bits << 2))); }
  void PutUnsigned(uint64_t v, int bytes);
  void InsertHeader(int64_t start, const std::string& header);

  std::string value_;
  std::vector<Entry> entries_;
  std::vector<std::string> keys_;
  absl::flat_hash_map<std::string, uint32_t> key_ids_;
  bool allow_duplicate_keys_ = false;
};

// Appends a finished variant (value and metadata) to a variant vector builder.
void AppendVariantRow(VectorBuilder& builder, std::string_view value, std::string_view metadata);

}  // namespace ember
