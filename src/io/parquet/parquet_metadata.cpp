#include "io/parquet/parquet_metadata.h"

#include <limits>
#include <memory>

#include <thrift/TConfiguration.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/transport/TBufferTransports.h>

namespace ember::parquet {
namespace {

using apache::thrift::TConfiguration;
using apache::thrift::protocol::TType;
using apache::thrift::transport::TMemoryBuffer;
using Protocol = apache::thrift::protocol::TCompactProtocolT<TMemoryBuffer>;
using namespace apache::thrift::protocol;  // T_I32, T_STRUCT, ...

// ---- writing --------------------------------------------------------------------------------

class Out {
 public:
  Out() : buffer_(std::make_shared<TMemoryBuffer>()), proto_(buffer_) {}

  void Begin() { proto_.writeStructBegin(""); }
  void End() {
    proto_.writeFieldStop();
    proto_.writeStructEnd();
  }
  void I32(int16_t id, int32_t value) {
    proto_.writeFieldBegin("", T_I32, id);
    proto_.writeI32(value);
    proto_.writeFieldEnd();
  }
  void I16(int16_t id, int16_t value) {
    proto_.writeFieldBegin("", T_I16, id);
    proto_.writeI16(value);
    proto_.writeFieldEnd();
  }
  void I8(int16_t id, int8_t value) {
    proto_.writeFieldBegin("", T_BYTE, id);
    proto_.writeByte(value);
    proto_.writeFieldEnd();
  }
  void I64(int16_t id, int64_t value) {
    proto_.writeFieldBegin("", T_I64, id);
    proto_.writeI64(value);
    proto_.writeFieldEnd();
  }
  void Bool(int16_t id, bool value) {
    proto_.writeFieldBegin("", T_BOOL, id);
    proto_.writeBool(value);
    proto_.writeFieldEnd();
  }
  void Binary(int16_t id, const std::string& value) {
    proto_.writeFieldBegin("", T_STRING, id);
    proto_.writeBinary(value);
    proto_.writeFieldEnd();
  }
  template <typename F>
  void Struct(int16_t id, F body) {
    proto_.writeFieldBegin("", T_STRUCT, id);
    Begin();
    body();
    End();
    proto_.writeFieldEnd();
  }
  void EmptyStruct(int16_t id) {
    Struct(id, [] {});
  }
  // A list of structs, each written by `each(item)` between Begin and End.
  template <typename T, typename F>
  void StructList(int16_t id, const std::vector<T>& items, F each) {
    proto_.writeFieldBegin("", T_LIST, id);
    proto_.writeListBegin(T_STRUCT, static_cast<uint32_t>(items.size()));
    for (const auto& item : items) {
      Begin();
      each(item);
      End();
    }
    proto_.writeListEnd();
    proto_.writeFieldEnd();
  }
  void I32List(int16_t id, const std::vector<int32_t>& items) {
    proto_.writeFieldBegin("", T_LIST, id);
    proto_.writeListBegin(T_I32, static_cast<uint32_t>(items.size()));
    for (int32_t item : items) proto_.writeI32(item);
    proto_.writeListEnd();
    proto_.writeFieldEnd();
  }
  void StringList(int16_t id, const std::vector<std::string>& items) {
    proto_.writeFieldBegin("", T_LIST, id);
    proto_.writeListBegin(T_STRING, static_cast<uint32_t>(items.size()));
    for (const auto& item : items) proto_.writeBinary(item);
    proto_.writeListEnd();
    proto_.writeFieldEnd();
  }
  std::string Take() { return buffer_->getBufferAsString(); }

 private:
  std::shared_ptr<TMemoryBuffer> buffer_;
  Protocol proto_;
};

void WriteStatistics(Out& out, const Statistics& stats) {
  if (stats.max) out.Binary(1, *stats.max);
  if (stats.min) out.Binary(2, *stats.min);
  if (stats.null_count) out.I64(3, *stats.null_count);
  if (stats.distinct_count) out.I64(4, *stats.distinct_count);
  if (stats.max_value) out.Binary(5, *stats.max_value);
  if (stats.min_value) out.Binary(6, *stats.min_value);
}

void WriteTimeUnit(Out& out, int16_t id, TimeUnit unit) {
  out.Struct(id, [&] { out.EmptyStruct(unit == TimeUnit::kMillis ? 1 : unit == TimeUnit::kMicros ? 2 : 3); });
}

void WriteLogicalType(Out& out, const LogicalType& type) {
  switch (type.kind) {
    case LogicalType::kNone: break;
    case LogicalType::kString: out.EmptyStruct(1); break;
    case LogicalType::kMap: out.EmptyStruct(2); break;
    case LogicalType::kList: out.EmptyStruct(3); break;
    case LogicalType::kEnum: out.EmptyStruct(4); break;
    case LogicalType::kDecimal:
      out.Struct(5, [&] {
        out.I32(1, type.scale);
        out.I32(2, type.precision);
      });
      break;
    case LogicalType::kDate: out.EmptyStruct(6); break;
    case LogicalType::kTime:
    case LogicalType::kTimestamp:
      out.Struct(type.kind == LogicalType::kTime ? 7 : 8, [&] {
        out.Bool(1, type.adjusted_to_utc);
        WriteTimeUnit(out, 2, type.unit);
      });
      break;
    case LogicalType::kInteger:
      out.Struct(10, [&] {
        out.I8(1, type.bit_width);
        out.Bool(2, type.is_signed);
      });
      break;
    case LogicalType::kUnknown: out.EmptyStruct(11); break;
    case LogicalType::kJson: out.EmptyStruct(12); break;
    case LogicalType::kBson: out.EmptyStruct(13); break;
    case LogicalType::kUuid: out.EmptyStruct(14); break;
    case LogicalType::kFloat16: out.EmptyStruct(15); break;
  }
}

void WriteSchemaElement(Out& out, const SchemaElement& element) {
  if (element.type) out.I32(1, *element.type);
  if (element.type_length) out.I32(2, *element.type_length);
  if (element.repetition_type) out.I32(3, *element.repetition_type);
  out.Binary(4, element.name);
  if (element.num_children) out.I32(5, *element.num_children);
  if (element.converted_type) out.I32(6, *element.converted_type);
  if (element.scale) out.I32(7, *element.scale);
  if (element.precision) out.I32(8, *element.precision);
  if (element.field_id) out.I32(9, *element.field_id);
  if (element.logical_type && element.logical_type->kind != LogicalType::kNone)
    out.Struct(10, [&] { WriteLogicalType(out, *element.logical_type); });
}

void WriteColumnMetaData(Out& out, const ColumnMetaData& meta) {
  out.I32(1, meta.type);
  out.I32List(2, meta.encodings);
  out.StringList(3, meta.path_in_schema);
  out.I32(4, meta.codec);
  out.I64(5, meta.num_values);
  out.I64(6, meta.total_uncompressed_size);
  out.I64(7, meta.total_compressed_size);
  out.I64(9, meta.data_page_offset);
  if (meta.index_page_offset) out.I64(10, *meta.index_page_offset);
  if (meta.dictionary_page_offset) out.I64(11, *meta.dictionary_page_offset);
  if (meta.statistics) out.Struct(12, [&] { WriteStatistics(out, *meta.statistics); });
}

// ---- parsing --------------------------------------------------------------------------------

class In {
 public:
  In(const uint8_t* data, size_t size)
      : buffer_(std::make_shared<TMemoryBuffer>(
            const_cast<uint8_t*>(data), static_cast<uint32_t>(size), TMemoryBuffer::OBSERVE,
            std::make_shared<TConfiguration>(std::numeric_limits<int>::max()))),
        proto_(buffer_, Limit(size), Limit(size)) {}

  // Strings and lists cannot be longer than the bytes there are.
  static int32_t Limit(size_t size) {
    return static_cast<int32_t>(std::min<size_t>(size, std::numeric_limits<int32_t>::max()));
  }

  // Calls on_field(id, type) for each field; fields it does not handle (returns false) are skipped.
  template <typename F>
  void Struct(F on_field) {
    std::string name;
    proto_.readStructBegin(name);
    while (true) {
      TType type;
      int16_t id;
      proto_.readFieldBegin(name, type, id);
      if (type == T_STOP) break;
      if (!on_field(id, type)) proto_.skip(type);
      proto_.readFieldEnd();
    }
    proto_.readStructEnd();
  }
  int32_t I32(TType type) {
    Expect(type, T_I32);
    int32_t value;
    proto_.readI32(value);
    return value;
  }
  int16_t I16(TType type) {
    Expect(type, T_I16);
    int16_t value;
    proto_.readI16(value);
    return value;
  }
  int8_t I8(TType type) {
    Expect(type, T_BYTE);
    int8_t value;
    proto_.readByte(value);
    return value;
  }
  int64_t I64(TType type) {
    Expect(type, T_I64);
    int64_t value;
    proto_.readI64(value);
    return value;
  }
  bool Bool(TType type) {
    Expect(type, T_BOOL);
    bool value;
    proto_.readBool(value);
    return value;
  }
  std::string Binary(TType type) {
    Expect(type, T_STRING);
    std::string value;
    proto_.readBinary(value);
    return value;
  }
  // Calls on_element(element_type) once per element.
  template <typename F>
  void List(TType type, F on_element) {
    Expect(type, T_LIST);
    TType element_type;
    uint32_t size;
    proto_.readListBegin(element_type, size);
    for (uint32_t i = 0; i < size; ++i) on_element(element_type);
    proto_.readListEnd();
  }
  // Skips a value whose type is unexpected (struct members of unions, for instance).
  void Skip(TType type) { proto_.skip(type); }
  size_t Remaining() const { return buffer_->available_read(); }

 private:
  static void Expect(TType actual, TType expected) {
    if (actual != expected) throw ParquetDecodeError("unexpected Thrift field type in Parquet metadata");
  }
  std::shared_ptr<TMemoryBuffer> buffer_;
  Protocol proto_;
};

Statistics ReadStatistics(In& in) {
  Statistics stats;
  in.Struct([&](int16_t id, TType type) {
    switch (id) {
      case 1: stats.max = in.Binary(type); return true;
      case 2: stats.min = in.Binary(type); return true;
      case 3: stats.null_count = in.I64(type); return true;
      case 4: stats.distinct_count = in.I64(type); return true;
      case 5: stats.max_value = in.Binary(type); return true;
      case 6: stats.min_value = in.Binary(type); return true;
      default: return false;
    }
  });
  return stats;
}

TimeUnit ReadTimeUnit(In& in) {
  TimeUnit unit = TimeUnit::kMicros;
  in.Struct([&](int16_t id, TType type) {
    if (id == 1) unit = TimeUnit::kMillis;
    if (id == 2) unit = TimeUnit::kMicros;
    if (id == 3) unit = TimeUnit::kNanos;
    return false;  // the member structs are empty: skip them
  });
  return unit;
}

LogicalType ReadLogicalType(In& in) {
  LogicalType logical;
  in.Struct([&](int16_t id, TType type) {
    if (type != T_STRUCT) return false;
    switch (id) {
      case 1: logical.kind = LogicalType::kString; return false;
      case 2: logical.kind = LogicalType::kMap; return false;
      case 3: logical.kind = LogicalType::kList; return false;
      case 4: logical.kind = LogicalType::kEnum; return false;
      case 5:
        logical.kind = LogicalType::kDecimal;
        in.Struct([&](int16_t field, TType field_type) {
          if (field == 1) logical.scale = in.I32(field_type);
          else if (field == 2) logical.precision = in.I32(field_type);
          else return false;
          return true;
        });
        return true;
      case 6: logical.kind = LogicalType::kDate; return false;
      case 7:
      case 8:
        logical.kind = id == 7 ? LogicalType::kTime : LogicalType::kTimestamp;
        in.Struct([&](int16_t field, TType field_type) {
          if (field == 1) logical.adjusted_to_utc = in.Bool(field_type);
          else if (field == 2 && field_type == T_STRUCT) logical.unit = ReadTimeUnit(in);
          else return false;
          return true;
        });
        return true;
      case 10:
        logical.kind = LogicalType::kInteger;
        in.Struct([&](int16_t field, TType field_type) {
          if (field == 1) logical.bit_width = in.I8(field_type);
          else if (field == 2) logical.is_signed = in.Bool(field_type);
          else return false;
          return true;
        });
        return true;
      case 11: logical.kind = LogicalType::kUnknown; return false;
      case 12: logical.kind = LogicalType::kJson; return false;
      case 13: logical.kind = LogicalType::kBson; return false;
      case 14: logical.kind = LogicalType::kUuid; return false;
      case 15: logical.kind = LogicalType::kFloat16; return false;
      default: return false;
    }
  });
  return logical;
}

SchemaElement ReadSchemaElement(In& in) {
  SchemaElement element;
  in.Struct([&](int16_t id, TType type) {
    switch (id) {
      case 1: element.type = in.I32(type); return true;
      case 2: element.type_length = in.I32(type); return true;
      case 3: element.repetition_type = in.I32(type); return true;
      case 4: element.name = in.Binary(type); return true;
      case 5: element.num_children = in.I32(type); return true;
      case 6: element.converted_type = in.I32(type); return true;
      case 7: element.scale = in.I32(type); return true;
      case 8: element.precision = in.I32(type); return true;
      case 9: element.field_id = in.I32(type); return true;
      case 10:
        if (type != T_STRUCT) return false;
        element.logical_type = ReadLogicalType(in);
        return true;
      default: return false;
    }
  });
  return element;
}

ColumnMetaData ReadColumnMetaData(In& in) {
  ColumnMetaData meta;
  in.Struct([&](int16_t id, TType type) {
    switch (id) {
      case 1: meta.type = in.I32(type); return true;
      case 2: in.List(type, [&](TType t) { meta.encodings.push_back(in.I32(t)); }); return true;
      case 3: in.List(type, [&](TType t) { meta.path_in_schema.push_back(in.Binary(t)); }); return true;
      case 4: meta.codec = in.I32(type); return true;
      case 5: meta.num_values = in.I64(type); return true;
      case 6: meta.total_uncompressed_size = in.I64(type); return true;
      case 7: meta.total_compressed_size = in.I64(type); return true;
      case 9: meta.data_page_offset = in.I64(type); return true;
      case 10: meta.index_page_offset = in.I64(type); return true;
      case 11: meta.dictionary_page_offset = in.I64(type); return true;
      case 12:
        if (type != T_STRUCT) return false;
        meta.statistics = ReadStatistics(in);
        return true;
      default: return false;
    }
  });
  return meta;
}

ColumnChunk ReadColumnChunk(In& in) {
  ColumnChunk chunk;
  in.Struct([&](int16_t id, TType type) {
    switch (id) {
      case 1: chunk.file_path = in.Binary(type); return true;
      case 2: chunk.file_offset = in.I64(type); return true;
      case 3:
        if (type != T_STRUCT) return false;
        chunk.meta_data = ReadColumnMetaData(in);
        return true;
      default: return false;
    }
  });
  return chunk;
}

RowGroup ReadRowGroup(In& in) {
  RowGroup group;
  in.Struct([&](int16_t id, TType type) {
    switch (id) {
      case 1:
        in.List(type, [&](TType t) {
          if (t != T_STRUCT) throw ParquetDecodeError("bad column chunk list");
          group.columns.push_back(ReadColumnChunk(in));
        });
        return true;
      case 2: group.total_byte_size = in.I64(type); return true;
      case 3: group.num_rows = in.I64(type); return true;
      case 5: group.file_offset = in.I64(type); return true;
      case 6: group.total_compressed_size = in.I64(type); return true;
      case 7: group.ordinal = in.I16(type); return true;
      default: return false;
    }
  });
  return group;
}

template <typename T, typename F>
T Guarded(F parse) {
  try {
    return parse();
  } catch (const ParquetDecodeError&) {
    throw;
  } catch (const apache::thrift::TException& e) {
    throw ParquetDecodeError(std::string("cannot decode Parquet metadata: ") + e.what());
  }
}

}  // namespace

std::string SerializeFileMetaData(const FileMetaData& metadata) {
  Out out;
  out.Begin();
  out.I32(1, metadata.version);
  out.StructList(2, metadata.schema, [&](const SchemaElement& e) { WriteSchemaElement(out, e); });
  out.I64(3, metadata.num_rows);
  out.StructList(4, metadata.row_groups, [&](const RowGroup& group) {
    out.StructList(1, group.columns, [&](const ColumnChunk& chunk) {
      if (chunk.file_path) out.Binary(1, *chunk.file_path);
      out.I64(2, chunk.file_offset);
      if (chunk.meta_data) out.Struct(3, [&] { WriteColumnMetaData(out, *chunk.meta_data); });
    });
    out.I64(2, group.total_byte_size);
    out.I64(3, group.num_rows);
    if (group.file_offset) out.I64(5, *group.file_offset);
    if (group.total_compressed_size) out.I64(6, *group.total_compressed_size);
    if (group.ordinal) out.I16(7, *group.ordinal);
  });
  if (!metadata.key_value_metadata.empty()) {
    out.StructList(5, metadata.key_value_metadata, [&](const KeyValue& kv) {
      out.Binary(1, kv.key);
      if (kv.value) out.Binary(2, *kv.value);
    });
  }
  if (metadata.created_by) out.Binary(6, *metadata.created_by);
  if (metadata.type_defined_column_orders > 0) {
    std::vector<int> orders(metadata.type_defined_column_orders);
    out.StructList(7, orders, [&](int) { out.EmptyStruct(1); });
  }
  out.End();
  return out.Take();
}

FileMetaData ParseFileMetaData(const uint8_t* data, size_t size) {
  return Guarded<FileMetaData>([&] {
    In in(data, size);
    FileMetaData metadata;
    in.Struct([&](int16_t id, TType type) {
      switch (id) {
        case 1: metadata.version = in.I32(type); return true;
        case 2:
          in.List(type, [&](TType t) {
            if (t != T_STRUCT) throw ParquetDecodeError("bad schema list");
            metadata.schema.push_back(ReadSchemaElement(in));
          });
          return true;
        case 3: metadata.num_rows = in.I64(type); return true;
        case 4:
          in.List(type, [&](TType t) {
            if (t != T_STRUCT) throw ParquetDecodeError("bad row group list");
            metadata.row_groups.push_back(ReadRowGroup(in));
          });
          return true;
        case 5:
          in.List(type, [&](TType t) {
            if (t != T_STRUCT) throw ParquetDecodeError("bad key-value list");
            KeyValue kv;
            in.Struct([&](int16_t field, TType field_type) {
              if (field == 1) kv.key = in.Binary(field_type);
              else if (field == 2) kv.value = in.Binary(field_type);
              else return false;
              return true;
            });
            metadata.key_value_metadata.push_back(std::move(kv));
          });
          return true;
        case 6: metadata.created_by = in.Binary(type); return true;
        default: return false;
      }
    });
    return metadata;
  });
}

std::string SerializePageHeader(const PageHeader& header) {
  Out out;
  out.Begin();
  out.I32(1, header.type);
  out.I32(2, header.uncompressed_page_size);
  out.I32(3, header.compressed_page_size);
  if (header.crc) out.I32(4, *header.crc);
  if (header.data_page_header) {
    const auto& page = *header.data_page_header;
    out.Struct(5, [&] {
      out.I32(1, page.num_values);
      out.I32(2, page.encoding);
      out.I32(3, page.definition_level_encoding);
      out.I32(4, page.repetition_level_encoding);
    });
  }
  if (header.dictionary_page_header) {
    const auto& page = *header.dictionary_page_header;
    out.Struct(7, [&] {
      out.I32(1, page.num_values);
      out.I32(2, page.encoding);
      if (page.is_sorted) out.Bool(3, *page.is_sorted);
    });
  }
  if (header.data_page_header_v2) {
    const auto& page = *header.data_page_header_v2;
    out.Struct(8, [&] {
      out.I32(1, page.num_values);
      out.I32(2, page.num_nulls);
      out.I32(3, page.num_rows);
      out.I32(4, page.encoding);
      out.I32(5, page.definition_levels_byte_length);
      out.I32(6, page.repetition_levels_byte_length);
      out.Bool(7, page.is_compressed);
    });
  }
  out.End();
  return out.Take();
}

PageHeader ParsePageHeader(const uint8_t* data, size_t size, size_t* header_size) {
  return Guarded<PageHeader>([&] {
    In in(data, size);
    PageHeader header;
    in.Struct([&](int16_t id, TType type) {
      switch (id) {
        case 1: header.type = in.I32(type); return true;
        case 2: header.uncompressed_page_size = in.I32(type); return true;
        case 3: header.compressed_page_size = in.I32(type); return true;
        case 4: header.crc = in.I32(type); return true;
        case 5: {
          if (type != T_STRUCT) return false;
          DataPageHeader page;
          in.Struct([&](int16_t field, TType t) {
            switch (field) {
              case 1: page.num_values = in.I32(t); return true;
              case 2: page.encoding = in.I32(t); return true;
              case 3: page.definition_level_encoding = in.I32(t); return true;
              case 4: page.repetition_level_encoding = in.I32(t); return true;
              default: return false;
            }
          });
          header.data_page_header = page;
          return true;
        }
        case 7: {
          if (type != T_STRUCT) return false;
          DictionaryPageHeader page;
          in.Struct([&](int16_t field, TType t) {
            switch (field) {
              case 1: page.num_values = in.I32(t); return true;
              case 2: page.encoding = in.I32(t); return true;
              case 3: page.is_sorted = in.Bool(t); return true;
              default: return false;
            }
          });
          header.dictionary_page_header = page;
          return true;
        }
        case 8: {
          if (type != T_STRUCT) return false;
          DataPageHeaderV2 page;
          in.Struct([&](int16_t field, TType t) {
            switch (field) {
              case 1: page.num_values = in.I32(t); return true;
              case 2: page.num_nulls = in.I32(t); return true;
              case 3: page.num_rows = in.I32(t); return true;
              case 4: page.encoding = in.I32(t); return true;
              case 5: page.definition_levels_byte_length = in.I32(t); return true;
              case 6: page.repetition_levels_byte_length = in.I32(t); return true;
              case 7: page.is_compressed = in.Bool(t); return true;
              default: return false;
            }
          });
          header.data_page_header_v2 = page;
          return true;
        }
        default: return false;
      }
    });
    *header_size = size - in.Remaining();
    return header;
  });
}

}  // namespace ember::parquet
