#include "runtime/local/local_runtime.h"

#include <regex>
#include <thread>

#include "common/error.h"

namespace ember {

int ParseLocalMaster(const std::string& master) {
  int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  if (master == "local") return 1;
  static const std::regex pattern(R"(local\[(\*|[0-9]+)(?:,\s*[0-9]+)?\])");
  std::smatch match;
  if (std::regex_match(master, match, pattern)) {
    if (match[1] == "*") return cores;
    int threads = std::stoi(match[1]);
    if (threads > 0) return threads;
  }
  throw SparkError("INVALID_MASTER_URL", "42000",
                   "Could not parse Master URL: '" + master + "'. Ember runs local masters: local, "
                   "local[N], local[*].",
                   {{"master", master}});
}

}  // namespace ember
