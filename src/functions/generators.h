// Generators: explode, explode_outer, posexplode, posexplode_outer, inline, inline_outer, stack,
// json_tuple (functions/json/json_tuple.cpp), window (functions/datetime/time_window.cpp),
// variant_explode and variant_explode_outer (functions/variant/variant_explode.cpp).
// Each is registered as a scalar function giving, per input row, the rows to generate as an
// array of structs (one field per generated column); the analyzer places a generator call in a
// Generate plan node, whose operator turns each array element into an output row. A generator
// may appear only at the top of a select item (or in LATERAL VIEW / FROM), never inside another
// expression.
#pragma once

#include <string>

namespace ember {

bool IsGeneratorFunction(const std::string& name);
// The _outer forms: a row whose array is empty or null still gives one row, of nulls.
bool IsOuterGenerator(const std::string& name);

}  // namespace ember
