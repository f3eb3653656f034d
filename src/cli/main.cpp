// ember-engine: quick looks at data files without Python. `show` prints a file's rows as
// DataFrame.show() does, `schema` its schema as printSchema() does, `count` its row count.
#include <iostream>
#include <stdexcept>

#include "cli/cli_args.h"
#include "common/error.h"
#include "runtime/session.h"

namespace {

void PrintField(const std::string& name, const ember::DataType& type, const char* null_label,
                bool nullable, int depth) {
  std::string prefix;
  for (int i = 1; i < depth; ++i) prefix += " |   ";
  std::cout << prefix << " |-- " << name << ": " << type.TypeName();
  if (null_label) std::cout << " (" << null_label << " = " << (nullable ? "true" : "false") << ")";
  std::cout << "\n";
  switch (type.id) {
    case ember::TypeId::kStruct:
      for (const auto& field : type.fields) {
        PrintField(field.name, *field.type, "nullable", field.nullable, depth + 1);
      }
      break;
    case ember::TypeId::kArray:
      PrintField("element", *type.element, "containsNull", type.contains_null, depth + 1);
      break;
    case ember::TypeId::kMap:
      PrintField("key", *type.element, nullptr, false, depth + 1);
      PrintField("value", *type.value, "valueContainsNull", type.contains_null, depth + 1);
      break;
    default:
      break;
  }
}

int Run(const ember::cli::CliArgs& args) {
  if (args.command == "help") {
    std::cout << ember::cli::CliUsage();
    return 0;
  }
  if (args.command == "version") {
    std::cout << "ember-engine (Spark API version 4.0.0)\n";
    return 0;
  }
  ember::Config config;
  for (const auto& [key, value] : args.conf) config.Set(key, value);
  ember::Session session(args.master, config);
  std::string plan = ember::cli::ReadPlanJson(args);
  if (args.command == "show") {
    std::cout << session.ShowString(plan, args.num_rows, args.truncate, args.vertical);
  } else if (args.command == "schema") {
    std::cout << "root\n";
    for (const auto& field : session.AnalyzeSchema(plan)) {
      PrintField(field.name, *field.type, "nullable", field.nullable, 1);
    }
  } else if (args.command == "count") {
    std::cout << session.Count(plan) << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ember::cli::CliArgs args;
  try {
    args = ember::cli::ParseCliArgs(argc, argv);
  } catch (const std::invalid_argument& error) {
    std::cerr << "ember-engine: " << error.what() << "\n\n" << ember::cli::CliUsage();
    return 2;
  }
  try {
    return Run(args);
  } catch (const ember::SparkError& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
}
