// Functions that read their literal arguments only when they are bound (a fitted model's state
// as text: megabytes for a Word2VecModel or a large forest): the evaluator and the serving runtime
// hand them one-row vectors for those arguments instead of a copy of the literal for every row of
// the batch.
#pragma once

#include <string_view>

namespace ember {

bool ReadsLiteralsWhenBound(std::string_view function);

}  // namespace ember
