// The ICU collator of a collation of the ICU family (UNICODE and the locales), set up with Spark's
// strengths; shared by every thread (ICU's const methods are thread-safe), so users that need a
// mutable one (StringSearch) clone it.
#pragma once

#include <unicode/coll.h>

#include <cstdint>

namespace ember {

const icu::Collator& IcuCollatorOf(uint16_t collation);

}  // namespace ember
