#include "exec/join_planning.h"

#include "plan/conjuncts.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

ExprPtr ShiftToRight(const ExprPtr& expr, int left_width, int right_width) {
  std::vector<int> mapping(left_width + right_width, -1);
  for (int i = 0; i < right_width; ++i) mapping[left_width + i] = i;
  return RemapReferences(expr, mapping);
}

}  // namespace

JoinKeys ExtractJoinKeys(const ExprPtr& condition, int left_width, int right_width) {
  JoinKeys keys;
  if (!condition) return keys;
  std::vector<ExprPtr> residual;
  for (const auto& conjunct : SplitConjuncts(condition)) {
    bool is_equality = conjunct->kind == ExprKind::kFunction && conjunct->args.size() == 2 &&
                       (conjunct->name == "=" || conjunct->name == "==" || conjunct->name == "<=>");
    if (is_equality) {
      int a = SidesRead(*conjunct->args[0], left_width, left_width + right_width);
      int b = SidesRead(*conjunct->args[1], left_width, left_width + right_width);
      if ((a == kLeftSide && b == kRightSide) || (a == kRightSide && b == kLeftSide)) {
        const ExprPtr& l = a == kLeftSide ? conjunct->args[0] : conjunct->args[1];
        const ExprPtr& r = a == kLeftSide ? conjunct->args[1] : conjunct->args[0];
        if (TypesEqual(l->type, r->type)) {
          keys.left.push_back(l);
          keys.right.push_back(ShiftToRight(r, left_width, right_width));
          keys.null_safe.push_back(conjunct->name == "<=>");
          continue;
        }
      }
    }
    residual.push_back(conjunct);
  }
  if (!residual.empty()) keys.residual = CombineConjuncts(residual);
  return keys;
}

JoinStrategy ChooseJoinStrategy(JoinType type, bool has_keys, double left_bytes, double right_bytes,
                                int64_t threshold, JoinHint left_hint, JoinHint right_hint) {
  bool symmetric = type == JoinType::kInner || type == JoinType::kCross;
  bool can_build_right = symmetric || type == JoinType::kLeftOuter || type == JoinType::kLeftSemi ||
                         type == JoinType::kLeftAnti;
  bool can_build_left = symmetric || type == JoinType::kRightOuter;
  bool broadcast_right = can_build_right && right_hint == JoinHint::kBroadcast;
  bool broadcast_left = can_build_left && left_hint == JoinHint::kBroadcast;
  auto shuffle_hint = [](JoinHint hint) { return hint == JoinHint::kShuffleHash || hint == JoinHint::kShuffleMerge; };
  bool by_size = !broadcast_left && !broadcast_right && !(has_keys && (shuffle_hint(left_hint) || shuffle_hint(right_hint)));
  if (by_size) {
    broadcast_right = can_build_right && threshold >= 0 && right_bytes <= static_cast<double>(threshold);
    broadcast_left = can_build_left && threshold >= 0 && left_bytes <= static_cast<double>(threshold);
  }
  bool right_smaller = right_bytes <= left_bytes;

  JoinStrategy strategy;
  if (has_keys && !broadcast_left && !broadcast_right) {
    // A shuffled hash join can build either side of inner and full outer joins.
    bool either = symmetric || type == JoinType::kFullOuter;
    strategy.build_right = either ? right_smaller : type != JoinType::kRightOuter;
    if (either && (left_hint == JoinHint::kShuffleHash) != (right_hint == JoinHint::kShuffleHash)) {
      strategy.build_right = right_hint == JoinHint::kShuffleHash;
    }
    return strategy;
  }
  strategy.broadcast = true;
  if (type == JoinType::kFullOuter) {
    strategy.build_right = true;
  } else if (broadcast_left || broadcast_right) {
    strategy.build_right = broadcast_right && (!broadcast_left || right_smaller);
  } else {
    strategy.build_right = can_build_right && (!can_build_left || right_smaller);
  }
  return strategy;
}

}  // namespace ember
