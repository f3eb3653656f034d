// Writes one task's partition as a part file. The file is written under an attempt directory and
// moved into the job's task directory when the task finishes (task commit); the job commit
// (exec/write_commit.h) later moves every committed file into the output directory. On object
// stores, where a file appears only once complete, it is written at its final name at once.
// Nothing is created for a partition without rows.
#include <filesystem>

#include "common/error.h"
#include "common/file_system.h"
#include "exec/operators/operator.h"
#include "exec/write_commit.h"
#include "plan/data_source.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

class FileWriteSink : public Operator {
 public:
  FileWriteSink(const PhysicalNode& node, TaskContext& ctx, int partition)
      : node_(node), ctx_(ctx), partition_(partition) {}

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    if (!writer_) Open();
    writer_->Write(batch);
    return true;
  }

  void Finish() override {
    if (!writer_) return;
    writer_->Close();
    writer_.reset();
    if (direct_) return;
    fs::rename(attempt_path_, fs::path(node_.As<FileWriteExec>().spec.task_dir) / file_name_);
    fs::remove_all(fs::path(attempt_path_).parent_path());
  }

 private:
  void Open() {
    std::shared_ptr<FileFormat> format = FindFileFormat(node_.As<FileWriteExec>().spec.format);
    file_name_ = PartFileName(partition_, node_.As<FileWriteExec>().spec.job_uuid, format->FileExtension(node_.As<FileWriteExec>().spec.options));
    Schema schema = node_.children.empty() ? node_.output : node_.children[0]->output;
    const std::string& task_dir = node_.As<FileWriteExec>().spec.task_dir;
    direct_ = FileSystemFor(task_dir)->CreatesAtomically();
    if (direct_) {
      writer_ = format->CreateWriter(JoinPath(task_dir, file_name_), schema, node_.As<FileWriteExec>().spec.options, ctx_.eval);
      return;
    }
    fs::path attempt_dir = fs::path(node_.As<FileWriteExec>().spec.task_dir) / "_temporary" /
                           ("attempt_" + node_.As<FileWriteExec>().spec.job_uuid + "_" + std::to_string(partition_));
    fs::create_directories(attempt_dir);
    attempt_path_ = (attempt_dir / file_name_).string();
    writer_ = format->CreateWriter(attempt_path_, schema, node_.As<FileWriteExec>().spec.options, ctx_.eval);
  }

  const PhysicalNode& node_;
  TaskContext& ctx_;
  int partition_;
  std::unique_ptr<FileWriter> writer_;
  std::string file_name_;
  std::string attempt_path_;
  bool direct_ = false;  // written at its final name (object stores)
};

}  // namespace

std::unique_ptr<Operator> MakeFileWriteSink(const PhysicalNode& write, TaskContext& ctx, int partition) {
  return std::make_unique<FileWriteSink>(write, ctx, partition);
}

}  // namespace ember
