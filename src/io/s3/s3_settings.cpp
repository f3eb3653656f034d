#include "io/s3/s3_settings.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "common/config.h"
#include "common/error.h"
#include "common/file_system.h"

namespace ember::s3 {
namespace {

std::optional<std::string> Setting(const std::string& bucket, const std::string& option) {
  if (auto value = FileSystemSetting("fs.s3a.bucket." + bucket + "." + option)) return value;
  return FileSystemSetting("fs.s3a." + option);
}

std::optional<std::string> Environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// Hadoop durations: "500", "500ms", "2s".
int64_t ParseMillis(const std::string& text) {
  try {
    size_t used = 0;
    int64_t value = std::stoll(text, &used);
    std::string unit = text.substr(used);
    if (unit == "s") return value * 1000;
    if (unit.empty() || unit == "ms") return value;
  } catch (const std::exception&) {
  }
  throw SparkError("INVALID_CONF_VALUE.TYPE_MISMATCH", "22022",
                   "The value '" + text + "' in the config \"fs.s3a.retry.interval\" is invalid.", {});
}

bool IsLoopbackOrIp(const std::string& host_port) {
  std::string host = host_port;
  if (!host.empty() && host[0] == '[') return true;  // IPv6 literal
  host = host.substr(0, host.find(':'));
  in_addr address;
  return host == "localhost" || inet_pton(AF_INET, host.c_str(), &address) == 1;
}

}  // namespace

S3Settings S3Settings::ForBucket(const std::string& bucket) {
  S3Settings settings;
  if (auto region = Setting(bucket, "endpoint.region")) {
    settings.region = *region;
  } else if (auto env = Environment("AWS_REGION")) {
    settings.region = *env;
  } else if (auto fallback = Environment("AWS_DEFAULT_REGION")) {
    settings.region = *fallback;
  }
  std::optional<std::string> endpoint = Setting(bucket, "endpoint");
  if (!endpoint) endpoint = Environment("AWS_ENDPOINT_URL_S3");
  if (!endpoint) endpoint = Environment("AWS_ENDPOINT_URL");
  if (endpoint) {
    std::string text = *endpoint;
    size_t separator = text.find("://");
    if (separator != std::string::npos) {
      settings.scheme = text.substr(0, separator);
      text = text.substr(separator + 3);
    } else if (auto ssl = Setting(bucket, "connection.ssl.enabled")) {
      settings.scheme = ParseConfigBool("fs.s3a.connection.ssl.enabled", *ssl) ? "https" : "http";
    }
    while (!text.empty() && text.back() == '/') text.pop_back();
    settings.host = text;
  } else {
    settings.host = "s3." + settings.region + ".amazonaws.com";
  }
  if (auto path_style = Setting(bucket, "path.style.access")) {
    settings.path_style = ParseConfigBool("fs.s3a.path.style.access", *path_style);
  } else {
    settings.path_style = IsLoopbackOrIp(settings.host);
  }
  auto access = Setting(bucket, "access.key");
  auto secret = Setting(bucket, "secret.key");
  auto provider = Setting(bucket, "aws.credentials.provider");
  if (provider && provider->find("AnonymousAWSCredentialsProvider") != std::string::npos) {
    // Public buckets: unsigned requests whatever the environment holds.
  } else if (access && secret) {
    settings.credentials = {*access, *secret, Setting(bucket, "session.token").value_or("")};
  } else if (auto env_access = Environment("AWS_ACCESS_KEY_ID")) {
    settings.credentials = {*env_access, Environment("AWS_SECRET_ACCESS_KEY").value_or(""),
                            Environment("AWS_SESSION_TOKEN").value_or("")};
  }
  if (auto limit = Setting(bucket, "retry.limit")) settings.retry_limit = std::max(0, std::stoi(*limit));
  if (auto interval = Setting(bucket, "retry.interval")) settings.retry_interval_ms = ParseMillis(*interval);
  if (auto size = Setting(bucket, "multipart.size")) {
    // S3 refuses parts below 5 MiB (except the last).
    settings.multipart_size = std::max<int64_t>(ParseByteSize(*size), 5 << 20);
  }
  return settings;
}

}  // namespace ember::s3
