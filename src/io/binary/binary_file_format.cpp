#include "io/binary/binary_file_format.h"

#include "common/error.h"
#include "common/file_system.h"

namespace ember {
namespace {

// The file's row, with the columns of `read_schema`.
class BinaryFileReader : public BatchReader {
 public:
  BinaryFileReader(FileSplit split, Schema read_schema)
      : split_(std::move(split)), read_schema_(std::move(read_schema)) {}

  bool Next(Batch* out) override {
    if (done_) return false;
    done_ = true;
    std::shared_ptr<FileSystem> file_system = FileSystemFor(split_.path);
    std::vector<VectorPtr> columns;
    for (const StructField& field : read_schema_) {
      VectorBuilder column(field.type, 1);
      if (field.name == "path") {
        column.AppendString(QualifiedPath(split_.path));
      } else if (field.name == "modificationTime") {
        std::optional<FileStatus> status = file_system->Stat(split_.path);
        column.Append<int64_t>((status ? status->modified_ms : 0) * 1000);
      } else if (field.name == "length") {
        column.Append<int64_t>(split_.file_size);
      } else {
        std::string content(static_cast<size_t>(split_.file_size), '\0');
        if (!content.empty()) {
          file_system->OpenForRead(split_.path)->ReadAt(0, split_.file_size, content.data());
        }
        column.AppendString(content);
      }
      columns.push_back(column.Finish());
    }
    *out = Batch(std::move(columns), 1);
    return true;
  }

 private:
  FileSplit split_;
  Schema read_schema_;
  bool done_ = false;
};

}  // namespace

void RegisterBinaryFileFormat() { RegisterFileFormat(std::make_shared<BinaryFileFormat>()); }

Schema BinaryFileFormat::InferSchema(const std::vector<std::string>& files, const Options& options,
                                     const EvalContext& ctx) {
  return {StructField{"path", StringType(), false}, StructField{"modificationTime", TimestampType(), false},
          StructField{"length", LongType(), false}, StructField{"content", BinaryType(), true}};
}

std::vector<FileSplit> BinaryFileFormat::PlanSplits(const std::vector<std::string>& files, const Options& options,
                                                    int64_t max_split_bytes) {
  std::vector<FileSplit> splits;
  for (const std::string& file : files) {
    std::optional<FileStatus> status = FileSystemFor(file)->Stat(file);
    if (!status) throw SparkError("PATH_NOT_FOUND", {{"path", QualifiedPath(file)}});
    splits.push_back(FileSplit{file, 0, status->size, status->size});
  }
  return splits;
}

std::unique_ptr<BatchReader> BinaryFileFormat::Open(const FileSplit& split, const Schema& data_schema,
                                                    const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                                    const Options& options, const EvalContext& ctx) {
  return std::make_unique<BinaryFileReader>(split, read_schema);
}

std::unique_ptr<FileWriter> BinaryFileFormat::CreateWriter(const std::string& path, const Schema& schema,
                                                           const Options& options, const EvalContext& ctx) {
  throw SparkError("UNSUPPORTED_FEATURE.WRITE_FOR_BINARY_SOURCE", ErrorParams{});
}

}  // namespace ember
