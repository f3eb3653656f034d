// A call of a user-defined table function (a Python UDTF) as SQL writes it and as the function
// sees it. A call with a TABLE argument, named arguments (name => value) or partitioning keys
// starts with a constant "shape" string (sql/parser.cpp writes it, the function reads it): the
// index of the TABLE argument, how many partitioning key columns follow the arguments, and the
// names of the last, named arguments.
//
// A function whose schema depends on the call (a UDTF with an `analyze` method) also implements
// AnalyzedTableFunction: the analyzer describes the call's arguments and gets back the function
// registered for this call and how the TABLE argument's rows are partitioned, ordered and
// projected before the function sees them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/types.h"
#include "common/value.h"

namespace ember {

struct TableCallShape {
  int table = -1;   // the TABLE argument's index among the arguments; -1: none
  size_t keys = 0;  // partitioning key columns after the arguments
  std::vector<std::string> names;  // of the last arguments
};

std::string FormatTableCallShape(const TableCallShape& shape);
// The shape a call's first argument gives, when it is one.
std::optional<TableCallShape> ParseTableCallShape(const Value& value);

struct TableCallArgument {
  std::string name;  // empty: positional
  TypePtr type;
  std::optional<Value> constant;  // the value of a constant expression
  bool is_table = false;
};

struct TableCallOrder {
  std::string column;
  bool ascending = true;
  std::optional<bool> nulls_first;  // default: first when ascending
};

struct TableCallAnalysis {
  int64_t function_id = 0;  // the external function to call
  bool single_partition = false;
  std::vector<std::string> partition_by;
  std::vector<TableCallOrder> order_by;
  std::vector<std::pair<std::string, std::string>> select;  // column, alias (empty: its name)
};

class AnalyzedTableFunction {
 public:
  virtual ~AnalyzedTableFunction() = default;
  virtual TableCallAnalysis Analyze(const std::vector<TableCallArgument>& args) const = 0;
};

}  // namespace ember
