// Log lines on stderr in Spark's default layout ("yy/MM/dd HH:mm:ss LEVEL Logger: message"), at
// the level spark.log.level sets (Spark's names: ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL,
// OFF; unset: WARN). Ember writes DEBUG lines only for now.
#pragma once

#include <string>

#include "common/config.h"

namespace ember {

bool LogsDebug(const Config& config);
void LogLine(const std::string& level, const std::string& logger, const std::string& message);

}  // namespace ember
