// String sort keys replaced by their ranks (exec/operators/string_key_ranks.h): sorting by the
// ranks through normalized keys gives the order of comparing the strings (bytes, unsigned, with
// prefixes, non-ASCII, empty strings and nulls, every direction and null placement, with a second
// key); too many distinct values are refused.
#include "exec/operators/string_key_ranks.h"

#include <random>
#include <string>

#include "exec/operators/normalized_sort.h"
#include "exec/operators/sort_keys.h"
#include "exec_test_util.h"
#include "sort_test_util.h"

namespace ember::exec_test {
namespace {

VectorPtr Strings(const std::vector<std::string>& words, int64_t rows, std::mt19937_64& random) {
  VectorBuilder builder(StringType());
  for (int64_t i = 0; i < rows; ++i) {
    size_t pick = random() % (words.size() + 1);
    if (pick == words.size()) {
      builder.AppendNull();
    } else {
      builder.AppendString(words[pick]);
    }
  }
  return builder.Finish();
}

TEST(StringKeyRanksTest, RankedStringsSortAsComparedStrings) {
  std::mt19937_64 random(5);
  const std::vector<std::string> words = {"", "a", "ab", "b", "B", "a\xc3\xa9", "\xc3\xa9t\xc3\xa9", "zz", "2024-01"};
  for (int direction = 0; direction < 4; ++direction) {
    const int64_t rows = 4000;
    VectorPtr strings = Strings(words, rows, random);
    VectorBuilder numbers(LongType());
    for (int64_t i = 0; i < rows; ++i) numbers.Append<int64_t>(static_cast<int64_t>(random() % 5));
    VectorPtr second = numbers.Finish();
    std::vector<ExprPtr> orders = {Order(direction & 1, direction & 2), Order(true, true)};
    VectorPtr ranks = StringKeyRanks(*strings, rows);
    ASSERT_NE(ranks, nullptr);
    EXPECT_EQ(NormalizedSortOrder({ranks, second}, orders, rows), ReferenceOrder({strings, second}, orders));
  }
}

TEST(StringKeyRanksTest, RanksAColumnOfNullsOnly) {
  VectorBuilder builder(StringType());
  for (int i = 0; i < 100; ++i) builder.AppendNull();
  VectorPtr ranks = StringKeyRanks(*builder.Finish(), 100);
  ASSERT_NE(ranks, nullptr);
  EXPECT_EQ(ranks->CountNulls(), 100);
}

TEST(StringKeyRanksTest, RefusesMostlyDistinctValues) {
  VectorBuilder builder(StringType());
  for (int i = 0; i < 1000; ++i) builder.AppendString("value-" + std::to_string(i));
  EXPECT_EQ(StringKeyRanks(*builder.Finish(), 1000), nullptr);
}

}  // namespace
}  // namespace ember::exec_test
