#include "io/parquet/parquet_column_reader.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "common/error.h"
#include "io/parquet/parquet_compression.h"
#include "io/parquet/parquet_delta_encoding.h"

namespace ember::parquet {
namespace {

// Pages larger than this are taken as corrupt headers rather than allocated.
constexpr int64_t kMaxPageBytes = int64_t{1} << 30;
using uint128_t = unsigned __int128;

constexpr int64_t kUnixEpochJulianDay = 2440588;
constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000 * 1000;

int Rank(TypeId id) {
  switch (id) {
    case TypeId::kByte: return 1;
    case TypeId::kShort: return 2;
    case TypeId::kInt: return 3;
    case TypeId::kLong: return 4;
    default: return 0;
  }
}

bool CanWiden(const DataType& from, const DataType& to) {
  if (Rank(from.id) > 0 && Rank(to.id) > Rank(from.id)) return true;
  return from.id == TypeId::kFloat && to.id == TypeId::kDouble;
}

int PlainWidth(int32_t physical, int32_t type_length) {
  switch (physical) {
    case kBoolean: return 1;
    case kInt32:
    case kFloat: return 4;
    case kInt64:
    case kDouble: return 8;
    case kInt96: return 12;
    case kFixedLenByteArray: return type_length;
    default: return 0;
  }
}

uint32_t LoadLe32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

void CheckReadableAs(const ParquetFile& file, const FileColumn& column, const TypePtr& target) {
  if (!column.type) {
    throw SparkError("UNSUPPORTED_FEATURE",
                     {{"feature", "reading the Parquet column " + QuoteIdentifier(column.name) +
                                      " of file " + file.path() + " (" + column.unsupported + ")"}});
  }
  if (column.type->Equals(*target) || CanWiden(*column.type, *target)) return;
  throw SparkError("FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                   {{"path", file.path()},
                    {"column", "[" + column.name + "]"},
                    {"expectedType", target->ToString()},
                    {"actualType", column.nested ? column.type->ToString() : DescribeParquetType(*column.element)}});
}

ColumnChunkReader::ColumnChunkReader(const ParquetFile& file, const FileColumn& column, TypePtr target)
    : file_(file), column_(column), target_(std::move(target)) {
  const SchemaElement& element = *column.element;
  physical_ = element.type.value_or(-1);
  value_width_ = PlainWidth(physical_, element.type_length.value_or(0));
  if (physical_ == kFixedLenByteArray && value_width_ <= 0) Corrupt("invalid FIXED_LEN_BYTE_ARRAY length");

  LogicalType logical = AnnotationOf(element);
  TypeId id = target_->id;
  switch (physical_) {
    case kBoolean: conversion_ = Conversion::kBool; break;
    case kInt32:
      if (id == TypeId::kByte) conversion_ = Conversion::kInt32ToByte;
      else if (id == TypeId::kShort) conversion_ = Conversion::kInt32ToShort;
      else if (id == TypeId::kInt || id == TypeId::kDate) conversion_ = Conversion::kInt32ToInt;
      else if (logical.kind == LogicalType::kInteger && !logical.is_signed && logical.bit_width == 32)
        conversion_ = Conversion::kUInt32ToLong;
      else conversion_ = Conversion::kInt32ToLong;  // long, or decimal(p <= 9) stored as int64
      break;
    case kInt64:
      if (logical.kind == LogicalType::kTimestamp && logical.unit == TimeUnit::kMillis)
        conversion_ = Conversion::kMillisToMicros;
      else if (target_->IsWideDecimal()) conversion_ = Conversion::kUInt64ToWide;
      else conversion_ = Conversion::kInt64ToLong;
      break;
    case kInt96: conversion_ = Conversion::kInt96ToMicros; break;
    case kFloat: conversion_ = id == TypeId::kDouble ? Conversion::kFloatToDouble : Conversion::kFloatToFloat; break;
    case kDouble: conversion_ = Conversion::kDoubleToDouble; break;
    case kByteArray:
    case kFixedLenByteArray:
      if (id == TypeId::kDecimal)
        conversion_ = target_->IsWideDecimal() ? Conversion::kBytesToWideDecimal : Conversion::kBytesToDecimal;
      else conversion_ = Conversion::kBytes;
      break;
    default: Corrupt("unknown physical type");
  }

}

void ColumnChunkReader::StartChunk(const ColumnChunk& chunk) {
  codec_ = chunk.meta_data ? chunk.meta_data->codec : kUncompressed;
  if (chunk.meta_data && chunk.meta_data->type != physical_) Corrupt("column chunk type differs from the schema");
  int64_t start, length;
  file_.ChunkRange(chunk, &start, &length);
  chunk_.Resize(length);
  file_.ReadAt(start, length, chunk_.data());
  chunk_pos_ = 0;
  page_remaining_ = 0;
  dictionary_ = nullptr;
}

void ColumnChunkReader::Corrupt(const std::string& message) const {
  ThrowCorruptFile(file_.path(), "Column " + QuoteIdentifier(column_.name) + ": " + message + ".");
}

void ColumnChunkReader::NextPage() {
  while (true) {
    if (chunk_pos_ >= static_cast<size_t>(chunk_.size())) Corrupt("the column chunk has fewer values than the row group");
    size_t header_size = 0;
    PageHeader header;
    try {
      header = ParsePageHeader(chunk_.data() + chunk_pos_, chunk_.size() - chunk_pos_, &header_size);
    } catch (const ParquetDecodeError& e) {
      Corrupt(std::string("bad page header: ") + e.what());
    }
    chunk_pos_ += header_size;
    int64_t compressed = header.compressed_page_size;
    int64_t uncompressed = header.uncompressed_page_size;
    if (compressed < 0 || compressed > chunk_.size() - static_cast<int64_t>(chunk_pos_) || uncompressed < 0 ||
        uncompressed > kMaxPageBytes)
      Corrupt("page size out of range");
    const uint8_t* data = chunk_.data() + chunk_pos_;
    chunk_pos_ += compressed;

    if (header.type == kDictionaryPage) {
      if (!header.dictionary_page_header) Corrupt("dictionary page without its header");
      const uint8_t* dictionary = Uncompress(data, compressed, uncompressed, &dictionary_page_);
      LoadDictionary(dictionary, uncompressed, header.dictionary_page_header->num_values);
      continue;
    }
    if (header.type == kDataPage) {
      if (!header.data_page_header) Corrupt("data page without its header");
      const DataPageHeader& page = *header.data_page_header;
      if (page.num_values < 0) Corrupt("negative value count");
      const uint8_t* bytes = Uncompress(data, compressed, uncompressed, &page_);
      size_t pos = 0;
      if (column_.max_repetition_level > 0) {
        if (uncompressed < 4) Corrupt("truncated repetition levels");
        uint32_t levels_size = LoadLe32(bytes);
        if (levels_size > static_cast<uint64_t>(uncompressed - 4)) Corrupt("repetition levels out of range");
        repetition_decoder_ = RleBitPackedDecoder(bytes + 4, levels_size, BitWidthFor(column_.max_repetition_level));
        pos = 4 + levels_size;
      }
      if (column_.max_definition_level > 0) {
        if (page.definition_level_encoding != kRle) Corrupt("unsupported definition level encoding");
        if (static_cast<int64_t>(pos) + 4 > uncompressed) Corrupt("truncated definition levels");
        uint32_t levels_size = LoadLe32(bytes + pos);
        if (levels_size > static_cast<uint64_t>(uncompressed - pos - 4)) Corrupt("definition levels out of range");
        levels_decoder_ = RleBitPackedDecoder(bytes + pos + 4, levels_size, BitWidthFor(column_.max_definition_level));
        pos += 4 + levels_size;
      }
      page_remaining_ = page.num_values;
      StartValues(page.encoding, bytes + pos, uncompressed - pos);
      if (page_remaining_ > 0) return;
      continue;
    }
    if (header.type == kDataPageV2) {
      if (!header.data_page_header_v2) Corrupt("data page v2 without its header");
      const DataPageHeaderV2& page = *header.data_page_header_v2;
      int64_t rep = page.repetition_levels_byte_length;
      int64_t def = page.definition_levels_byte_length;
      if (page.num_values < 0 || rep < 0 || def < 0 || rep + def > compressed || rep + def > uncompressed)
        Corrupt("data page v2 sizes out of range");
      // The levels are never compressed: only the values after them may be.
      const uint8_t* values = data + rep + def;
      if (page.is_compressed) {
        values = Uncompress(values, compressed - rep - def, uncompressed - rep - def, &page_);
      } else if (compressed != uncompressed) {
        Corrupt("uncompressed page size mismatch");
      }
      if (column_.max_repetition_level > 0)
        repetition_decoder_ = RleBitPackedDecoder(data, rep, BitWidthFor(column_.max_repetition_level));
      if (column_.max_definition_level > 0)
        levels_decoder_ = RleBitPackedDecoder(data + rep, def, BitWidthFor(column_.max_definition_level));
      page_remaining_ = page.num_values;
      StartValues(page.encoding, values, uncompressed - rep - def);
      if (page_remaining_ > 0) return;
      continue;
    }
    // Index pages and unknown page types carry nothing to read.
  }
}

const uint8_t* ColumnChunkReader::Uncompress(const uint8_t* data, int64_t size, int64_t uncompressed_size,
                                             Buffer* buffer) {
  if (codec_ == kUncompressed) {
    if (size != uncompressed_size) throw ParquetDecodeError("page size mismatch");
    return data;
  }
  buffer->Resize(uncompressed_size);
  Decompress(codec_, data, size, buffer->data(), uncompressed_size);
  return buffer->data();
}

void ColumnChunkReader::StartValues(int32_t encoding, const uint8_t* data, size_t size) {
  values_ = data;
  values_size_ = size;
  values_pos_ = 0;
  boolean_bit_ = 0;
  if (encoding == kRleDictionary || encoding == kPlainDictionary) {
    if (!dictionary_) Corrupt("dictionary-encoded page without a dictionary page");
    if (size < 1) Corrupt("truncated dictionary indices");
    dictionary_encoded_ = true;
    index_decoder_ = RleBitPackedDecoder(data + 1, size - 1, data[0]);
  } else if (encoding == kPlain) {
    dictionary_encoded_ = false;
  } else if (encoding == kDeltaBinaryPacked || encoding == kDeltaLengthByteArray ||
             encoding == kDeltaByteArray || encoding == kByteStreamSplit) {
    ConvertToPlain(encoding, data, size);
  } else if (encoding == kRle && physical_ == kBoolean) {
    if (size < 4 || LoadLe32(data) > size - 4) Corrupt("truncated RLE booleans");
    dictionary_encoded_ = false;
    index_decoder_ = RleBitPackedDecoder(data + 4, LoadLe32(data), 1);
    values_ = nullptr;  // marks RLE booleans
  } else {
    throw SparkError("UNSUPPORTED_FEATURE",
                     {{"feature", "the Parquet encoding " + std::to_string(encoding) + " in file " + file_.path()}});
  }
}

void ColumnChunkReader::ConvertToPlain(int32_t encoding, const uint8_t* data, size_t size) {
  converted_.clear();
  dictionary_encoded_ = false;
  if (encoding == kDeltaBinaryPacked && (physical_ == kInt32 || physical_ == kInt64)) {
    DeltaBinaryPackedToPlain(data, size, value_width_, &converted_);
  } else if (encoding == kDeltaLengthByteArray && physical_ == kByteArray) {
    DeltaLengthByteArrayToPlain(data, size, &converted_);
  } else if (encoding == kDeltaByteArray && (physical_ == kByteArray || physical_ == kFixedLenByteArray)) {
    DeltaByteArrayToPlain(data, size, &converted_);
    if (physical_ == kFixedLenByteArray) {
      // PLAIN fixed-length values carry no length prefix.
      std::string fixed;
      for (size_t pos = 0; pos < converted_.size();) {
        uint32_t length = LoadLe32(reinterpret_cast<const uint8_t*>(converted_.data()) + pos);
        if (length != static_cast<uint32_t>(value_width_)) Corrupt("fixed-length value of the wrong length");
        fixed.append(converted_, pos + 4, length);
        pos += 4 + length;
      }
      converted_.swap(fixed);
    }
  } else if (encoding == kByteStreamSplit && value_width_ > 0 && physical_ != kBoolean && physical_ != kInt96) {
    ByteStreamSplitToPlain(data, size, value_width_, &converted_);
  } else {
    Corrupt("encoding " + std::to_string(encoding) + " does not fit the column's type");
  }
  values_ = reinterpret_cast<const uint8_t*>(converted_.data());
  values_size_ = converted_.size();
}

namespace {

// Writes `rows` values into `dst`, taking physical value j for each non-null row; null rows get a
// zero value and a cleared validity bit. `levels` is null when every row is non-null.
template <typename Out, typename F>
void Scatter(int64_t rows, const uint32_t* levels, uint32_t max_level, Vector* out, int64_t out_row, F value_at) {
  Out* dst = out->Data<Out>() + out_row;
  if (levels == nullptr) {
    for (int64_t i = 0; i < rows; ++i) dst[i] = value_at(i);
    return;
  }
  int64_t j = 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (levels[i] == max_level) {
      dst[i] = value_at(j++);
    } else {
      dst[i] = Out();
      out->SetNull(out_row + i);
    }
  }
}

// Appends `rows` strings to the string vector `out` from row `out_row` on (`present` of them
// non-null, string j given by value_at(j)), reserving the bytes once. Returns false, appending
// nothing, if the vector's bytes would exceed 2 GB.
template <typename F>
bool AppendStrings(int64_t rows, const uint32_t* levels, uint32_t max_level, int64_t present, Vector* out,
                   int64_t out_row, F value_at) {
  Buffer& bytes = out->bytes();
  int64_t pos = bytes.size();
  int64_t total = pos;
  for (int64_t j = 0; j < present; ++j) total += static_cast<int64_t>(value_at(j).size());
  if (total > std::numeric_limits<int32_t>::max()) return false;
  bytes.Resize(total);
  uint8_t* data = bytes.data();
  int32_t* offsets = out->Offsets() + out_row + 1;
  int64_t j = 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (levels == nullptr || levels[i] == max_level) {
      std::string_view value = value_at(j++);
      if (!value.empty()) std::memcpy(data + pos, value.data(), value.size());
      pos += static_cast<int64_t>(value.size());
    } else {
      out->SetNull(out_row + i);
    }
    offsets[i] = static_cast<int32_t>(pos);
  }
  return true;
}

using U32x4 = uint32_t __attribute__((vector_size(16)));

// The largest of `count` values, eight at a time in vector registers.
uint32_t Largest(const uint32_t* values, int64_t count) {
  U32x4 low = {}, high = {};
  int64_t i = 0;
  for (; i + 8 <= count; i += 8) {
    U32x4 a, b;
    std::memcpy(&a, values + i, sizeof(a));
    std::memcpy(&b, values + i + 4, sizeof(b));
    low = a > low ? a : low;
    high = b > high ? b : high;
  }
  low = high > low ? high : low;
  uint32_t largest = std::max({low[0], low[1], low[2], low[3]});
  for (; i < count; ++i) largest = std::max(largest, values[i]);
  return largest;
}

// Dictionary strings up to this long are copied with one fixed-size copy each.
constexpr int64_t kShortString = 32;

// Appends dictionary strings as AppendStrings does, when no dictionary entry is longer than
// `longest` <= kShortString bytes and the dictionary's bytes are followed by kShortString bytes of
// slack: each value is copied as kShortString bytes, into room reserved for `present` of the longest
// plus that slack. Returns false, appending nothing, if the reservation would exceed 2 GB.
bool AppendShortStrings(const Vector& dictionary, int64_t longest, const uint32_t* indices, int64_t rows,
                        const uint32_t* levels, uint32_t max_level, int64_t present, Vector* out, int64_t out_row) {
  Buffer& bytes = out->bytes();
  int64_t pos = bytes.size();
  int64_t room = pos + present * longest + kShortString;
  if (room > std::numeric_limits<int32_t>::max()) return false;
  bytes.Resize(room);
  uint8_t* data = bytes.data();
  const int32_t* entries = dictionary.Offsets();
  const uint8_t* entry_bytes = dictionary.bytes().data();
  int32_t* offsets = out->Offsets() + out_row + 1;
  int64_t j = 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (levels == nullptr || levels[i] == max_level) {
      uint32_t index = indices[j++];
      std::memcpy(data + pos, entry_bytes + entries[index], kShortString);
      pos += entries[index + 1] - entries[index];
    } else {
      out->SetNull(out_row + i);
    }
    offsets[i] = static_cast<int32_t>(pos);
  }
  bytes.Resize(pos);
  return true;
}

template <typename T>
T LoadAs(const uint8_t* base, int64_t j) {
  T value;
  std::memcpy(&value, base + j * sizeof(T), sizeof(T));
  return value;
}

// Gathers dictionary values of one width; T is an unsigned integer of that width, as values are
// copied bit for bit.
template <typename T>
void GatherFixed(const Vector& dictionary, const uint32_t* indices, int64_t rows, const uint32_t* levels,
                 uint32_t max_level, Vector* out, int64_t out_row) {
  const T* values = dictionary.Data<T>();
  Scatter<T>(rows, levels, max_level, out, out_row, [&](int64_t j) { return values[indices[j]]; });
}

}  // namespace

void ColumnChunkReader::LoadDictionary(const uint8_t* data, size_t size, int32_t count) {
  if (count < 0) Corrupt("negative dictionary size");
  if (physical_ == kBoolean) Corrupt("dictionary for a boolean column");
  size_t pos = 0;
  const uint8_t* fixed = nullptr;
  // Every value takes at least its width, or a BYTE_ARRAY its 4-byte length.
  if (static_cast<uint64_t>(count) * (value_width_ > 0 ? value_width_ : 4) > size) Corrupt("truncated dictionary page");
  if (physical_ == kByteArray || physical_ == kFixedLenByteArray) {
    PlainStrings(data, size, &pos, count);
  } else {
    fixed = PlainFixed(data, size, &pos, count);
  }
  // Converted once here, so that data pages gather target values directly.
  dictionary_ = Vector::Make(target_, count);
  Store(count, nullptr, fixed, dictionary_.get(), 0);
  dictionary_longest_ = 0;
  if (!target_->IsFixedWidth()) {
    const int32_t* offsets = dictionary_->Offsets();
    for (int32_t i = 0; i < count; ++i)
      dictionary_longest_ = std::max<int64_t>(dictionary_longest_, offsets[i + 1] - offsets[i]);
    Buffer& bytes = dictionary_->bytes();
    bytes.Reserve(bytes.size() + kShortString);
  }
}

const uint8_t* ColumnChunkReader::PlainFixed(const uint8_t* data, size_t size, size_t* pos, int64_t count) {
  size_t bytes = static_cast<size_t>(count) * value_width_;
  if (bytes > size - *pos) Corrupt("truncated PLAIN values");
  const uint8_t* values = data + *pos;
  *pos += bytes;
  return values;
}

void ColumnChunkReader::PlainStrings(const uint8_t* data, size_t size, size_t* pos, int64_t count) {
  strings_.resize(count);
  if (value_width_ > 0) {
    const uint8_t* values = PlainFixed(data, size, pos, count);
    for (int64_t i = 0; i < count; ++i)
      strings_[i] = std::string_view(reinterpret_cast<const char*>(values) + i * value_width_, value_width_);
    return;
  }
  for (int64_t i = 0; i < count; ++i) {
    if (size - *pos < 4) Corrupt("truncated BYTE_ARRAY value");
    uint32_t length = LoadLe32(data + *pos);
    *pos += 4;
    if (length > size - *pos) Corrupt("BYTE_ARRAY value past the page end");
    strings_[i] = std::string_view(reinterpret_cast<const char*>(data + *pos), length);
    *pos += length;
  }
}

void ColumnChunkReader::DecodeBooleans(int64_t count) {
  booleans_.Resize(count);
  uint8_t* out = booleans_.data();
  if (values_ == nullptr) {  // RLE booleans
    indices_.resize(count);
    index_decoder_.Decode(indices_.data(), count);
    for (int64_t i = 0; i < count; ++i) out[i] = static_cast<uint8_t>(indices_[i] & 1);
    return;
  }
  if (boolean_bit_ + count > static_cast<int64_t>(values_size_) * 8) Corrupt("truncated PLAIN booleans");
  for (int64_t i = 0; i < count; ++i, ++boolean_bit_) out[i] = (values_[boolean_bit_ >> 3] >> (boolean_bit_ & 7)) & 1;
}

void ColumnChunkReader::GatherDictionary(int64_t rows, const uint32_t* levels, int64_t present, Vector* out,
                                         int64_t out_row) {
  indices_.resize(present);
  const uint32_t* indices = indices_.data();
  index_decoder_.Decode(indices_.data(), present);
  if (present > 0 && Largest(indices, present) >= dictionary_->length()) Corrupt("dictionary index out of range");
  uint32_t max = static_cast<uint32_t>(column_.max_definition_level);
  const Vector& dictionary = *dictionary_;
  switch (target_->ByteWidth()) {
    case 1: GatherFixed<uint8_t>(dictionary, indices, rows, levels, max, out, out_row); return;
    case 2: GatherFixed<uint16_t>(dictionary, indices, rows, levels, max, out, out_row); return;
    case 4: GatherFixed<uint32_t>(dictionary, indices, rows, levels, max, out, out_row); return;
    case 8: GatherFixed<uint64_t>(dictionary, indices, rows, levels, max, out, out_row); return;
    case 16: GatherFixed<uint128_t>(dictionary, indices, rows, levels, max, out, out_row); return;
    default:
      if (dictionary_longest_ <= kShortString &&
          AppendShortStrings(dictionary, dictionary_longest_, indices, rows, levels, max, present, out, out_row))
        return;
      if (!AppendStrings(rows, levels, max, present, out, out_row,
                         [&](int64_t j) { return dictionary.GetString(indices[j]); }))
        Corrupt("string data of a batch exceeds 2 GB");
  }
}

void ColumnChunkReader::ReadPageValues(int64_t rows, const uint32_t* levels, int64_t present, Vector* out,
                                       int64_t out_row) {
  if (dictionary_encoded_) {
    GatherDictionary(rows, levels, present, out, out_row);
  } else if (physical_ == kBoolean) {
    DecodeBooleans(present);
    Store(rows, levels, booleans_.data(), out, out_row);
  } else if (physical_ == kByteArray || physical_ == kFixedLenByteArray) {
    PlainStrings(values_, values_size_, &values_pos_, present);
    Store(rows, levels, nullptr, out, out_row);
  } else {
    Store(rows, levels, PlainFixed(values_, values_size_, &values_pos_, present), out, out_row);
  }
}

void ColumnChunkReader::Store(int64_t rows, const uint32_t* levels, const uint8_t* in, Vector* out,
                              int64_t out_row) {
  uint32_t max = static_cast<uint32_t>(column_.max_definition_level);
  switch (conversion_) {
    case Conversion::kBool:
      Scatter<uint8_t>(rows, levels, max, out, out_row, [&](int64_t j) { return in[j]; });
      return;
    case Conversion::kInt32ToByte:
      Scatter<int8_t>(rows, levels, max, out, out_row, [&](int64_t j) { return static_cast<int8_t>(LoadAs<int32_t>(in, j)); });
      return;
    case Conversion::kInt32ToShort:
      Scatter<int16_t>(rows, levels, max, out, out_row, [&](int64_t j) { return static_cast<int16_t>(LoadAs<int32_t>(in, j)); });
      return;
    case Conversion::kInt32ToInt:
      Scatter<int32_t>(rows, levels, max, out, out_row, [&](int64_t j) { return LoadAs<int32_t>(in, j); });
      return;
    case Conversion::kInt32ToLong:
      Scatter<int64_t>(rows, levels, max, out, out_row, [&](int64_t j) { return static_cast<int64_t>(LoadAs<int32_t>(in, j)); });
      return;
    case Conversion::kUInt32ToLong:
      Scatter<int64_t>(rows, levels, max, out, out_row, [&](int64_t j) { return static_cast<int64_t>(LoadAs<uint32_t>(in, j)); });
      return;
    case Conversion::kInt64ToLong:
      Scatter<int64_t>(rows, levels, max, out, out_row, [&](int64_t j) { return LoadAs<int64_t>(in, j); });
      return;
    case Conversion::kMillisToMicros:
      Scatter<int64_t>(rows, levels, max, out, out_row, [&](int64_t j) {
        int64_t micros;
        if (__builtin_mul_overflow(LoadAs<int64_t>(in, j), int64_t{1000}, &micros)) Corrupt("timestamp out of range");
        return micros;
      });
      return;
    case Conversion::kUInt64ToWide:
      Scatter<int128_t>(rows, levels, max, out, out_row, [&](int64_t j) { return static_cast<int128_t>(LoadAs<uint64_t>(in, j)); });
      return;
    case Conversion::kInt96ToMicros:
      Scatter<int64_t>(rows, levels, max, out, out_row, [&](int64_t j) {
        int64_t nanos;
        int32_t day;
        std::memcpy(&nanos, in + j * 12, 8);
        std::memcpy(&day, in + j * 12 + 8, 4);
        int64_t micros;
        if (__builtin_mul_overflow(static_cast<int64_t>(day) - kUnixEpochJulianDay, kMicrosPerDay, &micros) ||
            __builtin_add_overflow(micros, nanos / 1000, &micros))
          Corrupt("INT96 timestamp out of range");
        return micros;
      });
      return;
    case Conversion::kFloatToFloat:
      Scatter<float>(rows, levels, max, out, out_row, [&](int64_t j) { return LoadAs<float>(in, j); });
      return;
    case Conversion::kFloatToDouble:
      Scatter<double>(rows, levels, max, out, out_row, [&](int64_t j) { return static_cast<double>(LoadAs<float>(in, j)); });
      return;
    case Conversion::kDoubleToDouble:
      Scatter<double>(rows, levels, max, out, out_row, [&](int64_t j) { return LoadAs<double>(in, j); });
      return;
    case Conversion::kBytesToDecimal:
    case Conversion::kBytesToWideDecimal: {
      // Big-endian two's complement of any length up to 16 bytes.
      auto unscaled = [&](int64_t j) {
        std::string_view bytes = strings_[j];
        if (bytes.size() > 16) Corrupt("decimal value wider than 16 bytes");
        uint128_t bits = 0;
        if (!bytes.empty() && (static_cast<uint8_t>(bytes[0]) & 0x80)) bits = ~uint128_t{0};
        for (char c : bytes) bits = (bits << 8) | static_cast<uint8_t>(c);
        return static_cast<int128_t>(bits);
      };
      if (conversion_ == Conversion::kBytesToWideDecimal) {
        Scatter<int128_t>(rows, levels, max, out, out_row, unscaled);
      } else {
        Scatter<int64_t>(rows, levels, max, out, out_row, [&](int64_t j) {
          int128_t value = unscaled(j);
          if (value > std::numeric_limits<int64_t>::max() || value < std::numeric_limits<int64_t>::min())
            Corrupt("decimal value out of range");
          return static_cast<int64_t>(value);
        });
      }
      return;
    }
    case Conversion::kBytes: {
      int64_t present = static_cast<int64_t>(strings_.size());
      if (!AppendStrings(rows, levels, max, present, out, out_row, [&](int64_t j) { return strings_[j]; }))
        Corrupt("string data of a batch exceeds 2 GB");
      return;
    }
  }
}

VectorPtr ColumnChunkReader::Read(int64_t count) {
  try {
    return ReadValues(count);
  } catch (const ParquetDecodeError& e) {
    Corrupt(e.what());
  }
}

const uint32_t* ColumnChunkReader::DecodeLevels(int64_t rows, int64_t* present) {
  *present = rows;
  uint32_t max = static_cast<uint32_t>(column_.max_definition_level);
  if (max == 0 || levels_decoder_.SkipRun(max, rows)) return nullptr;
  levels_.resize(rows);
  levels_decoder_.Decode(levels_.data(), rows);
  if (Largest(levels_.data(), rows) > max) Corrupt("definition level out of range");
  int64_t defined = std::count(levels_.begin(), levels_.end(), max);
  *present = defined;
  return defined < rows ? levels_.data() : nullptr;
}

VectorPtr ColumnChunkReader::ReadLeveled(int64_t count, std::vector<uint32_t>* definitions,
                                         std::vector<uint32_t>* repetitions) {
  try {
    VectorPtr out = Vector::Make(target_, count);
    uint32_t max_definition = static_cast<uint32_t>(column_.max_definition_level);
    int64_t done = 0;
    while (done < count) {
      if (page_remaining_ == 0) NextPage();
      int64_t rows = std::min(count - done, page_remaining_);
      size_t base = repetitions->size();
      repetitions->resize(base + rows, 0);
      if (column_.max_repetition_level > 0) {
        repetition_decoder_.Decode(repetitions->data() + base, rows);
        if (Largest(repetitions->data() + base, rows) > static_cast<uint32_t>(column_.max_repetition_level))
          Corrupt("repetition level out of range");
      }
      int64_t present;
      const uint32_t* levels = DecodeLevels(rows, &present);
      if (levels == nullptr) {
        definitions->insert(definitions->end(), rows, max_definition);
      } else {
        definitions->insert(definitions->end(), levels, levels + rows);
      }
      ReadPageValues(rows, levels, present, out.get(), done);
      page_remaining_ -= rows;
      done += rows;
    }
    return out;
  } catch (const ParquetDecodeError& e) {
    Corrupt(e.what());
  }
}

VectorPtr ColumnChunkReader::ReadValues(int64_t count) {
  VectorPtr out = Vector::Make(target_, count);
  int64_t done = 0;
  while (done < count) {
    if (page_remaining_ == 0) NextPage();
    int64_t rows = std::min(count - done, page_remaining_);
    int64_t present;
    const uint32_t* levels = DecodeLevels(rows, &present);
    ReadPageValues(rows, levels, present, out.get(), done);
    page_remaining_ -= rows;
    done += rows;
  }
  return out;
}

}  // namespace ember::parquet
