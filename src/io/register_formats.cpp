#include "io/register_formats.h"

#include "io/binary/binary_file_format.h"
#include "io/csv/csv_format.h"
#include "io/json/json_format.h"
#include "io/parquet/parquet_format.h"
#include "io/s3/s3_file_system.h"
#include "io/text/text_format.h"

namespace ember {

void RegisterBuiltinFormats() {
  RegisterCsvFormat();
  RegisterJsonFormat();
  RegisterParquetFormat();
  RegisterTextFormat();
  RegisterBinaryFileFormat();
  RegisterS3FileSystem();
}

}  // namespace ember
