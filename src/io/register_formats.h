// Registers the built-in file formats (json, parquet) with the data-source registry. Call once at
// start-up, before any plan names a format.
#pragma once

namespace ember {

void RegisterBuiltinFormats();

}  // namespace ember
