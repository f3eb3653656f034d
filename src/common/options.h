// Options as the user gives them to a reader, a writer or a function (from_json's options map):
// keys lower-cased, since Spark's options are case-insensitive ("mode",
// "columnnameofcorruptrecord", "compression", ...).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace ember {

using Options = std::map<std::string, std::string>;

// Looks an option up by its (case-insensitive) name.
std::optional<std::string> GetOption(const Options& options, const std::string& name);

}  // namespace ember
