// Drives Ember's Parquet reader and writer from the command line for the DuckDB interop tests.
//   parquet_tool read FILE
//       prints {"names": [...], "types": [...]} and then one JSON array per row
//   parquet_tool write FILE ROWS COMPRESSION DICTIONARY(on|off) ROW_GROUP_BYTES
//       writes a deterministic table of every flat type (with NULLs) and prints it like `read`
// Values print in forms DuckDB's VARCHAR casts also give (see run_interop.py): integers, days
// since the epoch for dates, microseconds for timestamps, "12.50" for decimals, upper-case hex
// for binary; floats print as JSON numbers.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "common/error.h"
#include "common/vector.h"
#include "io/parquet/parquet_compression.h"
#include "io/parquet/parquet_file.h"
#include "io/parquet/parquet_reader.h"
#include "io/parquet/parquet_writer.h"

namespace ember {
namespace {

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string Int128Text(int128_t value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(value) : value;
  std::string digits;
  while (magnitude > 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  return negative ? "-" + digits : digits;
}

std::string DecimalText(int128_t unscaled, int scale) {
  bool negative = unscaled < 0;
  std::string digits = Int128Text(negative ? -unscaled : unscaled);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - scale, ".");
  }
  return negative ? "-" + digits : digits;
}

std::string ValueJson(const Vector& v, int64_t row) {
  if (v.IsNull(row)) return "null";
  const DataType& type = *v.type();
  char buffer[64];
  switch (type.id) {
    case TypeId::kBoolean: return v.Data<uint8_t>()[row] ? "\"true\"" : "\"false\"";
    case TypeId::kByte: return "\"" + std::to_string(v.Data<int8_t>()[row]) + "\"";
    case TypeId::kShort: return "\"" + std::to_string(v.Data<int16_t>()[row]) + "\"";
    case TypeId::kInt:
    case TypeId::kDate: return "\"" + std::to_string(v.Data<int32_t>()[row]) + "\"";
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: return "\"" + std::to_string(v.Data<int64_t>()[row]) + "\"";
    case TypeId::kFloat:
      std::snprintf(buffer, sizeof(buffer), "%.9g", static_cast<double>(v.Data<float>()[row]));
      return buffer;
    case TypeId::kDouble:
      std::snprintf(buffer, sizeof(buffer), "%.17g", v.Data<double>()[row]);
      return buffer;
    case TypeId::kString: return JsonString(v.GetString(row));
    case TypeId::kBinary: {
      std::string hex;
      for (unsigned char c : v.GetString(row)) {
        std::snprintf(buffer, sizeof(buffer), "%02X", c);
        hex += buffer;
      }
      return "\"" + hex + "\"";
    }
    case TypeId::kDecimal: {
      int128_t unscaled = type.IsWideDecimal() ? v.Data<int128_t>()[row] : v.Data<int64_t>()[row];
      return "\"" + DecimalText(unscaled, type.scale) + "\"";
    }
    default: return "\"?\"";
  }
}

void PrintHeader(const Schema& schema) {
  std::string names, types;
  for (const auto& field : schema) {
    names += (names.empty() ? "" : ",") + JsonString(field.name);
    types += (types.empty() ? "" : ",") + JsonString(field.type->ToString());
  }
  std::cout << "{\"names\":[" << names << "],\"types\":[" << types << "]}\n";
}

void PrintBatch(const Batch& batch) {
  for (int64_t row = 0; row < batch.num_rows; ++row) {
    std::string line = "[";
    for (size_t c = 0; c < batch.columns.size(); ++c) line += (c ? "," : "") + ValueJson(*batch.columns[c], row);
    std::cout << line << "]\n";
  }
}

int Read(const std::string& path) {
  auto file = parquet::ParquetFile::Open(path);
  Schema schema;
  for (const auto& column : file->columns()) {
    if (!column.type) throw std::runtime_error("unsupported column " + column.name);
    schema.push_back({column.name, column.type, column.max_definition_level > 0});
  }
  PrintHeader(schema);
  std::vector<int> groups = parquet::RowGroupsInRange(*file, 0, file->size());
  parquet::ParquetBatchReader reader(file, groups, schema);
  Batch batch;
  while (reader.Next(&batch)) PrintBatch(batch);
  return 0;
}

// A deterministic table of every flat type; column c of row r is NULL when (r + c) % 7 == 3.
Batch SampleBatch(const Schema& schema, int64_t first_row, int64_t rows) {
  std::vector<VectorPtr> columns;
  for (size_t c = 0; c < schema.size(); ++c) {
    VectorBuilder builder(schema[c].type, rows);
    for (int64_t r = first_row; r < first_row + rows; ++r) {
      if ((r + static_cast<int64_t>(c)) % 7 == 3) {
        builder.AppendNull();
        continue;
      }
      int64_t x = (r * 2654435761LL) % 1000003 - 500001;  // spread, signed
      switch (schema[c].type->id) {
        case TypeId::kBoolean: builder.AppendBool(x % 3 == 0); break;
        case TypeId::kByte: builder.Append<int8_t>(static_cast<int8_t>(x % 128)); break;
        case TypeId::kShort: builder.Append<int16_t>(static_cast<int16_t>(x % 32768)); break;
        case TypeId::kInt: builder.Append<int32_t>(static_cast<int32_t>(x * 4099)); break;
        case TypeId::kLong: builder.Append<int64_t>(x * 1234567890123LL); break;
        case TypeId::kFloat: builder.Append<float>(static_cast<float>(x) / 8.0f); break;
        case TypeId::kDouble: builder.Append<double>(static_cast<double>(x) / 3.0); break;
        case TypeId::kString:
          if (schema[c].name == "category") {
            static const char* kWords[] = {"alpha", "beta", "gamma", "delta", "épsilon", ""};
            builder.AppendString(kWords[(r / 3) % 6]);
          } else {
            builder.AppendString("row-" + std::to_string(r) + "-" + std::string(r % 5, 'x'));
          }
          break;
        case TypeId::kBinary: {
          std::string bytes = {static_cast<char>(r & 0xFF), '\0', static_cast<char>(0xFF - (r & 0x7F))};
          builder.AppendString(bytes);
          break;
        }
        case TypeId::kDate: builder.Append<int32_t>(static_cast<int32_t>(x % 40000)); break;
        case TypeId::kTimestamp:
        case TypeId::kTimestampNtz: builder.Append<int64_t>(x * 3600LL * 1000000LL + r); break;
        case TypeId::kDecimal: {
          const DataType& type = *schema[c].type;
          if (type.IsWideDecimal()) {
            builder.Append<int128_t>(static_cast<int128_t>(x) * 1000000000000000000LL * 1000 + r);
          } else if (type.precision <= 9) {
            builder.Append<int64_t>(x * 1000 % 999999999);
          } else {
            builder.Append<int64_t>(x * 1000000007LL);
          }
          break;
        }
        default: builder.AppendNull();
      }
    }
    columns.push_back(builder.Finish());
  }
  return Batch(std::move(columns), rows);
}

int Write(const std::string& path, int64_t rows, const std::string& compression, bool dictionary,
          int64_t row_group_bytes) {
  Schema schema = ParseSchemaDdl(
      "flag BOOLEAN, tiny TINYINT, small SMALLINT, id INT, big BIGINT, ratio FLOAT, amount DOUBLE, "
      "category STRING, label STRING, payload BINARY, day DATE, ts TIMESTAMP, local_ts TIMESTAMP_NTZ, "
      "price DECIMAL(9,2), total DECIMAL(18,4), huge DECIMAL(30,5)");
  parquet::ParquetWriteOptions options;
  options.column.codec = parquet::CodecFromOption(compression);
  options.column.dictionary = dictionary;
  options.row_group_bytes = row_group_bytes;
  parquet::ParquetFileWriter writer(path, schema, options);
  PrintHeader(schema);
  for (int64_t first = 0; first < rows; first += 1000) {
    Batch batch = SampleBatch(schema, first, std::min<int64_t>(1000, rows - first));
    writer.Write(batch);
    PrintBatch(batch);
  }
  writer.Close();
  return 0;
}

}  // namespace
}  // namespace ember

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "read" && argc == 3) return ember::Read(argv[2]);
    if (command == "write" && argc == 7) {
      return ember::Write(argv[2], std::stoll(argv[3]), argv[4], std::string(argv[5]) == "on",
                          std::stoll(argv[6]));
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: parquet_tool read FILE | write FILE ROWS COMPRESSION on|off ROW_GROUP_BYTES\n";
  return 2;
}
