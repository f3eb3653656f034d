// Columnar vectors in Arrow-compatible layout, and batches of them.
//
// A Vector holds `length` values of one DataType:
//  - validity: one bit per value, 1 = valid (Arrow's convention). Empty means "no nulls".
//  - values:   fixed-width types store their values here (boolean: one byte per value, 0 or 1;
//              decimal: int64 up to precision 18, __int128 above). String, binary, array and map
//              store length+1 int32 offsets here.
//  - bytes:    the payload of string and binary values.
//  - children: array [elements], map [keys, values], struct [one per field].
// Vectors are flat. A Vector is mutable while it is being built and shared read-only afterwards.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"

namespace ember {

// Rows per batch that operators aim for.
constexpr int64_t kBatchRows = 4096;

using int128_t = __int128;

// A growable, 64-byte aligned byte buffer whose new bytes are not initialised.
class Buffer {
 public:
  Buffer() = default;
  Buffer(const Buffer& other);
  Buffer& operator=(const Buffer& other);
  Buffer(Buffer&& other) noexcept;
  Buffer& operator=(Buffer&& other) noexcept;
  ~Buffer();

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  int64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void Resize(int64_t size);        // keeps contents, new bytes undefined
  void Reserve(int64_t capacity);
  void Clear() { size_ = 0; }
  void Append(const void* bytes, int64_t n) {
    if (n == 0) return;  // an empty buffer has no storage, and memcpy to null is undefined
    if (size_ + n > capacity_) Reserve(std::max<int64_t>(size_ + n, capacity_ * 2));
    std::memcpy(data_ + size_, bytes, n);
    size_ += n;
  }
  template <typename T>
  T* As() { return reinterpret_cast<T*>(data_); }
  template <typename T>
  const T* As() const { return reinterpret_cast<const T*>(data_); }

 private:
  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

class Vector;
using VectorPtr = std::shared_ptr<Vector>;

class Vector {
 public:
  Vector(TypePtr type, int64_t length);

  // A vector of `length` values whose storage is allocated but not initialised, all valid.
  // String/binary/array/map get length+1 offsets set to 0; nested types get empty children.
  static VectorPtr Make(TypePtr type, int64_t length);
  // A vector of `length` nulls.
  static VectorPtr MakeNulls(TypePtr type, int64_t length);

  const TypePtr& type() const { return type_; }
  int64_t length() const { return length_; }

  template <typename T>
  T* Data() { return values_.As<T>(); }
  template <typename T>
  const T* Data() const { return values_.As<T>(); }

  bool MayHaveNulls() const { return !validity_.empty(); }
  bool IsValid(int64_t i) const {
    return validity_.empty() || (validity_.As<uint64_t>()[i >> 6] >> (i & 63)) & 1;
  }
  bool IsNull(int64_t i) const { return !IsValid(i); }
  void SetNull(int64_t i);
  void SetValid(int64_t i);
  void SetValidity(int64_t i, bool valid) { valid ? SetValid(i) : SetNull(i); }
  int64_t CountNulls() const;
  // Raw validity words (64 rows each), or nullptr when there are no nulls.
  const uint64_t* ValidityWords() const {
    return validity_.empty() ? nullptr : validity_.As<uint64_t>();
  }
  // Allocates the validity bitmap with every row valid, if it is not there yet.
  uint64_t* MutableValidityWords();
  void ClearValidity() { validity_.Clear(); }

  // Offsets of string, binary, array and map vectors: value i spans [offsets[i], offsets[i+1]).
  int32_t* Offsets() { return values_.As<int32_t>(); }
  const int32_t* Offsets() const { return values_.As<int32_t>(); }
  std::string_view GetString(int64_t i) const {
    const int32_t* offsets = Offsets();
    return std::string_view(reinterpret_cast<const char*>(bytes_.data()) + offsets[i],
                            offsets[i + 1] - offsets[i]);
  }

  Buffer& values() { return values_; }
  const Buffer& values() const { return values_; }
  Buffer& bytes() { return bytes_; }
  const Buffer& bytes() const { return bytes_; }
  std::vector<VectorPtr>& children() { return children_; }
  const std::vector<VectorPtr>& children() const { return children_; }
  const VectorPtr& child(size_t i) const { return children_[i]; }

  // Changes the number of values; fixed-width storage and offsets grow with it.
  void Resize(int64_t length);
  // Approximate bytes held, children included.
  int64_t MemoryBytes() const;

 private:
  friend class VectorBuilder;
  TypePtr type_;
  int64_t length_;
  Buffer validity_;
  Buffer values_;
  Buffer bytes_;
  std::vector<VectorPtr> children_;
};

// A set of equally long vectors: one per column of a schema.
struct Batch {
  std::vector<VectorPtr> columns;
  int64_t num_rows = 0;

  Batch() = default;
  Batch(std::vector<VectorPtr> cols, int64_t rows) : columns(std::move(cols)), num_rows(rows) {}
  int64_t MemoryBytes() const;
};
using BatchPtr = std::shared_ptr<Batch>;

// Pulls batches one at a time; Next returns false at the end.
class BatchReader {
 public:
  virtual ~BatchReader() = default;
  virtual bool Next(Batch* out) = 0;
};

// ---- building and copying -------------------------------------------------------------------

// Appends values to a vector of any type, growing it. For fixed-width types use the typed appends;
// strings and binaries use AppendString; nested types append children through Child() and then
// close the row with FinishNested().
class VectorBuilder {
 public:
  explicit VectorBuilder(TypePtr type, int64_t expected_rows = kBatchRows);

  int64_t length() const { return length_; }
  const TypePtr& type() const { return type_; }

  void AppendNull();
  template <typename T>
  void Append(T value) {
    values_.Resize((length_ + 1) * static_cast<int64_t>(sizeof(T)));
    values_.As<T>()[length_] = value;
    MarkValid();
  }
  void AppendBool(bool value) { Append<uint8_t>(value ? 1 : 0); }
  void AppendString(std::string_view value);
  // Copies value `row` of `source` (same type).
  void AppendFrom(const Vector& source, int64_t row);
  // Copies the values of `source` at `indices` (same type); a bulk gather where neither side has nulls.
  void AppendRows(const Vector& source, const int32_t* indices, int64_t count);

  // Nested types: child builder i (array: 0 = elements; map: 0 = keys, 1 = values; struct: field i).
  VectorBuilder& Child(size_t i) { return *children_[i]; }
  // Ends the current array/map/struct row as valid (after its children were appended).
  void FinishNested();

  // Returns the finished vector; the builder is left empty and reusable.
  VectorPtr Finish();

 private:
  void MarkValid() {
    if (has_nulls_) SetBit(true);
    ++length_;
  }
  void SetBit(bool valid);
  void AppendOffset(int64_t end);

  TypePtr type_;
  int64_t length_ = 0;
  bool has_nulls_ = false;
  Buffer validity_;
  Buffer values_;
  Buffer bytes_;
  std::vector<std::unique_ptr<VectorBuilder>> children_;
};

// A new vector with the rows of `source` at `indices` (a gather).
VectorPtr TakeRows(const Vector& source, const int32_t* indices, int64_t count);
// Rows [offset, offset + count) of a vector.
struct RowRange {
  const Vector* vector;
  int64_t offset;
  int64_t count;
};
// The ranges one after another in a new vector of `type`, copied in bulk: values (and string
// bytes) with one memcpy per range, offsets shifted, validity bit by bit only where a range has
// nulls. Nested types go value by value.
VectorPtr ConcatRanges(const TypePtr& type, const std::vector<RowRange>& ranges);
// A new vector with rows [offset, offset + count).
VectorPtr SliceRows(const Vector& source, int64_t offset, int64_t count);
// A new vector with all rows of `parts` one after another (all of one type).
VectorPtr ConcatVectors(const std::vector<VectorPtr>& parts);

Batch TakeBatch(const Batch& batch, const int32_t* indices, int64_t count);
Batch SliceBatch(const Batch& batch, int64_t offset, int64_t count);
// Rows of a boolean vector that are valid and true.
std::vector<int32_t> SelectTrue(const Vector& predicate);

}  // namespace ember
