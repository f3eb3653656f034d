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

// A join strategy hint on one side of a join (SQL /*+ BROADCAST(t) */, df.hint("broadcast")).
enum class JoinHint : uint8_t { kNone, kBroadcast, kShuffleMerge, kShuffleHash, kShuffleReplicateNL };

// Spark's hint names and their aliases (BROADCAST, BROADCASTJOIN, MAPJOIN; MERGE, SHUFFLE_MERGE,
// MERGEJOIN; SHUFFLE_HASH; SHUFFLE_REPLICATE_NL), case-insensitive; kNone for any other name.
JoinHint ParseJoinHint(const std::string& name);
// The strategy as Spark prints it in plans: "broadcast", "merge", "shuffle_hash", ...
std::string JoinHintName(JoinHint hint);

}  // namespace ember
