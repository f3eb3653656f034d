// The hash CPython gives a str or bytes value when it runs with PYTHONHASHSEED=0: SipHash with an
// all-zero key over the value's bytes as CPython stores them (a str's characters in 1, 2 or 4
// bytes each). PySpark's workers run with that seed, so RDD keys are placed by it
// (python/pyspark/_portable_hash.py); the driver's own interpreter may use another seed.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>

namespace ember::python {

namespace py = pybind11;

// `compression_rounds`/`finalization_rounds`: 1/3 for CPython's siphash13, 2/4 for siphash24.
int64_t SeedZeroHash(py::handle value, int compression_rounds, int finalization_rounds);

}  // namespace ember::python
