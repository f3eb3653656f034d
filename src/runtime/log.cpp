#include "runtime/log.h"

#include <algorithm>
#include <ctime>
#include <iostream>

namespace ember {

bool LogsDebug(const Config& config) {
  std::string level = config.GetOr("spark.log.level", "WARN");
  std::transform(level.begin(), level.end(), level.begin(), ::toupper);
  return level == "DEBUG" || level == "TRACE" || level == "ALL";
}

void LogLine(const std::string& level, const std::string& logger, const std::string& message) {
  std::time_t now = std::time(nullptr);
  std::tm local;
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%y/%m/%d %H:%M:%S", &local);
  std::cerr << stamp << " " << level << " " << logger << ": " << message << std::endl;
}

}  // namespace ember
