// Where and how to reach one S3 bucket, resolved from the Hadoop settings a session hands to the
// file systems (common/file_system.h) and the AWS environment variables. A per-bucket setting
// `fs.s3a.bucket.<bucket>.<option>` wins over `fs.s3a.<option>`, which wins over the environment:
//   endpoint     fs.s3a.endpoint, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL (default AWS's regional
//                endpoint); without "http://" or "https://" the scheme follows
//                fs.s3a.connection.ssl.enabled (true)
//   region       fs.s3a.endpoint.region, AWS_REGION, AWS_DEFAULT_REGION (us-east-1)
//   addressing   fs.s3a.path.style.access; unset, path style for IP and localhost endpoints
//   credentials  fs.s3a.access.key/secret.key/session.token, AWS_ACCESS_KEY_ID/
//                AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN; none, or fs.s3a.aws.credentials.provider
//                naming AnonymousAWSCredentialsProvider, means unsigned (anonymous) requests
//   retries      fs.s3a.retry.limit (7), fs.s3a.retry.interval (500ms, doubled each retry)
//   multipart    fs.s3a.multipart.size (64M): files are uploaded in parts of this size once
//                larger than it
#pragma once

#include <cstdint>
#include <string>

#include "io/s3/aws_sigv4.h"

namespace ember::s3 {

struct S3Settings {
  std::string scheme = "https";
  std::string host;  // "s3.us-east-1.amazonaws.com", "127.0.0.1:9000"
  std::string region = "us-east-1";
  bool path_style = false;
  AwsCredentials credentials;
  int retry_limit = 7;
  int64_t retry_interval_ms = 500;
  int64_t multipart_size = 64 << 20;

  static S3Settings ForBucket(const std::string& bucket);
};

}  // namespace ember::s3
