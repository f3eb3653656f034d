// java.util.Random's generator, for the results Spark derives from it (histogram_numeric's tie
// breaks, count_min_sketch's hash seeds).
#pragma once

#include <cstdint>

namespace ember {

class JavaRandom {
 public:
  explicit JavaRandom(int64_t seed) : seed_((static_cast<uint64_t>(seed) ^ kMultiplier) & kMask) {}

  double NextDouble() { return static_cast<double>((static_cast<int64_t>(Next(26)) << 27) + Next(27)) * 0x1.0p-53; }

  // A uniform int in [0, bound), bound > 0.
  int32_t NextInt(int32_t bound) {
    int32_t r = Next(31);
    int32_t m = bound - 1;
    if ((bound & m) == 0) return static_cast<int32_t>((static_cast<int64_t>(bound) * r) >> 31);
    for (int32_t u = r; static_cast<int32_t>(static_cast<uint32_t>(u) - static_cast<uint32_t>(r = u % bound) + static_cast<uint32_t>(m)) < 0;
         u = Next(31)) {
    }
    return r;
  }

 private:
  static constexpr uint64_t kMultiplier = 0x5DEECE66DULL;
  static constexpr uint64_t kMask = (uint64_t{1} << 48) - 1;

  int32_t Next(int bits) {
    seed_ = (seed_ * kMultiplier + 0xBULL) & kMask;
    return static_cast<int32_t>(seed_ >> (48 - bits));
  }

  uint64_t seed_;
};

}  // namespace ember
