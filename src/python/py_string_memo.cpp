#include "python/py_string_memo.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace ember::python {
namespace {

// The most strings a memo holds (its table then takes 8 MB).
constexpr size_t kMemoCapacity = 1 << 18;
// How many values ahead a row of the table is prefetched; its str is prefetched half as far.
constexpr int64_t kAhead = 16;

uint64_t Hash(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

// Whether `value`, a remembered (ASCII) str, holds exactly `text`.
bool Holds(PyObject* value, std::string_view text) {
  return PyUnicode_GET_LENGTH(value) == static_cast<Py_ssize_t>(text.size()) &&
         std::memcmp(PyUnicode_1BYTE_DATA(value), text.data(), text.size()) == 0;
}

}  // namespace

PyObject* StringMemo::Probe(uint64_t hash) const {
  size_t mask = table_.size() - 1;
  for (size_t row = hash & mask; table_[row].value != nullptr; row = (row + 1) & mask) {
    if (table_[row].hash == hash) return table_[row].value;
  }
  return nullptr;
}

void StringMemo::FindAll(const Vector& vector, int64_t begin, int64_t end, PyObject** found) {
  int64_t count = end - begin;
  std::fill(found, found + count, nullptr);
  if (size_ == 0) return;
  bool nulls = vector.MayHaveNulls();
  hashes_.resize(count);
  candidates_.assign(count, nullptr);
  for (int64_t i = 0; i < count; ++i) {
    hashes_[i] = nulls && vector.IsNull(begin + i) ? 0 : Hash(vector.GetString(begin + i));
  }
  size_t mask = table_.size() - 1;
  for (int64_t step = 0; step < count + kAhead; ++step) {
    if (step < count) __builtin_prefetch(&table_[hashes_[step] & mask]);
    int64_t probed = step - kAhead / 2;
    if (probed >= 0 && probed < count) {
      candidates_[probed] = Probe(hashes_[probed]);
      if (candidates_[probed] != nullptr) __builtin_prefetch(candidates_[probed]);
    }
    int64_t checked = step - kAhead;
    if (checked < 0 || candidates_[checked] == nullptr) continue;
    if (nulls && vector.IsNull(begin + checked)) continue;
    if (Holds(candidates_[checked], vector.GetString(begin + checked))) {
      found[checked] = Py_NewRef(candidates_[checked]);
    }
  }
}

PyObject* StringMemo::Find(std::string_view text) const {
  if (size_ == 0) return nullptr;
  uint64_t hash = Hash(text);
  size_t mask = table_.size() - 1;
  for (size_t row = hash & mask; table_[row].value != nullptr; row = (row + 1) & mask) {
    if (table_[row].hash == hash && Holds(table_[row].value, text)) return Py_NewRef(table_[row].value);
  }
  return nullptr;
}

void StringMemo::Grow() {
  std::vector<Entry> old = std::move(table_);
  table_.assign(old.empty() ? 1024 : old.size() * 2, Entry{0, nullptr});
  size_t mask = table_.size() - 1;
  for (const Entry& entry : old) {
    if (entry.value == nullptr) continue;
    size_t row = entry.hash & mask;
    while (table_[row].value != nullptr) row = (row + 1) & mask;
    table_[row] = entry;
  }
}

void StringMemo::Remember(std::string_view text, PyObject* value) {
  if (!on_ || size_ >= kMemoCapacity) return;
  if ((size_ + 1) * 2 > table_.size()) Grow();
  uint64_t hash = Hash(text);
  size_t mask = table_.size() - 1;
  size_t row = hash & mask;
  while (table_[row].value != nullptr) row = (row + 1) & mask;
  table_[row] = Entry{hash, value};
  ++size_;
}

void StringMemo::Tally(int64_t values, int64_t hits) {
  if (size_ >= kMemoCapacity && hits * 2 < values) {
    on_ = false;
    table_ = {};
    size_ = 0;
  }
}

}  // namespace ember::python
