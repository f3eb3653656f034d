// CSV type inference: the in-place pass over whole lines (AddPlainLine, with its quick checks of
// the usual spellings) infers what adding each field's value on its own does.
#include "functions/csv/csv_type_inference.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ember {
namespace {

std::vector<std::string> TypeNames(const CsvTypeInference& inference) {
  std::vector<std::string> names;
  for (const auto& type : inference.Types()) names.push_back(type->ToString());
  return names;
}

// The types from the lines through AddPlainLine and through Add of each tokenized field.
void ExpectSameTypes(const CsvOptions& options, const std::vector<std::string>& lines, size_t columns) {
  CsvTokenizer tokenizer(options);
  CsvTypeInference plain(options, absl::UTCTimeZone(), columns), one_by_one(options, absl::UTCTimeZone(), columns);
  for (const std::string& line : lines) {
    ASSERT_TRUE(plain.AddPlainLine(tokenizer, line)) << line;
    std::vector<CsvField> fields;
    tokenizer.Split(line, &fields);
    for (size_t c = 0; c < columns && c < fields.size(); ++c) {
      if (const std::string* value = tokenizer.ValueOf(fields[c])) one_by_one.Add(c, *value);
    }
  }
  EXPECT_EQ(TypeNames(plain), TypeNames(one_by_one));
}

TEST(CsvTypeInferenceTest, PlainLinesInferWhatEachValueDoes) {
  CsvOptions options;
  ExpectSameTypes(options, {"1,2.5,2024-01-31,true,x", "-7,1e3,2024-02-29,FALSE,", "+12,.5,1999-12-31,True,1"}, 5);
  // values that leave the usual spellings: a bigint, a decimal, a signed sign, an invalid day, NaN
  ExpectSameTypes(options, {"2147483648,NaN,2023-02-29,true", "1,-+1,2024-01-01,yes"}, 4);
  ExpectSameTypes(options, {"123456789012345678901,1.5", "-5,Infinity"}, 2);
  ExpectSameTypes(options, {",,", "1", "1,2"}, 3);
  options.null_value = "NA";
  ExpectSameTypes(options, {"NA,1", "2,NA", "3,x"}, 2);
}

TEST(CsvTypeInferenceTest, QuotedFieldsNeedTheTokenizer) {
  CsvOptions options;
  CsvTokenizer tokenizer(options);
  CsvTypeInference inference(options, absl::UTCTimeZone(), 2);
  EXPECT_FALSE(inference.AddPlainLine(tokenizer, "1,\"2\""));
  // Once the last column is a string its fields are not looked at.
  EXPECT_TRUE(inference.AddPlainLine(tokenizer, "1,x"));
  EXPECT_TRUE(inference.AddPlainLine(tokenizer, "2,\"quoted\""));
  EXPECT_FALSE(inference.AllStrings());
  EXPECT_TRUE(inference.AddPlainLine(tokenizer, "y,z"));
  EXPECT_TRUE(inference.AllStrings());
}

}  // namespace
}  // namespace ember
