// The "parquet" FileFormat: adapts the Parquet reader and writer to the data-source interface
// (schema inference from a footer, splits by byte range owning row groups by midpoint, row-group
// skipping by statistics for pushed filters, row counts and column statistics from footers, writer options).
#include "io/parquet/parquet_format.h"

#include <algorithm>
#include <vector>

#include "common/config.h"
#include "common/error.h"
#include "common/file_system.h"
#include "io/parquet/parquet_compression.h"
#include "io/parquet/parquet_file.h"
#include "io/parquet/parquet_reader.h"
#include "io/parquet/parquet_row_group_filter.h"
#include "io/parquet/parquet_table_statistics.h"
#include "io/parquet/parquet_writer.h"
#include "plan/data_source.h"

namespace ember {
namespace {

using parquet::ParquetFile;

bool OptionBool(const Options& options, const std::string& name, bool fallback) {
  auto value = GetOption(options, name);
  return value ? ParseConfigBool(name, *value) : fallback;
}

int64_t OptionBytes(const Options& options, const std::string& name, int64_t fallback) {
  auto value = GetOption(options, name);
  return value ? ParseByteSize(*value) : fallback;
}

int32_t CodecOf(const Options& options) {
  auto name = GetOption(options, "compression");
  if (!name) name = GetOption(options, "parquet.compression");
  return parquet::CodecFromOption(name.value_or("snappy"));
}

// Collects the conjuncts of `filter` that row-group statistics can decide: `column <op> literal`
// (either side), isnull(column) and isnotnull(column).
void CollectPredicates(const Expr& filter, const Schema& read_schema,
                       std::vector<parquet::StatisticsPredicate>* out) {
  using Predicate = parquet::StatisticsPredicate;
  if (filter.kind == ExprKind::kAnd) {
    for (const auto& arg : filter.args) CollectPredicates(*arg, read_schema, out);
    return;
  }
  if (filter.kind != ExprKind::kFunction) return;
  auto column_of = [&](const Expr& e) -> const StructField* {
    if (e.kind != ExprKind::kBoundRef || e.index < 0 || e.index >= static_cast<int>(read_schema.size())) return nullptr;
    return &read_schema[e.index];
  };
  if ((filter.name == "isnull" || filter.name == "isnotnull") && filter.args.size() == 1) {
    if (const StructField* field = column_of(*filter.args[0]))
      out->push_back({field->name, filter.name == "isnull" ? Predicate::kIsNull : Predicate::kIsNotNull, Value()});
    return;
  }
  static const std::pair<const char*, Predicate::Op> kOps[] = {
      {"=", Predicate::kEq}, {"==", Predicate::kEq}, {"<", Predicate::kLt},
      {"<=", Predicate::kLe}, {">", Predicate::kGt}, {">=", Predicate::kGe}};
  if (filter.args.size() != 2) return;
  for (const auto& [name, op] : kOps) {
    if (filter.name != name) continue;
    const Expr& left = *filter.args[0];
    const Expr& right = *filter.args[1];
    if (const StructField* field = column_of(left); field && right.kind == ExprKind::kLiteral) {
      out->push_back({field->name, op, right.literal});
    } else if (const StructField* field = column_of(right); field && left.kind == ExprKind::kLiteral) {
      // literal <op> column is column <flipped op> literal.
      Predicate::Op flipped = op == Predicate::kLt ? Predicate::kGt
                              : op == Predicate::kLe ? Predicate::kGe
                              : op == Predicate::kGt ? Predicate::kLt
                              : op == Predicate::kGe ? Predicate::kLe
                                                     : op;
      out->push_back({field->name, flipped, left.literal});
    }
    return;
  }
}

class ParquetWriterAdapter : public FileWriter {
 public:
  ParquetWriterAdapter(const std::string& path, const Schema& schema, const parquet::ParquetWriteOptions& options)
      : writer_(path, schema, options) {}
  void Write(const Batch& batch) override { writer_.Write(batch); }
  void Close() override { writer_.Close(); }

 private:
  parquet::ParquetFileWriter writer_;
};

class ParquetFormat : public FileFormat {
 public:
  std::string name() const override { return "parquet"; }

  Schema InferSchema(const std::vector<std::string>& files, const Options& options,
                     const EvalContext& ctx) override {
    for (const auto& path : files) {
      if (FileSize(path) == 0) continue;
      auto file = ParquetFile::Open(path);
      Schema schema;
      for (const auto& column : file->columns()) {
        if (!column.type) {
          throw SparkError("UNSUPPORTED_FEATURE",
                           {{"feature", "the Parquet column " + QuoteIdentifier(column.name) + " of file " +
                                            path + " (" + column.unsupported + ")"}});
        }
        // Spark reads every file column as nullable, whatever the file says.
        schema.push_back({column.name, column.type, true});
      }
      return schema;
    }
    throw SparkError("UNABLE_TO_INFER_SCHEMA", {{"format", "Parquet"}});
  }

  std::vector<FileSplit> PlanSplits(const std::vector<std::string>& files, const Options& options,
                                    int64_t max_split_bytes) override {
    std::vector<FileSplit> splits;
    int64_t step = std::max<int64_t>(1, max_split_bytes);
    for (const auto& path : files) {
      int64_t size = FileSize(path);
      // Spark skips empty files.
      for (int64_t offset = 0; offset < size; offset += step)
        splits.push_back({path, offset, std::min(step, size - offset), size});
    }
    return splits;
  }

  SourceStatistics Statistics(const std::vector<std::string>& files, const Options& options) override {
    std::vector<std::shared_ptr<const ParquetFile>> opened;
    for (const auto& path : files) {
      if (FileSize(path) > 0) opened.push_back(ParquetFile::Open(path));
    }
    return parquet::TableStatistics(opened);
  }

  std::unique_ptr<BatchReader> Open(const FileSplit& split, const Schema& data_schema,
                                    const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                    const Options& options, const EvalContext& ctx) override {
    auto file = ParquetFile::Open(split.path);
    std::vector<int> groups = parquet::RowGroupsInRange(*file, split.offset, split.length);
    std::vector<parquet::StatisticsPredicate> predicates;
    for (const auto& filter : filters) CollectPredicates(*filter, read_schema, &predicates);
    if (!predicates.empty()) {
      std::erase_if(groups, [&](int group) { return !parquet::RowGroupMayMatch(*file, group, predicates); });
    }
    return std::make_unique<parquet::ParquetBatchReader>(std::move(file), std::move(groups), read_schema);
  }

  std::unique_ptr<FileWriter> CreateWriter(const std::string& path, const Schema& schema,
                                           const Options& options, const EvalContext& ctx) override {
    parquet::ParquetWriteOptions write;
    write.column.codec = CodecOf(options);
    write.column.dictionary = OptionBool(options, "parquet.enable.dictionary", true);
    write.column.page_bytes = OptionBytes(options, "parquet.page.size", write.column.page_bytes);
    write.column.dictionary_bytes = OptionBytes(options, "parquet.dictionary.page.size", write.column.dictionary_bytes);
    write.row_group_bytes = OptionBytes(options, "parquet.block.size", write.row_group_bytes);
    return std::make_unique<ParquetWriterAdapter>(path, schema, write);
  }

  std::string FileExtension(const Options& options) const override {
    std::string codec = parquet::CodecExtension(CodecOf(options));
    return codec.empty() ? ".parquet" : "." + codec + ".parquet";
  }
};

}  // namespace

void RegisterParquetFormat() { RegisterFileFormat(std::make_shared<ParquetFormat>()); }

}  // namespace ember
