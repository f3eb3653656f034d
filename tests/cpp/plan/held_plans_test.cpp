#include "plan/held_plans.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "plan/plan_json.h"

namespace ember {
namespace {

constexpr const char* kLocal = R"({"op": "local", "schema": [{"name": "a", "type": "int"}], "rows": [[1]]})";

TEST(HeldPlansTest, HandlesAreNodesWhosePlanIdIsTheHandle) {
  HeldPlans held;
  int64_t local = held.Hold(ParsePlanJson(kLocal));
  EXPECT_NE(local, 0);
  EXPECT_EQ(held.Get(local)->plan_id, local);
  std::string node = R"({"op": "limit", "n": 1, "input": {"op": "handle", "id": )" +
                     std::to_string(local) + "}}";
  int64_t limit = held.Hold(ParsePlanJson(node, &held));
  PlanPtr plan = held.Get(limit);
  EXPECT_EQ(plan->kind(), PlanKind::kLimit);
  ASSERT_EQ(plan->children.size(), 1u);
  EXPECT_EQ(plan->children[0], held.Get(local));  // the held node itself, not a copy
  EXPECT_EQ(held.size(), 2u);
}

TEST(HeldPlansTest, ReleasedHandlesAreGoneButPlansUsingThemStay) {
  HeldPlans held;
  int64_t local = held.Hold(ParsePlanJson(kLocal));
  int64_t distinct = held.Hold(ParsePlanJson(
      R"({"op": "distinct", "input": {"op": "handle", "id": )" + std::to_string(local) + "}}", &held));
  held.Release(local);
  EXPECT_THROW(held.Get(local), InternalError);
  EXPECT_EQ(held.Get(distinct)->children[0]->kind(), PlanKind::kLocalRelation);
  EXPECT_EQ(held.size(), 1u);
}

TEST(HeldPlansTest, HandlesNeedASession) {
  EXPECT_THROW(ParsePlanJson(R"({"op": "handle", "id": 1})"), InternalError);
}

}  // namespace
}  // namespace ember
