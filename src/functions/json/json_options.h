// The JSON source's options as Spark spells them (keys are case-insensitive): "mode" (PERMISSIVE,
// DROPMALFORMED, FAILFAST; anything else falls back to PERMISSIVE as Spark does),
// "columnNameOfCorruptRecord" (default "_corrupt_record"), "dateFormat", "timestampFormat",
// "timestampNTZFormat" (Spark datetime patterns; empty means Spark's lenient defaults),
// "ignoreNullFields" (writing, default true), "compression" for writing (none, gzip),
// "singleVariantColumn" (reading each record whole as a variant column of that name),
// "allowUnquotedFieldNames" (reading `{a: 1}`, default false).
#pragma once

#include <string>

#include "common/options.h"

namespace ember {

enum class JsonParseMode { kPermissive, kDropMalformed, kFailFast };

struct JsonOptions {
  JsonParseMode mode = JsonParseMode::kPermissive;
  std::string corrupt_column = "_corrupt_record";
  std::string date_format;
  std::string timestamp_format;
  std::string timestamp_ntz_format;
  bool ignore_null_fields = true;
  bool gzip_output = false;
  std::string single_variant_column;  // empty: off
  bool allow_unquoted_field_names = false;

  // Throws UNSUPPORTED_FEATURE for options Ember does not implement (multiLine) and for an
  // unknown compression codec.
  static JsonOptions Parse(const Options& options);
};

}  // namespace ember
