// Splitting CSV lines into fields and the values fields stand for.
#include "functions/csv/csv_tokenizer.h"

#include <gtest/gtest.h>

namespace ember {
namespace {

std::vector<std::string> Texts(const CsvOptions& options, std::string_view line, bool* closed = nullptr) {
  CsvTokenizer tokenizer(options);
  std::vector<CsvField> fields;
  bool ok = tokenizer.Split(line, &fields);
  if (closed) *closed = ok;
  std::vector<std::string> texts;
  for (const auto& field : fields) texts.push_back(field.text);
  return texts;
}

TEST(CsvTokenizerTest, SeparatorsQuotesAndEscapes) {
  CsvOptions options;
  using V = std::vector<std::string>;
  EXPECT_EQ(Texts(options, "a,b,,c"), (V{"a", "b", "", "c"}));
  EXPECT_EQ(Texts(options, ""), (V{""}));
  EXPECT_EQ(Texts(options, "a,"), (V{"a", ""}));
  EXPECT_EQ(Texts(options, R"("x,y","say \"hi\"","a ""b""")"), (V{"x,y", "say \"hi\"", "a \"b\""}));
  EXPECT_EQ(Texts(options, " a , b "), (V{" a ", " b "}));
  options.ignore_leading_space = options.ignore_trailing_space = true;
  EXPECT_EQ(Texts(options, " a ,  \"b\" "), (V{"a", "b"}));
  options.separator = '\t';
  options.quote = '\0';
  EXPECT_EQ(Texts(options, "\"a\"\tb"), (V{"\"a\"", "b"}));
}

TEST(CsvTokenizerTest, UnclosedQuoteIsReported) {
  bool closed = true;
  Texts(CsvOptions(), "1,\"open", &closed);
  EXPECT_FALSE(closed);
  Texts(CsvOptions(), "1,\"shut\"", &closed);
  EXPECT_TRUE(closed);
}

TEST(CsvTokenizerTest, NullAndEmptyValues) {
  CsvOptions options;
  options.null_value = "NA";
  options.empty_value = "<empty>";
  CsvTokenizer tokenizer(options);
  std::vector<CsvField> fields;
  tokenizer.Split("NA,,\"\",x", &fields);
  EXPECT_EQ(tokenizer.ValueOf(fields[0]), nullptr);
  EXPECT_EQ(tokenizer.ValueOf(fields[1]), nullptr);
  EXPECT_EQ(*tokenizer.ValueOf(fields[2]), "<empty>");
  EXPECT_EQ(*tokenizer.ValueOf(fields[3]), "x");
}

}  // namespace
}  // namespace ember

namespace ember {
namespace {

// SplitPlain gives Split's fields for lines without quoted fields (long enough for the sixteen-byte
// scan and short ones), stops after max_fields, and refuses lines where a field starts quoted.
TEST(CsvTokenizerTest, SplitPlainAgreesWithSplit) {
  CsvOptions options;
  options.separator = '|';
  CsvTokenizer tokenizer(options);
  for (std::string line : {"", "a", "|", "a||b|", "12|3.5|x y|2024-01-02|||tail", "only one long field without separators",
                           "1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|a\"b|c"}) {
    std::vector<std::string_view> plain;
    ASSERT_TRUE(tokenizer.SplitPlain(line, SIZE_MAX, &plain)) << line;
    std::vector<std::string> texts(plain.begin(), plain.end());
    EXPECT_EQ(texts, Texts(options, line)) << line;
    ASSERT_TRUE(tokenizer.SplitPlain(line, 2, &plain));
    EXPECT_EQ(plain.size(), std::min<size_t>(2, texts.size()));
  }
  std::vector<std::string_view> plain;
  EXPECT_FALSE(tokenizer.SplitPlain("1|\"quoted|field\"|3", SIZE_MAX, &plain));
  EXPECT_TRUE(tokenizer.SplitPlain("1|\"quoted|field\"|3", 1, &plain));  // the quoted field is not needed
  options.ignore_leading_space = true;
  EXPECT_FALSE(CsvTokenizer(options).SplitPlain("1|2", SIZE_MAX, &plain));
}

}  // namespace
}  // namespace ember
