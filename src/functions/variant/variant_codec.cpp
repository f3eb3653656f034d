#include "functions/variant/variant_codec.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "common/base64.h"
#include "common/error.h"
#include "common/value.h"
#include "functions/cast/java_number_format.h"
#include "functions/datetime/datetime_util.h"
#include "functions/json/json_value_writer.h"

namespace ember {
namespace {

enum Basic { kPrimitive = 0, kShortString = 1, kObject = 2, kArray = 3 };
enum Primitive {
  kNullId = 0, kTrueId = 1, kFalseId = 2, kInt8Id = 3, kInt16Id = 4, kInt32Id = 5, kInt64Id = 6, kDoubleId = 7,
  kDecimal4Id = 8, kDecimal8Id = 9, kDecimal16Id = 10, kDateId = 11, kTimestampId = 12, kTimestampNtzId = 13,
  kFloatId = 14, kBinaryId = 15, kStringId = 16,
};

[[noreturn]] void Malformed() { throw SparkError("MALFORMED_VARIANT", {}); }

// Bytes needed for an unsigned integer up to `v` (1 to 4).
int UnsignedSize(uint64_t v) { return v <= 0xFF ? 1 : v <= 0xFFFF ? 2 : v <= 0xFFFFFF ? 3 : 4; }

}  // namespace

VariantView VariantView::Of(const Vector& variants, int64_t row) {
  return VariantView(variants.child(0)->GetString(row), variants.child(1)->GetString(row));
}

uint8_t VariantView::Header() const {
  if (value_.empty()) Malformed();
  return static_cast<uint8_t>(value_[0]);
}

uint64_t VariantView::ReadUnsigned(int64_t pos, int bytes) const {
  if (pos < 0 || pos + bytes > static_cast<int64_t>(value_.size())) Malformed();
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(value_[pos + i])) << (8 * i);
  return v;
}

VariantKind VariantView::kind() const {
  uint8_t header = Header();
  switch (header & 3) {
    case kShortString: return VariantKind::kString;
    case kObject: return VariantKind::kObject;
    case kArray: return VariantKind::kArray;
  }
  switch (header >> 2) {
    case kNullId: return VariantKind::kNull;
    case kTrueId:
    case kFalseId: return VariantKind::kBoolean;
    case kInt8Id:
    case kInt16Id:
    case kInt32Id:
    case kInt64Id: return VariantKind::kLong;
    case kDoubleId: return VariantKind::kDouble;
    case kDecimal4Id:
    case kDecimal8Id:
    case kDecimal16Id: return VariantKind::kDecimal;
    case kDateId: return VariantKind::kDate;
    case kTimestampId: return VariantKind::kTimestamp;
    case kTimestampNtzId: return VariantKind::kTimestampNtz;
    case kFloatId: return VariantKind::kFloat;
    case kBinaryId: return VariantKind::kBinary;
    case kStringId: return VariantKind::kString;
  }
  Malformed();
}

bool VariantView::GetBoolean() const { return (Header() >> 2) == kTrueId; }

int VariantView::IntegerWidth() const {
  switch (Header() >> 2) {
    case kInt8Id: return 1;
    case kInt16Id: return 2;
    case kInt32Id: return 4;
    default: return 8;
  }
}

int64_t VariantView::GetLong() const {
  int width = IntegerWidth();
  uint64_t raw = ReadUnsigned(1, width);
  if (width == 8) return static_cast<int64_t>(raw);
  int shift = 64 - 8 * width;  // sign-extends the narrow integer
  return static_cast<int64_t>(raw << shift) >> shift;
}

double VariantView::GetDouble() const {
  uint64_t bits = ReadUnsigned(1, 8);
  double v;
  std::memcpy(&v, &bits, 8);
  return v;
}

float VariantView::GetFloat() const {
  uint32_t bits = static_cast<uint32_t>(ReadUnsigned(1, 4));
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}

std::pair<int128_t, int> VariantView::GetDecimal() const {
  int scale = static_cast<int>(ReadUnsigned(1, 1));
  int id = Header() >> 2;
  if (id == kDecimal4Id) return {static_cast<int32_t>(ReadUnsigned(2, 4)), scale};
  if (id == kDecimal8Id) return {static_cast<int64_t>(ReadUnsigned(2, 8)), scale};
  uint64_t low = ReadUnsigned(2, 8), high = ReadUnsigned(10, 8);
  return {static_cast<int128_t>((static_cast<unsigned __int128>(high) << 64) | low), scale};
}

std::pair<int128_t, int> VariantView::GetStrippedDecimal() const {
  auto [unscaled, scale] = GetDecimal();
  while (scale > 0 && unscaled % 10 == 0) {
    unscaled /= 10;
    --scale;
  }
  return {unscaled, scale};
}

std::string_view VariantView::GetString() const {
  uint8_t header = Header();
  int64_t start = 1, length = header >> 2;
  if ((header & 3) == kPrimitive) {
    length = static_cast<int64_t>(ReadUnsigned(1, 4));
    start = 5;
  }
  if (start + length > static_cast<int64_t>(value_.size())) Malformed();
  return value_.substr(start, length);
}

int32_t VariantView::GetDate() const { return static_cast<int32_t>(ReadUnsigned(1, 4)); }
int64_t VariantView::GetMicros() const { return static_cast<int64_t>(ReadUnsigned(1, 8)); }

VariantView::Layout VariantView::ContainerLayout() const {
  uint8_t bits = Header() >> 2;
  Layout layout{};
  layout.offset_size = (bits & 3) + 1;
  bool large;
  if ((Header() & 3) == kObject) {
    layout.id_size = ((bits >> 2) & 3) + 1;
    large = (bits >> 4) & 1;
  } else {
    large = (bits >> 2) & 1;
  }
  int count_size = large ? 4 : 1;
  layout.count = static_cast<int64_t>(ReadUnsigned(1, count_size));
  layout.ids = 1 + count_size;
  layout.offsets = layout.ids + layout.count * layout.id_size;
  layout.data = layout.offsets + (layout.count + 1) * layout.offset_size;
  return layout;
}

int64_t VariantView::ObjectSize() const { return ContainerLayout().count; }
int64_t VariantView::ArraySize() const { return ContainerLayout().count; }

std::string_view VariantView::FieldKey(int64_t i) const {
  Layout layout = ContainerLayout();
  uint64_t id = ReadUnsigned(layout.ids + i * layout.id_size, layout.id_size);
  VariantView meta(metadata_, {});
  uint8_t header = meta.Header();
  if ((header & 15) != 1) Malformed();
  int offset_size = (header >> 6) + 1;
  uint64_t keys = meta.ReadUnsigned(1, offset_size);
  if (id >= keys) Malformed();
  int64_t offsets = 1 + offset_size;
  int64_t strings = offsets + static_cast<int64_t>(keys + 1) * offset_size;
  uint64_t begin = meta.ReadUnsigned(offsets + id * offset_size, offset_size);
  uint64_t end = meta.ReadUnsigned(offsets + (id + 1) * offset_size, offset_size);
  if (begin > end || strings + static_cast<int64_t>(end) > static_cast<int64_t>(metadata_.size())) Malformed();
  return metadata_.substr(strings + begin, end - begin);
}

VariantView VariantView::FieldValue(int64_t i) const { return Element(i); }

VariantView VariantView::Element(int64_t i) const {
  Layout layout = ContainerLayout();
  if (i < 0 || i >= layout.count) Malformed();
  int64_t offset = static_cast<int64_t>(ReadUnsigned(layout.offsets + i * layout.offset_size, layout.offset_size));
  if (layout.data + offset >= static_cast<int64_t>(value_.size())) Malformed();
  return VariantView(value_.substr(layout.data + offset), metadata_);
}

bool VariantView::FindField(std::string_view key, VariantView* out) const {
  int64_t low = 0, high = ObjectSize();
  while (low < high) {
    int64_t mid = (low + high) / 2;
    int cmp = FieldKey(mid).compare(key);
    if (cmp == 0) {
      *out = FieldValue(mid);
      return true;
    }
    if (cmp < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return false;
}

int64_t VariantView::Size() const {
  uint8_t header = Header();
  switch (header & 3) {
    case kShortString: return 1 + (header >> 2);
    case kObject:
    case kArray: {
      Layout layout = ContainerLayout();
      return layout.data +
             static_cast<int64_t>(ReadUnsigned(layout.offsets + layout.count * layout.offset_size, layout.offset_size));
    }
  }
  switch (header >> 2) {
    case kNullId:
    case kTrueId:
    case kFalseId: return 1;
    case kInt8Id: return 2;
    case kInt16Id: return 3;
    case kInt32Id:
    case kDateId:
    case kFloatId: return 5;
    case kInt64Id:
    case kDoubleId:
    case kTimestampId:
    case kTimestampNtzId: return 9;
    case kDecimal4Id: return 6;
    case kDecimal8Id: return 10;
    case kDecimal16Id: return 18;
    case kBinaryId:
    case kStringId: return 5 + static_cast<int64_t>(ReadUnsigned(1, 4));
  }
  Malformed();
}

int DecimalDigits(int128_t unscaled) {
  unsigned __int128 v = unscaled < 0 ? -static_cast<unsigned __int128>(unscaled) : unscaled;
  int digits = 1;
  while (v >= 10) {
    v /= 10;
    ++digits;
  }
  return digits;
}

namespace {

void AppendZoneOffset(int64_t micros, const absl::TimeZone& zone, std::string* out) {
  int seconds = zone.At(absl::FromUnixMicros(micros)).offset;
  out->push_back(seconds < 0 ? '-' : '+');
  seconds = std::abs(seconds);
  char text[8];
  std::snprintf(text, sizeof(text), "%02d:%02d", seconds / 3600, seconds / 60 % 60);
  out->append(text);
}

}  // namespace

void AppendVariantJson(const VariantView& v, const absl::TimeZone& zone, std::string* out) {
  switch (v.kind()) {
    case VariantKind::kNull: out->append("null"); return;
    case VariantKind::kBoolean: out->append(v.GetBoolean() ? "true" : "false"); return;
    case VariantKind::kLong: out->append(std::to_string(v.GetLong())); return;
    case VariantKind::kDouble: AppendJavaDouble(v.GetDouble(), out); return;
    case VariantKind::kFloat: AppendJavaFloat(v.GetFloat(), out); return;
    case VariantKind::kDecimal: {
      auto [unscaled, scale] = v.GetStrippedDecimal();
      out->append(DecimalToString(unscaled, scale));
      return;
    }
    case VariantKind::kString: AppendJsonString(v.GetString(), out); return;
    case VariantKind::kBinary:
      out->push_back('"');
      AppendBase64(*out, v.GetString());
      out->push_back('"');
      return;
    case VariantKind::kDate:
      out->push_back('"');
      AppendDate(v.GetDate(), out);
      out->push_back('"');
      return;
    case VariantKind::kTimestamp:
      out->push_back('"');
      AppendTimestamp(v.GetMicros(), zone, out);
      AppendZoneOffset(v.GetMicros(), zone, out);
      out->push_back('"');
      return;
    case VariantKind::kTimestampNtz:
      out->push_back('"');
      AppendTimestamp(v.GetMicros(), absl::UTCTimeZone(), out);
      out->push_back('"');
      return;
    case VariantKind::kObject: {
      out->push_back('{');
      int64_t n = v.ObjectSize();
      for (int64_t i = 0; i < n; ++i) {
        if (i) out->push_back(',');
        AppendJsonString(v.FieldKey(i), out);
        out->push_back(':');
        AppendVariantJson(v.FieldValue(i), zone, out);
      }
      out->push_back('}');
      return;
    }
    case VariantKind::kArray: {
      out->push_back('[');
      int64_t n = v.ArraySize();
      for (int64_t i = 0; i < n; ++i) {
        if (i) out->push_back(',');
        AppendVariantJson(v.Element(i), zone, out);
      }
      out->push_back(']');
      return;
    }
  }
}

// ---- writing ----------------------------------------------------------------------------------

void VariantWriter::PutUnsigned(uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) value_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void VariantWriter::AppendLong(int64_t v) {
  if (v == static_cast<int8_t>(v)) {
    PutHeader(kPrimitive, kInt8Id);
    PutUnsigned(static_cast<uint64_t>(v), 1);
  } else if (v == static_cast<int16_t>(v)) {
    PutHeader(kPrimitive, kInt16Id);
    PutUnsigned(static_cast<uint64_t>(v), 2);
  } else if (v == static_cast<int32_t>(v)) {
    PutHeader(kPrimitive, kInt32Id);
    PutUnsigned(static_cast<uint64_t>(v), 4);
  } else {
    PutHeader(kPrimitive, kInt64Id);
    PutUnsigned(static_cast<uint64_t>(v), 8);
  }
}

void VariantWriter::AppendDouble(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  PutHeader(kPrimitive, kDoubleId);
  PutUnsigned(bits, 8);
}

void VariantWriter::AppendFloat(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  PutHeader(kPrimitive, kFloatId);
  PutUnsigned(bits, 4);
}

void VariantWriter::AppendDecimal(int128_t unscaled, int precision, int scale) {
  int width = (precision <= 9 && scale <= 9) ? 4 : (precision <= 18 && scale <= 18) ? 8 : 16;
  PutHeader(kPrimitive, width == 4 ? kDecimal4Id : width == 8 ? kDecimal8Id : kDecimal16Id);
  PutUnsigned(static_cast<uint64_t>(scale), 1);
  auto bits = static_cast<unsigned __int128>(unscaled);
  PutUnsigned(static_cast<uint64_t>(bits), std::min(width, 8));
  if (width == 16) PutUnsigned(static_cast<uint64_t>(bits >> 64), 8);
}

void VariantWriter::AppendString(std::string_view v) {
  if (v.size() <= 63) {
    PutHeader(kShortString, static_cast<int>(v.size()));
  } else {
    PutHeader(kPrimitive, kStringId);
    PutUnsigned(v.size(), 4);
  }
  value_.append(v);
}

void VariantWriter::AppendBinary(std::string_view v) {
  PutHeader(kPrimitive, kBinaryId);
  PutUnsigned(v.size(), 4);
  value_.append(v);
}

void VariantWriter::AppendDate(int32_t days) {
  PutHeader(kPrimitive, kDateId);
  PutUnsigned(static_cast<uint32_t>(days), 4);
}

void VariantWriter::AppendTimestamp(int64_t micros, bool ntz) {
  PutHeader(kPrimitive, ntz ? kTimestampNtzId : kTimestampId);
  PutUnsigned(static_cast<uint64_t>(micros), 8);
}

void VariantWriter::AppendVariant(const VariantView& v) {
  switch (v.kind()) {
    case VariantKind::kObject: {
      Container c = StartContainer();
      for (int64_t i = 0; i < v.ObjectSize(); ++i) {
        AddField(v.FieldKey(i));
        AppendVariant(v.FieldValue(i));
      }
      FinishObject(c);
      return;
    }
    case VariantKind::kArray: {
      Container c = StartContainer();
      for (int64_t i = 0; i < v.ArraySize(); ++i) {
        AddElement();
        AppendVariant(v.Element(i));
      }
      FinishArray(c);
      return;
    }
    default: {
      int64_t size = v.Size();
      if (size > static_cast<int64_t>(v.value().size())) Malformed();
      value_.append(v.value().substr(0, size));
    }
  }
}

void VariantWriter::AddField(std::string_view key) {
  auto [it, inserted] = key_ids_.try_emplace(std::string(key), static_cast<uint32_t>(keys_.size()));
  if (inserted) keys_.emplace_back(key);
  entries_.push_back({it->second, static_cast<int64_t>(value_.size())});
}

void VariantWriter::InsertHeader(int64_t start, const std::string& header) { value_.insert(start, header); }

void VariantWriter::FinishObject(const Container& c) {
  auto first = entries_.begin() + static_cast<int64_t>(c.first_entry);
  std::stable_sort(first, entries_.end(),
                   [&](const Entry& a, const Entry& b) { return keys_[a.key_id] < keys_[b.key_id]; });
  auto repeats = [](const Entry& a, const Entry& b) { return a.key_id == b.key_id; };
  if (std::adjacent_find(first, entries_.end(), repeats) != entries_.end()) {
    if (!allow_duplicate_keys_) {
      throw SparkError("VARIANT_DUPLICATE_KEY", {{"key", keys_[std::adjacent_find(first, entries_.end(), repeats)->key_id]}});
    }
    // Keep the last entry of each key (the sort is stable), then drop the values no field refers
    // to, as Spark's builder does: each value ends where the next one written starts.
    std::vector<int64_t> starts;
    for (auto it = first; it != entries_.end(); ++it) starts.push_back(it->offset);
    std::sort(starts.begin(), starts.end());
    std::reverse(first, entries_.end());
    entries_.erase(std::unique(first, entries_.end(), repeats), entries_.end());
    std::reverse(first, entries_.end());
    std::vector<Entry*> kept;
    for (auto it = first; it != entries_.end(); ++it) kept.push_back(&*it);
    std::sort(kept.begin(), kept.end(), [](const Entry* a, const Entry* b) { return a->offset < b->offset; });
    int64_t write = c.start;
    for (Entry* e : kept) {
      auto next = std::upper_bound(starts.begin(), starts.end(), e->offset);
      int64_t size = (next == starts.end() ? static_cast<int64_t>(value_.size()) : *next) - e->offset;
      std::memmove(value_.data() + write, value_.data() + e->offset, size);
      e->offset = write;
      write += size;
    }
    value_.resize(write);
  }
  int64_t count = entries_.end() - first;
  uint64_t data_size = value_.size() - c.start;
  uint32_t max_id = 0;
  for (auto it = first; it != entries_.end(); ++it) max_id = std::max(max_id, it->key_id);
  int id_size = UnsignedSize(max_id), offset_size = UnsignedSize(data_size);
  bool large = count > 0xFF;
  std::string saved;
  saved.swap(value_);
  PutHeader(kObject, (offset_size - 1) | ((id_size - 1) << 2) | (large ? 16 : 0));
  PutUnsigned(count, large ? 4 : 1);
  for (auto it = first; it != entries_.end(); ++it) PutUnsigned(it->key_id, id_size);
  for (auto it = first; it != entries_.end(); ++it) PutUnsigned(it->offset - c.start, offset_size);
  PutUnsigned(data_size, offset_size);
  saved.swap(value_);
  InsertHeader(c.start, saved);
  entries_.resize(c.first_entry);
}

void VariantWriter::FinishArray(const Container& c) {
  auto first = entries_.begin() + static_cast<int64_t>(c.first_entry);
  int64_t count = entries_.end() - first;
  uint64_t data_size = value_.size() - c.start;
  int offset_size = UnsignedSize(data_size);
  bool large = count > 0xFF;
  std::string saved;
  saved.swap(value_);
  PutHeader(kArray, (offset_size - 1) | (large ? 4 : 0));
  PutUnsigned(count, large ? 4 : 1);
  for (auto it = first; it != entries_.end(); ++it) PutUnsigned(it->offset - c.start, offset_size);
  PutUnsigned(data_size, offset_size);
  saved.swap(value_);
  InsertHeader(c.start, saved);
  entries_.resize(c.first_entry);
}

void VariantWriter::Finish(std::string* value, std::string* metadata) {
  uint64_t string_bytes = 0;
  for (const auto& key : keys_) string_bytes += key.size();
  int offset_size = UnsignedSize(std::max<uint64_t>(string_bytes, keys_.size()));
  metadata->clear();
  metadata->push_back(static_cast<char>(1 | ((offset_size - 1) << 6)));
  auto put = [&](uint64_t v) {
    for (int i = 0; i < offset_size; ++i) metadata->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  put(keys_.size());
  uint64_t offset = 0;
  put(0);
  for (const auto& key : keys_) put(offset += key.size());
  for (const auto& key : keys_) metadata->append(key);
  value->swap(value_);
  Reset();
}

void VariantWriter::Reset() {
  value_.clear();
  entries_.clear();
  keys_.clear();
  key_ids_.clear();
}

void AppendVariantRow(VectorBuilder& builder, std::string_view value, std::string_view metadata) {
  builder.Child(0).AppendString(value);
  builder.Child(1).AppendString(metadata);
  builder.FinishNested();
}

}  // namespace ember
