#include "functions/eval_context.h"

#include <algorithm>
#include <stdexcept>

#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "common/error.h"

namespace ember {
namespace {

constexpr char kMapKeyDedupPolicy[] = "spark.sql.mapKeyDedupPolicy";

// Whether the policy is LAST_WIN (any case, as Spark upper-cases it); java's
// IllegalArgumentException for a value that is neither it nor EXCEPTION.
bool MapKeyLastWin(const std::string& value) {
  std::string policy = absl::AsciiStrToUpper(value);
  if (policy == "LAST_WIN") return true;
  if (policy == "EXCEPTION") return false;
  throw std::invalid_argument(std::string("The value of ") + kMapKeyDedupPolicy +
                              " should be one of EXCEPTION, LAST_WIN, but was " + policy);
}

}  // namespace

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
  auto policy = config.Get(kMapKeyDedupPolicy);
  ctx.map_key_last_win = policy && MapKeyLastWin(*policy);
  ctx.query_start_micros = absl::ToUnixMicros(absl::Now());
  return ctx;
}

void EvalContext::CheckSetting(const std::string& key, const std::string& value) {
  if (key == kMapKeyDedupPolicy) MapKeyLastWin(value);
}

}  // namespace ember
