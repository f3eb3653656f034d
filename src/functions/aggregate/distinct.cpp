// The DISTINCT wrapper: remembers every (group, argument tuple) seen and passes only the rows that
// bring a new tuple to its group on to the inner accumulator, once per batch. Keys are encoded
// bytes kept in an arena of large blocks; the hash set holds views into it.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "common/value.h"
#include "functions/aggregate/accumulators.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Appends a self-delimiting encoding of row `row` of `v` to `key` (equal values, equal bytes).
void EncodeValue(const Vector& v, int64_t row, std::string* key) {
  const DataType& type = *v.type();
  if (type.id == TypeId::kNull || v.IsNull(row)) {
    key->push_back(0);
    return;
  }
  key->push_back(1);
  if (type.IsVariableWidth()) {
    std::string_view s = v.GetString(row);
    uint32_t n = static_cast<uint32_t>(s.size());
    key->append(reinterpret_cast<const char*>(&n), 4);
    key->append(s);
  } else if (type.IsFixedWidth()) {
    int width = type.ByteWidth();
    const char* data = reinterpret_cast<const char*>(v.values().data()) + row * width;
    if (type.id == TypeId::kDouble || type.id == TypeId::kFloat) {
      // -0.0 and 0.0 are one value, as are all NaNs.
      double d = type.id == TypeId::kDouble ? v.Data<double>()[row] : v.Data<float>()[row];
      if (d == 0) d = 0;
      if (d != d) d = __builtin_nan("");
      key->append(reinterpret_cast<const char*>(&d), 8);
    } else {
      key->append(data, width);
    }
  } else {
    // Nested values: their cast text with type-safe framing is unambiguous enough for equality.
    Value value = GetValue(v, row);
    std::string text;
    std::vector<const Value*> stack{&value};
    while (!stack.empty()) {
      const Value* x = stack.back();
      stack.pop_back();
      text.push_back(x->is_null ? 'n' : 'v');
      text.append(reinterpret_cast<const char*>(&x->i64), 8);
      text.append(reinterpret_cast<const char*>(&x->i128), 16);
      text.append(reinterpret_cast<const char*>(&x->f64), 8);
      uint32_t n = static_cast<uint32_t>(x->str.size());
      text.append(reinterpret_cast<const char*>(&n), 4);
      text.append(x->str);
      uint32_t c = static_cast<uint32_t>(x->children.size());
      text.append(reinterpret_cast<const char*>(&c), 4);
      for (const auto& child : x->children) stack.push_back(&child);
    }
    key->append(text);
  }
}

// Append-only storage for key bytes: blocks of 1 MB (larger keys get their own block).
class KeyArena {
 public:
  std::string_view Copy(std::string_view key) {
    if (used_ + key.size() > capacity_) {
      capacity_ = std::max<size_t>(kBlock, key.size());
      blocks_.push_back(std::make_unique<char[]>(capacity_));
      used_ = 0;
      bytes_ += static_cast<int64_t>(capacity_);
    }
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, key.data(), key.size());
    used_ += key.size();
    return std::string_view(at, key.size());
  }
  int64_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kBlock = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;
  size_t capacity_ = 0;
  int64_t bytes_ = 0;
};

class DistinctAccumulator : public Accumulator {
 public:
  explicit DistinctAccumulator(std::unique_ptr<Accumulator> inner) : inner_(std::move(inner)) {}
  void Resize(int64_t groups) override { inner_->Resize(groups); }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    std::vector<int32_t> fresh;
    std::string key;
    for (int64_t i = 0; i < rows; ++i) {
      key.assign(reinterpret_cast<const char*>(&group_ids[i]), 4);
      for (const auto& a : args) EncodeValue(*a, i, &key);
      bool inserted = false;
      seen_.lazy_emplace(key, [&](const auto& construct) {
        construct(arena_.Copy(key));
        inserted = true;
      });
      if (inserted) fresh.push_back(static_cast<int32_t>(i));
    }
    if (fresh.empty()) return;
    int64_t n = static_cast<int64_t>(fresh.size());
    if (n == rows) {
      inner_->Update(group_ids, args, rows);
      return;
    }
    std::vector<uint32_t> groups(n);
    for (int64_t k = 0; k < n; ++k) groups[k] = group_ids[fresh[k]];
    std::vector<VectorPtr> taken;
    for (const auto& a : args) taken.push_back(TakeRows(*a, fresh.data(), n));
    inner_->Update(groups.data(), taken, n);
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    inner_->Merge(group_ids, states, rows);
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override { return inner_->Partial(begin, end); }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext& ctx) override { return inner_->Final(begin, end, ctx); }
  int64_t MemoryBytes() const override {
    return inner_->MemoryBytes() + arena_.bytes() +
           static_cast<int64_t>(seen_.capacity() * (sizeof(std::string_view) + 1));
  }

 private:
  std::unique_ptr<Accumulator> inner_;
  KeyArena arena_;
  absl::flat_hash_set<std::string_view> seen_;
};

}  // namespace

std::unique_ptr<Accumulator> MakeDistinctAccumulator(std::unique_ptr<Accumulator> inner) {
  return std::make_unique<DistinctAccumulator>(std::move(inner));
}

}  // namespace ember
