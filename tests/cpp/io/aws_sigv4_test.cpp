// SigV4 signing against a known answer computed independently with botocore's S3SigV4Auth (same
// request, credentials and clock), plus the canonical request written out by hand from the spec.
#include "io/s3/aws_sigv4.h"

#include <gtest/gtest.h>

namespace ember::s3 {
namespace {

SigningInput PutPart() {
  SigningInput input;
  input.method = "PUT";
  input.canonical_uri = UriEncode("/company-raw/events/date=2024-01-01/part 0.json", true);
  input.query = {{"uploadId", "a/b+c"}, {"partNumber", "2"}};
  input.payload_sha256 = Sha256Hex("hello ember");
  input.amz_date = "20240102T030405Z";
  input.region = "eu-west-1";
  input.headers = {{"host", "127.0.0.1:9000"},
                   {"x-amz-content-sha256", input.payload_sha256},
                   {"x-amz-date", input.amz_date}};
  return input;
}

TEST(AwsSigV4, PayloadHashAndEncoding) {
  EXPECT_EQ(Sha256Hex("hello ember"), "5a7f924557ee634c065ca4fc1074847e6cbdb53db18ffa5bea647a62e3c6fcf0");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(UriEncode("a b/c=d~e_f.g-h", true), "a%20b/c%3Dd~e_f.g-h");
  EXPECT_EQ(UriEncode("a/b+c", false), "a%2Fb%2Bc");
  EXPECT_EQ(UriEncode("\xC3\xA9", false), "%C3%A9");
}

TEST(AwsSigV4, CanonicalRequestFollowsTheSpec) {
  EXPECT_EQ(CanonicalRequest(PutPart()),
            "PUT\n"
            "/company-raw/events/date%3D2024-01-01/part%200.json\n"
            "partNumber=2&uploadId=a%2Fb%2Bc\n"
            "host:127.0.0.1:9000\n"
            "x-amz-content-sha256:5a7f924557ee634c065ca4fc1074847e6cbdb53db18ffa5bea647a62e3c6fcf0\n"
            "x-amz-date:20240102T030405Z\n"
            "\n"
            "host;x-amz-content-sha256;x-amz-date\n"
            "5a7f924557ee634c065ca4fc1074847e6cbdb53db18ffa5bea647a62e3c6fcf0");
}

TEST(AwsSigV4, AuthorizationMatchesBotocore) {
  AwsCredentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  EXPECT_EQ(AuthorizationHeader(PutPart(), credentials),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/eu-west-1/s3/aws4_request, "
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
            "Signature=df4e6606a1ffdc894bb00a0160e53d1209671fabde7ab6d4566467295b030842");
}

TEST(AwsSigV4, SignatureDependsOnEverySignedPart) {
  AwsCredentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  std::string base = AuthorizationHeader(PutPart(), credentials);
  SigningInput other_region = PutPart();
  other_region.region = "us-east-1";
  SigningInput other_query = PutPart();
  other_query.query["partNumber"] = "3";
  SigningInput other_secret = PutPart();
  EXPECT_NE(AuthorizationHeader(other_region, credentials), base);
  EXPECT_NE(AuthorizationHeader(other_query, credentials), base);
  EXPECT_NE(AuthorizationHeader(other_secret, {"AKIDEXAMPLE", "another", ""}), base);
}

}  // namespace
}  // namespace ember::s3
