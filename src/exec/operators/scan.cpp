// Sources that read data: one split of a file scan through its format's reader, or the rows of a
// local relation.
#include "common/error.h"
#include "common/file_uri.h"
#include "common/value.h"
#include "exec/operators/operator.h"
#include "functions/input_file.h"
#include "plan/data_source.h"

namespace ember {
namespace {

class FileScanSource : public Source {
 public:
  FileScanSource(const PhysicalNode& node, TaskContext& ctx, int partition)
      : node_(node), ctx_(ctx), split_(node.As<FileScanExec>().splits.at(partition)) {}

  void Run(Operator& downstream) override {
    SetInputFileBlock(ctx_.eval, {FileUri(split_.path), split_.offset, split_.length, split_.path, split_.file_size});
    std::shared_ptr<FileFormat> format = FindFileFormat(node_.As<FileScanExec>().format);
    std::unique_ptr<BatchReader> reader = format->Open(split_, node_.As<FileScanExec>().data_schema, node_.As<FileScanExec>().read_schema,
                                                       node_.As<FileScanExec>().filters, node_.As<FileScanExec>().options, ctx_.eval);
    Batch batch;
    while (true) {
      ctx_.CheckCancelled();
      if (!reader->Next(&batch)) break;
      if (batch.num_rows == 0) continue;
      if (!downstream.Push(WithPartitionValues(std::move(batch)))) break;
    }
    SetInputFileBlock(ctx_.eval, {});  // what operators compute after the scan read no file
    downstream.Finish();
  }

 private:
  // The output columns of a partitioned read: the reader's, and the split's values repeated.
  Batch WithPartitionValues(Batch batch) const {
    const std::vector<int>& sources = node_.As<FileScanExec>().output_sources;
    if (sources.empty()) return batch;
    Batch out;
    out.num_rows = batch.num_rows;
    for (int source : sources) {
      out.columns.push_back(source >= 0 ? batch.columns[source]
                                        : MakeConstantVector(split_.partition_values[-source - 1], batch.num_rows));
    }
    return out;
  }

  const PhysicalNode& node_;
  TaskContext& ctx_;
  const FileSplit& split_;
};

class LocalScanSource : public Source {
 public:
  LocalScanSource(const PhysicalNode& node, TaskContext& ctx, int partition)
      : node_(node), ctx_(ctx), partition_(partition) {}

  void Run(Operator& downstream) override {
    const auto& local = node_.As<LocalScanExec>();
    auto [first, end] = local.PartitionBatches(partition_);
    for (size_t b = first; b < end; ++b) {
      const Batch& batch = (*local.batches)[b];
      ctx_.CheckCancelled();
      if (batch.num_rows == 0) continue;
      if (!downstream.Push(batch)) break;
    }
    downstream.Finish();
  }

 private:
  const PhysicalNode& node_;
  TaskContext& ctx_;
  int partition_;
};

}  // namespace

std::unique_ptr<Source> MakeFileScanSource(const PhysicalNode& scan, TaskContext& ctx, int partition) {
  return std::make_unique<FileScanSource>(scan, ctx, partition);
}

std::unique_ptr<Source> MakeLocalScanSource(const PhysicalNode& local, TaskContext& ctx, int partition) {
  EMBER_CHECK(local.As<LocalScanExec>().batches != nullptr, "local scan without rows");
  return std::make_unique<LocalScanSource>(local, ctx, partition);
}

}  // namespace ember
