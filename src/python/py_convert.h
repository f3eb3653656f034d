// Conversion of query results into the Python values PySpark returns: int, float, str, bool,
// bytearray, decimal.Decimal, datetime.date, naive datetime.datetime (timestamps in the session
// time zone, timestamp_ntz as wall clock), list, dict, Row for structs and the
// Python objects of user-defined types (through the UDT factory). Rows are made by the
// row factory the Python package registers (pyspark.sql.types._create_row). Conversion runs a
// column at a time with one tight loop per type; the GIL must be held.
#pragma once

#include <pybind11/pybind11.h>

#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "common/types.h"
#include "python/py_string_memo.h"
#include "runtime/session.h"

namespace ember::python {

namespace py = pybind11;

// Pauses Python's cyclic garbage collector while results become millions of new objects (rows,
// values), none of which form cycles: each collection would traverse them all again.
class GcPause {
 public:
  GcPause() : was_enabled_(PyGC_Disable() == 1) {}
  ~GcPause() {
    if (was_enabled_) PyGC_Enable();
  }
  GcPause(const GcPause&) = delete;
  GcPause& operator=(const GcPause&) = delete;

 private:
  bool was_enabled_;
};

// `text` as a Python str; bytes that are not valid UTF-8 (from a damaged file) become U+FFFD
// instead of raising UnicodeDecodeError.
py::str Utf8Text(std::string_view text);

// Sets the callable (field_names: list, values: tuple) -> Row used for rows and struct values.
void SetRowFactory(py::object factory);
// Sets the Row class (a tuple subclass): rows are then made directly, as the factory would make
// them, without calling it.
void SetRowClass(py::object row_class);

// Values [begin, end) of `vector` as Python objects (None for nulls).
// The values [begin, end) of a string vector as str (None for nulls) into `slots`, each replacing
// the reference there (null or an object): ASCII text without UTF-8 decoding.
// With a memo, equal ASCII strings share one str; the vector must then outlive the memo.
void StringsToSlots(const Vector& vector, int64_t begin, int64_t end, PyObject** slots,
                    StringMemo* memo = nullptr);
std::vector<py::object> VectorToObjects(const Vector& vector, int64_t begin, int64_t end,
                                        const absl::TimeZone& zone);

// Sets the callable (python_class_name: str, field_values: tuple) -> object used for values of
// user-defined types (pyspark.ml.linalg vectors and matrices).
void SetUdtFactory(py::object factory);

// Every row of `result` as a Python list of Rows.
py::list ResultToRows(const QueryResult& result, const absl::TimeZone& time_zone);

// A type as Spark's schema JSON in Python objects: "integer", "decimal(10,2)",
// {"type": "array", "elementType": ..., "containsNull": ...}, {"type": "struct", "fields": [...]}.
py::object TypeToPython(const DataType& type);
py::object SchemaToPython(const Schema& schema);

// A variant's JSON text (timestamps in `zone_id`) and its Python value (VariantVal.toJson/toPython).
py::str VariantToJson(const py::bytes& value, const py::bytes& metadata, const std::string& zone_id);
py::object VariantToPython(const py::bytes& value, const py::bytes& metadata);

}  // namespace ember::python
