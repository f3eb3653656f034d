// Command-line arguments of ember-engine: a command, input paths and options. Plain argv parsing
// (no CLI library is among the project's dependencies).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ember::cli {

struct CliArgs {
  std::string command;                      // show, schema, count, version, help
  std::string format = "parquet";           // --format
  std::vector<std::string> paths;
  std::optional<std::string> schema_ddl;    // --schema "a INT, b STRING"
  std::map<std::string, std::string> options;  // --option k=v (reader options)
  std::map<std::string, std::string> conf;     // --conf k=v (session settings)
  std::string master = "local[*]";          // --master
  int num_rows = 20;                        // -n
  int truncate = 20;                        // --truncate (0: no truncation)
  bool vertical = false;                    // --vertical
};

// Parses argv; throws std::invalid_argument with a message for the user on bad input.
CliArgs ParseCliArgs(int argc, char** argv);

// The usage text.
std::string CliUsage();

// The JSON read plan (docs/plan-format.md) for the arguments.
std::string ReadPlanJson(const CliArgs& args);

}  // namespace ember::cli
