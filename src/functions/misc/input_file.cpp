// input_file_name, input_file_block_start, input_file_block_length: the file the task's scan is
// reading (set by the scan in the evaluation context), "" and -1 where no file is read.
#include "functions/input_file.h"

#include "common/file_system.h"
#include "functions/executor.h"

namespace ember {
namespace {

const int kInputFileKey = 0;  // its address keys the block in the task state
const int kModifiedKey = 0;   // and this one the last file's modification time

TypePtr FileMetadataType() {
  return StructType({{"file_path", StringType(), false},
                     {"file_name", StringType(), false},
                     {"file_size", LongType(), false},
                     {"file_block_start", LongType(), false},
                     {"file_block_length", LongType(), false},
                     {"file_modification_time", TimestampType(), false}});
}

// The file's modification time in ms, asked of its file system once per file and task.
int64_t ModifiedMs(const std::string& path, EvalContext& ctx) {
  using Cached = std::pair<std::string, int64_t>;
  auto& slot = ctx.task_state[&kModifiedKey];
  auto cached = std::static_pointer_cast<Cached>(slot);
  if (!cached || cached->first != path) {
    std::optional<FileStatus> status = FileSystemFor(path)->Stat(path);
    cached = std::make_shared<Cached>(path, status ? status->modified_ms : 0);
    slot = cached;
  }
  return cached->second;
}

VectorPtr FileMetadata(int64_t rows, EvalContext& ctx) {
  const InputFileBlock& block = CurrentInputFileBlock(ctx);
  TypePtr type = FileMetadataType();
  if (block.uri.empty()) return MakeConstantVector(Value::Null(type), rows);
  // Spark gives the path as Hadoop's Path prints its URI: "file:/abs/path" for local files (no
  // empty authority), and the name as the URI's last (still percent-encoded) segment.
  std::string path = block.uri.rfind("file:///", 0) == 0 ? "file:" + block.uri.substr(7) : block.uri;
  std::string name = path.substr(path.find_last_of('/') + 1);
  Value value;
  value.type = type;
  value.is_null = false;
  value.children = {Value::String(std::move(path)), Value::String(std::move(name)),
                    Value::Long(block.file_size), Value::Long(block.block_start), Value::Long(block.block_length),
                    Value::Timestamp(ModifiedMs(block.path, ctx) * 1000)};
  return MakeConstantVector(value, rows);
}

ScalarFunction InputFileFunction(const std::string& name, const std::string& doc, FunctionExample example, TypePtr type,
                                 ScalarKernel kernel) {
  ScalarFunction function = FixedScalar(name, doc, {std::move(example)}, {}, type, std::move(kernel));
  auto bind = function.bind;
  function.bind = [bind](const std::vector<BindArg>& args, const EvalContext& ctx) {
    BoundScalar bound = bind(args, ctx);
    bound.deterministic = false;
    bound.result_nullable = false;
    return bound;
  };
  return function;
}

}  // namespace

void SetInputFileBlock(EvalContext& ctx, InputFileBlock block) {
  ctx.task_state[&kInputFileKey] = std::make_shared<InputFileBlock>(std::move(block));
}

const InputFileBlock& CurrentInputFileBlock(EvalContext& ctx) {
  static const InputFileBlock kNone;
  auto found = ctx.task_state.find(&kInputFileKey);
  return found == ctx.task_state.end() ? kNone : *std::static_pointer_cast<InputFileBlock>(found->second);
}

void RegisterInputFileFunctions(FunctionRegistry& registry) {
  registry.Add(InputFileFunction("input_file_name", "input_file_name(): the URI of the file being read, or \"\" when none is.",
                                 {"input_file_name()", ""}, StringType(),
                                 [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
                                   return MakeConstantVector(Value::String(CurrentInputFileBlock(ctx).uri), rows);
                                 }));
  registry.Add(InputFileFunction("input_file_block_start",
                                 "input_file_block_start(): the offset of the block being read in its file, or -1 when none is.",
                                 {"input_file_block_start()", "-1"}, LongType(),
                                 [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
                                   return MakeConstantVector(Value::Long(CurrentInputFileBlock(ctx).block_start), rows);
                                 }));
  registry.Add(InputFileFunction("input_file_block_length",
                                 "input_file_block_length(): the length of the block being read, or -1 when none is.",
                                 {"input_file_block_length()", "-1"}, LongType(),
                                 [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
                                   return MakeConstantVector(Value::Long(CurrentInputFileBlock(ctx).block_length), rows);
                                 }));
  ScalarFunction metadata = InputFileFunction(
      kFileMetadataFunction,
      "_file_metadata(): the `_metadata` column of file sources (file_path, file_name, file_size, file_block_start, "
      "file_block_length, file_modification_time of the file being read), or NULL when none is.",
      {"_file_metadata()", "NULL"}, FileMetadataType(),
      [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) { return FileMetadata(rows, ctx); });
  auto bind = metadata.bind;
  metadata.bind = [bind](const std::vector<BindArg>& args, const EvalContext& ctx) {
    BoundScalar bound = bind(args, ctx);
    bound.result_nullable = true;  // outside a scan; the analyzer marks the read's column not null
    return bound;
  };
  registry.Add(std::move(metadata));
}

}  // namespace ember
