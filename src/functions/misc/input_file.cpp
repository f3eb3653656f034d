// input_file_name, input_file_block_start, input_file_block_length: the file the task's scan is
// reading (set by the scan in the evaluation context), "" and -1 where no file is read.
#include "functions/input_file.h"

#include "functions/executor.h"

namespace ember {
namespace {

const int kInputFileKey = 0;  // its address keys the block in the task state

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
}

}  // namespace ember
