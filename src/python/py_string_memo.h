#pragma once
// Equal strings of one column made into one shared Python str, as pyarrow's to_pandas does by
// default (deduplicate_objects): fewer objects to make and to hold. The memo holds at most
// kMemoCapacity strings; once full, it turns itself off after a batch whose values it mostly
// missed. It keeps borrowed references: the slots it helped fill own the objects.

#include <Python.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/vector.h"

namespace ember::python {

class StringMemo {
 public:
  bool on() const { return on_; }
  // found[i - begin] = a new reference to the remembered str equal to value i of the string
  // vector, or nullptr (a null, or not remembered). The lookups are bound by memory latency,
  // so each value's table row and then its str are prefetched a few values ahead.
  void FindAll(const Vector& vector, int64_t begin, int64_t end, PyObject** found);
  // The remembered str equal to `text` (a new reference), or nullptr.
  PyObject* Find(std::string_view text) const;
  // Remembers `value`, a str of the ASCII `text` not remembered yet.
  void Remember(std::string_view text, PyObject* value);
  // Ends a batch of `values` non-null values of which `hits` were found.
  void Tally(int64_t values, int64_t hits);

 private:
  struct Entry {
    uint64_t hash;
    PyObject* value;  // nullptr: an empty row
  };
  // The first remembered str whose hash is `hash` (its text still to compare), or nullptr.
  PyObject* Probe(uint64_t hash) const;
  void Grow();

  std::vector<Entry> table_;  // open addressing, a power of two rows, at most half full
  size_t size_ = 0;
  std::vector<uint64_t> hashes_;
  std::vector<PyObject*> candidates_;
  bool on_ = true;
};

}  // namespace ember::python
