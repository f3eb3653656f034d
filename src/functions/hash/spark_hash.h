// Spark's per-value xxHash64, shared by xxhash64() and approx_count_distinct's HyperLogLog++.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/vector.h"

namespace ember {

// Spark's XXH64 of row i (not null) of `v` with `seed`, as xxhash64(v) hashes it with seed 42.
// Arrays, maps and structs hash their parts in order, as Spark's InterpretedHashFunction does.
uint64_t SparkXxHash64(const Vector& v, int64_t i, uint64_t seed);
// Spark's Murmur3 x86_32 of bytes (the tail a byte at a time, as Spark's hashUnsafeBytes).
uint32_t SparkMurmur3Bytes(std::string_view bytes, uint32_t seed);

}  // namespace ember
