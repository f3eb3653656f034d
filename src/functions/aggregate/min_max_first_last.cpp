// min, max, first and last. Values are kept per group in typed slots: a flat array for
// fixed-width types, reused std::string buffers for strings and binary, boxed Values for nested
// types (first/last only).
#include <cmath>
#include <string>
#include <type_traits>

#include "common/error.h"
#include "common/value.h"
#include "functions/aggregate/accumulators.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

template <typename T>
inline bool Less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    // NaN sorts above everything, as in Spark.
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}

template <typename T>
struct FixedSlots {
  std::vector<T> values;
  void Resize(int64_t n) { values.resize(n, T{}); }
  void Set(uint32_t g, const Vector& in, int64_t row) { values[g] = in.Data<T>()[row]; }
  bool LessThanSlot(const Vector& in, int64_t row, uint32_t g) const { return Less(in.Data<T>()[row], values[g]); }
  bool SlotLessThan(uint32_t g, const Vector& in, int64_t row) const { return Less(values[g], in.Data<T>()[row]); }
  void Append(VectorBuilder& b, uint32_t g) const { b.Append<T>(values[g]); }
  int64_t Bytes() const { return values.capacity() * sizeof(T); }
};

struct StringSlots {
  std::vector<std::string> values;
  void Resize(int64_t n) { values.resize(n); }
  void Set(uint32_t g, const Vector& in, int64_t row) { values[g].assign(in.GetString(row)); }
  bool LessThanSlot(const Vector& in, int64_t row, uint32_t g) const { return in.GetString(row) < values[g]; }
  bool SlotLessThan(uint32_t g, const Vector& in, int64_t row) const { return std::string_view(values[g]) < in.GetString(row); }
  void Append(VectorBuilder& b, uint32_t g) const { b.AppendString(values[g]); }
  int64_t Bytes() const {
    int64_t n = 0;
    for (const auto& s : values) n += sizeof(std::string) + s.capacity();
    return n;
  }
};

struct ValueSlots {
  std::vector<Value> values;
  void Resize(int64_t n) { values.resize(n); }
  void Set(uint32_t g, const Vector& in, int64_t row) { values[g] = GetValue(in, row); }
  void Append(VectorBuilder& b, uint32_t g) const { AppendValue(b, values[g]); }
  int64_t Bytes() const { return values.capacity() * sizeof(Value); }
};

template <typename Slots>
VectorPtr SlotsColumn(const TypePtr& type, const Slots& slots, const std::vector<uint8_t>& has,
                      int64_t begin, int64_t end) {
  VectorBuilder b(type, end - begin);
  for (int64_t g = begin; g < end; ++g) {
    if (has[g]) {
      slots.Append(b, static_cast<uint32_t>(g));
    } else {
      b.AppendNull();
    }
  }
  return b.Finish();
}

template <typename Slots>
class MinMaxAccumulator : public Accumulator {
 public:
  MinMaxAccumulator(TypePtr type, bool is_max) : type_(std::move(type)), is_max_(is_max) {}
  void Resize(int64_t groups) override {
    slots_.Resize(groups);
    has_.resize(groups, 0);
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& in = *args[0];
    if (in.type()->id == TypeId::kNull) return;
    if (is_max_) {
      Add<true>(group_ids, in, rows);
    } else {
      Add<false>(group_ids, in, rows);
    }
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    Update(group_ids, states, rows);
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    return {SlotsColumn(type_, slots_, has_, begin, end)};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    return SlotsColumn(type_, slots_, has_, begin, end);
  }
  int64_t MemoryBytes() const override { return slots_.Bytes() + has_.capacity(); }

 private:
  template <bool kMax>
  void Add(const uint32_t* group_ids, const Vector& in, int64_t rows) {
    bool nulls = in.MayHaveNulls();
    for (int64_t i = 0; i < rows; ++i) {
      if (nulls && in.IsNull(i)) continue;
      uint32_t g = group_ids[i];
      bool better = kMax ? slots_.SlotLessThan(g, in, i) : slots_.LessThanSlot(in, i, g);
      if (!has_[g] || better) {
        slots_.Set(g, in, i);
        has_[g] = 1;
      }
    }
  }
  TypePtr type_;
  bool is_max_;
  Slots slots_;
  std::vector<uint8_t> has_;
};

template <typename Slots>
class FirstLastAccumulator : public Accumulator {
 public:
  FirstLastAccumulator(TypePtr type, bool is_last, bool ignore_nulls)
      : type_(std::move(type)), is_last_(is_last), ignore_nulls_(ignore_nulls) {}
  void Resize(int64_t groups) override {
    slots_.Resize(groups);
    set_.resize(groups, 0);
    valid_.resize(groups, 0);
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    Take(group_ids, *args[0], nullptr, rows);
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    Take(group_ids, *states[0], states[1].get(), rows);
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorPtr set = Vector::Make(BooleanType(), end - begin);
    std::copy(set_.begin() + begin, set_.begin() + end, set->Data<uint8_t>());
    return {SlotsColumn(type_, slots_, valid_, begin, end), set};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    return SlotsColumn(type_, slots_, valid_, begin, end);
  }
  int64_t MemoryBytes() const override { return slots_.Bytes() + set_.capacity() * 2; }

 private:
  // A row counts when it is set (partial states: value_set) and, with ignore_nulls, non-null.
  void Take(const uint32_t* group_ids, const Vector& in, const Vector* value_set, int64_t rows) {
    bool null_type = in.type()->id == TypeId::kNull;
    for (int64_t i = 0; i < rows; ++i) {
      if (value_set && !value_set->Data<uint8_t>()[i]) continue;
      bool valid = !null_type && in.IsValid(i);
      if (ignore_nulls_ && !valid) continue;
      uint32_t g = group_ids[i];
      if (set_[g] && !is_last_) continue;
      set_[g] = 1;
      valid_[g] = valid;
      if (valid) slots_.Set(g, in, i);
    }
  }
  TypePtr type_;
  bool is_last_;
  bool ignore_nulls_;
  Slots slots_;
  std::vector<uint8_t> set_;
  std::vector<uint8_t> valid_;
};

template <template <typename> class Acc, typename... Args>
std::unique_ptr<Accumulator> MakeForType(const TypePtr& type, bool allow_nested, Args... args) {
  if (type->IsVariableWidth()) return std::make_unique<Acc<StringSlots>>(type, args...);
  if (type->id == TypeId::kNull) return std::make_unique<Acc<FixedSlots<uint8_t>>>(type, args...);
  if (type->IsNested()) {
    if constexpr (std::is_same_v<Acc<ValueSlots>, FirstLastAccumulator<ValueSlots>>) {
      return std::make_unique<Acc<ValueSlots>>(type, args...);
    }
    throw InternalError("nested type not supported here: " + type->ToString());
  }
  return DispatchFixedWidth(*type, [&](auto tag) -> std::unique_ptr<Accumulator> {
    using T = decltype(tag);
    return std::make_unique<Acc<FixedSlots<T>>>(type, args...);
  });
}

}  // namespace

std::unique_ptr<Accumulator> MakeMinMaxAccumulator(const TypePtr& type, bool is_max) {
  return MakeForType<MinMaxAccumulator>(type, false, is_max);
}

std::unique_ptr<Accumulator> MakeFirstLastAccumulator(const TypePtr& type, bool is_last, bool ignore_nulls) {
  return MakeForType<FirstLastAccumulator>(type, true, is_last, ignore_nulls);
}

}  // namespace ember
