// Join types, as Spark names them in the DataFrame API (`how`) and prints them in plans.
#pragma once

#include <cstdint>
#include <string>

namespace ember {

enum class JoinType : uint8_t { kInner, kLeftOuter, kRightOuter, kFullOuter, kLeftSemi, kLeftAnti, kCross };

// Spark's `how` strings (case-insensitive, underscores ignored); throws UNSUPPORTED_JOIN_TYPE.
JoinType ParseJoinType(const std::string& how);
// The join type as Spark prints it in plans: Inner, LeftOuter, FullOuter, LeftSemi, Cross...
std::string JoinTypeName(JoinType type);

}  // namespace ember
