// Where S3 settings come from: session settings (spark.hadoop.fs.s3a.* over fs.s3a.*, per-bucket
// over global) before the AWS environment variables; addressing, endpoints and sizes.
#include "io/s3/s3_settings.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.h"
#include "common/file_system.h"
#include "io/s3/s3_client.h"

namespace ember::s3 {
namespace {

class S3SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kEnvironment) unsetenv(name);
    SetFileSystemSettings({});
  }
  void TearDown() override { SetUp(); }
  static constexpr const char* kEnvironment[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                                                 "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_REGION",
                                                 "AWS_DEFAULT_REGION"};
};

TEST_F(S3SettingsTest, DefaultsAreAwsVirtualHostOverHttps) {
  S3Settings settings = S3Settings::ForBucket("b");
  EXPECT_EQ(settings.scheme, "https");
  EXPECT_EQ(settings.host, "s3.us-east-1.amazonaws.com");
  EXPECT_FALSE(settings.path_style);
  EXPECT_TRUE(settings.credentials.empty());
  EXPECT_EQ(settings.multipart_size, 64 << 20);
}

TEST_F(S3SettingsTest, EnvironmentGivesCredentialsRegionAndEndpoint) {
  setenv("AWS_ACCESS_KEY_ID", "env-key", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "env-secret", 1);
  setenv("AWS_SESSION_TOKEN", "env-token", 1);
  setenv("AWS_REGION", "eu-west-3", 1);
  setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9000/", 1);
  S3Settings settings = S3Settings::ForBucket("b");
  EXPECT_EQ(settings.credentials.access_key, "env-key");
  EXPECT_EQ(settings.credentials.secret_key, "env-secret");
  EXPECT_EQ(settings.credentials.session_token, "env-token");
  EXPECT_EQ(settings.region, "eu-west-3");
  EXPECT_EQ(settings.scheme, "http");
  EXPECT_EQ(settings.host, "127.0.0.1:9000");
  EXPECT_TRUE(settings.path_style);  // an IP address has no bucket sub-domains
}

TEST_F(S3SettingsTest, SessionSettingsWinAndPerBucketOnesWinOverThem) {
  setenv("AWS_ACCESS_KEY_ID", "env-key", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "env-secret", 1);
  SetFileSystemSettings({{"fs.s3a.access.key", "plain"},
                         {"spark.hadoop.fs.s3a.access.key", "hadoop"},
                         {"spark.hadoop.fs.s3a.secret.key", "secret"},
                         {"spark.hadoop.fs.s3a.endpoint", "minio.local:9000"},
                         {"spark.hadoop.fs.s3a.connection.ssl.enabled", "false"},
                         {"spark.hadoop.fs.s3a.bucket.special.endpoint", "https://other.example"},
                         {"spark.hadoop.fs.s3a.bucket.special.path.style.access", "true"},
                         {"spark.hadoop.fs.s3a.multipart.size", "1k"},
                         {"spark.hadoop.fs.s3a.retry.interval", "2s"}});
  S3Settings settings = S3Settings::ForBucket("b");
  EXPECT_EQ(settings.credentials.access_key, "hadoop");
  EXPECT_EQ(settings.credentials.secret_key, "secret");
  EXPECT_EQ(settings.scheme, "http");
  EXPECT_EQ(settings.host, "minio.local:9000");
  EXPECT_FALSE(settings.path_style);
  EXPECT_EQ(settings.multipart_size, 5 << 20);  // S3's smallest part
  EXPECT_EQ(settings.retry_interval_ms, 2000);
  S3Settings special = S3Settings::ForBucket("special");
  EXPECT_EQ(special.scheme, "https");
  EXPECT_EQ(special.host, "other.example");
  EXPECT_TRUE(special.path_style);
}

TEST_F(S3SettingsTest, AnonymousProviderIgnoresCredentials) {
  setenv("AWS_ACCESS_KEY_ID", "env-key", 1);
  SetFileSystemSettings({{"fs.s3a.aws.credentials.provider",
                          "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider"}});
  EXPECT_TRUE(S3Settings::ForBucket("b").credentials.empty());
}

TEST_F(S3SettingsTest, BadRetryIntervalIsAUserError) {
  SetFileSystemSettings({{"fs.s3a.retry.interval", "soon"}});
  EXPECT_THROW(S3Settings::ForBucket("b"), SparkError);
}

TEST(S3Xml, ValuesInOrderWithEntitiesDecoded) {
  std::string xml =
      "<ListBucketResult><Contents><Key>a&amp;b/c&lt;1&gt;.json</Key><Size>3</Size></Contents>"
      "<Contents><Key>d&#x20;e</Key><Size>10</Size></Contents></ListBucketResult>";
  size_t from = 0;
  std::string value;
  ASSERT_TRUE(NextXmlValue(xml, "Key", &from, &value));
  EXPECT_EQ(value, "a&b/c<1>.json");
  ASSERT_TRUE(NextXmlValue(xml, "Key", &from, &value));
  EXPECT_EQ(value, "d e");
  EXPECT_FALSE(NextXmlValue(xml, "Key", &from, &value));
  S3Response error;
  error.status = 404;
  error.body = "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
  EXPECT_EQ(error.ErrorCode(), "NoSuchKey");
}

}  // namespace
}  // namespace ember::s3
