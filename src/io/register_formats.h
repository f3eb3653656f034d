// Registers the built-in file formats (csv, json, parquet, text) with the data-source registry and
// the S3 file system with the file-system registry. Call at start-up, before any plan names a
// format or a path.
#pragma once

namespace ember {

void RegisterBuiltinFormats();

}  // namespace ember
