// What expression evaluation needs to know about the session: ANSI mode, the session time zone
// and the query's start time (current_date/current_timestamp are fixed per query, as in Spark);
// and about the task: its partition and per-task kernel state.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/time/time.h"
#include "common/config.h"
#include "common/vector.h"

namespace ember {

struct EvalContext {
  bool ansi = true;
  std::string time_zone_name = "UTC";
  absl::TimeZone time_zone = absl::UTCTimeZone();
  int64_t query_start_micros = 0;  // microseconds since the epoch, UTC
  int32_t partition_index = 0;     // the task's partition (spark_partition_id, rand's seed)
  // The rows per call of functions bound with `coalesce_input` (maxRecordsPerBatch; 0: no bound).
  int64_t coalesced_batch_rows = 10000;
  // spark.sql.variant.allowDuplicateKeys: JSON objects with a repeated key build variants (the
  // last value wins) instead of failing.
  bool variant_allow_duplicate_keys = false;
  // spark.sql.mapKeyDedupPolicy=LAST_WIN: a key repeated in a map being built keeps its first
  // position and takes the last value (EXCEPTION, the default: DUPLICATED_MAP_KEY).
  bool map_key_last_win = false;
  // spark.sql.legacy.charVarcharAsString: CHAR(n)/VARCHAR(n) in a function's type argument read as
  // STRING instead of failing.
  bool char_varchar_as_string = false;
  // What a kernel keeps across the batches of one task (row counters, random generators), by a
  // key the bound kernel owns. Each task starts with its own empty map.
  std::unordered_map<const void*, std::shared_ptr<void>> task_state;
  // While a lambda body is evaluated: the values of the lambda variables in scope (outer lambdas'
  // first), one per row of the body's batch; a kLambdaVar reads the one at its index.
  std::vector<std::shared_ptr<Vector>> lambda_variables;

  // Reads the settings above from the session config; stamps the query start time.
  static EvalContext FromConfig(const Config& config);
  // Throws what Spark throws when `key` is set to a value it refuses (among the settings above
  // that Spark checks as they are set).
  static void CheckSetting(const std::string& key, const std::string& value);
};

}  // namespace ember
