// The file a task's scan is reading (Spark's InputFileBlockHolder), kept in the task's evaluation
// context for input_file_name, input_file_block_start and input_file_block_length.
#pragma once

#include <cstdint>
#include <string>

#include "functions/eval_context.h"

namespace ember {

struct InputFileBlock {
  std::string uri;  // "" outside a file scan
  int64_t block_start = -1;
  int64_t block_length = -1;
  std::string path;  // as the file system names it
  int64_t file_size = -1;
};

// The function behind file sources' hidden `_metadata` column (the analyzer adds it to a read
// that names `_metadata`): Spark's struct of file_path, file_name, file_size, file_block_start,
// file_block_length and file_modification_time for the file being read; null outside a scan.
constexpr const char* kFileMetadataFunction = "_file_metadata";

// Sets the task's current block (an empty one once the scan is done).
void SetInputFileBlock(EvalContext& ctx, InputFileBlock block);
// The task's current block; the empty one when no file is being read.
const InputFileBlock& CurrentInputFileBlock(EvalContext& ctx);

}  // namespace ember
