// Spark's XORShiftRandom (seeded through Scala's MurmurHash3 of the seed's bytes) with
// java.util.Random's nextDouble and nextGaussian: the numbers behind rand(seed), randn(seed) and
// Spark's Bernoulli samplers (seeded with the seed plus the partition's index).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace ember {

namespace xorshift_detail {

// Scala's MurmurHash3.bytesHash over 8 bytes.
inline uint32_t ScalaBytesHash(const uint8_t* bytes, uint32_t seed) {
  uint32_t h = seed;
  for (int w = 0; w < 2; ++w) {
    uint32_t k = bytes[4 * w] | bytes[4 * w + 1] << 8 | bytes[4 * w + 2] << 16 | static_cast<uint32_t>(bytes[4 * w + 3]) << 24;
    k *= 0xcc9e2d51u;
    k = std::rotl(k, 15);
    k *= 0x1b873593u;
    h ^= k;
    h = std::rotl(h, 13) * 5 + 0xe6546b64u;
  }
  h ^= 8;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  return h ^ (h >> 16);
}

}  // namespace xorshift_detail

// Spark's XORShiftRandom with java.util.Random's nextDouble and nextGaussian.
class XorShiftRandom {
 public:
  explicit XorShiftRandom(int64_t init) {
    uint8_t bytes[8];
    for (int k = 0; k < 8; ++k) bytes[k] = static_cast<uint8_t>(static_cast<uint64_t>(init) >> (56 - 8 * k));
    uint32_t low = xorshift_detail::ScalaBytesHash(bytes, 0x3c074a61u);
    uint32_t high = xorshift_detail::ScalaBytesHash(bytes, low);
    seed_ = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(high))) << 32 | low;
  }
  int32_t NextInt() { return Next(32); }
  double NextDouble() {
    return static_cast<double>((static_cast<int64_t>(Next(26)) << 27) + Next(27)) * 0x1.0p-53;
  }
  double NextGaussian() {
    if (have_next_) {
      have_next_ = false;
      return next_gaussian_;
    }
    double v1, v2, s;
    do {
      v1 = 2 * NextDouble() - 1;
      v2 = 2 * NextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    double multiplier = std::sqrt(-2 * std::log(s) / s);
    next_gaussian_ = v2 * multiplier;
    have_next_ = true;
    return v1 * multiplier;
  }

 private:
  int32_t Next(int bits) {
    uint64_t next = seed_ ^ (seed_ << 21);
    next ^= next >> 35;
    next ^= next << 4;
    seed_ = next;
    return static_cast<int32_t>(static_cast<uint32_t>(next & ((1ULL << bits) - 1)));
  }
  uint64_t seed_;
  bool have_next_ = false;
  double next_gaussian_ = 0;
};

}  // namespace ember
