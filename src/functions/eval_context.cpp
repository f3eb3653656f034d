#include "functions/eval_context.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "common/error.h"

namespace ember {

EvalContext EvalContext::FromConfig(const Config& config) {
  EvalContext ctx;
  ctx.ansi = config.AnsiEnabled();
  ctx.time_zone_name = config.SessionTimeZone();
  if (!absl::LoadTimeZone(ctx.time_zone_name, &ctx.time_zone)) {
    throw SparkError("INVALID_PARAMETER_VALUE",
                     {{"parameter", "`spark.sql.session.timeZone`"},
                      {"functionName", "`SET`"},
                      {"message", "cannot resolve the time zone '" + ctx.time_zone_name + "'"}});
  }
  ctx.coalesced_batch_rows = std::max<int64_t>(0, config.ArrowMaxRecordsPerBatch());
  auto flag = [&config](const std::string& key) {
    auto value = config.Get(key);
    return value && ParseConfigBool(key, *value);
  };
  ctx.variant_allow_duplicate_keys = flag("spark.sql.variant.allowDuplicateKeys");
  ctx.char_varchar_as_string = flag("spark.sql.legacy.charVarcharAsString");
  ctx.query_start_micros = absl::ToUnixMicros(absl::Now());
  return ctx;
}

}  // namespace ember
