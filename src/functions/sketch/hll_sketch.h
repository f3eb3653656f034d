// An Apache DataSketches HLL sketch, as Spark's hll_sketch_* functions keep it: the serialized form
// is DataSketches' (family 7, serial version 1, HLL_8 registers when written), so sketches move
// between Ember and Spark. Each value becomes a coupon (26 address bits of the first half of its
// MurmurHash3 x64 128 with seed 9001, and one plus the leading zeros of the second half, at most
// 63, in the top 6 bits); a sketch keeps a list of up to 8 coupons, then an open-addressing set of
// them (lgK >= 8) until it would pass 3/4 of 2^(lgK-3) slots, then 2^lgK one-byte registers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ember {

// The coupon of a value's bytes (integers are hashed as their 8 little-endian bytes of int64).
uint32_t HllCoupon(std::string_view bytes);

class HllSketch {
 public:
  static constexpr int kMinLgK = 4;
  static constexpr int kMaxLgK = 21;
  static constexpr int kDefaultLgK = 12;

  explicit HllSketch(int lg_k = kDefaultLgK) : lg_k_(lg_k) {}
  // Reads a serialized sketch (list, set or HLL mode; HLL_4, HLL_6 or HLL_8 registers; compact or
  // updatable); throws HLL_INVALID_INPUT_SKETCH_BUFFER naming `function` when it is not one.
  static HllSketch Parse(std::string_view bytes, const char* function);

  int lg_k() const { return lg_k_; }
  bool empty() const { return mode_ != Mode::kHll && coupons_count_ == 0; }
  void Update(uint32_t coupon);
  // Adds `other`'s values as a DataSketches union does: coupons go in at this sketch's lgK, and
  // registers of another lgK fold into the smaller of the two.
  void Merge(const HllSketch& other);
  double Estimate() const;
  // Bytes held outside the object (coupons or registers).
  int64_t HeapBytes() const { return static_cast<int64_t>(coupons_.capacity() * sizeof(uint32_t) + registers_.capacity()); }
  // The updatable HLL_8 form Spark's functions return, or the compact one (coupons listed one
  // after another: partial states).
  std::string Serialize(bool compact = false) const;

 private:
  enum class Mode : uint8_t { kList = 0, kSet = 1, kHll = 2 };

  void InsertIntoSet(uint32_t coupon);
  void PromoteToHll(int lg_k);
  void SetRegister(uint32_t slot, uint8_t value);
  void FoldRegisters(int lg_k);
  void MergeRegisters(const std::vector<uint8_t>& other);
  std::vector<uint32_t> Coupons() const;

  int lg_k_;
  Mode mode_ = Mode::kList;
  int lg_arr_ = 3;  // log2 of the list or set slots
  int coupons_count_ = 0;
  std::vector<uint32_t> coupons_;   // list: in arrival order; set: the open-addressing table
  std::vector<uint8_t> registers_;  // HLL mode: 2^lgK values
  double hip_ = 0;                  // the historic inverse probability estimate
  double kxq0_ = 0, kxq1_ = 0;      // sum of 2^-value over the registers, values < 32 and >= 32
  bool out_of_order_ = false;       // registers merged from elsewhere: HIP no longer applies
};

}  // namespace ember
