// Shared helpers of the Parquet tests: a deterministic table of every flat type, writing it, and
// reading files back into printable rows.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "common/vector.h"
#include "io/parquet/parquet_file.h"
#include "io/parquet/parquet_reader.h"
#include "io/parquet/parquet_writer.h"

namespace ember::parquet::testing {

inline Schema AllTypesSchema() {
  return ParseSchemaDdl(
      "flag BOOLEAN, tiny TINYINT, small SMALLINT, id INT, big BIGINT, ratio FLOAT, amount DOUBLE, "
      "category STRING, label STRING, payload BINARY, day DATE, ts TIMESTAMP, local_ts TIMESTAMP_NTZ, "
      "price DECIMAL(9,2), total DECIMAL(18,4), huge DECIMAL(30,5)");
}

inline std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "ember_parquet_" + std::to_string(::getpid()) + "_" + name;
}

// Column c of row r is NULL when (r + c) % 7 == 3 (for nullable columns); values vary in sign.
inline Batch SampleBatch(const Schema& schema, int64_t first_row, int64_t rows) {
  std::vector<VectorPtr> columns;
  for (size_t c = 0; c < schema.size(); ++c) {
    VectorBuilder builder(schema[c].type, rows);
    for (int64_t r = first_row; r < first_row + rows; ++r) {
      if (schema[c].nullable && (r + static_cast<int64_t>(c)) % 7 == 3) {
        builder.AppendNull();
        continue;
      }
      int64_t x = (r * 2654435761LL) % 1000003 - 500001;
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
            static const char* kWords[] = {"alpha", "beta", "gamma", "delta", "\xC3\xA9psilon", ""};
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

// A printable, exact form of one value ("NULL" for nulls; floats in hex notation).
inline std::string Cell(const Vector& v, int64_t row) {
  if (v.IsNull(row)) return "NULL";
  char buffer[64];
  switch (v.type()->id) {
    case TypeId::kBoolean: return v.Data<uint8_t>()[row] ? "true" : "false";
    case TypeId::kByte: return std::to_string(v.Data<int8_t>()[row]);
    case TypeId::kShort: return std::to_string(v.Data<int16_t>()[row]);
    case TypeId::kInt:
    case TypeId::kDate: return std::to_string(v.Data<int32_t>()[row]);
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: return std::to_string(v.Data<int64_t>()[row]);
    case TypeId::kFloat: std::snprintf(buffer, sizeof(buffer), "%a", v.Data<float>()[row]); return buffer;
    case TypeId::kDouble: std::snprintf(buffer, sizeof(buffer), "%a", v.Data<double>()[row]); return buffer;
    case TypeId::kString:
    case TypeId::kBinary: return "'" + std::string(v.GetString(row)) + "'";
    case TypeId::kDecimal:
      if (v.type()->IsWideDecimal()) {
        int128_t value = v.Data<int128_t>()[row];
        return std::to_string(static_cast<int64_t>(value >> 64)) + ":" +
               std::to_string(static_cast<uint64_t>(value));
      }
      return std::to_string(v.Data<int64_t>()[row]);
    default: return "?";
  }
}

using Rows = std::vector<std::vector<std::string>>;

inline void AppendRows(const Batch& batch, Rows* rows) {
  for (int64_t r = 0; r < batch.num_rows; ++r) {
    std::vector<std::string> row;
    for (const auto& column : batch.columns) row.push_back(Cell(*column, r));
    rows->push_back(std::move(row));
  }
}

// Writes `rows` sample rows in batches of `batch_rows`; returns them as printable rows.
inline Rows WriteSample(const std::string& path, const Schema& schema, int64_t rows,
                        const ParquetWriteOptions& options, int64_t batch_rows = 1000) {
  ParquetFileWriter writer(path, schema, options);
  Rows written;
  for (int64_t first = 0; first < rows; first += batch_rows) {
    Batch batch = SampleBatch(schema, first, std::min(batch_rows, rows - first));
    writer.Write(batch);
    AppendRows(batch, &written);
  }
  writer.Close();
  return written;
}

inline Rows ReadAll(const std::string& path, const Schema& read_schema, int64_t batch_rows = kBatchRows) {
  auto file = ParquetFile::Open(path);
  ParquetBatchReader reader(file, RowGroupsInRange(*file, 0, file->size()), read_schema, batch_rows);
  Rows rows;
  Batch batch;
  while (reader.Next(&batch)) {
    EXPECT_EQ(batch.columns.size(), read_schema.size());
    AppendRows(batch, &rows);
  }
  return rows;
}

}  // namespace ember::parquet::testing
