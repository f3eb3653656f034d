// The shape string a SQL call of a table function starts with (functions/table_call.h): written
// by the parser, read back by the analyzer and the function.
#include "functions/table_call.h"

#include <gtest/gtest.h>

namespace ember {
namespace {

TEST(TableCallShapeTest, RoundTrips) {
  TableCallShape shape;
  shape.table = 1;
  shape.keys = 2;
  shape.names = {"sep", "scale"};
  auto read = ParseTableCallShape(Value::String(FormatTableCallShape(shape)));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->table, 1);
  EXPECT_EQ(read->keys, 2u);
  EXPECT_EQ(read->names, (std::vector<std::string>{"sep", "scale"}));

  auto bare = ParseTableCallShape(Value::String(FormatTableCallShape(TableCallShape{})));
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->table, -1);
  EXPECT_EQ(bare->keys, 0u);
  EXPECT_TRUE(bare->names.empty());
}

TEST(TableCallShapeTest, OtherValuesAreNoShape) {
  EXPECT_FALSE(ParseTableCallShape(Value::String("table call shape: 0,0")).has_value());
  EXPECT_FALSE(ParseTableCallShape(Value::Long(3)).has_value());
  EXPECT_FALSE(ParseTableCallShape(Value::Null(StringType())).has_value());
}

}  // namespace
}  // namespace ember
