// The aggregate of a grouped external function: each group's argument rows reach the function
// whole, nulls included, in the order they were added, also through partial states and merges.
#include <string>

#include "function_test_util.h"
#include "functions/external_function.h"

namespace ember::ftest {
namespace {

// Gives each group its rows of the two arguments as text: "1/a 2/- ..." ("-" for null).
class RowsAsText : public ExternalFunction {
 public:
  VectorPtr Call(const std::vector<VectorPtr>&, int64_t, EvalContext&) const override {
    throw InternalError("not a scalar function");
  }
  VectorPtr CallGroups(const std::vector<VectorPtr>& args, const std::vector<int64_t>& starts,
                       EvalContext&) const override {
    VectorBuilder out(StringType());
    for (size_t g = 0; g + 1 < starts.size(); ++g) {
      std::string text;
      for (int64_t i = starts[g]; i < starts[g + 1]; ++i) {
        if (!text.empty()) text += " ";
        text += args[0]->IsNull(i) ? "-" : std::to_string(args[0]->Data<int64_t>()[i]);
        text += "/";
        text += args[1]->IsNull(i) ? "-" : std::string(args[1]->GetString(i));
      }
      out.AppendString(text);
    }
    return out.Finish();
  }
};

BoundAggregate Bound() {
  auto info = std::make_shared<ExternalFunctionInfo>();
  info->name = "rows_as_text";
  info->result_type = StringType();
  info->grouped = true;
  info->function = std::make_shared<RowsAsText>();
  return BindExternalAggregate(info, {LongType(), StringType()});
}

std::vector<VectorPtr> Rows(const std::vector<Value>& numbers, const std::vector<Value>& names) {
  return {Col(LongType(), numbers), Col(StringType(), names)};
}

TEST(GroupedCall, GivesEachGroupItsRowsInOrderWithNulls) {
  BoundAggregate bound = Bound();
  EXPECT_EQ(bound.partial_types.size(), 2u);
  auto accumulator = bound.create();
  accumulator->Resize(3);
  std::vector<uint32_t> first = {0, 1, 0, 2};
  accumulator->Update(first.data(), Rows({I64(1), I64(2), Null(LongType()), I64(4)},
                                         {Str("a"), Null(StringType()), Str("c"), Str("d")}), 4);
  std::vector<uint32_t> second = {1, 0};
  accumulator->Update(second.data(), Rows({I64(5), I64(6)}, {Str("e"), Str("f")}), 2);
  EvalContext ctx = Ctx();
  EXPECT_EQ(Texts(accumulator->Final(0, 3, ctx)),
            (std::vector<std::string>{"1/a -/c 6/f", "2/- 5/e", "4/d"}));
  // A range of groups: only those groups' rows reach the function.
  EXPECT_EQ(Texts(accumulator->Final(1, 3, ctx)), (std::vector<std::string>{"2/- 5/e", "4/d"}));
}

TEST(GroupedCall, MergesPartialStatesInOrder) {
  BoundAggregate bound = Bound();
  auto left = bound.create();
  left->Resize(2);
  std::vector<uint32_t> left_groups = {1, 0, 1};
  left->Update(left_groups.data(), Rows({I64(1), I64(2), I64(3)}, {Str("a"), Str("b"), Str("c")}), 3);
  auto right = bound.create();
  right->Resize(1);
  std::vector<uint32_t> right_groups = {0, 0};
  right->Update(right_groups.data(), Rows({I64(7), Null(LongType())}, {Str("x"), Str("y")}), 2);

  auto merged = bound.create();
  merged->Resize(3);
  // left's groups 0 and 1 become 2 and 0; right's group 0 becomes 0.
  std::vector<uint32_t> left_targets = {2, 0};
  merged->Merge(left_targets.data(), left->Partial(0, 2), 2);
  std::vector<uint32_t> right_targets = {0};
  merged->Merge(right_targets.data(), right->Partial(0, 1), 1);
  EvalContext ctx = Ctx();
  EXPECT_EQ(Texts(merged->Final(0, 3, ctx)), (std::vector<std::string>{"1/a 3/c 7/x -/y", "", "2/b"}));
}

}  // namespace
}  // namespace ember::ftest
