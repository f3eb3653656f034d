// Local data of createDataFrame converted once into engine batches (the session then holds them in
// a local relation): pandas and numpy columns by bulk copies and typed loops, Python objects
// (object columns, lists of records) in one pass into vector builders. Values are checked against
// the schema as PySpark's verifySchema does; a value that does not fit raises Python's TypeError
// and the Python API then reports the exact PySpark error from its own checks.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "common/types.h"
#include "common/vector.h"

namespace ember::python {

namespace py = pybind11;

using LocalBatches = std::shared_ptr<const std::vector<Batch>>;

// Where local rows are cut into batches: rows [begin, begin + count) of each, batches of at most
// `batch_rows` rows that never cross a partition's end, so that each partition is whole batches.
struct BatchCuts {
  std::vector<std::pair<int64_t, int64_t>> batches;  // (begin, count)
  // The batch each partition ends before (LocalRelationNode::partition_ends); empty: one partition.
  std::vector<size_t> partition_ends;
};
// `row_ends`: the row each partition ends before (the last one num_rows); empty: one partition.
BatchCuts CutBatches(int64_t num_rows, const std::vector<int64_t>& row_ends, int64_t batch_rows = kBatchRows);

// `columns` has one entry per field of `schema`, a tuple (kind, data, mask_or_none, naive):
//  - ("numeric", 1-D contiguous numpy array of bool/int/uint/float, mask, _): mask is a bool array,
//    True where the value is null;
//  - ("datetime", int64 numpy array of nanoseconds since the epoch (NaT = min int64), _, naive):
//    naive values are wall-clock times in `zone`;
//  - ("objects", sequence of Python objects, _, _).
// `record_values(record, names)` gives a record's values in the order of `names` (dicts and named
// Rows by name) for struct values that are not plain tuples or lists.
// Numbers, datetimes and ASCII strings are converted without the GIL on up to `threads` threads,
// into the batches `cuts` gives.
LocalBatches ColumnsToBatches(const Schema& schema, const py::list& columns, int64_t num_rows,
                              const absl::TimeZone& zone, const py::object& record_values,
                              int threads, const BatchCuts& cuts);

// Every record of `records` (a list) as one row of `schema`: tuples and lists by position, other
// records through `record_values`; into the batches `cuts` gives.
LocalBatches RecordsToBatches(const Schema& schema, const py::list& records,
                              const absl::TimeZone& zone, const py::object& record_values,
                              const BatchCuts& cuts);

}  // namespace ember::python
