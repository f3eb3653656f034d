#include "plan/join_type.h"

#include <cctype>

#include "common/error.h"

namespace ember {

JoinType ParseJoinType(const std::string& how) {
  std::string key;
  for (char c : how) {
    if (c != '_') key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (key == "inner") return JoinType::kInner;
  if (key == "outer" || key == "full" || key == "fullouter") return JoinType::kFullOuter;
  if (key == "leftouter" || key == "left") return JoinType::kLeftOuter;
  if (key == "rightouter" || key == "right") return JoinType::kRightOuter;
  if (key == "leftsemi" || key == "semi") return JoinType::kLeftSemi;
  if (key == "leftanti" || key == "anti") return JoinType::kLeftAnti;
  if (key == "cross") return JoinType::kCross;
  std::string supported =
      "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', "
      "'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', "
      "'anti', 'cross'";
  throw SparkError("UNSUPPORTED_JOIN_TYPE", "0A000",
                   "Unsupported join type '" + how + "'. Supported join types include: " + supported + ".",
                   {{"typ", how}, {"supported", supported}});
}

std::string JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "Inner";
    case JoinType::kLeftOuter: return "LeftOuter";
    case JoinType::kRightOuter: return "RightOuter";
    case JoinType::kFullOuter: return "FullOuter";
    case JoinType::kLeftSemi: return "LeftSemi";
    case JoinType::kLeftAnti: return "LeftAnti";
    case JoinType::kCross: return "Cross";
  }
  return "Inner";
}

JoinHint ParseJoinHint(const std::string& name) {
  std::string key;
  for (char c : name) key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (key == "BROADCAST" || key == "BROADCASTJOIN" || key == "MAPJOIN") return JoinHint::kBroadcast;
  if (key == "MERGE" || key == "SHUFFLE_MERGE" || key == "MERGEJOIN") return JoinHint::kShuffleMerge;
  if (key == "SHUFFLE_HASH") return JoinHint::kShuffleHash;
  if (key == "SHUFFLE_REPLICATE_NL") return JoinHint::kShuffleReplicateNL;
  return JoinHint::kNone;
}

std::string JoinHintName(JoinHint hint) {
  switch (hint) {
    case JoinHint::kNone: return "none";
    case JoinHint::kBroadcast: return "broadcast";
    case JoinHint::kShuffleMerge: return "merge";
    case JoinHint::kShuffleHash: return "shuffle_hash";
    case JoinHint::kShuffleReplicateNL: return "shuffle_replicate_nl";
  }
  return "none";
}

}  // namespace ember
