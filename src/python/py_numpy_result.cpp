#include "python/py_numpy_result.h"

#include <pybind11/numpy.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <thread>

#include "common/error.h"
#include "common/interval.h"
#include "python/py_convert.h"
#include "python/py_zone_shift.h"

namespace ember::python {
namespace {

constexpr int64_t kNaT = std::numeric_limits<int64_t>::min();

bool ColumnHasNulls(const std::vector<Batch>& batches, size_t column) {
  for (const Batch& batch : batches) {
    const Vector& vector = *batch.columns[column];
    if (vector.MayHaveNulls() && vector.CountNulls() > 0) return true;
  }
  return false;
}

// Copies every batch's values of `column` into `out` as To, with `null_value` for nulls.
template <typename To, typename From, typename Map>
void FillColumn(const std::vector<Batch>& batches, size_t column, To* out, To null_value, Map map) {
  for (const Batch& batch : batches) {
    const Vector& vector = *batch.columns[column];
    const From* data = vector.Data<From>();
    bool nulls = vector.MayHaveNulls();
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      out[i] = nulls && vector.IsNull(i) ? null_value : map(data[i]);
    }
    out += batch.num_rows;
  }
}

// A column whose array is allocated with the GIL and filled later without it, on another thread
// while the GIL holder makes the Python objects of the other columns.
using Fill = std::function<void()>;

// Copies every batch's values of a column without nulls into `out`.
template <typename T>
void CopyColumn(const std::vector<Batch>& batches, size_t column, T* out) {
  for (const Batch& batch : batches) {
    std::memcpy(out, batch.columns[column]->template Data<T>(), batch.num_rows * sizeof(T));
    out += batch.num_rows;
  }
}

template <typename T>
py::array Numbers(const std::vector<Batch>& batches, size_t column, int64_t rows, std::vector<Fill>& fills) {
  if (ColumnHasNulls(batches, column)) {
    py::array_t<double> out(rows);
    fills.push_back([&batches, column, data = out.mutable_data()] {
      FillColumn<double, T>(batches, column, data, std::nan(""), [](T v) { return static_cast<double>(v); });
    });
    return out;
  }
  py::array_t<T> out(rows);
  fills.push_back([&batches, column, data = out.mutable_data()] { CopyColumn(batches, column, data); });
  return out;
}

template <typename T>
py::array Floats(const std::vector<Batch>& batches, size_t column, int64_t rows, std::vector<Fill>& fills) {
  py::array_t<T> out(rows);
  if (!ColumnHasNulls(batches, column)) {
    fills.push_back([&batches, column, data = out.mutable_data()] { CopyColumn(batches, column, data); });
    return out;
  }
  fills.push_back([&batches, column, data = out.mutable_data()] {
    FillColumn<T, T>(batches, column, data, std::numeric_limits<T>::quiet_NaN(), [](T v) { return v; });
  });
  return out;
}

py::array ObjectArray(int64_t rows) {
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{rows});
  PyObject** slots = static_cast<PyObject**>(out.mutable_data());
  for (int64_t i = 0; i < rows; ++i) {
    Py_XDECREF(slots[i]);
    Py_INCREF(Py_None);
    slots[i] = Py_None;
  }
  return out;
}

py::array Objects(const std::vector<Batch>& batches, size_t column, int64_t rows,
                  const absl::TimeZone& zone) {
  py::array out = ObjectArray(rows);
  PyObject** slots = static_cast<PyObject**>(out.mutable_data());
  for (const Batch& batch : batches) {
    std::vector<py::object> values = VectorToObjects(*batch.columns[column], 0, batch.num_rows, zone);
    for (auto& value : values) {
      Py_DECREF(*slots);
      *slots++ = value.release().ptr();
    }
  }
  return out;
}

py::array Strings(const std::vector<Batch>& batches, size_t column, int64_t rows) {
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{rows});
  PyObject** slots = static_cast<PyObject**>(out.mutable_data());
  StringMemo memo;
  for (const Batch& batch : batches) {
    StringsToSlots(*batch.columns[column], 0, batch.num_rows, slots, &memo);
    slots += batch.num_rows;
  }
  return out;
}

py::array Booleans(const std::vector<Batch>& batches, size_t column, int64_t rows,
                   const absl::TimeZone& zone, std::vector<Fill>& fills) {
  if (ColumnHasNulls(batches, column)) return Objects(batches, column, rows, zone);
  py::array_t<bool> out(rows);
  fills.push_back([&batches, column, data = out.mutable_data()] {
    FillColumn<bool, uint8_t>(batches, column, data, false, [](uint8_t v) { return v != 0; });
  });
  return out;
}

// Timestamps as nanoseconds of the wall clock in `zone` (zone null: already wall clock).
py::array WallNanos(const std::vector<Batch>& batches, size_t column, int64_t rows,
                    const absl::TimeZone* zone, std::vector<Fill>& fills) {
  py::array_t<int64_t> out(rows);
  int64_t* data = out.mutable_data();
  if (zone == nullptr) {
    fills.push_back([&batches, column, data] {
      FillColumn<int64_t, int64_t>(batches, column, data, kNaT, [](int64_t v) { return v * 1000; });
    });
    return out;
  }
  fills.push_back([&batches, column, data, zone = *zone] {
    ZoneShift shift(zone);
    FillColumn<int64_t, int64_t>(batches, column, data, kNaT, [&shift](int64_t v) { return shift.ToWall(v) * 1000; });
  });
  return out;
}

// The column's array: filled at once when it holds Python objects, else by a Fill added to `fills`.
py::tuple Column(const std::vector<Batch>& batches, size_t column, const DataType& type,
                 int64_t rows, const absl::TimeZone& zone, std::vector<Fill>& fills) {
  py::object none = py::none();
  switch (type.id) {
    case TypeId::kByte: return py::make_tuple(Numbers<int8_t>(batches, column, rows, fills), none);
    case TypeId::kShort: return py::make_tuple(Numbers<int16_t>(batches, column, rows, fills), none);
    case TypeId::kInt: return py::make_tuple(Numbers<int32_t>(batches, column, rows, fills), none);
    case TypeId::kLong: return py::make_tuple(Numbers<int64_t>(batches, column, rows, fills), none);
    case TypeId::kFloat: return py::make_tuple(Floats<float>(batches, column, rows, fills), none);
    case TypeId::kDouble: return py::make_tuple(Floats<double>(batches, column, rows, fills), none);
    case TypeId::kBoolean: return py::make_tuple(Booleans(batches, column, rows, zone, fills), none);
    case TypeId::kString: return py::make_tuple(Strings(batches, column, rows), none);
    case TypeId::kTimestamp:
      return py::make_tuple(WallNanos(batches, column, rows, &zone, fills), "datetime64[ns]");
    case TypeId::kTimestampNtz:
      return py::make_tuple(WallNanos(batches, column, rows, nullptr, fills), "datetime64[ns]");
    case TypeId::kDayTimeInterval:
      return py::make_tuple(WallNanos(batches, column, rows, nullptr, fills), "timedelta64[ns]");
    default:
      return py::make_tuple(Objects(batches, column, rows, zone), none);
  }
}

// Whether a column's array holds Python objects (made with the GIL), not numbers filled by a Fill.
bool MadeOfObjects(const DataType& type) {
  switch (type.id) {
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kBoolean:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval: return false;
    default: return true;
  }
}

// Large results fill their numeric arrays on a second thread while this one makes Python objects.
constexpr int64_t kParallelFillRows = 1 << 16;

template <typename T>
py::object View(const VectorPtr& vector, int64_t rows) {
  auto* owner = new VectorPtr(vector);
  py::capsule base(owner, [](void* held) { delete static_cast<VectorPtr*>(held); });
  py::array out(py::dtype::of<T>(), {static_cast<py::ssize_t>(rows)}, {static_cast<py::ssize_t>(sizeof(T))},
                vector->Data<T>(), base);
  py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return std::move(out);
}

}  // namespace

py::object NumpyView(const VectorPtr& vector, int64_t rows) {
  if (vector->MayHaveNulls() && vector->CountNulls() > 0) return py::none();
  switch (vector->type()->id) {
    case TypeId::kByte: return View<int8_t>(vector, rows);
    case TypeId::kShort: return View<int16_t>(vector, rows);
    case TypeId::kInt: return View<int32_t>(vector, rows);
    case TypeId::kLong: return View<int64_t>(vector, rows);
    case TypeId::kFloat: return View<float>(vector, rows);
    case TypeId::kDouble: return View<double>(vector, rows);
    default: return py::none();
  }
}

py::list ResultToNumpy(QueryResult result, const absl::TimeZone& zone) {
  int64_t rows = 0;
  for (const Batch& batch : result.batches) {
    EMBER_CHECK(batch.columns.size() == result.schema.size(), "batch width differs from the result schema");
    rows += batch.num_rows;
  }
  GcPause pause;
  py::list columns;
  std::vector<Fill> fills;
  std::vector<size_t> object_columns;
  for (size_t c = 0; c < result.schema.size(); ++c) {
    const DataType& type = *result.schema[c].type;
    if (MadeOfObjects(type)) {
      object_columns.push_back(c);
      columns.append(py::none());
    } else {
      columns.append(Column(result.batches, c, type, rows, zone, fills));
    }
  }
  auto fill_all = [&fills] {
    for (auto& fill : fills) fill();
  };
  // Joined on every way out (the filler reads the batches).
  struct Filler {
    std::thread thread;
    ~Filler() {
      if (!thread.joinable()) return;
      py::gil_scoped_release release;
      thread.join();
    }
  } filler;
  if (rows >= kParallelFillRows && !object_columns.empty() && !fills.empty()) {
    filler.thread = std::thread(fill_all);
  } else {
    fill_all();
  }
  for (size_t c : object_columns) {
    std::vector<Fill> none;
    columns[c] = Column(result.batches, c, *result.schema[c].type, rows, zone, none);
    for (Batch& batch : result.batches) batch.columns[c].reset();
  }
  return columns;
}
}  // namespace ember::python
