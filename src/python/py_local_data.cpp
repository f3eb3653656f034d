#include "python/py_local_data.h"

#include <datetime.h>
#include <pybind11/numpy.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include "common/error.h"
#include "common/interval.h"
#include "functions/datetime/datetime_util.h"
#include "functions/json/json_value_converter.h"
#include "python/py_zone_shift.h"

namespace ember::python {
namespace {

// A value that does not fit its field: reported to Python as TypeError.
struct Mismatch {};

int64_t WallMicros(PyObject* value, bool with_time) {
  int64_t days = DaysFromCivil(PyDateTime_GET_YEAR(value), PyDateTime_GET_MONTH(value),
                               PyDateTime_GET_DAY(value));
  int64_t seconds = days * 86400;
  if (!with_time) return seconds * kMicrosPerSecond;
  seconds += PyDateTime_DATE_GET_HOUR(value) * 3600 + PyDateTime_DATE_GET_MINUTE(value) * 60 +
             PyDateTime_DATE_GET_SECOND(value);
  return seconds * kMicrosPerSecond + PyDateTime_DATE_GET_MICROSECOND(value);
}

// Appends Python objects to builders of a type, checking them as PySpark's verifySchema does.
class ObjectAppender {
 public:
  ObjectAppender(const absl::TimeZone& zone, const py::object& record_values)
      : shift_(zone), record_values_(record_values),
        decimal_(py::module_::import("decimal").attr("Decimal")) {
    if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }

  void Append(VectorBuilder& builder, PyObject* value, bool nullable) {
    if (value == Py_None) {
      if (!nullable) throw Mismatch{};
      builder.AppendNull();
      return;
    }
    if (AppendValue(builder, value)) return;
    // numpy scalars count as the Python values they hold.
    py::object plain = NumpyItem(value);
    if (!plain || !AppendValue(builder, plain.ptr())) throw Mismatch{};
  }

  // The values of a record in field order.
  py::list RecordValues(PyObject* record, const std::vector<StructField>& fields) {
    if (PyTuple_CheckExact(record) || PyList_CheckExact(record)) {
      return py::list(py::reinterpret_borrow<py::object>(record));
    }
    py::tuple names(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) names[i] = py::str(fields[i].name);
    return record_values_(py::handle(record), names);
  }

  void AppendRecord(std::vector<VectorBuilder>& builders, const std::vector<StructField>& fields,
                    PyObject* record) {
    if (PyTuple_CheckExact(record)) {
      if (PyTuple_GET_SIZE(record) != static_cast<Py_ssize_t>(fields.size())) throw Mismatch{};
      for (size_t i = 0; i < fields.size(); ++i) {
        Append(builders[i], PyTuple_GET_ITEM(record, i), fields[i].nullable);
      }
      return;
    }
    py::list values = RecordValues(record, fields);
    if (values.size() != fields.size()) throw Mismatch{};
    for (size_t i = 0; i < fields.size(); ++i) Append(builders[i], values[i].ptr(), fields[i].nullable);
  }

 private:
  static py::object NumpyItem(PyObject* value) {
    py::handle type(reinterpret_cast<PyObject*>(Py_TYPE(value)));
    if (!py::hasattr(type, "__module__") || !py::hasattr(py::handle(value), "item")) return {};
    if (py::str(type.attr("__module__")).cast<std::string>() != "numpy") return {};
    return py::handle(value).attr("item")();
  }

  template <typename T>
  static bool AppendInteger(VectorBuilder& builder, PyObject* value) {
    if (!PyLong_Check(value) || PyBool_Check(value)) return false;
    int overflow = 0;
    long long number = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow != 0) throw Mismatch{};
    if (number < std::numeric_limits<T>::min() || number > std::numeric_limits<T>::max()) {
      throw Mismatch{};
    }
    builder.Append<T>(static_cast<T>(number));
    return true;
  }

  // False when `value` is not of a Python type the field accepts.
  bool AppendValue(VectorBuilder& builder, PyObject* value) {
    const DataType& type = *builder.type();
    switch (type.id) {
      case TypeId::kBoolean:
        if (!PyBool_Check(value)) return false;
        builder.AppendBool(value == Py_True);
        return true;
      case TypeId::kByte: return AppendInteger<int8_t>(builder, value);
      case TypeId::kShort: return AppendInteger<int16_t>(builder, value);
      case TypeId::kInt: return AppendInteger<int32_t>(builder, value);
      case TypeId::kLong: return AppendInteger<int64_t>(builder, value);
      case TypeId::kFloat:
        if (!PyFloat_Check(value)) return false;
        builder.Append<float>(static_cast<float>(PyFloat_AS_DOUBLE(value)));
        return true;
      case TypeId::kDouble:
        if (!PyFloat_Check(value)) return false;
        builder.Append<double>(PyFloat_AS_DOUBLE(value));
        return true;
      case TypeId::kString: {
        py::object converted;
        if (!PyUnicode_Check(value)) {
          // A string column takes any value, as PySpark's does: the text Java's toString gives it.
          converted = py::module_::import("pyspark.sql._values").attr("java_text")(py::handle(value));
          value = converted.ptr();
        }
        Py_ssize_t size = 0;
        const char* text = PyUnicode_AsUTF8AndSize(value, &size);
        if (text == nullptr) throw py::error_already_set();
        builder.AppendString(std::string_view(text, size));
        return true;
      }
      case TypeId::kBinary: {
        if (!PyBytes_Check(value) && !PyByteArray_Check(value) && !PyMemoryView_Check(value)) {
          return false;
        }
        py::bytes bytes = py::reinterpret_steal<py::bytes>(PyBytes_FromObject(value));
        if (!bytes) throw py::error_already_set();
        builder.AppendString(std::string_view(PyBytes_AS_STRING(bytes.ptr()), PyBytes_GET_SIZE(bytes.ptr())));
        return true;
      }
      case TypeId::kDecimal: {
        if (!py::isinstance(py::handle(value), decimal_)) return false;
        int128_t unscaled = 0;
        std::string text = py::str(py::handle(value));
        if (!ParseDecimalText(text, type.precision, type.scale, &unscaled)) throw Mismatch{};
        if (type.IsWideDecimal()) {
          builder.Append<int128_t>(unscaled);
        } else {
          builder.Append<int64_t>(static_cast<int64_t>(unscaled));
        }
        return true;
      }
      case TypeId::kDate:
        if (!PyDate_Check(value)) return false;
        builder.Append<int32_t>(static_cast<int32_t>(WallMicros(value, false) / kMicrosPerDay));
        return true;
      case TypeId::kTimestamp:
        if (!PyDateTime_Check(value)) return false;
        builder.Append<int64_t>(TimestampMicros(value));
        return true;
      case TypeId::kTimestampNtz:
        if (!PyDateTime_Check(value)) return false;
        builder.Append<int64_t>(WallMicros(value, true));
        return true;
      case TypeId::kArray: {
        if (!PyList_Check(value) && !PyTuple_Check(value)) return false;
        py::sequence items = py::reinterpret_borrow<py::sequence>(value);
        for (py::handle item : items) Append(builder.Child(0), item.ptr(), type.contains_null);
        builder.FinishNested();
        return true;
      }
      case TypeId::kMap: {
        if (!PyDict_Check(value)) return false;
        PyObject* key;
        PyObject* item;
        Py_ssize_t pos = 0;
        while (PyDict_Next(value, &pos, &key, &item)) {
          Append(builder.Child(0), key, false);
          Append(builder.Child(1), item, type.contains_null);
        }
        builder.FinishNested();
        return true;
      }
      case TypeId::kStruct: {
        py::list values = RecordValues(value, type.fields);
        if (values.size() != type.fields.size()) throw Mismatch{};
        for (size_t i = 0; i < type.fields.size(); ++i) {
          Append(builder.Child(i), values[i].ptr(), type.fields[i].nullable);
        }
        builder.FinishNested();
        return true;
      }
      default:
        return false;
    }
  }

  // Naive datetimes are wall-clock times in the session zone; aware ones carry their offset.
  int64_t TimestampMicros(PyObject* value) {
    int64_t wall = WallMicros(value, true);
    PyObject* tzinfo = PyDateTime_DATE_GET_TZINFO(value);
    if (tzinfo == Py_None) return shift_.ToUtc(wall);
    py::object offset = py::handle(value).attr("utcoffset")();
    if (offset.is_none()) return shift_.ToUtc(wall);
    int64_t offset_micros =
        (static_cast<int64_t>(PyDateTime_DELTA_GET_DAYS(offset.ptr())) * 86400 +
         PyDateTime_DELTA_GET_SECONDS(offset.ptr())) * kMicrosPerSecond +
        PyDateTime_DELTA_GET_MICROSECONDS(offset.ptr());
    return wall - offset_micros;
  }

  ZoneShift shift_;
  py::object record_values_;
  py::object decimal_;
};

// The batches of `cuts`, each made by fill(begin, count) -> Batch.
template <typename Fill>
LocalBatches MakeBatches(const BatchCuts& cuts, size_t width, Fill fill) {
  auto batches = std::make_shared<std::vector<Batch>>();
  for (const auto& [begin, count] : cuts.batches) {
    // Rows without columns still count.
    batches->push_back(width == 0 ? Batch({}, count) : fill(begin, count));
  }
  return batches;
}

void SetNulls(Vector& vector, const bool* mask, int64_t begin, int64_t count, bool nullable) {
  if (mask == nullptr) return;
  for (int64_t i = 0; i < count; ++i) {
    if (!mask[begin + i]) continue;
    if (!nullable) throw Mismatch{};
    vector.SetNull(i);
  }
}

template <typename To, typename From>
void ConvertNumbers(const From* from, To* to, int64_t count) {
  for (int64_t i = 0; i < count; ++i) {
    From value = from[i];
    if constexpr (std::is_integral_v<To> && std::is_integral_v<From>) {
      if (!std::in_range<To>(value)) throw Mismatch{};
    }
    to[i] = static_cast<To>(value);
  }
}

// numpy numbers of one dtype into a vector of the field's type: a bulk copy when the layouts
// match, else a checked conversion (integers to integers, floats to floats, bools to booleans).
template <typename From>
void FillNumeric(const From* from, char kind, Vector& out, int64_t count) {
  TypeId target = out.type()->id;
  bool integral = kind == 'i' || kind == 'u';
  switch (target) {
    case TypeId::kBoolean:
      if (kind != 'b') throw Mismatch{};
      std::memcpy(out.Data<uint8_t>(), from, count);
      return;
    case TypeId::kByte:
      if (!integral) throw Mismatch{};
      return ConvertNumbers(from, out.Data<int8_t>(), count);
    case TypeId::kShort:
      if (!integral) throw Mismatch{};
      return ConvertNumbers(from, out.Data<int16_t>(), count);
    case TypeId::kInt:
      if (!integral) throw Mismatch{};
      return ConvertNumbers(from, out.Data<int32_t>(), count);
    case TypeId::kLong:
      if (!integral) throw Mismatch{};
      if constexpr (std::is_same_v<From, int64_t>) {
        std::memcpy(out.Data<int64_t>(), from, count * sizeof(int64_t));
        return;
      }
      return ConvertNumbers(from, out.Data<int64_t>(), count);
    case TypeId::kFloat:
      if (kind != 'f') throw Mismatch{};
      return ConvertNumbers(from, out.Data<float>(), count);
    case TypeId::kDouble:
      if (kind != 'f') throw Mismatch{};
      if constexpr (std::is_same_v<From, double>) {
        std::memcpy(out.Data<double>(), from, count * sizeof(double));
        return;
      }
      return ConvertNumbers(from, out.Data<double>(), count);
    default:
      throw Mismatch{};
  }
}

// A numpy array's element kind ('b', 'i', 'u', 'f'), size and data, read with the GIL held.
struct NumpyData {
  char kind = 0;
  ssize_t size = 0;
  const void* data = nullptr;
};

// Calls fn(typed pointer) for the numpy array's element type.
template <typename Fn>
void WithNumpyData(const NumpyData& array, Fn fn) {
  char kind = array.kind;
  ssize_t size = array.size;
  const void* data = array.data;
  if (kind == 'b') return fn(static_cast<const uint8_t*>(data));
  if (kind == 'f' && size == 4) return fn(static_cast<const float*>(data));
  if (kind == 'f' && size == 8) return fn(static_cast<const double*>(data));
  if (kind == 'i' && size == 1) return fn(static_cast<const int8_t*>(data));
  if (kind == 'i' && size == 2) return fn(static_cast<const int16_t*>(data));
  if (kind == 'i' && size == 4) return fn(static_cast<const int32_t*>(data));
  if (kind == 'i' && size == 8) return fn(static_cast<const int64_t*>(data));
  if (kind == 'u' && size == 1) return fn(static_cast<const uint8_t*>(data));
  if (kind == 'u' && size == 2) return fn(static_cast<const uint16_t*>(data));
  if (kind == 'u' && size == 4) return fn(static_cast<const uint32_t*>(data));
  if (kind == 'u' && size == 8) return fn(static_cast<const uint64_t*>(data));
  throw Mismatch{};
}

// One column's source and how it fills a batch's vector.
struct ColumnSource {
  std::string kind;
  py::object data;
  py::array numbers;  // numeric, datetime
  NumpyData numpy;
  const bool* mask = nullptr;
  py::array mask_array;
  bool naive = false;
  std::vector<PyObject*> objects;  // borrowed from `data`
};

ColumnSource ReadColumnSource(const py::handle& spec, int64_t num_rows) {
  py::tuple tuple = py::reinterpret_borrow<py::tuple>(spec);
  ColumnSource source;
  source.kind = tuple[0].cast<std::string>();
  source.data = py::reinterpret_borrow<py::object>(tuple[1]);
  if (source.kind == "numeric" || source.kind == "datetime") {
    source.numbers = py::array::ensure(source.data, py::array::c_style);
    if (!source.numbers || source.numbers.ndim() != 1 || source.numbers.size() != num_rows) {
      throw InternalError("local column is not a 1-D array of the frame's length");
    }
    source.numpy = {source.numbers.dtype().kind(), source.numbers.itemsize(), source.numbers.data()};
    if (!tuple[2].is_none()) {
      source.mask_array = py::array_t<bool, py::array::c_style | py::array::forcecast>::ensure(tuple[2]);
      source.mask = static_cast<const bool*>(source.mask_array.data());
    }
    source.naive = tuple[3].cast<bool>();
  } else if (source.kind == "objects") {
    py::sequence items = py::reinterpret_borrow<py::sequence>(source.data);
    if (static_cast<int64_t>(items.size()) != num_rows) throw InternalError("local column length differs");
    source.objects.reserve(num_rows);
    if (py::isinstance<py::array>(source.data)) {
      py::array array = py::reinterpret_borrow<py::array>(source.data);
      if (array.dtype().kind() != 'O' || array.ndim() != 1) throw InternalError("object column expected");
      for (int64_t i = 0; i < num_rows; ++i) {
        source.objects.push_back(*reinterpret_cast<PyObject* const*>(
            static_cast<const char*>(array.data()) + i * array.strides(0)));
      }
    } else {
      for (py::handle item : items) source.objects.push_back(item.ptr());
    }
  } else {
    throw InternalError("unknown local column kind " + source.kind);
  }
  return source;
}

VectorPtr FillDatetime(const ColumnSource& source, const StructField& field, int64_t begin,
                       int64_t count, const absl::TimeZone& zone) {
  TypeId target = field.type->id;
  if (target != TypeId::kTimestamp && target != TypeId::kTimestampNtz) throw Mismatch{};
  const int64_t* nanos = static_cast<const int64_t*>(source.numpy.data) + begin;
  VectorPtr out = Vector::Make(field.type, count);
  int64_t* micros = out->Data<int64_t>();
  bool to_utc = source.naive && target == TypeId::kTimestamp;
  ZoneShift shift(zone);
  for (int64_t i = 0; i < count; ++i) {
    if (nanos[i] == std::numeric_limits<int64_t>::min()) {  // NaT
      if (!field.nullable) throw Mismatch{};
      micros[i] = 0;
      out->SetNull(i);
      continue;
    }
    int64_t value = FloorDiv(nanos[i], 1000);
    micros[i] = to_utc ? shift.ToUtc(value) : value;
  }
  return out;
}

// Strings of compact ASCII str objects (or None), read without the GIL: the objects are kept
// alive by the column and are immutable. nullptr when some value is anything else.
VectorPtr AsciiStrings(PyObject* const* objects, const StructField& field, int64_t count) {
  int64_t bytes = 0;
  for (int64_t i = 0; i < count; ++i) {
    PyObject* value = objects[i];
    if (value == Py_None) continue;
    if (!PyUnicode_CheckExact(value) || !PyUnicode_IS_COMPACT_ASCII(value)) return nullptr;
    bytes += PyUnicode_GET_LENGTH(value);
  }
  if (bytes > std::numeric_limits<int32_t>::max()) return nullptr;
  VectorPtr out = Vector::Make(field.type, count);
  out->bytes().Resize(bytes);
  char* data = reinterpret_cast<char*>(out->bytes().data());
  int32_t* offsets = out->Offsets();
  int32_t end = 0;
  for (int64_t i = 0; i < count; ++i) {
    PyObject* value = objects[i];
    offsets[i] = end;
    if (value == Py_None) {
      if (!field.nullable) throw Mismatch{};
      out->SetNull(i);
      continue;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    std::memcpy(data + end, PyUnicode_DATA(value), length);
    end += static_cast<int32_t>(length);
  }
  offsets[count] = end;
  return out;
}

// The vector of rows [begin, begin + count) of a column where that needs no Python calls
// (numbers, datetimes, ASCII strings); nullptr for the other object columns.
VectorPtr FillWithoutGil(const ColumnSource& source, const StructField& field, int64_t begin,
                         int64_t count, const absl::TimeZone& zone) {
  if (source.kind == "numeric") {
    VectorPtr out = Vector::Make(field.type, count);
    WithNumpyData(source.numpy, [&](const auto* data) {
      FillNumeric(data + begin, source.numpy.kind, *out, count);
    });
    SetNulls(*out, source.mask, begin, count, field.nullable);
    return out;
  }
  if (source.kind == "datetime") return FillDatetime(source, field, begin, count, zone);
  if (field.type->id == TypeId::kString) return AsciiStrings(source.objects.data() + begin, field, count);
  return nullptr;
}

// Calls fn(i) for i in [0, n) on up to `threads` threads.
template <typename Fn>
void ForEachInParallel(int64_t n, int threads, Fn fn) {
  threads = static_cast<int>(std::clamp<int64_t>(n, 1, std::max(threads, 1)));
  std::atomic<int64_t> next{0};
  auto work = [&] {
    for (int64_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
}

}  // namespace

// Conversions of fewer values keep the GIL.
constexpr int64_t kValuesToReleaseGil = 1 << 16;

BatchCuts CutBatches(int64_t num_rows, const std::vector<int64_t>& row_ends, int64_t batch_rows) {
  BatchCuts cuts;
  int64_t begin = 0;
  for (int64_t end : row_ends.empty() ? std::vector<int64_t>{num_rows} : row_ends) {
    for (; begin < end; begin += batch_rows) cuts.batches.emplace_back(begin, std::min(batch_rows, end - begin));
    begin = end;
    if (!row_ends.empty()) cuts.partition_ends.push_back(cuts.batches.size());
  }
  if (begin != num_rows) throw InternalError("local partitions do not end at the last row");
  return cuts;
}

LocalBatches ColumnsToBatches(const Schema& schema, const py::list& columns, int64_t num_rows,
                              const absl::TimeZone& zone, const py::object& record_values,
                              int threads, const BatchCuts& cuts) {
  if (columns.size() != schema.size()) throw InternalError("one local column per field expected");
  std::vector<ColumnSource> sources;
  for (py::handle spec : columns) sources.push_back(ReadColumnSource(spec, num_rows));
  if (schema.empty()) return MakeBatches(cuts, 0, [](int64_t, int64_t) { return Batch(); });
  auto batches = std::make_shared<std::vector<Batch>>(cuts.batches.size());
  for (size_t b = 0; b < batches->size(); ++b) {
    (*batches)[b].num_rows = cuts.batches[b].second;
    (*batches)[b].columns.resize(schema.size());
  }
  // Without the GIL, batches spread over `threads` threads: numbers, datetimes, ASCII strings.
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  {
    // A small conversion (a pandas UDF's result) keeps the GIL: it costs less than handing it over.
    std::optional<py::gil_scoped_release> release;
    if (num_rows * static_cast<int64_t>(schema.size()) >= kValuesToReleaseGil) release.emplace();
    ForEachInParallel(static_cast<int64_t>(batches->size()), threads, [&](int64_t b) {
      Batch& batch = (*batches)[b];
      int64_t begin = cuts.batches[b].first;
      for (size_t c = 0; c < schema.size() && !failed.load(std::memory_order_relaxed); ++c) {
        try {
          batch.columns[c] = FillWithoutGil(sources[c], schema[c], begin, batch.num_rows, zone);
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
          failed.store(true);
        }
      }
    });
  }
  if (error) {
    try {
      std::rethrow_exception(error);
    } catch (const Mismatch&) {
      throw py::type_error("a local value does not fit its field");
    }
  }
  // With the GIL: the columns of other Python objects.
  std::optional<ObjectAppender> appender;
  try {
    for (size_t b = 0; b < batches->size(); ++b) {
      Batch& batch = (*batches)[b];
      int64_t begin = cuts.batches[b].first;
      for (size_t c = 0; c < schema.size(); ++c) {
        if (batch.columns[c]) continue;
        if (!appender) appender.emplace(zone, record_values);
        VectorBuilder builder(schema[c].type, batch.num_rows);
        for (int64_t i = 0; i < batch.num_rows; ++i) {
          appender->Append(builder, sources[c].objects[begin + i], schema[c].nullable);
        }
        batch.columns[c] = builder.Finish();
      }
    }
  } catch (const Mismatch&) {
    throw py::type_error("a local value does not fit its field");
  }
  return batches;
}

LocalBatches RecordsToBatches(const Schema& schema, const py::list& records,
                              const absl::TimeZone& zone, const py::object& record_values,
                              const BatchCuts& cuts) {
  ObjectAppender appender(zone, record_values);
  try {
    return MakeBatches(cuts, schema.size(), [&](int64_t begin, int64_t count) {
      std::vector<VectorBuilder> builders;
      builders.reserve(schema.size());
      for (const auto& field : schema) builders.emplace_back(field.type, count);
      for (int64_t r = begin; r < begin + count; ++r) {
        appender.AppendRecord(builders, schema, PyList_GET_ITEM(records.ptr(), r));
      }
      Batch batch;
      batch.num_rows = count;
      for (auto& builder : builders) batch.columns.push_back(builder.Finish());
      return batch;
    });
  } catch (const Mismatch&) {
    throw py::type_error("a local value does not fit its field");
  }
}

}  // namespace ember::python
