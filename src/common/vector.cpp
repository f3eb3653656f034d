#include "common/vector.h"

#include <algorithm>
#include <cstdlib>
#include <new>

#include "common/error.h"

namespace ember {

// ---- Buffer ---------------------------------------------------------------------------------

Buffer::Buffer(const Buffer& other) { Append(other.data_, other.size_); }

Buffer& Buffer::operator=(const Buffer& other) {
  if (this != &other) {
    size_ = 0;
    Append(other.data_, other.size_);
  }
  return *this;
}

Buffer::Buffer(Buffer&& other) noexcept
    : data_(other.data_), size_(other.size_), capacity_(other.capacity_) {
  other.data_ = nullptr;
  other.size_ = other.capacity_ = 0;
}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = other.data_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.data_ = nullptr;
    other.size_ = other.capacity_ = 0;
  }
  return *this;
}

Buffer::~Buffer() { std::free(data_); }

void Buffer::Reserve(int64_t capacity) {
  if (capacity <= capacity_) return;
  // Round up to 64 bytes and keep 64-byte alignment.
  int64_t rounded = (capacity + 63) & ~int64_t{63};
  auto* fresh = static_cast<uint8_t*>(std::aligned_alloc(64, rounded));
  if (fresh == nullptr) throw std::bad_alloc();
  if (size_ > 0) std::memcpy(fresh, data_, size_);
  std::free(data_);
  data_ = fresh;
  capacity_ = rounded;
}

void Buffer::Resize(int64_t size) {
  if (size > capacity_) Reserve(std::max(size, capacity_ + capacity_ / 2));
  size_ = size;
}

// ---- Vector ---------------------------------------------------------------------------------

namespace {

bool HasOffsets(const DataType& type) {
  return type.IsVariableWidth() || type.id == TypeId::kArray || type.id == TypeId::kMap;
}

std::vector<TypePtr> ChildTypes(const DataType& type) {
  switch (type.id) {
    case TypeId::kArray: return {type.element};
    case TypeId::kMap: return {type.element, type.value};
    case TypeId::kStruct: {
      std::vector<TypePtr> types;
      for (const auto& field : type.fields) types.push_back(field.type);
      return types;
    }
    default: return {};
  }
}

int64_t ValidityBytes(int64_t length) { return ((length + 63) / 64) * 8; }

}  // namespace

Vector::Vector(TypePtr type, int64_t length) : type_(std::move(type)), length_(0) {
  for (const auto& child_type : ChildTypes(*type_)) {
    int64_t child_length = type_->id == TypeId::kStruct ? length : 0;
    children_.push_back(Make(child_type, child_length));
  }
  Resize(length);
}

VectorPtr Vector::Make(TypePtr type, int64_t length) {
  return std::make_shared<Vector>(std::move(type), length);
}

VectorPtr Vector::MakeNulls(TypePtr type, int64_t length) {
  VectorPtr vector = Make(std::move(type), length);
  if (length > 0) {
    uint64_t* words = vector->MutableValidityWords();
    std::memset(words, 0, ValidityBytes(length));
  }
  if (vector->type()->IsFixedWidth() && length > 0)
    std::memset(vector->values().data(), 0, vector->values().size());
  return vector;
}

void Vector::Resize(int64_t length) {
  int64_t old_length = length_;
  length_ = length;
  if (type_->IsFixedWidth()) {
    values_.Resize(length * type_->ByteWidth());
  } else if (HasOffsets(*type_)) {
    values_.Resize((length + 1) * sizeof(int32_t));
    int32_t* offsets = Offsets();
    if (old_length == 0) offsets[0] = 0;
    for (int64_t i = old_length + 1; i <= length; ++i) offsets[i] = offsets[old_length];
  } else if (type_->id == TypeId::kStruct) {
    for (auto& child : children_) child->Resize(length);
  }
  if (!validity_.empty()) {
    int64_t old_bytes = validity_.size();
    validity_.Resize(ValidityBytes(length));
    if (validity_.size() > old_bytes)
      std::memset(validity_.data() + old_bytes, 0xFF, validity_.size() - old_bytes);
    // Rows past the old length inside the last old word become valid.
    for (int64_t i = old_length; i < length && i < old_bytes * 8; ++i) SetValid(i);
  }
}

uint64_t* Vector::MutableValidityWords() {
  if (validity_.empty()) {
    validity_.Resize(std::max<int64_t>(ValidityBytes(length_), 8));
    std::memset(validity_.data(), 0xFF, validity_.size());
  }
  return validity_.As<uint64_t>();
}

void Vector::SetNull(int64_t i) { MutableValidityWords()[i >> 6] &= ~(uint64_t{1} << (i & 63)); }

void Vector::SetValid(int64_t i) {
  if (validity_.empty()) return;
  validity_.As<uint64_t>()[i >> 6] |= uint64_t{1} << (i & 63);
}

int64_t Vector::CountNulls() const {
  if (validity_.empty()) return 0;
  int64_t valid = 0;
  const uint64_t* words = validity_.As<uint64_t>();
  int64_t full = length_ / 64;
  for (int64_t w = 0; w < full; ++w) valid += __builtin_popcountll(words[w]);
  for (int64_t i = full * 64; i < length_; ++i) valid += IsValid(i);
  return length_ - valid;
}

int64_t Vector::MemoryBytes() const {
  int64_t total = validity_.size() + values_.size() + bytes_.size();
  for (const auto& child : children_) total += child->MemoryBytes();
  return total;
}

int64_t Batch::MemoryBytes() const {
  int64_t total = 0;
  for (const auto& column : columns) total += column->MemoryBytes();
  return total;
}

// ---- VectorBuilder --------------------------------------------------------------------------

VectorBuilder::VectorBuilder(TypePtr type, int64_t expected_rows) : type_(std::move(type)) {
  for (const auto& child_type : ChildTypes(*type_))
    children_.push_back(std::make_unique<VectorBuilder>(child_type, expected_rows));
  if (type_->IsFixedWidth()) values_.Reserve(expected_rows * type_->ByteWidth());
  if (HasOffsets(*type_)) {
    values_.Reserve((expected_rows + 1) * sizeof(int32_t));
    AppendOffset(0);
  }
}

void VectorBuilder::SetBit(bool valid) {
  validity_.Resize(ValidityBytes(length_ + 1));
  uint64_t* words = validity_.As<uint64_t>();
  if ((length_ & 63) == 0) words[length_ >> 6] = 0;
  if (valid) words[length_ >> 6] |= uint64_t{1} << (length_ & 63);
}

void VectorBuilder::AppendOffset(int64_t end) {
  int32_t offset = static_cast<int32_t>(end);
  values_.Append(&offset, sizeof(offset));
}

void VectorBuilder::AppendNull() {
  if (!has_nulls_) {
    // Rows before the first null were all valid.
    has_nulls_ = true;
    validity_.Resize(ValidityBytes(length_ + 1));
    std::memset(validity_.data(), 0xFF, validity_.size());
    if (length_ % 64) validity_.As<uint64_t>()[length_ >> 6] = (uint64_t{1} << (length_ & 63)) - 1;
  }
  if (type_->IsFixedWidth()) {
    int width = type_->ByteWidth();
    values_.Resize((length_ + 1) * width);
    std::memset(values_.data() + length_ * width, 0, width);
  } else if (type_->IsVariableWidth()) {
    AppendOffset(bytes_.size());
  } else if (type_->id == TypeId::kArray || type_->id == TypeId::kMap) {
    AppendOffset(children_[0]->length());
  } else if (type_->id == TypeId::kStruct) {
    for (auto& child : children_) child->AppendNull();
  }
  SetBit(false);
  ++length_;
}

void VectorBuilder::AppendString(std::string_view value) {
  bytes_.Append(value.data(), static_cast<int64_t>(value.size()));
  AppendOffset(bytes_.size());
  MarkValid();
}

void VectorBuilder::FinishNested() {
  if (type_->id == TypeId::kArray || type_->id == TypeId::kMap) AppendOffset(children_[0]->length());
  MarkValid();
}

void VectorBuilder::AppendFrom(const Vector& source, int64_t row) {
  if (source.IsNull(row)) {
    AppendNull();
    return;
  }
  switch (type_->id) {
    case TypeId::kNull: AppendNull(); return;
    case TypeId::kString:
    case TypeId::kBinary: AppendString(source.GetString(row)); return;
    case TypeId::kArray:
    case TypeId::kMap: {
      const int32_t* offsets = source.Offsets();
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        for (size_t c = 0; c < children_.size(); ++c) children_[c]->AppendFrom(*source.child(c), i);
      }
      FinishNested();
      return;
    }
    case TypeId::kStruct:
      for (size_t c = 0; c < children_.size(); ++c) children_[c]->AppendFrom(*source.child(c), row);
      FinishNested();
      return;
    default: {
      int width = type_->ByteWidth();
      values_.Resize((length_ + 1) * width);
      std::memcpy(values_.data() + length_ * width, source.values().data() + row * width, width);
      MarkValid();
    }
  }
}

void VectorBuilder::AppendRows(const Vector& source, const int32_t* indices, int64_t count) {
  if (has_nulls_ || source.MayHaveNulls() || !(type_->IsFixedWidth() || type_->IsVariableWidth())) {
    for (int64_t i = 0; i < count; ++i) AppendFrom(source, indices[i]);
    return;
  }
  if (type_->IsFixedWidth()) {
    const int width = type_->ByteWidth();
    values_.Resize((length_ + count) * width);
    auto gather = [&](auto tag) {
      using T = decltype(tag);
      T* dst = values_.As<T>() + length_;
      const T* src = source.Data<T>();
      for (int64_t i = 0; i < count; ++i) dst[i] = src[indices[i]];
    };
    switch (width) {
      case 1: gather(uint8_t{}); break;
      case 2: gather(uint16_t{}); break;
      case 4: gather(uint32_t{}); break;
      case 8: gather(uint64_t{}); break;
      case 16: gather(int128_t{}); break;
      default: EMBER_CHECK(false, "unexpected width");
    }
  } else {
    const int32_t* offsets = source.Offsets();
    const uint8_t* src = source.bytes().data();
    values_.Resize((length_ + 1 + count) * static_cast<int64_t>(sizeof(int32_t)));
    int32_t* out_offsets = values_.As<int32_t>() + length_ + 1;
    for (int64_t i = 0; i < count; ++i) {
      int32_t begin = offsets[indices[i]], length = offsets[indices[i] + 1] - begin;
      bytes_.Append(src + begin, length);
      out_offsets[i] = static_cast<int32_t>(bytes_.size());
    }
  }
  length_ += count;
}

VectorPtr VectorBuilder::Finish() {
  auto result = std::make_shared<Vector>(type_, 0);
  result->length_ = length_;
  result->values_ = std::move(values_);
  result->bytes_ = std::move(bytes_);
  if (has_nulls_) result->validity_ = std::move(validity_);
  for (size_t c = 0; c < children_.size(); ++c) result->children_[c] = children_[c]->Finish();
  values_ = Buffer();
  bytes_ = Buffer();
  validity_ = Buffer();
  has_nulls_ = false;
  length_ = 0;
  if (HasOffsets(*type_)) AppendOffset(0);
  return result;
}

// ---- gathering ------------------------------------------------------------------------------

namespace {

template <typename T>
void TakeFixed(const Vector& source, const int32_t* indices, int64_t count, Vector& out) {
  const T* in = source.Data<T>();
  T* dst = out.Data<T>();
  for (int64_t i = 0; i < count; ++i) dst[i] = in[indices[i]];
}

void TakeValidity(const Vector& source, const int32_t* indices, int64_t count, Vector& out) {
  if (!source.MayHaveNulls()) return;
  for (int64_t i = 0; i < count; ++i) {
    if (source.IsNull(indices[i])) out.SetNull(i);
  }
}

}  // namespace

VectorPtr TakeRows(const Vector& source, const int32_t* indices, int64_t count) {
  const DataType& type = *source.type();
  if (type.IsFixedWidth()) {
    VectorPtr out = Vector::Make(source.type(), count);
    switch (type.ByteWidth()) {
      case 1: TakeFixed<uint8_t>(source, indices, count, *out); break;
      case 2: TakeFixed<uint16_t>(source, indices, count, *out); break;
      case 4: TakeFixed<uint32_t>(source, indices, count, *out); break;
      case 8: TakeFixed<uint64_t>(source, indices, count, *out); break;
      case 16: TakeFixed<int128_t>(source, indices, count, *out); break;
      default: EMBER_CHECK(false, "unexpected width");
    }
    TakeValidity(source, indices, count, *out);
    return out;
  }
  if (type.IsVariableWidth()) {
    const int32_t* offsets = source.Offsets();
    int64_t total = 0;
    for (int64_t i = 0; i < count; ++i) total += offsets[indices[i] + 1] - offsets[indices[i]];
    VectorPtr out = Vector::Make(source.type(), count);
    out->bytes().Resize(total);
    int32_t* out_offsets = out->Offsets();
    uint8_t* dst = out->bytes().data();
    const uint8_t* src = source.bytes().data();
    int32_t position = 0;
    out_offsets[0] = 0;
    for (int64_t i = 0; i < count; ++i) {
      int32_t begin = offsets[indices[i]], length = offsets[indices[i] + 1] - begin;
      if (length > 0) std::memcpy(dst + position, src + begin, length);
      position += length;
      out_offsets[i + 1] = position;
    }
    TakeValidity(source, indices, count, *out);
    return out;
  }
  if (type.id == TypeId::kNull) return Vector::MakeNulls(source.type(), count);
  // Nested: gather the children (the elements of the taken lists, or the struct's fields).
  VectorPtr out = Vector::Make(source.type(), count);
  out->children().clear();
  if (type.id == TypeId::kStruct) {
    for (const auto& child : source.children()) out->children().push_back(TakeRows(*child, indices, count));
  } else {
    const int32_t* offsets = source.Offsets();
    int32_t* out_offsets = out->Offsets();
    std::vector<int32_t> elements;
    out_offsets[0] = 0;
    for (int64_t i = 0; i < count; ++i) {
      for (int32_t k = offsets[indices[i]]; k < offsets[indices[i] + 1]; ++k) elements.push_back(k);
      out_offsets[i + 1] = static_cast<int32_t>(elements.size());
    }
    for (const auto& child : source.children()) {
      out->children().push_back(TakeRows(*child, elements.data(), static_cast<int64_t>(elements.size())));
    }
  }
  TakeValidity(source, indices, count, *out);
  return out;
}

VectorPtr ConcatRanges(const TypePtr& type, const std::vector<RowRange>& ranges) {
  int64_t total = 0;
  for (const auto& r : ranges) total += r.count;
  if (!type->IsFixedWidth() && !type->IsVariableWidth()) {
    VectorBuilder builder(type, total);
    for (const auto& r : ranges) {
      for (int64_t i = 0; i < r.count; ++i) builder.AppendFrom(*r.vector, r.offset + i);
    }
    return builder.Finish();
  }
  VectorPtr out = Vector::Make(type, total);
  if (type->IsFixedWidth()) {
    const int64_t width = type->ByteWidth();
    int64_t at = 0;
    for (const auto& r : ranges) {
      if (r.count > 0) {
        std::memcpy(out->values().data() + at * width, r.vector->values().data() + r.offset * width,
                    r.count * width);
      }
      at += r.count;
    }
  } else {
    int64_t bytes = 0;
    for (const auto& r : ranges) {
      const int32_t* offsets = r.vector->Offsets();
      bytes += offsets[r.offset + r.count] - offsets[r.offset];
    }
    EMBER_CHECK(bytes <= INT32_MAX, "string vector over 2 GiB");
    out->bytes().Resize(bytes);
    int32_t* out_offsets = out->Offsets();
    int64_t at = 0;
    int32_t position = 0;
    for (const auto& r : ranges) {
      const int32_t* offsets = r.vector->Offsets();
      int32_t begin = offsets[r.offset], length = offsets[r.offset + r.count] - begin;
      if (length > 0) std::memcpy(out->bytes().data() + position, r.vector->bytes().data() + begin, length);
      for (int64_t i = 0; i < r.count; ++i) out_offsets[at + i] = position + offsets[r.offset + i] - begin;
      position += length;
      at += r.count;
    }
    out_offsets[total] = position;
  }
  int64_t at = 0;
  for (const auto& r : ranges) {
    if (r.vector->MayHaveNulls()) {
      for (int64_t i = 0; i < r.count; ++i) {
        if (r.vector->IsNull(r.offset + i)) out->SetNull(at + i);
      }
    }
    at += r.count;
  }
  return out;
}

VectorPtr SliceRows(const Vector& source, int64_t offset, int64_t count) {
  return ConcatRanges(source.type(), {RowRange{&source, offset, count}});
}

VectorPtr ConcatVectors(const std::vector<VectorPtr>& parts) {
  EMBER_CHECK(!parts.empty(), "ConcatVectors needs at least one part");
  std::vector<RowRange> ranges;
  for (const auto& part : parts) ranges.push_back(RowRange{part.get(), 0, part->length()});
  return ConcatRanges(parts[0]->type(), ranges);
}

Batch TakeBatch(const Batch& batch, const int32_t* indices, int64_t count) {
  Batch out;
  out.num_rows = count;
  for (const auto& column : batch.columns) out.columns.push_back(TakeRows(*column, indices, count));
  return out;
}

Batch SliceBatch(const Batch& batch, int64_t offset, int64_t count) {
  Batch out;
  out.num_rows = count;
  for (const auto& column : batch.columns) out.columns.push_back(SliceRows(*column, offset, count));
  return out;
}

std::vector<int32_t> SelectTrue(const Vector& predicate) {
  int64_t n = predicate.length();
  std::vector<int32_t> selected(n);
  const uint8_t* values = predicate.Data<uint8_t>();
  int64_t count = 0;
  // Branch-free: every row is written, and only selected rows advance the end.
  if (!predicate.MayHaveNulls()) {
    for (int64_t i = 0; i < n; ++i) {
      selected[count] = static_cast<int32_t>(i);
      count += values[i] != 0;
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      selected[count] = static_cast<int32_t>(i);
      count += (values[i] != 0) & predicate.IsValid(i);
    }
  }
  selected.resize(count);
  return selected;
}

}  // namespace ember
