// bitmap_construct_agg(position) and bitmap_or_agg(bitmap): Spark's 4096-byte (32768-bit) bitmaps
// for exact distinct counts, built per group from bit positions (bitmap_bit_position's) or OR-ed
// from bitmaps. The result is never null: a group without values gives an all-zero bitmap.
#include <algorithm>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

constexpr int64_t kBitmapBytes = 4096;
constexpr int64_t kBitmapBits = 8 * kBitmapBytes;

class BitmapAccumulator : public Accumulator {
 public:
  explicit BitmapAccumulator(bool from_positions) : from_positions_(from_positions) {}

  void Resize(int64_t groups) override { bits_.resize(groups * kBitmapBytes, 0); }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[0];
    if (!from_positions_) return Merge(group_ids, args, rows);
    const int64_t* positions = input.Data<int64_t>();
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) continue;
      int64_t position = positions[i];
      if (position < 0 || position >= kBitmapBits) {
        throw SparkError("INVALID_BITMAP_POSITION", {{"bitPosition", std::to_string(position)},
                                                     {"bitmapNumBytes", std::to_string(kBitmapBytes)},
                                                     {"bitmapNumBits", std::to_string(kBitmapBits)}});
      }
      bits_[group_ids[i] * kBitmapBytes + position / 8] |= static_cast<uint8_t>(1u << (position % 8));
    }
  }

  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& input = *states[0];
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) continue;
      std::string_view bitmap = input.GetString(i);
      uint8_t* group = &bits_[group_ids[i] * kBitmapBytes];
      int64_t n = std::min<int64_t>(static_cast<int64_t>(bitmap.size()), kBitmapBytes);
      for (int64_t k = 0; k < n; ++k) group[k] |= static_cast<uint8_t>(bitmap[k]);
    }
  }

  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override { return {Bitmaps(begin, end)}; }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override { return Bitmaps(begin, end); }
  int64_t MemoryBytes() const override { return static_cast<int64_t>(bits_.capacity()); }

 private:
  VectorPtr Bitmaps(int64_t begin, int64_t end) const {
    VectorBuilder out(BinaryType(), end - begin);
    for (int64_t g = begin; g < end; ++g) {
      out.AppendString(std::string_view(reinterpret_cast<const char*>(&bits_[g * kBitmapBytes]), kBitmapBytes));
    }
    return out.Finish();
  }

  bool from_positions_;
  std::vector<uint8_t> bits_;
};

BoundAggregate BindBitmapAggregate(const std::string& name, bool from_positions, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  const DataType& input = *args[0].type;
  if (from_positions && !input.IsIntegral() && input.id != TypeId::kNull && input.id != TypeId::kString) {
    ThrowUnexpectedType(name, 0, "\"BIGINT\"", input);
  }
  if (!from_positions && input.id != TypeId::kBinary && input.id != TypeId::kNull) ThrowUnexpectedType(name, 0, "\"BINARY\"", input);
  BoundAggregate bound;
  bound.arg_types = {from_positions ? LongType() : BinaryType()};
  bound.result_type = BinaryType();
  bound.result_nullable = false;
  bound.partial_types = {BinaryType()};
  bound.create = [from_positions] { return std::make_unique<BitmapAccumulator>(from_positions); };
  return bound;
}

}  // namespace

void RegisterBitmapAggregates(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("bitmap_construct_agg",
                             "bitmap_construct_agg(position): a 4096-byte bitmap with the group's bit positions set.",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) { return BindBitmapAggregate("bitmap_construct_agg", true, a); }));
  registry.Add(MakeAggregate("bitmap_or_agg", "bitmap_or_agg(bitmap): the bitwise OR of the group's bitmaps (4096 bytes).",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) { return BindBitmapAggregate("bitmap_or_agg", false, a); }));
}

}  // namespace ember
