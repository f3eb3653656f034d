#include "io/parquet/parquet_column_writer.h"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/string_view.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "common/error.h"
#include "io/parquet/parquet_compression.h"
#include "io/parquet/parquet_encoding.h"

namespace ember::parquet {
namespace {

// How a column's vector values become Parquet physical values.
struct BoolSource {
  static uint8_t Get(const Vector& v, int64_t i) { return v.Data<uint8_t>()[i]; }
};
template <typename Physical, typename Stored>
struct CastSource {
  static Physical Get(const Vector& v, int64_t i) { return static_cast<Physical>(v.Data<Stored>()[i]); }
};
struct StringSource {
  static std::string_view Get(const Vector& v, int64_t i) { return v.GetString(i); }
};

template <typename T>
constexpr bool kIsBytes = std::is_same_v<T, std::string_view>;
template <typename T>
constexpr bool kIsFloating = std::is_floating_point_v<T>;
// Booleans and wide decimals are always PLAIN.
template <typename T>
constexpr bool kCanUseDictionary = !std::is_same_v<T, uint8_t> && !std::is_same_v<T, int128_t>;

// Dictionary keys: bit patterns for floating point so that NaN and -0.0 find themselves.
template <typename T>
struct DictionaryKey {
  using Type = T;
  static T Of(T value) { return value; }
};
template <>
struct DictionaryKey<float> {
  using Type = uint32_t;
  static uint32_t Of(float value) { return std::bit_cast<uint32_t>(value); }
};
template <>
struct DictionaryKey<double> {
  using Type = uint64_t;
  static uint64_t Of(double value) { return std::bit_cast<uint64_t>(value); }
};
template <>
struct DictionaryKey<int128_t> {  // never used: wide decimals are PLAIN
  using Type = int64_t;
};
template <>
struct DictionaryKey<std::string_view> {
  using Type = std::string;
  // absl's string hash takes absl::string_view, which this absl build does not alias to std's.
  static absl::string_view Of(std::string_view value) { return absl::string_view(value.data(), value.size()); }
};

// Rows appended between checks of a page's size in bytes: a page ends at most this many values past
// its byte bound.
constexpr int64_t kPageCheckRows = 128;

void AppendLittleEndian32(uint32_t value, std::string* out) {
  char bytes[4];
  std::memcpy(bytes, &value, 4);
  out->append(bytes, 4);
}

template <typename T, typename Source>
class TypedColumnWriter final : public ColumnWriter {
 public:
  using Stored = std::conditional_t<kIsBytes<T>, std::string, T>;

  TypedColumnWriter(const SchemaElement& element, const ColumnWriterOptions& options, const LeafPlacement& placement)
      : options_(options),
        name_(element.name),
        path_(placement.path.empty() ? std::vector<std::string>{element.name} : placement.path),
        optional_(element.repetition_type.value_or(kOptional) == kOptional),
        max_definition_(placement.path.empty() ? (optional_ ? 1 : 0) : placement.max_definition_level),
        max_repetition_(placement.max_repetition_level),
        physical_(element.type.value_or(kInt32)),
        fixed_width_(element.type_length.value_or(0)),
        dictionary_mode_(options.dictionary && kCanUseDictionary<T>) {}

  void AppendLevels(const uint32_t* definitions, const uint32_t* repetitions, int64_t entries, const Vector* values,
                    const int64_t* positions) override {
    int64_t next = 0;
    for (int64_t i = 0; i < entries; ++i) {
      // Pages end between records, so that no record spans two pages.
      if (repetitions[i] == 0 && page_rows_ > 0 &&
          (page_rows_ >= options_.page_rows || OpenPageBytes() >= options_.page_bytes || dictionary_full_))
        FlushPage();
      if (max_definition_ > 0) levels_.push_back(definitions[i]);
      if (max_repetition_ > 0) repetition_levels_.push_back(repetitions[i]);
      if (repetitions[i] == 0) ++page_rows_;
      ++page_values_;
      ++chunk_values_;
      if (definitions[i] == static_cast<uint32_t>(max_definition_)) {
        AppendValue(Source::Get(*values, positions[next++]));
      } else {
        ++null_count_;
      }
    }
  }

  void Append(const Vector& values, int64_t offset, int64_t count) override {
    const bool nulls = values.MayHaveNulls();
    if (!optional_ && nulls) {
      for (int64_t i = offset; i < offset + count; ++i) {
        if (values.IsNull(i)) {
          throw SparkError("INVALID_PARAMETER_VALUE",
                           {{"parameter", QuoteIdentifier(name_)},
                            {"functionName", "`parquet`"},
                            {"message", "a NULL value in a non-nullable column"}});
        }
      }
    }
    // Runs of rows up to the page's row bound; its byte bound is checked after each run.
    for (int64_t begin = offset, end = offset + count; begin < end;) {
      const int64_t run = std::max<int64_t>(1, std::min({end - begin, options_.page_rows - page_rows_, kPageCheckRows}));
      if (optional_ && !nulls) levels_.insert(levels_.end(), run, 1);
      for (int64_t i = begin; i < begin + run; ++i) {
        const bool valid = !nulls || values.IsValid(i);
        if (optional_ && nulls) levels_.push_back(valid ? 1 : 0);
        if (valid) {
          AppendValue(Source::Get(values, i));
        } else {
          ++null_count_;
        }
      }
      page_rows_ += run;
      page_values_ += run;
      chunk_values_ += run;
      begin += run;
      if (page_rows_ >= options_.page_rows || OpenPageBytes() >= options_.page_bytes || dictionary_full_) FlushPage();
    }
  }

  int64_t BufferedBytes() const override {
    return static_cast<int64_t>(pages_.size() + dictionary_plain_.size()) + OpenPageBytes();
  }

  ColumnChunk FinishRowGroup(int64_t file_offset, std::string* out) override {
    FlushPage();
    ColumnMetaData meta;
    meta.type = physical_;
    meta.codec = options_.codec;
    meta.path_in_schema = path_;
    meta.num_values = chunk_values_;
    size_t start = out->size();
    if (dictionary_pages_) {
      PageHeader header;
      header.type = kDictionaryPage;
      DictionaryPageHeader dictionary;
      dictionary.num_values = static_cast<int32_t>(dictionary_count_);
      dictionary.encoding = kPlain;
      header.dictionary_page_header = dictionary;
      meta.dictionary_page_offset = file_offset;
      WritePage(header, dictionary_plain_, out);
      meta.encodings.push_back(kPlain);
      meta.encodings.push_back(kRleDictionary);
    }
    if (plain_pages_ && !dictionary_pages_) meta.encodings.push_back(kPlain);
    meta.encodings.push_back(kRle);
    meta.data_page_offset = file_offset + static_cast<int64_t>(out->size() - start);
    out->append(pages_);
    meta.total_uncompressed_size = uncompressed_total_;
    meta.total_compressed_size = compressed_total_;
    meta.statistics = MakeStatistics();

    ColumnChunk chunk;
    chunk.file_offset = file_offset;
    chunk.meta_data = std::move(meta);
    Reset();
    return chunk;
  }

 private:
  void AppendValue(T value) {
    UpdateStatistics(value);
    if constexpr (kCanUseDictionary<T>) {
      if (dictionary_mode_) {
        AppendToDictionary(value);
      } else {
        AppendPlain(value, &plain_);
      }
    } else {
      AppendPlain(value, &plain_);
    }
  }

  void AppendToDictionary(T value) {
    auto [it, inserted] = dictionary_.try_emplace(DictionaryKey<T>::Of(value), dictionary_count_);
    if (inserted) {
      ++dictionary_count_;
      AppendPlain(value, &dictionary_plain_);
    }
    indices_.push_back(it->second);
    // Too many distinct values: the open page ends with the dictionary (between records, after
    // its run of rows), later pages are PLAIN.
    if (static_cast<int64_t>(dictionary_plain_.size()) > options_.dictionary_bytes) dictionary_full_ = true;
  }

  void AppendPlain(T value, std::string* out) {
    if constexpr (std::is_same_v<T, uint8_t>) {
      booleans_.push_back(value);
    } else if constexpr (kIsBytes<T>) {
      AppendLittleEndian32(static_cast<uint32_t>(value.size()), out);
      out->append(value.data(), value.size());
    } else if constexpr (std::is_same_v<T, int128_t>) {
      // Big-endian two's complement, sign-extended to the fixed width.
      for (int b = fixed_width_ - 1; b >= 0; --b) {
        out->push_back(static_cast<char>(b >= 16 ? (value < 0 ? 0xFF : 0) : static_cast<uint8_t>(value >> (8 * b))));
      }
    } else {
      out->append(reinterpret_cast<const char*>(&value), sizeof(T));
    }
  }

  void UpdateStatistics(T value) {
    if constexpr (kIsFloating<T>) {
      if (std::isnan(value)) {
        saw_nan_ = true;
        return;
      }
    }
    if (!has_min_max_) {
      min_ = Stored(value);
      max_ = Stored(value);
      has_min_max_ = true;
      return;
    }
    if constexpr (kIsBytes<T>) {
      // std::string_view compares like memcmp: unsigned bytes, as Parquet orders UTF8 and binary.
      if (value < std::string_view(min_)) min_.assign(value);
      if (value > std::string_view(max_)) max_.assign(value);
    } else {
      if (value < min_) min_ = value;
      if (value > max_) max_ = value;
    }
  }

  std::string StatisticBytes(const Stored& value) {
    std::string bytes;
    if constexpr (kIsBytes<T>) {
      bytes = value;
    } else if constexpr (std::is_same_v<T, uint8_t>) {
      bytes.assign(1, static_cast<char>(value));
    } else {
      AppendPlain(value, &bytes);
    }
    return bytes;
  }

  Statistics MakeStatistics() {
    Statistics stats;
    stats.null_count = null_count_;
    // Floating point statistics are left out when NaN occurs, so readers never skip NaN rows.
    if (has_min_max_ && !saw_nan_) {
      Stored low = min_;
      Stored high = max_;
      if constexpr (kIsFloating<T>) {
        if (low == 0) low = -T(0);
        if (high == 0) high = T(0);
      }
      stats.min_value = StatisticBytes(low);
      stats.max_value = StatisticBytes(high);
      if constexpr (!kIsBytes<T> && !std::is_same_v<T, int128_t>) {
        stats.min = stats.min_value;
        stats.max = stats.max_value;
      }
    }
    return stats;
  }

  int64_t OpenPageBytes() const {
    int64_t bytes = static_cast<int64_t>(levels_.size() + repetition_levels_.size()) / 8;
    if (dictionary_mode_) return bytes + static_cast<int64_t>(indices_.size()) * 2;
    return bytes + static_cast<int64_t>(plain_.size() + booleans_.size() / 8);
  }

  void FlushPage() {
    if (page_values_ == 0) return;
    std::string body;
    auto append_levels = [&](const std::vector<uint32_t>& levels, int max_level) {
      std::string encoded;
      AppendRleBitPacked(levels.data(), static_cast<int64_t>(levels.size()), BitWidthFor(max_level), &encoded);
      AppendLittleEndian32(static_cast<uint32_t>(encoded.size()), &body);
      body += encoded;
    };
    if (max_repetition_ > 0) append_levels(repetition_levels_, max_repetition_);
    if (max_definition_ > 0) append_levels(levels_, max_definition_);
    DataPageHeader data;
    data.num_values = static_cast<int32_t>(page_values_);
    if (dictionary_mode_) {
      int bit_width = std::max(1, BitWidthFor(dictionary_count_ > 0 ? dictionary_count_ - 1 : 0));
      body.push_back(static_cast<char>(bit_width));
      AppendRleBitPacked(indices_.data(), static_cast<int64_t>(indices_.size()), bit_width, &body);
      data.encoding = kRleDictionary;
      dictionary_pages_ = true;
    } else {
      if constexpr (std::is_same_v<T, uint8_t>) {
        AppendPackedBooleans(booleans_.data(), static_cast<int64_t>(booleans_.size()), &body);
      }
      body += plain_;
      data.encoding = kPlain;
      plain_pages_ = true;
    }
    PageHeader header;
    header.type = kDataPage;
    header.data_page_header = data;
    WritePage(header, body, &pages_);
    levels_.clear();
    repetition_levels_.clear();
    indices_.clear();
    plain_.clear();
    booleans_.clear();
    page_rows_ = 0;
    page_values_ = 0;
    if (dictionary_full_) {
      dictionary_mode_ = false;
      dictionary_full_ = false;
    }
  }

  void WritePage(PageHeader header, const std::string& body, std::string* out) {
    std::string compressed;
    Compress(options_.codec, reinterpret_cast<const uint8_t*>(body.data()), body.size(), &compressed);
    header.uncompressed_page_size = static_cast<int32_t>(body.size());
    header.compressed_page_size = static_cast<int32_t>(compressed.size());
    std::string serialized = SerializePageHeader(header);
    uncompressed_total_ += static_cast<int64_t>(serialized.size() + body.size());
    compressed_total_ += static_cast<int64_t>(serialized.size() + compressed.size());
    out->append(serialized);
    out->append(compressed);
  }

  void Reset() {
    pages_.clear();
    dictionary_.clear();
    dictionary_plain_.clear();
    dictionary_count_ = 0;
    dictionary_mode_ = options_.dictionary && kCanUseDictionary<T>;
    dictionary_full_ = false;
    dictionary_pages_ = plain_pages_ = false;
    chunk_values_ = null_count_ = 0;
    uncompressed_total_ = compressed_total_ = 0;
    has_min_max_ = saw_nan_ = false;
  }

  ColumnWriterOptions options_;
  std::string name_;
  std::vector<std::string> path_;
  bool optional_;
  int max_definition_;
  int max_repetition_;
  int32_t physical_;
  int fixed_width_;
  bool dictionary_mode_;
  bool dictionary_full_ = false;  // the open page is the dictionary's last

  // The open page.
  std::vector<uint32_t> levels_;  // definition levels
  std::vector<uint32_t> repetition_levels_;
  std::vector<uint32_t> indices_;
  std::string plain_;
  std::vector<uint8_t> booleans_;
  int64_t page_rows_ = 0;    // records
  int64_t page_values_ = 0;  // level entries

  // The row group so far.
  std::string pages_;
  absl::flat_hash_map<typename DictionaryKey<T>::Type, uint32_t> dictionary_;
  std::string dictionary_plain_;
  uint32_t dictionary_count_ = 0;
  bool dictionary_pages_ = false;
  bool plain_pages_ = false;
  int64_t chunk_values_ = 0;
  int64_t null_count_ = 0;
  int64_t uncompressed_total_ = 0;
  int64_t compressed_total_ = 0;
  bool has_min_max_ = false;
  bool saw_nan_ = false;
  Stored min_{};
  Stored max_{};
};

template <typename T, typename Source>
std::unique_ptr<ColumnWriter> Make(const SchemaElement& element, const ColumnWriterOptions& options,
                                   const LeafPlacement& placement) {
  return std::make_unique<TypedColumnWriter<T, Source>>(element, options, placement);
}

}  // namespace

std::unique_ptr<ColumnWriter> MakeColumnWriter(const SchemaElement& element, const TypePtr& type,
                                               const ColumnWriterOptions& options, const LeafPlacement& placement) {
  switch (type->id) {
    case TypeId::kBoolean: return Make<uint8_t, BoolSource>(element, options, placement);
    case TypeId::kByte: return Make<int32_t, CastSource<int32_t, int8_t>>(element, options, placement);
    case TypeId::kShort: return Make<int32_t, CastSource<int32_t, int16_t>>(element, options, placement);
    case TypeId::kInt:
    case TypeId::kDate: return Make<int32_t, CastSource<int32_t, int32_t>>(element, options, placement);
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: return Make<int64_t, CastSource<int64_t, int64_t>>(element, options, placement);
    case TypeId::kFloat: return Make<float, CastSource<float, float>>(element, options, placement);
    case TypeId::kDouble: return Make<double, CastSource<double, double>>(element, options, placement);
    case TypeId::kString:
    case TypeId::kBinary: return Make<std::string_view, StringSource>(element, options, placement);
    case TypeId::kDecimal:
      if (type->precision <= 9) return Make<int32_t, CastSource<int32_t, int64_t>>(element, options, placement);
      if (type->precision <= kMaxLongDecimalPrecision) return Make<int64_t, CastSource<int64_t, int64_t>>(element, options, placement);
      return Make<int128_t, CastSource<int128_t, int128_t>>(element, options, placement);
    default: throw InternalError("no Parquet column writer for type " + type->ToString());
  }
}

}  // namespace ember::parquet
