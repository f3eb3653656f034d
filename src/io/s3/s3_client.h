// One S3 bucket's REST API over libcurl: each request is signed (SigV4), sent on the calling
// thread's reused connection, and retried with exponential backoff on connection failures, 5xx
// answers and throttling (429, SlowDown). A client is cheap; connections live per thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "io/s3/s3_settings.h"

namespace ember::s3 {

struct S3Response {
  long status = 0;
  std::string body;       // the body, unless it went to the caller's buffer
  int64_t received = 0;   // bytes written to the caller's buffer
  std::map<std::string, std::string> headers;  // lower-case names
  // The error code of an S3 error body ("NoSuchKey"), or empty.
  std::string ErrorCode() const;
};

struct S3Request {
  explicit S3Request(std::string method_ = "GET", std::string key_ = "", std::map<std::string, std::string> query_ = {})
      : method(std::move(method_)), key(std::move(key_)), query(std::move(query_)) {}

  std::string method;
  std::string key;  // without a leading '/'; empty for bucket requests
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names, signed
  std::string_view body;
  char* out = nullptr;  // a 2xx body goes here when set (at most out_capacity bytes)
  int64_t out_capacity = 0;
};

class S3Client {
 public:
  S3Client(std::string bucket, S3Settings settings);
  const std::string& bucket() const { return bucket_; }
  const S3Settings& settings() const { return settings_; }
  S3Response Send(const S3Request& request) const;

 private:
  S3Response SendOnce(const S3Request& request) const;

  std::string bucket_;
  S3Settings settings_;
};

// The text of the first <tag>...</tag> at or after `*from` (moved past it), XML entities decoded.
// False when there is none.
bool NextXmlValue(const std::string& xml, const std::string& tag, size_t* from, std::string* value);

}  // namespace ember::s3
