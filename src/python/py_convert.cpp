#include "python/py_convert.h"

#include <datetime.h>

#include <cstring>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/calendar_interval.h"
#include "common/error.h"
#include "common/value.h"
#include "common/variant.h"
#include "common/vector.h"
#include "functions/datetime/datetime_util.h"
#include "functions/variant/variant_codec.h"

namespace ember::python {
namespace {

using Objects = std::vector<py::object>;

py::object& RowFactory() {
  static py::object* factory = new py::object();  // leaked: must outlive interpreter shutdown
  return *factory;
}

py::object Steal(PyObject* object) {
  if (object == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(object);
}

}  // namespace

py::str Utf8Text(std::string_view text) {
  PyObject* decoded = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

namespace {

py::object& RowClass() {
  static py::object* row = new py::object();  // leaked: must outlive interpreter shutdown
  return *row;
}

// A Row with `__fields__` = `names` (shared by the rows of a result) and value i = get(i): made
// as Row(*values) would make it but without running Python code per row when the Row class is
// registered (a tuple subclass whose instances keep __fields__ in their __dict__).
template <typename Get>
py::object MakeRow(const py::list& names, size_t width, Get get) {
  if (!RowClass()) {
    py::tuple values(width);
    for (size_t i = 0; i < width; ++i) values[i] = get(i);
    return RowFactory()(names, values);
  }
  static PyObject* fields_name = PyUnicode_InternFromString("__fields__");
  auto* type = reinterpret_cast<PyTypeObject*>(RowClass().ptr());
  py::object row = Steal(type->tp_alloc(type, static_cast<Py_ssize_t>(width)));
  for (size_t i = 0; i < width; ++i) PyTuple_SET_ITEM(row.ptr(), i, get(i).release().ptr());
  if (PyObject_GenericSetAttr(row.ptr(), fields_name, names.ptr()) < 0) throw py::error_already_set();
  return row;
}

// (python_class, field_values) -> the Python object of a user-defined type's value.
py::object& UdtFactory() {
  static py::object* factory = new py::object();  // leaked: must outlive interpreter shutdown
  return *factory;
}

py::object& DecimalClass() {
  static py::object* decimal = new py::object(py::module_::import("decimal").attr("Decimal"));
  return *decimal;
}

void EnsureDateTimeApi() {
  if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

py::object DateObject(int32_t days) {
  absl::CivilDay day = absl::CivilDay(1970, 1, 1) + days;
  return Steal(PyDate_FromDate(static_cast<int>(day.year()), day.month(), day.day()));
}

// timedelta keeps days signed and seconds, microseconds non-negative: days are floored.
py::object TimeDeltaObject(int64_t micros) {
  int64_t days = FloorDiv(micros, 86'400'000'000);
  int64_t rest = micros - days * 86'400'000'000;
  return Steal(PyDelta_FromDSU(static_cast<int>(days), static_cast<int>(rest / 1'000'000),
                               static_cast<int>(rest % 1'000'000)));
}

py::object DateTimeObject(int64_t micros, const absl::TimeZone* zone) {
  int64_t seconds = FloorDiv(micros, 1000000);
  int fraction = static_cast<int>(micros - seconds * 1000000);
  absl::CivilSecond civil;
  if (zone != nullptr) {
    civil = absl::ToCivilSecond(absl::FromUnixSeconds(seconds), *zone);
  } else {
    civil = absl::CivilSecond(1970, 1, 1, 0, 0, 0) + seconds;
  }
  return Steal(PyDateTime_FromDateAndTime(static_cast<int>(civil.year()), civil.month(),
                                          civil.day(), civil.hour(), civil.minute(),
                                          civil.second(), fraction));
}

py::object DecimalObject(int128_t unscaled, int scale) {
  std::string text = DecimalToString(unscaled, scale);
  return DecimalClass()(py::str(text));
}

py::list FieldNames(const std::vector<StructField>& fields) {
  py::list names(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) names[i] = Utf8Text(fields[i].name);
  return names;
}

// Converts values [begin, end) of `vector`.
Objects Convert(const Vector& vector, int64_t begin, int64_t end, const absl::TimeZone& zone);

template <typename T, typename Make>
Objects ConvertFixed(const Vector& vector, int64_t begin, int64_t end, Make make) {
  Objects out(end - begin);
  const T* data = vector.Data<T>();
  bool nulls = vector.MayHaveNulls();
  for (int64_t i = begin; i < end; ++i) {
    if (nulls && vector.IsNull(i)) {
      out[i - begin] = py::none();
    } else {
      out[i - begin] = make(data[i]);
    }
  }
  return out;
}

bool IsAscii(const char* data, size_t size) {
  uint64_t bits = 0;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    bits |= word;
  }
  for (; i < size; ++i) bits |= static_cast<uint8_t>(data[i]);
  return (bits & 0x8080808080808080ULL) == 0;
}

// A str of ASCII text: made at its final size and filled by one copy, with no UTF-8 decoding.
PyObject* AsciiString(std::string_view text) {
  PyObject* out = PyUnicode_New(static_cast<Py_ssize_t>(text.size()), 127);
  if (out != nullptr && !text.empty()) std::memcpy(PyUnicode_1BYTE_DATA(out), text.data(), text.size());
  return out;
}

Objects ConvertStrings(const Vector& vector, int64_t begin, int64_t end, bool binary) {
  Objects out(end - begin);
  if (!binary) {
    std::vector<PyObject*> values(end - begin, nullptr);
    StringsToSlots(vector, begin, end, values.data());
    for (int64_t i = 0; i < end - begin; ++i) out[i] = py::reinterpret_steal<py::object>(values[i]);
    return out;
  }
  bool nulls = vector.MayHaveNulls();
  for (int64_t i = begin; i < end; ++i) {
    std::string_view text = vector.GetString(i);
    out[i - begin] = nulls && vector.IsNull(i)
                         ? py::none()
                         : Steal(PyByteArray_FromStringAndSize(text.data(), text.size()));
  }
  return out;
}

Objects ConvertArray(const Vector& vector, int64_t begin, int64_t end, const absl::TimeZone& zone) {
  Objects out(end - begin);
  const int32_t* offsets = vector.Offsets();
  Objects elements = Convert(*vector.child(0), offsets[begin], offsets[end], zone);
  int64_t base = offsets[begin];
  for (int64_t i = begin; i < end; ++i) {
    if (vector.IsNull(i)) {
      out[i - begin] = py::none();
      continue;
    }
    py::list list(offsets[i + 1] - offsets[i]);
    for (int32_t j = offsets[i]; j < offsets[i + 1]; ++j) list[j - offsets[i]] = elements[j - base];
    out[i - begin] = std::move(list);
  }
  return out;
}

Objects ConvertMap(const Vector& vector, int64_t begin, int64_t end, const absl::TimeZone& zone) {
  Objects out(end - begin);
  const int32_t* offsets = vector.Offsets();
  Objects keys = Convert(*vector.child(0), offsets[begin], offsets[end], zone);
  Objects values = Convert(*vector.child(1), offsets[begin], offsets[end], zone);
  int64_t base = offsets[begin];
  for (int64_t i = begin; i < end; ++i) {
    if (vector.IsNull(i)) {
      out[i - begin] = py::none();
      continue;
    }
    py::dict dict;
    for (int32_t j = offsets[i]; j < offsets[i + 1]; ++j) {
      dict[keys[j - base]] = values[j - base];
    }
    out[i - begin] = std::move(dict);
  }
  return out;
}

Objects ConvertStruct(const Vector& vector, int64_t begin, int64_t end,
                      const absl::TimeZone& zone) {
  const auto& fields = vector.type()->fields;
  std::vector<Objects> children;
  children.reserve(fields.size());
  for (size_t f = 0; f < fields.size(); ++f) {
    children.push_back(Convert(*vector.child(f), begin, end, zone));
  }
  py::list names = FieldNames(fields);
  std::string udt_class = IsVariant(*vector.type()) ? "pyspark.sql.types.VariantType" : UdtPythonClass(*vector.type());
  if (!udt_class.empty() && !UdtFactory()) throw InternalError("user-defined type factory not set");
  py::str udt_name(udt_class);
  Objects out(end - begin);
  for (int64_t i = begin; i < end; ++i) {
    if (vector.IsNull(i)) {
      out[i - begin] = py::none();
      continue;
    }
    if (udt_class.empty()) {
      out[i - begin] = MakeRow(names, fields.size(), [&](size_t f) { return children[f][i - begin]; });
    } else {
      py::tuple values(fields.size());
      for (size_t f = 0; f < fields.size(); ++f) values[f] = children[f][i - begin];
      out[i - begin] = UdtFactory()(udt_name, values);
    }
  }
  return out;
}

// PySpark 4.0 has no Python value for a calendar interval: its CalendarIntervalType.fromInternal
// raises NOT_IMPLEMENTED, which the same function of Ember's types module builds.
[[noreturn]] void RaiseCalendarIntervalNotImplemented() {
  py::object error = py::module_::import("pyspark.sql.types").attr("_not_implemented_calendar_interval")();
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  throw py::error_already_set();
}

Objects Convert(const Vector& vector, int64_t begin, int64_t end, const absl::TimeZone& zone) {
  const DataType& type = *vector.type();
  switch (type.id) {
    case TypeId::kNull:
      return Objects(end - begin, py::none());
    case TypeId::kBoolean:
      return ConvertFixed<uint8_t>(vector, begin, end,
                                   [](uint8_t v) { return py::bool_(v != 0); });
    case TypeId::kByte:
      return ConvertFixed<int8_t>(vector, begin, end,
                                  [](int8_t v) { return Steal(PyLong_FromLong(v)); });
    case TypeId::kShort:
      return ConvertFixed<int16_t>(vector, begin, end,
                                   [](int16_t v) { return Steal(PyLong_FromLong(v)); });
    case TypeId::kInt:
      return ConvertFixed<int32_t>(vector, begin, end,
                                   [](int32_t v) { return Steal(PyLong_FromLong(v)); });
    case TypeId::kLong:
      return ConvertFixed<int64_t>(vector, begin, end,
                                   [](int64_t v) { return Steal(PyLong_FromLongLong(v)); });
    case TypeId::kFloat:
      return ConvertFixed<float>(vector, begin, end,
                                 [](float v) { return Steal(PyFloat_FromDouble(v)); });
    case TypeId::kDouble:
      return ConvertFixed<double>(vector, begin, end,
                                  [](double v) { return Steal(PyFloat_FromDouble(v)); });
    case TypeId::kDecimal: {
      int scale = type.scale;
      if (type.IsWideDecimal()) {
        return ConvertFixed<int128_t>(vector, begin, end,
                                      [scale](int128_t v) { return DecimalObject(v, scale); });
      }
      return ConvertFixed<int64_t>(vector, begin, end,
                                   [scale](int64_t v) { return DecimalObject(v, scale); });
    }
    case TypeId::kString:
      return ConvertStrings(vector, begin, end, false);
    case TypeId::kBinary:
      return ConvertStrings(vector, begin, end, true);
    case TypeId::kDate:
      return ConvertFixed<int32_t>(vector, begin, end, [](int32_t v) { return DateObject(v); });
    case TypeId::kTimestamp:
      return ConvertFixed<int64_t>(vector, begin, end,
                                   [&zone](int64_t v) { return DateTimeObject(v, &zone); });
    case TypeId::kTimestampNtz:
      return ConvertFixed<int64_t>(vector, begin, end,
                                   [](int64_t v) { return DateTimeObject(v, nullptr); });
    case TypeId::kYearMonthInterval:
      return ConvertFixed<int32_t>(vector, begin, end,
                                   [](int32_t v) { return Steal(PyLong_FromLong(v)); });
    case TypeId::kDayTimeInterval:
      return ConvertFixed<int64_t>(vector, begin, end, [](int64_t v) { return TimeDeltaObject(v); });
    case TypeId::kArray:
      return ConvertArray(vector, begin, end, zone);
    case TypeId::kMap:
      return ConvertMap(vector, begin, end, zone);
    case TypeId::kStruct:
      if (IsCalendarInterval(type)) {
        if (end > begin) RaiseCalendarIntervalNotImplemented();
        return Objects();
      }
      return ConvertStruct(vector, begin, end, zone);
  }
  throw InternalError("unknown type in result conversion");
}

const char* SimpleTypeName(TypeId id) {
  switch (id) {
    case TypeId::kNull: return "void";
    case TypeId::kBoolean: return "boolean";
    case TypeId::kByte: return "byte";
    case TypeId::kShort: return "short";
    case TypeId::kInt: return "integer";
    case TypeId::kLong: return "long";
    case TypeId::kFloat: return "float";
    case TypeId::kDouble: return "double";
    case TypeId::kString: return "string";
    case TypeId::kBinary: return "binary";
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kTimestampNtz: return "timestamp_ntz";
    default: return nullptr;
  }
}

}  // namespace

void StringsToSlots(const Vector& vector, int64_t begin, int64_t end, PyObject** slots,
                    StringMemo* memo) {
  bool nulls = vector.MayHaveNulls();
  const int32_t* offsets = vector.Offsets();
  // Usually every value is ASCII: one check over all the bytes then serves each value.
  bool all_ascii = end > begin &&
                   IsAscii(reinterpret_cast<const char*>(vector.bytes().data()) + offsets[begin],
                           offsets[end] - offsets[begin]);
  std::vector<PyObject*> found;
  if (memo != nullptr && memo->on()) {
    found.resize(end - begin);
    memo->FindAll(vector, begin, end, found.data());
  } else {
    memo = nullptr;
  }
  int64_t values = 0;
  int64_t hits = 0;
  for (int64_t i = begin; i < end; ++i) {
    PyObject* value;
    if (nulls && vector.IsNull(i)) {
      value = Py_NewRef(Py_None);
    } else if (memo != nullptr && found[i - begin] != nullptr) {
      value = found[i - begin];
      ++values;
      ++hits;
    } else {
      std::string_view text = vector.GetString(i);
      bool ascii = all_ascii || IsAscii(text.data(), text.size());
      // An earlier value of this same batch may have been remembered since FindAll.
      value = memo != nullptr && ascii ? memo->Find(text) : nullptr;
      values += memo != nullptr;
      if (value != nullptr) {
        ++hits;
      } else {
        value = ascii ? AsciiString(text) : PyUnicode_DecodeUTF8(text.data(), text.size(), "replace");
        if (value == nullptr) throw py::error_already_set();
        if (memo != nullptr && ascii) memo->Remember(text, value);
      }
    }
    Py_XSETREF(slots[i - begin], value);
  }
  if (memo != nullptr) memo->Tally(values, hits);
}

void SetRowFactory(py::object factory) { RowFactory() = std::move(factory); }

void SetRowClass(py::object row_class) {
  if (!PyType_Check(row_class.ptr()) ||
      !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(row_class.ptr()), &PyTuple_Type)) {
    throw py::type_error("the Row class must be a tuple subclass");
  }
  RowClass() = std::move(row_class);
}

void SetUdtFactory(py::object factory) { UdtFactory() = std::move(factory); }

std::vector<py::object> VectorToObjects(const Vector& vector, int64_t begin, int64_t end,
                                        const absl::TimeZone& zone) {
  EnsureDateTimeApi();
  return Convert(vector, begin, end, zone);
}

py::list ResultToRows(const QueryResult& result, const absl::TimeZone& time_zone) {
  EnsureDateTimeApi();
  if (!RowFactory()) throw InternalError("row factory not set");
  GcPause pause;
  int64_t total = 0;
  for (const Batch& batch : result.batches) total += batch.num_rows;
  py::list rows(total);
  py::list names = FieldNames(result.schema);
  size_t width = result.schema.size();
  int64_t next = 0;
  for (const Batch& batch : result.batches) {
    EMBER_CHECK(batch.columns.size() == width, "batch width differs from the result schema");
    std::vector<Objects> columns;
    columns.reserve(width);
    for (const VectorPtr& column : batch.columns) {
      columns.push_back(Convert(*column, 0, batch.num_rows, time_zone));
    }
    for (int64_t r = 0; r < batch.num_rows; ++r) {
      rows[next++] = MakeRow(names, width, [&](size_t c) { return std::move(columns[c][r]); });
    }
  }
  return rows;
}

py::object TypeToPython(const DataType& type) {
  if (type.id == TypeId::kString && type.collation != 0) return py::str(type.ToString());  // "string collate X"
  if (const char* name = SimpleTypeName(type.id)) return py::str(name);
  switch (type.id) {
    case TypeId::kDecimal:
      return py::str("decimal(" + std::to_string(type.precision) + "," +
                     std::to_string(type.scale) + ")");
    case TypeId::kArray: {
      py::dict out;
      out["type"] = "array";
      out["elementType"] = TypeToPython(*type.element);
      out["containsNull"] = py::bool_(type.contains_null);
      return out;
    }
    case TypeId::kMap: {
      py::dict out;
      out["type"] = "map";
      out["keyType"] = TypeToPython(*type.element);
      out["valueType"] = TypeToPython(*type.value);
      out["valueContainsNull"] = py::bool_(type.contains_null);
      return out;
    }
    case TypeId::kStruct: {
      if (IsCalendarInterval(type) || IsVariant(type)) return py::str(type.ToString());
      if (type.udt.empty()) return SchemaToPython(type.fields);
      py::dict out;
      out["type"] = "udt";
      out["class"] = type.udt;
      out["pyClass"] = UdtPythonClass(type);
      out["sqlType"] = SchemaToPython(type.fields);
      return out;
    }
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      return py::str(type.ToString());
    default:
      throw InternalError("unknown type in schema conversion");
  }
}

py::object SchemaToPython(const Schema& schema) {
  py::list fields;
  for (const StructField& field : schema) {
    py::dict f;
    f["name"] = Utf8Text(field.name);
    f["type"] = TypeToPython(*field.type);
    f["nullable"] = py::bool_(field.nullable);
    f["metadata"] = py::dict();
    fields.append(std::move(f));
  }
  py::dict out;
  out["type"] = "struct";
  out["fields"] = std::move(fields);
  return out;
}

namespace {

py::object VariantObject(const VariantView& v) {
  switch (v.kind()) {
    case VariantKind::kNull: return py::none();
    case VariantKind::kBoolean: return py::bool_(v.GetBoolean());
    case VariantKind::kLong: return py::int_(v.GetLong());
    case VariantKind::kDouble: return py::float_(v.GetDouble());
    case VariantKind::kFloat: return py::float_(v.GetFloat());
    case VariantKind::kDecimal: {
      auto [unscaled, scale] = v.GetDecimal();
      return DecimalObject(unscaled, scale);
    }
    case VariantKind::kString: return Utf8Text(v.GetString());
    case VariantKind::kBinary: return py::bytes(std::string(v.GetString()));
    case VariantKind::kDate: EnsureDateTimeApi(); return DateObject(v.GetDate());
    case VariantKind::kTimestamp: {
      EnsureDateTimeApi();
      static const absl::TimeZone utc = absl::UTCTimeZone();
      py::object naive = DateTimeObject(v.GetMicros(), &utc);
      return naive.attr("replace")(py::arg("tzinfo") = py::module_::import("datetime").attr("timezone").attr("utc"));
    }
    case VariantKind::kTimestampNtz: EnsureDateTimeApi(); return DateTimeObject(v.GetMicros(), nullptr);
    case VariantKind::kObject: {
      py::dict out;
      for (int64_t i = 0; i < v.ObjectSize(); ++i) out[Utf8Text(v.FieldKey(i))] = VariantObject(v.FieldValue(i));
      return out;
    }
    case VariantKind::kArray: {
      py::list out;
      for (int64_t i = 0; i < v.ArraySize(); ++i) out.append(VariantObject(v.Element(i)));
      return out;
    }
  }
  return py::none();
}

}  // namespace

py::str VariantToJson(const py::bytes& value, const py::bytes& metadata, const std::string& zone_id) {
  absl::TimeZone zone = absl::UTCTimeZone();
  if (!ParseZone(zone_id, &zone)) throw py::value_error("unknown time zone: " + zone_id);
  std::string text;
  AppendVariantJson(VariantView(std::string_view(value), std::string_view(metadata)), zone, &text);
  return Utf8Text(text);
}

py::object VariantToPython(const py::bytes& value, const py::bytes& metadata) {
  return VariantObject(VariantView(std::string_view(value), std::string_view(metadata)));
}

}  // namespace ember::python
