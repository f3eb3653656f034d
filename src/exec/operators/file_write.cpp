// Writes one task's partition as part files. Each file is written under an attempt directory and
// moved to its place in the job's task directory when the task finishes (task commit); the job
// commit (exec/write_commit.h) later publishes them. On object stores, where a file appears only
// once complete, it is written at its final name at once. A partitioned write (partitionBy) gets
// its rows sorted by the partition columns and starts a file in `k=v/...` whenever their values
// change; maxRecordsPerFile starts a new file after that many rows. Nothing is created for a
// partition without rows.
#include <filesystem>

#include "common/error.h"
#include "common/file_system.h"
#include "exec/operators/operator.h"
#include "exec/write_commit.h"
#include "plan/data_source.h"
#include "plan/partition_discovery.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

class FileWriteSink : public Operator {
 public:
  FileWriteSink(const PhysicalNode& node, TaskContext& ctx, int partition)
      : node_(node), spec_(node.As<FileWriteExec>().spec), ctx_(ctx), partition_(partition) {
    const Schema& input = node_.children.empty() ? node_.output : node_.children[0]->output;
    std::vector<bool> is_partition(input.size(), false);
    for (int column : spec_.partition_columns) {
      is_partition[column] = true;
      // Directory names carry the values as Spark's cast to string shows them.
      partition_texts_.push_back(CastTo(BoundRef(column, input[column].type, true, input[column].name), StringType()));
    }
    for (size_t c = 0; c < input.size(); ++c) {
      if (!is_partition[c]) {
        data_columns_.push_back(static_cast<int>(c));
        data_schema_.push_back(input[c]);
      }
    }
    format_ = FindFileFormat(spec_.format);
    direct_ = FileSystemFor(spec_.task_dir)->CreatesAtomically();
  }

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    if (partition_texts_.empty()) {
      WriteRows(batch, 0, batch.num_rows, "");
      return true;
    }
    // The input is sorted by the partition columns: write each run of equal values to its directory.
    std::vector<VectorPtr> texts;
    for (const auto& text : partition_texts_) texts.push_back(EvaluateColumn(*text, batch, ctx_.eval));
    int64_t start = 0;
    while (start < batch.num_rows) {
      int64_t end = start + 1;
      while (end < batch.num_rows && SameValues(texts, start, end)) ++end;
      std::string directory;
      for (size_t p = 0; p < texts.size(); ++p) {
        std::optional<std::string> text;
        if (texts[p]->IsValid(start)) text = std::string(texts[p]->GetString(start));
        const StructField& field = node_.children[0]->output[spec_.partition_columns[p]];
        directory += PartitionDirectoryName(field.name, text) + "/";
      }
      WriteRows(batch, start, end - start, directory);
      start = end;
    }
    return true;
  }

  // Task commit: the finished files move to their places in the task directory.
  void Finish() override {
    CloseFile();
    for (const std::string& name : closed_files_) {
      fs::path target = fs::path(spec_.task_dir) / name;
      fs::create_directories(target.parent_path());
      fs::rename(fs::path(attempt_dir_) / name, target);
    }
    if (!attempt_dir_.empty()) fs::remove_all(attempt_dir_);
  }

 private:
  static bool SameValues(const std::vector<VectorPtr>& texts, int64_t a, int64_t b) {
    for (const auto& text : texts) {
      if (text->IsValid(a) != text->IsValid(b)) return false;
      if (text->IsValid(a) && text->GetString(a) != text->GetString(b)) return false;
    }
    return true;
  }

  // Writes rows [offset, offset + count) of `batch` (its data columns) into `directory`.
  void WriteRows(const Batch& batch, int64_t offset, int64_t count, const std::string& directory) {
    if (writer_ && directory != directory_) {
      CloseFile();
      file_count_ = 0;
    }
    while (count > 0) {
      if (writer_ && spec_.max_records_per_file > 0 && rows_in_file_ >= spec_.max_records_per_file) {
        CloseFile();
        ++file_count_;
      }
      if (!writer_) OpenFile(directory);
      int64_t take = count;
      if (spec_.max_records_per_file > 0) take = std::min(take, spec_.max_records_per_file - rows_in_file_);
      Batch rows = offset == 0 && take == batch.num_rows ? batch : SliceBatch(batch, offset, take);
      writer_->Write(partition_texts_.empty() ? rows : DataColumns(rows));
      rows_in_file_ += take;
      offset += take;
      count -= take;
    }
  }

  Batch DataColumns(const Batch& rows) const {
    Batch out;
    out.num_rows = rows.num_rows;
    for (int column : data_columns_) out.columns.push_back(rows.columns[column]);
    return out;
  }

  void OpenFile(const std::string& directory) {
    directory_ = directory;
    rows_in_file_ = 0;
    std::string name = directory + PartFileName(partition_, spec_.job_uuid, format_->FileExtension(spec_.options), file_count_);
    if (direct_) {
      writer_ = format_->CreateWriter(JoinPath(spec_.task_dir, name), data_schema_, spec_.options, ctx_.eval);
      return;
    }
    if (attempt_dir_.empty()) {
      attempt_dir_ = (fs::path(spec_.task_dir) / "_temporary" /
                      ("attempt_" + spec_.job_uuid + "_" + std::to_string(partition_))).string();
    }
    fs::path attempt_path = fs::path(attempt_dir_) / name;
    fs::create_directories(attempt_path.parent_path());
    file_name_ = name;
    writer_ = format_->CreateWriter(attempt_path.string(), data_schema_, spec_.options, ctx_.eval);
  }

  void CloseFile() {
    if (!writer_) return;
    writer_->Close();
    writer_.reset();
    if (!direct_) closed_files_.push_back(file_name_);
  }

  const PhysicalNode& node_;
  const WriteSpec& spec_;
  TaskContext& ctx_;
  int partition_;
  std::shared_ptr<FileFormat> format_;
  bool direct_ = false;                  // files written at their final name (object stores)
  std::vector<ExprPtr> partition_texts_;  // per partition column, its value as text
  std::vector<int> data_columns_;        // the input columns the files hold
  Schema data_schema_;
  std::unique_ptr<FileWriter> writer_;
  std::string directory_;                // of the open file, relative to the task directory
  std::string file_name_;                // of the open file, relative to the task directory
  std::string attempt_dir_;
  std::vector<std::string> closed_files_;  // in the attempt directory, relative to it
  int file_count_ = 0;
  int64_t rows_in_file_ = 0;
};

}  // namespace

std::unique_ptr<Operator> MakeFileWriteSink(const PhysicalNode& write, TaskContext& ctx, int partition) {
  return std::make_unique<FileWriteSink>(write, ctx, partition);
}

}  // namespace ember
