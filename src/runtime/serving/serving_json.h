// JSON requests for the serving runtime (bin/ember serve). A request body is one row (an object
// of field -> value) or an array of rows; vectors are arrays of numbers (dense) or
// {"size": n, "indices": [...], "values": [...]} (sparse). The response has, per row, an object
// of the columns the pipeline adds (vectors written the same way, doubles in their shortest
// round-trip text, NaN and infinities as Python's json writes them), or null for a row a stage
// with handleInvalid = 'skip' drops.
#pragma once

#include <string>
#include <string_view>

#include "runtime/serving/serving_model.h"

namespace ember::serving {

// Throws ServingError (400 for a malformed body, a missing field or a wrong type; 422 for a value
// a stage rejects).
std::string ScoreJson(const ServingModel& model, std::string_view body);

// {"inputs": [{"name": ..., "type": "string" | "number" | "vector"}], "outputs": [names]}
std::string DescribeJson(const ServingModel& model);

// {"error": message, "field": name} (field null when no field is at fault).
std::string ErrorJson(const std::string& message, const std::string& field);

}  // namespace ember::serving
