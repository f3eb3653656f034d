// bitmap_bucket_number, bitmap_bit_position, bitmap_count: Spark's bitmaps of 32768 bits (4096 bytes)
// for exact distinct counts; value v > 0 lives in bucket 1 + (v - 1) / 32768 at bit (v - 1) % 32768,
// v <= 0 in bucket v / 32768 at bit -v % 32768.
#include <bit>

#include "functions/executor.h"

namespace ember {
namespace {

constexpr int64_t kBitmapBits = 8 * 4096;

}  // namespace

void RegisterBitmapFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("bitmap_bucket_number", "bitmap_bucket_number(value): the bitmap bucket holding the value.",
                           {{"bitmap_bucket_number(32769)", "2"}, {"bitmap_bucket_number(-1)", "0"}},
                           {LongType()}, LongType(),
                           RowKernel<int64_t(int64_t)>([](int64_t v) { return v > 0 ? 1 + (v - 1) / kBitmapBits : v / kBitmapBits; })));
  registry.Add(FixedScalar("bitmap_bit_position", "bitmap_bit_position(value): the value's bit within its bitmap bucket.",
                           {{"bitmap_bit_position(32769)", "0"}, {"bitmap_bit_position(-5)", "5"}},
                           {LongType()}, LongType(),
                           RowKernel<int64_t(int64_t)>([](int64_t v) { return v > 0 ? (v - 1) % kBitmapBits : (-v) % kBitmapBits; })));
  registry.Add(FixedScalar("bitmap_count", "bitmap_count(bitmap): the number of bits set in a bitmap (binary).",
                           {{"bitmap_count(unhex('0F01'))", "5"}},
                           {BinaryType()}, LongType(),
                           RowKernel<int64_t(std::string_view)>([](std::string_view bitmap) {
                             int64_t count = 0;
                             for (char byte : bitmap) count += std::popcount(static_cast<unsigned char>(byte));
                             return count;
                           })));
}

}  // namespace ember
