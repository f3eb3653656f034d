#include "python/py_portable_hash.h"

namespace ember::python {
namespace {

uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

void SipRound(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3) {
  v0 += v1;
  v2 += v3;
  v1 = Rotl(v1, 13) ^ v0;
  v3 = Rotl(v3, 16) ^ v2;
  v0 = Rotl(v0, 32);
  v2 += v1;
  v0 += v3;
  v1 = Rotl(v1, 17) ^ v2;
  v3 = Rotl(v3, 21) ^ v0;
  v2 = Rotl(v2, 32);
}

// Little-endian loads, as CPython reads the bytes on every platform.
uint64_t Load(const uint8_t* p, size_t n) {
  uint64_t value = 0;
  for (size_t i = 0; i < n; ++i) value |= static_cast<uint64_t>(p[i]) << (8 * i);
  return value;
}

int64_t SipHashZeroKey(const uint8_t* data, size_t size, int compression, int finalization) {
  uint64_t v0 = 0x736f6d6570736575ULL, v1 = 0x646f72616e646f6dULL;
  uint64_t v2 = 0x6c7967656e657261ULL, v3 = 0x7465646279746573ULL;
  size_t whole = size - size % 8;
  for (size_t i = 0; i < whole; i += 8) {
    uint64_t m = Load(data + i, 8);
    v3 ^= m;
    for (int r = 0; r < compression; ++r) SipRound(v0, v1, v2, v3);
    v0 ^= m;
  }
  uint64_t last = (static_cast<uint64_t>(size & 0xff) << 56) | Load(data + whole, size - whole);
  v3 ^= last;
  for (int r = 0; r < compression; ++r) SipRound(v0, v1, v2, v3);
  v0 ^= last;
  v2 ^= 0xff;
  for (int r = 0; r < finalization; ++r) SipRound(v0, v1, v2, v3);
  auto hash = static_cast<int64_t>(v0 ^ v1 ^ v2 ^ v3);
  return hash == -1 ? -2 : hash;
}

}  // namespace

int64_t SeedZeroHash(py::handle value, int compression_rounds, int finalization_rounds) {
  PyObject* object = value.ptr();
  const uint8_t* data;
  size_t size;
  if (PyUnicode_Check(object)) {
    data = static_cast<const uint8_t*>(PyUnicode_DATA(object));
    size = static_cast<size_t>(PyUnicode_GET_LENGTH(object)) * PyUnicode_KIND(object);
  } else if (PyBytes_Check(object)) {
    data = reinterpret_cast<const uint8_t*>(PyBytes_AS_STRING(object));
    size = static_cast<size_t>(PyBytes_GET_SIZE(object));
  } else {
    throw py::type_error("seed_zero_hash takes str or bytes");
  }
  if (size == 0) return 0;
  return SipHashZeroKey(data, size, compression_rounds, finalization_rounds);
}

}  // namespace ember::python
