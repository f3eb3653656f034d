// Collation names as Spark spells them, and the collated string type's display and DDL.
#include "common/collation.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace ember {
namespace {

std::string Canonical(const std::string& name) { return CollationName(CollationIdOf(name)); }

std::string ErrorClassOf(const std::string& name) {
  try {
    CollationIdOf(name);
  } catch (const SparkError& error) {
    return error.error_class();
  }
  return "";
}

TEST(CollationTest, NamesAreCaseInsensitiveAndPrintedCanonically) {
  EXPECT_EQ(CollationIdOf("utf8_binary"), kUtf8BinaryCollation);
  EXPECT_EQ(Canonical("utf8_lcase"), "UTF8_LCASE");
  EXPECT_EQ(Canonical("unicode_ci"), "UNICODE_CI");
  EXPECT_EQ(Canonical("UNICODE_CS_AS"), "UNICODE");
  EXPECT_EQ(Canonical("unicode_ai_ci"), "UNICODE_CI_AI");
  EXPECT_EQ(Canonical("UTF8_LCASE_rtrim"), "UTF8_LCASE_RTRIM");
  EXPECT_EQ(Canonical("SR_CYRL_SRB_ci_ai"), "sr_Cyrl_SRB_CI_AI");
  EXPECT_EQ(Canonical("de"), "de");
  EXPECT_EQ(Canonical("EN_CS_AI"), "en_AI");
  EXPECT_EQ(CollationIdOf("Unicode_CI"), CollationIdOf("UNICODE_CI"));
  EXPECT_EQ(CollationOf(CollationIdOf("de_CI")).icu_locale, "de");
}

TEST(CollationTest, InvalidNames) {
  for (const char* name : {"UTF8_BINARY_LCASE", "UTF8_CI", "UNICODE_CI_CS", "UNICODE_XX", "xx_yy", "UNICODEX", "en_",
                           "UTF8_LCASE_LTRIM"}) {
    EXPECT_EQ(ErrorClassOf(name), "COLLATION_INVALID_NAME") << name;
  }
}

TEST(CollationTest, TypeDisplayEqualityAndDdl) {
  TypePtr lcase = CollatedStringType(CollationIdOf("UTF8_LCASE"));
  EXPECT_EQ(lcase->ToString(), "string collate UTF8_LCASE");
  EXPECT_EQ(lcase->TypeName(), "string collate UTF8_LCASE");
  EXPECT_EQ(lcase->Sql(), "STRING COLLATE UTF8_LCASE");
  EXPECT_FALSE(lcase->Equals(*StringType()));
  EXPECT_TRUE(CollatedStringType(kUtf8BinaryCollation)->Equals(*StringType()));
  EXPECT_TRUE(ParseDataType("string collate utf8_lcase")->Equals(*lcase));
  EXPECT_TRUE(ParseDataType("STRING COLLATE UTF8_BINARY")->Equals(*StringType()));
  Schema schema = ParseSchemaDdl("a STRING COLLATE UNICODE_CI NOT NULL, b string");
  EXPECT_EQ(schema[0].type->ToString(), "string collate UNICODE_CI");
  EXPECT_FALSE(schema[0].nullable);
  EXPECT_EQ(ParseDataType("array<string collate de_CI>")->ToString(), "array<string collate de_CI>");
}

}  // namespace
}  // namespace ember
