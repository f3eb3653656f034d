#include "plan/data_source.h"

#include <algorithm>
#include <mutex>

#include "common/error.h"

namespace ember {
namespace {

std::mutex registry_mutex;
std::vector<std::shared_ptr<FileFormat>>& Formats() {
  static std::vector<std::shared_ptr<FileFormat>> formats;
  return formats;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::tolower);
  return text;
}

}  // namespace

void RegisterFileFormat(std::shared_ptr<FileFormat> format) {
  std::lock_guard lock(registry_mutex);
  for (const auto& existing : Formats()) {
    if (existing->name() == format->name()) return;
  }
  Formats().push_back(std::move(format));
}

std::shared_ptr<FileFormat> FindFileFormat(const std::string& name) {
  std::lock_guard lock(registry_mutex);
  std::string lower = Lower(name);
  for (const auto& format : Formats()) {
    if (format->name() == lower) return format;
  }
  throw SparkError("DATA_SOURCE_NOT_FOUND", "42K02",
                   "Failed to find the data source: " + name +
                       ". Make sure the provider name is correct and the package is properly "
                       "registered and compatible with your Spark version.",
                   {{"provider", name}});
}

}  // namespace ember
