#include "cli/cli_args.h"

#include <stdexcept>

#include "common/types.h"

namespace ember::cli {
namespace {

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::pair<std::string, std::string> SplitSetting(const std::string& flag, const std::string& text) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw std::invalid_argument(flag + " expects KEY=VALUE, got '" + text + "'");
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

int ParseInt(const std::string& flag, const std::string& text) {
  try {
    size_t used = 0;
    int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(flag + " expects a number, got '" + text + "'");
}

}  // namespace

std::string CliUsage() {
  return "Usage:\n"
         "  ember-engine show   [--format json|parquet] PATH... [-n N] [--truncate N] [--vertical]\n"
         "  ember-engine schema [--format json|parquet] PATH...\n"
         "  ember-engine count  [--format json|parquet] PATH...\n"
         "  ember-engine version\n"
         "Options for every query: --schema DDL, --option KEY=VALUE, --conf KEY=VALUE,\n"
         "  --master local[N]\n";
}

CliArgs ParseCliArgs(int argc, char** argv) {
  CliArgs args;
  if (argc < 2) throw std::invalid_argument("no command given");
  args.command = argv[1];
  if (args.command == "-h" || args.command == "--help") args.command = "help";
  if (args.command == "--version") args.command = "version";
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--format" || arg == "-f") {
      args.format = value();
    } else if (arg == "-n" || arg == "--rows") {
      args.num_rows = ParseInt(arg, value());
    } else if (arg == "--truncate") {
      args.truncate = ParseInt(arg, value());
    } else if (arg == "--vertical") {
      args.vertical = true;
    } else if (arg == "--schema") {
      args.schema_ddl = value();
    } else if (arg == "--option") {
      auto [key, setting] = SplitSetting(arg, value());
      args.options[key] = setting;
    } else if (arg == "--conf") {
      auto [key, setting] = SplitSetting(arg, value());
      args.conf[key] = setting;
    } else if (arg == "--master") {
      args.master = value();
    } else if (!arg.empty() && arg[0] == '-') {
      throw std::invalid_argument("unknown option " + arg);
    } else {
      args.paths.push_back(arg);
    }
  }
  bool needs_paths = args.command == "show" || args.command == "schema" || args.command == "count";
  if (needs_paths && args.paths.empty()) throw std::invalid_argument("no input path given");
  if (!needs_paths && args.command != "version" && args.command != "help") {
    throw std::invalid_argument("unknown command " + args.command);
  }
  return args;
}

std::string ReadPlanJson(const CliArgs& args) {
  std::string json = "{\"op\":\"read\",\"format\":" + JsonString(args.format) + ",\"paths\":[";
  for (size_t i = 0; i < args.paths.size(); ++i) {
    if (i) json += ",";
    json += JsonString(args.paths[i]);
  }
  json += "],\"schema\":";
  if (args.schema_ddl) {
    json += "[";
    Schema schema = ParseSchemaDdl(*args.schema_ddl);
    for (size_t i = 0; i < schema.size(); ++i) {
      if (i) json += ",";
      json += "{\"name\":" + JsonString(schema[i].name) + ",\"type\":" +
              JsonString(schema[i].type->ToString()) +
              ",\"nullable\":" + (schema[i].nullable ? "true" : "false") + "}";
    }
    json += "]";
  } else {
    json += "null";
  }
  json += ",\"options\":{";
  bool first = true;
  for (const auto& [key, value] : args.options) {
    if (!first) json += ",";
    first = false;
    json += JsonString(key) + ":" + JsonString(value);
  }
  return json + "}}";
}

}  // namespace ember::cli
