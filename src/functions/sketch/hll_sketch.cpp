#include "functions/sketch/hll_sketch.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "common/error.h"

namespace ember {
namespace {

constexpr uint64_t kSeed = 9001;
constexpr uint32_t kAddressMask = (1u << 26) - 1;
constexpr uint8_t kFamily = 7;
constexpr int kListPreInts = 2, kSetPreInts = 3, kHllPreInts = 10;
constexpr uint8_t kEmptyFlag = 4, kCompactFlag = 8, kOutOfOrderFlag = 16;
constexpr int kHllStart = 40;
enum TargetType { kHll4 = 0, kHll6 = 1, kHll8 = 2 };

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;  // little-endian machine, as the format
}

uint64_t FinalMix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// MurmurHash3 x64 128 (Austin Appleby's public-domain algorithm).
void Murmur3x64_128(std::string_view data, uint64_t seed, uint64_t out[2]) {
  constexpr uint64_t c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
  uint64_t h1 = seed, h2 = seed;
  const size_t blocks = data.size() / 16;
  for (size_t b = 0; b < blocks; ++b) {
    uint64_t k1 = Load64(data.data() + 16 * b), k2 = Load64(data.data() + 16 * b + 8);
    h1 ^= std::rotl(k1 * c1, 31) * c2;
    h1 = (std::rotl(h1, 27) + h2) * 5 + 0x52dce729;
    h2 ^= std::rotl(k2 * c2, 33) * c1;
    h2 = (std::rotl(h2, 31) + h1) * 5 + 0x38495ab5;
  }
  const unsigned char* tail = reinterpret_cast<const unsigned char*>(data.data()) + 16 * blocks;
  const size_t rest = data.size() & 15;
  uint64_t k1 = 0, k2 = 0;
  for (size_t i = rest; i > 8; --i) k2 = (k2 << 8) | tail[i - 1];
  for (size_t i = std::min<size_t>(rest, 8); i > 0; --i) k1 = (k1 << 8) | tail[i - 1];
  if (rest > 8) h2 ^= std::rotl(k2 * c2, 33) * c1;
  if (rest > 0) h1 ^= std::rotl(k1 * c1, 31) * c2;
  h1 ^= data.size();
  h2 ^= data.size();
  h1 += h2;
  h2 += h1;
  h1 = FinalMix(h1);
  h2 = FinalMix(h2);
  h1 += h2;
  h2 += h1;
  out[0] = h1;
  out[1] = h2;
}

// The expected number of distinct coupons n distinct values make, and its derivative in n: each
// coupon has one of 2^26 addresses and value v with probability 2^-v.
void ExpectedCoupons(double n, double* expected, double* slope) {
  *expected = 0;
  *slope = 0;
  for (int v = 1; v <= 62; ++v) {
    double log_miss = std::log1p(-std::ldexp(1.0, -26 - v));
    *expected -= std::expm1(n * log_miss);
    *slope -= log_miss * std::exp(n * log_miss);
  }
  *expected *= 67108864.0;
  *slope *= 67108864.0;
}

// The number of distinct values that most likely made `count` distinct coupons.
double CouponEstimate(int count) {
  double n = count;
  for (int i = 0; i < 4 && count > 0; ++i) {
    double expected, slope;
    ExpectedCoupons(n, &expected, &slope);
    n -= (expected - count) / slope;
  }
  return std::max(n, static_cast<double>(count));
}

double Sigma(double x) {
  if (x == 1) return INFINITY;
  double y = 1, z = x, previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z != previous);
  return z;
}

double Tau(double x) {
  if (x == 0 || x == 1) return 0;
  double y = 1, z = 1 - x, previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (z != previous);
  return z / 3;
}

// Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog
// sketches", 2017), unbiased over the whole range without tables; for registers merged from
// several sketches, where HIP does not apply. Values run to 63 = q + 1 with q = 62.
double RegisterEstimate(const std::vector<uint8_t>& registers) {
  constexpr int q = 62;
  int64_t counts[q + 2] = {};
  for (uint8_t r : registers) ++counts[std::min<int>(r, q + 1)];
  const double m = static_cast<double>(registers.size());
  double z = m * Tau(1 - counts[q + 1] / m);
  for (int k = q; k >= 1; --k) z = 0.5 * (z + counts[k]);
  z += m * Sigma(counts[0] / m);
  return m * m / (2 * std::log(2.0)) / z;
}

[[noreturn]] void ThrowInvalid(const char* function) {
  throw SparkError("HLL_INVALID_INPUT_SKETCH_BUFFER", {{"function", QuoteIdentifier(function)}});
}

uint32_t Load32(std::string_view bytes, size_t offset) {
  uint32_t v;
  std::memcpy(&v, bytes.data() + offset, 4);
  return v;
}

double LoadDouble(std::string_view bytes, size_t offset) {
  double v;
  std::memcpy(&v, bytes.data() + offset, 8);
  return v;
}

template <typename T>
void Store(std::string& out, size_t offset, T value) {
  std::memcpy(out.data() + offset, &value, sizeof(T));
}

// Index of `coupon` in the open-addressing table, or of the empty slot where it belongs.
size_t FindSlot(const std::vector<uint32_t>& table, int lg_arr, uint32_t coupon) {
  const uint32_t mask = (1u << lg_arr) - 1;
  const uint32_t stride = ((coupon & kAddressMask) >> lg_arr) | 1;
  uint32_t probe = coupon & mask;
  while (table[probe] != 0 && table[probe] != coupon) probe = (probe + stride) & mask;
  return probe;
}

}  // namespace

uint32_t HllCoupon(std::string_view bytes) {
  uint64_t hash[2];
  Murmur3x64_128(bytes, kSeed, hash);
  uint32_t value = static_cast<uint32_t>(std::min(std::countl_zero(hash[1]), 62)) + 1;
  return (value << 26) | static_cast<uint32_t>(hash[0] & kAddressMask);
}

void HllSketch::Update(uint32_t coupon) {
  switch (mode_) {
    case Mode::kList: {
      if (coupons_.empty()) coupons_.assign(8, 0);
      for (int i = 0; i < coupons_count_; ++i) {
        if (coupons_[i] == coupon) return;
      }
      coupons_[coupons_count_++] = coupon;
      if (coupons_count_ < 8) return;
      if (lg_k_ < 8) return PromoteToHll(lg_k_);
      std::vector<uint32_t> list = std::move(coupons_);
      mode_ = Mode::kSet;
      lg_arr_ = 5;
      coupons_.assign(32, 0);
      coupons_count_ = 0;
      for (uint32_t c : list) InsertIntoSet(c);
      return;
    }
    case Mode::kSet:
      return InsertIntoSet(coupon);
    case Mode::kHll:
      return SetRegister(coupon & ((1u << lg_k_) - 1), static_cast<uint8_t>(coupon >> 26));
  }
}

void HllSketch::InsertIntoSet(uint32_t coupon) {
  size_t slot = FindSlot(coupons_, lg_arr_, coupon);
  if (coupons_[slot] == coupon) return;
  coupons_[slot] = coupon;
  ++coupons_count_;
  if (4 * coupons_count_ <= 3 * (1 << lg_arr_)) return;
  if (lg_arr_ == lg_k_ - 3) return PromoteToHll(lg_k_);
  std::vector<uint32_t> old = std::move(coupons_);
  coupons_.assign(size_t{1} << ++lg_arr_, 0);
  for (uint32_t c : old) {
    if (c != 0) coupons_[FindSlot(coupons_, lg_arr_, c)] = c;
  }
}

std::vector<uint32_t> HllSketch::Coupons() const {
  std::vector<uint32_t> out;
  for (uint32_t c : coupons_) {
    if (c != 0) out.push_back(c);
  }
  return out;
}

void HllSketch::PromoteToHll(int lg_k) {
  std::vector<uint32_t> coupons = Coupons();
  hip_ = CouponEstimate(coupons_count_);
  lg_k_ = lg_k;
  mode_ = Mode::kHll;
  coupons_.clear();
  coupons_.shrink_to_fit();
  coupons_count_ = 0;
  registers_.assign(size_t{1} << lg_k, 0);
  const uint32_t mask = (1u << lg_k) - 1;
  for (uint32_t c : coupons) {
    uint8_t& r = registers_[c & mask];
    r = std::max(r, static_cast<uint8_t>(c >> 26));
  }
  MergeRegisters({});
}

void HllSketch::SetRegister(uint32_t slot, uint8_t value) {
  uint8_t& r = registers_[slot];
  if (value <= r) return;
  hip_ += static_cast<double>(registers_.size()) / (kxq0_ + kxq1_);
  (r < 32 ? kxq0_ : kxq1_) -= std::ldexp(1.0, -r);
  (value < 32 ? kxq0_ : kxq1_) += std::ldexp(1.0, -value);
  r = value;
}

void HllSketch::FoldRegisters(int lg_k) {
  const uint32_t mask = (1u << lg_k) - 1;
  std::vector<uint8_t> folded(size_t{1} << lg_k, 0);
  for (size_t i = 0; i < registers_.size(); ++i) folded[i & mask] = std::max(folded[i & mask], registers_[i]);
  registers_ = std::move(folded);
  lg_k_ = lg_k;
  out_of_order_ = true;
}

// Takes the larger of each register and `other`'s (folded by slot), then recomputes kxq.
void HllSketch::MergeRegisters(const std::vector<uint8_t>& other) {
  const size_t mask = registers_.size() - 1;
  for (size_t i = 0; i < other.size(); ++i) registers_[i & mask] = std::max(registers_[i & mask], other[i]);
  kxq0_ = kxq1_ = 0;
  for (uint8_t r : registers_) (r < 32 ? kxq0_ : kxq1_) += std::ldexp(1.0, -r);
}

void HllSketch::Merge(const HllSketch& other) {
  if (other.mode_ != Mode::kHll) {
    for (uint32_t c : other.Coupons()) Update(c);
    return;
  }
  const int lg_k = std::min(lg_k_, other.lg_k_);
  if (empty()) {
    *this = other;
    if (lg_k_ > lg_k) {
      FoldRegisters(lg_k);
      MergeRegisters({});
    }
    return;
  }
  if (mode_ != Mode::kHll) PromoteToHll(lg_k);
  if (lg_k_ > lg_k) FoldRegisters(lg_k);
  MergeRegisters(other.registers_);
  out_of_order_ = true;
}

double HllSketch::Estimate() const {
  if (mode_ != Mode::kHll) return CouponEstimate(coupons_count_);
  return out_of_order_ ? RegisterEstimate(registers_) : hip_;
}

std::string HllSketch::Serialize(bool compact) const {
  const bool hll = mode_ == Mode::kHll;
  const int pre_ints = hll ? kHllPreInts : mode_ == Mode::kSet ? kSetPreInts : kListPreInts;
  const size_t data = hll ? kHllStart : 4 * pre_ints;
  std::vector<uint32_t> list = compact ? Coupons() : coupons_;
  if (mode_ == Mode::kList && !compact) list.resize(8, 0);
  std::string out(data + (hll ? registers_.size() : 4 * list.size()), '\0');
  out[0] = static_cast<char>(pre_ints);
  out[1] = 1;
  out[2] = static_cast<char>(kFamily);
  out[3] = static_cast<char>(lg_k_);
  out[7] = static_cast<char>((kHll8 << 2) | static_cast<int>(mode_));
  if (hll) {
    int zeros = static_cast<int>(std::count(registers_.begin(), registers_.end(), 0));
    out[5] = static_cast<char>(out_of_order_ ? kOutOfOrderFlag : 0);
    Store(out, 8, out_of_order_ ? 0.0 : hip_);
    Store(out, 16, kxq0_);
    Store(out, 24, kxq1_);
    Store(out, 32, static_cast<int32_t>(zeros));
    std::memcpy(out.data() + kHllStart, registers_.data(), registers_.size());
    return out;
  }
  out[4] = static_cast<char>(mode_ == Mode::kList ? 3 : lg_arr_);
  out[5] = static_cast<char>((coupons_count_ == 0 ? kEmptyFlag : 0) | (mode_ == Mode::kSet ? kOutOfOrderFlag : 0) |
                             (compact ? kCompactFlag : 0));
  if (mode_ == Mode::kList) out[6] = static_cast<char>(coupons_count_);
  else Store(out, 8, static_cast<int32_t>(coupons_count_));
  if (!list.empty()) std::memcpy(out.data() + data, list.data(), 4 * list.size());
  return out;
}

HllSketch HllSketch::Parse(std::string_view bytes, const char* function) {
  if (bytes.size() < 8) ThrowInvalid(function);
  const int pre_ints = bytes[0] & 0x3f;
  const int lg_k = static_cast<uint8_t>(bytes[3]);
  const int lg_arr = static_cast<uint8_t>(bytes[4]);
  const uint8_t flags = static_cast<uint8_t>(bytes[5]);
  const int mode = bytes[7] & 3;
  const int target = (bytes[7] >> 2) & 3;
  const int expected_pre_ints = mode == 0 ? kListPreInts : mode == 1 ? kSetPreInts : kHllPreInts;
  if (bytes[1] != 1 || bytes[2] != kFamily || mode == 3 || pre_ints != expected_pre_ints || lg_k < kMinLgK ||
      lg_k > kMaxLgK || target == 3) {
    ThrowInvalid(function);
  }
  HllSketch sketch(lg_k);
  if (mode != 2) {
    if (flags & kEmptyFlag) return sketch;
    const size_t start = 4 * pre_ints;
    const bool compact = (flags & kCompactFlag) != 0;
    if (mode == 1 && bytes.size() < 12) ThrowInvalid(function);
    const int64_t count = mode == 0 ? static_cast<uint8_t>(bytes[6]) : static_cast<int32_t>(Load32(bytes, 8));
    const int64_t slots = (compact || mode == 0) ? count : (lg_arr <= 26 ? int64_t{1} << lg_arr : -1);
    if (count < 0 || slots < 0 || bytes.size() < start + 4 * static_cast<size_t>(slots)) ThrowInvalid(function);
    for (int64_t i = 0; i < slots; ++i) {
      uint32_t coupon = Load32(bytes, start + 4 * i);
      if (coupon == 0) continue;
      if ((coupon >> 26) == 0) ThrowInvalid(function);
      sketch.Update(coupon);
    }
    return sketch;
  }
  const size_t k = size_t{1} << lg_k;
  const size_t register_bytes = target == kHll8 ? k : target == kHll6 ? k * 3 / 4 + 1 : k / 2;
  if (bytes.size() < kHllStart + register_bytes) ThrowInvalid(function);
  const char* data = bytes.data() + kHllStart;
  sketch.mode_ = Mode::kHll;
  sketch.registers_.assign(k, 0);
  if (target == kHll8) {
    std::memcpy(sketch.registers_.data(), data, k);
  } else if (target == kHll6) {
    for (size_t slot = 0; slot < k; ++slot) {
      size_t bit = slot * 6;
      unsigned two = static_cast<uint8_t>(data[bit >> 3]) | (static_cast<unsigned>(static_cast<uint8_t>(data[(bit >> 3) + 1])) << 8);
      sketch.registers_[slot] = static_cast<uint8_t>((two >> (bit & 7)) & 63);
    }
  } else {
    // HLL_4: nibbles over the current minimum, 15 marking a value kept in the exceptions table.
    const int cur_min = static_cast<uint8_t>(bytes[6]);
    for (size_t slot = 0; slot < k; ++slot) {
      int nibble = (static_cast<uint8_t>(data[slot >> 1]) >> ((slot & 1) * 4)) & 15;
      sketch.registers_[slot] = static_cast<uint8_t>(nibble == 15 ? 0 : cur_min + nibble);
    }
    const int64_t aux_count = static_cast<int32_t>(Load32(bytes, 36));
    const bool compact = (flags & kCompactFlag) != 0;
    const int64_t aux_slots = compact ? aux_count : (lg_arr <= 26 ? int64_t{1} << lg_arr : -1);
    const size_t aux_start = kHllStart + register_bytes;
    if (aux_count < 0 || aux_slots < 0 || bytes.size() < aux_start + 4 * static_cast<size_t>(aux_slots)) ThrowInvalid(function);
    for (int64_t i = 0; i < aux_slots; ++i) {
      uint32_t pair = Load32(bytes, aux_start + 4 * i);
      if (pair != 0) sketch.registers_[(pair & kAddressMask) & (k - 1)] = static_cast<uint8_t>(pair >> 26);
    }
  }
  for (uint8_t& r : sketch.registers_) {
    if (r > 63) ThrowInvalid(function);
  }
  sketch.MergeRegisters({});
  sketch.out_of_order_ = (flags & kOutOfOrderFlag) != 0;
  sketch.hip_ = sketch.out_of_order_ ? 0 : LoadDouble(bytes, 8);
  return sketch;
}

}  // namespace ember
