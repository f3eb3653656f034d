// AWS Signature Version 4 for S3 requests: the canonical request, the string to sign and the
// Authorization header, computed with OpenSSL's SHA-256 and HMAC. Pure functions of their inputs
// (the clock is an argument), so a known answer can be checked.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace ember::s3 {

struct AwsCredentials {
  std::string access_key;
  std::string secret_key;
  std::string session_token;  // empty unless temporary credentials
  bool empty() const { return access_key.empty(); }
};

struct SigningInput {
  std::string method;                         // "GET"
  std::string canonical_uri;                  // already URI-encoded path: "/bucket/a%20b"
  std::map<std::string, std::string> query;   // raw (unencoded) names and values
  std::map<std::string, std::string> headers; // lower-case names; must include "host"
  std::string payload_sha256;                 // hex, or "UNSIGNED-PAYLOAD"
  std::string amz_date;                       // "20240101T120000Z"
  std::string region;                         // "us-east-1"
  std::string service = "s3";
};

std::string Sha256Hex(std::string_view data);
// RFC 3986 percent-encoding as SigV4 wants it (unreserved characters kept; '/' kept when asked).
std::string UriEncode(std::string_view text, bool keep_slash);
// The query string in canonical form (sorted, encoded); also usable in the URL.
std::string CanonicalQuery(const std::map<std::string, std::string>& query);
std::string CanonicalRequest(const SigningInput& input);
std::string StringToSign(const SigningInput& input);
// "AWS4-HMAC-SHA256 Credential=.../20240101/us-east-1/s3/aws4_request, SignedHeaders=..., Signature=...".
std::string AuthorizationHeader(const SigningInput& input, const AwsCredentials& credentials);

}  // namespace ember::s3
