#include "functions/table_call.h"

namespace ember {
namespace {

constexpr char kShapePrefix[] = "\x01table call shape: ";

}  // namespace

std::string FormatTableCallShape(const TableCallShape& shape) {
  std::string text = kShapePrefix + std::to_string(shape.table) + "," + std::to_string(shape.keys);
  for (const auto& name : shape.names) text += "," + name;
  return text;
}

std::optional<TableCallShape> ParseTableCallShape(const Value& value) {
  if (value.is_null || value.type == nullptr || value.type->id != TypeId::kString) return std::nullopt;
  const std::string& text = value.str;
  if (text.rfind(kShapePrefix, 0) != 0) return std::nullopt;
  std::vector<std::string> parts;
  size_t start = sizeof(kShapePrefix) - 1;
  while (true) {
    size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  TableCallShape shape;
  shape.table = std::stoi(parts[0]);
  shape.keys = static_cast<size_t>(std::stoul(parts[1]));
  shape.names.assign(parts.begin() + 2, parts.end());
  return shape;
}

}  // namespace ember
