#include "tests/fuzz/file_source_fuzz.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>

#include "common/error.h"
#include "common/file_system.h"
#include "common/types.h"
#include "common/vector.h"
#include "functions/eval_context.h"
#include "io/register_formats.h"
#include "plan/data_source.h"

namespace ember::fuzz {
namespace {

// Errors about the whole read rather than one file (Spark's messages name no path either).
bool NeedsNoPath(const std::string& error_class) { return error_class == "UNABLE_TO_INFER_SCHEMA"; }

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  std::abort();
}

void ReadOnce(FileFormat& format, const std::string& path, const ReadCase& read) {
  EvalContext ctx;
  Schema schema = read.schema_ddl.empty() ? format.InferSchema({path}, read.options, ctx)
                                          : ParseSchemaDdl(read.schema_ddl);
  for (const FileSplit& split : format.PlanSplits({path}, read.options, read.max_split_bytes)) {
    auto reader = format.Open(split, schema, schema, {}, read.options, ctx);
    Batch batch;
    while (reader->Next(&batch)) {
    }
  }
}

}  // namespace

void ReadEveryCase(const std::string& format_name, const std::string& extension,
                   const std::vector<ReadCase>& cases, const uint8_t* data, size_t size) {
  static std::once_flag registered;
  std::call_once(registered, RegisterBuiltinFormats);
  static const std::string path =
      "/tmp/ember_fuzz_" + std::to_string(::getpid()) + "_" + format_name + extension;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto format = FindFileFormat(format_name);
  for (const ReadCase& read : cases) {
    try {
      ReadOnce(*format, path, read);
    } catch (const InternalError& e) {
      Fail(std::string("internal error: ") + e.what());
    } catch (const SparkError& e) {
      if (!NeedsNoPath(e.error_class()) && std::string(e.what()).find(path) == std::string::npos) {
        Fail("error does not name the file: " + std::string(e.what()));
      }
    } catch (const std::exception& e) {
      Fail(std::string("exception other than SparkError: ") + e.what());
    }
  }
  std::remove(path.c_str());
}

}  // namespace ember::fuzz
